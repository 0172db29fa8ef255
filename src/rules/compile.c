/* compile.c - loading a rule pack, compiling its regexes once (PCRE2 with JIT), checking it the way
 * `sosrca rules lint` reports (unknown codes, causes naming missing rules, cause loops, missing
 * samples, bad SQL, and the fields that would break a chain without a word: a title's {field}, a
 * key, an explains/until/borrow field no rule produces, a rule id in a check's SQL that is no
 * rule), and running line rules on parsed log lines with a literal prefilter so that
 * most regexes never run: one scan of the message by the automaton over the literals of the
 * file's rules (prefilter.c) tells which rules can match. Rules stage.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "rules_internal.h"

enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

/* A file whose rules have fewer literals than this tests them one by one with memmem: glibc's
 * memmem skips through a message faster than the automaton's byte-by-byte scan for a few
 * literals (callgrind on the bench bundle: ~250 instructions per rule and line against ~7 per
 * byte of message; the shipped pack has 1 to 5 rules per service). */
enum { PREFILTER_MIN_LITERALS = 5 };

/* ------------------------------------------------------------------ files */

static rca_err read_file(const char *path, rca_buf *out, rca_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "cannot open: %s",
                  strerror(errno));
        return RCA_EIO;
    }
    char tmp[8192];
    size_t n;
    rca_err rc = RCA_OK;
    rca_buf_reset(out);
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        if ((rc = rca_buf_add(out, tmp, n)))
            break;
    if (!rc && ferror(f))
        rc = RCA_EIO;
    fclose(f);
    if (!rc && !out->p)
        rc = rca_buf_add(out, "", 0);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.rules file under dir, sorted, recursively. */
static rca_err collect_rule_files(const char *dir, char ***list, size_t *n, size_t *cap, int depth)
{
    if (depth > 8)
        return RCA_OK;
    DIR *d = opendir(dir);
    if (!d)
        return RCA_EIO;
    struct dirent *de;
    rca_err rc = RCA_OK;
    while ((de = readdir(d)) && !rc) {
        if (de->d_name[0] == '.')
            continue;
        char full[4096];
        if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, de->d_name) >= sizeof full)
            continue;
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rc = collect_rule_files(full, list, n, cap, depth + 1);
        } else if (S_ISREG(st.st_mode) && rca_ends_with(de->d_name, ".rules")) {
            if (*n == *cap) {
                size_t nc = *cap ? *cap * 2 : 32;
                char **nl = realloc(*list, nc * sizeof *nl);
                if (!nl) {
                    rc = RCA_ENOMEM;
                    break;
                }
                *list = nl;
                *cap = nc;
            }
            (*list)[*n] = strdup(full);
            if (!(*list)[*n])
                rc = RCA_ENOMEM;
            else
                (*n)++;
        }
    }
    closedir(d);
    return rc;
}

/* ------------------------------------------------------------------ literals */

/* Skip a parenthesised group or a character class starting at p; returns the char after it. */
static const char *skip_group(const char *p)
{
    char open = *p, close = open == '(' ? ')' : ']';
    int depth = 0;
    int in_class = 0;
    if (open == '[') {
        /* a ']' right after '[' or '[^' is a member, not the end */
        p++;
        if (*p == '^')
            p++;
        if (*p == ']')
            p++;
        for (; *p; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                continue;
            }
            if (*p == '[' && p[1] == ':') { /* [:alpha:] */
                const char *e = strstr(p + 2, ":]");
                if (e) {
                    p = e + 1;
                    continue;
                }
            }
            if (*p == ']')
                return p + 1;
        }
        return p;
    }
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (open == '(') {
            if (in_class) {
                if (*p == ']')
                    in_class = 0;
                continue;
            }
            if (*p == '[') {
                in_class = 1;
                if (p[1] == ']')
                    p++;
                continue;
            }
        } else if (depth == 1 && *p == close && p[-1] != '[') {
            return p + 1;
        }
        if (*p == open && (open == '(' || depth == 0))
            depth++;
        else if (*p == close && open == '(' && --depth == 0)
            return p + 1;
    }
    return p;
}

char *rules_required_literal(rca_arena *a, const char *re)
{
    char best[256] = "", cur[256] = "";
    size_t bn = 0, cn = 0;
    const char *p = re;
    /* a top-level alternation means no single literal is required */
    for (const char *q = re; *q;) {
        if (*q == '\\' && q[1]) {
            q += 2;
            continue;
        }
        if (*q == '(' || *q == '[') {
            q = skip_group(q);
            continue;
        }
        if (*q == '|')
            return NULL;
        q++;
    }
    /* verbs, and inline flags that change what a literal means (caseless, extended) */
    if (strstr(re, "(*"))
        return NULL;
    for (const char *q = strstr(re, "(?"); q; q = strstr(q + 2, "(?")) {
        const char *f = q + 2;
        while (*f && ((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z') || *f == '-' ||
                      *f == '^'))
            f++;
        if ((*f == ')' || *f == ':') && (memchr(q + 2, 'i', (size_t)(f - q - 2)) ||
                                        memchr(q + 2, 'x', (size_t)(f - q - 2))))
            return NULL;
    }
#define FLUSH()                                                                                    \
    do {                                                                                           \
        if (cn > bn) {                                                                             \
            memcpy(best, cur, cn);                                                                 \
            bn = cn;                                                                               \
        }                                                                                          \
        cn = 0;                                                                                    \
    } while (0)
    while (*p) {
        char c = *p;
        char lit = 0;
        const char *next = p + 1;
        if (c == '\\') {
            char e = p[1];
            if (!e)
                break;
            next = p + 2;
            if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
                /* \d \s \b, \x41, \101, \k<name>, \p{L} ...: not a literal character, and
                 * what follows the letter belongs to it */
                FLUSH();
                if (e == 'Q' || e == 'E')
                    return NULL;
                if (*next == '{') {
                    while (*next && *next != '}')
                        next++;
                    if (*next)
                        next++;
                } else if ((e == 'k' || e == 'g') && (*next == '<' || *next == '\'')) {
                    char close = *next == '<' ? '>' : '\'';
                    next++;
                    while (*next && *next != close)
                        next++;
                    if (*next)
                        next++;
                } else if (e == 'x') {
                    for (int k = 0; k < 2 && isxdigit((unsigned char)*next); k++)
                        next++;
                } else if (e == 'c' && *next) {
                    next++;
                } else if (e >= '0' && e <= '9') {
                    while (*next >= '0' && *next <= '9')
                        next++;
                } else if (e == 'g') {
                    if (*next == '-' || *next == '+')
                        next++;
                    while (*next >= '0' && *next <= '9')
                        next++;
                }
                p = next;
                continue;
            }
            lit = e;
        } else if (c == '(' || c == '[') {
            FLUSH();
            next = skip_group(p);
            /* a group that must match (capturing, named or (?:...), not a lookaround, no
             * quantifier) contributes its own required literal */
            int optional = *next == '*' || *next == '?' || (*next == '{' && next[1] == '0');
            if (c == '(' && !optional && (p[1] != '?' || p[2] == ':' || p[2] == '<' || p[2] == 'P') &&
                !(p[1] == '?' && p[2] == '<' && (p[3] == '=' || p[3] == '!'))) {
                const char *body = p + 1;
                if (p[1] == '?' && p[2] == ':')
                    body = p + 3;
                else if (p[1] == '?' && (p[2] == '<' || p[2] == 'P')) {
                    const char *gt = strchr(p, '>');
                    body = gt && gt < next ? gt + 1 : next - 1;
                }
                size_t blen = next > body ? (size_t)(next - 1 - body) : 0;
                char inner[256];
                if (blen < sizeof inner) {
                    memcpy(inner, body, blen);
                    inner[blen] = '\0';
                    char *glit = rules_required_literal(a, inner);
                    if (glit && strlen(glit) > bn && strlen(glit) < sizeof best) {
                        bn = strlen(glit);
                        memcpy(best, glit, bn);
                    }
                }
            }
            /* a quantifier after the group */
            if (*next == '*' || *next == '?' || *next == '+' || *next == '{') {
                while (*next && *next != '}' && (*next == '{' || *next == ',' ||
                                                 (*next >= '0' && *next <= '9')))
                    next++;
                if (*next == '}' || *next == '*' || *next == '?' || *next == '+')
                    next++;
            }
            p = next;
            continue;
        } else if (c == '.' || c == '^' || c == '$') {
            FLUSH();
            p = next;
            continue;
        } else if (c == '*' || c == '?' || (c == '{' && (p[1] == '0' || p[1] == ','))) {
            /* the previous character is optional */
            if (cn)
                cn--;
            FLUSH();
            while (*next && (c == '{') && *next != '}')
                next++;
            if (c == '{' && *next == '}')
                next++;
            if (*next == '?' || *next == '+')
                next++;
            p = next;
            continue;
        } else if (c == '+' || c == '{') {
            FLUSH();
            while (*next && c == '{' && *next != '}')
                next++;
            if (c == '{' && *next == '}')
                next++;
            if (*next == '?' || *next == '+')
                next++;
            p = next;
            continue;
        } else {
            lit = c;
        }
        /* a quantifier on this character makes it optional or repeated */
        if (*next == '*' || *next == '?' || (*next == '{' && (next[1] == '0' || next[1] == ','))) {
            FLUSH();
            p = next;
            continue;
        }
        if (cn < sizeof cur - 1)
            cur[cn++] = lit;
        p = next;
    }
    FLUSH();
#undef FLUSH
    if (bn < 3)
        return NULL;
    return rca_arena_strndup(a, best, bn);
}

/* ------------------------------------------------------------------ compile and check */

static rca_err compile_rule(rca_rules *r, rule *ru, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    uint32_t max_cap = 0;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        int err;
        PCRE2_SIZE off;
        /* Byte semantics, not UTF: log lines carry invalid UTF-8, and under PCRE2_UTF an invalid
         * sequence matches nothing (not even [^)]*), which would lose evidence silently. */
        m->re = pcre2_compile((PCRE2_SPTR)m->src, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
        if (!m->re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, m->line, m->col + (unsigned)off,
                      m->line_text,
                      "rule %s: bad regex: %s", ru->id, (const char *)msg);
            rc = RCA_ESYNTAX;
            continue;
        }
        pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if no JIT */
        uint32_t cc = 0;
        pcre2_pattern_info(m->re, PCRE2_INFO_CAPTURECOUNT, &cc);
        if (cc > max_cap)
            max_cap = cc;
        if (!m->literal) {
            m->literal = rules_required_literal(r->arena, m->src);
            m->literal_len = m->literal ? strlen(m->literal) : 0;
        }
    }
    if (rc)
        return rc;
    ru->ncap = max_cap;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        uint32_t cc = 0, count = 0, entry = 0;
        PCRE2_SPTR table;
        pcre2_pattern_info(m->re, PCRE2_INFO_CAPTURECOUNT, &cc);
        m->ncap = cc;
        m->capnames = rca_arena_alloc(r->arena, (cc + 1) * sizeof *m->capnames);
        if (!m->capnames)
            return RCA_ENOMEM;
        memset(m->capnames, 0, (cc + 1) * sizeof *m->capnames);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMECOUNT, &count);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMEENTRYSIZE, &entry);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMETABLE, &table);
        for (uint32_t k = 0; k < count; k++) {
            const unsigned char *e = table + k * entry;
            uint32_t grp = ((uint32_t)e[0] << 8) | e[1];
            if (grp <= cc && !m->capnames[grp])
                m->capnames[grp] = rca_arena_strdup(r->arena, (const char *)e + 2);
        }
    }
    if (ru->nmatch) {
        ru->md = pcre2_match_data_create(max_cap + 1, NULL);
        if (!ru->md)
            return RCA_ENOMEM;
    }
    return RCA_OK;
}

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

static rca_err validate(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    for (size_t i = 0; i < r->nrules; i++) {
        rule *ru = &r->rules[i];
        const code_info *ci = rules_code(r, ru->code);
        if (ru->is_coverage) {
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
        if (!ru->severity && !ru->is_marker && !ru->is_coverage) {
            rerr(diag, ru, 0, "has no severity%s%s", NULL, NULL);
            rc = RCA_ESYNTAX;
        }
        if (!ru->title && !ru->is_marker) {
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

/* Every {field} of the title is one the rule produces (else the report shows "?"). */
static int check_title(const rule *ru, rca_buf *have, rca_diag *diag)
{
    int ok = 1;
    if (!ru->title)
        return 1;
    for (const char *p = ru->title; *p; p++) {
        if (*p != '{')
            continue;
        const char *close = strchr(p, '}');
        if (!close || close - p >= 64) /* render_title leaves such braces as they are */
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
        if (!rules_produces(ru, name)) {
            describe_fields(have, ru);
            field_error(diag, ru, &ru->title_pos, ru->title_pos.col + (unsigned)(p - ru->title),
                        "title: {%s} is not a field of this rule; the report would show '?' (its "
                        "fields: %s)",
                        name, have->p ? have->p : "");
            ok = 0;
        }
        p = close;
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

/* A rule id written in the SQL as a string compared with a column named rule must name a rule of
 * the pack: the check would read hits that never come. */
static int check_sql_string(const rca_rules *r, const rule *ru, const sql_tok *t, rca_diag *diag)
{
    char id[256];
    size_t n = t->n > 1 ? t->n - 1 : 0; /* without the quotes */
    if (n >= sizeof id)
        n = sizeof id - 1;
    snprintf(id, sizeof id, "%.*s", (int)n, t->p + 1);
    if (strstr(id, "''") || rules_find(r, id))
        return 1;
    /* the source line of the string, for the caret */
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
              ru->sql_col ? ru->sql_col + t->col : 0, src,
              "rule %s: the SQL compares a rule column with '%s', which is no rule of the pack "
              "(renamed or removed?)",
              ru->id, id);
    return 0;
}

/* `[x.]rule = 'id'`, `'id' = [x.]rule` (also ==, !=, <>), `[x.]rule [NOT] IN ('id', ...)`. */
static int check_sql_rules(const rca_rules *r, const rule *ru, rca_diag *diag, rca_err *rc)
{
    sql_tok *t;
    size_t n;
    int ok = 1;
    if ((*rc = sql_tokens(ru->sql, &t, &n)))
        return 0;
    for (size_t i = 0; i < n; i++) {
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
    return ok;
}

rca_err rules_check_fields(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK, mrc = RCA_OK;
    rca_buf have;
    rca_buf_init(&have);
    for (size_t i = 0; i < r->nrules && !mrc; i++) {
        const rule *ru = &r->rules[i];
        int ok = check_title(ru, &have, diag);
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
        if (ru->is_check && ru->sql)
            ok &= check_sql_rules(r, ru, diag, &mrc);
        if (!ok)
            rc = RCA_ESYNTAX;
    }
    rca_buf_free(&have);
    return mrc ? mrc : rc;
}

/* ------------------------------------------------------------------ literal numbers */

static int cmp_literal(const void *a, const void *b)
{
    const rule_match *x = *(rule_match *const *)a, *y = *(rule_match *const *)b;
    if (x->literal_len != y->literal_len)
        return x->literal_len < y->literal_len ? -1 : 1;
    return memcmp(x->literal, y->literal, x->literal_len);
}

/* Number the distinct literals of the pack's matches (rule_match.lit_id) and make room for the
 * prefilter's per-line state: a literal's bit in lit_found says it occurs in the message. */
static rca_err number_literals(rca_rules *r)
{
    rca_err rc = RCA_OK;
    size_t n = 0;
    for (size_t i = 0; i < r->nrules; i++)
        for (size_t k = 0; k < r->rules[i].nmatch; k++)
            n += r->rules[i].match[k].literal_len > 0;
    rule_match **all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return RCA_ENOMEM;
    n = 0;
    for (size_t i = 0; i < r->nrules; i++)
        for (size_t k = 0; k < r->rules[i].nmatch; k++)
            if (r->rules[i].match[k].literal_len)
                all[n++] = &r->rules[i].match[k];
    if (n > 1)
        qsort(all, n, sizeof *all, cmp_literal);
    r->nlits = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cmp_literal(&all[i - 1], &all[i]) != 0)
            r->nlits++;
        all[i]->lit_id = (uint32_t)r->nlits;
    }
    if (n)
        r->nlits++;
    size_t lwords = (r->nlits + 63) / 64 + 1, rwords = (r->nrules + 63) / 64 + 1;
    if (!(r->lit_found = calloc(lwords, sizeof *r->lit_found)) ||
        !(r->lit_seen = calloc(lwords, sizeof *r->lit_seen)) ||
        !(r->lit_hits = calloc(r->nlits + 1, sizeof *r->lit_hits)) ||
        !(r->cand = calloc(rwords, sizeof *r->cand)))
        rc = RCA_ENOMEM;
    free(all);
    return rc;
}

/* ------------------------------------------------------------------ filesets */

static void fileset_free(struct rca_fileset *fs)
{
    if (!fs->borrowed) {
        free(fs->rules);
        rules_prefilter_free(fs->pf);
        free(fs->lit_id);
        free(fs->lit_rules);
        free(fs->always);
    }
    free(fs->service);
    free(fs->path);
    free(fs);
}

/* The automaton over the literals of fs's rules, and which rules each literal lets through. A
 * set with fewer than min_literals literals, or that it cannot be built for (no memory, too
 * large), keeps pf NULL: every rule is then tried and tests its literals with memmem, with the
 * same findings. */
static void fileset_prefilter(rca_rules *r, struct rca_fileset *fs, size_t min_literals)
{
    rca_err rc = RCA_OK;
    size_t nl = 0;
    fs->rwords = (fs->n + 63) / 64;
    uint32_t *local = malloc((r->nlits ? r->nlits : 1) * sizeof *local); /* lit_id -> index */
    const char **lits = malloc((r->nlits ? r->nlits : 1) * sizeof *lits);
    size_t *lens = malloc((r->nlits ? r->nlits : 1) * sizeof *lens);
    fs->always = calloc(fs->rwords ? fs->rwords : 1, sizeof *fs->always);
    fs->lit_id = malloc((r->nlits ? r->nlits : 1) * sizeof *fs->lit_id);
    if (!local || !lits || !lens || !fs->always || !fs->lit_id) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t i = 0; i < r->nlits; i++)
        local[i] = UINT32_MAX;
    for (size_t i = 0; i < fs->n; i++)
        for (size_t k = 0; k < fs->rules[i]->nmatch; k++) {
            const rule_match *m = &fs->rules[i]->match[k];
            if (!m->literal_len) {
                fs->always[i / 64] |= UINT64_C(1) << (i % 64);
            } else if (local[m->lit_id] == UINT32_MAX) {
                local[m->lit_id] = (uint32_t)nl;
                lits[nl] = m->literal;
                lens[nl] = m->literal_len;
                fs->lit_id[nl++] = m->lit_id;
            }
        }
    if (!nl || nl < min_literals)
        goto end;
    if (!(fs->lit_rules = calloc(nl * fs->rwords, sizeof *fs->lit_rules))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t i = 0; i < fs->n; i++)
        for (size_t k = 0; k < fs->rules[i]->nmatch; k++) {
            const rule_match *m = &fs->rules[i]->match[k];
            if (m->literal_len)
                fs->lit_rules[local[m->lit_id] * fs->rwords + i / 64] |= UINT64_C(1) << (i % 64);
        }
    rc = rules_prefilter_new(lits, lens, nl, &fs->pf);
end:
    if (rc || !fs->pf) {
        free(fs->lit_id);
        free(fs->lit_rules);
        free(fs->always);
        fs->lit_id = NULL;
        fs->lit_rules = fs->always = NULL;
        fs->pf = NULL;
    }
    free(local);
    free(lits);
    free(lens);
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
static rca_err check_cause_loops(rca_rules *r, rca_diag *diag)
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

/* ------------------------------------------------------------------ load */

rca_err rca_rules_load(const char *dir, int check_samples, rca_diag *diag, rca_rules **out)
{
    rca_err rc = RCA_OK, first = RCA_OK;
    rca_rules *r = calloc(1, sizeof *r);
    char **files = NULL;
    size_t nfiles = 0, capfiles = 0;
    rca_buf text, path;
    rca_buf_init(&text);
    rca_buf_init(&path);
    if (!r || !(r->arena = rca_arena_new())) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    rca_buf_init(&r->scratch);
    rca_buf_init(&r->grp);
    if (!(r->mctx = pcre2_match_context_create(NULL))) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rca_diagf(diag, RCA_DIAG_ERROR, dir, NULL, 0, 0, NULL, "not a rule pack folder: %s",
                  strerror(errno ? errno : ENOTDIR));
        rc = RCA_EIO;
        goto fail;
    }
    rca_buf_printf(&path, "%s/codes.list", dir);
    if ((rc = read_file(path.p, &text, diag)) ||
        (rc = rules_parse_codes(r, path.p, text.p, text.n, diag)))
        first = first ? first : rc;
    rca_buf_reset(&path);
    rca_buf_printf(&path, "%s/layout.map", dir);
    rc = rca_layout_load(path.p, diag, &r->layout);
    if (rc)
        first = first ? first : rc;
    if ((rc = collect_rule_files(dir, &files, &nfiles, &capfiles, 0)))
        goto fail;
    if (nfiles > 1)
        qsort(files, nfiles, sizeof *files, cmp_str);
    if (nfiles == 0) {
        rca_diagf(diag, RCA_DIAG_ERROR, dir, NULL, 0, 0, NULL, "no *.rules files in the pack");
        first = first ? first : RCA_ESYNTAX;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if ((rc = read_file(files[i], &text, diag))) {
            first = first ? first : rc;
            continue;
        }
        rc = rules_parse_file(r, files[i], text.p, text.n, diag);
        if (rc)
            first = first ? first : rc;
    }
    if (first == RCA_ENOMEM) {
        rc = first;
        goto fail;
    }
    for (size_t i = 0; i < r->nrules; i++)
        if ((rc = compile_rule(r, &r->rules[i], diag)))
            first = first ? first : rc;
    if ((rc = validate(r, diag)))
        first = first ? first : rc;
    if ((rc = check_cause_loops(r, diag)))
        first = first ? first : rc;
    if (!first && (rc = number_literals(r)))
        first = rc;
    if (!first && check_samples && (rc = rules_check_samples(r, diag)))
        first = rc;
    if (first) {
        rc = first == RCA_EIO ? RCA_ESYNTAX : first;
        goto fail;
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    rca_buf_free(&text);
    rca_buf_free(&path);
    *out = r;
    return RCA_OK;
fail:
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    rca_buf_free(&text);
    rca_buf_free(&path);
    rca_rules_free(r);
    return rc;
}

void rca_rules_free(rca_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrules; i++) {
        rule *ru = &r->rules[i];
        for (size_t k = 0; k < ru->nmatch; k++)
            pcre2_code_free(ru->match[k].re);
        pcre2_match_data_free(ru->md);
    }
    struct rca_fileset *fs = r->sets;
    while (fs) {
        struct rca_fileset *next = fs->next;
        fileset_free(fs);
        fs = next;
    }
    free(r->lit_found);
    free(r->lit_seen);
    free(r->lit_hits);
    free(r->cand);
    free(r->rules);
    free(r->codes);
    rca_layout_free(r->layout);
    pcre2_match_context_free(r->mctx);
    rca_buf_free(&r->scratch);
    rca_buf_free(&r->grp);
    rca_arena_free(r->arena);
    free(r);
}

size_t rca_rules_count(const rca_rules *r)
{
    return r->nrules;
}

const rca_layout *rca_rules_layout(const rca_rules *r)
{
    return r->layout;
}

/* ------------------------------------------------------------------ matching */

static int rule_selects(const rule *ru, const char *service, const char *path)
{
    for (size_t i = 0; i < ru->nservices; i++)
        if (service && strcmp(ru->services[i], service) == 0)
            return 1;
    for (size_t i = 0; i < ru->npaths; i++)
        if (rca_glob_match(ru->paths[i], path, strlen(path)))
            return 1;
    return 0;
}

const rca_fileset *rca_rules_for_file(rca_rules *r, const char *service, const char *path)
{
    static const rca_fileset empty = {0};
    /* Most rules select by service, so sets are cached by service; a pack with path selectors
     * computes per file (cheap: a handful of globs), and a file that selects the same rules as an
     * earlier one shares its rules and prefilter. */
    int by_path = 0;
    for (size_t i = 0; i < r->nrules; i++)
        if (r->rules[i].npaths)
            by_path = 1;
    for (struct rca_fileset *fs = r->sets; fs; fs = fs->next) {
        int same_svc = (!fs->service && !service) ||
                       (fs->service && service && strcmp(fs->service, service) == 0);
        if (same_svc && (!by_path || (fs->path && strcmp(fs->path, path) == 0)))
            return fs;
    }
    struct rca_fileset *fs = calloc(1, sizeof *fs);
    if (!fs)
        return &empty;
    fs->service = service ? strdup(service) : NULL;
    fs->path = by_path ? strdup(path) : NULL;
    fs->rules = calloc(r->nrules + 1, sizeof *fs->rules);
    if (!fs->rules || (service && !fs->service) || (by_path && !fs->path)) {
        fileset_free(fs);
        return &empty;
    }
    for (size_t i = 0; i < r->nrules; i++)
        if (!r->rules[i].is_check && rule_selects(&r->rules[i], service, path))
            fs->rules[fs->n++] = &r->rules[i];
    const struct rca_fileset *same = NULL;
    for (const struct rca_fileset *o = r->sets; o && !same; o = o->next)
        if (o->n == fs->n &&
            (!fs->n || memcmp(o->rules, fs->rules, fs->n * sizeof *fs->rules) == 0))
            same = o;
    if (same) {
        free(fs->rules);
        fs->rules = same->rules;
        fs->pf = same->pf;
        fs->lit_id = same->lit_id;
        fs->lit_rules = same->lit_rules;
        fs->always = same->always;
        fs->rwords = same->rwords;
        fs->borrowed = 1;
    } else {
        fileset_prefilter(r, fs, PREFILTER_MIN_LITERALS);
    }
    fs->next = r->sets;
    r->sets = fs;
    return fs;
}

int rca_fileset_empty(const rca_fileset *fs)
{
    return fs->n == 0;
}

/* A JSON string of bundle text: invalid UTF-8 becomes U+FFFD so that the object stays valid, and
 * so does a NUL byte: jansson refuses "\u0000" (the whole object would be lost) and field values
 * are C strings from then on. */
rca_err json_add_str(rca_buf *b, const char *s, size_t n)
{
    rca_err rc = rca_buf_addc(b, '"');
    for (size_t i = 0; i < n && !rc;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\0') {
            rc = rca_buf_adds(b, "\\ufffd");
            i++;
        } else if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            rc = rca_buf_add(b, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            rc = rca_buf_adds(b, e);
            i++;
        } else {
            size_t l = rca_utf8_len((const unsigned char *)s + i, n - i);
            if (l) {
                rc = rca_buf_add(b, s + i, l);
                i += l;
            } else {
                rc = rca_buf_adds(b, "\\ufffd");
                i++;
            }
        }
    }
    if (!rc)
        rc = rca_buf_addc(b, '"');
    return rc;
}

static void add_field(rca_buf *fields, int *first, const char *name, const char *v, size_t n)
{
    rca_buf_addc(fields, *first ? '{' : ',');
    *first = 0;
    json_add_str(fields, name, strlen(name));
    rca_buf_addc(fields, ':');
    json_add_str(fields, v, n);
}

static int logger_ok(const rule *ru, rca_span logger)
{
    if (!ru->nloggers)
        return 1;
    char name[256];
    size_t n = logger.n < sizeof name - 1 ? logger.n : sizeof name - 1;
    if (n)
        memcpy(name, logger.p, n);
    name[n] = '\0';
    for (size_t i = 0; i < ru->nloggers; i++)
        if (rca_glob_match(ru->loggers[i], name, n))
            return 1;
    return 0;
}

static int has_bit(const uint64_t *set, size_t i)
{
    return (int)(set[i / 64] >> (i % 64) & 1);
}

int rules_match_one(rca_rules *r, rule *ru, const rca_logline *ll, const uint64_t *found,
                    rca_buf *fields, rca_buf *grp)
{
    if (ru->level_mask && !(ru->level_mask & (1u << ll->level)))
        return 0;
    if (!logger_ok(ru, ll->logger))
        return 0;
    const char *msg = ll->msg.p ? ll->msg.p : "";
    size_t mlen = ll->msg.n;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        if (m->literal_len && (found ? !has_bit(found, m->lit_id)
                                     : mlen < m->literal_len ||
                                           !memmem(msg, mlen, m->literal, m->literal_len)))
            continue;
        int rc = pcre2_match(m->re, (PCRE2_SPTR)msg, mlen, 0, 0, ru->md, r->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc < 0)
            return -1;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ru->md);
        int first = 1;
        rca_buf_reset(fields);
        rca_buf_reset(grp);
        rca_buf_adds(grp, ru->id);
        int have_instance = 0, have_port = 0;
        for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++) {
            const char *name = m->capnames[g];
            if (!name || ov[2 * g] == PCRE2_UNSET)
                continue;
            if (strcmp(name, "instance") == 0)
                have_instance = 1;
            if (strcmp(name, "port") == 0)
                have_port = 1;
            add_field(fields, &first, name, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
        }
        /* identities: a capture, else the envelope, else what the message names in words (the
         * conductor's "... for instance <uuid>." has no [instance: ] prefix in several releases) */
        rca_msg_ids ids;
        rca_parse_msg_ids(msg, mlen, &ids);
        rca_span inst = ll->instance.n ? ll->instance : ids.instance;
        if (inst.n && !have_instance)
            add_field(fields, &first, "instance", inst.p, inst.n);
        if (ids.port.n && !have_port)
            add_field(fields, &first, "port", ids.port.p, ids.port.n);
        if (ll->req.n)
            add_field(fields, &first, "req", ll->req.p, ll->req.n);
        else if (ids.req.n)
            add_field(fields, &first, "req", ids.req.p, ids.req.n);
        if (ll->greq.n)
            add_field(fields, &first, "greq", ll->greq.p, ll->greq.n);
        if (first)
            rca_buf_addc(fields, '{');
        rca_buf_addc(fields, '}');
        /* the grouping key: the named fields, or every capture and the instance */
        if (ru->has_keys) {
            for (size_t k = 0; k < ru->nkeys; k++) {
                rca_buf_addc(grp, '|');
                const char *key = ru->keys[k];
                if (strcmp(key, "instance") == 0 && inst.n && !have_instance) {
                    rca_buf_add(grp, inst.p, inst.n);
                    continue;
                }
                for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++)
                    if (m->capnames[g] && strcmp(m->capnames[g], key) == 0 &&
                        ov[2 * g] != PCRE2_UNSET)
                        rca_buf_add(grp, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            }
        } else {
            for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++) {
                if (!m->capnames[g] || ov[2 * g] == PCRE2_UNSET)
                    continue;
                rca_buf_addc(grp, '|');
                rca_buf_add(grp, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            }
            if (inst.n && !have_instance) {
                rca_buf_addc(grp, '|');
                rca_buf_add(grp, inst.p, inst.n);
            }
        }
        return fields->p && grp->p ? 1 : -1;
    }
    return 0;
}

/* Scan the line's message with fs's automaton: r->lit_found then marks the pack's literals that
 * occur in it, and r->cand the rules worth trying (a literal of one of their matches occurs, or
 * one of their matches needs none). Returns how many literals line_end has to clear. */
static size_t line_begin(rca_rules *r, const rca_fileset *fs, const rca_logline *ll)
{
    size_t nhits = rules_prefilter_scan(fs->pf, ll->msg.p ? ll->msg.p : "", ll->msg.n, r->lit_seen,
                                        r->lit_hits);
    memcpy(r->cand, fs->always, fs->rwords * sizeof *r->cand);
    for (size_t h = 0; h < nhits; h++) {
        uint32_t l = r->lit_hits[h];
        const uint64_t *rules = fs->lit_rules + (size_t)l * fs->rwords;
        for (size_t w = 0; w < fs->rwords; w++)
            r->cand[w] |= rules[w];
        r->lit_found[fs->lit_id[l] / 64] |= UINT64_C(1) << (fs->lit_id[l] % 64);
    }
    return nhits;
}

static void line_end(rca_rules *r, const rca_fileset *fs, size_t nhits)
{
    for (size_t h = 0; h < nhits; h++) {
        uint32_t l = r->lit_hits[h];
        r->lit_seen[l / 64] &= ~(UINT64_C(1) << (l % 64));
        r->lit_found[fs->lit_id[l] / 64] &= ~(UINT64_C(1) << (fs->lit_id[l] % 64));
    }
}

/* Run one rule and store its hit. */
static rca_err try_rule(rca_rules *r, rule *ru, const uint64_t *found, rca_store *s,
                        int64_t host_id, int64_t file_id, int64_t lineno, double ts,
                        const rca_logline *ll, rca_diag *diag)
{
    int m = rules_match_one(r, ru, ll, found, &r->scratch, &r->grp);
    if (m == 0)
        return RCA_OK;
    if (m < 0) {
        /* located at the line matched; the caller's sink knows the bundle and entry */
        if (r->match_limit_warnings++ < 10)
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, NULL,
                      lineno > 0 && lineno <= UINT_MAX ? (unsigned)lineno : 0, 0, NULL,
                      "rule %s (%s:%u): the regex gave up on this line (match limit); "
                      "treated as no match",
                      ru->id, ru->file, ru->line);
        return RCA_OK;
    }
    char hostbuf[32];
    snprintf(hostbuf, sizeof hostbuf, "|h%lld", (long long)host_id);
    rca_buf_adds(&r->grp, hostbuf);
    return rca_store_add_hit(s, ru->id, r->grp.p, host_id, file_id, lineno, ts, r->scratch.p);
}

rca_err rca_rules_match_line(rca_rules *r, const rca_fileset *fs, rca_store *s, int64_t host_id,
                             int64_t file_id, int64_t lineno, double ts, const rca_logline *ll,
                             const char *raw, size_t rawlen, rca_diag *diag)
{
    (void)raw;
    (void)rawlen;
    rca_err rc = RCA_OK;
    size_t nhits = 0;
    if (!fs->pf) {
        for (size_t i = 0; i < fs->n && !rc; i++)
            rc = try_rule(r, fs->rules[i], NULL, s, host_id, file_id, lineno, ts, ll, diag);
        goto end;
    }
    /* the candidates in the order of the pack, as if every rule had been tried */
    nhits = line_begin(r, fs, ll);
    for (size_t w = 0; w < fs->rwords; w++)
        for (uint64_t bits = r->cand[w]; bits; bits &= bits - 1) {
            size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
            if ((rc = try_rule(r, fs->rules[i], r->lit_found, s, host_id, file_id, lineno, ts, ll,
                               diag)))
                goto end;
        }
end:
    line_end(r, fs, nhits);
    return rc;
}

int rules_match_alone(rca_rules *r, rule *ru, const rca_logline *ll, rca_buf *fields,
                      rca_buf *grp)
{
    struct rca_fileset fs = {0};
    rule *one[1] = {ru};
    fs.rules = one;
    fs.n = 1;
    /* the automaton even for one literal: lint's samples try it on every rule of the pack */
    fileset_prefilter(r, &fs, 1);
    int m = 0;
    if (!fs.pf) {
        m = rules_match_one(r, ru, ll, NULL, fields, grp);
    } else {
        size_t nhits = line_begin(r, &fs, ll);
        if (r->cand[0] & 1)
            m = rules_match_one(r, ru, ll, r->lit_found, fields, grp);
        line_end(r, &fs, nhits);
    }
    rules_prefilter_free(fs.pf);
    free(fs.lit_id);
    free(fs.lit_rules);
    free(fs.always);
    return m;
}
