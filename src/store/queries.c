/* queries.c - the named questions the rules engine and the analysis ask the store: groups of rule
 * hits and where their evidence is, a recovery marker before or after a time, a fact of a host,
 * and the one rewrite of stored times (a host's zone learnt late). Each is a statement with
 * integer, double and text binds, never numbers printed into SQL; the compact line encoding
 * (line_data, its rowids and milliseconds) is known here and in the rest of src/store/ only.
 * Rules stage's side of the store; called after rca_store_finish_ingest.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static double col_ts(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_double(st, i);
}

/* A malloc'd copy of text column i, NULL for SQL NULL; RCA_ENOMEM. */
static rca_err col_dup(sqlite3_stmt *st, int i, char **out)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    *out = NULL;
    if (!v)
        return RCA_OK;
    if (!(*out = strdup(v)))
        return RCA_ENOMEM;
    return RCA_OK;
}

/* ------------------------------------------------------------------ hits */

rca_err rca_store_each_hit_group(rca_store *s, rca_err (*fn)(void *ctx, const rca_hit_group *g),
                                 void *ctx)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s,
                                    "SELECT grp, rule, min(host_id), min(ts), max(ts), count(*), "
                                    "min(id) FROM hit GROUP BY grp ORDER BY min(id)",
                                    &st);
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *grp = (const char *)sqlite3_column_text(st, 0);
        rca_hit_group g = {grp ? grp : "",
                           (const char *)sqlite3_column_text(st, 1),
                           sqlite3_column_int64(st, 2),
                           col_ts(st, 3),
                           col_ts(st, 4),
                           sqlite3_column_int64(st, 5),
                           sqlite3_column_int64(st, 6)};
        if ((rc = fn(ctx, &g)))
            goto end;
    }
    if (r != SQLITE_DONE)
        rc = store_db_fail(s, "cannot read the rule hits");
end:
    sqlite3_finalize(st);
    return rc;
}

/* The fields of the first hit (by id) of the statement's rows, into out; "{}" when none. */
static rca_err first_fields(rca_store *s, sqlite3_stmt *st, rca_buf *out, int *found)
{
    rca_err rc = RCA_OK;
    int has = store_one_row(s, st, "cannot read a rule hit", &rc);
    rca_buf_reset(out);
    const char *v = has ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (!rc)
        rc = rca_buf_adds(out, v ? v : "{}");
    if (found)
        *found = has;
    return rc;
}

rca_err rca_store_hit_fields(rca_store *s, int64_t hit_id, rca_buf *out)
{
    sqlite3_stmt *st;
    rca_err rc = store_prepare_drained(s, "SELECT fields FROM hit WHERE id = ?1", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, hit_id);
    rc = first_fields(s, st, out, NULL);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_group_places(rca_store *s, const char *grp, double min_ts, size_t nfirst,
                               rca_hit_place *out, size_t *n)
{
    sqlite3_stmt *st;
    *n = 0;
    rca_err rc = store_prepare_drained(
        s,
        "SELECT * FROM (SELECT file_id, lineno, host_id FROM hit WHERE grp = ?1 AND "
        "file_id IS NOT NULL AND (?2 < 0 OR ts >= ?2) ORDER BY id LIMIT ?3) "
        "UNION ALL SELECT * FROM (SELECT file_id, lineno, host_id FROM hit "
        "WHERE grp = ?1 AND file_id IS NOT NULL ORDER BY id DESC LIMIT 1)",
        &st);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, grp, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 2, min_ts);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)nfirst);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && *n <= nfirst) {
        out[*n].file_id = sqlite3_column_int64(st, 0);
        out[*n].lineno = sqlite3_column_int64(st, 1);
        out[*n].host_id = sqlite3_column_int64(st, 2);
        ++*n;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = store_db_fail(s, "cannot read the rule hits");
    sqlite3_finalize(st);
    return rc;
}

/* The time of the first hit of `rule` on host_id after ts (before: the last one before it) whose
 * fields hold every eq pair. The pairs are bound: `json_extract(fields, ?) = ?` per pair. */
static rca_err marker_time(rca_store *s, const char *rule, int64_t host_id, double ts,
                           const rca_field_eq *eq, size_t neq, int before, double *out)
{
    enum { PATH_MAX_LEN = 80 };
    rca_buf sql;
    sqlite3_stmt *st = NULL;
    rca_buf_init(&sql);
    *out = -1;
    rca_buf_adds(&sql, before ? "SELECT max(ts) FROM hit WHERE rule = ?1 AND host_id = ?2 AND "
                                "ts < ?3"
                              : "SELECT min(ts) FROM hit WHERE rule = ?1 AND host_id = ?2 AND "
                                "ts > ?3");
    for (size_t j = 0; j < neq; j++)
        rca_buf_printf(&sql, " AND json_extract(fields, ?%zu) = ?%zu", 4 + 2 * j, 5 + 2 * j);
    rca_err rc = sql.p ? store_prepare_drained(s, sql.p, &st) : RCA_ENOMEM;
    if (rc)
        goto end;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, host_id);
    sqlite3_bind_double(st, 3, ts);
    for (size_t j = 0; j < neq; j++) {
        char path[PATH_MAX_LEN];
        snprintf(path, sizeof path, "$.\"%s\"", eq[j].name);
        sqlite3_bind_text(st, (int)(4 + 2 * j), path, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, (int)(5 + 2 * j), eq[j].value, -1, SQLITE_STATIC);
    }
    if (store_one_row(s, st, "cannot read the rule hits", &rc))
        *out = col_ts(st, 0);
end:
    sqlite3_finalize(st);
    rca_buf_free(&sql);
    return rc;
}

rca_err rca_store_marker_after(rca_store *s, const char *rule, int64_t host_id, double ts,
                               const rca_field_eq *eq, size_t neq, double *out)
{
    return marker_time(s, rule, host_id, ts, eq, neq, 0, out);
}

rca_err rca_store_marker_before(rca_store *s, const char *rule, int64_t host_id, double ts,
                                const rca_field_eq *eq, size_t neq, double *out)
{
    return marker_time(s, rule, host_id, ts, eq, neq, 1, out);
}

rca_err rca_store_group_since(rca_store *s, const char *grp, double after, double *first_ts,
                              int64_t *count, rca_buf *fields)
{
    static const char *const sql[] = {
        "SELECT min(ts) FROM hit WHERE grp = ?1 AND ts > ?2",
        "SELECT count(*) FROM hit WHERE grp = ?1 AND ts >= ?2",
        "SELECT fields FROM hit WHERE grp = ?1 AND ts >= ?2 ORDER BY id LIMIT 1",
    };
    *first_ts = -1;
    *count = 0;
    rca_buf_reset(fields);
    rca_err rc = RCA_OK;
    for (size_t k = 0; k < RCA_ARRAY_LEN(sql) && !rc; k++) {
        sqlite3_stmt *st;
        if ((rc = store_prepare_drained(s, sql[k], &st)))
            break;
        sqlite3_bind_text(st, 1, grp, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 2, k ? *first_ts : after);
        if (k == 2)
            rc = first_fields(s, st, fields, NULL);
        else if (store_one_row(s, st, "cannot read the rule hits", &rc)) {
            if (k == 0)
                *first_ts = col_ts(st, 0);
            else
                *count = sqlite3_column_int64(st, 0);
        }
        sqlite3_finalize(st);
        if (k == 0 && *first_ts < 0)
            break; /* no episode after it */
    }
    return rc;
}

/* ------------------------------------------------------------------ hosts */

/* The first text of a one-row question about a host (?1) and a text (?2, when given). */
static rca_err host_text(rca_store *s, const char *sql, int64_t host_id, const char *arg,
                         char **out)
{
    sqlite3_stmt *st;
    *out = NULL;
    rca_err rc = store_prepare_drained(s, sql, &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, host_id);
    if (arg)
        sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
    if (store_one_row(s, st, "cannot read a host", &rc))
        rc = col_dup(st, 0, out);
    sqlite3_finalize(st);
    return rc;
}

rca_err rca_store_fact(rca_store *s, int64_t host_id, const char *key, char **out)
{
    return host_text(s,
                     "SELECT value FROM fact WHERE host_id = ?1 AND key = ?2 ORDER BY file_id "
                     "LIMIT 1",
                     host_id, key, out);
}

rca_err rca_store_host_report(rca_store *s, int64_t host_id, char **out)
{
    return host_text(s, "SELECT report FROM host WHERE id = ?1", host_id, NULL, out);
}

rca_err rca_store_set_system_ids(rca_store *s)
{
    return rca_store_exec(s, "UPDATE host SET system_id = (SELECT value FROM ovsdb o WHERE "
                             "o.host_id = host.id AND o.db = 'Open_vSwitch' AND "
                             "o.tbl = 'Open_vSwitch' AND o.col = 'external_ids' AND "
                             "o.key = 'system-id' LIMIT 1);");
}

/* ------------------------------------------------------------------ times learnt late */

/* "(col + ?f - ?scale * (CASE WHEN col + ?f < ?hi0 THEN ?off0 ... ELSE ?offn END))": the UTC
 * time of col (seconds * scale) read with the fixed offset f / scale. Parameters: ?1 the file,
 * ?2 f, ?3 scale, then (hi * scale, offset) per span but the last, then the last offset. */
static void retime_expr(rca_buf *b, const char *col, size_t nspans)
{
    rca_buf_printf(b, "(%s + ?2 - ?3 * (CASE WHEN 0 THEN 0", col);
    for (size_t k = 0; k + 1 < nspans; k++)
        rca_buf_printf(b, " WHEN %s + ?2 < ?%zu THEN ?%zu", col, 4 + 2 * k, 5 + 2 * k);
    rca_buf_printf(b, " ELSE ?%zu END))", 4 + 2 * (nspans - 1));
}

rca_err rca_store_retime_file(rca_store *s, int64_t file_id, int64_t read_offset,
                              const rca_offset_span *spans, size_t nspans)
{
    if (!nspans)
        return RCA_OK;
    /* a file's lines are the rowids line_base .. line_base + lines - 1 */
    static const struct {
        const char *head, *col, *col2, *tail;
        int64_t scale;
    } upd[] = {
        {"UPDATE line_data SET ts_ms = ", "ts_ms", NULL,
         " WHERE rowid BETWEEN (SELECT line_base FROM file WHERE id = ?1) AND "
         "(SELECT line_base + lines - 1 FROM file WHERE id = ?1) AND ts_ms IS NOT NULL",
         1000},
        {"UPDATE hit SET ts = ", "ts", NULL, " WHERE file_id = ?1 AND ts IS NOT NULL", 1},
        {"UPDATE file SET first_ts = ", "first_ts", "last_ts", " WHERE id = ?1", 1},
    };
    rca_buf sql;
    rca_buf_init(&sql);
    rca_err rc = RCA_OK;
    for (size_t u = 0; u < RCA_ARRAY_LEN(upd) && !rc; u++) {
        sqlite3_stmt *st;
        rca_buf_reset(&sql);
        rca_buf_adds(&sql, upd[u].head);
        retime_expr(&sql, upd[u].col, nspans);
        if (upd[u].col2) {
            rca_buf_printf(&sql, ", %s = ", upd[u].col2);
            retime_expr(&sql, upd[u].col2, nspans);
        }
        rca_buf_adds(&sql, upd[u].tail);
        if (!sql.p) {
            rc = RCA_ENOMEM;
            break;
        }
        if ((rc = store_prepare_drained(s, sql.p, &st)))
            break;
        int64_t scale = upd[u].scale;
        sqlite3_bind_int64(st, 1, file_id);
        sqlite3_bind_int64(st, 2, read_offset * scale);
        sqlite3_bind_int64(st, 3, scale);
        for (size_t k = 0; k + 1 < nspans; k++) {
            sqlite3_bind_int64(st, (int)(4 + 2 * k), spans[k].hi * scale);
            sqlite3_bind_int64(st, (int)(5 + 2 * k), spans[k].offset);
        }
        sqlite3_bind_int64(st, (int)(4 + 2 * (nspans - 1)), spans[nspans - 1].offset);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_db_fail(s, "cannot correct the times of a file");
        sqlite3_finalize(st);
    }
    rca_buf_free(&sql);
    return rc;
}

rca_err rca_store_shift_file(rca_store *s, int64_t file_id, int dated, double delta_s)
{
    static const char *const shift[] = {
        "UPDATE line_data SET ts_ms = ts_ms + ?2 WHERE rowid BETWEEN (SELECT line_base FROM file "
        "WHERE id = ?1) AND (SELECT line_base + lines - 1 FROM file WHERE id = ?1) AND ts_ms IS NOT NULL",
        "UPDATE hit SET ts = ts + ?3 WHERE file_id = ?1 AND ts IS NOT NULL",
        "UPDATE file SET first_ts = first_ts + ?3, last_ts = last_ts + ?3 WHERE id = ?1",
    };
    static const char *const undate[] = {
        "UPDATE line_data SET ts_ms = NULL WHERE rowid BETWEEN (SELECT line_base FROM file "
        "WHERE id = ?1) AND (SELECT line_base + lines - 1 FROM file WHERE id = ?1)",
        "UPDATE hit SET ts = NULL WHERE file_id = ?1",
        "UPDATE file SET first_ts = NULL, last_ts = NULL WHERE id = ?1",
    };
    rca_err rc = RCA_OK;
    for (size_t u = 0; u < RCA_ARRAY_LEN(shift) && !rc; u++) {
        sqlite3_stmt *st;
        if ((rc = store_prepare_drained(s, dated ? shift[u] : undate[u], &st)))
            break;
        sqlite3_bind_int64(st, 1, file_id);
        if (dated) {
            sqlite3_bind_int64(st, 2, llround(delta_s * 1000));
            sqlite3_bind_double(st, 3, delta_s);
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_db_fail(s, "cannot move the times of a file");
        sqlite3_finalize(st);
    }
    return rc;
}
