/* plan.c - what goes where in a report: which findings are root causes told with their chains,
 * what a root also explains, what was ruled out, which findings are told under no root cause and
 * which belong to earlier incidents; and the small facts about findings (title, fields, times,
 * age) that text, Markdown and JSON share. Reads the result, never changes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ small facts about findings */

const char *title_of(const rca_finding *f)
{
    if (f->title && *f->title)
        return f->title;
    return f->code && *f->code ? f->code : "?";
}

const char *field_value(const rca_finding *f, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].name && f->fields[i].value && strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

/* 1 if " on <host>" would tell the reader something: the finding has a host and its title does
 * not name it already ("ovn-controller on cmp-1 cannot reach ..."). */
int names_other_host(const rca_finding *f)
{
    return f->host && *f->host && !(f->title && strstr(f->title, f->host));
}

void fmt_utc(double ts, char buf[40])
{
    char t[32];
    rca_fmt_time(ts, t);
    snprintf(buf, 40, "%s UTC", t);
}

int rca_report_iso_time(double ts, char buf[32])
{
    /* NaN and infinities fail the comparison and the range check. */
    if (!(ts >= 0 && ts < 253402300800.0)) /* year 10000 */
        return 0;
    char t[32];
    rca_fmt_time(ts, t);
    t[10] = 'T';
    snprintf(buf, 32, "%.19sZ", t);
    return 1;
}

/* 1 if a and b are the same finding. The engine's chains and ruled-out list point into its own
 * array while res->findings is a sorted copy of it, so a pointer alone does not tell: a finding
 * is known by its id (set when it was stored), and by its address only when it has none. */
static int same_finding(const rca_finding *a, const rca_finding *b)
{
    if (a == b)
        return 1;
    return a && b && a->id != 0 && a->id == b->id;
}

int rca_report_is_ruled_out(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nruled_out; i++)
        if (same_finding(res->ruled_out[i], f))
            return 1;
    return f->cls && strcmp(f->cls, "ruled-out") == 0;
}

/* 1 if c can be told: it has a symptom and a root. */
int chain_ok(const rca_chain *c)
{
    return c->n > 0 && c->steps && c->steps[0] && c->steps[c->n - 1];
}

int is_step(const rca_chain *c, const rca_finding *f)
{
    for (size_t j = 0; j < c->n; j++)
        if (same_finding(c->steps[j], f))
            return 1;
    return 0;
}

/* 1 if f is told under a root cause: a step of a chain, or something its root also explains. */
static int told_with_root(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nchains; i++) {
        const rca_chain *c = &res->chains[i];
        if (!chain_ok(c))
            continue;
        if (is_step(c, f))
            return 1;
        for (size_t j = 0; c->also && j < c->nalso; j++)
            if (same_finding(c->also[j], f))
                return 1;
    }
    return 0;
}

/* 1 if f is a step of an earlier incident's chain. */
static int in_earlier_chain(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nearlier; i++)
        if (chain_ok(&res->earlier[i]) && is_step(&res->earlier[i], f))
            return 1;
    return 0;
}

/* "Earlier incidents (last evidence more than 7 days before collection)" */
void earlier_heading(char *buf, size_t n, const rca_result *res)
{
    double d = res->max_age_s / 86400.0;
    if (d >= 1 && d == (double)(long long)d)
        snprintf(buf, n, "Earlier incidents (last evidence more than %lld day%s before collection)",
                 (long long)d, d == 1 ? "" : "s");
    else
        snprintf(buf, n, "Earlier incidents (last evidence more than %.0f hours before collection)",
                 res->max_age_s / 3600.0);
}

/* "last seen 2025-02-01 10:00:00 UTC, 30 days before collection" */
void age_words(char *buf, size_t n, const rca_finding *f)
{
    char t[40] = "?";
    fmt_utc(f->last_ts, t);
    double days = f->age_s / 86400.0;
    if (days >= 2)
        snprintf(buf, n, "last seen %s, %.0f days before collection", t, days);
    else
        snprintf(buf, n, "last seen %s, %.0f hours before collection", t, f->age_s / 3600.0);
}

/* ------------------------------------------------------------------ the plan: what goes where */


void plan_free(plan *p)
{
    free(p->order);
    free(p->groups);
    free(p->others);
    free(p->older);
    free(p->noun);
    free(p->in_sentence);
}

static int by_severity(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int rx = rca_severity_rank(x->f->severity ? x->f->severity : "");
    int ry = rca_severity_rank(y->f->severity ? y->f->severity : "");
    if (rx != ry)
        return rx > ry ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

rca_err plan_build(const rca_result *res, const rca_rules *rules, plan *p)
{
    rca_err rc = RCA_ENOMEM;
    unsigned char *used = NULL;
    memset(p, 0, sizeof *p);
    p->rules = rules;
    size_t nc = res->nchains, nf = res->nfindings;
    if (nc) {
        p->order = calloc(nc, sizeof *p->order);
        p->groups = calloc(nc, sizeof *p->groups);
        used = calloc(nc, 1);
        if (!p->order || !p->groups || !used)
            goto end;
    }
    size_t k = 0;
    for (size_t i = 0; i < nc; i++) {
        const rca_chain *c = &res->chains[i];
        if (used[i] || !chain_ok(c))
            continue;
        group *g = &p->groups[p->ngroups++];
        g->root = c->steps[c->n - 1];
        g->first = k;
        for (size_t j = i; j < nc; j++) {
            const rca_chain *d = &res->chains[j];
            if (used[j] || !chain_ok(d) || !same_finding(d->steps[d->n - 1], g->root))
                continue;
            used[j] = 1;
            p->order[k++] = j;
            g->n++;
        }
    }
    if (nf) {
        p->others = calloc(nf, sizeof *p->others);
        if (!p->others)
            goto end;
    }
    if (nf && !(p->older = calloc(nf, sizeof *p->older)))
        goto end;
    for (size_t i = 0; i < nf; i++) {
        const rca_finding *f = &res->findings[i];
        if (rca_report_is_ruled_out(res, f) || told_with_root(res, f))
            continue;
        if (f->earlier) {
            if (!in_earlier_chain(res, f)) {
                p->older[p->nolder].f = f;
                p->older[p->nolder].idx = i;
                p->nolder++;
            }
            continue;
        }
        p->others[p->nothers].f = f;
        p->others[p->nothers].idx = i;
        p->nothers++;
    }
    if (p->nothers > 1)
        qsort(p->others, p->nothers, sizeof *p->others, by_severity);
    if (p->nolder > 1)
        qsort(p->older, p->nolder, sizeof *p->older, by_severity);
    if (res->nruled_out) {
        p->noun = calloc(res->nruled_out, sizeof *p->noun);
        p->in_sentence = calloc(res->nruled_out, 1);
        if (!p->noun || !p->in_sentence)
            goto end;
    }
    for (size_t i = 0; i < res->nruled_out; i++) {
        const rca_finding *f = res->ruled_out[i];
        const rca_code_words *w = f ? rca_rules_code_words(rules, f->code) : NULL;
        p->noun[i] = w && w->noun && *w->noun ? w->noun : NULL;
        p->in_sentence[i] = !w || w->in_sentence;
    }
    rc = RCA_OK;
end:
    free(used);
    if (rc)
        plan_free(p);
    return rc;
}

/* ------------------------------------------------------------------ the one-sentence root cause */

const rca_chain *group_chain(const rca_result *res, const plan *pl, const group *gr,
                                    size_t k)
{
    return &res->chains[pl->order[gr->first + k]];
}

/* 1 if a step of one of the group's chains is on host. */
int group_has_host(const rca_result *res, const plan *pl, const group *gr, const char *host)
{
    for (size_t k = 0; host && k < gr->n; k++) {
        const rca_chain *c = group_chain(res, pl, gr, k);
        for (size_t i = 0; i < c->n; i++)
            if (c->steps[i] && c->steps[i]->host && strcmp(c->steps[i]->host, host) == 0)
                return 1;
    }
    return 0;
}

/* 1 if also[i] of chain k is to be told for group gr: it is no step of the group's chains and
 * was not told for an earlier chain of the group (chains sharing a root share what it explains). */
int also_first(const rca_result *res, const plan *pl, const group *gr, size_t k, size_t i)
{
    const rca_chain *c = group_chain(res, pl, gr, k);
    const rca_finding *f = c->also[i];
    if (!f)
        return 0;
    for (size_t m = 0; m < gr->n; m++)
        if (is_step(group_chain(res, pl, gr, m), f))
            return 0;
    for (size_t m = 0; m <= k; m++) {
        const rca_chain *d = group_chain(res, pl, gr, m);
        size_t upto = m < k ? d->nalso : i;
        for (size_t j = 0; d->also && j < upto; j++)
            if (same_finding(d->also[j], f))
                return 0;
    }
    return 1;
}
