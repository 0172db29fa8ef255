/* util.c - the toolbox every module shares: error names, spans, the diagnostics sink, the string
 * buffer, the arena, time arithmetic without the C library's time zone state, durations, the glob
 * over bundle paths, host name comparison, UTF-8 and text escaping for terminals (time zones are
 * in tz.c, the line splitter inline in the header). See include/rca_util.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rca_util.h"

const char *rca_err_str(rca_err e)
{
    switch (e) {
    case RCA_OK: return "success";
    case RCA_ENOMEM: return "out of memory";
    case RCA_EIO: return "input/output error";
    case RCA_EARCHIVE: return "archive error";
    case RCA_EDB: return "database error";
    case RCA_ESYNTAX: return "syntax error";
    case RCA_ELIMIT: return "limit reached";
    case RCA_EINTERNAL: return "internal error";
    }
    return "unknown error";
}

rca_span rca_span_cstr(const char *s)
{
    return rca_span_make(s, s ? strlen(s) : 0);
}

int rca_span_eq(rca_span a, const char *lit)
{
    size_t n = strlen(lit);
    return a.n == n && (n == 0 || memcmp(a.p, lit, n) == 0);
}

void rca_diagf(rca_diag *d, rca_sev sev, const char *where, const char *entry, unsigned line,
               unsigned col, const char *source_line, const char *fmt, ...)
{
    if (!d)
        return;
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    rca_diag_msg m = {sev, where, entry, line, col, source_line, text};
    rca_diag_send(d, &m);
}

void rca_diag_send(rca_diag *d, const rca_diag_msg *m)
{
    if (!d)
        return;
    switch (m->sev) {
    case RCA_DIAG_ERROR: d->errors++; break;
    case RCA_DIAG_WARNING: d->warnings++; break;
    case RCA_DIAG_NOTE: d->notes++; break;
    }
    if (d->fn)
        d->fn(d->ctx, m);
}

/* ------------------------------------------------------------------ buffer */

void rca_buf_init(rca_buf *b)
{
    b->p = NULL;
    b->n = b->cap = 0;
}

void rca_buf_free(rca_buf *b)
{
    free(b->p);
    rca_buf_init(b);
}

void rca_buf_reset(rca_buf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

rca_err rca_buf_reserve(rca_buf *b, size_t extra)
{
    if (extra > SIZE_MAX / 2 - b->n)
        return RCA_ENOMEM;
    size_t need = b->n + extra + 1;
    if (need <= b->cap)
        return RCA_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return RCA_ENOMEM;
    b->p = p;
    b->cap = cap;
    return RCA_OK;
}

rca_err rca_buf_add(rca_buf *b, const void *p, size_t n)
{
    rca_err rc = rca_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
    return RCA_OK;
}

rca_err rca_buf_adds(rca_buf *b, const char *s)
{
    return rca_buf_add(b, s, strlen(s));
}

rca_err rca_buf_addc(rca_buf *b, char c)
{
    return rca_buf_add(b, &c, 1);
}

rca_err rca_buf_vprintf(rca_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return RCA_EINTERNAL;
    rca_err rc = rca_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    b->n += (size_t)n;
    return RCA_OK;
}

rca_err rca_buf_printf(rca_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rca_err rc = rca_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *rca_buf_take(rca_buf *b)
{
    char *p = b->p;
    if (!p)
        p = calloc(1, 1);
    rca_buf_init(b);
    return p;
}

/* ------------------------------------------------------------------ files */

rca_err rca_file_read(const char *path, rca_diag *diag, rca_buf *out)
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
    if (!rc && ferror(f)) {
        rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "read error: %s",
                  strerror(errno));
        rc = RCA_EIO;
    }
    fclose(f);
    if (!rc && !out->p)
        rc = rca_buf_add(out, "", 0);
    return rc;
}

/* ------------------------------------------------------------------ arena */

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

struct rca_arena {
    struct arena_block *head;
};

rca_arena *rca_arena_new(void)
{
    return calloc(1, sizeof(rca_arena));
}

void rca_arena_free(rca_arena *a)
{
    if (!a)
        return;
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *rca_arena_alloc(rca_arena *a, size_t n)
{
    if (n > SIZE_MAX / 2)
        return NULL;
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    struct arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 - sizeof *b ? n : 65536 - sizeof *b;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

char *rca_arena_strndup(rca_arena *a, const char *s, size_t n)
{
    char *p = rca_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rca_arena_strdup(rca_arena *a, const char *s)
{
    return s ? rca_arena_strndup(a, s, strlen(s)) : NULL;
}

/* ------------------------------------------------------------------ time */

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int64_t rca_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t rca_timegm(int year, int mon, int day, int hour, int min, int sec)
{
    if (year < 1970 || year > 9999 || mon < 1 || mon > 12 || day < 1 || day > 31 || hour < 0 ||
        hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60)
        return -1;
    return rca_days_from_civil(year, (unsigned)mon, (unsigned)day) * 86400 + hour * 3600 +
           min * 60 + sec;
}

void rca_fmt_time(double ts, char out[32])
{
    if (ts < 0) {
        snprintf(out, 32, "-");
        return;
    }
    int64_t s = (int64_t)ts;
    int64_t days = s / 86400, rem = s % 86400;
    /* Howard Hinnant's civil_from_days, the inverse of rca_days_from_civil */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%04lld-%02u-%02u %02d:%02d:%02d", (long long)y, m, d,
             (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
    snprintf(out, 32, "%.31s", tmp);
}

int rca_month_from_abbr(const char *p)
{
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int i = 0; i < 12; i++)
        if (memcmp(p, names + 3 * i, 3) == 0)
            return i + 1;
    return 0;
}

/* ------------------------------------------------------------------ glob */

static int glob_at(const char *pat, const char *s, const char *end);

/* Match one {a,b,c} alternation: try each alternative followed by the rest of the pattern. */
static int glob_alt(const char *pat, const char *s, const char *end)
{
    const char *close = strchr(pat, '}');
    if (!close)
        return 0;
    const char *alt = pat + 1;
    while (alt <= close) {
        const char *stop = alt;
        while (stop < close && *stop != ',')
            stop++;
        size_t alen = (size_t)(stop - alt);
        if ((size_t)(end - s) >= alen && memcmp(s, alt, alen) == 0 &&
            glob_at(close + 1, s + alen, end))
            return 1;
        alt = stop + 1;
    }
    return 0;
}

static int glob_at(const char *pat, const char *s, const char *end)
{
    for (;;) {
        char c = *pat;
        if (c == '\0')
            return s == end;
        if (c == '*' && pat[1] == '*') {
            const char *rest = pat + 2;
            if (*rest == '/') {
                /* a double star followed by a slash matches zero or more whole segments */
                if (glob_at(rest + 1, s, end))
                    return 1;
            }
            for (const char *t = s; t <= end; t++)
                if (glob_at(rest, t, end))
                    return 1;
            return 0;
        }
        if (c == '*') {
            for (const char *t = s;; t++) {
                if (glob_at(pat + 1, t, end))
                    return 1;
                if (t == end || *t == '/')
                    return 0;
            }
        }
        if (c == '{')
            return glob_alt(pat, s, end);
        if (s == end)
            return 0;
        if (c == '?') {
            if (*s == '/')
                return 0;
        } else if (c != *s) {
            return 0;
        }
        pat++;
        s++;
    }
}

int rca_glob_match(const char *pattern, const char *path, size_t path_len)
{
    return glob_at(pattern, path, path + path_len);
}

/* ------------------------------------------------------------------ strings */

int rca_host_equiv(const char *a, const char *b)
{
    if (!a || !b || !*a || !*b)
        return 0;
    if (strcmp(a, b) == 0)
        return 1;
    size_t la = strcspn(a, "."), lb = strcspn(b, ".");
    return la == lb && memcmp(a, b, la) == 0;
}

int rca_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

size_t rca_utf8_len(const unsigned char *p, size_t n)
{
    size_t len;
    uint32_t cp, min;
    if (n == 0)
        return 0;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xE0) == 0xC0) { len = 2; cp = p[0] & 0x1Fu; min = 0x80; }
    else if ((p[0] & 0xF0) == 0xE0) { len = 3; cp = p[0] & 0x0Fu; min = 0x800; }
    else if ((p[0] & 0xF8) == 0xF0) { len = 4; cp = p[0] & 0x07u; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

/* A printable UTF-8 sequence: valid, and not a C1 control (U+0080..U+009F act as terminal
 * escapes). Returns its length or 0. */
static size_t printable_len(const unsigned char *p, size_t n)
{
    size_t l = rca_utf8_len(p, n);
    if (l == 2 && p[0] == 0xC2 && p[1] <= 0x9F)
        return 0;
    return l;
}

rca_err rca_escape_text(rca_buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        rca_err rc;
        if (c == '\t') {
            rc = rca_buf_addc(out, ' ');
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\x%02X", c);
            rc = rca_buf_adds(out, esc);
            i++;
        } else {
            size_t l = printable_len(p + i, n - i);
            if (l == 0) {
                char esc[8];
                snprintf(esc, sizeof esc, "\\x%02X", c);
                rc = rca_buf_adds(out, esc);
                i++;
            } else {
                rc = rca_buf_add(out, p + i, l);
                i += l;
            }
        }
        if (rc)
            return rc;
    }
    return RCA_OK;
}

rca_err rca_duration_parse(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return RCA_ESYNTAX;
    double v = strtod(s, &end);
    if (end == s || !(v >= 0) || v > 1e12)
        return RCA_ESYNTAX;
    double unit = 0;
    if (!*end || strcmp(end, "s") == 0)
        unit = 1;
    else if (strcmp(end, "m") == 0)
        unit = 60;
    else if (strcmp(end, "h") == 0)
        unit = 3600;
    else if (strcmp(end, "d") == 0)
        unit = 86400;
    if (!unit)
        return RCA_ESYNTAX;
    *out = v * unit;
    return RCA_OK;
}
