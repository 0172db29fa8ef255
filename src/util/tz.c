/* tz.c - time zone rules from the system's tzdata, so that each host's local log times become UTC
 * with the offset of their own date, not the one in force when the report was collected. Reads
 * TZif files (RFC 8536, versions 1 to 4: the 64-bit block when there is one) and the POSIX TZ rule
 * of their footer, which it expands into explicit transitions up to RCA_TZ_LAST_YEAR at load, so
 * that a lookup is one binary search over one table; no setenv("TZ"), mktime or other C library
 * time zone state. Used by analyze/ for every local-time log line. See include/rca_util.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rca_util.h"

/* Transitions with the same offset on both sides are dropped: only the offset matters here. */
struct rca_tz {
    size_t n;
    int64_t *at;  /* UTC time of transition i, ascending */
    int64_t *lat; /* local time from which transition i's offset is used (non-decreasing) */
    int32_t *off; /* offset from transition i on */
    int32_t off0; /* offset before the first transition */
};

enum {
    TZ_MAX_FILE = 1 << 20, /* real zone files are below 4 KiB */
    TZ_MAX_OFFSET = 26 * 3600,
};

int rca_tz_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 255 || name[0] == '/' || name[n - 1] == '/' || strstr(name, "..") ||
        strstr(name, "//"))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '+' || c == '-' || c == '.' || c == '/'))
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ POSIX TZ rule */

typedef struct posix_rule {
    char kind; /* 'J' (1..365, no Feb 29), 'D' (0..365), 'M' (month.week.day) */
    int a, b, c;
    int32_t time; /* local seconds after midnight, -167 h .. 167 h */
} posix_rule;

typedef struct posix_tz {
    int32_t std, dst; /* seconds east of UTC */
    int has_dst;
    posix_rule start, end;
} posix_tz;

static int read_num(const char **p, int max, int *out)
{
    const char *s = *p;
    long v = 0;
    if (*s < '0' || *s > '9')
        return 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s - '0');
        if (v > max)
            return 0;
        s++;
    }
    *p = s;
    *out = (int)v;
    return 1;
}

/* [+-]hh[:mm[:ss]] -> seconds (sign as written) */
static int read_hms(const char **p, int max_h, int32_t *out)
{
    const char *s = *p;
    int sign = 1, h, m = 0, sec = 0;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (!read_num(&s, max_h, &h))
        return 0;
    if (*s == ':') {
        s++;
        if (!read_num(&s, 59, &m))
            return 0;
        if (*s == ':') {
            s++;
            if (!read_num(&s, 59, &sec))
                return 0;
        }
    }
    *p = s;
    *out = sign * (h * 3600 + m * 60 + sec);
    return 1;
}

static int read_abbr(const char **p)
{
    const char *s = *p;
    if (*s == '<') {
        const char *e = strchr(s, '>');
        if (!e || e - s < 2)
            return 0;
        *p = e + 1;
        return 1;
    }
    while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
        s++;
    if (s - *p < 3)
        return 0;
    *p = s;
    return 1;
}

static int read_rule(const char **p, posix_rule *r)
{
    const char *s = *p;
    if (*s == 'M') {
        s++;
        r->kind = 'M';
        if (!read_num(&s, 12, &r->a) || r->a < 1 || *s++ != '.' || !read_num(&s, 5, &r->b) ||
            r->b < 1 || *s++ != '.' || !read_num(&s, 6, &r->c))
            return 0;
    } else if (*s == 'J') {
        s++;
        r->kind = 'J';
        if (!read_num(&s, 365, &r->a) || r->a < 1)
            return 0;
    } else {
        r->kind = 'D';
        if (!read_num(&s, 365, &r->a))
            return 0;
    }
    r->time = 7200;
    if (*s == '/') {
        s++;
        if (!read_hms(&s, 167, &r->time))
            return 0;
    }
    *p = s;
    return 1;
}

/* "CET-1CEST,M3.5.0,M10.5.0/3". Returns 0 when the string is not understood (it is then not
 * used: the transitions of the file alone hold). */
static int parse_posix(const char *s, posix_tz *tz)
{
    memset(tz, 0, sizeof *tz);
    int32_t v;
    if (!read_abbr(&s) || !read_hms(&s, 24, &v))
        return 0;
    tz->std = -v; /* POSIX counts west of UTC */
    if (!*s)
        return 1;
    if (!read_abbr(&s))
        return 0;
    tz->dst = tz->std + 3600;
    if (*s && *s != ',') {
        if (!read_hms(&s, 24, &v))
            return 0;
        tz->dst = -v;
    }
    if (!*s) { /* no rule: the US rule, as POSIX implementations assume */
        tz->start = (posix_rule){'M', 3, 2, 0, 7200};
        tz->end = (posix_rule){'M', 11, 1, 0, 7200};
    } else if (*s++ != ',' || !read_rule(&s, &tz->start) || *s++ != ',' ||
               !read_rule(&s, &tz->end) || *s) {
        return 0;
    }
    tz->has_dst = 1;
    return 1;
}

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Local time (as if UTC) at which rule r takes effect in year y. */
static int64_t rule_local(const posix_rule *r, int64_t y)
{
    int64_t days;
    if (r->kind == 'J') {
        days = rca_days_from_civil(y, 1, 1) + r->a - 1 + (is_leap(y) && r->a >= 60);
    } else if (r->kind == 'D') {
        days = rca_days_from_civil(y, 1, 1) + r->a;
    } else {
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int64_t first = rca_days_from_civil(y, (unsigned)r->a, 1);
        int wday = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
        int dim = mdays[r->a - 1] + (r->a == 2 && is_leap(y));
        int day = 1 + (r->c - wday + 7) % 7 + 7 * (r->b - 1);
        while (day > dim)
            day -= 7;
        days = first + day - 1;
    }
    return days * 86400 + r->time;
}

static int64_t year_of(int64_t t)
{
    int64_t days = (t >= 0 ? t : t - 86399) / 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    return yoe + era * 400 + (mp >= 10);
}

/* ------------------------------------------------------------------ TZif */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

typedef struct tzif_hdr {
    uint32_t isut, isstd, leap, time, type, chars;
} tzif_hdr;

static int read_hdr(const unsigned char *d, size_t n, size_t off, tzif_hdr *h)
{
    if (n < off || n - off < 44 || memcmp(d + off, "TZif", 4) != 0)
        return 0;
    const unsigned char *c = d + off + 20;
    h->isut = be32(c);
    h->isstd = be32(c + 4);
    h->leap = be32(c + 8);
    h->time = be32(c + 12);
    h->type = be32(c + 16);
    h->chars = be32(c + 20);
    /* RFC 8536 3.1; the bounds also keep the sizes below from overflowing */
    return h->type >= 1 && h->type <= 256 && h->chars >= 1 && h->time <= TZ_MAX_FILE &&
           h->leap <= TZ_MAX_FILE && h->chars <= TZ_MAX_FILE &&
           (h->isut == 0 || h->isut == h->type) && (h->isstd == 0 || h->isstd == h->type);
}

static size_t block_size(const tzif_hdr *h, size_t tsz)
{
    return (size_t)h->time * (tsz + 1) + (size_t)h->type * 6 + h->chars +
           (size_t)h->leap * (tsz + 4) + h->isstd + h->isut;
}

static rca_err tz_alloc(size_t cap, rca_tz **out)
{
    rca_tz *tz = calloc(1, sizeof *tz);
    if (!tz)
        return RCA_ENOMEM;
    size_t c = cap ? cap : 1;
    tz->at = malloc(c * sizeof *tz->at);
    tz->lat = malloc(c * sizeof *tz->lat);
    tz->off = malloc(c * sizeof *tz->off);
    if (!tz->at || !tz->lat || !tz->off) {
        rca_tz_free(tz);
        return RCA_ENOMEM;
    }
    *out = tz;
    return RCA_OK;
}

static void push(rca_tz *tz, int64_t at, int32_t off)
{
    int32_t prev = tz->n ? tz->off[tz->n - 1] : tz->off0;
    if (off != prev) {
        tz->at[tz->n] = at;
        tz->off[tz->n] = off;
        tz->n++;
    }
}

rca_err rca_tz_parse(const unsigned char *d, size_t n, rca_tz **out)
{
    rca_tz *tz = NULL;
    rca_err rc = RCA_ESYNTAX;
    tzif_hdr h;
    if (!read_hdr(d, n, 0, &h))
        goto end;
    size_t off = 44, tsz = 4;
    size_t v1 = block_size(&h, 4);
    if (d[4] >= '2') { /* the 64-bit block follows the 32-bit one */
        if (n - off < v1 || !read_hdr(d, n, off + v1, &h))
            goto end;
        off += v1 + 44;
        tsz = 8;
    }
    size_t bs = block_size(&h, tsz);
    if (n - off < bs)
        goto end;
    const unsigned char *times = d + off, *idx = times + (size_t)h.time * tsz;
    const unsigned char *types = idx + h.time;
    int32_t utoff[256];
    for (uint32_t i = 0; i < h.type; i++) {
        const unsigned char *t = types + 6 * (size_t)i;
        int32_t u = (int32_t)be32(t);
        if (u < -TZ_MAX_OFFSET || u > TZ_MAX_OFFSET || t[4] > 1 || t[5] >= h.chars)
            goto end;
        utoff[i] = u;
    }
    /* the footer: "\nTZ\n" */
    posix_tz ptz;
    int footer = 0;
    const unsigned char *f = d + off + bs;
    size_t fn = n - off - bs;
    if (tsz == 8 && fn >= 2 && f[0] == '\n') {
        const unsigned char *e = memchr(f + 1, '\n', fn - 1);
        char buf[128];
        if (e && (size_t)(e - f - 1) < sizeof buf) {
            memcpy(buf, f + 1, (size_t)(e - f - 1));
            buf[e - f - 1] = '\0';
            footer = buf[0] && parse_posix(buf, &ptz) && ptz.has_dst &&
                     ptz.std >= -TZ_MAX_OFFSET && ptz.std <= TZ_MAX_OFFSET &&
                     ptz.dst >= -TZ_MAX_OFFSET && ptz.dst <= TZ_MAX_OFFSET;
        }
    }
    int64_t last = INT64_MIN;
    for (uint32_t i = 0; i < h.time; i++) {
        int64_t t = tsz == 8 ? be64(times + 8 * (size_t)i) : (int32_t)be32(times + 4 * (size_t)i);
        if (idx[i] >= h.type || t <= last || t < -(INT64_C(1) << 60) || t > (INT64_C(1) << 60))
            goto end;
        last = t;
    }
    int64_t y0 = h.time ? year_of(last) : 1900;
    if (y0 < 1800)
        y0 = 1800;
    size_t extra = footer && y0 <= RCA_TZ_LAST_YEAR ? 2 * (size_t)(RCA_TZ_LAST_YEAR - y0 + 1) : 0;
    if ((rc = tz_alloc(h.time + extra, &tz)))
        goto end;
    tz->off0 = utoff[0];
    for (uint32_t i = 0; i < h.time; i++) {
        int64_t t = tsz == 8 ? be64(times + 8 * (size_t)i) : (int32_t)be32(times + 4 * (size_t)i);
        push(tz, t, utoff[idx[i]]);
    }
    for (int64_t y = y0; extra && y <= RCA_TZ_LAST_YEAR; y++) {
        int64_t s = rule_local(&ptz.start, y) - ptz.std; /* DST begins: local standard time */
        int64_t e = rule_local(&ptz.end, y) - ptz.dst;   /* DST ends: local daylight time */
        int64_t a = s < e ? s : e, b = s < e ? e : s;
        int32_t oa = s < e ? ptz.dst : ptz.std, ob = s < e ? ptz.std : ptz.dst;
        if (a > last) {
            push(tz, a, oa);
            last = a;
        }
        if (b > last) {
            push(tz, b, ob);
            last = b;
        }
    }
    /* local boundaries: a repeated local time stays with the offset before the change, a skipped
     * one too (see rca_util.h) */
    for (size_t i = 0; i < tz->n; i++) {
        int32_t before = i ? tz->off[i - 1] : tz->off0;
        int64_t l = tz->at[i] + (before > tz->off[i] ? before : tz->off[i]);
        tz->lat[i] = i && l < tz->lat[i - 1] ? tz->lat[i - 1] : l;
    }
    *out = tz;
    tz = NULL;
    rc = RCA_OK;
end:
    rca_tz_free(tz);
    return rc;
}

rca_err rca_tz_load(const char *dir, const char *name, rca_tz **out)
{
    if (!rca_tz_name_ok(name))
        return RCA_ESYNTAX;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : RCA_TZ_DIR, name);
    unsigned char *data = NULL;
    rca_err rc = RCA_EIO;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        goto end;
    if (st.st_size > TZ_MAX_FILE || st.st_size < 44) {
        rc = RCA_ESYNTAX;
        goto end;
    }
    size_t n = (size_t)st.st_size, got = 0;
    if (!(data = malloc(n))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    while (got < n) {
        ssize_t k = read(fd, data + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            goto end;
        got += (size_t)k;
    }
    rc = rca_tz_parse(data, n, out);
end:
    if (fd >= 0)
        close(fd);
    free(data);
    return rc;
}

void rca_tz_free(rca_tz *tz)
{
    if (!tz)
        return;
    free(tz->at);
    free(tz->lat);
    free(tz->off);
    free(tz);
}

void rca_tz_span_at(const rca_tz *tz, int64_t local, rca_tz_span *span)
{
    size_t lo = 0, hi = tz->n; /* first i with lat[i] > local */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->lat[mid] <= local)
            lo = mid + 1;
        else
            hi = mid;
    }
    span->lo = lo ? tz->lat[lo - 1] : INT64_MIN;
    span->hi = lo < tz->n ? tz->lat[lo] : INT64_MAX;
    span->offset = lo ? tz->off[lo - 1] : tz->off0;
}

int64_t rca_tz_local_to_utc(const rca_tz *tz, int64_t local, rca_tz_span *cache)
{
    return local - rca_tz_local_offset(tz, local, cache);
}

int32_t rca_tz_utc_offset(const rca_tz *tz, int64_t utc)
{
    size_t lo = 0, hi = tz->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->at[mid] <= utc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? tz->off[lo - 1] : tz->off0;
}
