/* engine.c - from rule matches to root causes. Runs the checks (SQL over the store), groups all
 * hits into findings, links findings whose rules declare `explains` on a shared key and a time
 * relation, and walks from every symptom down to the deepest cause with evidence, ranking the
 * competing chains. Healthy checks become "ruled out" with their figures. Rules stage.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rules_internal.h"

enum { EVIDENCE_MAX = 4, CHAINS_PER_SYMPTOM = 3, MAX_DEPTH = 12, MAX_PATHS = 256 };

/* Clock skew allowed between hosts when a cause must come before its effect. */
static const double SKEW_S = 120.0;

typedef struct host_name {
    int64_t id;
    char *name;
    double collected_at; /* < 0 unknown */
} host_name;

typedef struct eval {
    rca_rules *r;
    rca_store *s;
    rca_diag *diag;
    rca_result *res;
    rca_arena *a;
    host_name *hosts;
    size_t nhosts, caphosts;
    /* findings under construction */
    rca_finding *f;
    size_t nf, capf;
    const rule **frule;    /* the rule of each finding */
    int64_t *fhost;        /* the host id of each finding's hits */
    const char **fgrp;     /* the grouping key of each finding's hits */
    double *funtil;        /* when a recovery marker closed the finding's window, or -1 */
    /* edges: cause -> effect */
    size_t *ecause, *eeffect;
    const char **ekey;
    size_t ne, cape;
    /* current check */
    const rule *check;
    rca_err rc;
    rca_buf buf, grp;
} eval;

static const char *host_of(const eval *e, int64_t id)
{
    for (size_t i = 0; i < e->nhosts; i++)
        if (e->hosts[i].id == id)
            return e->hosts[i].name;
    return NULL;
}

static int64_t host_by_name(const eval *e, const char *name)
{
    for (size_t i = 0; name && i < e->nhosts; i++)
        if (e->hosts[i].name && strcmp(e->hosts[i].name, name) == 0)
            return e->hosts[i].id;
    for (size_t i = 0; name && i < e->nhosts; i++)
        if (rca_host_equiv(e->hosts[i].name, name))
            return e->hosts[i].id;
    return 0;
}

static rca_err collect_host(void *ctx, const rca_host_info *h)
{
    eval *e = ctx;
    if (e->nhosts == e->caphosts) {
        size_t nc = e->caphosts ? e->caphosts * 2 : 8;
        host_name *nh = realloc(e->hosts, nc * sizeof *nh);
        if (!nh)
            return RCA_ENOMEM;
        e->hosts = nh;
        e->caphosts = nc;
    }
    const char *name = h->hostname ? h->hostname : h->report;
    e->hosts[e->nhosts].id = h->id;
    e->hosts[e->nhosts].name = rca_arena_strdup(e->a, name ? name : "?");
    e->hosts[e->nhosts].collected_at = h->collected_at;
    e->nhosts++;
    rca_result *res = e->res;
    rca_host_summary *hs = rca_arena_alloc(e->a, (res->nhosts + 1) * sizeof *hs);
    if (!hs)
        return RCA_ENOMEM;
    if (res->nhosts)
        memcpy(hs, res->hosts, res->nhosts * sizeof *hs);
    rca_host_summary *x = &hs[res->nhosts];
    x->name = rca_arena_strdup(e->a, name ? name : "?");
    x->report = rca_arena_strdup(e->a, h->report);
    x->roles = rca_arena_strdup(e->a, h->roles);
    x->tz = rca_arena_strdup(e->a, h->tz);
    x->kernel = rca_arena_strdup(e->a, h->kernel);
    x->sos_version = rca_arena_strdup(e->a, h->sos_version);
    x->collected_at = h->collected_at;
    res->hosts = hs;
    res->nhosts++;
    return RCA_OK;
}

/* ------------------------------------------------------------------ checks */

static int is_special_col(const char *n)
{
    return strcmp(n, "host_id") == 0 || strcmp(n, "file_id") == 0 || strcmp(n, "lineno") == 0 ||
           strcmp(n, "ts") == 0;
}

static int check_row(void *ctx, const rca_row *row)
{
    int ncols = row->ncols;
    const char *const *names = row->names, *const *vals = row->text;
    eval *e = ctx;
    const rule *ru = e->check;
    int64_t host_id = 0, file_id = 0, lineno = 0;
    double ts = -1;
    const char *host = NULL;
    rca_buf_reset(&e->buf);
    int first = 1;
    for (int i = 0; i < ncols; i++) {
        const char *n = names[i], *v = vals[i];
        if (strcmp(n, "host_id") == 0 && v)
            host_id = row->ints[i];
        else if (strcmp(n, "file_id") == 0 && v)
            file_id = row->ints[i];
        else if (strcmp(n, "lineno") == 0 && v)
            lineno = row->ints[i];
        else if (strcmp(n, "ts") == 0 && v)
            ts = row->reals[i];
        if (strcmp(n, "host") == 0)
            host = v;
        if (is_special_col(n) || !v)
            continue;
        rca_json_member(&e->buf, &first, n, v, strlen(v));
    }
    rca_json_end(&e->buf, first);
    if (!host_id && host)
        host_id = host_by_name(e, host);
    /* grouping: the declared key fields, else every non-special column */
    rca_buf_reset(&e->grp);
    rca_buf_adds(&e->grp, ru->id);
    for (int i = 0; i < ncols; i++) {
        int use = 0;
        if (ru->has_keys) {
            for (size_t k = 0; k < ru->nkeys; k++)
                use |= strcmp(ru->keys[k], names[i]) == 0;
        } else {
            use = !is_special_col(names[i]);
        }
        if (use) {
            rca_buf_addc(&e->grp, '|');
            rca_buf_adds(&e->grp, vals[i] ? vals[i] : "");
        }
    }
    if (!e->buf.p || !e->grp.p) {
        e->rc = RCA_ENOMEM;
        return 1;
    }
    e->rc = rca_store_add_hit(e->s, ru->id, e->grp.p, host_id, file_id, lineno, ts, e->buf.p);
    return e->rc != RCA_OK;
}

static rca_err run_checks(eval *e)
{
    for (size_t i = 0; i < e->r->nrules; i++) {
        rule *ru = &e->r->rules[i];
        if (!ru->is_check || ru->is_coverage || ru->is_roles)
            continue;
        e->check = ru;
        rca_err rc = rca_store_query_rows(e->s, ru->sql, check_row, e, e->diag, ru->file,
                                          ru->sql_line);
        if (rc == RCA_ESYNTAX)
            continue; /* reported with the rule's location; the other checks go on */
        if (rc)
            return rc;
        if (e->rc)
            return e->rc;
    }
    return RCA_OK;
}

/* ------------------------------------------------------------------ roles */

typedef struct roles_ctx {
    rca_store *s;
    rca_err rc;
} roles_ctx;

static int roles_row(void *ctx, const rca_row *row)
{
    roles_ctx *rx = ctx;
    const char *roles = NULL;
    int64_t host_id = 0;
    for (int i = 0; i < row->ncols; i++) {
        if (strcmp(row->names[i], "host_id") == 0)
            host_id = row->ints[i];
        else if (strcmp(row->names[i], "roles") == 0)
            roles = row->text[i];
    }
    if (!roles || host_id <= 0)
        return 0; /* no roles, or no host to give them to */
    rx->rc = rca_store_set_host(rx->s, host_id, "roles", roles);
    return rx->rc != RCA_OK;
}

rca_err rca_rules_set_roles(rca_rules *r, rca_store *s, rca_diag *diag)
{
    roles_ctx rx = {s, RCA_OK};
    for (size_t i = 0; i < r->nrules && !rx.rc; i++) {
        const rule *ru = &r->rules[i];
        if (!ru->is_roles)
            continue;
        rca_err rc = rca_store_query_rows(s, ru->sql, roles_row, &rx, diag, ru->file, ru->sql_line);
        if (rc && rc != RCA_ESYNTAX)
            return rc; /* a roles check that fails is said with its location; the others go on */
    }
    return rx.rc;
}

/* ------------------------------------------------------------------ findings */

typedef struct group_row {
    char *grp, *rule;
    int64_t host_id, count, first_id;
    double first_ts, last_ts;
} group_row;

typedef struct groups {
    group_row *g;
    size_t n, cap;
    rca_arena *a;
} groups;

static rca_err collect_group(void *ctx, const rca_hit_group *h)
{
    groups *gs = ctx;
    if (gs->n == gs->cap) {
        size_t nc = gs->cap ? gs->cap * 2 : 64;
        group_row *ng = realloc(gs->g, nc * sizeof *ng);
        if (!ng)
            return RCA_ENOMEM;
        gs->g = ng;
        gs->cap = nc;
    }
    group_row *g = &gs->g[gs->n++];
    g->grp = rca_arena_strdup(gs->a, h->grp);
    g->rule = rca_arena_strdup(gs->a, h->rule);
    g->host_id = h->host_id;
    g->first_ts = h->first_ts;
    g->last_ts = h->last_ts;
    g->count = h->count;
    g->first_id = h->first_hit;
    return g->grp && (g->rule || !h->rule) ? RCA_OK : RCA_ENOMEM;
}

static const char *field_of(const rca_finding *f, const char *name)
{
    if (strcmp(name, "host") == 0 && f->host) {
        for (size_t i = 0; i < f->nfields; i++)
            if (strcmp(f->fields[i].name, "host") == 0)
                return f->fields[i].value;
        return f->host;
    }
    for (size_t i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

static char *render_title(eval *e, const char *tpl, const rca_finding *f)
{
    rca_buf out;
    rca_buf_init(&out);
    for (const char *p = tpl; *p; p++) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close && close - p < 64) {
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
                const char *v = field_of(f, name);
                char tbuf[32];
                if (!v && strcmp(name, "count") == 0) {
                    snprintf(tbuf, sizeof tbuf, "%u", f->count);
                    v = tbuf;
                } else if (!v && strcmp(name, "first") == 0) {
                    rca_fmt_time(f->first_ts, tbuf);
                    v = tbuf;
                } else if (!v && strcmp(name, "last") == 0) {
                    rca_fmt_time(f->last_ts, tbuf);
                    v = tbuf;
                }
                rca_buf_adds(&out, v ? v : "?");
                p = close;
                continue;
            }
        }
        rca_buf_addc(&out, *p);
    }
    char *s = rca_arena_strdup(e->a, out.p ? out.p : "");
    rca_buf_free(&out);
    return s;
}

static rca_err parse_fields(eval *e, const char *json, rca_finding *f)
{
    json_error_t err;
    json_t *o = json_loads(json, 0, &err);
    f->fields = NULL;
    f->nfields = 0;
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return RCA_OK;
    }
    size_t n = json_object_size(o);
    f->fields = rca_arena_alloc(e->a, (n ? n : 1) * sizeof *f->fields);
    if (!f->fields) {
        json_decref(o);
        return RCA_ENOMEM;
    }
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        const char *sv = json_is_string(v) ? json_string_value(v) : "";
        f->fields[f->nfields].name = rca_arena_strdup(e->a, k);
        f->fields[f->nfields].value = rca_arena_strdup(e->a, sv);
        f->nfields++;
    }
    json_decref(o);
    return RCA_OK;
}

/* Evidence of a finding: its first hits (from min_ts on, when given) and its last one, each line
 * once (the same line hit by two matches of one rule). */
static rca_err collect_evidence(eval *e, rca_finding *f, const char *grp, double min_ts)
{
    rca_hit_place at[EVIDENCE_MAX];
    size_t n = 0, nev = 0;
    rca_err rc = rca_store_group_places(e->s, grp, min_ts, EVIDENCE_MAX - 1, at, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < nev && (at[k].file_id != at[i].file_id || at[k].lineno != at[i].lineno))
            k++;
        if (k == nev)
            at[nev++] = at[i];
    }
    f->nev = 0;
    f->ev = rca_arena_alloc(e->a, (nev ? nev : 1) * sizeof *f->ev);
    if (!f->ev)
        return RCA_ENOMEM;
    rca_buf tmp, path;
    rca_buf_init(&tmp);
    rca_buf_init(&path);
    for (size_t k = 0; k < nev && !rc; k++) {
        int64_t hid;
        if ((rc = rca_store_file_info(e->s, at[k].file_id, &path, &hid)) ||
            (rc = rca_store_line_text(e->s, at[k].file_id, at[k].lineno, &tmp)))
            break;
        rca_evidence *x = &f->ev[f->nev++];
        x->host = rca_arena_strdup(e->a, host_of(e, hid));
        x->path = rca_arena_strdup(e->a, path.p);
        x->line = at[k].lineno;
        x->text = rca_arena_strndup(e->a, tmp.p, tmp.n); /* NUL bytes and all */
        x->text_len = tmp.n;
        x->file_id = at[k].file_id;
    }
    rca_buf_free(&tmp);
    rca_buf_free(&path);
    return rc;
}

static rca_err build_findings(eval *e)
{
    groups gs = {NULL, 0, 0, e->a};
    rca_err rc = rca_store_each_hit_group(e->s, collect_group, &gs);
    if (rc)
        goto done;
    e->f = rca_arena_alloc(e->a, (gs.n ? gs.n : 1) * sizeof *e->f);
    e->frule = rca_arena_alloc(e->a, (gs.n ? gs.n : 1) * sizeof *e->frule);
    e->fhost = rca_arena_alloc(e->a, (gs.n ? gs.n : 1) * sizeof *e->fhost);
    e->funtil = rca_arena_alloc(e->a, (gs.n ? gs.n : 1) * sizeof *e->funtil);
    e->fgrp = rca_arena_alloc(e->a, (gs.n ? gs.n : 1) * sizeof *e->fgrp);
    if (!e->f || !e->frule || !e->fhost || !e->funtil || !e->fgrp) {
        rc = RCA_ENOMEM;
        goto done;
    }
    rca_buf tmp;
    rca_buf_init(&tmp);
    for (size_t i = 0; i < gs.n && !rc; i++) {
        group_row *g = &gs.g[i];
        const rule *ru = rules_find(e->r, g->rule);
        if (!ru || ru->is_marker)
            continue;
        rca_finding *f = &e->f[e->nf];
        memset(f, 0, sizeof *f);
        e->frule[e->nf] = ru;
        e->fhost[e->nf] = g->host_id;
        e->funtil[e->nf] = -1;
        e->fgrp[e->nf] = g->grp;
        f->rule = ru->id;
        f->code = ru->code;
        f->cls = ru->cls;
        f->severity = ru->severity;
        f->explain = ru->explain;
        f->remedy = ru->remedy;
        const char **refs = rca_arena_alloc(e->a, (ru->nrefs + 1) * sizeof *refs);
        if (!refs) {
            rc = RCA_ENOMEM;
            break;
        }
        for (size_t k = 0; k < ru->nrefs; k++)
            refs[k] = ru->refs[k];
        refs[ru->nrefs] = NULL;
        f->refs = refs;
        f->first_ts = g->first_ts;
        f->last_ts = g->last_ts;
        f->count = (unsigned)g->count;
        if ((rc = rca_store_hit_fields(e->s, g->first_id, &tmp)) ||
            (rc = parse_fields(e, tmp.p ? tmp.p : "{}", f)))
            break;
        const char *fh = NULL;
        for (size_t k = 0; k < f->nfields; k++)
            if (strcmp(f->fields[k].name, "host") == 0)
                fh = f->fields[k].value;
        f->host = g->host_id ? host_of(e, g->host_id) : fh;
        if ((rc = collect_evidence(e, f, g->grp, -1)))
            break;
        e->nf++;
    }
    rca_buf_free(&tmp);
done:
    free(gs.g);
    return rc;
}

/* ------------------------------------------------------------------ coverage */

static int coverage_row(void *ctx, const rca_row *row)
{
    int ncols = row->ncols;
    const char *const *names = row->names, *const *vals = row->text;
    eval *e = ctx;
    const rule *ru = e->check;
    rca_finding f;
    memset(&f, 0, sizeof f);
    f.fields = rca_arena_alloc(e->a, ((size_t)ncols + 1) * sizeof *f.fields);
    if (!f.fields) {
        e->rc = RCA_ENOMEM;
        return 1;
    }
    int64_t host_id = 0;
    for (int i = 0; i < ncols; i++) {
        if (strcmp(names[i], "host_id") == 0 && vals[i])
            host_id = row->ints[i];
        if (is_special_col(names[i]) || !vals[i])
            continue;
        f.fields[f.nfields].name = names[i];
        f.fields[f.nfields].value = vals[i];
        f.nfields++;
    }
    const char *host = host_id ? host_of(e, host_id) : field_of(&f, "host");
    f.host = host;
    rca_result *res = e->res;
    rca_coverage *c = rca_arena_alloc(e->a, (res->ncoverage + 1) * sizeof *c);
    if (!c) {
        e->rc = RCA_ENOMEM;
        return 1;
    }
    if (res->ncoverage)
        memcpy(c, res->coverage, res->ncoverage * sizeof *c);
    c[res->ncoverage].host = host ? rca_arena_strdup(e->a, host) : NULL;
    c[res->ncoverage].check = ru->id;
    c[res->ncoverage].title = render_title(e, ru->title, &f);
    if (!c[res->ncoverage].title || (host && !c[res->ncoverage].host)) {
        e->rc = RCA_ENOMEM;
        return 1;
    }
    res->coverage = c;
    res->ncoverage++;
    return 0;
}

/* The coverage checks, after the findings are stored (they may ask when the first failure was). */
static rca_err run_coverage(eval *e)
{
    for (size_t i = 0; i < e->r->nrules; i++) {
        rule *ru = &e->r->rules[i];
        if (!ru->is_coverage)
            continue;
        e->check = ru;
        rca_err rc = rca_store_query_rows(e->s, ru->sql, coverage_row, e, e->diag, ru->file,
                                     ru->sql_line);
        if (rc == RCA_ESYNTAX)
            continue;
        if (rc)
            return rc;
        if (e->rc)
            return e->rc;
    }
    return RCA_OK;
}

/* ------------------------------------------------------------------ borrow, until, titles */

static int keys_match(const rca_finding *a, const rca_finding *b, const key_pair *keys, size_t n);

static rca_err add_field_to(eval *e, rca_finding *f, const char *name, const char *value)
{
    rca_field *nf = rca_arena_alloc(e->a, (f->nfields + 1) * sizeof *nf);
    if (!nf)
        return RCA_ENOMEM;
    if (f->nfields)
        memcpy(nf, f->fields, f->nfields * sizeof *nf);
    nf[f->nfields].name = rca_arena_strdup(e->a, name);
    nf[f->nfields].value = rca_arena_strdup(e->a, value);
    f->fields = nf;
    f->nfields++;
    return RCA_OK;
}

/* Fields a finding takes from a related one (neutron's refusal names the port, nova's failure on
 * that port names the host). */
static rca_err apply_borrows(eval *e)
{
    for (size_t i = 0; i < e->nf; i++) {
        const rule *ru = e->frule[i];
        rca_finding *f = &e->f[i];
        for (size_t k = 0; k < ru->nborrows; k++) {
            const link_clause *b = &ru->borrows[k];
            int have = 0;
            for (size_t j = 0; j < f->nfields; j++)
                have |= strcmp(f->fields[j].name, b->field) == 0;
            if (have)
                continue;
            for (size_t j = 0; j < e->nf; j++) {
                const rca_finding *o = &e->f[j];
                if (j == i || (b->target_is_code ? strcmp(o->code, b->target)
                                                 : strcmp(o->rule, b->target)))
                    continue;
                if (!keys_match(f, o, b->keys, b->nkeys))
                    continue;
                const char *v = field_of(o, b->src_field);
                if (v) {
                    rca_err rc = add_field_to(e, f, b->field, v);
                    if (rc)
                        return rc;
                    break;
                }
            }
        }
    }
    return RCA_OK;
}

enum { UNTIL_KEYS_MAX = 8 };

/* The part of finding i after an earlier recovery at `back` is the current outage: it starts with
 * its first hit after the recovery, and its count, fields and evidence are those of that part. */
static rca_err restart_after(eval *e, size_t i, double back)
{
    rca_finding *f = &e->f[i];
    double since = -1;
    int64_t count = 0;
    rca_buf fields;
    rca_buf_init(&fields);
    rca_err rc = rca_store_group_since(e->s, e->fgrp[i], back, &since, &count, &fields);
    if (!rc && since >= 0) {
        f->first_ts = since;
        if ((fields.p && (rc = parse_fields(e, fields.p, f))) ||
            (rc = collect_evidence(e, f, e->fgrp[i], since)))
            goto end;
        if (count > 0)
            f->count = (unsigned)count;
    }
end:
    rca_buf_free(&fields);
    return rc;
}

/* A recovery marker after the finding (same host, same key) closes its window. */
static rca_err apply_until(eval *e, size_t i, const link_clause *u)
{
    rca_finding *f = &e->f[i];
    rca_field_eq eq[UNTIL_KEYS_MAX];
    size_t neq = 0;
    for (; neq < u->nkeys && neq < UNTIL_KEYS_MAX; neq++) {
        eq[neq].name = u->keys[neq].effect_field;
        if (!(eq[neq].value = field_of(f, u->keys[neq].cause_field)))
            return RCA_OK; /* no key to match a marker on */
    }
    double until = -1, back = -1;
    rca_err rc;
    if ((rc = rca_store_marker_after(e->s, u->target, e->fhost[i], f->last_ts, eq, neq, &until)) ||
        (rc = rca_store_marker_before(e->s, u->target, e->fhost[i], f->last_ts, eq, neq, &back)))
        return rc;
    /* an earlier episode that recovered is not part of the current outage */
    if (back > f->first_ts && (rc = restart_after(e, i, back)))
        return rc;
    if (until >= 0 && (e->funtil[i] < 0 || until < e->funtil[i])) {
        e->funtil[i] = until;
        char tbuf[32];
        rca_fmt_time(until, tbuf);
        return add_field_to(e, f, "until", tbuf);
    }
    return RCA_OK;
}

static rca_err apply_untils(eval *e)
{
    rca_err rc = RCA_OK;
    for (size_t i = 0; i < e->nf && !rc; i++)
        for (size_t k = 0; e->f[i].last_ts >= 0 && k < e->frule[i]->nuntils && !rc; k++)
            rc = apply_until(e, i, &e->frule[i]->untils[k]);
    return rc;
}

/* "2s", "4m 10s", "3h 05m": a duration for a title. */
static void fmt_duration(double secs, char buf[32])
{
    long long s = secs < 0 ? 0 : (long long)(secs + 0.5);
    if (s < 120)
        snprintf(buf, 32, "%llds", s);
    else if (s < 7200)
        snprintf(buf, 32, "%lldm %02llds", s / 60, s % 60);
    else
        snprintf(buf, 32, "%lldh %02lldm", s / 3600, s / 60 % 60);
}

/* Whether finding i is a blip (see render_titles): a failure with `for` or `min-count` that met
 * neither, that recovered or never repeated, and whose every effect is itself a blip (a cause of
 * nothing but blips explains no failure: an OVS restart of three seconds that made its agent
 * miss two checks is one event of no consequence, not two). memo: -1 unknown, 0, 1. Causes form
 * no loop (lint), so the recursion ends. */
static int is_blip(const eval *e, size_t i, signed char *memo)
{
    if (memo[i] >= 0)
        return memo[i];
    const rule *ru = e->frule[i];
    const rca_finding *f = &e->f[i];
    int declared = ru->persist_s >= 0 || ru->min_count > 0;
    int recovered = e->funtil[i] >= 0 && f->first_ts >= 0;
    double lasted = recovered ? e->funtil[i] - f->first_ts : f->last_ts - f->first_ts;
    int lasted_enough = ru->persist_s >= 0 && f->first_ts >= 0 && lasted >= ru->persist_s;
    int repeated_enough = ru->min_count > 0 && f->count >= ru->min_count;
    int blip = declared && !lasted_enough && !repeated_enough && (recovered || ru->min_count > 0);
    for (size_t k = 0; k < e->ne && blip; k++)
        if (e->ecause[k] == i && !is_blip(e, e->eeffect[k], memo))
            blip = 0;
    memo[i] = (signed char)blip;
    return blip;
}

/* Append `suffix` to the finding's title. */
static rca_err retitle(eval *e, rca_finding *f, const char *suffix)
{
    size_t n = strlen(f->title) + strlen(suffix) + 1;
    char *s = rca_arena_alloc(e->a, n);
    if (!s)
        return RCA_ENOMEM;
    snprintf(s, n, "%s%s", f->title, suffix);
    f->title = s;
    return RCA_OK;
}

/* Titles, and how much a failure that stopped matters (after link_causes: whether it explains
 * anything is part of the judgement).
 * - A rule that says how long a failure must last (`for`) or how often it must repeat
 *   (`min-count`): a finding that met neither, that recovered or never repeated, and that explains
 *   nothing but blips is a blip (is_blip). It becomes `info`, "recovered after N s" (or "seen N
 *   times").
 * - Any other finding whose recovery marker followed it is history, not a standing fault: it says
 *   when it recovered and is at most a warning.
 * - A persistent failure keeps its severity. */
static rca_err render_titles(eval *e)
{
    signed char *memo = rca_arena_alloc(e->a, e->nf ? e->nf : 1);
    if (!memo)
        return RCA_ENOMEM;
    memset(memo, -1, e->nf ? e->nf : 1);
    for (size_t i = 0; i < e->nf; i++) {
        rca_finding *f = &e->f[i];
        const rule *ru = e->frule[i];
        f->title = render_title(e, ru->title, f);
        if (!f->title)
            return RCA_ENOMEM;
        if (ru->explain && !(f->explain = render_title(e, ru->explain, f)))
            return RCA_ENOMEM;
        if (ru->remedy && !(f->remedy = render_title(e, ru->remedy, f)))
            return RCA_ENOMEM;
        int recovered = e->funtil[i] >= 0 && f->first_ts >= 0;
        double lasted = recovered ? e->funtil[i] - f->first_ts : f->last_ts - f->first_ts;
        int blip = is_blip(e, i, memo);
        char t[32], suffix[64];
        rca_err rc = RCA_OK;
        if (blip && recovered) {
            fmt_duration(lasted, t);
            snprintf(suffix, sizeof suffix, " (recovered after %s)", t);
            if (!(rc = add_field_to(e, f, "recovered_after", t)))
                rc = retitle(e, f, suffix);
            f->severity = "info";
        } else if (blip) {
            if (f->count == 1)
                snprintf(suffix, sizeof suffix, " (seen once)");
            else
                snprintf(suffix, sizeof suffix, " (seen %u times)", f->count);
            rc = retitle(e, f, suffix);
            f->severity = "info";
        } else if (recovered) {
            rca_fmt_time(e->funtil[i], t);
            snprintf(suffix, sizeof suffix, " (recovered at %s UTC)", t);
            rc = retitle(e, f, suffix);
            if (rca_severity_rank(f->severity) > 2)
                f->severity = "warning";
        }
        if (rc)
            return rc;
    }
    return RCA_OK;
}

/* ------------------------------------------------------------------ causes */

static int key_equal(const char *name_a, const char *a, const char *name_b, const char *b)
{
    if (!a || !b || !*a || !*b)
        return 0;
    if (strstr(name_a, "host") || strstr(name_b, "host"))
        return rca_host_equiv(a, b);
    return strcmp(a, b) == 0;
}

static rca_err add_edge(eval *e, size_t cause, size_t effect, const char *key)
{
    for (size_t i = 0; i < e->ne; i++)
        if (e->ecause[i] == cause && e->eeffect[i] == effect)
            return RCA_OK;
    if (e->ne == e->cape) {
        size_t nc = e->cape ? e->cape * 2 : 64;
        size_t *a = realloc(e->ecause, nc * sizeof *a);
        if (!a)
            return RCA_ENOMEM;
        e->ecause = a;
        size_t *b = realloc(e->eeffect, nc * sizeof *b);
        if (!b)
            return RCA_ENOMEM;
        e->eeffect = b;
        const char **k = realloc(e->ekey, nc * sizeof *k);
        if (!k)
            return RCA_ENOMEM;
        e->ekey = k;
        e->cape = nc;
    }
    e->ecause[e->ne] = cause;
    e->eeffect[e->ne] = effect;
    e->ekey[e->ne] = rca_arena_strdup(e->a, key);
    e->ne++;
    return RCA_OK;
}

static int keys_match(const rca_finding *a, const rca_finding *b, const key_pair *keys, size_t n)
{
    for (size_t j = 0; j < n; j++)
        if (!key_equal(keys[j].cause_field, field_of(a, keys[j].cause_field),
                       keys[j].effect_field, field_of(b, keys[j].effect_field)))
            return 0;
    return 1;
}

static int time_ok(const cause_clause *c, const rca_finding *cause, double cause_until,
                   const rca_finding *effect)
{
    if (cause->first_ts < 0 || effect->first_ts < 0)
        return 1; /* state from a command output: true at collection time */
    if (cause->first_ts > effect->last_ts + SKEW_S)
        return 0; /* the cause started after the effect was over */
    if (cause_until >= 0 && effect->first_ts > cause_until + SKEW_S)
        return 0; /* the cause had recovered before the effect */
    if (c->within >= 0 && effect->first_ts - cause->last_ts > c->within)
        return 0;
    return 1;
}

static rca_err link_causes(eval *e)
{
    rca_buf key;
    rca_buf_init(&key);
    rca_err rc = RCA_OK;
    for (size_t ci = 0; ci < e->nf && !rc; ci++) {
        const rule *ru = e->frule[ci];
        const rca_finding *c = &e->f[ci];
        for (size_t k = 0; k < ru->nexplains && !rc; k++) {
            const cause_clause *cc = &ru->explains[k];
            for (size_t ei = 0; ei < e->nf && !rc; ei++) {
                if (ei == ci)
                    continue;
                const rca_finding *ef = &e->f[ei];
                if (cc->target_is_code ? strcmp(ef->code, cc->target) != 0
                                       : strcmp(ef->rule, cc->target) != 0)
                    continue;
                if (cc->same_host && !(c->host && ef->host && strcmp(c->host, ef->host) == 0))
                    continue;
                if (!time_ok(cc, c, e->funtil[ci], ef))
                    continue;
                int ok = 1;
                rca_buf_reset(&key);
                for (size_t j = 0; j < cc->nkeys && ok; j++) {
                    const char *a = field_of(c, cc->keys[j].cause_field);
                    const char *b = field_of(ef, cc->keys[j].effect_field);
                    ok = key_equal(cc->keys[j].cause_field, a, cc->keys[j].effect_field, b);
                    if (ok)
                        rca_buf_printf(&key, "%s%s=%s", j ? ", " : "", cc->keys[j].effect_field,
                                       b);
                }
                if (ok)
                    rc = add_edge(e, ci, ei, key.p ? key.p : "");
            }
        }
    }
    rca_buf_free(&key);
    return rc;
}

/* ------------------------------------------------------------------ chains */

typedef struct path_acc {
    eval *e;
    size_t stack[MAX_DEPTH];
    const char *keys[MAX_DEPTH];
    size_t depth;
    /* best path per leaf */
    size_t *leaf;
    double *score;
    size_t **paths;
    const char ***pkeys;
    size_t *plen;
    size_t n, cap, visited;
    rca_err rc;            /* out of memory: the walk stops and the analysis fails */
} path_acc;

static double path_score(const eval *e, const size_t *p, size_t n)
{
    double s = 10.0 * (double)n;
    const rca_finding *leaf = &e->f[p[n - 1]];
    if (leaf->cls && strcmp(leaf->cls, "root") == 0)
        s += 5;
    s += rca_severity_rank(leaf->severity);
    for (size_t i = 0; i < n; i++)
        s += 0.5 * log2(1.0 + (double)e->f[p[i]].nev);
    return s;
}

static void record_path(path_acc *pa)
{
    eval *e = pa->e;
    size_t leaf = pa->stack[pa->depth - 1];
    double sc = path_score(e, pa->stack, pa->depth);
    size_t slot = pa->n;
    for (size_t i = 0; i < pa->n; i++)
        if (pa->leaf[i] == leaf) {
            if (pa->score[i] >= sc)
                return;
            slot = i;
        }
    if (slot == pa->n) {
        if (pa->n == pa->cap) {
            size_t nc = pa->cap ? pa->cap * 2 : 8;
            size_t *l = realloc(pa->leaf, nc * sizeof *l);
            double *s = realloc(pa->score, nc * sizeof *s);
            size_t **p = realloc(pa->paths, nc * sizeof *p);
            const char ***k = realloc(pa->pkeys, nc * sizeof *k);
            size_t *pl = realloc(pa->plen, nc * sizeof *pl);
            if (l)
                pa->leaf = l;
            if (s)
                pa->score = s;
            if (p)
                pa->paths = p;
            if (k)
                pa->pkeys = k;
            if (pl)
                pa->plen = pl;
            if (!l || !s || !p || !k || !pl) {
                pa->rc = RCA_ENOMEM;
                return;
            }
            pa->cap = nc;
        }
    }
    size_t *copy = rca_arena_alloc(e->a, pa->depth * sizeof *copy);
    const char **kc = rca_arena_alloc(e->a, pa->depth * sizeof *kc);
    if (!copy || !kc) {
        pa->rc = RCA_ENOMEM;
        return;
    }
    if (slot == pa->n)
        pa->n++;
    memcpy(copy, pa->stack, pa->depth * sizeof *copy);
    memcpy(kc, pa->keys, pa->depth * sizeof *kc);
    pa->leaf[slot] = leaf;
    pa->score[slot] = sc;
    pa->paths[slot] = copy;
    pa->pkeys[slot] = kc;
    pa->plen[slot] = pa->depth;
}

static void walk_causes(path_acc *pa, size_t node)
{
    eval *e = pa->e;
    if (++pa->visited > 100000 || pa->rc)
        return;
    pa->stack[pa->depth++] = node;
    int extended = 0;
    if (pa->depth < MAX_DEPTH) {
        for (size_t i = 0; i < e->ne; i++) {
            if (e->eeffect[i] != node)
                continue;
            size_t cause = e->ecause[i];
            int on_stack = 0;
            for (size_t k = 0; k < pa->depth; k++)
                on_stack |= pa->stack[k] == cause;
            if (on_stack)
                continue; /* a loop in the rule pack's causes */
            extended = 1;
            pa->keys[pa->depth - 1] = e->ekey[i];
            walk_causes(pa, cause);
        }
    }
    if (!extended)
        record_path(pa);
    pa->depth--;
}

/* What a rule needs to find its evidence, missing from every report: "ovn-controller logs", a
 * check's `needs` words; NULL when it had what it needs (it looked, and found nothing). */
static rca_err missing_for(eval *e, const rule *ru, rca_buf *out, int *missing)
{
    rca_err rc = RCA_OK;
    *missing = 0;
    rca_buf_reset(out);
    if (ru->is_check) {
        for (size_t i = 0; i < ru->nneeds && !rc && !*missing; i++) {
            int rows;
            rc = rca_store_has_rows(e->s, ru->needs[i], &rows, e->diag, ru->file, ru->needs_line);
            if (rc == RCA_ESYNTAX)
                return RCA_OK; /* said; the analysis goes on */
            *missing = !rc && !rows;
        }
        if (*missing)
            rca_buf_adds(out, ru->needs_words);
        return rc;
    }
    if (!ru->nservices || ru->npaths)
        return RCA_OK;
    int any = 0;
    for (size_t i = 0; i < ru->nservices && !rc && !any; i++)
        rc = rca_store_has_service(e->s, ru->services[i], &any);
    if (rc || any)
        return rc;
    *missing = 1;
    for (size_t i = 0; i < ru->nservices; i++)
        rca_buf_printf(out, "%s%s", i ? (i + 1 == ru->nservices ? " or " : ", ") : "",
                       ru->services[i]);
    rca_buf_adds(out, " logs");
    return RCA_OK;
}

/* The causes the pack knows for the chain's deepest step that could not be looked for, because
 * what they read is in no report: the chain stops there for want of evidence, not because the
 * cause was ruled out. */
static rca_err find_not_proven(eval *e, rca_chain *c)
{
    const rca_finding *d = c->steps[c->n - 1];
    if (d->cls && strcmp(d->cls, "root") == 0)
        return RCA_OK;
    rca_buf words, line;
    rca_buf_init(&words);
    rca_buf_init(&line);
    rca_err rc = RCA_OK;
    for (size_t i = 0; i < e->r->nrules && !rc; i++) {
        const rule *ru = &e->r->rules[i];
        if (ru->is_marker || ru->is_coverage || ru->is_roles)
            continue;
        int targets = 0;
        for (size_t k = 0; k < ru->nexplains && !targets; k++) {
            const cause_clause *cc = &ru->explains[k];
            targets = cc->target_is_code ? strcmp(cc->target, d->code) == 0
                                         : strcmp(cc->target, d->rule) == 0;
        }
        int missing;
        if (!targets || (rc = missing_for(e, ru, &words, &missing)) || !missing)
            continue;
        rca_buf_reset(&line);
        rca_buf_printf(&line, "%s: %s", ru->code, words.p);
        int dup = 0;
        for (size_t k = 0; k < c->nnot_proven && !dup; k++)
            dup = strcmp(c->not_proven[k], line.p) == 0;
        if (dup)
            continue;
        const char **np = rca_arena_alloc(e->a, (c->nnot_proven + 1) * sizeof *np);
        if (!np || !(np[c->nnot_proven] = rca_arena_strdup(e->a, line.p))) {
            rc = RCA_ENOMEM;
            break;
        }
        if (c->nnot_proven)
            memcpy(np, c->not_proven, c->nnot_proven * sizeof *np);
        c->not_proven = np;
        c->nnot_proven++;
    }
    rca_buf_free(&words);
    rca_buf_free(&line);
    return rc;
}

static int cmp_chain(const void *a, const void *b)
{
    const rca_chain *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    double tx = x->steps[0]->first_ts, ty = y->steps[0]->first_ts;
    if (tx != ty)
        return tx < ty ? -1 : 1;
    return strcmp(x->steps[0]->title, y->steps[0]->title);
}

static rca_err build_chains(eval *e)
{
    rca_result *res = e->res;
    rca_err rc = RCA_OK;
    size_t cap = 0;
    for (size_t si = 0; si < e->nf && !rc; si++) {
        if (!e->f[si].cls || strcmp(e->f[si].cls, "symptom") != 0)
            continue;
        /* a symptom that explains another symptom (a failed spawn that used up the retries) is
         * a step of that one's chain, not a failure of its own */
        int explains_symptom = 0;
        for (size_t k = 0; k < e->ne && !explains_symptom; k++) {
            const rca_finding *x = &e->f[e->eeffect[k]];
            explains_symptom = e->ecause[k] == si && e->eeffect[k] != si && x->cls &&
                               strcmp(x->cls, "symptom") == 0;
        }
        if (explains_symptom)
            continue;
        path_acc pa;
        memset(&pa, 0, sizeof pa);
        pa.e = e;
        walk_causes(&pa, si);
        rc = pa.rc;
        /* best chains first, a few per symptom */
        for (size_t taken = 0; !rc && taken < CHAINS_PER_SYMPTOM && taken < pa.n; taken++) {
            size_t best = pa.n;
            for (size_t i = 0; i < pa.n; i++)
                if (pa.score[i] >= 0 && (best == pa.n || pa.score[i] > pa.score[best]))
                    best = i;
            if (best == pa.n)
                break;
            if (res->nchains == cap) {
                size_t nc = cap ? cap * 2 : 8;
                rca_chain *ch = rca_arena_alloc(e->a, nc * sizeof *ch);
                if (!ch) {
                    rc = RCA_ENOMEM;
                    break;
                }
                if (res->nchains)
                    memcpy(ch, res->chains, res->nchains * sizeof *ch);
                res->chains = ch;
                cap = nc;
            }
            rca_chain *c = &res->chains[res->nchains++];
            c->n = pa.plen[best];
            c->score = pa.score[best];
            c->steps = rca_arena_alloc(e->a, c->n * sizeof *c->steps);
            c->keys = rca_arena_alloc(e->a, c->n * sizeof *c->keys);
            c->also = rca_arena_alloc(e->a, (e->ne + 1) * sizeof *c->also);
            if (!c->steps || !c->keys || !c->also) {
                res->nchains--;
                rc = RCA_ENOMEM;
                break;
            }
            for (size_t k = 0; k < c->n; k++) {
                c->steps[k] = &e->f[pa.paths[best][k]];
                c->keys[k] = pa.pkeys[best][k];
            }
            /* what else the root explains directly (not already a step): corroboration */
            size_t root = pa.paths[best][c->n - 1];
            c->nalso = 0;
            for (size_t k = 0; c->n > 1 && k < e->ne; k++) {
                if (e->ecause[k] != root)
                    continue;
                const rca_finding *x = &e->f[e->eeffect[k]];
                int in_chain = 0;
                for (size_t m = 0; m < c->n; m++)
                    in_chain |= c->steps[m] == x;
                for (size_t m = 0; m < c->nalso; m++)
                    in_chain |= c->also[m] == x;
                if (!in_chain && x->cls && strcmp(x->cls, "symptom") != 0)
                    c->also[c->nalso++] = x;
            }
            pa.score[best] = -1;
            c->not_proven = NULL;
            c->nnot_proven = 0;
            /* a chain that ends at the symptom itself competes only when nothing explains it */
            if (c->n == 1 && pa.n > 1)
                res->nchains--;
            else if ((rc = find_not_proven(e, c)))
                break;
        }
        free(pa.leaf);
        free(pa.score);
        free(pa.paths);
        free(pa.pkeys);
        free(pa.plen);
    }
    if (res->nchains > 1)
        qsort(res->chains, res->nchains, sizeof *res->chains, cmp_chain);
    return rc;
}

/* ------------------------------------------------------------------ age */

/* When the report of finding i's host was collected: its own host's time, else the latest of
 * all hosts (a cross-host check), else unknown (< 0). */
static double collected_for(const eval *e, size_t i)
{
    double latest = -1;
    for (size_t k = 0; k < e->nhosts; k++) {
        if (e->hosts[k].id == e->fhost[i] && e->hosts[k].collected_at >= 0)
            return e->hosts[k].collected_at;
        if (e->hosts[k].collected_at > latest)
            latest = e->hosts[k].collected_at;
    }
    return latest;
}

/* Each finding's age at collection, and whether it is an earlier incident. */
static void judge_age(eval *e, double max_age)
{
    for (size_t i = 0; i < e->nf; i++) {
        rca_finding *f = &e->f[i];
        double c = collected_for(e, i);
        f->age_s = c >= 0 && f->last_ts >= 0 ? c - f->last_ts : -1;
        f->earlier = f->age_s > max_age;
    }
}

static int cmp_earlier(const void *a, const void *b)
{
    const rca_chain *x = a, *y = b;
    double tx = x->steps[0]->last_ts, ty = y->steps[0]->last_ts;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    return strcmp(x->steps[0]->title, y->steps[0]->title);
}

/* Chains whose symptom is an earlier incident leave the root causes for res->earlier. */
static rca_err split_earlier(eval *e)
{
    rca_result *res = e->res;
    size_t n = 0;
    for (size_t i = 0; i < res->nchains; i++)
        n += res->chains[i].steps[0]->earlier;
    if (!n)
        return RCA_OK;
    res->earlier = rca_arena_alloc(e->a, n * sizeof *res->earlier);
    if (!res->earlier)
        return RCA_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < res->nchains; i++) {
        if (res->chains[i].steps[0]->earlier)
            res->earlier[res->nearlier++] = res->chains[i];
        else
            res->chains[k++] = res->chains[i];
    }
    res->nchains = k;
    if (res->nearlier > 1)
        qsort(res->earlier, res->nearlier, sizeof *res->earlier, cmp_earlier);
    return RCA_OK;
}

/* ------------------------------------------------------------------ output */

static int cmp_finding(const void *a, const void *b)
{
    const rca_finding *x = a, *y = b;
    int rx = rca_severity_rank(x->severity), ry = rca_severity_rank(y->severity);
    if (rx != ry)
        return ry - rx;
    if (x->first_ts != y->first_ts)
        return x->first_ts < y->first_ts ? -1 : 1;
    return strcmp(x->title, y->title);
}

static rca_err store_findings(eval *e)
{
    rca_err rc = RCA_OK;
    int64_t *ids = calloc(e->nf + 1, sizeof *ids);
    if (!ids)
        return RCA_ENOMEM;
    rca_buf json;
    rca_buf_init(&json);
    for (size_t i = 0; i < e->nf && !rc; i++) {
        rca_finding *f = &e->f[i];
        rca_buf_reset(&json);
        int first = 1;
        for (size_t k = 0; k < f->nfields && !rc; k++)
            rc = rca_json_member(&json, &first, f->fields[k].name, f->fields[k].value,
                                 strlen(f->fields[k].value));
        if (!rc)
            rc = rca_json_end(&json, first);
        if (rc)
            break;
        int64_t hid = f->host ? host_by_name(e, f->host) : 0;
        rc = rca_store_add_finding(e->s, f->rule, f->code, f->cls, f->severity, hid, f->title,
                                   f->first_ts, f->last_ts, f->count, json.p, &ids[i]);
        f->id = ids[i];
        for (size_t k = 0; k < f->nev && !rc; k++)
            rc = rca_store_add_evidence(e->s, ids[i], host_by_name(e, f->ev[k].host),
                                        f->ev[k].file_id, f->ev[k].line, f->ev[k].text,
                                        f->ev[k].text_len);
    }
    for (size_t i = 0; i < e->ne && !rc; i++)
        rc = rca_store_add_cause(e->s, ids[e->ecause[i]], ids[e->eeffect[i]], e->ekey[i]);
    rca_buf_free(&json);
    free(ids);
    return rc;
}

rca_err rca_rules_evaluate(rca_rules *r, rca_store *s, const rca_eval_opts *o, rca_diag *diag,
                           rca_result **out)
{
    double max_age = o && o->max_age_s > 0 ? o->max_age_s : RCA_MAX_AGE_DEFAULT;
    rca_err rc = RCA_OK;
    eval e;
    memset(&e, 0, sizeof e);
    e.r = r;
    e.s = s;
    e.diag = diag;
    rca_buf_init(&e.buf);
    rca_buf_init(&e.grp);
    rca_result *res = calloc(1, sizeof *res);
    if (!res || !(res->arena = rca_arena_new())) {
        free(res);
        return RCA_ENOMEM;
    }
    e.res = res;
    e.a = res->arena;
    res->nrules = r->nrules;
    res->max_age_s = max_age;
    if ((rc = rca_store_each_host(s, collect_host, &e)))
        goto fail;
    if ((rc = run_checks(&e)) || (rc = build_findings(&e)) || (rc = apply_untils(&e)) ||
        (rc = apply_borrows(&e)) || (rc = link_causes(&e)) || (rc = render_titles(&e)) ||
        (rc = store_findings(&e)) || (rc = build_chains(&e)) || (rc = run_coverage(&e)))
        goto fail;
    judge_age(&e, max_age);
    if ((rc = split_earlier(&e)))
        goto fail;
    res->findings = e.f;
    res->nfindings = e.nf;
    /* ruled-out list, then sort findings (chains hold pointers: copy before sorting) */
    size_t nro = 0;
    for (size_t i = 0; i < e.nf; i++)
        nro += e.f[i].cls && strcmp(e.f[i].cls, "ruled-out") == 0;
    rca_finding *sorted = rca_arena_alloc(e.a, (e.nf ? e.nf : 1) * sizeof *sorted);
    res->ruled_out = rca_arena_alloc(e.a, (nro ? nro : 1) * sizeof *res->ruled_out);
    if (!sorted || !res->ruled_out) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    for (size_t i = 0; i < e.nf; i++)
        if (e.f[i].cls && strcmp(e.f[i].cls, "ruled-out") == 0)
            res->ruled_out[res->nruled_out++] = &e.f[i];
    if (e.nf)
        memcpy(sorted, e.f, e.nf * sizeof *sorted);
    qsort(sorted, e.nf, sizeof *sorted, cmp_finding);
    res->findings = sorted;
    free(e.hosts);
    free(e.ecause);
    free(e.eeffect);
    free(e.ekey);
    rca_buf_free(&e.buf);
    rca_buf_free(&e.grp);
    *out = res;
    return RCA_OK;
fail:
    free(e.hosts);
    free(e.ecause);
    free(e.eeffect);
    free(e.ekey);
    rca_buf_free(&e.buf);
    rca_buf_free(&e.grp);
    rca_result_free(res);
    return rc;
}

rca_err rca_result_add_warning(rca_result *res, const char *text)
{
    const char **w = rca_arena_alloc(res->arena, (res->nwarnings + 1) * sizeof *w);
    if (!w)
        return RCA_ENOMEM;
    if (res->nwarnings)
        memcpy(w, res->warnings, res->nwarnings * sizeof *w);
    w[res->nwarnings] = rca_arena_strdup(res->arena, text);
    if (!w[res->nwarnings])
        return RCA_ENOMEM;
    res->warnings = w;
    res->nwarnings++;
    return RCA_OK;
}

void rca_result_free(rca_result *res)
{
    if (!res)
        return;
    rca_arena_free(res->arena);
    free(res);
}
