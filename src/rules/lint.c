/* lint.c - what `sosrca rules lint` checks once the pack is parsed and its regexes compiled:
 * codes known to codes.list, the keys each kind of rule needs, samples present, until/borrow/
 * explains naming rules or codes that exist, no cause loop, and the fields that would break a
 * chain without a word (a title's {field}, a key, an explains/until/borrow field no rule
 * produces, a rule id in a check's SQL that is no rule). Rules stage (lint); samples.c runs the
 * samples themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules_internal.h"

/* ------------------------------------------------------------------ rules */

static void rerr(rca_diag *diag, const rule *ru, unsigned line, const char *fmt, const char *a,
                 const char *b)
    __attribute__((format(printf, 4, 0)));

/* Only literal formats are passed (see callers); bundle text never reaches here. */
static void rerr(rca_diag *diag, const rule *ru, unsigned line, const char *fmt, const char *a,
                 const char *b)
{
    char msg[1024];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
#pragma GCC diagnostic pop
    rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line ? line : ru->line, 1, NULL, "rule %s: %s",
              ru->id, msg);
}

rca_err rules_validate(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    for (size_t i = 0; i < r->nrules; i++) {
        rule *ru = &r->rules[i];
        const code_info *ci = rules_code(r, ru->code);
        if (ru->is_roles) {
            if (ru->code || ru->severity || ru->title || ru->nexplains || ru->nuntils ||
                ru->nborrows) {
                rerr(diag, ru, 0, "a roles check has no code, severity, title, explains, until "
                                  "or borrow: its rows give hosts their roles%s%s",
                     NULL, NULL);
                rc = RCA_ESYNTAX;
            }
        } else if (ru->is_coverage) {
            if (ru->code || ru->severity || ru->nexplains || ru->nuntils || ru->nborrows) {
                rerr(diag, ru, 0, "a coverage check has no code, severity, explains, until or "
                                  "borrow: its rows say what could not be examined%s%s",
                     NULL, NULL);
                rc = RCA_ESYNTAX;
            }
        } else if (ru->is_marker) {
            if (ru->code || ru->title || ru->nexplains) {
                rerr(diag, ru, 0, "a marker has no code, title or explains: it only marks lines "
                                  "for other rules%s%s", NULL, NULL);
                rc = RCA_ESYNTAX;
            }
        } else if (!ru->code) {
            rerr(diag, ru, 0, "has no code (see codes.list)%s%s", NULL, NULL);
            rc = RCA_ESYNTAX;
        } else if (!ci) {
            rerr(diag, ru, 0, "unknown code '%s' (not in codes.list)%s", ru->code, NULL);
            rc = RCA_ESYNTAX;
        } else {
            ru->cls = ci->cls;
        }
        if (!ru->severity && !ru->is_marker && !ru->is_coverage && !ru->is_roles) {
            rerr(diag, ru, 0, "has no severity%s%s", NULL, NULL);
            rc = RCA_ESYNTAX;
        }
        if (!ru->title && !ru->is_marker && !ru->is_roles) {
            rerr(diag, ru, 0, "has no title%s%s", NULL, NULL);
            rc = RCA_ESYNTAX;
        }
        if (ru->is_check && !ru->sql) {
            rerr(diag, ru, 0, "a check needs 'sql'%s%s", NULL, NULL);
            rc = RCA_ESYNTAX;
        }
        if (!ru->is_check) {
            if (!ru->nmatch) {
                rerr(diag, ru, 0, "a rule needs at least one 'match'%s%s", NULL, NULL);
                rc = RCA_ESYNTAX;
            }
            if (!ru->nservices && !ru->npaths) {
                rerr(diag, ru, 0, "a rule needs 'files' (service:NAME or path:GLOB)%s%s", NULL,
                     NULL);
                rc = RCA_ESYNTAX;
            }
            for (size_t k = 0; r->layout && k < ru->nservices; k++)
                if (!rca_layout_has_service(r->layout, ru->services[k])) {
                    rerr(diag, ru, 0, "files: no path in layout.map has service '%s'%s",
                         ru->services[k], NULL);
                    rc = RCA_ESYNTAX;
                }
        }
        int fire = 0, nofire = 0;
        for (size_t k = 0; k < ru->nsamples; k++)
            ru->samples[k].must_fire ? fire++ : nofire++;
        if (!fire || !nofire) {
            rerr(diag, ru, 0,
                 "needs at least one 'sample' (evidence that makes it fire) and one 'nosample' "
                 "(evidence that must not)%s%s",
                 NULL, NULL);
            rc = RCA_ESYNTAX;
        }
        for (size_t k = 0; k < ru->nuntils; k++) {
            const rule *m = rules_find(r, ru->untils[k].target);
            if (!m || !m->is_marker) {
                rerr(diag, ru, ru->untils[k].line, "until '%s': no marker by that name%s",
                     ru->untils[k].target, NULL);
                rc = RCA_ESYNTAX;
            }
        }
        for (size_t k = 0; k < ru->nborrows; k++) {
            link_clause *b = &ru->borrows[k];
            if (rules_find(r, b->target)) {
                b->target_is_code = 0;
            } else if (rules_code(r, b->target)) {
                b->target_is_code = 1;
            } else {
                rerr(diag, ru, b->line, "borrow from '%s': no rule or code by that name%s",
                     b->target, NULL);
                rc = RCA_ESYNTAX;
            }
        }
        for (size_t k = 0; k < ru->nexplains; k++) {
            cause_clause *c = &ru->explains[k];
            if (rules_find(r, c->target)) {
                c->target_is_code = 0;
            } else if (rules_code(r, c->target)) {
                c->target_is_code = 1;
            } else {
                rerr(diag, ru, c->line, "explains '%s': no rule or code by that name%s",
                     c->target, NULL);
                rc = RCA_ESYNTAX;
            }
        }
    }
    return rc;
}

/* ------------------------------------------------------------------ fields */

/* The fields every finding has, whatever its rule (engine.c: render_title and field_of), and the
 * fields a line rule's hits take from the log line's envelope (rules_match_one). */
static const char *const finding_fields[] = {"host", "count", "first", "last"};
static const char *const envelope_fields[] = {"instance", "req", "greq"};

/* A check's result columns that say where and when, not fields (engine.c: is_special_col). */
static int special_column(const char *name)
{
    return strcmp(name, "host_id") == 0 || strcmp(name, "file_id") == 0 ||
           strcmp(name, "lineno") == 0 || strcmp(name, "ts") == 0;
}

int rules_produces(const rule *ru, const char *name)
{
    for (size_t i = 0; i < RCA_ARRAY_LEN(finding_fields); i++)
        if (strcmp(finding_fields[i], name) == 0)
            return 1;
    if (ru->nuntils && strcmp(name, "until") == 0)
        return 1;
    /* engine.c render_titles: a blip of a rule with `for` or `min-count` */
    if ((ru->persist_s >= 0 || ru->min_count) && ru->nuntils &&
        strcmp(name, "recovered_after") == 0)
        return 1;
    for (size_t i = 0; i < ru->nborrows; i++)
        if (strcmp(ru->borrows[i].field, name) == 0)
            return 1;
    if (ru->is_check) {
        if (!ru->cols_known)
            return 1;
        for (size_t i = 0; i < ru->ncols; i++)
            if (!special_column(ru->cols[i]) && strcmp(ru->cols[i], name) == 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < RCA_ARRAY_LEN(envelope_fields); i++)
        if (strcmp(envelope_fields[i], name) == 0)
            return 1;
    for (size_t i = 0; i < ru->nmatch; i++)
        for (uint32_t g = 1; g <= ru->match[i].ncap; g++)
            if (ru->match[i].capnames && ru->match[i].capnames[g] &&
                strcmp(ru->match[i].capnames[g], name) == 0)
                return 1;
    return 0;
}

static void add_name(rca_buf *b, const char *name)
{
    /* each name once */
    size_t n = strlen(name);
    for (const char *p = b->p; p && (p = strstr(p, name)); p += n)
        if ((p == b->p || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return;
    rca_buf_printf(b, "%s%s", b->n ? ", " : "", name);
}

/* "port, agent, instance, req, greq, host, count, first, last": what ru can produce. */
static void describe_fields(rca_buf *b, const rule *ru)
{
    rca_buf_reset(b);
    if (ru->is_check) {
        for (size_t i = 0; i < ru->ncols; i++)
            if (!special_column(ru->cols[i]))
                add_name(b, ru->cols[i]);
    } else {
        for (size_t i = 0; i < ru->nmatch; i++)
            for (uint32_t g = 1; g <= ru->match[i].ncap; g++)
                if (ru->match[i].capnames && ru->match[i].capnames[g])
                    add_name(b, ru->match[i].capnames[g]);
        for (size_t i = 0; i < RCA_ARRAY_LEN(envelope_fields); i++)
            add_name(b, envelope_fields[i]);
    }
    for (size_t i = 0; i < ru->nborrows; i++)
        add_name(b, ru->borrows[i].field);
    for (size_t i = 0; i < RCA_ARRAY_LEN(finding_fields); i++)
        add_name(b, finding_fields[i]);
    if (ru->nuntils)
        add_name(b, "until");
}

static void field_error(rca_diag *diag, const rule *ru, const src_pos *pos, unsigned col,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An error at a field written at pos (col: its column, 0 when unknown). */
static void field_error(rca_diag *diag, const rule *ru, const src_pos *pos, unsigned col,
                        const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, pos->line ? pos->line : ru->line,
              pos->text ? col : 0, pos->text, "rule %s: %s", ru->id, msg);
}

/* The first rule named by target (a rule id, or every rule of a code) that cannot produce field,
 * or NULL when all can. */
static const rule *target_lacks(const rca_rules *r, const char *target, int is_code,
                                const char *field)
{
    for (size_t i = 0; i < r->nrules; i++) {
        const rule *t = &r->rules[i];
        if (is_code ? !t->code || strcmp(t->code, target) != 0 : strcmp(t->id, target) != 0)
            continue;
        if (!rules_produces(t, field))
            return t;
    }
    return NULL;
}

/* `KEYWORD TARGET on F=G ...`: F of this rule and G of the target must exist for a link to form. */
static int check_key_pairs(const rca_rules *r, const rule *ru, const char *keyword,
                           const char *target, int is_code, const key_pair *keys, size_t nkeys,
                           const src_pos *pos, rca_buf *have, rca_diag *diag)
{
    int ok = 1;
    for (size_t j = 0; j < nkeys; j++) {
        const key_pair *k = &keys[j];
        int renamed = strcmp(k->cause_field, k->effect_field) != 0;
        if (!rules_produces(ru, k->cause_field)) {
            describe_fields(have, ru);
            field_error(diag, ru, pos, k->col,
                        "%s %s on %s%s%s: this rule has no field '%s', so no finding of it is "
                        "ever linked (its fields: %s)",
                        keyword, target, k->cause_field, renamed ? "=" : "",
                        renamed ? k->effect_field : "", k->cause_field, have->p ? have->p : "");
            ok = 0;
        }
        const rule *t = target_lacks(r, target, is_code, k->effect_field);
        if (t) {
            describe_fields(have, t);
            char what[300] = "";
            if (is_code)
                snprintf(what, sizeof what, " (code %s)", target);
            field_error(diag, ru, pos,
                        k->col ? k->col + (renamed ? (unsigned)strlen(k->cause_field) + 1 : 0) : 0,
                        "%s %s on %s%s%s: rule %s%s has no field '%s' (its fields: %s)", keyword,
                        target, k->cause_field, renamed ? "=" : "",
                        renamed ? k->effect_field : "", t->id, what, k->effect_field,
                        have->p ? have->p : "");
            ok = 0;
        }
    }
    return ok;
}

/* Every {field} of a template (the title, the explanation, the remedy) is one the rule produces
 * (else the report shows "?"). */
static int check_template(const rule *ru, const char *what, const char *tpl, const src_pos *pos,
                          rca_buf *have, rca_diag *diag)
{
    int ok = 1;
    if (!tpl)
        return 1;
    for (const char *p = tpl; *p; p++) {
        if (*p != '{')
            continue;
        const char *close = strchr(p, '}');
        if (!close || close - p >= 64) /* render_title leaves such braces as they are */
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
        if (!rules_produces(ru, name)) {
            describe_fields(have, ru);
            /* a one-line value's column is known; a block's lines are not kept */
            unsigned col = pos->text ? pos->col + (unsigned)(p - tpl) : 0;
            field_error(diag, ru, pos, col,
                        "%s: {%s} is not a field of this rule; the report would show '?' (its "
                        "fields: %s)",
                        what, name, have->p ? have->p : "");
            ok = 0;
        }
        p = close;
    }
    return ok;
}

/* A roles check's rows say which host (host_id) has which roles (roles): without either column
 * it would give no host a role, and every check that asks for a controller would fall silent. */
static int check_roles_columns(const rule *ru, rca_diag *diag)
{
    static const char *const need[] = {"host_id", "roles"};
    int ok = 1;
    if (!ru->is_roles || !ru->cols_known)
        return 1;
    for (size_t k = 0; k < RCA_ARRAY_LEN(need); k++) {
        int found = 0;
        for (size_t i = 0; i < ru->ncols && !found; i++)
            found = strcmp(ru->cols[i], need[k]) == 0;
        if (!found) {
            rerr(diag, ru, ru->sql_line, "a roles check needs a result column '%s'%s", need[k],
                 "");
            ok = 0;
        }
    }
    return ok;
}

/* Every `key` field tells findings apart only if the rule has it: a line rule groups by its
 * captures, the instance and the host (engine: rules_match_one; the host is added to every key),
 * a check by its result columns only (engine: check_row; no host is added, so `key host` needs a
 * host column). Another name would merge findings without a word. */
static int check_keys(const rule *ru, rca_buf *have, rca_diag *diag)
{
    int ok = 1;
    if (ru->is_check && !ru->cols_known)
        return 1;
    for (size_t k = 0; k < ru->nkeys; k++) {
        const char *key = ru->keys[k];
        int found = !ru->is_check && strcmp(key, "host") == 0;
        if (ru->is_check) {
            for (size_t i = 0; i < ru->ncols && !found; i++)
                found = strcmp(ru->cols[i], key) == 0;
        } else {
            found |= strcmp(key, "instance") == 0;
            for (size_t i = 0; i < ru->nmatch && !found; i++)
                for (uint32_t g = 1; g <= ru->match[i].ncap && !found; g++)
                    found = ru->match[i].capnames && ru->match[i].capnames[g] &&
                            strcmp(ru->match[i].capnames[g], key) == 0;
        }
        if (!found) {
            rca_buf_reset(have);
            if (ru->is_check) {
                for (size_t i = 0; i < ru->ncols; i++)
                    add_name(have, ru->cols[i]);
            } else {
                for (size_t i = 0; i < ru->nmatch; i++)
                    for (uint32_t g = 1; g <= ru->match[i].ncap; g++)
                        if (ru->match[i].capnames && ru->match[i].capnames[g])
                            add_name(have, ru->match[i].capnames[g]);
                add_name(have, "instance");
                add_name(have, "host");
            }
            field_error(diag, ru, &ru->key_pos, ru->key_cols ? ru->key_cols[k] : 0,
                        "key: '%s' is nothing this rule can group by, so findings that differ in "
                        "it would be one (it can group by: %s)",
                        key, have->p ? have->p : "");
            ok = 0;
        }
    }
    return ok;
}

/* ---- rule ids in a check's SQL */

enum { TOK_WORD, TOK_STRING, TOK_OP, TOK_PUNCT };

typedef struct sql_tok {
    int kind;
    const char *p;         /* the token in the SQL text (a string: its opening quote) */
    size_t n;
    unsigned line, col;    /* 0-based line of the SQL text, 0-based column in that line */
} sql_tok;

/* Cut SQL into words, strings, comparison operators and punctuation; comments and blanks go. */
static rca_err sql_tokens(const char *sql, sql_tok **out, size_t *nout)
{
    sql_tok *t = NULL;
    size_t n = 0, cap = 0;
    unsigned line = 0;
    const char *bol = sql;
    for (const char *p = sql; *p;) {
        if (*p == '\n') {
            line++;
            bol = ++p;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            p++;
            continue;
        }
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                if (*p == '\n') {
                    line++;
                    bol = p + 1;
                }
            p += *p ? 2 : 0;
            continue;
        }
        sql_tok k = {TOK_PUNCT, p, 1, line, (unsigned)(p - bol)};
        if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
            char close = *p == '[' ? ']' : *p;
            const char *q = p + 1;
            for (; *q; q++) {
                if (*q == close && q[1] == close && close != ']') {
                    q++;
                    continue;
                }
                if (*q == close)
                    break;
                if (*q == '\n') {
                    line++;
                    bol = q + 1;
                }
            }
            k.kind = *p == '\'' ? TOK_STRING : TOK_WORD; /* "rule" is the column rule */
            k.p = *p == '\'' ? p : p + 1;
            k.n = *p == '\'' ? (size_t)(q - p) : (size_t)(q - p - 1);
            p = *q ? q + 1 : q;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
                   (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80) {
            const char *q = p;
            while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' ||
                   (*q >= '0' && *q <= '9') || *q == '$' || (unsigned char)*q >= 0x80)
                q++;
            k.kind = TOK_WORD;
            k.n = (size_t)(q - p);
            p = q;
        } else if (strncmp(p, "==", 2) == 0 || strncmp(p, "!=", 2) == 0 ||
                   strncmp(p, "<>", 2) == 0) {
            k.kind = TOK_OP;
            k.n = 2;
            p += 2;
        } else if (*p == '=') {
            k.kind = TOK_OP;
            p++;
        } else {
            p++;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            sql_tok *nt = realloc(t, nc * sizeof *nt);
            if (!nt) {
                free(t);
                return RCA_ENOMEM;
            }
            t = nt;
            cap = nc;
        }
        t[n++] = k;
    }
    *out = t;
    *nout = n;
    return RCA_OK;
}

static int tok_is(const sql_tok *t, const char *word)
{
    return t->kind == TOK_WORD && t->n == strlen(word) && strncasecmp(t->p, word, t->n) == 0;
}

static int tok_punct(const sql_tok *t, char c)
{
    return t->kind == TOK_PUNCT && t->p[0] == c;
}

/* The text of a quoted SQL string without its quotes (cut at sizeof id). */
static void sql_string_text(const sql_tok *t, char *id, size_t size)
{
    size_t n = t->n > 1 ? t->n - 1 : 0; /* without the quotes */
    if (n >= size)
        n = size - 1;
    snprintf(id, size, "%.*s", (int)n, t->p + 1);
}

/* An error located at a string of a check's SQL, with its source line for the caret. */
static void sql_string_error(rca_diag *diag, const rule *ru, const sql_tok *t, const char *before,
                             const char *id, const char *after)
{
    const char *bol = t->p;
    while (bol > ru->sql && bol[-1] != '\n')
        bol--;
    char src[512];
    if (ru->sql_src)
        snprintf(src, sizeof src, "%s", ru->sql_src);
    else
        snprintf(src, sizeof src, "%*s%.*s", (int)(ru->sql_col ? ru->sql_col - 1 : 0), "",
                 (int)strcspn(bol, "\n"), bol);
    rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, ru->sql_line + t->line,
              ru->sql_col ? ru->sql_col + t->col : 0, src, "rule %s: %s '%s'%s", ru->id,
              before, id, after);
}

/* A rule id written in the SQL as a string compared with a column named rule must name a rule of
 * the pack: the check would read hits that never come. */
static int check_sql_string(const rca_rules *r, const rule *ru, const sql_tok *t, rca_diag *diag)
{
    char id[256];
    sql_string_text(t, id, sizeof id);
    if (strstr(id, "''") || rules_find(r, id))
        return 1;
    sql_string_error(diag, ru, t, "the SQL compares a rule column with", id,
                     ", which is no rule of the pack (renamed or removed?)");
    return 0;
}

/* Every quoted string of the SQL that is a rule, marker or code of the pack must be declared by
 * the check's `reads`: the declaration is what lint resolves when a rule is renamed, wherever
 * the SQL uses the id (a CASE, a join, a column other than `rule`). */
static int check_sql_declared(const rca_rules *r, const rule *ru, const sql_tok *t,
                              rca_diag *diag)
{
    char id[256];
    sql_string_text(t, id, sizeof id);
    if (!rules_find(r, id) && !rules_code(r, id))
        return 1;
    for (size_t k = 0; k < ru->nreads; k++)
        if (strcmp(ru->reads[k].id, id) == 0)
            return 1;
    sql_string_error(diag, ru, t, "the SQL reads", id,
                     ", a rule or code of the pack, without declaring it in 'reads' (add it "
                     "there, so that lint follows a rename)");
    return 0;
}

/* Each id a check declares with `reads` is a rule, marker or code of the pack. */
static int check_reads(const rca_rules *r, const rule *ru, rca_diag *diag)
{
    int ok = 1;
    for (size_t k = 0; k < ru->nreads; k++) {
        const read_ref *d = &ru->reads[k];
        if (rules_find(r, d->id) || rules_code(r, d->id))
            continue;
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, d->pos.line, d->pos.col, d->pos.text,
                  "rule %s: reads '%s': no rule, marker or code by that name (renamed or "
                  "removed?)",
                  ru->id, d->id);
        ok = 0;
    }
    return ok;
}

/* Every quoted id of the SQL declared, and each id compared with a rule column a rule: `[x.]rule =
 * 'id'`, `'id' = [x.]rule` (also ==, !=, <>), `[x.]rule [NOT] IN ('id', ...)`. Returns RCA_ESYNTAX when
 * one is not (reported to diag). */
static rca_err check_sql_rules(const rca_rules *r, const rule *ru, rca_diag *diag)
{
    sql_tok *t;
    size_t n;
    int ok = 1;
    rca_err rc = sql_tokens(ru->sql, &t, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind == TOK_STRING)
            ok &= check_sql_declared(r, ru, &t[i], diag);
        if (!tok_is(&t[i], "rule"))
            continue;
        size_t j = i + 1;
        if (j + 1 < n && t[j].kind == TOK_OP && t[j + 1].kind == TOK_STRING)
            ok &= check_sql_string(r, ru, &t[j + 1], diag);
        if (j < n && tok_is(&t[j], "not"))
            j++;
        if (j + 1 < n && tok_is(&t[j], "in") && tok_punct(&t[j + 1], '(')) {
            for (j += 2; j < n && !tok_punct(&t[j], ')'); j++) {
                if (t[j].kind == TOK_STRING)
                    ok &= check_sql_string(r, ru, &t[j], diag);
                else if (!tok_punct(&t[j], ','))
                    break; /* a subquery or an expression: not a list of ids */
            }
        }
        /* the other way round: 'id' = x.rule */
        size_t k = i;
        if (k >= 2 && tok_punct(&t[k - 1], '.') && t[k - 2].kind == TOK_WORD)
            k -= 2;
        if (k >= 2 && t[k - 1].kind == TOK_OP && t[k - 2].kind == TOK_STRING)
            ok &= check_sql_string(r, ru, &t[k - 2], diag);
    }
    free(t);
    return ok ? RCA_OK : RCA_ESYNTAX;
}

rca_err rules_check_fields(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK, mrc = RCA_OK;
    rca_buf have;
    rca_buf_init(&have);
    for (size_t i = 0; i < r->nrules && !mrc; i++) {
        const rule *ru = &r->rules[i];
        int ok = check_template(ru, "title", ru->title, &ru->title_pos, &have, diag);
        ok &= check_template(ru, "explain", ru->explain, &ru->explain_pos, &have, diag);
        ok &= check_template(ru, "remedy", ru->remedy, &ru->remedy_pos, &have, diag);
        if (ru->has_keys)
            ok &= check_keys(ru, &have, diag);
        for (size_t k = 0; k < ru->nexplains; k++) {
            const cause_clause *c = &ru->explains[k];
            ok &= check_key_pairs(r, ru, "explains", c->target, c->target_is_code, c->keys,
                                  c->nkeys, &c->pos, &have, diag);
        }
        for (size_t k = 0; k < ru->nuntils; k++) {
            const link_clause *u = &ru->untils[k];
            ok &= check_key_pairs(r, ru, "until", u->target, 0, u->keys, u->nkeys, &u->pos, &have,
                                  diag);
        }
        for (size_t k = 0; k < ru->nborrows; k++) {
            const link_clause *b = &ru->borrows[k];
            ok &= check_key_pairs(r, ru, "borrow from", b->target, b->target_is_code, b->keys,
                                  b->nkeys, &b->pos, &have, diag);
            const rule *t = target_lacks(r, b->target, b->target_is_code, b->src_field);
            if (t) {
                describe_fields(&have, t);
                field_error(diag, ru, &b->pos, b->pos.col,
                            "borrow %s=%s from %s: rule %s has no field '%s' to copy (its "
                            "fields: %s)",
                            b->field, b->src_field, b->target, t->id, b->src_field,
                            have.p ? have.p : "");
                ok = 0;
            }
        }
        ok &= check_reads(r, ru, diag);
        ok &= check_roles_columns(ru, diag);
        if (ru->is_check && ru->sql) {
            rca_err src = check_sql_rules(r, ru, diag);
            if (src == RCA_ESYNTAX)
                ok = 0;
            else if (src)
                mrc = src;
        }
        if (!ok)
            rc = RCA_ESYNTAX;
    }
    rca_buf_free(&have);
    return mrc ? mrc : rc;
}

/* ------------------------------------------------------------------ cause loops */

/* One `explains` edge between rules: clause k of rule `from` names rule `to` (or its code). */
typedef struct cause_edge {
    size_t from, to, clause;
} cause_edge;

/* "A explains B (file:line)" for one edge of a loop, naming the code when the clause names one. */
static void describe_edge(rca_buf *b, const rca_rules *r, const cause_edge *ed)
{
    const rule *from = &r->rules[ed->from], *to = &r->rules[ed->to];
    const cause_clause *c = &from->explains[ed->clause];
    if (c->target_is_code)
        rca_buf_printf(b, "%s explains %s, the code of %s (%s:%u)", from->id, c->target, to->id,
                       from->file, c->line);
    else
        rca_buf_printf(b, "%s explains %s (%s:%u)", from->id, to->id, from->file, c->line);
}

/* A cause that is, through `explains`, its own effect makes no sense as a root cause, and each
 * loop is an error located at its first clause. Depth-first search over rules; a back edge closes
 * one loop (the rules on the path from its target to the top). Iterative: a pack may be big. */
rca_err rules_check_cause_loops(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    size_t n = r->nrules, ne = 0, cape = 0;
    cause_edge *edges = NULL;
    size_t *first = calloc(n + 1, sizeof *first); /* edges of rule i: first[i] .. first[i+1]-1 */
    unsigned char *state = calloc(n ? n : 1, 1);   /* 0 not seen, 1 on the path, 2 done */
    size_t *path = malloc((n ? n : 1) * sizeof *path), *next = malloc((n ? n : 1) * sizeof *next);
    size_t *pos = malloc((n ? n : 1) * sizeof *pos), *via = malloc((n ? n : 1) * sizeof *via);
    rca_buf msg;
    rca_buf_init(&msg);
    if (!first || !state || !path || !next || !pos || !via) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t i = 0; i < n; i++) {
        first[i] = ne;
        const rule *ru = &r->rules[i];
        for (size_t k = 0; k < ru->nexplains; k++) {
            const cause_clause *c = &ru->explains[k];
            for (size_t j = 0; j < n; j++) {
                const rule *t = &r->rules[j];
                if (c->target_is_code ? !t->code || strcmp(t->code, c->target) != 0
                                      : strcmp(t->id, c->target) != 0)
                    continue;
                if (ne == cape) {
                    size_t nc = cape ? cape * 2 : 64;
                    cause_edge *ng = realloc(edges, nc * sizeof *ng);
                    if (!ng) {
                        rc = RCA_ENOMEM;
                        goto end;
                    }
                    edges = ng;
                    cape = nc;
                }
                edges[ne++] = (cause_edge){i, j, k};
            }
        }
    }
    first[n] = ne;
    for (size_t root = 0; root < n; root++) {
        if (state[root])
            continue;
        size_t depth = 0;
        path[depth] = root;
        next[depth] = first[root];
        pos[root] = depth++;
        state[root] = 1;
        while (depth) {
            size_t node = path[depth - 1];
            if (next[depth - 1] == first[node + 1]) {
                state[node] = 2;
                depth--;
                continue;
            }
            size_t e = next[depth - 1]++;
            size_t to = edges[e].to;
            if (state[to] == 0) {
                via[depth] = e;
                path[depth] = to;
                next[depth] = first[to];
                pos[to] = depth++;
                state[to] = 1;
                continue;
            }
            if (state[to] == 2)
                continue;
            /* a loop: path[pos[to]] .. path[depth-1], closed by edge e */
            rca_buf_reset(&msg);
            for (size_t d = pos[to] + 1; d < depth; d++) {
                describe_edge(&msg, r, &edges[via[d]]);
                rca_buf_adds(&msg, ", ");
            }
            describe_edge(&msg, r, &edges[e]);
            if (!msg.p) {
                rc = RCA_ENOMEM;
                goto end;
            }
            const cause_edge *at = pos[to] + 1 < depth ? &edges[via[pos[to] + 1]] : &edges[e];
            const rule *ru = &r->rules[at->from];
            rerr(diag, ru, ru->explains[at->clause].line,
                 "cause loop: %s; a cause cannot be its own effect (remove one of these "
                 "'explains')%s",
                 msg.p, NULL);
            rc = RCA_ESYNTAX;
        }
    }
end:
    rca_buf_free(&msg);
    free(edges);
    free(first);
    free(state);
    free(path);
    free(next);
    free(pos);
    free(via);
    return rc;
}
