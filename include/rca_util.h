/* rca_util.h - the shared toolbox of every sosrca module: the one error enum, byte spans, the line
 * splitter of in-memory texts, diagnostics with a location, a growable string buffer, an arena,
 * time, time zone and glob helpers, UTF-8 and terminal-safe text.
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
#include <string.h>

typedef enum rca_err {
    RCA_OK = 0,
    RCA_ENOMEM,    /* out of memory */
    RCA_EIO,       /* reading or writing a file failed */
    RCA_EARCHIVE,  /* libarchive could not read an archive */
    RCA_EDB,       /* SQLite failed */
    RCA_ESYNTAX,   /* malformed input: a rule file, a command line, a query */
    RCA_ELIMIT,    /* a configured limit was hit */
    RCA_EINTERNAL, /* a bug: an invariant did not hold */
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

/* ---- lines of a text held in memory ----
 * An iterator over text[0..len), which need not be NUL-terminated. Each line comes without its
 * '\n' and without one '\r' before it ("\r\n" ends a line); a last line without a newline is
 * still returned (files and outputs are often cut). Lines are spans borrowed from the text. The
 * one line splitter of sosrca's in-memory texts (a bundle entry streams through
 * rca_reader_getline instead). */
typedef struct rca_lines {
    const char *p, *end;
    unsigned lineno; /* of the line last returned, 1-based; 0 before the first */
} rca_lines;

static inline void rca_lines_init(rca_lines *it, const char *text, size_t len)
{
    it->p = text;
    it->end = text ? text + len : NULL;
    it->lineno = 0;
}

/* OUT: *line, the next line. Returns 1, or 0 at the end of the text (*line untouched). */
static inline int rca_lines_next(rca_lines *it, rca_span *line)
{
    if (!it->p || it->p >= it->end)
        return 0;
    const char *nl = (const char *)memchr(it->p, '\n', (size_t)(it->end - it->p));
    const char *e = nl ? nl : it->end;
    size_t n = (size_t)(e - it->p);
    if (n && it->p[n - 1] == '\r')
        n--;
    *line = rca_span_make(it->p, n);
    it->p = nl ? nl + 1 : it->end;
    it->lineno++;
    return 1;
}

/* OUT: *line, the line rca_lines_next would return, without consuming it. Returns 0 at the end. */
static inline int rca_lines_peek(const rca_lines *it, rca_span *line)
{
    rca_lines copy = *it;
    return rca_lines_next(&copy, line);
}

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

/* ---- files ---- */
/* Read the whole file `path` into out (replacing what it held; NUL-terminated, out->p never NULL
 * on success). RCA_EIO when it cannot be opened or read, said to diag as "path: cannot open:
 * <reason>" or "path: read error: <reason>"; RCA_ENOMEM. */
rca_err rca_file_read(const char *path, rca_diag *diag, rca_buf *out);

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
/* Format epoch seconds as "YYYY-MM-DD HH:MM:SS" (UTC) into out, all 32 bytes of which may be
 * written; "-" for a negative time (none). */
void rca_fmt_time(double ts, char out[32]);
/* "90", "90s", "10m", "2h", "7d" -> seconds into *out. RCA_ESYNTAX when s is not a duration
 * (negative, empty, NaN, another unit). */
rca_err rca_duration_parse(const char *s, double *out);
/* Month number 1..12 of a three-letter English month name, 0 if none. */
int rca_month_from_abbr(const char *p);

/* ---- time zones: the rules of a named zone, read from the system's tzdata (TZif files) ----
 * A zone is immutable once loaded, so several readers may use it at once; each keeps its own
 * rca_tz_span as a cache of the local-time span it is in (log lines come in time order, so the
 * hot path is two comparisons). Times are seconds; "local" is a local wall-clock time read as if
 * it were UTC (what rca_timegm gives for the fields of a log line).
 *
 * Local to UTC is ambiguous twice a year. A local time that occurs twice (the hour repeated when
 * clocks go back) is taken as its earlier instance, the one before the change, always: a log
 * written across that hour gets its repeated lines an hour early, but every line's time depends
 * on the line alone, so an archive gives the same result in whatever order its files are read. A
 * local time that never occurred (the hour skipped when clocks go forward) is read with the
 * offset in force before the gap. Past the last transition of the file, the POSIX TZ rule of its
 * footer (v2+) gives the changes up to the year RCA_TZ_LAST_YEAR; after that the last offset
 * holds. */
#define RCA_TZ_DIR "/usr/share/zoneinfo"
#define RCA_TZ_LAST_YEAR 2200
typedef struct rca_tz rca_tz;

/* A span [lo, hi) of local time in which one UTC offset holds. A span with lo == hi is empty and
 * never matches: RCA_TZ_SPAN_EMPTY starts a cache. */
typedef struct rca_tz_span {
    int64_t lo, hi;
    int32_t offset; /* seconds east of UTC */
} rca_tz_span;
#define RCA_TZ_SPAN_EMPTY ((rca_tz_span){0, 0, 0})

/* 1 if `name` may name a zone file under the tzdata folder: letters, digits, "_+-." and "/"
 * between non-empty parts, no "..", no leading "/", at most 255 bytes. Zone names come from
 * bundles, which are hostile. */
int rca_tz_name_ok(const char *name);
/* Load zone `name` from folder `dir` (NULL: RCA_TZ_DIR). Returns RCA_ESYNTAX for a name refused
 * by rca_tz_name_ok or a file that is not a valid TZif file, RCA_EIO when there is no such
 * readable regular file, RCA_ENOMEM. *out (set on success only) is the caller's: rca_tz_free. */
rca_err rca_tz_load(const char *dir, const char *name, rca_tz **out);
/* Parse the TZif content data[0..n) (version 1 to 4). Same return codes and ownership. */
rca_err rca_tz_parse(const unsigned char *data, size_t n, rca_tz **out);
void rca_tz_free(rca_tz *tz); /* NULL is a no-op */
/* OUT: *span, the local-time span that holds `local` and its offset (slow path: binary search). */
void rca_tz_span_at(const rca_tz *tz, int64_t local, rca_tz_span *span);
/* The UTC offset to use for local time `local`; *cache (in and out) is refreshed when `local`
 * falls outside it. UTC = local - offset. */
static inline int32_t rca_tz_local_offset(const rca_tz *tz, int64_t local, rca_tz_span *cache)
{
    if (local < cache->lo || local >= cache->hi)
        rca_tz_span_at(tz, local, cache);
    return cache->offset;
}
/* The UTC time of local time `local` (see the choices above). */
int64_t rca_tz_local_to_utc(const rca_tz *tz, int64_t local, rca_tz_span *cache);
/* The offset in force at UTC time `utc`. */
int32_t rca_tz_utc_offset(const rca_tz *tz, int64_t utc);

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

/* ---- JSON text (src/util/json.c) ---- */
/* Append s[0..n) to b as a JSON string. Bundle text may hold any bytes: invalid UTF-8 and NUL
 * bytes become U+FFFD (jansson refuses "\u0000", and the values are C strings once read back),
 * other control characters \u escapes. Returns RCA_ENOMEM. */
rca_err rca_json_str(rca_buf *b, const char *s, size_t n);
/* Append one member "name":"value" (value[0..n)) of a flat object: '{' before the first (*first
 * is 1 then, and 0 after), ',' before the others. Close with rca_json_end. Returns RCA_ENOMEM. */
rca_err rca_json_member(rca_buf *b, int *first, const char *name, const char *value, size_t n);
/* Close the object: "}", or "{}" when no member was added (first still 1). */
rca_err rca_json_end(rca_buf *b, int first);

#define RCA_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
