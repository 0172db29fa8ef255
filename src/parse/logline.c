/* logline.c - the per-line envelope parser of the parse stage (ingest -> parse -> store): it takes
 * one log line and splits it, in place and without allocating, into timestamp, level, logger,
 * pid, request ids, instance UUID and message. It knows oslo.log (every context-bracket era),
 * OVS/OVN vlog, BSD and ISO syslog (including syslog lines that wrap an oslo or vlog line),
 * kernel dmesg, RabbitMQ, libvirtd, and the CRI-O and pebble container wrappers. It runs once per
 * line of every log in a bundle, so it is hand-written byte scanning with a dispatch on the first
 * byte; every read is bounded by the line's end, because bundle bytes can be anything.
 * The contract is rca_parse_log_line in include/rca_parse.h.
 */
#include <string.h>

#include "rca_parse.h"

/* ------------------------------------------------------------------ small scanners */

static inline int is_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

static inline int is_lower(unsigned char c)
{
    return (unsigned)(c - 'a') < 26u;
}

static inline int is_upper(unsigned char c)
{
    return (unsigned)(c - 'A') < 26u;
}

static inline int is_ident(unsigned char c)
{
    return is_digit(c) || is_lower(c) || is_upper(c) || c == '_';
}

/* Two decimal digits at p as a number, or -1. The caller has checked that both bytes exist. */
static inline int two_digits(const char *p)
{
    unsigned a = (unsigned char)p[0] - '0', b = (unsigned char)p[1] - '0';
    return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* A decimal number of at most `max` digits starting at p; *end is set past it (== p when there
 * is no digit). The digit limit keeps the value far from int64 overflow. */
static int64_t scan_uint(const char *p, const char *e, int max, const char **end)
{
    int64_t v = 0;
    const char *q = p;
    while (q < e && is_digit((unsigned char)*q) && q - p < max)
        v = v * 10 + (*q++ - '0');
    *end = q;
    return v;
}

static inline rca_span span_of(const char *p, const char *q)
{
    return rca_span_make(p, (size_t)(q - p));
}

/* ------------------------------------------------------------------ timestamps */

/* A broken-down timestamp as written; converted to microseconds only once the envelope has been
 * recognised, so that a line that merely starts with digits costs little. */
typedef struct stamp {
    int year, mon, day, hour, min, sec;
    int64_t usec;  /* the fraction, in microseconds */
    int has_zone;  /* 1 if "Z" or a numeric offset was written */
    int off_s;     /* seconds east of UTC */
} stamp;

static int days_in_month(int year, int mon)
{
    static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mon == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return mdays[mon - 1];
}

/* Microseconds since the epoch (UTC when a zone was written, else the wall clock read as UTC),
 * or -1 for an impossible date: "2025-13-01" or "02-30" means the line is not what it looks like. */
static int64_t stamp_us(const stamp *st)
{
    if (st->mon < 1 || st->mon > 12 || st->day < 1 || st->day > days_in_month(st->year, st->mon))
        return -1;
    int64_t s = rca_timegm(st->year, st->mon, st->day, st->hour, st->min, st->sec);
    if (s < 0)
        return -1;
    return (s - st->off_s) * 1000000 + st->usec;
}

/* "YYYY-MM-DD" */
static const char *scan_ymd(const char *p, const char *e, stamp *st)
{
    if (e - p < 10 || p[4] != '-' || p[7] != '-')
        return NULL;
    int c = two_digits(p), y = two_digits(p + 2), m = two_digits(p + 5), d = two_digits(p + 8);
    if (c < 0 || y < 0 || m < 0 || d < 0)
        return NULL;
    st->year = c * 100 + y;
    st->mon = m;
    st->day = d;
    return p + 10;
}

/* "HH:MM:SS" */
static const char *scan_hms(const char *p, const char *e, stamp *st)
{
    if (e - p < 8 || p[2] != ':' || p[5] != ':')
        return NULL;
    int h = two_digits(p), m = two_digits(p + 3), s = two_digits(p + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60)
        return NULL;
    st->hour = h;
    st->min = m;
    st->sec = s;
    return p + 8;
}

/* An optional ".fff" / ",fff" fraction of any length (Python's logging default uses a comma,
 * CRI-O writes nanoseconds); digits past the sixth are read and dropped. */
static const char *scan_frac(const char *p, const char *e, stamp *st)
{
    st->usec = 0;
    if (e - p < 2 || (*p != '.' && *p != ',') || !is_digit((unsigned char)p[1]))
        return p;
    p++;
    int64_t v = 0;
    int nd = 0;
    for (; p < e && is_digit((unsigned char)*p); p++)
        if (nd < 6) {
            v = v * 10 + (*p - '0');
            nd++;
        }
    for (; nd < 6; nd++)
        v *= 10;
    st->usec = v;
    return p;
}

/* An optional "Z", "+HHMM" or "+HH:MM" (also '-'). */
static const char *scan_zone(const char *p, const char *e, stamp *st)
{
    st->has_zone = 0;
    st->off_s = 0;
    if (p < e && *p == 'Z') {
        st->has_zone = 1;
        return p + 1;
    }
    if (e - p < 5 || (*p != '+' && *p != '-'))
        return p;
    int hh = two_digits(p + 1);
    const char *q = p + 3;
    if (*q == ':')
        q++;
    if (hh < 0 || hh > 23 || e - q < 2)
        return p;
    int mm = two_digits(q);
    if (mm < 0 || mm > 59)
        return p;
    st->off_s = (hh * 3600 + mm * 60) * (*p == '-' ? -1 : 1);
    st->has_zone = 1;
    return q + 2;
}

/* Set the line's time from a stamp; 0 if the date is impossible. */
static int set_time(rca_logline *out, const stamp *st)
{
    int64_t us = stamp_us(st);
    if (us < 0)
        return 0;
    out->ts_us = us;
    out->zone = st->has_zone ? RCA_TS_UTC : RCA_TS_LOCAL;
    return 1;
}

/* ------------------------------------------------------------------ levels */

/* oslo.log levelnames, exactly as Python writes them. */
static rca_level oslo_level(const char *p, size_t n)
{
    switch (n) {
    case 4:
        return memcmp(p, "INFO", 4) == 0 ? RCA_LVL_INFO : RCA_LVL_NONE;
    case 5:
        if (memcmp(p, "DEBUG", 5) == 0)
            return RCA_LVL_DEBUG;
        if (memcmp(p, "ERROR", 5) == 0)
            return RCA_LVL_ERROR;
        if (memcmp(p, "TRACE", 5) == 0)
            return RCA_LVL_TRACE;
        if (memcmp(p, "AUDIT", 5) == 0)
            return RCA_LVL_AUDIT;
        return RCA_LVL_NONE;
    case 7:
        return memcmp(p, "WARNING", 7) == 0 ? RCA_LVL_WARNING : RCA_LVL_NONE;
    case 8:
        return memcmp(p, "CRITICAL", 8) == 0 ? RCA_LVL_CRITICAL : RCA_LVL_NONE;
    default:
        return RCA_LVL_NONE;
    }
}

/* vlog's %p: EMER ERR WARN INFO DBG. */
static rca_level vlog_level(const char *p, size_t n)
{
    switch (n) {
    case 3:
        if (memcmp(p, "ERR", 3) == 0)
            return RCA_LVL_ERROR;
        return memcmp(p, "DBG", 3) == 0 ? RCA_LVL_DEBUG : RCA_LVL_NONE;
    case 4:
        if (memcmp(p, "WARN", 4) == 0)
            return RCA_LVL_WARNING;
        if (memcmp(p, "INFO", 4) == 0)
            return RCA_LVL_INFO;
        return memcmp(p, "EMER", 4) == 0 ? RCA_LVL_CRITICAL : RCA_LVL_NONE;
    default:
        return RCA_LVL_NONE;
    }
}

/* Lower-case level words of syslog, RabbitMQ (including the 4-letter "lc4" forms of 3.9+) and
 * libvirtd. RabbitMQ's notice and syslog's notice are informational. */
static rca_level word_level(const char *p, size_t n)
{
    static const struct {
        const char *w;
        unsigned char n;
        rca_level l;
    } words[] = {
        {"info", 4, RCA_LVL_INFO},       {"debug", 5, RCA_LVL_DEBUG},
        {"warning", 7, RCA_LVL_WARNING}, {"error", 5, RCA_LVL_ERROR},
        {"notice", 6, RCA_LVL_INFO},     {"warn", 4, RCA_LVL_WARNING},
        {"err", 3, RCA_LVL_ERROR},       {"critical", 8, RCA_LVL_CRITICAL},
        {"crit", 4, RCA_LVL_CRITICAL},   {"alert", 5, RCA_LVL_CRITICAL},
        {"emergency", 9, RCA_LVL_CRITICAL}, {"emerg", 5, RCA_LVL_CRITICAL},
        {"emer", 4, RCA_LVL_CRITICAL},   {"fatal", 5, RCA_LVL_CRITICAL},
        {"dbug", 4, RCA_LVL_DEBUG},      {"noti", 4, RCA_LVL_INFO},
        {"erro", 4, RCA_LVL_ERROR},      {"alrt", 4, RCA_LVL_CRITICAL},
        {"emgc", 4, RCA_LVL_CRITICAL},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(words); i++)
        if (words[i].n == n && memcmp(words[i].w, p, n) == 0)
            return words[i].l;
    return RCA_LVL_NONE;
}

const char *rca_level_name(rca_level l)
{
    switch (l) {
    case RCA_LVL_NONE: return "";
    case RCA_LVL_DEBUG: return "DEBUG";
    case RCA_LVL_INFO: return "INFO";
    case RCA_LVL_AUDIT: return "AUDIT";
    case RCA_LVL_WARNING: return "WARNING";
    case RCA_LVL_ERROR: return "ERROR";
    case RCA_LVL_CRITICAL: return "CRITICAL";
    case RCA_LVL_TRACE: return "TRACE";
    }
    return "";
}

/* ------------------------------------------------------------------ oslo.log */

/* "[instance: <36 chars>] " at *pp: set out->instance and move past it (the trailing space is
 * part of oslo's instance_format, but a line cut right after ']' is still accepted). */
static int instance_prefix(const char **pp, const char *e, rca_logline *out)
{
    const char *p = *pp;
    if (e - p < 48 || memcmp(p, "[instance: ", 11) != 0 || p[47] != ']')
        return 0;
    out->instance = rca_span_make(p + 11, 36);
    p += 48;
    if (p < e && *p == ' ')
        p++;
    *pp = p;
    return 1;
}

/* The context bracket at p ('['). Every era starts with "-]", "req-" or the literal "None " of
 * a missing global id (see failure-signatures.md 0.1); anything else is the message itself, so the
 * first token is checked before looking for ']'. Returns the position after ']' or NULL. */
static const char *oslo_context(const char *p, const char *e, rca_logline *out)
{
    const char *b = p + 1;
    size_t n = (size_t)(e - b);
    if (n >= 2 && b[0] == '-' && b[1] == ']')
        return b + 2;
    int none = n >= 5 && memcmp(b, "None ", 5) == 0;
    if (!none && !(n >= 4 && memcmp(b, "req-", 4) == 0))
        return NULL;
    const char *close = memchr(b, ']', n);
    if (!close || (close + 1 < e && close[1] != ' '))
        return NULL;
    /* first two tokens: [GLOBAL LOCAL ...] (Zed+) or [LOCAL USER ...] (before) */
    const char *t0 = b, *t0e = memchr(t0, ' ', (size_t)(close - t0));
    if (!t0e)
        t0e = close;
    const char *t1 = t0e < close ? t0e + 1 : close, *t1e = memchr(t1, ' ', (size_t)(close - t1));
    if (!t1e)
        t1e = close;
    int r1 = t1e - t1 > 4 && memcmp(t1, "req-", 4) == 0;
    if (none) {
        if (r1)
            out->req = span_of(t1, t1e);
    } else if (r1) {
        out->greq = span_of(t0, t0e);
        out->req = span_of(t1, t1e);
    } else {
        out->req = span_of(t0, t0e);
    }
    return close + 1;
}

/* Everything of an oslo line after its timestamp: " PID LEVEL logger [ctx] [instance: u] msg". */
static int oslo_body(const char *p, const char *e, rca_logline *out)
{
    if (p >= e || *p != ' ')
        return 0;
    const char *q;
    int64_t pid = scan_uint(++p, e, 18, &q);
    if (q == p || q >= e || *q != ' ')
        return 0;
    p = q + 1;
    /* the level is at most 8 bytes: no need for memchr over the whole line */
    for (q = p; q < e && *q != ' ' && q - p <= 8; q++)
        ;
    if (q >= e || *q != ' ')
        return 0;
    rca_level lvl = oslo_level(p, (size_t)(q - p));
    if (lvl == RCA_LVL_NONE)
        return 0;
    p = q + 1;
    q = memchr(p, ' ', (size_t)(e - p));
    if (!q)
        q = e;
    if (q == p)
        return 0;
    out->pid = pid;
    out->level = lvl;
    out->logger = span_of(p, q);
    p = q < e ? q + 1 : e;
    if (p < e && *p == '[' && !instance_prefix(&p, e, out)) {
        const char *c = oslo_context(p, e, out);
        if (c) {
            p = c < e && *c == ' ' ? c + 1 : c;
            instance_prefix(&p, e, out);
        }
    }
    out->msg = span_of(p, e);
    return 1;
}

/* ------------------------------------------------------------------ OVS/OVN vlog */

/* Everything of a vlog line from the '|' that follows the timestamp (or "ovs"):
 * "|00427|module(thread)|LEVEL|msg". The sequence number is not kept. */
static int vlog_body(const char *p, const char *e, rca_logline *out)
{
    if (p >= e || *p != '|')
        return 0;
    const char *q;
    scan_uint(++p, e, 18, &q);
    if (q == p || q >= e || *q != '|')
        return 0;
    const char *mod = p = q + 1;
    for (q = p; q < e && (is_ident((unsigned char)*q) || *q == '-' || *q == '.'); q++)
        ;
    if (q == p || q >= e)
        return 0;
    const char *mod_end = q;
    if (*q == '(') {
        q = memchr(q, ')', (size_t)(e - q));
        if (!q || ++q >= e)
            return 0;
    }
    if (*q != '|')
        return 0;
    p = q + 1;
    for (q = p; q < e && *q != '|' && q - p <= 4; q++)
        ;
    if (q >= e || *q != '|')
        return 0;
    rca_level lvl = vlog_level(p, (size_t)(q - p));
    if (lvl == RCA_LVL_NONE)
        return 0;
    out->logger = span_of(mod, mod_end);
    out->level = lvl;
    out->pid = -1;
    out->msg = span_of(q + 1, e);
    return 1;
}

/* ------------------------------------------------------------------ wrapped lines */

static void line_reset(rca_logline *out, const char *p, const char *e)
{
    out->fmt = RCA_LOG_NONE;
    out->zone = RCA_TS_NONE;
    out->ts_us = 0;
    out->level = RCA_LVL_NONE;
    out->logger = RCA_SPAN_NULL;
    out->pid = -1;
    out->req = RCA_SPAN_NULL;
    out->greq = RCA_SPAN_NULL;
    out->instance = RCA_SPAN_NULL;
    out->msg = span_of(p, e);
    out->host = RCA_SPAN_NULL;
    out->wrapped = 0;
}

/* An oslo or vlog line inside a wrapper (syslog, journal, CRI-O, pebble). Only these two are
 * looked for: they are what OpenStack and OVN write, and not recursing keeps the cost of a
 * crafted "wrapper inside wrapper inside ..." line linear. Fills `in` from scratch. */
static rca_logfmt inner_line(const char *p, const char *e, rca_logline *in)
{
    line_reset(in, p, e);
    stamp st;
    if (p < e && *p == 'o') {
        /* vlog's syslog pattern "ovs|%05N|%c%T|%p|%m" carries no time */
        if (e - p >= 4 && (memcmp(p, "ovs|", 4) == 0 || memcmp(p, "ovn|", 4) == 0) &&
            vlog_body(p + 3, e, in))
            return RCA_LOG_VLOG;
        return RCA_LOG_NONE;
    }
    const char *q = scan_ymd(p, e, &st);
    if (!q || q >= e)
        return RCA_LOG_NONE;
    if (*q == ' ') {
        q = scan_hms(q + 1, e, &st);
        if (!q)
            return RCA_LOG_NONE;
        q = scan_frac(q, e, &st);
        st.has_zone = 0;
        st.off_s = 0;
        if (oslo_body(q, e, in) && set_time(in, &st))
            return RCA_LOG_OSLO;
    } else if (*q == 'T') {
        q = scan_hms(q + 1, e, &st);
        if (!q)
            return RCA_LOG_NONE;
        q = scan_zone(scan_frac(q, e, &st), e, &st);
        if (vlog_body(q, e, in) && set_time(in, &st))
            return RCA_LOG_VLOG;
    }
    return RCA_LOG_NONE;
}

/* Replace out's record by the wrapped line's, keeping what only the wrapper knew: its time when
 * the inner line has none, its pid when the inner line has none, and the syslog host. */
static rca_logfmt adopt_inner(rca_logline *out, const rca_logline *in, rca_logfmt f)
{
    rca_tszone zone = out->zone;
    int64_t ts = out->ts_us, pid = out->pid;
    rca_span host = out->host;
    *out = *in;
    if (out->zone == RCA_TS_NONE) {
        out->zone = zone;
        out->ts_us = ts;
    }
    if (out->pid < 0)
        out->pid = pid;
    out->host = host;
    out->wrapped = 1;
    return f;
}

/* If msg is an oslo or vlog line, report it instead of its wrapper. */
static rca_logfmt unwrap(rca_logline *out, rca_logfmt outer)
{
    const char *p = out->msg.p, *e = p + out->msg.n;
    if (p == e || (!is_digit((unsigned char)*p) && *p != 'o'))
        return outer;
    rca_logline in;
    rca_logfmt f = inner_line(p, e, &in);
    return f == RCA_LOG_NONE ? outer : adopt_inner(out, &in, f);
}

/* ------------------------------------------------------------------ kernel */

/* "[ 1234.567890]" at p: seconds since boot as microseconds; returns the position after ']'. */
static const char *boot_stamp(const char *p, const char *e, int64_t *us)
{
    if (p >= e || *p != '[')
        return NULL;
    for (p++; p < e && *p == ' '; p++)
        ;
    const char *q;
    int64_t sec = scan_uint(p, e, 12, &q);
    if (q == p || q >= e || *q != '.')
        return NULL;
    p = q + 1;
    int64_t frac = scan_uint(p, e, 6, &q);
    int nd = (int)(q - p);
    if (nd == 0 || q >= e || *q != ']')
        return NULL;
    for (; nd < 6; nd++)
        frac *= 10;
    *us = sec * 1000000 + frac;
    return q + 1;
}

/* The message of a dmesg line starting at p, without the "kernel: " tag that /var/log/dmesg
 * repeats on every line: with it dropped, one event has the same msg whatever file it came from.
 * The logger is "kernel" either way; it points at the tag when there is one, and otherwise at a
 * constant (a bare dmesg line has no such word to point at). */
static void kernel_msg(const char *p, const char *e, rca_logline *out)
{
    static const char kernel[] = "kernel";
    if (e - p >= 8 && memcmp(p, "kernel: ", 8) == 0) {
        out->logger = rca_span_make(p, 6);
        p += 8;
    } else {
        out->logger = rca_span_make(kernel, sizeof kernel - 1);
    }
    out->msg = span_of(p, e);
}

/* "[Thu Feb 10 16:09:19 2022] msg" of dmesg -T (local time). */
static int dmesg_ctime(const char *p, const char *e, rca_logline *out)
{
    stamp st = {0};
    if (e - p < 24 || p[3] != ' ' || p[7] != ' ')
        return 0;
    st.mon = rca_month_from_abbr(p + 4);
    p += 8;
    if (*p == ' ')
        p++;
    const char *q;
    st.day = (int)scan_uint(p, e, 2, &q);
    if (q == p || q >= e || *q != ' ')
        return 0;
    q = scan_hms(q + 1, e, &st);
    if (!q || e - q < 6 || *q != ' ')
        return 0;
    st.year = (int)scan_uint(q + 1, e, 4, &p);
    if (p != q + 5 || p >= e || *p != ']' || !set_time(out, &st))
        return 0;
    p++;
    if (p < e && *p == ' ')
        p++;
    kernel_msg(p, e, out);
    return 1;
}

static rca_logfmt kernel_line(const char *p, const char *e, rca_logline *out)
{
    int64_t us;
    const char *q = boot_stamp(p, e, &us);
    if (q) {
        if (q < e && *q != ' ')
            return RCA_LOG_NONE;
        out->ts_us = us;
        out->zone = RCA_TS_BOOT;
        kernel_msg(q < e ? q + 1 : e, e, out);
    } else if (!(e - p > 1 && is_upper((unsigned char)p[1]) && dmesg_ctime(p + 1, e, out))) {
        return RCA_LOG_NONE;
    }
    return RCA_LOG_KERNEL;
}

/* ------------------------------------------------------------------ syslog */

/* What follows a syslog timestamp: "host prog[pid]: msg" or "host prog: msg". Without a tag the
 * rest is the message only when `need_tag` is 0 (the BSD "Mon DD" stamp is specific enough on
 * its own; an ISO stamp followed by two words is not: ceph and juju write those). */
static int syslog_tail(const char *p, const char *e, rca_logline *out, int need_tag)
{
    static const char kernel[] = "kernel";
    if (p >= e || *p != ' ')
        return 0;
    p++;
    const char *q = memchr(p, ' ', (size_t)(e - p));
    if (!q || q == p)
        return 0;
    if (q - p > 1 && q[-1] == ':') {
        /* no host: "prog: msg" right after the stamp, as qemu writes its instance logs */
        out->logger = span_of(p, q - 1);
        out->msg = span_of(q + 1, e);
        return 1;
    }
    out->host = span_of(p, q);
    p = q + 1;
    for (q = p; q < e && *q != ' ' && *q != ':' && *q != '['; q++)
        ;
    const char *prog_end = q, *after = NULL;
    int64_t pid = -1;
    if (q > p && q < e && *q == '[') {
        const char *r;
        pid = scan_uint(q + 1, e, 18, &r);
        if (r > q + 1 && e - r >= 2 && r[0] == ']' && r[1] == ':')
            after = r + 2;
        else
            pid = -1;
    } else if (q > p && q < e && *q == ':') {
        after = q + 1;
    }
    if (after && after < e && *after != ' ')
        after = NULL;
    if (!after) {
        if (need_tag)
            return 0;
        out->msg = span_of(p, e);
        return 1;
    }
    out->logger = span_of(p, prog_end);
    out->pid = pid;
    p = after < e ? after + 1 : e;
    if (rca_span_eq(out->logger, kernel)) {
        int64_t us;
        const char *k = boot_stamp(p, e, &us);
        if (k && (k == e || *k == ' '))
            p = k < e ? k + 1 : e;
    }
    out->msg = span_of(p, e);
    return 1;
}

/* "Mar  4 09:12:03 host prog[pid]: msg" (also with a ".123456" fraction, journalctl
 * short-precise). The year comes from the context: a month later than the reference month is
 * last year's. */
static rca_logfmt syslog_line(const rca_logctx *ctx, const char *p, const char *e,
                              rca_logline *out)
{
    if (e - p < 16 || p[3] != ' ')
        return RCA_LOG_NONE;
    stamp st = {0};
    st.mon = rca_month_from_abbr(p);
    if (!st.mon)
        return RCA_LOG_NONE;
    p += 4;
    if (*p == ' ')
        p++;
    const char *q;
    st.day = (int)scan_uint(p, e, 2, &q);
    if (q == p || q >= e || *q != ' ')
        return RCA_LOG_NONE;
    q = scan_hms(q + 1, e, &st);
    if (!q)
        return RCA_LOG_NONE;
    q = scan_frac(q, e, &st);
    int year = ctx ? ctx->year_hint : 0;
    if (year <= 0)
        year = 1970;
    else if (ctx->month_hint > 0 && st.mon > ctx->month_hint)
        year--;
    st.year = year;
    if (!syslog_tail(q, e, out, 0) || !set_time(out, &st))
        return RCA_LOG_NONE;
    return unwrap(out, RCA_LOG_SYSLOG);
}

/* ------------------------------------------------------------------ RabbitMQ */

/* After "YYYY-MM-DD HH:MM:SS.mmm[+00:00]": " [info] <0.401.0> msg". The Erlang pid is not an
 * OS pid, so it is dropped from msg and not kept. */
static int rabbit_body(const char *p, const char *e, rca_logline *out)
{
    if (e - p < 4 || p[0] != ' ' || p[1] != '[')
        return 0;
    p += 2;
    const char *q = p;
    while (q < e && is_lower((unsigned char)*q) && q - p < 10)
        q++;
    if (q >= e || *q != ']')
        return 0;
    rca_level lvl = word_level(p, (size_t)(q - p));
    if (lvl == RCA_LVL_NONE)
        return 0;
    p = q + 1;
    if (p < e && *p++ != ' ')
        return 0;
    if (p < e && *p == '<') {
        for (q = p + 1; q < e && q - p < 40 && (is_digit((unsigned char)*q) || *q == '.'); q++)
            ;
        if (q < e && *q == '>' && (q + 1 == e || q[1] == ' '))
            p = q + 1 < e ? q + 2 : e;
    }
    out->level = lvl;
    out->msg = span_of(p, e);
    return 1;
}

/* RabbitMQ < 3.7: "=INFO REPORT==== 19-Oct-2025::04:52:10 ===". The report follows on the next
 * lines, which therefore come out as RCA_LOG_NONE continuations. */
static rca_logfmt rabbit_report(const char *p, const char *e, rca_logline *out)
{
    const char *kind = ++p, *q = p;
    while (q < e && is_upper((unsigned char)*q) && q - p < 12)
        q++;
    if (q == p || e - q < 12 || memcmp(q, " REPORT==== ", 12) != 0)
        return RCA_LOG_NONE;
    size_t kn = (size_t)(q - kind);
    p = q + 12;
    stamp st = {0};
    st.day = (int)scan_uint(p, e, 2, &q);
    if (q == p || e - q < 19 || *q != '-' || q[4] != '-')
        return RCA_LOG_NONE;
    st.mon = rca_month_from_abbr(q + 1);
    st.year = (int)scan_uint(q + 5, e, 4, &p);
    if (p != q + 9 || e - p < 10 || p[0] != ':' || p[1] != ':')
        return RCA_LOG_NONE;
    p = scan_hms(p + 2, e, &st);
    if (!p || !set_time(out, &st))
        return RCA_LOG_NONE;
    if (kn == 4 && memcmp(kind, "INFO", 4) == 0)
        out->level = RCA_LVL_INFO;
    else if (kn == 7 && memcmp(kind, "WARNING", 7) == 0)
        out->level = RCA_LVL_WARNING;
    else if ((kn == 5 && memcmp(kind, "ERROR", 5) == 0) ||
             (kn == 5 && memcmp(kind, "CRASH", 5) == 0) ||
             (kn == 10 && memcmp(kind, "SUPERVISOR", 10) == 0))
        out->level = RCA_LVL_ERROR;
    else if (kn == 8 && memcmp(kind, "PROGRESS", 8) == 0)
        out->level = RCA_LVL_INFO;
    out->msg = rca_span_make(e, 0);
    return RCA_LOG_RABBIT;
}

/* ------------------------------------------------------------------ MySQL / MariaDB */

/* After the server's stamp ("YYYY-MM-DD HH:MM:SS" local time for MariaDB 10.x, or
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ" for MySQL 5.7+/Percona XtraDB Cluster): " THREAD [Level] msg",
 * where THREAD is the connection/thread id (not an OS pid, so it is not kept) and Level one of
 * Note, Warning, ERROR, System (MySQL 8). The Galera provider's WSREP lines come this way. */
static int mysql_body(const char *p, const char *e, rca_logline *out)
{
    if (e - p < 5 || p[0] != ' ' || !is_digit((unsigned char)p[1]))
        return 0;
    const char *q = p + 1;
    while (q < e && is_digit((unsigned char)*q) && q - p < 21)
        q++;
    if (e - q < 3 || q[0] != ' ' || q[1] != '[')
        return 0;
    static const struct {
        const char *w;
        unsigned char n;
        rca_level l;
    } levels[] = {
        {"Note", 4, RCA_LVL_INFO},   {"Warning", 7, RCA_LVL_WARNING},
        {"ERROR", 5, RCA_LVL_ERROR}, {"System", 6, RCA_LVL_INFO},
    };
    const char *w = q + 2;
    for (size_t i = 0; i < RCA_ARRAY_LEN(levels); i++) {
        size_t n = levels[i].n;
        if ((size_t)(e - w) > n && memcmp(w, levels[i].w, n) == 0 && w[n] == ']') {
            const char *m = w + n + 1;
            if (m < e && *m == ' ')
                m++;
            out->level = levels[i].l;
            out->msg = span_of(m, e);
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ libvirtd */

/* After "YYYY-MM-DD HH:MM:SS.mmm+0000": ": 51234: error : qemuMonitorIORead:495 : msg". The
 * qemu instance logs share the stamp but not the rest ("...+0000: starting up libvirt ..."):
 * they are still libvirt lines, with only a message. */
static int libvirt_body(const char *p, const char *e, rca_logline *out)
{
    if (e - p < 2 || p[0] != ':' || p[1] != ' ')
        return 0;
    p += 2;
    const char *q, *r;
    int64_t tid = scan_uint(p, e, 18, &q);
    if (q > p && e - q >= 2 && q[0] == ':' && q[1] == ' ') {
        out->pid = tid;
        p = q + 2;
        for (q = p; q < e && is_lower((unsigned char)*q) && q - p < 10; q++)
            ;
        rca_level lvl = word_level(p, (size_t)(q - p));
        if (lvl != RCA_LVL_NONE && e - q >= 3 && memcmp(q, " : ", 3) == 0) {
            out->level = lvl;
            p = q + 3;
            for (q = p; q < e && is_ident((unsigned char)*q); q++)
                ;
            if (q > p && q < e && *q == ':') {
                scan_uint(q + 1, e, 9, &r);
                if (r > q + 1 && e - r >= 3 && memcmp(r, " : ", 3) == 0) {
                    out->logger = span_of(p, q);
                    p = r + 3;
                }
            }
        }
    }
    out->msg = span_of(p, e);
    return 1;
}

/* ------------------------------------------------------------------ lines starting with a date */

/* "... stdout F " after a CRI-O stamp: the position of the inner line, or NULL. */
static const char *crio_prefix(const char *p, const char *e)
{
    if (e - p < 9 || (memcmp(p, "stdout ", 7) != 0 && memcmp(p, "stderr ", 7) != 0) ||
        (p[7] != 'F' && p[7] != 'P'))
        return NULL;
    if (e - p == 8)
        return e;
    return p[8] == ' ' ? p + 9 : NULL;
}

/* "[name] " after a pebble stamp: the name, with *inner set to the position after it. Pebble
 * names are service names, sometimes with a space ("apache forwarder"), never long. */
static int pebble_prefix(const char *p, const char *e, rca_span *name, const char **inner)
{
    const char *q = p + 1;
    while (q < e && *q != ']' && q - p < 64)
        q++;
    if (q == p + 1 || q >= e || *q != ']' || (q + 1 < e && q[1] != ' '))
        return 0;
    *name = span_of(p + 1, q);
    *inner = q + 1 < e ? q + 2 : e;
    return 1;
}

/* "YYYY-MM-DDTHH:MM:SS[.f][zone]" followed by '|' (vlog), " stdout F " (CRI-O), " [name] "
 * (pebble), " THREAD [Level] " (MySQL) or " host prog[pid]: " (rsyslog high precision, journalctl
 * short-iso). */
static rca_logfmt iso_line(const char *p, const char *e, stamp *st, rca_logline *out)
{
    p = scan_hms(p, e, st);
    if (!p)
        return RCA_LOG_NONE;
    p = scan_zone(scan_frac(p, e, st), e, st);
    if (p < e && *p == '|')
        return vlog_body(p, e, out) && set_time(out, st) ? RCA_LOG_VLOG : RCA_LOG_NONE;
    if (e - p < 2 || *p != ' ' || !set_time(out, st))
        return RCA_LOG_NONE;
    const char *inner = crio_prefix(p + 1, e);
    rca_span name = RCA_SPAN_NULL;
    if (inner || (p[1] == '[' && pebble_prefix(p + 1, e, &name, &inner))) {
        out->logger = name;
        out->msg = span_of(inner, e);
        out->wrapped = 1;
        return unwrap(out, RCA_LOG_ISO);
    }
    if (mysql_body(p, e, out))
        return RCA_LOG_MYSQL;
    if (!syslog_tail(p, e, out, 1))
        return RCA_LOG_NONE;
    return unwrap(out, RCA_LOG_ISO);
}

/* "YYYY-MM-DD HH:MM:SS[.f]" followed by an oslo, RabbitMQ, libvirtd or MySQL envelope. */
static rca_logfmt spaced_line(const char *p, const char *e, stamp *st, rca_logline *out)
{
    p = scan_hms(p, e, st);
    if (!p)
        return RCA_LOG_NONE;
    p = scan_frac(p, e, st);
    const char *z = scan_zone(p, e, st);
    rca_logfmt f = RCA_LOG_NONE;
    if (z < e && *z == ':' && z != p)
        f = libvirt_body(z, e, out) ? RCA_LOG_LIBVIRT : RCA_LOG_NONE;
    else if (e - z > 1 && z[1] == '[')
        f = rabbit_body(z, e, out) ? RCA_LOG_RABBIT : RCA_LOG_NONE;
    else if (z == p && oslo_body(p, e, out))
        f = RCA_LOG_OSLO;
    else if (z == p && mysql_body(p, e, out))
        f = RCA_LOG_MYSQL;
    if (f == RCA_LOG_NONE || !set_time(out, st))
        return RCA_LOG_NONE;
    return f;
}

static rca_logfmt dated_line(const char *p, const char *e, rca_logline *out)
{
    stamp st;
    const char *q = scan_ymd(p, e, &st);
    if (!q || q >= e)
        return RCA_LOG_NONE;
    if (*q == ' ')
        return spaced_line(q + 1, e, &st, out);
    if (*q == 'T')
        return iso_line(q + 1, e, &st, out);
    return RCA_LOG_NONE;
}

/* ------------------------------------------------------------------ entry point */

/* oslo's ColorHandler (Canonical's k8s images) ends each record with an ANSI reset; when the
 * escape byte was lost on the way only "[00m" is left. Neither is part of the message. */
static void strip_color_reset(rca_span *msg)
{
    static const struct {
        const char *s;
        size_t n;
    } resets[] = {{"\x1b[00m", 5}, {"\x1b[0m", 4}, {"\x1b[m", 3}, {"[00m", 4}};
    if (msg->n < 3 || msg->p[msg->n - 1] != 'm')
        return;
    for (size_t i = 0; i < RCA_ARRAY_LEN(resets); i++)
        if (msg->n >= resets[i].n &&
            memcmp(msg->p + msg->n - resets[i].n, resets[i].s, resets[i].n) == 0) {
            msg->n -= resets[i].n;
            return;
        }
}

rca_logfmt rca_parse_log_line(rca_logctx *ctx, const char *line, size_t len, rca_logline *out)
{
    if (!line) {
        /* no line at all: an empty one, without doing arithmetic on a null pointer */
        static const char empty[1] = "";
        line = empty;
        len = 0;
    }
    if (len && line[len - 1] == '\r')
        len--;
    const char *e = line + len;
    line_reset(out, line, e);
    rca_logfmt f = RCA_LOG_NONE;
    /* Every envelope is told apart by its first byte, which is cheaper than trying ctx->last
     * first and falling back: a log file's lines nearly all take the same branch anyway. */
    if (len) {
        unsigned char c = (unsigned char)line[0];
        if (is_digit(c))
            f = dated_line(line, e, out);
        else if (is_upper(c))
            f = syslog_line(ctx, line, e, out);
        else if (c == '[')
            f = kernel_line(line, e, out);
        else if (c == '=')
            f = rabbit_report(line, e, out);
        else if (c == 'o' && len >= 4 && memcmp(line, "ovs|", 4) == 0)
            f = vlog_body(line + 3, e, out) ? RCA_LOG_VLOG : RCA_LOG_NONE;
    }
    if (f == RCA_LOG_NONE) {
        /* a half-recognised envelope may have set fields: a continuation line carries none */
        line_reset(out, line, e);
        return RCA_LOG_NONE;
    }
    strip_color_reset(&out->msg);
    out->fmt = f;
    if (ctx)
        ctx->last = f;
    return f;
}

/* ------------------------------------------------------------------ identities in the text */

static int is_uuid(const char *p, const char *e)
{
    if (e - p < 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        unsigned char c = (unsigned char)p[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return 0;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return 0;
        }
    }
    /* not the head of a longer token */
    return e - p == 36 || !(is_ident((unsigned char)p[36]) || p[36] == '-');
}

/* After a keyword: a few separators (" ", ":", "=", "'", "\"", "(", "ID ") then a UUID. */
static const char *uuid_after(const char *p, const char *e)
{
    for (int k = 0; k < 6 && p < e; k++) {
        if (is_uuid(p, e))
            return p;
        if (*p == ' ' || *p == ':' || *p == '=' || *p == '\'' || *p == '"' || *p == '(' ||
            *p == '[' || *p == '-' || *p == ',' || *p == 'u')
            p++;
        else if (e - p >= 3 && (memcmp(p, "ID ", 3) == 0 || memcmp(p, "id ", 3) == 0))
            p += 3;
        else
            return NULL;
    }
    return p < e && is_uuid(p, e) ? p : NULL;
}

static int word_start(const char *msg, const char *p)
{
    return p == msg || !(is_ident((unsigned char)p[-1]) || p[-1] == '-');
}

void rca_parse_msg_ids(const char *msg, size_t n, rca_msg_ids *out)
{
    static const struct {
        const char *word;
        size_t len;
        int what; /* 0 instance, 1 port */
    } kw[] = {{"instance_uuid", 13, 0}, {"instance", 8, 0}, {"network-vif-plugged", 19, 1},
              {"lport", 5, 1},          {"port", 4, 1}};
    memset(out, 0, sizeof *out);
    if (!msg)
        return;
    const char *e = msg + n;
    for (const char *p = msg; p < e; p++) {
        char c = *p;
        if (c == 'r' && !out->req.n && e - p >= 40 && memcmp(p, "req-", 4) == 0 &&
            word_start(msg, p) && is_uuid(p + 4, e)) {
            out->req = rca_span_make(p, 40);
            p += 39;
            continue;
        }
        if (c != 'i' && c != 'p' && c != 'l' && c != 'n')
            continue;
        for (size_t k = 0; k < RCA_ARRAY_LEN(kw); k++) {
            rca_span *slot = kw[k].what ? &out->port : &out->instance;
            if (slot->n || (size_t)(e - p) < kw[k].len || memcmp(p, kw[k].word, kw[k].len) != 0 ||
                !word_start(msg, p))
                continue;
            const char *u = uuid_after(p + kw[k].len, e);
            if (u) {
                *slot = rca_span_make(u, 36);
                p = u + 35;
            }
            break;
        }
        if (out->instance.n && out->port.n && out->req.n)
            return;
    }
}
