/* json.c - the JSON report: the stable, documented form of an rca_result for scripts, CI jobs and
 * golden files (README "JSON report"). Built as a jansson tree and dumped once. Bundle text may hold
 * any bytes while JSON strings must be UTF-8, so every string is checked first and invalid bytes
 * become U+FFFD (valid meaning rca_utf8_len, which accepts exactly what jansson accepts: no
 * overlong forms, no surrogates, nothing above U+10FFFF): a value is never dropped because one byte
 * in it was bad. Control characters are left to jansson, which writes them as \u escapes.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

/* A malloc'd copy of s[0..n) with every invalid byte replaced by U+FFFD, or NULL if s was valid
 * already (*bad = 0) or memory ran out (*bad = -1). */
static char *utf8_clean(const char *s, size_t n, size_t *out_len, int *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;
    *bad = 0;
    while (i < n && (l = rca_utf8_len(p + i, n - i)) != 0)
        i += l;
    if (i == n)
        return NULL;
    if (n > (SIZE_MAX - 1) / 3) {
        *bad = -1;
        return NULL;
    }
    char *o = malloc(n * 3 + 1); /* one byte becomes at most three */
    if (!o) {
        *bad = -1;
        return NULL;
    }
    size_t k = 0;
    for (i = 0; i < n;) {
        l = rca_utf8_len(p + i, n - i);
        if (l) {
            memcpy(o + k, p + i, l);
            k += l;
            i += l;
        } else {
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        }
    }
    o[k] = '\0';
    *out_len = k;
    *bad = 1;
    return o;
}

/* A JSON string of n bytes of bundle text (null for NULL); NUL bytes inside become \u0000. NULL
 * only when memory ran out. */
static json_t *jstrn(const char *s, size_t n)
{
    if (!s)
        return json_null();
    size_t cn = 0;
    int bad;
    char *clean = utf8_clean(s, n, &cn, &bad);
    if (bad < 0)
        return NULL;
    json_t *v = clean ? json_stringn(clean, cn) : json_stringn(s, n);
    free(clean);
    return v;
}

/* The same for a C string. */
static json_t *jstr(const char *s)
{
    return jstrn(s, s ? strlen(s) : 0);
}

static json_t *jtime(double ts)
{
    char t[32];
    return rca_report_iso_time(ts, t) ? json_string(t) : json_null();
}

static json_t *jreal(double d)
{
    /* jansson refuses NaN and infinities; a missing figure reads better than a failed report */
    return isfinite(d) ? json_real(d) : json_null();
}

/* Set o[key] = v, taking v. Returns -1 (and counts nothing set) when v is NULL or setting failed;
 * the caller ORs these and gives up at the end. */
static int set(json_t *o, const char *key, json_t *v)
{
    if (!o || !v) {
        json_decref(v);
        return -1;
    }
    return json_object_set_new(o, key, v);
}

/* Set an object member whose name came from a bundle (field names): sanitised like values. */
static int set_untrusted(json_t *o, const char *key, json_t *v)
{
    size_t cn = 0;
    int bad, rc;
    char *clean = utf8_clean(key ? key : "", key ? strlen(key) : 0, &cn, &bad);
    if (bad < 0) {
        json_decref(v);
        return -1;
    }
    rc = set(o, clean ? clean : key ? key : "", v);
    free(clean);
    return rc;
}

static int append(json_t *a, json_t *v)
{
    if (!a || !v) {
        json_decref(v);
        return -1;
    }
    return json_array_append_new(a, v);
}

static json_t *fields_json(const rca_finding *f)
{
    json_t *o = json_object();
    int bad = 0;
    for (size_t i = 0; i < f->nfields; i++)
        bad |= set_untrusted(o, f->fields[i].name, jstr(f->fields[i].value));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* One finding as a step: {"code","rule","class","host","title","severity","count","first_ts",
 * "last_ts","earlier","fields","evidence"}. */
static json_t *step_json(const rca_finding *f)
{
    if (!f)
        return json_null();
    json_t *o = json_object(), *ev = json_array();
    int bad = 0;
    bad |= set(o, "code", jstr(f->code));
    bad |= set(o, "rule", jstr(f->rule));
    bad |= set(o, "class", jstr(f->cls));
    bad |= set(o, "host", jstr(f->host));
    bad |= set(o, "title", jstr(f->title));
    bad |= set(o, "severity", jstr(f->severity));
    bad |= set(o, "count", json_integer((json_int_t)f->count));
    bad |= set(o, "first_ts", jtime(f->first_ts));
    bad |= set(o, "last_ts", jtime(f->last_ts));
    bad |= set(o, "earlier", json_boolean(f->earlier));
    bad |= set(o, "fields", fields_json(f));
    for (size_t i = 0; i < f->nev; i++) {
        const rca_evidence *e = &f->ev[i];
        json_t *x = json_object();
        int xbad = 0;
        xbad |= set(x, "host", jstr(e->host));
        xbad |= set(x, "path", jstr(e->path));
        xbad |= set(x, "line", json_integer((json_int_t)e->line));
        xbad |= set(x, "text", jstrn(e->text, e->text_len));
        if (xbad) {
            json_decref(x);
            x = NULL;
        }
        bad |= append(ev, x);
    }
    bad |= set(o, "evidence", ev);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *hosts_json(const rca_result *res)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < res->nhosts; i++) {
        const rca_host_summary *h = &res->hosts[i];
        json_t *o = json_object();
        bad |= set(o, "name", jstr(h->name));
        bad |= set(o, "report", jstr(h->report));
        bad |= set(o, "roles", jstr(h->roles));
        bad |= set(o, "tz", jstr(h->tz));
        bad |= set(o, "kernel", jstr(h->kernel));
        bad |= set(o, "sos_version", jstr(h->sos_version));
        bad |= set(o, "collected_at", jtime(h->collected_at));
        /* what could not be examined on this host (coverage checks) */
        json_t *cov = json_array();
        for (size_t k = 0; k < res->ncoverage; k++) {
            const rca_coverage *c = &res->coverage[k];
            if (!c->host || !h->name || strcmp(c->host, h->name) != 0)
                continue;
            json_t *x = json_object();
            int xbad = set(x, "check", jstr(c->check)) | set(x, "title", jstr(c->title));
            if (xbad) {
                json_decref(x);
                x = NULL;
            }
            bad |= append(cov, x);
        }
        bad |= set(o, "coverage", cov);
        bad |= append(a, o);
    }
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *chains_json(const rca_chain *chains, size_t nchains)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < nchains; i++) {
        const rca_chain *c = &chains[i];
        if (c->n == 0 || !c->steps)
            continue;
        json_t *o = json_object(), *steps = json_array(), *also = json_array();
        bad |= set(o, "symptom", step_json(c->steps[0]));
        bad |= set(o, "root", step_json(c->steps[c->n - 1]));
        for (size_t j = 0; j < c->n; j++)
            bad |= append(steps, step_json(c->steps[j]));
        bad |= set(o, "chain", steps);
        /* what the root explains besides this chain's steps; per chain, so a script reading one
         * entry has it all (the text report tells it once per group) */
        for (size_t j = 0; c->also && j < c->nalso; j++)
            if (c->also[j])
                bad |= append(also, step_json(c->also[j]));
        bad |= set(o, "also", also);
        json_t *np = json_array();
        for (size_t j = 0; j < c->nnot_proven; j++)
            bad |= append(np, jstr(c->not_proven[j]));
        bad |= set(o, "not_proven", np);
        bad |= set(o, "score", jreal(c->score));
        bad |= append(a, o);
    }
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

/* Every coverage row, in pack order, with its host (null when it is about the whole incident). */
static json_t *coverage_json(const rca_result *res)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < res->ncoverage; i++) {
        const rca_coverage *c = &res->coverage[i];
        json_t *o = json_object();
        bad |= set(o, "check", jstr(c->check));
        bad |= set(o, "host", jstr(c->host));
        bad |= set(o, "title", jstr(c->title));
        bad |= append(a, o);
    }
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *ruled_out_json(const rca_result *res)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < res->nruled_out; i++) {
        const rca_finding *f = res->ruled_out[i];
        json_t *o = json_object();
        bad |= set(o, "code", jstr(f->code));
        bad |= set(o, "title", jstr(f->title));
        bad |= set(o, "host", jstr(f->host));
        bad |= set(o, "figures", fields_json(f));
        bad |= append(a, o);
    }
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

/* Every finding except the ruled-out checks (those are under "ruled_out"), in the result's order:
 * most severe first. Chain steps are included, so a script can look for a code in one place. */
static json_t *findings_json(const rca_result *res)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < res->nfindings; i++)
        if (!rca_report_is_ruled_out(res, &res->findings[i]))
            bad |= append(a, step_json(&res->findings[i]));
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *warnings_json(const rca_result *res)
{
    json_t *a = json_array();
    int bad = 0;
    for (size_t i = 0; i < res->nwarnings; i++)
        bad |= append(a, jstr(res->warnings[i]));
    if (bad) {
        json_decref(a);
        return NULL;
    }
    return a;
}

rca_err rca_report_write_json(FILE *out_file, const rca_result *res, const rca_report_opts *opts)
{
    rca_err rc = RCA_OK;
    json_t *doc = json_object();
    int bad = 0;
    bad |= set(doc, "version", jstr(opts->version));
    bad |= set(doc, "partial", json_boolean(res->partial));
    bad |= set(doc, "hosts", hosts_json(res));
    bad |= set(doc, "root_causes", chains_json(res->chains, res->nchains));
    bad |= set(doc, "earlier_incidents", chains_json(res->earlier, res->nearlier));
    bad |= set(doc, "max_age_s", json_integer((json_int_t)res->max_age_s));
    bad |= set(doc, "ruled_out", ruled_out_json(res));
    bad |= set(doc, "not_examined", coverage_json(res));
    bad |= set(doc, "findings", findings_json(res));
    bad |= set(doc, "warnings", warnings_json(res));
    bad |= set(doc, "warnings_dropped", json_integer((json_int_t)res->warnings_dropped));
    if (!opts->stable)
        bad |= set(doc, "elapsed_s", jreal(res->elapsed_s));
    if (bad) {
        rc = RCA_ENOMEM;
        goto end;
    }
    /* 10 significant digits: 0.12 stays 0.12 instead of 0.11999999999999999 */
    if (json_dumpf(doc, out_file, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) != 0 ||
        fputc('\n', out_file) == EOF)
        rc = RCA_EIO;
end:
    json_decref(doc);
    return rc;
}
