/* rca_util.h - the shared toolbox of every sosrca module: the one error enum, diagnostics with a
 * location, byte spans, a growable string buffer, an arena, time and glob helpers.
 *
 * Error idiom: a fallible function returns rca_err (RCA_OK == 0) and hands results out through a
 * last `**out` parameter that is set only on success. Library code never prints: it reports through
 * an rca_diag sink, which main.c and report/ turn into text.
 */
#ifndef RCA_UTIL_H
#define RCA_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef enum rca_err {
    RCA_OK = 0,
    RCA_ENOMEM,    /* out of memory */
    RCA_EIO,       /* reading or writing a file failed */
    RCA_EARCHIVE,  /* libarchive could not read an archive */
    RCA_EDB,       /* SQLite failed */
    RCA_ESYNTAX,   /* malformed input: a rule file, a command line, a query */
    RCA_ELIMIT,    /* a configured limit was hit */
    RCA_EINTERNAL, /* a bug: an invariant did not hold */
    RCA_EINTR,     /* interrupted by a signal */
} rca_err;

/* A static English name for an error code ("out of memory", ...). Never NULL. */
const char *rca_err_str(rca_err e);

/* ---- spans: a borrowed (pointer, length) view; never NUL-terminated ---- */
typedef struct rca_span {
    const char *p;
    size_t n;
} rca_span;

#define RCA_SPAN_NULL ((rca_span){NULL, 0})
static inline rca_span rca_span_make(const char *p, size_t n) { return (rca_span){p, n}; }
rca_span rca_span_cstr(const char *s);
int rca_span_eq(rca_span a, const char *lit);

/* ---- diagnostics ---- */
typedef enum rca_sev { RCA_DIAG_NOTE, RCA_DIAG_WARNING, RCA_DIAG_ERROR } rca_sev;

/* One diagnostic. Every pointer is borrowed for the duration of the sink call only. */
typedef struct rca_diag_msg {
    rca_sev sev;
    const char *where;  /* "rules/ovn/chassis.rules", a bundle path, or NULL */
    const char *entry;  /* an entry inside a bundle, or NULL */
    unsigned line, col; /* 1-based; 0 when unknown */
    const char *source_line; /* the offending text (for a caret line), or NULL */
    const char *text;   /* the message itself */
} rca_diag_msg;

typedef void (*rca_diag_fn)(void *ctx, const rca_diag_msg *m);

/* A diagnostics sink. Counts what it received so callers can decide on exit codes. */
typedef struct rca_diag {
    rca_diag_fn fn;
    void *ctx;
    unsigned errors, warnings, notes;
} rca_diag;

/* Send a diagnostic with a printf-style message. The format is always a literal in sosrca's
 * code: bundle text only ever travels as a %s argument. `d` may be NULL (dropped). */
void rca_diagf(rca_diag *d, rca_sev sev, const char *where, const char *entry, unsigned line,
               unsigned col, const char *source_line, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Send a diagnostic that is already built (a sink passing messages on, with more location filled
 * in): counts it in d and calls d's function. `d` may be NULL (dropped). */
void rca_diag_send(rca_diag *d, const rca_diag_msg *m);

/* ---- growable NUL-terminated string buffer ---- */
typedef struct rca_buf {
    char *p;
    size_t n, cap;
} rca_buf;

void rca_buf_init(rca_buf *b);
void rca_buf_free(rca_buf *b);
void rca_buf_reset(rca_buf *b);
rca_err rca_buf_add(rca_buf *b, const void *p, size_t n);
/* Make room for `extra` more bytes (and the NUL) without changing the content. */
rca_err rca_buf_reserve(rca_buf *b, size_t extra);
rca_err rca_buf_adds(rca_buf *b, const char *s);
rca_err rca_buf_addc(rca_buf *b, char c);
rca_err rca_buf_printf(rca_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
rca_err rca_buf_vprintf(rca_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Take the buffer's memory (caller frees with free()); the buffer is left empty. */
char *rca_buf_take(rca_buf *b);

/* ---- arena: many small allocations freed together ---- */
typedef struct rca_arena rca_arena;
rca_arena *rca_arena_new(void);
void rca_arena_free(rca_arena *a); /* NULL is a no-op */
/* Returns NULL only when memory is exhausted. Memory is 16-byte aligned and lives until
 * rca_arena_free. */
void *rca_arena_alloc(rca_arena *a, size_t n);
char *rca_arena_strndup(rca_arena *a, const char *s, size_t n);
char *rca_arena_strdup(rca_arena *a, const char *s);

/* ---- time ---- */
/* Days since 1970-01-01 of a proleptic Gregorian date (no time zone involved). */
int64_t rca_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Seconds since the epoch of a broken-down time read as UTC. Returns -1 on out-of-range fields. */
int64_t rca_timegm(int year, int mon, int day, int hour, int min, int sec);
/* Format epoch seconds as "YYYY-MM-DD HH:MM:SS" (UTC) into out (at least 20 bytes). */
void rca_fmt_time(double ts, char out[32]);
/* "90", "90s", "10m", "2h", "7d" -> seconds into *out. RCA_ESYNTAX when s is not a duration
 * (negative, empty, NaN, another unit). */
rca_err rca_duration_parse(const char *s, double *out);
/* Month number 1..12 of a three-letter English month name, 0 if none. */
int rca_month_from_abbr(const char *p);

/* ---- glob over bundle paths ----
 * `*` matches within one path segment, `**` matches across segments (including none), `?` one
 * character, `{a,b}` alternatives (no nesting). Returns 1 on a match. */
int rca_glob_match(const char *pattern, const char *path, size_t path_len);

/* ---- small string helpers ---- */
/* Compare host names the way OpenStack services get them wrong: equal if equal, or if their
 * first labels (up to the first '.') are equal. */
int rca_host_equiv(const char *a, const char *b);
/* 1 if s ends with suffix. */
int rca_ends_with(const char *s, const char *suffix);
/* Length (1..4) of the valid UTF-8 sequence at p, looking at most n bytes; 0 if it is invalid
 * (overlong, surrogate, beyond U+10FFFF, cut). */
size_t rca_utf8_len(const unsigned char *p, size_t n);
/* Copy at most n bytes of s, turning control characters and invalid UTF-8 into visible escapes,
 * so that text from a bundle can be printed safely on a terminal. */
rca_err rca_escape_text(rca_buf *out, const char *s, size_t n);

#define RCA_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
