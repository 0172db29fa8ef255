/* rulefile.c - reading rule files (format: docs/rules.md) and the codes list into rule structs.
 * A rule file is meant to be read and written by support engineers: one property per line,
 * regexes written raw to the end of the line, `|` blocks for SQL and prose, `#` comments.
 * Every problem is reported with file:line:col and the offending line. Rules stage.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

typedef struct parser {
    rca_rules *r;
    const char *path;
    rca_diag *diag;
    unsigned errors;
    int nomem;             /* an arena allocation failed: the file is not read whole */
    rule *cur;
    /* block state */
    char *block_key;
    unsigned block_key_indent, block_indent, block_line, block_col;
    int block_fold;
    rca_buf block;
    char src[512]; /* the current line, for carets */
    unsigned kcol, block_kcol; /* column of the current key (for "unknown key") */
} parser;

static void perr(parser *p, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void perr(parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rca_diagf(p->diag, RCA_DIAG_ERROR, p->path, NULL, line, col, p->src, "%s", msg);
    p->errors++;
}

static char *adup(parser *p, const char *s, size_t n)
{
    char *d = rca_arena_strndup(p->r->arena, s, n);
    if (!d)
        p->nomem = 1;
    return d;
}

/* Split a value into words (arena strings); returns count, *out an arena array. */
static size_t words(parser *p, const char *v, char ***out)
{
    size_t n = 0, cap = 0;
    char **arr = NULL;
    const char *s = v;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 4;
            char **na = rca_arena_alloc(p->r->arena, nc * sizeof *na);
            if (!na) {
                p->nomem = 1;
                break;
            }
            if (n)
                memcpy(na, arr, n * sizeof *na);
            arr = na;
            cap = nc;
        }
        arr[n++] = adup(p, s, (size_t)(e - s));
        s = e;
    }
    *out = arr;
    return n;
}

/* The column of word `w` in the value v (written at column col), searching from *at (advanced past
 * it): the words of a value come in order. 0 when not found. */
static unsigned word_col(const char *v, const char **at, const char *w, unsigned col)
{
    const char *f = strstr(*at, w);
    if (!f || !col)
        return 0;
    *at = f + strlen(w);
    return col + (unsigned)(f - v);
}

/* Append one pointer-sized element to an arena array (grows by copying; arrays are small). */
static void *push(parser *p, void *arr, size_t *n, size_t elem)
{
    void *na = rca_arena_alloc(p->r->arena, (*n + 1) * elem);
    if (!na) {
        p->nomem = 1;
        return NULL;
    }
    if (*n)
        memcpy(na, arr, *n * elem);
    memset((char *)na + *n * elem, 0, elem);
    (*n)++;
    return na;
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

/* A duration in seconds, or -2 when s is not one (rca_duration_parse). */
static double parse_duration(const char *s)
{
    double v;
    return rca_duration_parse(s, &v) == RCA_OK ? v : -2;
}

/* `until MARKER on K[=K2] ...` and `borrow FIELD from TARGET on K[=K2] ...` */
static void set_link(parser *p, rule *ru, int borrow, const char *v, unsigned line, unsigned col)
{
    char **w;
    size_t n = words(p, v, &w);
    size_t i = 0;
    link_clause lc;
    memset(&lc, 0, sizeof lc);
    lc.line = line;
    lc.pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(p->r->arena, p->src)};
    const char *at = v;
    if (borrow) {
        if (n < 3 || strcmp(w[1], "from") != 0) {
            perr(p, line, col, "borrow: expected 'borrow FIELD[=THEIR_FIELD] from RULE-OR-CODE on KEY'");
            return;
        }
        char *eq = strchr(w[0], '=');
        lc.field = eq ? adup(p, w[0], (size_t)(eq - w[0])) : w[0];
        lc.src_field = eq ? eq + 1 : w[0];
        lc.target = w[2];
        i = 3;
    } else {
        if (n < 1) {
            perr(p, line, col, "until: expected 'until MARKER on KEY'");
            return;
        }
        lc.target = w[0];
        i = 1;
    }
    int has_on = i < n;
    if (!has_on && !borrow) {
        /* `until MARKER`: any hit of the marker on the same host closes the window */
    } else if (i >= n || strcmp(w[i], "on") != 0) {
        perr(p, line, col, "%s: expected 'on KEY'", borrow ? "borrow" : "until");
        return;
    }
    for (i++; has_on && i < n; i++) {
        key_pair *kp = push(p, lc.keys, &lc.nkeys, sizeof *kp);
        if (!kp)
            return;
        lc.keys = kp;
        char *eq = strchr(w[i], '=');
        kp[lc.nkeys - 1].cause_field = eq ? adup(p, w[i], (size_t)(eq - w[i])) : w[i];
        kp[lc.nkeys - 1].effect_field = eq ? eq + 1 : w[i];
        kp[lc.nkeys - 1].col = word_col(v, &at, w[i], col);
    }
    if (!lc.nkeys && has_on) {
        perr(p, line, col, "%s: 'on' needs at least one field", borrow ? "borrow" : "until");
        return;
    }
    size_t *cnt = borrow ? &ru->nborrows : &ru->nuntils;
    link_clause *arr = push(p, borrow ? ru->borrows : ru->untils, cnt, sizeof *arr);
    if (!arr)
        return;
    arr[*cnt - 1] = lc;
    if (borrow)
        ru->borrows = arr;
    else
        ru->untils = arr;
}

static void set_explains(parser *p, rule *ru, const char *v, unsigned line, unsigned col)
{
    char **w;
    size_t n = words(p, v, &w);
    if (n == 0) {
        perr(p, line, col, "explains: name the rule or code this rule explains");
        return;
    }
    cause_clause *cc = push(p, ru->explains, &ru->nexplains, sizeof *cc);
    if (!cc)
        return;
    ru->explains = cc;
    cause_clause *c = &cc[ru->nexplains - 1];
    c->target = w[0];
    c->within = -1;
    c->line = line;
    c->pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(p->r->arena, p->src)};
    const char *at = v + strlen(w[0]);
    size_t i = 1;
    while (i < n) {
        if (strcmp(w[i], "on") == 0) {
            i++;
            while (i < n && strcmp(w[i], "within") != 0 && strcmp(w[i], "same-host") != 0) {
                key_pair *kp = push(p, c->keys, &c->nkeys, sizeof *kp);
                if (!kp)
                    return;
                c->keys = kp;
                char *eq = strchr(w[i], '=');
                key_pair *k = &kp[c->nkeys - 1];
                k->col = word_col(v, &at, w[i], col);
                if (eq) {
                    k->cause_field = adup(p, w[i], (size_t)(eq - w[i]));
                    k->effect_field = eq + 1;
                } else {
                    k->cause_field = k->effect_field = w[i];
                }
                if (!*k->cause_field || !*k->effect_field)
                    perr(p, line, col, "explains: empty field name in '%s'", w[i]);
                i++;
            }
            if (c->nkeys == 0)
                perr(p, line, col, "explains: 'on' needs at least one field");
        } else if (strcmp(w[i], "within") == 0) {
            if (i + 1 >= n || (c->within = parse_duration(w[i + 1])) < -1) {
                perr(p, line, col, "explains: 'within' needs a duration like 90s, 10m, 2h");
                c->within = -1;
            }
            i += 2;
        } else if (strcmp(w[i], "same-host") == 0) {
            c->same_host = 1;
            i++;
        } else {
            perr(p, line, col, "explains: unexpected '%s' (expected on, within or same-host)",
                 w[i]);
            i++;
        }
    }
}

int rules_split_pairs(char *buf, char **keys, char **vals, unsigned *offs, int max)
{
    int n = 0;
    char *p = buf;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        char *k = p;
        while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (*p != '=' || p == k)
            return -1;
        if (offs)
            offs[n] = (unsigned)(k - buf);
        *p++ = '\0';
        char *v;
        if (*p == '"' || *p == '\'') {
            char q = *p++;
            v = p;
            char *w = p;
            while (*p && *p != q) {
                if (q == '"' && *p == '\\' && p[1])
                    p++;
                *w++ = *p++;
            }
            if (*p != q)
                return -1;
            p++;
            *w = '\0';
        } else {
            v = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                p++;
            if (*p)
                *p++ = '\0';
        }
        keys[n] = k;
        vals[n] = v;
        n++;
    }
    return n;
}

/* `yields NAME=VALUE ...`: what the sample just before must produce. */
static void set_yields(parser *p, rule *ru, const char *v, unsigned line, unsigned col)
{
    enum { MAX_YIELDS = 32 };
    sample *sm = ru->nsamples ? &ru->samples[ru->nsamples - 1] : NULL;
    if (!sm || !sm->must_fire) {
        perr(p, line, p->kcol, "'yields' goes under the 'sample' whose fields it states%s",
             sm ? " (a nosample yields nothing)" : "");
        return;
    }
    char *buf = adup(p, v, strlen(v));
    char *keys[MAX_YIELDS], *vals[MAX_YIELDS];
    unsigned offs[MAX_YIELDS];
    int n = buf ? rules_split_pairs(buf, keys, vals, offs, MAX_YIELDS) : 0;
    if (n <= 0) {
        perr(p, line, col,
             "yields: expected NAME=VALUE pairs (quote a value with blanks in \"...\" or '...')");
        return;
    }
    const char *src = p->block_key ? NULL : rca_arena_strdup(p->r->arena, p->src);
    for (int i = 0; i < n; i++) {
        yield_field *arr = push(p, sm->yields, &sm->nyields, sizeof *arr);
        if (!arr)
            return;
        sm->yields = arr;
        yield_field *y = &arr[sm->nyields - 1];
        y->name = keys[i];
        y->value = strcmp(vals[i], "NULL") == 0 ? NULL : vals[i];
        y->pos = (src_pos){line, p->block_key ? 0 : col + offs[i], src};
    }
}

/* `reads ID ...`: the rules, markers and codes a check reads by name (lint resolves them). */
static void set_reads(parser *p, rule *ru, const char *v, unsigned line, unsigned col)
{
    char **w;
    size_t n = words(p, v, &w);
    if (!n) {
        perr(p, line, col, "reads: name the rules, markers or codes the check's SQL reads");
        return;
    }
    const char *src = p->block_key ? NULL : rca_arena_strdup(p->r->arena, p->src);
    const char *at = v;
    for (size_t i = 0; i < n; i++) {
        read_ref *arr = push(p, ru->reads, &ru->nreads, sizeof *arr);
        if (!arr)
            return;
        ru->reads = arr;
        arr[ru->nreads - 1].id = w[i];
        arr[ru->nreads - 1].pos = (src_pos){line, p->block_key ? 0 : word_col(v, &at, w[i], col), src};
    }
}

/* One property of the current rule. */
static void property(parser *p, const char *key, const char *v, unsigned line, unsigned col)
{
    rule *ru = p->cur;
    rca_arena *a = p->r->arena;
    if (strcmp(key, "code") == 0) {
        ru->code = rca_arena_strdup(a, v);
    } else if (strcmp(key, "severity") == 0) {
        if (!rca_severity_rank(v))
            perr(p, line, col, "unknown severity '%s' (critical, error, warning, info)", v);
        ru->severity = rca_arena_strdup(a, v);
    } else if (strcmp(key, "title") == 0) {
        ru->title = rca_arena_strdup(a, v);
        ru->title_pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(a, p->src)};
    } else if (strcmp(key, "explain") == 0) {
        ru->explain = rca_arena_strdup(a, v);
        ru->explain_pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(a, p->src)};
    } else if (strcmp(key, "remedy") == 0) {
        ru->remedy = rca_arena_strdup(a, v);
        ru->remedy_pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(a, p->src)};
    } else if (strcmp(key, "ref") == 0) {
        char **arr = push(p, ru->refs, &ru->nrefs, sizeof *arr);
        if (arr) {
            ru->refs = arr;
            arr[ru->nrefs - 1] = rca_arena_strdup(a, v);
        }
    } else if (strcmp(key, "explains") == 0) {
        set_explains(p, ru, v, line, col);
    } else if (strcmp(key, "sample") == 0 || strcmp(key, "nosample") == 0) {
        sample *arr = push(p, ru->samples, &ru->nsamples, sizeof *arr);
        if (arr) {
            ru->samples = arr;
            arr[ru->nsamples - 1].text = rca_arena_strdup(a, v);
            arr[ru->nsamples - 1].must_fire = key[0] == 's';
            arr[ru->nsamples - 1].line = line;
            arr[ru->nsamples - 1].col = col;
        }
    } else if (strcmp(key, "yields") == 0) {
        set_yields(p, ru, v, line, col);
    } else if (strcmp(key, "until") == 0 && !ru->is_marker) {
        set_link(p, ru, 0, v, line, col);
    } else if (strcmp(key, "borrow") == 0 && !ru->is_marker) {
        set_link(p, ru, 1, v, line, col);
    } else if (strcmp(key, "key") == 0) {
        ru->nkeys = words(p, v, &ru->keys);
        ru->has_keys = 1;
        ru->key_pos = (src_pos){line, col, p->block_key ? NULL : rca_arena_strdup(a, p->src)};
        ru->key_cols = rca_arena_alloc(a, (ru->nkeys + 1) * sizeof *ru->key_cols);
        const char *at = v;
        for (size_t i = 0; ru->key_cols && i < ru->nkeys; i++)
            ru->key_cols[i] = word_col(v, &at, ru->keys[i], col);
    } else if (strcmp(key, "for") == 0 && !ru->is_marker) {
        if ((ru->persist_s = parse_duration(v)) < 0) {
            perr(p, line, col, "for: needs a duration like 90s, 10m, 2h");
            ru->persist_s = -1;
        }
    } else if (strcmp(key, "min-count") == 0 && !ru->is_marker) {
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 1 || n > 1000000)
            perr(p, line, col, "min-count: needs a whole number from 1 to 1000000");
        else
            ru->min_count = (unsigned)n;
    } else if (ru->is_check && strcmp(key, "needs") == 0) {
        const char *colon = strchr(v, ':');
        char *tables = adup(p, v, colon ? (size_t)(colon - v) : strlen(v));
        const char *w = colon ? colon + 1 : "";
        while (*w == ' ' || *w == '\t')
            w++;
        if (!tables || !*w) {
            perr(p, line, col, "needs: 'needs TABLE ...: what they are, in plain words'");
        } else {
            ru->nneeds = words(p, tables, &ru->needs);
            ru->needs_words = rca_arena_strdup(a, w);
            ru->needs_line = line;
            if (!ru->nneeds)
                perr(p, line, col, "needs: name at least one table or view");
        }
    } else if (ru->is_check && strcmp(key, "reads") == 0) {
        set_reads(p, ru, v, line, col);
    } else if (ru->is_check) {
        if (strcmp(key, "sql") == 0) {
            ru->sql = rca_arena_strdup(a, v);
            ru->sql_line = line;
            ru->sql_col = col;
            ru->sql_src = p->block_key ? NULL : rca_arena_strdup(a, p->src);
        } else {
            perr(p, line, p->kcol,
                 "unknown key '%s' in a check (code, severity, sql, key, title, explain, remedy, "
                 "ref, explains, for, min-count, needs, reads, sample, yields, nosample)",
                 key);
        }
    } else if (strcmp(key, "files") == 0) {
        char **w;
        size_t n = words(p, v, &w);
        for (size_t i = 0; i < n; i++) {
            if (strncmp(w[i], "path:", 5) == 0) {
                char **arr = push(p, ru->paths, &ru->npaths, sizeof *arr);
                if (arr) {
                    ru->paths = arr;
                    arr[ru->npaths - 1] = w[i] + 5;
                }
            } else {
                const char *svc = strncmp(w[i], "service:", 8) == 0 ? w[i] + 8 : w[i];
                char **arr = push(p, ru->services, &ru->nservices, sizeof *arr);
                if (arr) {
                    ru->services = arr;
                    arr[ru->nservices - 1] = (char *)svc;
                }
            }
        }
    } else if (strcmp(key, "level") == 0) {
        char **w;
        size_t n = words(p, v, &w);
        for (size_t i = 0; i < n; i++) {
            unsigned bit = 0;
            for (unsigned l = RCA_LVL_DEBUG; l <= RCA_LVL_TRACE; l++)
                if (strcmp(rca_level_name((rca_level)l), w[i]) == 0)
                    bit = 1u << l;
            if (!bit)
                perr(p, line, col,
                     "unknown level '%s' (DEBUG, INFO, AUDIT, WARNING, ERROR, CRITICAL, TRACE)",
                     w[i]);
            ru->level_mask |= bit;
        }
    } else if (strcmp(key, "logger") == 0) {
        ru->nloggers = words(p, v, &ru->loggers);
    } else if (strcmp(key, "match") == 0) {
        rule_match *arr = push(p, ru->match, &ru->nmatch, sizeof *arr);
        if (arr) {
            ru->match = arr;
            arr[ru->nmatch - 1].src = rca_arena_strdup(a, v);
            arr[ru->nmatch - 1].line = line;
            arr[ru->nmatch - 1].col = col;
            arr[ru->nmatch - 1].line_text = rca_arena_strdup(a, p->src);
        }
    } else if (strcmp(key, "literal") == 0) {
        if (ru->nmatch == 0) {
            perr(p, line, col, "'literal' goes after the 'match' it belongs to");
        } else {
            ru->match[ru->nmatch - 1].literal = rca_arena_strdup(a, v);
            ru->match[ru->nmatch - 1].literal_len = strlen(v);
        }
    } else {
        perr(p, line, p->kcol,
             "unknown key '%s' (code, severity, files, level, logger, match, literal, key, title, "
             "explain, remedy, ref, explains, until, borrow, for, min-count, sample, yields, nosample)",
             key);
    }
}

static void end_block(parser *p)
{
    if (!p->block_key)
        return;
    /* drop trailing blank lines */
    while (p->block.n && p->block.p[p->block.n - 1] == '\n')
        p->block.p[--p->block.n] = '\0';
    char saved[512];
    memcpy(saved, p->src, sizeof saved);
    p->kcol = p->block_kcol;
    /* the column of the block's text: its lines are cut at the first one's indent */
    unsigned col = p->block_indent ? p->block_indent + 1 : p->block_col;
    property(p, p->block_key, p->block.p ? p->block.p : "", p->block_line, col);
    memcpy(p->src, saved, sizeof saved);
    p->block_key = NULL;
    rca_buf_reset(&p->block);
}

static void start_rule(parser *p, int is_check, int is_marker, const char *id, unsigned line,
                       unsigned col)
{
    rca_rules *r = p->r;
    if (r->nrules == r->caprules) {
        size_t nc = r->caprules ? r->caprules * 2 : 64;
        rule *nr = realloc(r->rules, nc * sizeof *nr);
        if (!nr) {
            p->cur = NULL;
            return;
        }
        r->rules = nr;
        r->caprules = nc;
    }
    rule *ru = &r->rules[r->nrules++];
    memset(ru, 0, sizeof *ru);
    ru->id = rca_arena_strdup(r->arena, id);
    ru->file = rca_arena_strdup(r->arena, p->path);
    ru->line = line;
    ru->is_check = is_check;
    ru->is_marker = is_marker;
    ru->persist_s = -1;
    p->cur = ru;
    if (!valid_id(id))
        perr(p, line, col, "a rule id is lower-case letters, digits, '-', '_' and '.': '%s'", id);
    for (size_t i = 0; i + 1 < r->nrules; i++)
        if (strcmp(r->rules[i].id, id) == 0) {
            perr(p, line, col, "duplicate rule id '%s' (first defined at %s:%u)", id,
                 r->rules[i].file, r->rules[i].line);
            break;
        }
}

rca_err rules_parse_file(rca_rules *r, const char *path, const char *text, size_t len,
                         rca_diag *diag)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.r = r;
    p.path = path;
    p.diag = diag;
    rca_buf_init(&p.block);
    rca_lines it;
    rca_span ln;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &ln)) {
        const char *line = ln.p;
        size_t ll = ln.n;
        unsigned lineno = it.lineno;
        snprintf(p.src, sizeof p.src, "%.*s", (int)(ll < 500 ? ll : 500), line);
        if (memchr(line, '\0', ll)) {
            perr(&p, lineno, 1, "NUL byte in a rule file");
            continue;
        }
        unsigned indent = 0;
        while (indent < ll && (line[indent] == ' ' || line[indent] == '\t'))
            indent++;
        int blank = indent == ll;
        if (p.block_key) {
            if (blank) {
                rca_buf_addc(&p.block, '\n');
                continue;
            }
            if (indent > p.block_key_indent) {
                if (p.block_indent == 0)
                    p.block_indent = indent;
                unsigned cut = indent < p.block_indent ? indent : p.block_indent;
                if (p.block.n)
                    rca_buf_addc(&p.block, p.block_fold ? ' ' : '\n');
                /* a folded block turns a blank line into a paragraph break */
                if (p.block_fold && p.block.n >= 2 && p.block.p[p.block.n - 2] == '\n')
                    p.block.p[p.block.n - 1] = '\n';
                rca_buf_add(&p.block, line + cut, ll - cut);
                continue;
            }
            end_block(&p);
        }
        if (blank || line[indent] == '#')
            continue;
        /* key and value */
        size_t ks = indent, ke = ks;
        while (ke < ll && line[ke] != ' ' && line[ke] != '\t')
            ke++;
        size_t vs = ke;
        while (vs < ll && (line[vs] == ' ' || line[vs] == '\t'))
            vs++;
        size_t ve = ll;
        while (ve > vs && (line[ve - 1] == ' ' || line[ve - 1] == '\t'))
            ve--;
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(ke - ks < 63 ? ke - ks : 63), line + ks);
        char *val = adup(&p, line + vs, ve - vs);
        if (!val)
            break;
        if (indent == 0) {
            if (strcmp(key, "rule") == 0 || strcmp(key, "check") == 0 ||
                strcmp(key, "marker") == 0 || strcmp(key, "coverage") == 0 ||
                strcmp(key, "roles") == 0) {
                if (!*val) {
                    perr(&p, lineno, (unsigned)ke + 1, "'%s' needs an id", key);
                    p.cur = NULL;
                    continue;
                }
                int coverage = strcmp(key, "coverage") == 0, roles = strcmp(key, "roles") == 0;
                start_rule(&p, key[0] == 'c' || roles, key[0] == 'm', val, lineno,
                           (unsigned)vs + 1);
                if (p.cur) {
                    p.cur->is_coverage = coverage;
                    p.cur->is_roles = roles;
                }
            } else {
                perr(&p, lineno, 1,
                     "expected 'rule <id>', 'check <id>', 'marker <id>', 'coverage <id>' or "
                     "'roles <id>' at the "
                     "start of a line, "
                     "found '%s' "
                     "(properties are indented)",
                     key);
                p.cur = NULL;
            }
            continue;
        }
        if (!p.cur) {
            perr(&p, lineno, indent + 1, "property '%s' outside a rule", key);
            continue;
        }
        if ((strcmp(val, "|") == 0 || strcmp(val, ">") == 0)) {
            p.block_key = adup(&p, key, strlen(key));
            p.block_key_indent = indent;
            p.block_indent = 0;
            p.block_line = lineno + 1;
            p.block_col = indent + 3;
            p.block_fold = val[0] == '>';
            p.block_kcol = indent + 1;
            rca_buf_reset(&p.block);
            continue;
        }
        if (!*val) {
            perr(&p, lineno, (unsigned)ke + 1, "'%s' has no value", key);
            continue;
        }
        p.kcol = indent + 1;
        property(&p, key, val, lineno, (unsigned)vs + 1);
    }
    end_block(&p);
    rca_buf_free(&p.block);
    return p.nomem ? RCA_ENOMEM : p.errors ? RCA_ESYNTAX : RCA_OK;
}

/* codes.list: `<code> <class> [key=value ...] [# comment]` per line. The key=value columns say how
 * the code reads in a report (rca_code_words); a value with spaces is written in double quotes. */
typedef struct codes_line {
    const char *path, *src; /* src: the line as read, for the caret */
    unsigned lineno, errors;
    rca_diag *diag;
} codes_line;

static void codes_err(codes_line *cl, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void codes_err(codes_line *cl, size_t col, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rca_diagf(cl->diag, RCA_DIAG_ERROR, cl->path, NULL, cl->lineno, (unsigned)col + 1, cl->src,
              "%s", msg);
    cl->errors++;
}

/* One `key=value` column at buf[*i]; advances *i past it. Returns RCA_ENOMEM or RCA_OK (a malformed
 * column is reported and counted in cl). */
static rca_err codes_column(rca_rules *r, codes_line *cl, const char *buf, size_t *i,
                            rca_code_words *w, unsigned *seen)
{
    static const char *const keys[] = {"noun", "sentence", "unproven"};
    size_t k = *i, ke = k;
    while (buf[ke] && buf[ke] != '=' && buf[ke] != ' ' && buf[ke] != '\t' && buf[ke] != '#')
        ke++;
    size_t vs = ke + 1, ve = vs;
    if (buf[ke] != '=' || ke == k) {
        while (buf[ke] && buf[ke] != ' ' && buf[ke] != '\t' && buf[ke] != '#')
            ke++;
        *i = ke;
        codes_err(cl, k, "expected a column 'key=value' (noun=, sentence=, unproven=)");
        return RCA_OK;
    }
    int quoted = buf[vs] == '"';
    if (quoted) {
        vs++;
        ve = vs;
        while (buf[ve] && buf[ve] != '"')
            ve++;
        if (!buf[ve]) {
            *i = ve;
            codes_err(cl, vs - 1, "a quoted value has no closing '\"'");
            return RCA_OK;
        }
        *i = ve + 1;
    } else {
        while (buf[ve] && buf[ve] != ' ' && buf[ve] != '\t' && buf[ve] != '#')
            ve++;
        *i = ve;
    }
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)(ke - k < 31 ? ke - k : 31), buf + k);
    size_t which = RCA_ARRAY_LEN(keys);
    for (size_t j = 0; j < RCA_ARRAY_LEN(keys); j++)
        if (strlen(keys[j]) == ke - k && memcmp(buf + k, keys[j], ke - k) == 0)
            which = j;
    if (which == RCA_ARRAY_LEN(keys)) {
        codes_err(cl, k, "unknown column '%s' (noun, sentence, unproven)", key);
        return RCA_OK;
    }
    if (*seen & (1u << which)) {
        codes_err(cl, k, "column '%s' given twice", key);
        return RCA_OK;
    }
    *seen |= 1u << which;
    if (ve == vs || (quoted && strspn(buf + vs, " \t") >= ve - vs)) {
        codes_err(cl, k, "column '%s' has no value", key);
        return RCA_OK;
    }
    if (which != 1) {
        const char **v = which == 0 ? &w->noun : &w->unproven;
        *v = rca_arena_strndup(r->arena, buf + vs, ve - vs);
        return *v ? RCA_OK : RCA_ENOMEM;
    }
    if (ve - vs == 3 && memcmp(buf + vs, "yes", 3) == 0)
        w->in_sentence = 1;
    else if (ve - vs == 2 && memcmp(buf + vs, "no", 2) == 0)
        w->in_sentence = 0;
    else
        codes_err(cl, vs - (size_t)quoted, "sentence= is yes or no, not '%.*s'",
                  (int)(ve - vs), buf + vs);
    return RCA_OK;
}

static size_t codes_token(const char *buf, size_t i)
{
    while (buf[i] && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '#')
        i++;
    return i;
}

static size_t codes_blank(const char *buf, size_t i)
{
    while (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')
        i++;
    return i;
}

rca_err rules_parse_codes(rca_rules *r, const char *path, const char *text, size_t len,
                          rca_diag *diag)
{
    static const char *const classes[] = {"symptom", "intermediate", "root", "ruled-out"};
    size_t cap = 0;
    codes_line cl = {path, NULL, 0, 0, diag};
    rca_lines it;
    rca_span ln;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &ln)) {
        const char *line = ln.p;
        size_t ll = ln.n;
        cl.lineno = it.lineno;
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)(ll < 500 ? ll : 500), line);
        cl.src = buf;
        size_t cs = codes_blank(buf, 0), ce = codes_token(buf, cs);
        if (ce == cs)
            continue; /* blank or a comment */
        size_t ks = codes_blank(buf, ce), kend = codes_token(buf, ks);
        int ok = 0;
        for (size_t i = 0; kend > ks && i < RCA_ARRAY_LEN(classes); i++)
            ok |= strlen(classes[i]) == kend - ks && memcmp(buf + ks, classes[i], kend - ks) == 0;
        if (!ok) {
            rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, cl.lineno, 1, buf,
                      "expected '<code> <class>' with class symptom, intermediate, root or "
                      "ruled-out");
            cl.errors++;
            continue;
        }
        rca_code_words w = {NULL, 1, NULL};
        unsigned seen = 0;
        for (size_t i = codes_blank(buf, kend); buf[i] && buf[i] != '#'; i = codes_blank(buf, i)) {
            rca_err rc = codes_column(r, &cl, buf, &i, &w, &seen);
            if (rc)
                return rc;
        }
        if (r->ncodes == cap) {
            size_t nc = cap ? cap * 2 : 64;
            code_info *ni = realloc(r->codes, nc * sizeof *ni);
            if (!ni)
                return RCA_ENOMEM;
            r->codes = ni;
            cap = nc;
        }
        code_info *ci = &r->codes[r->ncodes];
        ci->code = rca_arena_strndup(r->arena, buf + cs, ce - cs);
        ci->cls = rca_arena_strndup(r->arena, buf + ks, kend - ks);
        ci->words = w;
        if (!ci->code || !ci->cls)
            return RCA_ENOMEM;
        r->ncodes++;
    }
    return cl.errors ? RCA_ESYNTAX : RCA_OK;
}

const code_info *rules_code(const rca_rules *r, const char *code)
{
    for (size_t i = 0; code && i < r->ncodes; i++)
        if (strcmp(r->codes[i].code, code) == 0)
            return &r->codes[i];
    return NULL;
}

const rca_code_words *rca_rules_code_words(const rca_rules *r, const char *code)
{
    const code_info *ci = r ? rules_code(r, code) : NULL;
    return ci ? &ci->words : NULL;
}

rule *rules_find(const rca_rules *r, const char *id)
{
    for (size_t i = 0; i < r->nrules; i++)
        if (strcmp(r->rules[i].id, id) == 0)
            return &r->rules[i];
    return NULL;
}

int rca_severity_rank(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "info") == 0)
        return 1;
    if (strcmp(name, "warning") == 0)
        return 2;
    if (strcmp(name, "error") == 0)
        return 3;
    if (strcmp(name, "critical") == 0)
        return 4;
    return 0;
}
