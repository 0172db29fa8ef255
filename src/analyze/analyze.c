/* analyze.c - one analysis from bundles to result. Drives ingest (the visitor below), parses each
 * wanted entry with the parser the layout map names, stores lines and rows, runs the line rules as
 * lines go by, works out each host's identity and time zone, has the pack's roles checks give
 * hosts their roles, then hands the store to the rules engine. Log records are assembled here: continuation lines (and oslo tracebacks, whose
 * lines repeat the record's prefix) belong to the record they continue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rca_analyze.h"
#include "rca_parse.h"
#include "rca_store.h"

/* A file of local-time lines read before the host's zone was known: its times were made UTC with
 * the fixed offset known then (0 if none), to be redone in report_end. */
typedef struct late_file {
    int64_t id, offset;
    double first_ts, last_ts;
} late_file;

/* Where a zone name comes from, in the order of trust. */
enum { TZ_TIMEDATECTL, TZ_ETC_TIMEZONE, TZ_ETC_LOCALTIME, TZ_NSOURCES };

typedef struct host_state {
    int64_t id;
    int has_offset;
    int64_t offset;          /* seconds east of UTC, at collection */
    int64_t collected_local, collected_utc;
    int have_local, have_utc;
    /* the zone by name (tz_names, by source); zone is set as soon as timedatectl names one that
     * loads, and lines read from then on get the offset of their own date */
    char tz_names[TZ_NSOURCES][128];
    rca_tz *zone;
    rca_err zone_err;        /* why timedatectl's zone did not load */
    late_file *late_files;
    size_t nlate, caplate;
    /* the kernel's seconds since boot: the up time (`uptime`), and the log files whose boot
     * stamps were stored as seconds since boot, before the boot time was known */
    int64_t uptime_s;
    int have_uptime;
    int64_t *boot_files;
    size_t nboot, capboot;
    char bundle[512], report[256];
} host_state;

typedef struct az {
    rca_store *s;
    rca_rules *rules;
    const rca_layout *layout;
    rca_diag *diag;
    const rca_limits *lim;
    int64_t bundle_id;
    host_state host;
    int in_host;
    rca_buf buf;
    /* warnings collected for the report */
    char **warn;
    size_t nwarn, capwarn;
    size_t warn_dropped;     /* entry warnings past WARN_CAP: counted only */
    rca_err warn_rc;         /* a warning that could not be kept (out of memory) */
    /* the sink wrapper sees fact rows on their way to the store */
    rca_row_sink inner;
} az;

/* ------------------------------------------------------------------ diagnostics */

/* Warnings kept for the report; past the cap they are counted (the report says how many), so that
 * a crafted bundle cannot make the report huge. Warnings about a whole bundle (it is damaged, a
 * limit stopped it) have room of their own past WARN_CAP: entry warnings must not push out the one
 * that says the bundle was read only in part. */
enum { WARN_CAP = 200, WARN_CAP_BUNDLE = 2 * WARN_CAP };

typedef struct diag_tee {
    az *z;
    rca_diag *user;
} diag_tee;

static rca_err add_warning(az *z, const char *text)
{
    if (z->nwarn == z->capwarn) {
        size_t nc = z->capwarn ? z->capwarn * 2 : 16;
        char **nw = realloc(z->warn, nc * sizeof *nw);
        if (!nw)
            return RCA_ENOMEM;
        z->warn = nw;
        z->capwarn = nc;
    }
    char *c = strdup(text);
    if (!c)
        return RCA_ENOMEM;
    z->warn[z->nwarn++] = c;
    return RCA_OK;
}

/* Bundle diagnostics become report warnings ("bundle: entry: what was done"); everything also goes
 * to the caller's sink. */
static void tee_fn(void *ctx, const rca_diag_msg *m)
{
    diag_tee *t = ctx;
    if (m->sev != RCA_DIAG_NOTE &&
        t->z->nwarn >= (m->entry ? (size_t)WARN_CAP : (size_t)WARN_CAP_BUNDLE)) {
        t->z->warn_dropped++;
    } else if (m->sev != RCA_DIAG_NOTE) {
        rca_buf b;
        rca_buf_init(&b);
        if (m->where)
            rca_buf_printf(&b, "%s: ", m->where);
        if (m->entry)
            rca_buf_printf(&b, "%s: ", m->entry);
        if (m->line)
            rca_buf_printf(&b, "line %u: ", m->line);
        rca_buf_adds(&b, m->text);
        /* a diagnostic sink cannot fail: a warning lost is remembered, and fails the analysis */
        if (!t->z->warn_rc)
            t->z->warn_rc = b.p ? add_warning(t->z, b.p) : RCA_ENOMEM;
        rca_buf_free(&b);
    }
    rca_diag_send(t->user, m);
}

/* The parsers and the line rules know at most the entry's path: while one entry is read, their
 * diagnostics get the bundle (as given) and the entry here, so that every warning says where it
 * comes from, like the ingest warnings do. */
typedef struct entry_diag {
    rca_diag *up;
    const rca_entry *e;
    rca_buf name; /* the entry as messages name it (rca_ingest_entry_name) */
} entry_diag;

static void entry_diag_fn(void *ctx, const rca_diag_msg *m)
{
    entry_diag *ed = ctx;
    rca_diag_msg c = *m;
    if (!c.where) {
        c.where = ed->e->bundle;
        if (!c.entry) {
            rca_ingest_entry_name(ed->e->bundle, ed->e->report, ed->e->path, &ed->name);
            c.entry = ed->name.p ? ed->name.p : ed->e->path;
        }
    }
    rca_diag_send(ed->up, &c);
}

/* ------------------------------------------------------------------ facts */

static rca_err fact_sink(void *ctx, const char *table, unsigned lineno, size_t ncols,
                         const char *const *cols, const rca_span *vals)
{
    az *z = ctx;
    if (strcmp(table, "fact") == 0 && ncols == 2 && vals[0].p && vals[1].p) {
        char key[64], val[128];
        snprintf(key, sizeof key, "%.*s", (int)vals[0].n, vals[0].p);
        snprintf(val, sizeof val, "%.*s", (int)(vals[1].n < 127 ? vals[1].n : 127), vals[1].p);
        host_state *h = &z->host;
        if (strcmp(key, "tz_name") == 0 || strcmp(key, "tz_timezone") == 0) {
            int src = strcmp(key, "tz_name") == 0 ? TZ_TIMEDATECTL : TZ_ETC_TIMEZONE;
            if (!h->tz_names[src][0] && strcmp(val, "n/a") != 0) /* timedatectl without a zone */
                snprintf(h->tz_names[src], sizeof h->tz_names[src], "%s", val);
            if (src == TZ_TIMEDATECTL && !h->zone && !h->zone_err && h->tz_names[src][0]) {
                h->zone_err = rca_tz_load(NULL, val, &h->zone);
                if (h->zone_err == RCA_ENOMEM)
                    return RCA_ENOMEM;
            }
        } else if (strcmp(key, "utc_offset") == 0 && !h->has_offset) {
            h->offset = atoll(val);
            h->has_offset = 1;
        } else if (strcmp(key, "collected_local") == 0) {
            h->collected_local = atoll(val);
            h->have_local = 1;
        } else if (strcmp(key, "collected_utc") == 0) {
            h->collected_utc = atoll(val);
            h->have_utc = 1;
        } else if (strcmp(key, "uptime_s") == 0) {
            h->uptime_s = atoll(val);
            h->have_uptime = 1;
        }
        /* `date` and `date --utc` together give the offset, rounded to a quarter hour */
        if (!h->has_offset && h->have_local && h->have_utc) {
            int64_t d = h->collected_local - h->collected_utc;
            int64_t q = (d >= 0 ? d + 450 : d - 450) / 900 * 900;
            if (q >= -14 * 3600 && q <= 14 * 3600) {
                h->offset = q;
                h->has_offset = 1;
            }
        }
    }
    return z->inner.row(z->inner.ctx, table, lineno, ncols, cols, vals);
}

/* The host's boot time (UTC epoch seconds): its collection time less its up time, when both are
 * known (`uptime` runs a few seconds after `date`: the error is that, well under the minute
 * uptime itself is rounded to). */
static int boot_utc(const host_state *h, double *out)
{
    if (!h->have_uptime)
        return 0;
    if (h->have_utc)
        *out = (double)(h->collected_utc - h->uptime_s);
    else if (h->have_local && h->has_offset)
        *out = (double)(h->collected_local - h->offset - h->uptime_s);
    else
        return 0;
    return 1;
}

/* ------------------------------------------------------------------ visitor */

static rca_err report_begin(void *ctx, const char *bundle, const char *report)
{
    az *z = ctx;
    free(z->host.late_files);
    free(z->host.boot_files);
    rca_tz_free(z->host.zone);
    memset(&z->host, 0, sizeof z->host);
    snprintf(z->host.bundle, sizeof z->host.bundle, "%s", bundle);
    snprintf(z->host.report, sizeof z->host.report, "%s", report);
    z->in_host = 1;
    return rca_store_add_host(z->s, z->bundle_id, report, &z->host.id);
}

static const rca_layout_class *want(void *ctx, const rca_entry *e)
{
    az *z = ctx;
    return rca_layout_classify(z->layout, e->path);
}

static rca_err on_link(void *ctx, const char *path, const char *target, const char *resolved,
                       const char *status)
{
    az *z = ctx;
    /* etc/localtime -> ../usr/share/zoneinfo/Europe/Paris names the zone */
    const char *zi = strcmp(path, "etc/localtime") == 0 ? strstr(target, "zoneinfo/") : NULL;
    if (zi) {
        zi += 9;
        if (strncmp(zi, "posix/", 6) == 0 || strncmp(zi, "right/", 6) == 0)
            zi += 6;
        char *n = z->host.tz_names[TZ_ETC_LOCALTIME];
        snprintf(n, sizeof z->host.tz_names[0], "%s", zi);
    }
    return rca_store_add_link(z->s, z->host.id, path, target, resolved, status);
}

/* Year and month of an entry's mtime, to date syslog lines that carry no year. */
static void year_hint(int64_t mtime, int *year, int *month)
{
    *year = 0;
    *month = 0;
    if (mtime <= 0)
        return;
    char buf[32];
    rca_fmt_time((double)mtime, buf);
    *year = atoi(buf);
    *month = atoi(buf + 5);
}

static rca_err read_log(az *z, const rca_entry *e, const rca_layout_class *cls, rca_reader *r,
                        rca_diag *diag, int64_t file_id, int64_t *lines, double *first_ts,
                        double *last_ts)
{
    const rca_fileset *fs;
    rca_err rc = rca_rules_for_file(z->rules, cls->service, e->path, &fs);
    if (rc)
        return rc;
    rca_logctx lc = {0, 0, RCA_LOG_NONE};
    /* The year of syslog lines: from the entry's mtime, unless the report's collection time is
     * known and the mtime is later (a report unpacked or copied without its times): a log is
     * written before its report is collected. */
    const host_state *hs = &z->host;
    int64_t ref = e->mtime;
    int64_t collected = hs->have_utc ? hs->collected_utc
                        : hs->have_local ? hs->collected_local - hs->offset
                                         : 0;
    if (collected > 0 && (ref <= 0 || ref > collected + 86400))
        ref = collected;
    year_hint(ref, &lc.year_hint, &lc.month_hint);
    int64_t lineno = 0, rec = 0, rec_pid = -1, rec_us = -1;
    double rec_ts = -1;
    char rec_logger[128] = "";
    int local_seen = 0, boot_seen = 0;
    const rca_tz *zone = z->host.zone;
    rca_tz_span span = RCA_TZ_SPAN_EMPTY;
    const char *line;
    size_t len;
    while ((rc = rca_reader_getline(r, &line, &len)) == RCA_OK && line) {
        lineno++;
        rca_logline ll;
        rca_parse_log_line(&lc, line, len, &ll);
        double ts = -1;
        if (ll.fmt != RCA_LOG_NONE) {
            if (ll.zone == RCA_TS_UTC) {
                ts = (double)ll.ts_us / 1e6;
            } else if (ll.zone == RCA_TS_LOCAL) {
                int64_t sec = ll.ts_us / 1000000 - (ll.ts_us % 1000000 < 0);
                ts = (double)ll.ts_us / 1e6 -
                     (double)(zone ? rca_tz_local_offset(zone, sec, &span) : z->host.offset);
                local_seen = 1;
            } else if (ll.zone == RCA_TS_BOOT && ll.ts_us >= 0) {
                /* seconds since boot, kept as they are: report_end dates them once the report's
                 * collection and up times are both known, whatever order the entries came in */
                ts = (double)ll.ts_us / 1e6;
                boot_seen = 1;
            }
            /* an oslo traceback repeats its record's pid, time and logger on every line */
            int same_rec = ll.fmt == RCA_LOG_OSLO && ll.pid == rec_pid && ll.ts_us == rec_us &&
                           ll.logger.n < sizeof rec_logger && rec > 0 &&
                           strncmp(rec_logger, ll.logger.p, ll.logger.n) == 0 &&
                           rec_logger[ll.logger.n] == '\0' && !ll.req.n;
            if (!same_rec) {
                rec = lineno;
                rec_pid = ll.pid;
                rec_us = ll.ts_us;
                rec_ts = ts;
                size_t n = ll.logger.n < sizeof rec_logger - 1 ? ll.logger.n : 0;
                if (n)
                    memcpy(rec_logger, ll.logger.p, n);
                rec_logger[n] = '\0';
            }
        } else {
            ts = rec_ts;
            if (rec == 0)
                rec = lineno;
        }
        if (ts >= 0) {
            if (*first_ts < 0 || ts < *first_ts)
                *first_ts = ts;
            if (ts > *last_ts)
                *last_ts = ts;
        }
        rca_line_row row = {file_id,  lineno,   ts,      ll.level,
                            ll.logger, ll.req,  ll.greq, ll.instance,
                            ll.pid,   rec,      (size_t)(ll.msg.p ? ll.msg.p - line : 0),
                            rca_span_make(line, len)};
        if ((rc = rca_store_add_line(z->s, &row)))
            break;
        if (!rca_fileset_empty(fs) &&
            (rc = rca_rules_match_line(z->rules, fs, z->s, z->host.id, file_id, lineno, ts, &ll,
                                       line, len, diag)))
            break;
    }
    *lines = lineno;
    if (local_seen && !zone) {
        host_state *h = &z->host;
        if (h->nlate == h->caplate) {
            size_t nc = h->caplate ? h->caplate * 2 : 8;
            late_file *nl = realloc(h->late_files, nc * sizeof *nl);
            if (!nl)
                return RCA_ENOMEM;
            h->late_files = nl;
            h->caplate = nc;
        }
        h->late_files[h->nlate++] = (late_file){file_id, z->host.offset, *first_ts, *last_ts};
    }
    if (boot_seen) {
        host_state *h = &z->host;
        if (h->nboot == h->capboot) {
            size_t nc = h->capboot ? h->capboot * 2 : 4;
            int64_t *nb = realloc(h->boot_files, nc * sizeof *nb);
            if (!nb)
                return RCA_ENOMEM;
            h->boot_files = nb;
            h->capboot = nc;
        }
        h->boot_files[h->nboot++] = file_id;
    }
    return rc;
}

static rca_err read_command(az *z, const rca_entry *e, const rca_layout_class *cls,
                            rca_reader *r, rca_diag *diag, int64_t file_id, int64_t *lines,
                            int *truncated)
{
    rca_err rc = rca_reader_slurp(r, &z->buf, z->lim->max_cmd_bytes, truncated);
    if (rc)
        return rc;
    /* keep the text as lines too, so that findings from command outputs can cite the line */
    int64_t lineno = 0;
    size_t off = 0;
    while (off < z->buf.n) {
        const char *l = z->buf.p + off;
        const char *nl = memchr(l, '\n', z->buf.n - off);
        size_t n = nl ? (size_t)(nl - l) : z->buf.n - off;
        off += n + (nl ? 1 : 0);
        if (nl && n && l[n - 1] == '\r')
            n--; /* "\r\n" ends a line, as for logs (rca_reader_getline) */
        lineno++;
        rca_line_row row = {file_id, lineno, -1, RCA_LVL_NONE, RCA_SPAN_NULL, RCA_SPAN_NULL,
                            RCA_SPAN_NULL, RCA_SPAN_NULL, -1, lineno, 0, rca_span_make(l, n)};
        if ((rc = rca_store_add_line(z->s, &row)))
            return rc;
    }
    *lines = lineno;
    z->inner = rca_store_row_sink(z->s, z->host.id, file_id);
    rca_row_sink sink = {fact_sink, z};
    return rca_parse_command(cls->parser, e->path, cls->arg, z->buf.p, z->buf.n, &sink, diag);
}

static rca_err on_entry(void *ctx, const rca_entry *e, const rca_layout_class *cls,
                        rca_reader *r)
{
    az *z = ctx;
    int64_t file_id;
    rca_err rc = rca_store_add_file(z->s, z->host.id, e->path, cls->parser, cls->service, e->via,
                                    &file_id);
    if (rc)
        return rc;
    /* a log the pack knows belongs to a service but no rule reads: listed, with its size, for
     * the report's coverage; its content is not read */
    if (strcmp(cls->parser, "unread") == 0)
        return rca_store_finish_file(z->s, file_id, e->size > 0 ? e->size : 0, 0, -1, -1, "ok");
    int64_t lines = 0;
    double first = -1, last = -1;
    int truncated = 0;
    entry_diag ed = {z->diag, e, {NULL, 0, 0}};
    rca_diag diag = {entry_diag_fn, &ed, 0, 0, 0};
    if (strcmp(cls->parser, "log") == 0)
        rc = read_log(z, e, cls, r, &diag, file_id, &lines, &first, &last);
    else
        rc = read_command(z, e, cls, r, &diag, file_id, &lines, &truncated);
    rca_buf_free(&ed.name);
    const char *status = "ok";
    if (rc == RCA_EARCHIVE || rc == RCA_EIO) {
        status = "partial";
        rc = RCA_OK; /* reported by the reader; keep what was read */
    } else if (truncated) {
        status = "truncated";
    }
    if (rc)
        return rc;
    return rca_store_finish_file(z->s, file_id, 0, lines, first, last, status);
}

/* "sosreport-cmp-1-2025-03-03-ydkrmlu" -> "cmp-1" (friendly and legacy sos names). */
static void host_from_report(const char *report, char *out, size_t outsz)
{
    const char *p = strncmp(report, "sosreport-", 10) == 0 ? report + 10 : report;
    snprintf(out, outsz, "%s", p);
    size_t n = strlen(out);
    /* -YYYY-MM-DD-rand */
    for (size_t i = 0; i + 11 <= n; i++) {
        const char *s = out + i;
        if (s[0] == '-' && s[5] == '-' && s[8] == '-' && s[1] >= '0' && s[1] <= '9' &&
            s[2] >= '0' && s[2] <= '9' && s[6] >= '0' && s[6] <= '9' && s[9] >= '0' &&
            s[9] <= '9') {
            out[i] = '\0';
            return;
        }
    }
    /* -YYYYmmddHHMMSS */
    if (n > 15 && out[n - 15] == '-') {
        int digits = 1;
        for (size_t i = n - 14; i < n; i++)
            digits &= out[i] >= '0' && out[i] <= '9';
        if (digits)
            out[n - 15] = '\0';
    }
}

/* The host's zone once its whole report is read: the name timedatectl gives, else etc/timezone's,
 * else the etc/localtime link's. A named zone that cannot be loaded gets a warning, and the fixed
 * offset of the collection (timedatectl's, or date against date --utc) is used instead. */
static rca_err settle_zone(az *z)
{
    host_state *h = &z->host;
    static const char *const src_path[TZ_NSOURCES] = {"sos_commands/systemd/timedatectl",
                                                      "etc/timezone", "etc/localtime"};
    int src = 0;
    while (src < TZ_NSOURCES && !h->tz_names[src][0])
        src++;
    if (src == TZ_NSOURCES || h->zone)
        return RCA_OK;
    const char *name = h->tz_names[src];
    rca_err e = src == TZ_TIMEDATECTL ? h->zone_err : rca_tz_load(NULL, name, &h->zone);
    if (e == RCA_OK || e == RCA_ENOMEM)
        return e;
    char what[96];
    int64_t a = h->offset < 0 ? -h->offset : h->offset;
    if (h->has_offset)
        snprintf(what, sizeof what, "fixed offset %c%02lld%02lld used", h->offset < 0 ? '-' : '+',
                 (long long)(a / 3600), (long long)(a % 3600 / 60));
    else
        snprintf(what, sizeof what, "no UTC offset known either: local times read as UTC");
    rca_buf esc, entry;
    rca_buf_init(&esc);
    rca_buf_init(&entry);
    rca_escape_text(&esc, name, strlen(name));
    rca_ingest_entry_name(h->bundle, h->report, src_path[src], &entry);
    rca_diagf(z->diag, RCA_DIAG_WARNING, h->bundle, entry.p ? entry.p : src_path[src], 0, 0, NULL,
              "time zone \"%s\" cannot be loaded (%s); %s", esc.p ? esc.p : "",
              e == RCA_EIO ? "no such zone in " RCA_TZ_DIR
              : rca_tz_name_ok(name) ? "its file in " RCA_TZ_DIR " is not a TZif file"
                                     : "not a zone name",
              what);
    rca_buf_free(&esc);
    rca_buf_free(&entry);
    return RCA_OK;
}

/* The spans of the host's final zone (or its fixed offset) over late file lf's local times, for
 * rca_store_retime_file: the ones rca_tz gives, so that the result is the one lines read after
 * the zone was known get. *out is malloc'd (the caller frees it). */
static rca_err late_spans(const late_file *lf, const host_state *h, rca_offset_span **out,
                          size_t *n)
{
    int64_t lo = (int64_t)lf->first_ts + lf->offset, hi = (int64_t)lf->last_ts + lf->offset;
    rca_tz_span sp = {INT64_MIN, INT64_MAX, (int32_t)(h->has_offset ? h->offset : 0)};
    rca_offset_span *v = NULL;
    size_t cap = 0;
    *n = 0;
    if (h->zone)
        rca_tz_span_at(h->zone, lo, &sp);
    for (;;) {
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            rca_offset_span *nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                free(v);
                return RCA_ENOMEM;
            }
            v = nv;
            cap = nc;
        }
        v[(*n)++] = (rca_offset_span){sp.hi, sp.offset};
        if (sp.hi > hi)
            break;
        rca_tz_span_at(h->zone, sp.hi, &sp);
    }
    *out = v;
    return RCA_OK;
}

/* 1 if late file lf needs no change: one offset over its times, the one it was read with. */
static int late_same(const late_file *lf, const host_state *h)
{
    if (!h->zone)
        return (h->has_offset ? h->offset : 0) == lf->offset;
    rca_tz_span sp;
    rca_tz_span_at(h->zone, (int64_t)lf->first_ts + lf->offset, &sp);
    return sp.offset == lf->offset && (int64_t)lf->last_ts + lf->offset < sp.hi;
}

static rca_err report_end(void *ctx)
{
    az *z = ctx;
    host_state *h = &z->host;
    rca_err rc = RCA_OK;
    char *hostname = NULL;
    rc = rca_store_fact(z->s, h->id, "hostname", &hostname);
    if (!rc && !hostname) {
        /* the report name is the fallback (sos names reports after the short host name) */
        char *report = NULL;
        rc = rca_store_host_report(z->s, h->id, &report);
        char name[256];
        host_from_report(report ? report : "unknown", name, sizeof name);
        free(report);
        if (!rc && !(hostname = strdup(name)))
            rc = RCA_ENOMEM;
    }
    if (!rc)
        rc = rca_store_set_host(z->s, h->id, "hostname", hostname);
    free(hostname);
    if (!rc)
        rc = settle_zone(z);
    static const struct {
        const char *fact, *column;
    } copy[] = {{"kernel", "kernel"}, {"sos_version", "sos_version"}, {"tz_name", "tz"},
                {"fqdn", "fqdn"}};
    for (size_t i = 0; i < RCA_ARRAY_LEN(copy) && !rc; i++) {
        char *v = NULL;
        int is_tz = strcmp(copy[i].fact, "tz_name") == 0;
        rc = rca_store_fact(z->s, h->id, copy[i].fact, &v);
        for (int src = 0; !rc && !v && is_tz && src < TZ_NSOURCES; src++)
            if (h->tz_names[src][0] && !(v = strdup(h->tz_names[src])))
                rc = RCA_ENOMEM;
        if (!rc && !v && is_tz)
            rc = rca_store_fact(z->s, h->id, "tz_abbr", &v);
        if (!rc && v)
            rc = rca_store_set_host(z->s, h->id, copy[i].column, v);
        free(v);
    }
    if (!rc && (h->has_offset || (h->zone && h->have_utc)))
        rc = rca_store_set_host_num(z->s, h->id, "utc_offset",
                                    h->has_offset ? (double)h->offset
                                                  : rca_tz_utc_offset(h->zone, h->collected_utc));
    rca_tz_span sp = RCA_TZ_SPAN_EMPTY;
    if (!rc && (h->have_utc || (h->have_local && (h->has_offset || h->zone))))
        rc = rca_store_set_host_num(
            z->s, h->id, "collected_at",
            h->have_utc ? (double)h->collected_utc
                        : (double)(h->collected_local -
                                   (h->zone ? rca_tz_local_offset(h->zone, h->collected_local, &sp)
                                            : h->offset)));
    /* local-time lines read before the zone was known: redo them with it now */
    for (size_t i = 0; i < h->nlate && !rc; i++) {
        const late_file *lf = &h->late_files[i];
        rca_offset_span *spans = NULL;
        size_t n = 0;
        if (lf->first_ts < 0 || late_same(lf, h))
            continue;
        if (!(rc = late_spans(lf, h, &spans, &n)))
            rc = rca_store_retime_file(z->s, lf->id, lf->offset, spans, n);
        free(spans);
    }
    /* seconds since boot read before the boot time was known: dated now, or undated when the
     * report never said (no uptime, or no collection time) */
    double boot = 0;
    int have_boot = boot_utc(h, &boot);
    for (size_t i = 0; i < h->nboot && !rc; i++)
        rc = rca_store_shift_file(z->s, h->boot_files[i], have_boot, boot);
    free(h->boot_files);
    h->boot_files = NULL;
    h->nboot = h->capboot = 0;
    rca_tz_free(h->zone);
    h->zone = NULL;
    free(h->late_files);
    h->late_files = NULL;
    h->nlate = h->caplate = 0;
    z->in_host = 0;
    return rc;
}

/* ------------------------------------------------------------------ the collection window */

/* A line dated more than this after its host's collection says something about the clock or the
 * file: sos itself runs for minutes, and the `date` it records comes early in the run. */
static const double AFTER_COLLECTION_S = 3600.0;
/* ... or more than this before it: older than any rotated log sos would plausibly carry. */
static const double BEFORE_COLLECTION_S = 366.0 * 86400.0;

static void span_words(rca_buf *b, int64_t n, double first, double last, const char *what)
{
    char a[32], z[32];
    rca_fmt_time(first, a);
    rca_fmt_time(last, z);
    rca_buf_printf(b, "%lld line%s dated %s (%s", (long long)n, n == 1 ? "" : "s", what, a);
    if (last > first)
        rca_buf_printf(b, " to %s", z);
    rca_buf_adds(b, " UTC)");
}

static rca_err out_of_window(void *ctx, const rca_out_of_window *w)
{
    az *z = ctx;
    rca_buf b, name;
    rca_buf_init(&b);
    rca_buf_init(&name);
    char c[32];
    rca_fmt_time(w->collected_at, c);
    rca_ingest_entry_name(w->bundle, w->report, w->path, &name);
    rca_buf_printf(&b, "%s: %s: ", w->bundle, name.p ? name.p : w->path);
    if (w->n_after)
        span_words(&b, w->n_after, w->after_first, w->after_last, "after the report was collected");
    if (w->n_after && w->n_before)
        rca_buf_adds(&b, " and ");
    if (w->n_before)
        span_words(&b, w->n_before, w->before_first, w->before_last,
                   "more than a year before it");
    rca_buf_printf(&b, "; collected %s UTC: the host's clock or the file's dates are wrong, so "
                       "these lines are kept in the database but are not evidence",
                   c);
    if (w->hits)
        rca_buf_printf(&b, " (%lld rule match%s set aside)", (long long)w->hits,
                       w->hits == 1 ? "" : "es");
    rca_err rc = b.p ? add_warning(z, b.p) : RCA_ENOMEM;
    rca_buf_free(&b);
    rca_buf_free(&name);
    return rc;
}

rca_err rca_analyze_run(const rca_analyze_opts *o, rca_rules *rules, rca_diag *diag,
                        rca_result **out)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    az z;
    memset(&z, 0, sizeof z);
    diag_tee tee = {&z, diag};
    rca_diag tdiag = {tee_fn, &tee, 0, 0, 0};
    z.rules = rules;
    z.layout = rca_rules_layout(rules);
    z.diag = &tdiag;
    z.lim = &o->limits;
    rca_buf_init(&z.buf);
    int partial = 0;
    rca_result *res = NULL;
    rca_err rc = rca_store_create(o->db_path, o->overwrite_db, diag, &z.s);
    if (rc)
        goto done;
    rca_ingest_visitor v = {report_begin, report_end, want, on_entry, on_link, &z};
    for (size_t i = 0; i < o->npaths; i++) {
        if ((rc = rca_store_add_bundle(z.s, o->paths[i], &z.bundle_id)))
            goto done;
        char *msg = NULL;
        rca_err brc = rca_ingest_bundle(o->paths[i], &o->limits, &v, &tdiag, &msg);
        /* a report cut short by an error still gets its identity */
        rca_err erc = z.in_host ? report_end(&z) : RCA_OK;
        if (erc) {
            free(msg);
            rc = erc;
            goto done;
        }
        if (brc == RCA_EARCHIVE || brc == RCA_EIO) {
            partial = 1;
            rc = rca_store_set_bundle_status(z.s, z.bundle_id,
                                             brc == RCA_EIO ? "unreadable" : "partial", msg);
            free(msg);
            if (rc)
                goto done;
            continue;
        }
        free(msg);
        if (brc) {
            rc = brc;
            goto done;
        }
    }
    if ((rc = rca_store_finish_ingest(z.s)) || (rc = rca_store_set_system_ids(z.s)) ||
        (rc = rca_rules_set_roles(rules, z.s, &tdiag)) ||
        (rc = rca_store_set_aside_out_of_window(z.s, AFTER_COLLECTION_S, BEFORE_COLLECTION_S,
                                                out_of_window, &z)) ||
        (o->fts && (rc = rca_store_build_fts(z.s))))
        goto done;
    if ((rc = z.warn_rc))
        goto done;
    rca_eval_opts eo = {o->max_age_s};
    if ((rc = rca_rules_evaluate(rules, z.s, &eo, &tdiag, &res)))
        goto done;
    res->partial = partial;
    res->warnings_dropped = z.warn_dropped;
    rc = z.warn_rc;
    for (size_t i = 0; i < z.nwarn && !rc; i++)
        rc = rca_result_add_warning(res, z.warn[i]);
    if (!rc)
        rc = rca_store_commit(z.s);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (res)
        res->elapsed_s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
done:
    rca_store_free(z.s);
    rca_buf_free(&z.buf);
    free(z.host.late_files);
    free(z.host.boot_files);
    rca_tz_free(z.host.zone);
    for (size_t i = 0; i < z.nwarn; i++)
        free(z.warn[i]);
    free(z.warn);
    if (rc) {
        rca_result_free(res);
        return rc;
    }
    *out = res;
    return RCA_OK;
}
