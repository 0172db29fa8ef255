/* cmdout.c - the registry of command-output parsers (parse stage: one bundle entry in, rows out)
 * and the parsers of the host-resource outputs: `df` (blocks and inodes, with or without a Type
 * column, human sizes), `free` (procps old and new layouts, any unit) and /proc/meminfo. Each
 * turns the text sos captured into rows of the "df" and "mem" tables through an rca_row_sink;
 * the OVS/OVN parsers live in ovs_show.c, ovsdb_text.c and ovsdb_file.c. Inputs are untrusted,
 * not NUL-terminated and often cut short, so every scan is bounded by the length given and what
 * cannot be read is skipped with one warning per entry.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"
#include "rca_parse.h"

/* ------------------------------------------------------------------ registry */

static const rca_cmd_parser parsers[] = {
    {"df", rca_parse_df},
    {"free", rca_parse_free},
    {"meminfo", rca_parse_meminfo},
    {"ovs-vsctl-show", rca_parse_ovs_show},
    {"ovsdb-list", rca_parse_ovsdb_list},
    {"ovsdb-dump", rca_parse_ovsdb_dump},
    {"ovn-sbctl-show", rca_parse_sbctl_show},
    {"ovn-nbctl-show", rca_parse_nbctl_show},
    {"ovsdb-file", rca_parse_ovsdb_file},
    {"hostname", rca_parse_hostname},
    {"date", rca_parse_date},
    {"timedatectl", rca_parse_timedatectl},
    {"timezone", rca_parse_timezone},
    {"uname", rca_parse_uname},
    {"sos-version", rca_parse_sos_version},
    {"nova-conf", rca_parse_nova_conf},
    {"uptime", rca_parse_uptime},
    {"lsmod", rca_parse_lsmod},
    {"status-kv", rca_parse_status_kv},
    {NULL, NULL},
};

const rca_cmd_parser *rca_parse_find(const char *name)
{
    if (!name)
        return NULL;
    for (const rca_cmd_parser *p = parsers; p->name; p++)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}

const rca_cmd_parser *rca_parse_all(void)
{
    return parsers;
}

rca_err rca_parse_command(const char *name, const char *path, const char *arg, const char *text,
                          size_t len, const rca_row_sink *sink, rca_diag *diag)
{
    const rca_cmd_parser *p = rca_parse_find(name);
    if (!p) {
        rca_diagf(diag, RCA_DIAG_ERROR, NULL, path, 0, 0, NULL, "no command-output parser named '%s'",
                  name ? name : "(null)");
        return RCA_EINTERNAL;
    }
    if (!text)
        len = 0;
    return p->parse(path, arg, text, len, sink, diag);
}

/* ------------------------------------------------------------------ shared helpers */

rca_err rca_parse_emit(const rca_row_sink *sink, const char *table, unsigned lineno, size_t ncols,
                       const char *const *cols, const rca_span *vals)
{
    if (!sink || !sink->row)
        return RCA_OK;
    return sink->row(sink->ctx, table, lineno, ncols, cols, vals);
}

rca_err rca_parse_emit_ovsdb(const rca_row_sink *sink, unsigned lineno, const char *db,
                             rca_span tbl, rca_span uuid, rca_span col, rca_span key,
                             rca_span value)
{
    static const char *const cols[] = {"db", "tbl", "uuid", "col", "key", "value"};
    rca_span vals[6] = {rca_span_cstr(db), tbl, uuid, col, key, value};
    return rca_parse_emit(sink, "ovsdb", lineno, 6, cols, vals);
}

void rca_parse_skipped(rca_diag *diag, const char *path, unsigned count, unsigned first,
                       const char *what)
{
    if (count == 0)
        return;
    rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, first, 0, NULL,
              "skipped %u %s (first at line %u)", count, what, first);
}

const char *rca_parse_basename(const char *path)
{
    if (!path)
        return "";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Split a line at blanks into at most max tokens; returns how many were found. Tokens past max
 * are not counted: callers take the rest of the line from a token's start when they need it. */
static size_t tokenize(rca_span line, rca_span *tok, size_t max)
{
    size_t n = 0, i = 0;
    while (i < line.n && n < max) {
        while (i < line.n && is_blank_char(line.p[i]))
            i++;
        if (i >= line.n)
            break;
        size_t start = i;
        while (i < line.n && !is_blank_char(line.p[i]))
            i++;
        tok[n++] = rca_span_make(line.p + start, i - start);
    }
    return n;
}

/* An amount as df and free print it: "123", "1.5", with an optional unit suffix ("K", "Gi",
 * "MB", "B"). On success *num is the number, *pow the suffix's power (0 for "B", 1 for K, ...,
 * -1 for no suffix) and *base 1000 for SI suffixes ("kB", "MB"), else 1024. */
static int parse_amount(rca_span t, long double *num, int *pow, long double *base)
{
    size_t i = 0;
    long double v = 0;
    int digits = 0;
    while (i < t.n && t.p[i] >= '0' && t.p[i] <= '9') {
        v = v * 10 + (t.p[i] - '0');
        i++;
        digits++;
    }
    if (i < t.n && (t.p[i] == '.' || t.p[i] == ',')) {
        long double scale = 0.1L;
        i++;
        while (i < t.n && t.p[i] >= '0' && t.p[i] <= '9') {
            v += (t.p[i] - '0') * scale;
            scale /= 10;
            i++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    *num = v;
    *pow = -1;
    *base = 1024;
    if (i == t.n)
        return 1;
    static const char units[] = "BKMGTPE";
    char u = t.p[i] == 'k' ? 'K' : t.p[i];
    const char *at = strchr(units, u);
    if (!at || u == '\0')
        return 0;
    *pow = (int)(at - units);
    i++;
    if (i < t.n && t.p[i] == 'i') {
        i++;
    } else if (i < t.n && t.p[i] == 'B' && *pow > 0) {
        *base = 1000;
        i++;
    }
    return i == t.n;
}

static long double ipow(long double b, int e)
{
    long double r = 1;
    while (e-- > 0)
        r *= b;
    return r;
}

/* Decimal text of a non-negative amount, rounded; "" (NULL) when it is out of any sane range. */
static void fmt_amount(long double v, char out[32])
{
    if (!(v >= 0 && v < 1e19L)) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 32, "%llu", (unsigned long long)(v + 0.5L));
}

static rca_span num_span(const char *s)
{
    return s[0] ? rca_span_cstr(s) : RCA_SPAN_NULL;
}

/* ------------------------------------------------------------------ df */

typedef struct df_layout {
    int valid;
    int inodes;       /* Inodes IUsed IFree IUse% */
    int has_type;     /* -T: a Type column after Filesystem */
    long double unit; /* bytes per block: "<n>-blocks"; 1 for -h ("Size": bare values are bytes) */
} df_layout;

/* Read the header line ("Filesystem [Type] 1K-blocks|Size|Inodes Used Available Use% Mounted
 * on"). Returns 0 when it is not a df header we know. */
static int df_header(rca_span line, df_layout *lay)
{
    rca_span tok[16];
    size_t n = tokenize(line, tok, 16);
    memset(lay, 0, sizeof *lay);
    if (n < 2 || !rca_span_eq(tok[0], "Filesystem"))
        return 0;
    size_t i = 1;
    if (rca_span_eq(tok[i], "Type")) {
        lay->has_type = 1;
        i++;
    }
    if (i >= n)
        return 0;
    rca_span size = tok[i];
    if (rca_span_eq(size, "Inodes")) {
        lay->inodes = 1;
        lay->unit = 1;
    } else if (rca_span_eq(size, "Size")) {
        lay->unit = 1;
    } else if (size.n > 7 && memcmp(size.p + size.n - 7, "-blocks", 7) == 0) {
        long double num, base;
        int pow;
        if (!parse_amount(rca_span_make(size.p, size.n - 7), &num, &pow, &base))
            return 0;
        lay->unit = num * (pow < 0 ? 1 : ipow(base, pow));
        if (lay->unit <= 0)
            return 0;
    } else {
        return 0;
    }
    lay->valid = 1;
    return 1;
}

static int pct_like(rca_span t)
{
    if (rca_span_eq(t, "-"))
        return 1;
    if (t.n < 2 || t.p[t.n - 1] != '%')
        return 0;
    for (size_t i = 0; i + 1 < t.n; i++)
        if (t.p[i] < '0' || t.p[i] > '9')
            return 0;
    return 1;
}

static int amount_like(rca_span t)
{
    long double num, base;
    int pow;
    return rca_span_eq(t, "-") || parse_amount(t, &num, &pow, &base);
}

/* One df value in the table's unit (1K blocks or inodes) into out; "" (NULL) for "-". */
static void df_value(const df_layout *lay, rca_span t, char out[32])
{
    long double num, base;
    int pow;
    out[0] = '\0';
    if (rca_span_eq(t, "-") || !parse_amount(t, &num, &pow, &base))
        return;
    long double v;
    if (lay->inodes)
        v = pow < 0 ? num : num * ipow(base, pow);
    else if (pow >= 0)
        v = num * ipow(base, pow) / 1024;
    else
        v = num * lay->unit / 1024;
    fmt_amount(v, out);
}

/* Find the columns of one data row. `tok` are the tokens after the filesystem name when
 * fs_given (a wrapped row), else of the whole line. The filesystem may contain blanks, so the
 * row is anchored on the first Use% token that follows three amounts; the mount point is the
 * rest of the line after it. */
static int df_split(const df_layout *lay, const rca_span *tok, size_t n, int fs_given,
                    size_t *pct_at)
{
    size_t first = (fs_given ? 0 : 1) + (size_t)lay->has_type + 3;
    for (size_t i = first; i + 1 < n; i++) {
        if (pct_like(tok[i]) && amount_like(tok[i - 1]) && amount_like(tok[i - 2]) &&
            amount_like(tok[i - 3])) {
            *pct_at = i;
            return 1;
        }
    }
    return 0;
}

static rca_err df_emit(const df_layout *lay, const rca_row_sink *sink, unsigned lineno,
                       rca_span fs, const rca_span *tok, size_t pct, rca_span line_rest)
{
    static const char *const cols[] = {"kind", "filesystem", "fstype", "total",
                                       "used", "avail",      "use_pct", "mount"};
    char total[32], used[32], avail[32];
    df_value(lay, tok[pct - 3], total);
    df_value(lay, tok[pct - 2], used);
    df_value(lay, tok[pct - 1], avail);
    rca_span use_pct = RCA_SPAN_NULL;
    if (!rca_span_eq(tok[pct], "-"))
        use_pct = rca_span_make(tok[pct].p, tok[pct].n - 1);
    rca_span vals[8] = {
        rca_span_cstr(lay->inodes ? "inodes" : "blocks"),
        fs,
        lay->has_type ? tok[pct - 4] : RCA_SPAN_NULL,
        num_span(total),
        num_span(used),
        num_span(avail),
        use_pct,
        line_rest,
    };
    return rca_parse_emit(sink, "df", lineno, 8, cols, vals);
}

/* The text from token t to the end of the line, without trailing blanks. */
static rca_span rest_from(rca_span line, rca_span t)
{
    return span_trim(rca_span_make(t.p, (size_t)(line.p + line.n - t.p)));
}

rca_err rca_parse_df(const char *path, const char *arg, const char *text, size_t len,
                     const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    rca_err rc = RCA_OK;
    df_layout lay = {0};
    skip_count skip = {0};
    rca_lines it;
    rca_span line;
    rca_span tok[64];
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line)) {
        rca_span t = span_trim(line);
        if (t.n == 0)
            continue;
        if (span_starts(t, "Filesystem ")) {
            if (!df_header(t, &lay))
                skip_note(&skip, it.lineno);
            continue;
        }
        if (!lay.valid) {
            skip_note(&skip, it.lineno);
            continue;
        }
        unsigned lineno = it.lineno;
        size_t n = tokenize(line, tok, RCA_ARRAY_LEN(tok)), pct;
        if (df_split(&lay, tok, n, 0, &pct)) {
            size_t fs_last = pct - 4 - (size_t)lay.has_type;
            rca_span fs = rca_span_make(tok[0].p, (size_t)(tok[fs_last].p + tok[fs_last].n - tok[0].p));
            rc = df_emit(&lay, sink, lineno, fs, tok, pct, rest_from(line, tok[pct + 1]));
            if (rc)
                goto done;
            continue;
        }
        /* Old df wraps a long filesystem name: the name alone, the numbers indented below. */
        rca_span next;
        if (!is_blank_char(line.p[0]) && rca_lines_peek(&it, &next) && next.n &&
            is_blank_char(next.p[0])) {
            size_t n2 = tokenize(next, tok, RCA_ARRAY_LEN(tok));
            if (df_split(&lay, tok, n2, 1, &pct)) {
                rca_lines_next(&it, &next);
                rc = df_emit(&lay, sink, lineno, t, tok, pct, rest_from(next, tok[pct + 1]));
                if (rc)
                    goto done;
                continue;
            }
        }
        skip_note(&skip, lineno);
    }
    rca_parse_skipped(diag, path, skip.n, skip.first, "unreadable df line(s)");
done:
    return rc;
}

/* ------------------------------------------------------------------ free */

enum { MEM_TOTAL, MEM_USED, MEM_FREE, MEM_SHARED, MEM_BUFFCACHE, MEM_BUFFERS, MEM_CACHED,
       MEM_AVAILABLE, MEM_NCOLS };

typedef struct amount {
    int set;
    long double kb;
} amount;

/* The unit of a `free` output without suffixes, in KiB, from the command in the file name:
 * sos names `free -m` "free_-m". */
static long double free_unit(const char *path)
{
    const char *b = rca_parse_basename(path);
    if (strstr(b, "_-b") || strstr(b, "--bytes"))
        return 1.0L / 1024;
    if (strstr(b, "_-m") || strstr(b, "--mega") || strstr(b, "--mebi"))
        return 1024;
    if (strstr(b, "_-g") || strstr(b, "--giga") || strstr(b, "--gibi"))
        return 1024.0L * 1024;
    if (strstr(b, "--tera") || strstr(b, "--tebi"))
        return 1024.0L * 1024 * 1024;
    return 1;
}

static int free_amount(rca_span t, long double unit, amount *out)
{
    long double num, base;
    int pow;
    if (!parse_amount(t, &num, &pow, &base))
        return 0;
    out->set = 1;
    out->kb = pow < 0 ? num * unit : num * ipow(base, pow) / 1024;
    return 1;
}

static int free_column(rca_span name)
{
    static const char *const names[MEM_NCOLS] = {"total",  "used",   "free",
                                                 "shared", "buff/cache", "buffers",
                                                 "cached", "available"};
    for (int i = 0; i < MEM_NCOLS; i++)
        if (rca_span_eq(name, names[i]))
            return i;
    if (rca_span_eq(name, "cache")) /* free -w */
        return MEM_CACHED;
    return -1;
}

static rca_span amount_text(const amount *a, char out[32])
{
    out[0] = '\0';
    if (a->set)
        fmt_amount(a->kb, out);
    return num_span(out);
}

static rca_err emit_mem(const rca_row_sink *sink, const char *source, unsigned lineno,
                        const amount v[8])
{
    static const char *const cols[] = {"source",    "total_kb",     "used_kb",
                                       "free_kb",   "shared_kb",    "cache_kb",
                                       "available_kb", "swap_total_kb", "swap_free_kb"};
    char txt[8][32];
    rca_span vals[9];
    vals[0] = rca_span_cstr(source);
    for (int i = 0; i < 8; i++)
        vals[i + 1] = amount_text(&v[i], txt[i]);
    return rca_parse_emit(sink, "mem", lineno, 9, cols, vals);
}

rca_err rca_parse_free(const char *path, const char *arg, const char *text, size_t len,
                       const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    rca_err rc = RCA_OK;
    long double unit = free_unit(path);
    int colmap[16];
    size_t ncol = 0;
    amount mem[MEM_NCOLS] = {{0}}, swap_total = {0}, swap_free = {0}, adj_used = {0};
    unsigned mem_line = 0, bad = 0;
    skip_count skip = {0};
    rca_lines it;
    rca_span line, tok[16];
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line)) {
        size_t n = tokenize(line, tok, RCA_ARRAY_LEN(tok));
        if (n == 0)
            continue;
        if (rca_span_eq(tok[0], "total")) {
            ncol = n;
            for (size_t i = 0; i < n; i++)
                colmap[i] = free_column(tok[i]);
            continue;
        }
        if (rca_span_eq(tok[0], "Mem:")) {
            if (!ncol) {
                skip_note(&skip, it.lineno);
                continue;
            }
            mem_line = it.lineno;
            for (size_t i = 1; i < n && i - 1 < ncol; i++) {
                int c = colmap[i - 1];
                amount a = {0};
                if (!free_amount(tok[i], unit, &a)) {
                    bad++;
                    continue;
                }
                if (c >= 0)
                    mem[c] = a;
            }
            continue;
        }
        if (rca_span_eq(tok[0], "Swap:")) {
            /* Swap has total, used, free: the first three header columns. */
            if (n > 1)
                bad += !free_amount(tok[1], unit, &swap_total);
            if (n > 3)
                bad += !free_amount(tok[3], unit, &swap_free);
            continue;
        }
        if (rca_span_eq(tok[0], "-/+") && n >= 4) {
            bad += !free_amount(tok[2], unit, &adj_used);
            continue;
        }
        if (n && tok[0].n && tok[0].p[tok[0].n - 1] == ':')
            continue; /* Low:, High:, Total: (free -l / -t) */
        skip_note(&skip, it.lineno);
    }
    if (bad)
        rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, mem_line, 0, NULL,
                  "skipped %u unreadable value(s) in the free output", bad);
    if (!mem_line) {
        if (!text_is_blank(text, len))
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, 0, 0, NULL,
                      "no \"Mem:\" line in the free output; no memory row");
        rca_parse_skipped(diag, path, skip.n, skip.first, "unrecognised free line(s)");
        goto done;
    }
    amount row[8] = {mem[MEM_TOTAL], mem[MEM_USED], mem[MEM_FREE], mem[MEM_SHARED], {0},
                     mem[MEM_AVAILABLE], swap_total, swap_free};
    int old_layout = mem[MEM_CACHED].set && !mem[MEM_BUFFCACHE].set && !mem[MEM_AVAILABLE].set;
    if (mem[MEM_BUFFCACHE].set)
        row[4] = mem[MEM_BUFFCACHE];
    else if (mem[MEM_BUFFERS].set || mem[MEM_CACHED].set)
        row[4] = (amount){1, mem[MEM_BUFFERS].kb + mem[MEM_CACHED].kb};
    /* The old layout's "used" counts buffers and cache; the new one does not. Report the new
     * meaning everywhere (the "-/+ buffers/cache" figure), so that free and meminfo agree. */
    if (old_layout) {
        if (adj_used.set)
            row[1] = adj_used;
        else if (row[1].set)
            row[1].kb -= row[4].kb;
    }
    rc = emit_mem(sink, "free", mem_line, row);
    if (rc)
        goto done;
    rca_parse_skipped(diag, path, skip.n, skip.first, "unrecognised free line(s)");
done:
    return rc;
}

/* ------------------------------------------------------------------ meminfo */

rca_err rca_parse_meminfo(const char *path, const char *arg, const char *text, size_t len,
                          const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    enum { M_TOTAL, M_FREE, M_AVAIL, M_BUFFERS, M_CACHED, M_SHMEM, M_SWAPTOTAL, M_SWAPFREE, M_N };
    static const char *const keys[M_N] = {"MemTotal", "MemFree", "MemAvailable", "Buffers",
                                          "Cached",   "Shmem",   "SwapTotal",    "SwapFree"};
    amount v[M_N] = {{0}};
    unsigned first = 0;
    skip_count skip = {0};
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line)) {
        const char *colon = memchr(line.p, ':', line.n);
        if (!colon) {
            if (span_trim(line).n)
                skip_note(&skip, it.lineno);
            continue;
        }
        rca_span key = rca_span_make(line.p, (size_t)(colon - line.p));
        int k = -1;
        for (int i = 0; i < M_N; i++)
            if (rca_span_eq(key, keys[i]))
                k = i;
        if (k < 0)
            continue;
        rca_span rest = span_trim(rca_span_make(colon + 1, (size_t)(line.p + line.n - colon - 1)));
        rca_span tok[2];
        size_t n = tokenize(rest, tok, 2);
        long double num, base;
        int pow;
        /* Values are in kB (KiB); accept a bare number too, as some containers print one. */
        if (n == 0 || !parse_amount(tok[0], &num, &pow, &base) || pow >= 0 ||
            (n == 2 && !rca_span_eq(tok[1], "kB"))) {
            skip_note(&skip, it.lineno);
            continue;
        }
        v[k] = (amount){1, num};
        if (k == M_TOTAL)
            first = it.lineno;
    }
    rca_err rc = RCA_OK;
    if (!v[M_TOTAL].set) {
        if (!text_is_blank(text, len))
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, 0, 0, NULL,
                      "no MemTotal in meminfo; no memory row");
        goto done;
    }
    amount used = {0}, cache = {0};
    if (v[M_BUFFERS].set && v[M_CACHED].set) {
        cache = (amount){1, v[M_BUFFERS].kb + v[M_CACHED].kb};
        if (v[M_FREE].set && v[M_TOTAL].kb >= v[M_FREE].kb + cache.kb)
            used = (amount){1, v[M_TOTAL].kb - v[M_FREE].kb - cache.kb};
    }
    amount row[8] = {v[M_TOTAL], used, v[M_FREE], v[M_SHMEM], cache, v[M_AVAIL], v[M_SWAPTOTAL],
                     v[M_SWAPFREE]};
    rc = emit_mem(sink, "meminfo", first, row);
done:
    rca_parse_skipped(diag, path, skip.n, skip.first, "unreadable meminfo line(s)");
    return rc;
}
