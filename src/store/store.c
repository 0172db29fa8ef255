/* store.c - the analysis database (SQLite). A fresh database is built under a temporary name in
 * the target folder with journalling and syncing off (nothing to protect until it is complete),
 * inside one transaction, with every statement prepared once. Indexes and views are made after the
 * bulk insert. Third stage of the pipeline; the only file that includes <sqlite3.h>.
 */
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"
#include "store/schema.h"

/* The temporary file being built, for rca_store_discard_on_signal (one build at a time). */
static char building_path[4096];
static volatile sig_atomic_t building;

int rca_store_discard_on_signal(void)
{
    if (!building)
        return 0;
    building = 0;
    return unlink(building_path) == 0;
}

const char *rca_store_errmsg(rca_store *s)
{
    if (s && !s->read_only && rca_store_sync(s) && s->werr)
        return s->werr_msg; /* a queued write failed */
    return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

/* SQL functions for rules: hostmatch(a, b) is 1 when two host names name the same machine
 * (equal, or equal first labels: "cmp-1" and "cmp-1.example.com"); shortname(a) is the first
 * label. */
static void fn_hostmatch(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *a = (const char *)sqlite3_value_text(argv[0]);
    const char *b = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, rca_host_equiv(a, b));
}

static void fn_shortname(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *a = (const char *)sqlite3_value_text(argv[0]);
    if (!a) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, a, (int)strcspn(a, "."), SQLITE_TRANSIENT);
}

static rca_err register_functions(rca_store *s)
{
    /* no ATTACH: SQL from a rule pack or `sosrca query` must not create or read other files
     * (sqlite3_stmt_readonly() counts ATTACH as read-only) */
    sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_function(s->db, "hostmatch", 2, flags, NULL, fn_hostmatch, NULL, NULL) ||
        sqlite3_create_function(s->db, "shortname", 1, flags, NULL, fn_shortname, NULL, NULL))
        return store_db_fail(s, "cannot register SQL functions");
    return RCA_OK;
}

rca_err rca_store_exec(rca_store *s, const char *sql)
{
    char *err = NULL;
    rca_err rc = store_drain(s);
    if (rc)
        return rc;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        rca_diagf(s->diag, RCA_DIAG_ERROR, s->path ? s->path : "database", NULL, 0, 0, NULL,
                  "SQL failed: %s", err ? err : sqlite3_errmsg(s->db));
        sqlite3_free(err);
        return RCA_EDB;
    }
    return RCA_OK;
}

rca_err store_prepare_drained(rca_store *s, const char *sql, sqlite3_stmt **st)
{
    rca_err rc = store_drain(s);
    if (rc)
        return rc;
    if (store_prepare(s, sql, st))
        return store_db_fail(s, "cannot prepare a statement");
    return RCA_OK;
}

void rca_store_free(rca_store *s)
{
    if (!s)
        return;
    store_writer_free(s); /* the thread first: it may hold the connection */
    store_finalize_statements(s);
    if (s->db)
        sqlite3_close(s->db);
    if (s->tmp && !s->committed) {
        building = 0;
        unlink(s->tmp);
    }
    free(s->tmp);
    free(s->path);
    free(s);
}

/* SQLite's process-wide settings, before its first use: no mutexes (a connection is used by one
 * thread at a time, as internal.h says), no memory statistics (they take a global lock on every
 * allocation). */
static void global_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void configure_once(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, global_config);
}

rca_err rca_store_create(const char *path, int overwrite, rca_diag *diag, rca_store **out)
{
    configure_once();
    rca_err rc = RCA_OK;
    rca_store *s = calloc(1, sizeof *s);
    if (!s)
        return RCA_ENOMEM;
    s->diag = diag;
    /* No path: SQLite's private temporary database, which lives in the page cache and spills to
     * an unlinked file, so that memory stays bounded whatever the bundle's size. */
    const char *open_path = path && strcmp(path, ":memory:") == 0 ? ":memory:" : "";
    if (path && strcmp(path, ":memory:") != 0) {
        struct stat st;
        if (!overwrite && lstat(path, &st) == 0) {
            rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL,
                      "already exists; not overwritten (use --force to replace it)");
            rc = RCA_EIO;
            goto fail;
        }
        s->path = strdup(path);
        size_t n = strlen(path) + 32;
        s->tmp = malloc(n);
        if (!s->path || !s->tmp) {
            rc = RCA_ENOMEM;
            goto fail;
        }
        snprintf(s->tmp, n, "%s.tmp-%ld", path, (long)getpid());
        unlink(s->tmp);
        open_path = s->tmp;
        if (strlen(s->tmp) < sizeof building_path) {
            memcpy(building_path, s->tmp, strlen(s->tmp) + 1);
            building = 1;
        }
    }
    /* one thread uses the connection: no mutexes */
    if (sqlite3_open_v2(open_path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rca_diagf(diag, RCA_DIAG_ERROR, path ? path : "database", NULL, 0, 0, NULL,
                  "cannot create the database: %s",
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        rc = RCA_EDB;
        goto fail;
    }
    /* 64 KiB pages: a 4 KiB page wastes about half a line at its end, 4% of the database */
    if ((rc = rca_store_exec(s, "PRAGMA page_size=65536; PRAGMA journal_mode=OFF;"
                                "PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
                                "PRAGMA cache_size=-65536;"
                                "PRAGMA foreign_keys=OFF;")) ||
        (rc = register_functions(s)) || (rc = rca_store_exec(s, "BEGIN")))
        goto fail;
    s->in_txn = 1;
    if ((rc = rca_store_exec(s, rca_schema_sql)))
        goto fail;
    if ((rc = store_writer_init(s))) {
        if (rc == RCA_EDB)
            store_db_fail(s, "cannot prepare the inserts");
        goto fail;
    }
    *out = s;
    return RCA_OK;
fail:
    rca_store_free(s);
    return rc;
}

rca_err rca_store_open_readonly(const char *path, rca_diag *diag, rca_store **out)
{
    configure_once();
    rca_store *s = calloc(1, sizeof *s);
    if (!s)
        return RCA_ENOMEM;
    s->diag = diag;
    s->read_only = 1;
    s->path = strdup(path);
    if (!s->path) {
        rca_store_free(s);
        return RCA_ENOMEM;
    }
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "cannot open the database: %s",
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        rca_store_free(s);
        return RCA_EDB;
    }
    /* a file that is not a database fails only at the first read: check now */
    rca_err rc = rca_store_exec(s, "PRAGMA query_only=1; SELECT count(*) FROM sqlite_master;");
    if (!rc)
        rc = register_functions(s);
    if (rc) {
        rca_store_free(s);
        return rc;
    }
    *out = s;
    return RCA_OK;
}

rca_err rca_store_finish_ingest(rca_store *s)
{
    static const char indexes[] =
        "CREATE INDEX word_text ON word(text);"

        "CREATE INDEX ovsdb_lookup ON ovsdb(db, tbl, col, value);"
        "CREATE INDEX ovsdb_row ON ovsdb(host_id, db, tbl, uuid);"
        "CREATE INDEX hit_rule ON hit(rule);"
        "CREATE INDEX fact_key ON fact(key);";
    rca_err rc = rca_store_exec(s, indexes);
    if (!rc)
        rc = rca_store_exec(s, rca_views_sql);

    return rc;
}

rca_err rca_store_build_fts(rca_store *s)
{
    return rca_store_exec(s, "CREATE VIRTUAL TABLE line_fts USING fts5(raw, content='line_data',"
                             " content_rowid='rowid');"
                             "INSERT INTO line_fts(line_fts) VALUES('rebuild');");
}

rca_err rca_store_commit(rca_store *s)
{
    rca_err rc = RCA_OK;
    if (s->in_txn) {
        if ((rc = rca_store_exec(s, "COMMIT")))
            return rc;
        s->in_txn = 0;
    }
    if (!s->tmp)
        return RCA_OK;
    /* close before the rename so that everything is on disk under the final name */
    store_writer_free(s);
    store_finalize_statements(s);
    if (sqlite3_close(s->db) != SQLITE_OK)
        return store_db_fail(s, "cannot close the database");
    s->db = NULL;
    building = 0;
    if (rename(s->tmp, s->path) != 0) {
        rca_diagf(s->diag, RCA_DIAG_ERROR, s->path, NULL, 0, 0, NULL,
                  "cannot move the database into place: %s", strerror(errno));
        return RCA_EIO;
    }
    s->committed = 1;
    return RCA_OK;
}

rca_err rca_store_begin(rca_store *s)
{
    if (s->in_txn)
        return RCA_OK;
    rca_err rc = rca_store_exec(s, "BEGIN");
    if (!rc)
        s->in_txn = 1;
    return rc;
}

rca_err rca_store_end(rca_store *s)
{
    if (!s->in_txn)
        return RCA_OK;
    rca_err rc = rca_store_exec(s, "COMMIT");
    if (!rc)
        s->in_txn = 0;
    return rc;
}

/* ------------------------------------------------------------------ inserts */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static rca_err step_done(rca_store *s, sqlite3_stmt *st, const char *what)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (r != SQLITE_DONE)
        return store_db_fail(s, what);
    return RCA_OK;
}

/* ------------------------------------------------------------------ queries */

static const char *first_line(const char *sql, char *buf, size_t n)
{
    size_t i = 0;
    while (sql[i] && sql[i] != '\n' && i + 1 < n) {
        buf[i] = sql[i];
        i++;
    }
    buf[i] = '\0';
    return buf;
}

/* Who gets the rows of run_query: text values (fn), or typed ones (tfn). */
typedef struct row_out {
    rca_row_fn fn;
    rca_typed_row_fn tfn;
    void *ctx;
} row_out;

static rca_err run_query(rca_store *s, const char *sql, int read_only, size_t nparams,
                         const char *const *params, row_out out, rca_diag *diag,
                         const char *where, unsigned line);

rca_err rca_store_query(rca_store *s, const char *sql, int read_only, rca_row_fn fn, void *ctx,
                        rca_diag *diag, const char *where, unsigned line)
{
    return run_query(s, sql, read_only, 0, NULL, (row_out){fn, NULL, ctx}, diag, where, line);
}

rca_err rca_store_queryv(rca_store *s, const char *sql, size_t nparams, const char *const *params,
                         rca_row_fn fn, void *ctx, rca_diag *diag, const char *where,
                         unsigned line)
{
    return run_query(s, sql, 1, nparams, params, (row_out){fn, NULL, ctx}, diag, where, line);
}

rca_err rca_store_query_rows(rca_store *s, const char *sql, rca_typed_row_fn fn, void *ctx,
                             rca_diag *diag, const char *where, unsigned line)
{
    return run_query(s, sql, 1, 0, NULL, (row_out){NULL, fn, ctx}, diag, where, line);
}

static rca_err run_query(rca_store *s, const char *sql, int read_only, size_t nparams,
                         const char *const *params, row_out out, rca_diag *diag,
                         const char *where, unsigned line)
{
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    char src[256];
    rca_err drc = store_drain(s);
    if (drc)
        return drc;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, &tail) != SQLITE_OK) {
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, first_line(sql, src, sizeof src),
                  "SQL: %s", sqlite3_errmsg(s->db));
        return RCA_ESYNTAX;
    }
    if (!st)
        return RCA_OK; /* empty statement */
    while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' ||
                    *tail == '\r'))
        tail++;
    if (tail && *tail) {
        sqlite3_finalize(st);
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL,
                  "SQL: only one statement is allowed");
        return RCA_ESYNTAX;
    }
    if (read_only && !sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL,
                  "SQL: only read-only statements (SELECT) are allowed here");
        return RCA_ESYNTAX;
    }
    for (size_t i = 0; i < nparams; i++)
        bind_text(st, (int)i + 1, params[i]);
    int ncols = sqlite3_column_count(st);
    const char **names = calloc((size_t)ncols + 1, sizeof *names);
    const char **vals = calloc((size_t)ncols + 1, sizeof *vals);
    int64_t *ints = out.tfn ? calloc((size_t)ncols + 1, sizeof *ints) : NULL;
    double *reals = out.tfn ? calloc((size_t)ncols + 1, sizeof *reals) : NULL;
    rca_err rc = RCA_OK;
    if (!names || !vals || (out.tfn && (!ints || !reals))) {
        rc = RCA_ENOMEM;
        goto done;
    }
    for (int i = 0; i < ncols; i++)
        names[i] = sqlite3_column_name(st, i);
    for (;;) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL, "SQL: %s",
                      sqlite3_errmsg(s->db));
            rc = RCA_ESYNTAX;
            break;
        }
        /* numbers first: asking a number for a text value keeps its text, not the reverse */
        for (int i = 0; out.tfn && i < ncols; i++) {
            ints[i] = sqlite3_column_int64(st, i);
            reals[i] = sqlite3_column_double(st, i);
        }
        for (int i = 0; i < ncols; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        rca_row row = {ncols, names, vals, ints, reals};
        if (out.fn ? out.fn(out.ctx, ncols, names, vals) : out.tfn && out.tfn(out.ctx, &row))
            break;
    }
done:
    free(names);
    free(vals);
    free(ints);
    free(reals);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_check_sql(rca_store *s, const char *sql, rca_diag *diag, const char *where,
                            unsigned line)
{
    sqlite3_stmt *st = NULL;
    char src[256];
    rca_err drc = store_drain(s);
    if (drc)
        return drc;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, first_line(sql, src, sizeof src),
                  "SQL: %s", sqlite3_errmsg(s->db));
        return RCA_ESYNTAX;
    }
    int ro = st ? sqlite3_stmt_readonly(st) : 1;
    sqlite3_finalize(st);
    if (!ro) {
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL,
                  "SQL: a check must be a read-only SELECT");
        return RCA_ESYNTAX;
    }
    return RCA_OK;
}

rca_err rca_store_columns(rca_store *s, const char *sql, void (*fn)(void *ctx, const char *name),
                          void *ctx)
{
    sqlite3_stmt *st = NULL;
    rca_err rc = store_drain(s);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK || !st) {
        sqlite3_finalize(st);
        return RCA_ESYNTAX;
    }
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        if (!name) {
            rc = RCA_ENOMEM;
            break;
        }
        fn(ctx, name);
    }
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_each_host(rca_store *s, rca_err (*fn)(void *ctx, const rca_host_info *h),
                            void *ctx)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s,
                         "SELECT id,report,hostname,fqdn,roles,tz,kernel,sos_version,system_id,"
                         "collected_at,utc_offset FROM host ORDER BY id",
                         &st);
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        rca_host_info h;
        h.id = sqlite3_column_int64(st, 0);
        h.report = (const char *)sqlite3_column_text(st, 1);
        h.hostname = (const char *)sqlite3_column_text(st, 2);
        h.fqdn = (const char *)sqlite3_column_text(st, 3);
        h.roles = (const char *)sqlite3_column_text(st, 4);
        h.tz = (const char *)sqlite3_column_text(st, 5);
        h.kernel = (const char *)sqlite3_column_text(st, 6);
        h.sos_version = (const char *)sqlite3_column_text(st, 7);
        h.system_id = (const char *)sqlite3_column_text(st, 8);
        h.collected_at = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1
                                                                   : sqlite3_column_double(st, 9);
        h.has_offset = sqlite3_column_type(st, 10) != SQLITE_NULL;
        h.utc_offset = sqlite3_column_int64(st, 10);
        if ((rc = fn(ctx, &h)))
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = store_db_fail(s, "cannot read the hosts");
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_line_text(rca_store *s, int64_t file_id, int64_t lineno, rca_buf *out)
{
    sqlite3_stmt *st;
    rca_buf_reset(out);
    /* a file's lines are consecutive rows: no index needed to find one */
    rca_err rc = store_prepare_drained(s,
                         "SELECT raw FROM line_data WHERE rowid = (SELECT line_base FROM file "
                         "WHERE id = ?1) + ?2 - 1 AND file_id = ?1",
                         &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, lineno);
    if (store_one_row(s, st, "cannot read a line", &rc)) {
        const void *p = sqlite3_column_text(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        if (p)
            rc = rca_buf_add(out, p, (size_t)n);
    }
    if (!out->p)
        rca_buf_add(out, "", 0);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_file_info(rca_store *s, int64_t file_id, rca_buf *path, int64_t *host_id)
{
    sqlite3_stmt *st;
    rca_buf_reset(path);
    *host_id = 0;
    rca_err rc = store_prepare_drained(s, "SELECT path, host_id FROM file WHERE id=?", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    if (store_one_row(s, st, "cannot read a file", &rc)) {
        const char *p = (const char *)sqlite3_column_text(st, 0);
        if (p)
            rc = rca_buf_adds(path, p);
        *host_id = sqlite3_column_int64(st, 1);
    }
    if (!path->p)
        rca_buf_add(path, "", 0);
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------------------------ the collection window */

typedef struct window_file {
    int64_t file_id, host_id, base, lines;
    double collected_at;
} window_file;

static double col_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_double(st, i) / 1000.0;
}

rca_err rca_store_set_aside_out_of_window(rca_store *s, double after_s, double before_s,
                                          rca_err (*fn)(void *ctx, const rca_out_of_window *w),
                                          void *ctx)
{
    sqlite3_stmt *st = NULL;
    window_file *wf = NULL;
    size_t n = 0, cap = 0;
    /* only files whose span leaves the window need their lines read */
    rca_err rc = store_prepare_drained(s,
                         "SELECT f.id, f.host_id, f.line_base, f.lines, h.collected_at FROM file f "
                         "JOIN host h ON h.id = f.host_id WHERE h.collected_at IS NOT NULL AND "
                         "f.parser = 'log' AND f.line_base IS NOT NULL AND "
                         "(f.last_ts > h.collected_at + ?1 OR f.first_ts < h.collected_at - ?2) "
                         "ORDER BY f.id",
                         &st);
    if (rc)
        return rc;
    sqlite3_bind_double(st, 1, after_s);
    sqlite3_bind_double(st, 2, before_s);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            window_file *nw = realloc(wf, nc * sizeof *nw);
            if (!nw) {
                rc = RCA_ENOMEM;
                goto end;
            }
            wf = nw;
            cap = nc;
        }
        wf[n].file_id = sqlite3_column_int64(st, 0);
        wf[n].host_id = sqlite3_column_int64(st, 1);
        wf[n].base = sqlite3_column_int64(st, 2);
        wf[n].lines = sqlite3_column_int64(st, 3);
        wf[n].collected_at = sqlite3_column_double(st, 4);
        n++;
    }
    if (step != SQLITE_DONE) {
        rc = store_db_fail(s, "cannot read the files");
        goto end;
    }
    sqlite3_finalize(st);
    st = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        double hi = wf[i].collected_at + after_s, lo = wf[i].collected_at - before_s;
        rca_out_of_window w;
        memset(&w, 0, sizeof w);
        w.host_id = wf[i].host_id;
        w.file_id = wf[i].file_id;
        w.collected_at = wf[i].collected_at;
        /* a file's lines are the rowids line_base .. line_base + lines - 1 */
        if ((rc = store_prepare_drained(s,
                          "SELECT sum(ts_ms > ?3), min(CASE WHEN ts_ms > ?3 THEN ts_ms END), "
                          "max(CASE WHEN ts_ms > ?3 THEN ts_ms END), sum(ts_ms < ?4), "
                          "min(CASE WHEN ts_ms < ?4 THEN ts_ms END), "
                          "max(CASE WHEN ts_ms < ?4 THEN ts_ms END) FROM line_data "
                          "WHERE rowid BETWEEN ?1 AND ?2 AND ts_ms IS NOT NULL",
                          &st)))
            break;
        sqlite3_bind_int64(st, 1, wf[i].base);
        sqlite3_bind_int64(st, 2, wf[i].base + wf[i].lines - 1);
        sqlite3_bind_double(st, 3, hi * 1000.0);
        sqlite3_bind_double(st, 4, lo * 1000.0);
        if (store_one_row(s, st, "cannot read the lines", &rc)) {
            w.n_after = sqlite3_column_int64(st, 0);
            w.after_first = col_time(st, 1);
            w.after_last = col_time(st, 2);
            w.n_before = sqlite3_column_int64(st, 3);
            w.before_first = col_time(st, 4);
            w.before_last = col_time(st, 5);
        }
        sqlite3_finalize(st);
        st = NULL;
        if (rc)
            break;
        if (!w.n_after && !w.n_before)
            continue;
        static const char move[] =
            "INSERT INTO hit_outside SELECT * FROM hit WHERE file_id = ?1 AND (ts > ?2 OR ts < ?3)";
        static const char drop[] = "DELETE FROM hit WHERE file_id = ?1 AND (ts > ?2 OR ts < ?3)";
        for (int k = 0; k < 2 && !rc; k++) {
            if ((rc = store_prepare_drained(s, k ? drop : move, &st)))
                break;
            sqlite3_bind_int64(st, 1, wf[i].file_id);
            sqlite3_bind_double(st, 2, hi);
            sqlite3_bind_double(st, 3, lo);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = store_db_fail(s, "cannot set hits aside");
            else if (!k)
                w.hits = sqlite3_changes(s->db);
            sqlite3_finalize(st);
            st = NULL;
        }
        if (rc)
            break;
        /* names for the message */
        if ((rc = store_prepare_drained(s,
                          "SELECT b.path, h.report, f.path FROM file f JOIN host h ON h.id = "
                          "f.host_id JOIN bundle b ON b.id = h.bundle_id WHERE f.id = ?1",
                          &st)))
            break;
        sqlite3_bind_int64(st, 1, wf[i].file_id);
        if (store_one_row(s, st, "cannot read the files", &rc)) {
            w.bundle = (const char *)sqlite3_column_text(st, 0);
            w.report = (const char *)sqlite3_column_text(st, 1);
            w.path = (const char *)sqlite3_column_text(st, 2);
            rc = fn(ctx, &w);
        }
        sqlite3_finalize(st);
        st = NULL;
    }
end:
    sqlite3_finalize(st);
    free(wf);
    return rc;
}

/* ------------------------------------------------------------------ what the reports hold */

rca_err rca_store_has_rows(rca_store *s, const char *name, int *out, rca_diag *diag,
                           const char *where, unsigned line)
{
    *out = 0;
    size_t n = strlen(name);
    int ok = n > 0 && n < 64;
    for (size_t i = 0; ok && i < n; i++)
        ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
             (name[i] >= '0' && name[i] <= '9') || name[i] == '_';
    if (!ok) {
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL, "not a table name: '%s'",
                  name);
        return RCA_ESYNTAX;
    }
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM \"%s\")", name);
    rca_err rc = store_drain(s);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st)) {
        rca_diagf(diag, RCA_DIAG_ERROR, where, NULL, line, 0, NULL, "no table or view '%s'",
                  name);
        return RCA_ESYNTAX;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0) != 0;
    else
        rc = store_db_fail(s, "cannot read a table");
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_has_service(rca_store *s, const char *service, int *out)
{
    sqlite3_stmt *st;
    *out = 0;
    rca_err rc = store_prepare_drained(s, "SELECT EXISTS (SELECT 1 FROM file WHERE service = ?1 AND parser = 'log')", &st);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, service, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0) != 0;
    else
        rc = store_db_fail(s, "cannot read the files");
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------------------------ rules side */

rca_err rca_store_add_finding(rca_store *s, const char *rule, const char *code, const char *cls,
                              const char *severity, int64_t host_id, const char *title,
                              double first_ts, double last_ts, int64_t count, const char *fields,
                              int64_t *out_id)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s,
                         "INSERT INTO finding(rule,code,class,severity,host_id,title,first_ts,"
                         "last_ts,count,fields) VALUES(?,?,?,?,?,?,?,?,?,?)",
                         &st);
    if (rc)
        return rc;
    bind_text(st, 1, rule);
    bind_text(st, 2, code);
    bind_text(st, 3, cls);
    bind_text(st, 4, severity);
    if (host_id > 0)
        sqlite3_bind_int64(st, 5, host_id);
    bind_text(st, 6, title);
    if (first_ts >= 0)
        sqlite3_bind_double(st, 7, first_ts);
    if (last_ts >= 0)
        sqlite3_bind_double(st, 8, last_ts);
    sqlite3_bind_int64(st, 9, count);
    bind_text(st, 10, fields);
    rc = step_done(s, st, "cannot add a finding");
    if (!rc)
        *out_id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_add_evidence(rca_store *s, int64_t finding_id, int64_t host_id, int64_t file_id,
                               int64_t lineno, const char *text, size_t text_len)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s,
                         "INSERT INTO evidence(finding_id,host_id,file_id,lineno,text) "
                         "VALUES(?,?,?,?,?)",
                         &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, finding_id);
    if (host_id > 0)
        sqlite3_bind_int64(st, 2, host_id);
    if (file_id > 0)
        sqlite3_bind_int64(st, 3, file_id);
    if (lineno > 0)
        sqlite3_bind_int64(st, 4, lineno);
    if (text && text_len <= INT_MAX)
        sqlite3_bind_text(st, 5, text, (int)text_len, SQLITE_TRANSIENT);
    else
        bind_text(st, 5, text);
    rc = step_done(s, st, "cannot add evidence");
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_add_cause(rca_store *s, int64_t cause_id, int64_t effect_id, const char *key)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s, "INSERT INTO cause(cause_id,effect_id,key) VALUES(?,?,?)", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, cause_id);
    sqlite3_bind_int64(st, 2, effect_id);
    bind_text(st, 3, key);
    rc = step_done(s, st, "cannot add a cause");
    sqlite3_finalize(st);
    return rc;
}
