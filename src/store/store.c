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

#include <sqlite3.h>

#include "rca_store.h"
#include "store/schema.h"

enum { ROW_CACHE = 32 };

typedef struct row_stmt {
    char *key;           /* "table|col1,col2,..." */
    sqlite3_stmt *stmt;
} row_stmt;

struct rca_store {
    sqlite3 *db;
    char *path;          /* final path, NULL for :memory: */
    char *tmp;           /* temporary path while building */
    int committed, in_txn, read_only;
    rca_diag *diag;
    sqlite3_stmt *ins_line, *ins_file, *fin_file, *ins_link, *ins_host, *ins_bundle;
    sqlite3_stmt *ins_hit;
    row_stmt rows[ROW_CACHE];
    size_t nrows;
    rca_buf sql;         /* scratch */
    int64_t next_line;   /* rowid of the next `line` row: lines of a file are consecutive */
};

/* Tables parsers may fill through the row sink. */
static const char *const row_tables[] = {"df", "mem", "ovs_bridge", "ovs_port", "ovsdb", "fact",
                                         "hit", NULL};

static const char *const host_columns[] = {"hostname", "fqdn", "roles", "collected_at", "tz",
                                           "utc_offset", "kernel", "sos_version", "system_id",
                                           NULL};

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
    return s && s->db ? sqlite3_errmsg(s->db) : "no database";
}

static rca_err db_fail(rca_store *s, const char *what)
{
    rca_diagf(s->diag, RCA_DIAG_ERROR, s->path ? s->path : "database", NULL, 0, 0, NULL,
              "%s: %s", what, sqlite3_errmsg(s->db));
    return RCA_EDB;
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
        return db_fail(s, "cannot register SQL functions");
    return RCA_OK;
}

rca_err rca_store_exec(rca_store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        rca_diagf(s->diag, RCA_DIAG_ERROR, s->path ? s->path : "database", NULL, 0, 0, NULL,
                  "SQL failed: %s", err ? err : sqlite3_errmsg(s->db));
        sqlite3_free(err);
        return RCA_EDB;
    }
    return RCA_OK;
}

static rca_err prepare(rca_store *s, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return db_fail(s, "cannot prepare a statement");
    return RCA_OK;
}

void rca_store_free(rca_store *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->ins_line);
    sqlite3_finalize(s->ins_file);
    sqlite3_finalize(s->fin_file);
    sqlite3_finalize(s->ins_link);
    sqlite3_finalize(s->ins_host);
    sqlite3_finalize(s->ins_bundle);
    sqlite3_finalize(s->ins_hit);
    for (size_t i = 0; i < s->nrows; i++) {
        sqlite3_finalize(s->rows[i].stmt);
        free(s->rows[i].key);
    }
    if (s->db)
        sqlite3_close(s->db);
    if (s->tmp && !s->committed) {
        building = 0;
        unlink(s->tmp);
    }
    free(s->tmp);
    free(s->path);
    rca_buf_free(&s->sql);
    free(s);
}

rca_err rca_store_create(const char *path, int overwrite, rca_diag *diag, rca_store **out)
{
    rca_err rc = RCA_OK;
    rca_store *s = calloc(1, sizeof *s);
    if (!s)
        return RCA_ENOMEM;
    s->diag = diag;
    s->next_line = 1;
    rca_buf_init(&s->sql);
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
    if ((rc = rca_store_exec(s, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                                "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-65536;"
                                "PRAGMA foreign_keys=OFF;")) ||
        (rc = register_functions(s)) || (rc = rca_store_exec(s, "BEGIN")))
        goto fail;
    s->in_txn = 1;
    if ((rc = rca_store_exec(s, rca_schema_sql)))
        goto fail;
    if ((rc = prepare(s,
                      "INSERT INTO line(rowid,file_id,lineno,ts,level,logger,pid,req,greq,instance,"
                      "rec,msg_off,raw) VALUES(?13,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
                      &s->ins_line)) ||
        (rc = prepare(s,
                      "INSERT INTO file(host_id,path,parser,service,via,line_base) "
                      "VALUES(?,?,?,?,?,?)",
                      &s->ins_file)) ||
        (rc = prepare(s,
                      "UPDATE file SET bytes=?,lines=?,first_ts=?,last_ts=?,status=? WHERE id=?",
                      &s->fin_file)) ||
        (rc = prepare(s,
                      "INSERT INTO link(host_id,path,target,resolved,status) VALUES(?,?,?,?,?)",
                      &s->ins_link)) ||
        (rc = prepare(s, "INSERT INTO host(bundle_id,report) VALUES(?,?)", &s->ins_host)) ||
        (rc = prepare(s, "INSERT INTO bundle(path) VALUES(?)", &s->ins_bundle)) ||
        (rc = prepare(s,
                      "INSERT INTO hit(rule,grp,host_id,file_id,lineno,ts,fields) "
                      "VALUES(?,?,?,?,?,?,?)",
                      &s->ins_hit)))
        goto fail;
    *out = s;
    return RCA_OK;
fail:
    rca_store_free(s);
    return rc;
}

rca_err rca_store_open_readonly(const char *path, rca_diag *diag, rca_store **out)
{
    rca_store *s = calloc(1, sizeof *s);
    if (!s)
        return RCA_ENOMEM;
    s->diag = diag;
    s->read_only = 1;
    rca_buf_init(&s->sql);
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
        "CREATE INDEX line_instance ON line(instance) WHERE instance IS NOT NULL;"
        "CREATE INDEX line_req ON line(req) WHERE req IS NOT NULL;"

        "CREATE INDEX ovsdb_lookup ON ovsdb(db, tbl, col, value);"
        "CREATE INDEX ovsdb_row ON ovsdb(host_id, db, tbl, uuid);"
        "CREATE INDEX hit_rule ON hit(rule);"
        "CREATE INDEX fact_key ON fact(key);";
    rca_err rc = rca_store_exec(s, indexes);
    if (!rc)
        rc = rca_store_exec(s, rca_views_sql);

    return rc;
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
    sqlite3_finalize(s->ins_line);
    sqlite3_finalize(s->ins_file);
    sqlite3_finalize(s->fin_file);
    sqlite3_finalize(s->ins_link);
    sqlite3_finalize(s->ins_host);
    sqlite3_finalize(s->ins_bundle);
    sqlite3_finalize(s->ins_hit);
    s->ins_line = s->ins_file = s->fin_file = s->ins_link = s->ins_host = s->ins_bundle = NULL;
    s->ins_hit = NULL;
    for (size_t i = 0; i < s->nrows; i++) {
        sqlite3_finalize(s->rows[i].stmt);
        free(s->rows[i].key);
    }
    s->nrows = 0;
    if (sqlite3_close(s->db) != SQLITE_OK)
        return db_fail(s, "cannot close the database");
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

static void bind_span(sqlite3_stmt *st, int i, rca_span v)
{
    if (v.p && v.n)
        sqlite3_bind_text(st, i, v.p, (int)v.n, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static rca_err step_done(rca_store *s, sqlite3_stmt *st, const char *what)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (r != SQLITE_DONE)
        return db_fail(s, what);
    return RCA_OK;
}

rca_err rca_store_add_bundle(rca_store *s, const char *path, int64_t *out_id)
{
    bind_text(s->ins_bundle, 1, path);
    rca_err rc = step_done(s, s->ins_bundle, "cannot add a bundle");
    if (!rc)
        *out_id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

rca_err rca_store_set_bundle_status(rca_store *s, int64_t bundle_id, const char *status,
                                    const char *message)
{
    sqlite3_stmt *st;
    rca_err rc = prepare(s, "UPDATE bundle SET status=?, message=? WHERE id=?", &st);
    if (rc)
        return rc;
    bind_text(st, 1, status);
    bind_text(st, 2, message);
    sqlite3_bind_int64(st, 3, bundle_id);
    rc = step_done(s, st, "cannot update a bundle");
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_add_host(rca_store *s, int64_t bundle_id, const char *report, int64_t *out_id)
{
    sqlite3_bind_int64(s->ins_host, 1, bundle_id);
    bind_text(s->ins_host, 2, report);
    rca_err rc = step_done(s, s->ins_host, "cannot add a host");
    if (!rc)
        *out_id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int known_host_column(const char *c)
{
    for (size_t i = 0; host_columns[i]; i++)
        if (strcmp(host_columns[i], c) == 0)
            return 1;
    return 0;
}

static rca_err set_host(rca_store *s, int64_t host_id, const char *column, const char *text,
                        double num, int is_num)
{
    if (!known_host_column(column))
        return RCA_EINTERNAL;
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE host SET %s=? WHERE id=?", column);
    sqlite3_stmt *st;
    rca_err rc = prepare(s, sql, &st);
    if (rc)
        return rc;
    if (is_num)
        sqlite3_bind_double(st, 1, num);
    else
        bind_text(st, 1, text);
    sqlite3_bind_int64(st, 2, host_id);
    rc = step_done(s, st, "cannot update a host");
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_set_host(rca_store *s, int64_t host_id, const char *column, const char *value)
{
    return set_host(s, host_id, column, value, 0, 0);
}

rca_err rca_store_set_host_num(rca_store *s, int64_t host_id, const char *column, double value)
{
    return set_host(s, host_id, column, NULL, value, 1);
}

rca_err rca_store_add_file(rca_store *s, int64_t host_id, const char *path, const char *parser,
                           const char *service, const char *via, int64_t *out_id)
{
    sqlite3_bind_int64(s->ins_file, 1, host_id);
    bind_text(s->ins_file, 2, path);
    bind_text(s->ins_file, 3, parser);
    bind_text(s->ins_file, 4, service);
    bind_text(s->ins_file, 5, via);
    sqlite3_bind_int64(s->ins_file, 6, s->next_line);
    rca_err rc = step_done(s, s->ins_file, "cannot add a file");
    if (!rc)
        *out_id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

rca_err rca_store_finish_file(rca_store *s, int64_t file_id, int64_t bytes, int64_t lines,
                              double first_ts, double last_ts, const char *status)
{
    sqlite3_stmt *st = s->fin_file;
    sqlite3_bind_int64(st, 1, bytes);
    sqlite3_bind_int64(st, 2, lines);
    if (first_ts >= 0)
        sqlite3_bind_double(st, 3, first_ts);
    else
        sqlite3_bind_null(st, 3);
    if (last_ts >= 0)
        sqlite3_bind_double(st, 4, last_ts);
    else
        sqlite3_bind_null(st, 4);
    bind_text(st, 5, status ? status : "ok");
    sqlite3_bind_int64(st, 6, file_id);
    return step_done(s, st, "cannot finish a file");
}

rca_err rca_store_add_link(rca_store *s, int64_t host_id, const char *path, const char *target,
                           const char *resolved, const char *status)
{
    sqlite3_stmt *st = s->ins_link;
    sqlite3_bind_int64(st, 1, host_id);
    bind_text(st, 2, path);
    bind_text(st, 3, target);
    bind_text(st, 4, resolved);
    bind_text(st, 5, status);
    return step_done(s, st, "cannot add a link");
}

rca_err rca_store_add_line(rca_store *s, const rca_line_row *r)
{
    sqlite3_stmt *st = s->ins_line;
    sqlite3_bind_int64(st, 1, r->file_id);
    sqlite3_bind_int64(st, 2, r->lineno);
    if (r->ts >= 0)
        sqlite3_bind_double(st, 3, r->ts);
    if (r->level)
        sqlite3_bind_text(st, 4, r->level, -1, SQLITE_STATIC);
    bind_span(st, 5, r->logger);
    if (r->pid >= 0)
        sqlite3_bind_int64(st, 6, r->pid);
    bind_span(st, 7, r->req);
    bind_span(st, 8, r->greq);
    bind_span(st, 9, r->instance);
    sqlite3_bind_int64(st, 10, r->rec);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)r->msg_off);
    sqlite3_bind_text(st, 12, r->raw.p ? r->raw.p : "", (int)r->raw.n, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, s->next_line++);
    return step_done(s, st, "cannot add a log line");
}

static int known_row_table(const char *t)
{
    for (size_t i = 0; row_tables[i]; i++)
        if (strcmp(row_tables[i], t) == 0)
            return 1;
    return 0;
}

static int valid_ident(const char *c)
{
    if (!*c)
        return 0;
    for (const char *p = c; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

rca_err rca_store_add_row(rca_store *s, int64_t host_id, int64_t file_id, const char *table,
                          unsigned lineno, size_t ncols, const char *const *cols,
                          const rca_span *vals)
{
    rca_buf *k = &s->sql;
    rca_buf_reset(k);
    rca_buf_adds(k, table);
    rca_buf_addc(k, '|');
    for (size_t i = 0; i < ncols; i++) {
        rca_buf_adds(k, cols[i]);
        rca_buf_addc(k, ',');
    }
    if (!k->p)
        return RCA_ENOMEM;
    sqlite3_stmt *st = NULL;
    for (size_t i = 0; i < s->nrows; i++)
        if (strcmp(s->rows[i].key, k->p) == 0) {
            st = s->rows[i].stmt;
            /* keep the most used statements at the front */
            if (i > 0) {
                row_stmt tmp = s->rows[i];
                s->rows[i] = s->rows[i - 1];
                s->rows[i - 1] = tmp;
            }
            break;
        }
    if (!st) {
        /* Table and column names come from sosrca's own parsers, never from a bundle; still,
         * only known tables and plain identifiers make it into SQL text. */
        if (!known_row_table(table))
            return RCA_EINTERNAL;
        rca_buf sql;
        rca_buf_init(&sql);
        rca_buf_printf(&sql, "INSERT INTO %s(host_id,file_id,lineno", table);
        for (size_t i = 0; i < ncols; i++) {
            if (!valid_ident(cols[i])) {
                rca_buf_free(&sql);
                return RCA_EINTERNAL;
            }
            rca_buf_printf(&sql, ",%s", cols[i]);
        }
        rca_buf_adds(&sql, ") VALUES(?,?,?");
        for (size_t i = 0; i < ncols; i++)
            rca_buf_adds(&sql, ",?");
        rca_buf_addc(&sql, ')');
        if (!sql.p)
            return RCA_ENOMEM;
        rca_err rc = prepare(s, sql.p, &st);
        rca_buf_free(&sql);
        if (rc)
            return rc;
        if (s->nrows == ROW_CACHE) {
            sqlite3_finalize(s->rows[ROW_CACHE - 1].stmt);
            free(s->rows[ROW_CACHE - 1].key);
            s->nrows--;
        }
        char *key = strdup(k->p);
        if (!key) {
            sqlite3_finalize(st);
            return RCA_ENOMEM;
        }
        s->rows[s->nrows].key = key;
        s->rows[s->nrows].stmt = st;
        s->nrows++;
    }
    sqlite3_bind_int64(st, 1, host_id);
    sqlite3_bind_int64(st, 2, file_id);
    sqlite3_bind_int64(st, 3, lineno);
    for (size_t i = 0; i < ncols; i++) {
        if (vals[i].p)
            sqlite3_bind_text(st, (int)i + 4, vals[i].p, (int)vals[i].n, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, (int)i + 4);
    }
    return step_done(s, st, "cannot add a row");
}

typedef struct sink_ctx {
    rca_store *s;
    int64_t host_id, file_id;
} sink_ctx;

static rca_err sink_row(void *ctx, const char *table, unsigned lineno, size_t ncols,
                        const char *const *cols, const rca_span *vals)
{
    sink_ctx *c = ctx;
    return rca_store_add_row(c->s, c->host_id, c->file_id, table, lineno, ncols, cols, vals);
}

rca_row_sink rca_store_row_sink(rca_store *s, int64_t host_id, int64_t file_id)
{
    static sink_ctx ctx; /* one sink at a time: the store is single-threaded */
    ctx.s = s;
    ctx.host_id = host_id;
    ctx.file_id = file_id;
    rca_row_sink sink = {sink_row, &ctx};
    return sink;
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

static rca_err run_query(rca_store *s, const char *sql, int read_only, size_t nparams,
                         const char *const *params, rca_row_fn fn, void *ctx, rca_diag *diag,
                         const char *where, unsigned line);

rca_err rca_store_query(rca_store *s, const char *sql, int read_only, rca_row_fn fn, void *ctx,
                        rca_diag *diag, const char *where, unsigned line)
{
    return run_query(s, sql, read_only, 0, NULL, fn, ctx, diag, where, line);
}

rca_err rca_store_queryv(rca_store *s, const char *sql, size_t nparams, const char *const *params,
                         rca_row_fn fn, void *ctx, rca_diag *diag, const char *where,
                         unsigned line)
{
    return run_query(s, sql, 1, nparams, params, fn, ctx, diag, where, line);
}

static rca_err run_query(rca_store *s, const char *sql, int read_only, size_t nparams,
                         const char *const *params, rca_row_fn fn, void *ctx, rca_diag *diag,
                         const char *where, unsigned line)
{
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    char src[256];
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
    rca_err rc = RCA_OK;
    if (!names || !vals) {
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
        for (int i = 0; i < ncols; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn && fn(ctx, ncols, names, vals))
            break;
    }
done:
    free(names);
    free(vals);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_check_sql(rca_store *s, const char *sql, rca_diag *diag, const char *where,
                            unsigned line)
{
    sqlite3_stmt *st = NULL;
    char src[256];
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

rca_err rca_store_each_host(rca_store *s, void (*fn)(void *ctx, const rca_host_info *h), void *ctx)
{
    sqlite3_stmt *st;
    rca_err rc = prepare(s,
                         "SELECT id,report,hostname,fqdn,roles,tz,kernel,sos_version,system_id,"
                         "collected_at,utc_offset FROM host ORDER BY id",
                         &st);
    if (rc)
        return rc;
    while (sqlite3_step(st) == SQLITE_ROW) {
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
        fn(ctx, &h);
    }
    sqlite3_finalize(st);
    return RCA_OK;
}

rca_err rca_store_line_text(rca_store *s, int64_t file_id, int64_t lineno, rca_buf *out)
{
    sqlite3_stmt *st;
    rca_buf_reset(out);
    /* a file's lines are consecutive rows: no index needed to find one */
    rca_err rc = prepare(s,
                         "SELECT raw FROM line WHERE rowid = (SELECT line_base FROM file "
                         "WHERE id = ?1) + ?2 - 1 AND file_id = ?1",
                         &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, lineno);
    if (sqlite3_step(st) == SQLITE_ROW) {
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
    rca_err rc = prepare(s, "SELECT path, host_id FROM file WHERE id=?", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, file_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
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

/* ------------------------------------------------------------------ rules side */

rca_err rca_store_add_hit(rca_store *s, const char *rule, const char *grp, int64_t host_id,
                          int64_t file_id, int64_t lineno, double ts, const char *fields)
{
    sqlite3_stmt *st = s->ins_hit;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    bind_text(st, 2, grp);
    if (host_id > 0)
        sqlite3_bind_int64(st, 3, host_id);
    if (file_id > 0)
        sqlite3_bind_int64(st, 4, file_id);
    if (lineno > 0)
        sqlite3_bind_int64(st, 5, lineno);
    if (ts >= 0)
        sqlite3_bind_double(st, 6, ts);
    bind_text(st, 7, fields);
    return step_done(s, st, "cannot add a rule match");
}

rca_err rca_store_add_finding(rca_store *s, const char *rule, const char *code, const char *cls,
                              const char *severity, int64_t host_id, const char *title,
                              double first_ts, double last_ts, int64_t count, const char *fields,
                              int64_t *out_id)
{
    sqlite3_stmt *st;
    rca_err rc = prepare(s,
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
    rca_err rc = prepare(s,
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
    rca_err rc = prepare(s, "INSERT INTO cause(cause_id,effect_id,key) VALUES(?,?,?)", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, cause_id);
    sqlite3_bind_int64(st, 2, effect_id);
    bind_text(st, 3, key);
    rc = step_done(s, st, "cannot add a cause");
    sqlite3_finalize(st);
    return rc;
}
