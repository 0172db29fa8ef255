/* samples.c - every rule carries evidence that must make it fire and evidence that must not
 * (`sample` / `nosample`). Line rules are checked on their sample log lines through the same
 * envelope parser and matcher as real bundles. Checks are run on a small in-memory database built
 * from their fixture rows:
 *
 *     sample |
 *       host name=cmp-1 roles=compute
 *       df host=cmp-1 kind=blocks mount=/ use_pct=97
 *
 * one row per line: a table, then column=value pairs (values may be "double" or 'single' quoted).
 * `host=NAME` stands for the host_id of the host named NAME. Rules stage (lint).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

typedef struct fixture {
    rca_store *s;
    char *names[32];
    int64_t ids[32];
    size_t nhosts;
    int64_t bundle;
} fixture;

static int64_t fixture_host(fixture *fx, const char *name)
{
    for (size_t i = 0; i < fx->nhosts; i++)
        if (strcmp(fx->names[i], name) == 0)
            return fx->ids[i];
    if (fx->nhosts == RCA_ARRAY_LEN(fx->names))
        return 0;
    int64_t id;
    if (rca_store_add_host(fx->s, fx->bundle, name, &id) ||
        rca_store_set_host(fx->s, id, "hostname", name))
        return 0;
    fx->names[fx->nhosts] = strdup(name);
    fx->ids[fx->nhosts++] = id;
    return id;
}

/* Parse "k=v k2='v 2'" into parallel arrays (pointers into buf, which is modified). */
static int split_pairs(char *buf, char **keys, char **vals, int max)
{
    int n = 0;
    char *p = buf;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        char *k = p;
        while (*p && *p != '=' && *p != ' ')
            p++;
        if (*p != '=')
            return -1;
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
            while (*p && *p != ' ' && *p != '\t')
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

/* `file` and `finding` rows go through the store's typed calls (their tables are not open to
 * generic rows): file host= path= parser= service= bytes= lines= first_ts= last_ts=;
 * finding host= rule= code= class= severity= title= first_ts= last_ts= count=. */
static rca_err fixture_typed(fixture *fx, const rule *ru, unsigned line, const char *src,
                             const char *table, int n, char **keys, char **vals, rca_diag *diag)
{
    const char *path = NULL, *parser = NULL, *service = NULL, *rname = NULL, *code = NULL;
    const char *cls = NULL, *sev = NULL, *title = NULL;
    int64_t host_id = 0, bytes = 0, lines = 0, count = 1;
    double first = -1, last = -1;
    for (int i = 0; i < n; i++) {
        const char *k = keys[i], *v = vals[i];
        if (strcmp(k, "host") == 0)
            host_id = fixture_host(fx, v);
        else if (strcmp(k, "path") == 0)
            path = v;
        else if (strcmp(k, "parser") == 0)
            parser = v;
        else if (strcmp(k, "service") == 0)
            service = v;
        else if (strcmp(k, "bytes") == 0)
            bytes = atoll(v);
        else if (strcmp(k, "lines") == 0)
            lines = atoll(v);
        else if (strcmp(k, "first_ts") == 0)
            first = atof(v);
        else if (strcmp(k, "last_ts") == 0)
            last = atof(v);
        else if (strcmp(k, "rule") == 0)
            rname = v;
        else if (strcmp(k, "code") == 0)
            code = v;
        else if (strcmp(k, "class") == 0)
            cls = v;
        else if (strcmp(k, "severity") == 0)
            sev = v;
        else if (strcmp(k, "title") == 0)
            title = v;
        else if (strcmp(k, "count") == 0)
            count = atoll(v);
        else {
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                      "rule %s: a %s fixture row has no column '%s'", ru->id, table, k);
            return RCA_ESYNTAX;
        }
    }
    rca_err rc;
    if (strcmp(table, "file") == 0) {
        int64_t id;
        if (!host_id || !path || !parser) {
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                      "rule %s: a file fixture row needs host=, path= and parser=", ru->id);
            return RCA_ESYNTAX;
        }
        rc = rca_store_add_file(fx->s, host_id, path, parser, service, NULL, &id);
        if (!rc)
            rc = rca_store_finish_file(fx->s, id, bytes, lines, first, last, "ok");
    } else {
        int64_t id;
        if (!rname || !code || !cls || !sev || !title) {
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                      "rule %s: a finding fixture row needs rule=, code=, class=, severity= and "
                      "title=",
                      ru->id);
            return RCA_ESYNTAX;
        }
        rc = rca_store_add_finding(fx->s, rname, code, cls, sev, host_id, title, first, last,
                                   count, "{}", &id);
    }
    if (!rc)
        rc = rca_store_sync(fx->s);
    if (rc) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: fixture row not accepted (table '%s': %s)", ru->id, table,
                  rca_store_errmsg(fx->s));
        return RCA_ESYNTAX;
    }
    return RCA_OK;
}

static rca_err fixture_line(fixture *fx, const rule *ru, unsigned line, char *text,
                            rca_diag *diag)
{
    char src[512]; /* the row as written, for messages: splitting it cuts `text` up */
    snprintf(src, sizeof src, "%s", text);
    char *sp = text;
    while (*sp && *sp != ' ')
        sp++;
    char table[64];
    snprintf(table, sizeof table, "%.*s", (int)(sp - text), text);
    char *keys[32], *vals[32];
    int n = split_pairs(sp, keys, vals, 32);
    if (n < 0) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: a fixture row is '<table> column=value ...'", ru->id);
        return RCA_ESYNTAX;
    }
    if (strcmp(table, "host") == 0) {
        int64_t id = 0;
        for (int i = 0; i < n; i++)
            if (strcmp(keys[i], "name") == 0)
                id = fixture_host(fx, vals[i]);
        for (int i = 0; id && i < n; i++)
            if (strcmp(keys[i], "name") != 0 &&
                rca_store_set_host(fx->s, id, keys[i], vals[i]) != RCA_OK) {
                rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                          "rule %s: host has no column '%s'", ru->id, keys[i]);
                return RCA_ESYNTAX;
            }
        return RCA_OK;
    }
    if (strcmp(table, "file") == 0 || strcmp(table, "finding") == 0)
        return fixture_typed(fx, ru, line, src, table, n, keys, vals, diag);
    int64_t host_id = 0, file_id = 0, lineno = 0;
    const char *cols[32];
    rca_span spans[32];
    size_t nc = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(keys[i], "host") == 0) {
            host_id = fixture_host(fx, vals[i]);
        } else if (strcmp(keys[i], "file_id") == 0) {
            file_id = atoll(vals[i]);
        } else if (strcmp(keys[i], "lineno") == 0) {
            lineno = atoll(vals[i]);
        } else {
            cols[nc] = keys[i];
            spans[nc] = rca_span_cstr(vals[i]);
            if (strcmp(vals[i], "NULL") == 0)
                spans[nc].p = NULL;
            nc++;
        }
    }
    rca_err rc = rca_store_add_row(fx->s, host_id, file_id, table, (unsigned)lineno, nc, cols,
                                   spans);
    if (!rc)
        rc = rca_store_sync(fx->s); /* the insert is queued: its failure belongs to this line */
    if (rc) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: fixture row not accepted (table '%s': %s)", ru->id, table,
                  rca_store_errmsg(fx->s));
        return RCA_ESYNTAX;
    }
    return RCA_OK;
}

static int count_rows(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    (void)ncols;
    (void)names;
    (void)vals;
    (*(int *)ctx)++;
    return 0;
}

/* Build a database from one fixture and count the rows the check returns (-1 on error). */
static int run_fixture(const rule *ru, const sample *sm, rca_diag *diag)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    int rows = -1;
    if (rca_store_create(":memory:", 1, diag, &fx.s))
        return -1;
    if (rca_store_add_bundle(fx.s, "fixture", &fx.bundle))
        goto done;
    char *copy = strdup(sm->text);
    if (!copy)
        goto done;
    unsigned line = sm->line;
    int bad = 0;
    for (char *p = copy, *next; p && *p; p = next, line++) {
        next = strchr(p, '\n');
        if (next)
            *next++ = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (fixture_line(&fx, ru, line, p, diag))
            bad = 1;
    }
    free(copy);
    if (bad || rca_store_finish_ingest(fx.s))
        goto done;
    rows = 0;
    if (rca_store_query(fx.s, ru->sql, 1, count_rows, &rows, diag, ru->file, ru->sql_line))
        rows = -1;
done:
    for (size_t i = 0; i < fx.nhosts; i++)
        free(fx.names[i]);
    rca_store_free(fx.s);
    return rows;
}

/* A check's SQL, prepared once against the empty schema: one error, not one per fixture. */
static int check_sql_ok(const rule *ru, rca_diag *diag)
{
    rca_store *s;
    if (rca_store_create(":memory:", 1, diag, &s))
        return 0;
    int ok = rca_store_finish_ingest(s) == RCA_OK &&
             rca_store_check_sql(s, ru->sql, diag, ru->file, ru->sql_line) == RCA_OK;
    rca_store_free(s);
    return ok;
}

rca_err rules_check_samples(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    rca_buf fields, grp;
    rca_buf_init(&fields);
    rca_buf_init(&grp);
    for (size_t i = 0; i < r->nrules; i++) {
        rule *ru = &r->rules[i];
        if (ru->is_check && !check_sql_ok(ru, diag)) {
            rc = RCA_ESYNTAX;
            continue;
        }
        for (size_t k = 0; k < ru->nsamples; k++) {
            const sample *sm = &ru->samples[k];
            int fired;
            if (ru->is_check) {
                int rows = run_fixture(ru, sm, diag);
                if (rows < 0) {
                    rc = RCA_ESYNTAX;
                    continue;
                }
                fired = rows > 0;
            } else {
                rca_logctx ctx = {2025, 12, RCA_LOG_NONE};
                rca_logline ll;
                rca_parse_log_line(&ctx, sm->text, strlen(sm->text), &ll);
                int m = rules_match_alone(r, ru, &ll, &fields, &grp);
                fired = m > 0;
                if (m < 0) {
                    rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, sm->line, 0, NULL,
                              "rule %s: the regex hit the PCRE2 match limit on this sample",
                              ru->id);
                    rc = RCA_ESYNTAX;
                    continue;
                }
            }
            if (fired != sm->must_fire) {
                char src[512];
                snprintf(src, sizeof src, "%.500s", sm->text);
                rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, sm->line, 0,
                          ru->is_check ? NULL : src,
                          sm->must_fire ? "rule %s: sample does not fire the rule"
                                        : "rule %s: nosample fires the rule",
                          ru->id);
                rc = RCA_ESYNTAX;
            }
        }
        /* a rule outside the literal prefilter runs its regex on every line it selects */
        for (size_t k = 0; k < ru->nmatch; k++)
            if (!ru->match[k].literal)
                rca_diagf(diag, RCA_DIAG_WARNING, ru->file, NULL, ru->match[k].line,
                          ru->match[k].col, NULL,
                          "rule %s: no literal text every match must contain; it runs on every "
                          "line (add 'literal <text>')",
                          ru->id);
    }
    rca_buf_free(&fields);
    rca_buf_free(&grp);
    return rc;
}
