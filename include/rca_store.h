/* rca_store.h - the analysis database: the only module that includes <sqlite3.h>. Third stage of
 * the pipeline: parsed rows go in through prepared statements inside one transaction; rules read
 * through SQL (checks) and the typed accessors below; `sosrca query` runs read-only SQL on a kept
 * database. Schema: src/store/schema.sql and the views in src/store/views.sql (README documents both).
 */
#ifndef RCA_STORE_H
#define RCA_STORE_H

#include "rca_parse.h"
#include "rca_util.h"

typedef struct rca_store rca_store;

/* Writing: the ingest-side calls below (bundle, host, file, link, line, row, hit) queue their
 * write and return; a writer thread applies the queue in order, and any call that reads or ends
 * the build waits for it first, so callers never see the difference except in speed. The ids they
 * return are final at once. An error of a queued write is returned by a later call (the next
 * write or read) and said once through diag. One thread at a time calls a store.
 *
 * Create a fresh database at `path`: NULL for a private temporary one (removed on close, memory
 * bounded by the page cache), ":memory:" for one held in memory. A file database is built under a
 * temporary name in the same folder and renamed into place by rca_store_commit; rca_store_free
 * without commit removes it. Fails with RCA_EIO if `path` exists and `overwrite` is 0.
 * On success *out owns the store. */
rca_err rca_store_create(const char *path, int overwrite, rca_diag *diag, rca_store **out);

/* Open an existing database read-only (for `sosrca query`); no writer thread. */
rca_err rca_store_open_readonly(const char *path, rca_diag *diag, rca_store **out);

/* After the bulk insert: build indexes and the views that checks query. */
rca_err rca_store_finish_ingest(rca_store *s);

/* After finish_ingest, on request: the full-text index `line_fts` (SQLite FTS5) over the raw text
 * of every stored line. Its content is line_data itself (nothing is stored twice) and its rowid is
 * the line's (`line_id` in the line and log views). Costs several times the inserts. */
rca_err rca_store_build_fts(rca_store *s);

/* Finish: commit, and move a file database into place. */
rca_err rca_store_commit(rca_store *s);

/* For a signal handler: remove the temporary file of a database being built, if any. Only
 * async-signal-safe calls. Returns 1 if a file was removed. */
int rca_store_discard_on_signal(void);

/* Close; removes an uncommitted temporary file. NULL is a no-op. */
void rca_store_free(rca_store *s);

/* Wait until every queued write is applied; returns the error of the first that failed, without
 * saying it (rca_store_errmsg gives its message), for a caller that wants to say it with its own
 * location. Other calls say a queued write's failure once through diag. */
rca_err rca_store_sync(rca_store *s);

/* The last error message: of a queued write that failed, else of SQLite (borrowed, valid until
 * the next call on s). */
const char *rca_store_errmsg(rca_store *s);

/* ---- ingest side ---- */
rca_err rca_store_add_bundle(rca_store *s, const char *path, int64_t *out_id);
rca_err rca_store_set_bundle_status(rca_store *s, int64_t bundle_id, const char *status,
                                    const char *message);
rca_err rca_store_add_host(rca_store *s, int64_t bundle_id, const char *report, int64_t *out_id);
/* Set one column of a host row (column names from the schema; unknown names: RCA_EINTERNAL). */
rca_err rca_store_set_host(rca_store *s, int64_t host_id, const char *column, const char *value);
rca_err rca_store_set_host_num(rca_store *s, int64_t host_id, const char *column, double value);
rca_err rca_store_add_file(rca_store *s, int64_t host_id, const char *path, const char *parser,
                           const char *service, const char *via, int64_t *out_id);
rca_err rca_store_finish_file(rca_store *s, int64_t file_id, int64_t bytes, int64_t lines,
                              double first_ts, double last_ts, const char *status);
rca_err rca_store_add_link(rca_store *s, int64_t host_id, const char *path, const char *target,
                           const char *resolved, const char *status);

/* One log line. ts < 0 means none. `rec` is the line number of the record's first line. */
typedef struct rca_line_row {
    int64_t file_id;
    int64_t lineno;
    double ts;
    rca_level level;             /* RCA_LVL_NONE when none */
    rca_span logger, req, greq, instance;
    int64_t pid;                 /* < 0: none */
    int64_t rec;
    size_t msg_off;
    rca_span raw;
} rca_line_row;
rca_err rca_store_add_line(rca_store *s, const rca_line_row *r);

/* A sink that inserts command-output rows for (host_id, file_id). The returned sink borrows s and
 * the two ids stay fixed until the next call. */
rca_row_sink rca_store_row_sink(rca_store *s, int64_t host_id, int64_t file_id);

/* Insert a generic row (what the sink does). */
rca_err rca_store_add_row(rca_store *s, int64_t host_id, int64_t file_id, const char *table,
                          unsigned lineno, size_t ncols, const char *const *cols,
                          const rca_span *vals);

/* ---- generic SQL for rules and `sosrca query` ---- */

/* Called once per result row with column names and text values (NULL for SQL NULL). Return
 * non-zero to stop. */
typedef int (*rca_row_fn)(void *ctx, int ncols, const char *const *names, const char *const *vals);

/* Run one SQL statement. `read_only` refuses statements that would write. On an SQL error the
 * message (with SQLite's text) goes to `diag` located at where:line and RCA_ESYNTAX is returned. */
rca_err rca_store_query(rca_store *s, const char *sql, int read_only, rca_row_fn fn, void *ctx,
                        rca_diag *diag, const char *where, unsigned line);

/* A result row with each column's value as text (NULL for SQL NULL) and as a number: ints[i] and
 * reals[i] are SQLite's integer and double of column i (0 for NULL or text that is no number).
 * Everything is borrowed for the call. */
typedef struct rca_row {
    int ncols;
    const char *const *names, *const *text;
    const int64_t *ints;
    const double *reals;
} rca_row;
/* Called once per result row; return non-zero to stop. */
typedef int (*rca_typed_row_fn)(void *ctx, const rca_row *row);

/* rca_store_query for read-only rule SQL, with typed rows: numbers (ids, times) come as numbers,
 * never printed and parsed back. */
rca_err rca_store_query_rows(rca_store *s, const char *sql, rca_typed_row_fn fn, void *ctx,
                             rca_diag *diag, const char *where, unsigned line);

/* Run SQL with no result rows (several statements allowed). */
rca_err rca_store_exec(rca_store *s, const char *sql);

/* Prepare-and-check an SQL text without running it (for rules lint). */
rca_err rca_store_check_sql(rca_store *s, const char *sql, rca_diag *diag, const char *where,
                            unsigned line);

/* The names of the result columns of an SQL text, prepared without running it: fn is called once
 * per column, in order (the name is borrowed for the call). RCA_ESYNTAX when it does not prepare
 * (rca_store_check_sql says why). */
rca_err rca_store_columns(rca_store *s, const char *sql, void (*fn)(void *ctx, const char *name),
                          void *ctx);

/* The same with text parameters bound to ?1..?n (never spliced into the SQL). */
rca_err rca_store_queryv(rca_store *s, const char *sql, size_t nparams, const char *const *params,
                         rca_row_fn fn, void *ctx, rca_diag *diag, const char *where,
                         unsigned line);

/* ---- the collection window ---- */

/* One log file with lines dated outside its host's collection window. Strings borrowed for the
 * call. Times are UTC epoch seconds. */
typedef struct rca_out_of_window {
    const char *bundle, *report, *path;
    int64_t host_id, file_id;
    double collected_at;
    int64_t n_after;             /* lines dated more than after_s past the collection */
    double after_first, after_last;
    int64_t n_before;            /* lines dated more than before_s before it */
    double before_first, before_last;
    int64_t hits;                /* rule hits on those lines, set aside */
} rca_out_of_window;

/* After finish_ingest: for every log file of a host whose collection time is known, find the
 * lines dated more than after_s after it or more than before_s before it, move the rule hits on
 * those lines from `hit` to `hit_outside` (so that they never become findings by themselves), and
 * call fn once per such file, in file order; a non-zero return of fn stops and is returned. */
rca_err rca_store_set_aside_out_of_window(rca_store *s, double after_s, double before_s,
                                          rca_err (*fn)(void *ctx, const rca_out_of_window *w),
                                          void *ctx);

/* ---- what the reports hold ---- */

/* *out = 1 if table or view `name` (letters, digits, '_') has a row, 0 if it has none. Unknown
 * names are RCA_ESYNTAX (said through diag at where:line). */
rca_err rca_store_has_rows(rca_store *s, const char *name, int *out, rca_diag *diag,
                           const char *where, unsigned line);
/* *out = 1 if some host has a log of `service` (as the layout map names it). */
rca_err rca_store_has_service(rca_store *s, const char *service, int *out);

/* ---- rules side ---- */
/* A rule match. host_id/file_id/lineno <= 0 and ts < 0 mean none; fields is a JSON object. */
rca_err rca_store_add_hit(rca_store *s, const char *rule, const char *grp, int64_t host_id,
                          int64_t file_id, int64_t lineno, double ts, const char *fields);
rca_err rca_store_add_finding(rca_store *s, const char *rule, const char *code, const char *cls,
                              const char *severity, int64_t host_id, const char *title,
                              double first_ts, double last_ts, int64_t count, const char *fields,
                              int64_t *out_id);
/* `text` is text_len bytes and may hold NUL bytes (a log line as written); it is stored whole. */
rca_err rca_store_add_evidence(rca_store *s, int64_t finding_id, int64_t host_id, int64_t file_id,
                               int64_t lineno, const char *text, size_t text_len);
rca_err rca_store_add_cause(rca_store *s, int64_t cause_id, int64_t effect_id, const char *key);

/* Hosts as stored (for the report and the rules engine). */
typedef struct rca_host_info {
    int64_t id;
    const char *report, *hostname, *fqdn, *roles, *tz, *kernel, *sos_version, *system_id;
    double collected_at; /* < 0 unknown */
    int64_t utc_offset;
    int has_offset;
} rca_host_info;
/* Calls fn once per host in id order; the strings are borrowed for the call only. A non-zero
 * return of fn stops the walk and is returned; a failed read is RCA_EDB (said through diag). */
rca_err rca_store_each_host(rca_store *s, rca_err (*fn)(void *ctx, const rca_host_info *h),
                            void *ctx);

/* The text of one stored line (for evidence), into out: out->n bytes, which may include NUL bytes
 * (a line is kept as written). Returns RCA_OK and an empty out if the line is unknown. */
rca_err rca_store_line_text(rca_store *s, int64_t file_id, int64_t lineno, rca_buf *out);
/* The path of a file row, and its host id. */
rca_err rca_store_file_info(rca_store *s, int64_t file_id, rca_buf *path, int64_t *host_id);

/* ---- the questions the rules engine and the analysis ask (queries.c) ----
 * Typed: ids and times go in as integer and double binds, never as text. Times are UTC epoch
 * seconds, -1 for none. Strings handed to a callback are borrowed for that call only; an rca_buf
 * out is reset and filled (the caller owns it); a char ** out is malloc'd, the caller frees it,
 * NULL when there is no such value. A failed read is RCA_EDB, said through the store's diag. */

/* The hits sharing one grouping key `grp` (a finding to be). */
typedef struct rca_hit_group {
    const char *grp, *rule;
    int64_t host_id;             /* the least host id of its hits, 0 for none */
    double first_ts, last_ts;
    int64_t count;
    int64_t first_hit;           /* the id of its first hit */
} rca_hit_group;
/* Calls fn once per group, in the order of their first hits; a non-zero return of fn stops the
 * walk and is returned. */
rca_err rca_store_each_hit_group(rca_store *s, rca_err (*fn)(void *ctx, const rca_hit_group *g),
                                 void *ctx);
/* The fields (a JSON object) of hit `hit_id`: "{}" when it has none. */
rca_err rca_store_hit_fields(rca_store *s, int64_t hit_id, rca_buf *out);

/* A stored line a hit cites. */
typedef struct rca_hit_place {
    int64_t file_id, lineno, host_id;
} rca_hit_place;
/* Group grp's evidence: its first `nfirst` hits that cite a line (dated min_ts or later when
 * min_ts >= 0), then its last one that cites a line, into out (room for nfirst + 1); *n is
 * how many. The last may repeat one of the first. */
rca_err rca_store_group_places(rca_store *s, const char *grp, double min_ts, size_t nfirst,
                               rca_hit_place *out, size_t *n);

/* A field's value a hit must have (`fields` holds name: value). */
typedef struct rca_field_eq {
    const char *name, *value;
} rca_field_eq;
/* The time of the first hit of rule `rule` on host host_id dated after ts whose fields hold every
 * pair of eq (marker_before: of the last one dated before ts); *out -1 when there is none. */
rca_err rca_store_marker_after(rca_store *s, const char *rule, int64_t host_id, double ts,
                               const rca_field_eq *eq, size_t neq, double *out);
rca_err rca_store_marker_before(rca_store *s, const char *rule, int64_t host_id, double ts,
                                const rca_field_eq *eq, size_t neq, double *out);
/* The part of group grp after time `after`: *first_ts its first hit dated after it (-1 when there
 * is none) and, when there is one, *count its hits dated first_ts or later and `fields` the fields
 * of the first of those (by id). */
rca_err rca_store_group_since(rca_store *s, const char *grp, double after, double *first_ts,
                              int64_t *count, rca_buf *fields);

/* The value of fact `key` of a host (the first by file). */
rca_err rca_store_fact(rca_store *s, int64_t host_id, const char *key, char **out);
/* The report name a host was added with. */
rca_err rca_store_host_report(rca_store *s, int64_t host_id, char **out);
/* After finish_ingest: each host's Open vSwitch system-id, from its ovsdb rows. */
rca_err rca_store_set_system_ids(rca_store *s);

/* The offset (seconds east of UTC) of local times below `hi` (and not below the previous span's). */
typedef struct rca_offset_span {
    int64_t hi;
    int32_t offset;
} rca_offset_span;
/* Redo the times of log file file_id, made UTC with the fixed offset read_offset before its
 * host's zone was known: a stored time t was local time t + read_offset, and becomes
 * t + read_offset - the offset of the span holding that local time (spans in order; the last one
 * holds every later time, its hi unused). Its lines, its rule hits and the file's first and last
 * times change; nothing else. */
rca_err rca_store_retime_file(rca_store *s, int64_t file_id, int64_t read_offset,
                              const rca_offset_span *spans, size_t nspans);

/* Move every time of log file file_id (its lines, its rule hits, the file's first and last
 * times) by delta_s seconds; with dated == 0, make them undated instead (NULL). For the kernel's
 * seconds since boot, read before the host's boot time was known. */
rca_err rca_store_shift_file(rca_store *s, int64_t file_id, int dated, double delta_s);

/* Transactions for long writes outside the build (findings). */
rca_err rca_store_begin(rca_store *s);
rca_err rca_store_end(rca_store *s);

/* The SQLite this binary runs with, for `sosrca --version` (e.g. "SQLite 1.2.3"). Static
 * storage, valid for the life of the process. */
const char *rca_store_lib_version(void);

#endif
