/* db.c - what every file of src/store/ uses of the connection and nothing else: the tables and
 * host columns the writes may name, preparing a statement, saying a SQLite failure, finalizing
 * the writer's statements. It calls no other file of the store, so that store.c (life, reads) and
 * writer.c (the queued writes) both sit on it and never call each other both ways.
 */
#include <stdlib.h>

#include "store/internal.h"

const char *const store_row_tables[] = {"df", "mem", "ovs_bridge", "ovs_port", "ovsdb", "fact",
                                        "hit", NULL};

const char *const store_host_columns[STORE_HOST_COLUMNS + 1] = {"hostname", "fqdn", "roles", "collected_at", "tz",
                                          "utc_offset", "kernel", "sos_version", "system_id",
                                          NULL};

rca_err store_db_fail(rca_store *s, const char *what)
{
    rca_diagf(s->diag, RCA_DIAG_ERROR, s->path ? s->path : "database", NULL, 0, 0, NULL,
              "%s: %s", what, sqlite3_errmsg(s->db));
    return RCA_EDB;
}

/* Prepare without a word to diag (the writer thread calls it too). */
rca_err store_prepare(rca_store *s, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return RCA_EDB;
    return RCA_OK;
}

void store_finalize_statements(rca_store *s)
{
    sqlite3_stmt **all[] = {&s->ins_line, &s->ins_lines, &s->ins_word, &s->ins_src, &s->ins_file,   &s->fin_file, &s->ins_link,
                            &s->ins_host, &s->ins_bundle, &s->upd_bundle, &s->ins_hit};
    for (size_t i = 0; i < RCA_ARRAY_LEN(all); i++) {
        sqlite3_finalize(*all[i]);
        *all[i] = NULL;
    }
    for (size_t i = 0; i < s->nrows; i++) {
        sqlite3_finalize(s->rows[i].stmt);
        free(s->rows[i].key);
    }
    s->nrows = 0;
}

int store_one_row(rca_store *s, sqlite3_stmt *st, const char *what, rca_err *rc)
{
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        *rc = store_db_fail(s, what);
    return r == SQLITE_ROW;
}
