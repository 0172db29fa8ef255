/* parse_internal.h - what the command-output parsers of src/parse/ share and nobody else sees:
 * the parser entry points the registry (cmdout.c) lists, the helpers that hand rows to the
 * caller's rca_row_sink, and the reader of OVSDB's printed value syntax (`"str"`, `[a, b]`,
 * `{k=v}`) that both the `list` and the `show` parsers need. Not a public header: nothing outside
 * src/parse/ includes it.
 */
#ifndef RCA_PARSE_INTERNAL_H
#define RCA_PARSE_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "rca_parse.h"
#include "rca_util.h"

/* ---- parsers (signature of rca_cmd_parser.parse) ---- */
rca_err rca_parse_df(const char *path, const char *arg, const char *text, size_t len,
                     const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_free(const char *path, const char *arg, const char *text, size_t len,
                       const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_meminfo(const char *path, const char *arg, const char *text, size_t len,
                          const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_ovs_show(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_ovsdb_list(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_ovsdb_dump(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_sbctl_show(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_nbctl_show(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_ovsdb_file(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag);
/* the host-identity parsers of facts.c */
rca_err rca_parse_hostname(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_date(const char *path, const char *arg, const char *text, size_t len,
                       const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_timedatectl(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_timezone(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_uname(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_sos_version(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_nova_conf(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag);
/* the status parsers of sysinfo.c */
rca_err rca_parse_uptime(const char *path, const char *arg, const char *text, size_t len,
                         const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_lsmod(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag);
rca_err rca_parse_status_kv(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag);

/* ---- rows (cmdout.c) ---- */

/* Hand one row to the sink. A NULL sink (or one without a row function) drops the row, which is
 * what the fuzz targets use. Returns the sink's error. */
rca_err rca_parse_emit(const rca_row_sink *sink, const char *table, unsigned lineno, size_t ncols,
                       const char *const *cols, const rca_span *vals);

/* One row of the "ovsdb" table: (db, tbl, uuid, col, key, value). `key` and `value` may be
 * RCA_SPAN_NULL (SQL NULL). */
rca_err rca_parse_emit_ovsdb(const rca_row_sink *sink, unsigned lineno, const char *db,
                             rca_span tbl, rca_span uuid, rca_span col, rca_span key,
                             rca_span value);

/* Report lines a parser could not make sense of, once per entry rather than once per line:
 * "skipped <count> <what> (first at line <first>)". Nothing is sent when count is 0. */
void rca_parse_skipped(rca_diag *diag, const char *path, unsigned count, unsigned first,
                       const char *what);

/* The file name part of a bundle path (after the last '/'); "" for NULL. */
const char *rca_parse_basename(const char *path);

/* Counts skipped lines for rca_parse_skipped. */
typedef struct skip_count {
    unsigned n, first;
} skip_count;

static inline void skip_note(skip_count *s, unsigned lineno)
{
    if (s->n++ == 0)
        s->first = lineno;
}

static inline int is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline rca_span span_trim(rca_span s)
{
    while (s.n && is_blank_char(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n && is_blank_char(s.p[s.n - 1]))
        s.n--;
    return s;
}

/* 1 if s starts with the literal. */
static inline int span_starts(rca_span s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n >= n && memcmp(s.p, lit, n) == 0;
}

/* 1 if the text holds nothing but blanks and newlines: an empty capture (a command that timed
 * out), which is not worth a warning of its own. */
static inline int text_is_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank_char(text[i]) && text[i] != '\n')
            return 0;
    return 1;
}

/* Number of leading blanks (a tab counts as one: OVS indents with spaces only). */
static inline size_t span_indent(rca_span s)
{
    size_t i = 0;
    while (i < s.n && (s.p[i] == ' ' || s.p[i] == '\t'))
        i++;
    return i;
}

/* ---- OVSDB printed value syntax (ovsdb_text.c) ---- */

/* Called for each element of a printed OVSDB value, with unquoted text that lives until the
 * callback returns. `key.p == NULL` for a scalar or set element; `value.p == NULL` (and key NULL)
 * for an empty set `[]` or map `{}`. */
typedef rca_err (*ovsdb_elem_fn)(void *ctx, rca_span key, rca_span value);

/* Walk the value `p[0..n)` as ovs-vsctl / ovn-*ctl print it: a quoted string, a bare word, a
 * set `[a, "b c"]` or a map `{k=v, "k 2"="v"}`. Every element read is passed to fn, even when
 * the value turns out to be cut or ill-formed; then *malformed is set to 1. Returns fn's error
 * or RCA_ENOMEM. */
rca_err rca_parse_ovsdb_value(const char *p, size_t n, ovsdb_elem_fn fn, void *ctx,
                             int *malformed);

/* Unquote one printed atom (`"a \"b\""` -> `a "b"`, `word` -> `word`) into out (reset first,
 * NUL-terminated). Sets *malformed on an unterminated string or trailing text. */
rca_err rca_parse_ovsdb_unquote(const char *p, size_t n, rca_buf *out, int *malformed);

/* The database a `list` output belongs to when the path map gave none: from the command in the
 * file name (ovn-sbctl -> OVN_Southbound, ovn-nbctl -> OVN_Northbound, else Open_vSwitch). */
const char *rca_parse_ovsdb_guess_db(const char *path);

#endif
