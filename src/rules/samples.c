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
 * `host=NAME` stands for the host_id of the host named NAME; a `hit` row must name a rule of the
 * pack. A `yields NAME=VALUE ...` line under a sample states what it must produce: the fields of a
 * line rule's match (its JSON object, exactly as stored), or the columns of one of the check's
 * result rows, so that a capture cut short fails lint and not only a golden report. Before the
 * samples, each check's SQL is prepared once for its errors and its result columns, and
 * rules_check_fields (lint.c) checks the fields titles and links name. Rules stage (lint).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_internal.h"

typedef struct fixture {
    rca_store *s;
    char *names[32];
    int64_t ids[32];
    size_t nhosts;
    int64_t bundle;
} fixture;

/* The host_id of the fixture's host NAME, added at its first row. OUT *id. Returns RCA_ESYNTAX
 * when the host cannot be added (more hosts than a fixture holds, or the store refused it;
 * reported to diag at the row), RCA_ENOMEM. */
static rca_err fixture_host(fixture *fx, const rule *ru, unsigned line, const char *src,
                            const char *name, rca_diag *diag, int64_t *id)
{
    for (size_t i = 0; i < fx->nhosts; i++)
        if (strcmp(fx->names[i], name) == 0) {
            *id = fx->ids[i];
            return RCA_OK;
        }
    if (fx->nhosts == RCA_ARRAY_LEN(fx->names)) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: a fixture has at most %zu hosts", ru->id, RCA_ARRAY_LEN(fx->names));
        return RCA_ESYNTAX;
    }
    char *copy = strdup(name);
    if (!copy)
        return RCA_ENOMEM;
    int64_t hid;
    rca_err rc = rca_store_add_host(fx->s, fx->bundle, name, &hid);
    if (!rc)
        rc = rca_store_set_host(fx->s, hid, "hostname", name);
    if (rc) {
        free(copy);
        if (rc == RCA_ENOMEM)
            return rc;
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: fixture host '%s' not accepted (%s)", ru->id, name,
                  rca_store_errmsg(fx->s));
        return RCA_ESYNTAX;
    }
    fx->names[fx->nhosts] = copy;
    fx->ids[fx->nhosts++] = hid;
    *id = hid;
    return RCA_OK;
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
        rca_err hrc;
        if (strcmp(k, "host") == 0) {
            if ((hrc = fixture_host(fx, ru, line, src, v, diag, &host_id)))
                return hrc;
        } else if (strcmp(k, "path") == 0)
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

static rca_err fixture_line(fixture *fx, const rca_rules *r, const rule *ru, unsigned line,
                            unsigned col, char *text, rca_diag *diag)
{
    char src[512]; /* the row as written, for messages: splitting it cuts `text` up */
    snprintf(src, sizeof src, "%s", text);
    char *sp = text;
    while (*sp && *sp != ' ')
        sp++;
    char table[64];
    snprintf(table, sizeof table, "%.*s", (int)(sp - text), text);
    char *keys[32], *vals[32];
    int n = rules_split_pairs(sp, keys, vals, NULL, 32);
    if (n < 0) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line, 0, src,
                  "rule %s: a fixture row is '<table> column=value ...'", ru->id);
        return RCA_ESYNTAX;
    }
    if (strcmp(table, "host") == 0) {
        int64_t id = 0;
        for (int i = 0; i < n; i++) {
            rca_err hrc;
            if (strcmp(keys[i], "name") == 0 &&
                (hrc = fixture_host(fx, ru, line, src, vals[i], diag, &id)))
                return hrc;
        }
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
    /* a hit of a rule that is not in the pack: the check is tested on rows it never sees */
    for (int i = 0; strcmp(table, "hit") == 0 && i < n; i++)
        if (strcmp(keys[i], "rule") == 0 && !rules_find(r, vals[i])) {
            char shown[600]; /* the row where it was written, for the caret under rule= */
            snprintf(shown, sizeof shown, "%*s%s", (int)(col > 1 ? col - 1 : 0), "", src);
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, line,
                      col ? col + (unsigned)(keys[i] - text) : 0, col ? shown : src,
                      "rule %s: the fixture row is a hit of rule '%s', which is not in the pack",
                      ru->id, vals[i]);
            return RCA_ESYNTAX;
        }
    int64_t host_id = 0, file_id = 0, lineno = 0;
    const char *cols[32];
    rca_span spans[32];
    size_t nc = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(keys[i], "host") == 0) {
            rca_err hrc = fixture_host(fx, ru, line, src, vals[i], diag, &host_id);
            if (hrc)
                return hrc;
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

/* The rows of one fixture: how many, and whether one of them has every `yields` value. */
typedef struct fixture_rows {
    const sample *sm;
    int rows, yielded;
    rca_buf first;         /* the first row, "col=value ...", for the message when none does */
} fixture_rows;

static int yielded_row(int ncols, const char *const *names, const char *const *vals,
                       const sample *sm)
{
    for (size_t k = 0; k < sm->nyields; k++) {
        const yield_field *y = &sm->yields[k];
        int ok = 0;
        for (int i = 0; i < ncols && !ok; i++)
            if (strcmp(names[i], y->name) == 0)
                ok = y->value ? vals[i] && strcmp(vals[i], y->value) == 0 : !vals[i];
        if (!ok)
            return 0;
    }
    return 1;
}

static int count_rows(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    fixture_rows *fr = ctx;
    if (fr->rows++ == 0)
        for (int i = 0; i < ncols; i++)
            rca_buf_printf(&fr->first, "%s%s=%s", i ? " " : "", names[i],
                           vals[i] ? vals[i] : "NULL");
    fr->yielded |= yielded_row(ncols, names, vals, fr->sm);
    return 0;
}

/* Build a database from one fixture and run the check on it: fr->rows counts the rows it returns,
 * fr->first holds the first. Returns RCA_ESYNTAX when the fixture or the query failed (reported
 * to diag), RCA_ENOMEM. */
static rca_err run_fixture(const rca_rules *r, const rule *ru, const sample *sm, fixture_rows *fr,
                           rca_diag *diag)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    rca_err rc = rca_store_create(":memory:", 1, diag, &fx.s);
    if (rc)
        return rc == RCA_ENOMEM ? rc : RCA_ESYNTAX;
    rc = RCA_ESYNTAX;
    if (rca_store_add_bundle(fx.s, "fixture", &fx.bundle))
        goto done;
    char *copy = strdup(sm->text);
    if (!copy) {
        rc = RCA_ENOMEM;
        goto done;
    }
    int bad = 0;
    rca_lines it;
    rca_span ln;
    rca_lines_init(&it, copy, strlen(copy));
    while (rca_lines_next(&it, &ln)) {
        unsigned line = sm->line + it.lineno - 1;
        char *p = copy + (ln.p - copy);
        p[ln.n] = '\0'; /* over its '\n': fixture_line cuts the row up in place */
        const char *line_start = p;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        /* the block's lines are cut at its first line's indent: the row's column from there */
        unsigned col = sm->col ? sm->col + (unsigned)(p - line_start) : 0;
        rca_err lrc = fixture_line(&fx, r, ru, line, col, p, diag);
        if (lrc == RCA_ENOMEM) {
            free(copy);
            rc = lrc;
            goto done;
        }
        if (lrc)
            bad = 1;
    }
    free(copy);
    if (bad || rca_store_finish_ingest(fx.s))
        goto done;
    if (rca_store_query(fx.s, ru->sql, 1, count_rows, fr, diag, ru->file, ru->sql_line) == RCA_OK)
        rc = RCA_OK;
done:
    for (size_t i = 0; i < fx.nhosts; i++)
        free(fx.names[i]);
    rca_store_free(fx.s);
    return rc;
}

typedef struct columns {
    rca_arena *a;
    rule *ru;
    size_t cap;
    int nomem;
} columns;

static void add_column(void *ctx, const char *name)
{
    columns *c = ctx;
    rule *ru = c->ru;
    if (ru->ncols == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        char **na = rca_arena_alloc(c->a, nc * sizeof *na);
        if (!na) {
            c->nomem = 1;
            return;
        }
        if (ru->ncols)
            memcpy(na, ru->cols, ru->ncols * sizeof *na);
        ru->cols = na;
        c->cap = nc;
    }
    if (!(ru->cols[ru->ncols] = rca_arena_strdup(c->a, name)))
        c->nomem = 1;
    else
        ru->ncols++;
}

/* A check's SQL, prepared once against the empty schema: one error, not one per fixture; its
 * result columns are the fields the check produces. Returns RCA_ESYNTAX when it does not prepare
 * or a table `needs` names does not exist (reported to diag), RCA_ENOMEM. */
static rca_err check_sql(rca_rules *r, rule *ru, rca_diag *diag)
{
    rca_store *s;
    rca_err rc = rca_store_create(":memory:", 1, diag, &s);
    if (rc)
        return rc == RCA_ENOMEM ? rc : RCA_ESYNTAX;
    int ok = rca_store_finish_ingest(s) == RCA_OK &&
             rca_store_check_sql(s, ru->sql, diag, ru->file, ru->sql_line) == RCA_OK;
    /* the tables `needs` names must exist */
    for (size_t i = 0; i < ru->nneeds; i++) {
        int rows;
        if (rca_store_has_rows(s, ru->needs[i], &rows, diag, ru->file, ru->needs_line) != RCA_OK)
            ok = 0;
    }
    columns c = {r->arena, ru, 0, 0};
    ru->ncols = 0;
    if (ok && rca_store_columns(s, ru->sql, add_column, &c) == RCA_OK && !c.nomem)
        ru->cols_known = 1;
    rca_store_free(s);
    return c.nomem ? RCA_ENOMEM : ok ? RCA_OK : RCA_ESYNTAX;
}

/* The message for a field the sample does not yield as stated. */
static void yield_error(rca_diag *diag, const rule *ru, const yield_field *y, const char *got,
                        const char *have)
{
    if (!got)
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, y->pos.line, y->pos.col, y->pos.text,
                  "rule %s: the sample yields no field '%s' (it yields: %s)", ru->id, y->name,
                  have && *have ? have : "no field");
    else
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, y->pos.line, y->pos.col, y->pos.text,
                  "rule %s: the sample yields %s=\"%s\", not \"%s\"", ru->id, y->name, got,
                  y->value ? y->value : "NULL");
}

/* A line rule's sample fired: each `yields` field must be in its fields, with that value. */
static int check_line_yields(const rule *ru, const sample *sm, const char *fields, rca_diag *diag)
{
    if (!sm->nyields)
        return 1;
    json_error_t err;
    json_t *o = json_loads(fields, JSON_REJECT_DUPLICATES, &err);
    if (!o || !json_is_object(o)) {
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, sm->line, 0, NULL,
                  "rule %s: the sample's fields are not a JSON object (%s)", ru->id, err.text);
        json_decref(o);
        return 0;
    }
    rca_buf have;
    rca_buf_init(&have);
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        rca_buf_printf(&have, "%s%s", have.n ? ", " : "", k);
    }
    int ok = 1;
    for (size_t i = 0; i < sm->nyields; i++) {
        const yield_field *y = &sm->yields[i];
        json_t *f = json_object_get(o, y->name);
        const char *got = f && json_is_string(f) ? json_string_value(f) : NULL;
        if (!y->value && !f)
            continue; /* NAME=NULL: the match must not give that field */
        if (!got || !y->value || strcmp(got, y->value) != 0) {
            yield_error(diag, ru, y, got, have.p);
            ok = 0;
        }
    }
    rca_buf_free(&have);
    json_decref(o);
    return ok;
}

/* A check's sample returned rows: its `yields` columns must be result columns, and one row must
 * have them all. */
static int check_row_yields(const rule *ru, const sample *sm, const fixture_rows *fr,
                            rca_diag *diag)
{
    if (!sm->nyields || fr->yielded)
        return 1;
    int named = 1;
    for (size_t i = 0; ru->cols_known && i < sm->nyields; i++) {
        const yield_field *y = &sm->yields[i];
        int found = 0;
        for (size_t c = 0; c < ru->ncols; c++)
            found |= strcmp(ru->cols[c], y->name) == 0;
        if (!found) {
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, y->pos.line, y->pos.col, y->pos.text,
                      "rule %s: the check has no result column '%s'", ru->id, y->name);
            named = 0;
        }
    }
    if (named) {
        const yield_field *y = &sm->yields[0];
        rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, y->pos.line, y->pos.col, y->pos.text,
                  "rule %s: no result row of the sample has these values (%d row%s, the first: %s)",
                  ru->id, fr->rows, fr->rows == 1 ? "" : "s", fr->first.p ? fr->first.p : "");
    }
    return 0;
}

rca_err rules_check_samples(rca_rules *r, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    rca_buf fields, grp;
    rca_buf_init(&fields);
    rca_buf_init(&grp);
    unsigned char *bad_sql = calloc(r->nrules + 1, 1);
    if (!bad_sql)
        return RCA_ENOMEM;
    for (size_t i = 0; i < r->nrules; i++) {
        rca_err src = r->rules[i].is_check ? check_sql(r, &r->rules[i], diag) : RCA_OK;
        if (src == RCA_ENOMEM) {
            rc = src;
            goto end;
        }
        if (src) {
            bad_sql[i] = 1;
            rc = RCA_ESYNTAX;
        }
    }
    rca_err frc = rules_check_fields(r, diag);
    if (frc)
        rc = frc;
    for (size_t i = 0; i < r->nrules && rc != RCA_ENOMEM; i++) {
        rule *ru = &r->rules[i];
        if (bad_sql[i])
            continue;
        for (size_t k = 0; k < ru->nsamples; k++) {
            const sample *sm = &ru->samples[k];
            int fired;
            if (ru->is_check) {
                fixture_rows fr = {sm, 0, 0, {0}};
                rca_buf_init(&fr.first);
                rca_err xrc = run_fixture(r, ru, sm, &fr, diag);
                fired = !xrc && fr.rows > 0;
                if (fired && sm->must_fire && !check_row_yields(ru, sm, &fr, diag))
                    rc = RCA_ESYNTAX;
                rca_buf_free(&fr.first);
                if (xrc) {
                    rc = xrc;
                    if (xrc == RCA_ENOMEM)
                        goto end;
                    continue;
                }
            } else {
                rca_logctx ctx = {2025, 12, RCA_LOG_NONE};
                rca_logline ll;
                rca_parse_log_line(&ctx, sm->text, strlen(sm->text), &ll);
                int m;
                rca_err mrc = rules_match_alone(r, ru, &ll, &fields, &grp, &m);
                if (mrc) {
                    rc = mrc;
                    goto end;
                }
                fired = m > 0;
                if (m < 0) {
                    rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, sm->line, 0, NULL,
                              "rule %s: the regex hit the PCRE2 match limit on this sample",
                              ru->id);
                    rc = RCA_ESYNTAX;
                    continue;
                }
                if (fired && sm->must_fire && !check_line_yields(ru, sm, fields.p, diag))
                    rc = RCA_ESYNTAX;
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
end:
    free(bad_sql);
    rca_buf_free(&fields);
    rca_buf_free(&grp);
    return rc;
}
