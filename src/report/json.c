/* json.c - the JSON report: the stable, documented form of an rca_result for scripts, CI jobs and
 * golden files (README "JSON report"). Built as a jansson tree and dumped once. Bundle text may hold
 * any bytes while JSON strings must be UTF-8, so every string is checked first and invalid bytes
 * become U+FFFD (valid meaning rca_utf8_len, which accepts exactly what jansson accepts: no
 * overlong forms, no surrogates, nothing above U+10FFFF): a value is never dropped because one byte
 * in it was bad. Control characters are left to jansson, which writes them as \u escapes.
 * The builders share one sticky error (sqlite's StrAccum, like out.c): after the first failed
 * allocation nothing more is set, the builders read straight through, and the error is returned at
 * the end with the whole tree dropped.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

/* The error of a document being built: RCA_OK, or the first failure (RCA_ENOMEM). */
typedef struct jdoc {
    rca_err rc;
} jdoc;

/* A clean copy of s[0..n) with every invalid byte replaced by U+FFFD. OUT *copy: a malloc'd copy
 * (length *copy_len), or NULL when s is valid already. Returns RCA_ENOMEM. */
static rca_err utf8_clean(const char *s, size_t n, char **copy, size_t *copy_len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;
    *copy = NULL;
    while (i < n && (l = rca_utf8_len(p + i, n - i)) != 0)
        i += l;
    if (i == n)
        return RCA_OK;
    if (n > (SIZE_MAX - 1) / 3)
        return RCA_ENOMEM;
    char *o = malloc(n * 3 + 1); /* one byte becomes at most three */
    if (!o)
        return RCA_ENOMEM;
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
    *copy = o;
    *copy_len = k;
    return RCA_OK;
}

/* A JSON string of n bytes of bundle text (null for NULL); NUL bytes inside become \u0000. NULL
 * only when memory ran out (recorded in d). */
static json_t *jstrn(jdoc *d, const char *s, size_t n)
{
    if (!s)
        return json_null();
    char *clean = NULL;
    size_t cn = 0;
    json_t *v = NULL;
    if (!d->rc && !(d->rc = utf8_clean(s, n, &clean, &cn)))
        v = clean ? json_stringn(clean, cn) : json_stringn(s, n);
    free(clean);
    if (!v && !d->rc)
        d->rc = RCA_ENOMEM;
    return v;
}

/* The same for a C string. */
static json_t *jstr(jdoc *d, const char *s)
{
    return jstrn(d, s, s ? strlen(s) : 0);
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

/* o[key] = v, taking v. A NULL o or v (a failed allocation), or a failed set, is recorded in d; a
 * no-op once d has failed. */
static void set(jdoc *d, json_t *o, const char *key, json_t *v)
{
    if (d->rc || !o || !v) {
        json_decref(v);
        d->rc = d->rc ? d->rc : RCA_ENOMEM;
    } else if (json_object_set_new(o, key, v) != 0) { /* it took v all the same */
        d->rc = RCA_ENOMEM;
    }
}

/* Set an object member whose name came from a bundle (field names): sanitised like values. */
static void set_untrusted(jdoc *d, json_t *o, const char *key, json_t *v)
{
    char *clean = NULL;
    size_t cn = 0;
    if (!d->rc)
        d->rc = utf8_clean(key ? key : "", key ? strlen(key) : 0, &clean, &cn);
    set(d, o, clean ? clean : key ? key : "", v);
    free(clean);
}

/* a[] += v, taking v; failures as for set. */
static void append(jdoc *d, json_t *a, json_t *v)
{
    if (d->rc || !a || !v) {
        json_decref(v);
        d->rc = d->rc ? d->rc : RCA_ENOMEM;
    } else if (json_array_append_new(a, v) != 0) { /* it took v all the same */
        d->rc = RCA_ENOMEM;
    }
}

static json_t *fields_json(jdoc *d, const rca_finding *f)
{
    json_t *o = json_object();
    for (size_t i = 0; i < f->nfields; i++)
        set_untrusted(d, o, f->fields[i].name, jstr(d, f->fields[i].value));
    return o;
}

/* One finding as a step: {"code","rule","class","host","title","severity","count","first_ts",
 * "last_ts","earlier","fields","evidence"}. */
static json_t *step_json(jdoc *d, const rca_finding *f)
{
    if (!f)
        return json_null();
    json_t *o = json_object(), *ev = json_array();
    set(d, o, "code", jstr(d, f->code));
    set(d, o, "rule", jstr(d, f->rule));
    set(d, o, "class", jstr(d, f->cls));
    set(d, o, "host", jstr(d, f->host));
    set(d, o, "title", jstr(d, f->title));
    set(d, o, "severity", jstr(d, f->severity));
    set(d, o, "count", json_integer((json_int_t)f->count));
    set(d, o, "first_ts", jtime(f->first_ts));
    set(d, o, "last_ts", jtime(f->last_ts));
    set(d, o, "earlier", json_boolean(f->earlier));
    set(d, o, "fields", fields_json(d, f));
    for (size_t i = 0; i < f->nev; i++) {
        const rca_evidence *e = &f->ev[i];
        json_t *x = json_object();
        set(d, x, "host", jstr(d, e->host));
        set(d, x, "path", jstr(d, e->path));
        set(d, x, "line", json_integer((json_int_t)e->line));
        set(d, x, "text", jstrn(d, e->text, e->text_len));
        append(d, ev, x);
    }
    set(d, o, "evidence", ev);
    return o;
}

static json_t *hosts_json(jdoc *d, const rca_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->nhosts; i++) {
        const rca_host_summary *h = &res->hosts[i];
        json_t *o = json_object();
        set(d, o, "name", jstr(d, h->name));
        set(d, o, "report", jstr(d, h->report));
        set(d, o, "roles", jstr(d, h->roles));
        set(d, o, "tz", jstr(d, h->tz));
        set(d, o, "kernel", jstr(d, h->kernel));
        set(d, o, "sos_version", jstr(d, h->sos_version));
        set(d, o, "collected_at", jtime(h->collected_at));
        /* what could not be examined on this host (coverage checks) */
        json_t *cov = json_array();
        for (size_t k = 0; k < res->ncoverage; k++) {
            const rca_coverage *c = &res->coverage[k];
            if (!c->host || !h->name || strcmp(c->host, h->name) != 0)
                continue;
            json_t *x = json_object();
            set(d, x, "check", jstr(d, c->check));
            set(d, x, "title", jstr(d, c->title));
            append(d, cov, x);
        }
        set(d, o, "coverage", cov);
        append(d, a, o);
    }
    return a;
}

static json_t *chains_json(jdoc *d, const rca_chain *chains, size_t nchains)
{
    json_t *a = json_array();
    for (size_t i = 0; i < nchains; i++) {
        const rca_chain *c = &chains[i];
        if (c->n == 0 || !c->steps)
            continue;
        json_t *o = json_object(), *steps = json_array(), *also = json_array();
        set(d, o, "symptom", step_json(d, c->steps[0]));
        set(d, o, "root", step_json(d, c->steps[c->n - 1]));
        for (size_t j = 0; j < c->n; j++)
            append(d, steps, step_json(d, c->steps[j]));
        set(d, o, "chain", steps);
        /* what the root explains besides this chain's steps; per chain, so a script reading one
         * entry has it all (the text report tells it once per group) */
        for (size_t j = 0; c->also && j < c->nalso; j++)
            if (c->also[j])
                append(d, also, step_json(d, c->also[j]));
        set(d, o, "also", also);
        json_t *np = json_array();
        for (size_t j = 0; j < c->nnot_proven; j++)
            append(d, np, jstr(d, c->not_proven[j]));
        set(d, o, "not_proven", np);
        set(d, o, "score", jreal(c->score));
        append(d, a, o);
    }
    return a;
}

/* Every coverage row, in pack order, with its host (null when it is about the whole incident). */
static json_t *coverage_json(jdoc *d, const rca_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->ncoverage; i++) {
        const rca_coverage *c = &res->coverage[i];
        json_t *o = json_object();
        set(d, o, "check", jstr(d, c->check));
        set(d, o, "host", jstr(d, c->host));
        set(d, o, "title", jstr(d, c->title));
        append(d, a, o);
    }
    return a;
}

static json_t *ruled_out_json(jdoc *d, const rca_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->nruled_out; i++) {
        const rca_finding *f = res->ruled_out[i];
        json_t *o = json_object();
        set(d, o, "code", jstr(d, f->code));
        set(d, o, "title", jstr(d, f->title));
        set(d, o, "host", jstr(d, f->host));
        set(d, o, "figures", fields_json(d, f));
        append(d, a, o);
    }
    return a;
}

/* Every finding except the ruled-out checks (those are under "ruled_out"), in the result's order:
 * most severe first. Chain steps are included, so a script can look for a code in one place. */
static json_t *findings_json(jdoc *d, const rca_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->nfindings; i++)
        if (!rca_report_is_ruled_out(res, &res->findings[i]))
            append(d, a, step_json(d, &res->findings[i]));
    return a;
}

static json_t *warnings_json(jdoc *d, const rca_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->nwarnings; i++)
        append(d, a, jstr(d, res->warnings[i]));
    return a;
}

rca_err rca_report_write_json(FILE *out_file, const rca_result *res, const rca_report_opts *opts)
{
    jdoc d = {RCA_OK};
    json_t *doc = json_object();
    set(&d, doc, "version", jstr(&d, opts->version));
    set(&d, doc, "partial", json_boolean(res->partial));
    set(&d, doc, "hosts", hosts_json(&d, res));
    set(&d, doc, "root_causes", chains_json(&d, res->chains, res->nchains));
    set(&d, doc, "earlier_incidents", chains_json(&d, res->earlier, res->nearlier));
    set(&d, doc, "max_age_s", json_integer((json_int_t)res->max_age_s));
    set(&d, doc, "ruled_out", ruled_out_json(&d, res));
    set(&d, doc, "not_examined", coverage_json(&d, res));
    set(&d, doc, "findings", findings_json(&d, res));
    set(&d, doc, "warnings", warnings_json(&d, res));
    set(&d, doc, "warnings_dropped", json_integer((json_int_t)res->warnings_dropped));
    if (!opts->stable)
        set(&d, doc, "elapsed_s", jreal(res->elapsed_s));
    rca_err rc = d.rc;
    char *text = NULL;
    if (rc)
        goto end;
    /* Dumped whole before anything is written, so that running out of memory on the way leaves
     * no half document. 10 significant digits: 0.12 stays 0.12 instead of 0.11999999999999999. */
    text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (!text) {
        rc = RCA_ENOMEM;
        goto end;
    }
    if (fputs(text, out_file) == EOF || fputc('\n', out_file) == EOF)
        rc = RCA_EIO;
end:
    free(text);
    json_decref(doc);
    return rc;
}
