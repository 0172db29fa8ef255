/* internal.h - what the files of src/store/ share and nothing outside it sees: the store itself,
 * the write queue (writer.c) that store.c drives, and the connection primitives (db.c) both use.
 * The calls go one way: queries.c -> store.c -> writer.c -> db.c.
 *
 * While a database is built, every ingest-side write (bundle, host, file, line, link, command
 * row, hit) is encoded into a batch by the caller's thread and applied by a writer thread that
 * owns the SQLite connection while batches are outstanding. Anything else that touches the
 * connection (queries, findings, commit) first drains the queue (store_drain), so that callers
 * see their writes in order and the connection is never used by two threads at once. Ids the
 * caller needs back (bundle, host, file, line rowids, dictionary words) are counted here, not
 * read back from SQLite, which is what lets the inserts run behind.
 */
#ifndef RCA_STORE_INTERNAL_H
#define RCA_STORE_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include <sqlite3.h>

#include "rca_store.h"

enum { ROW_CACHE = 32 };

typedef struct row_stmt {
    char *key; /* "table|col1,col2,..." */
    sqlite3_stmt *stmt;
} row_stmt;

/* One batch of encoded writes (writer.c). */
typedef struct store_batch {
    struct store_batch *next;
    rca_buf ops;
    int oom; /* an append failed: the batch holds a cut op */
} store_batch;

/* A slot of the word dictionary's cache (writer.c): the id of a recently stored text. */
typedef struct word_slot {
    int64_t id;     /* 0: empty */
    uint8_t len;
    char text[103];
} word_slot;

/* The fixed part of a queued log line (writer.c); the raw text follows it in the batch. */
typedef struct line_op {
    int64_t rowid, file_id, src, req, greq, instance, rec_back;
    double ts;
    uint32_t msg_off, raw_len;
} line_op;

enum { LINE_GROUP = 32 }; /* lines per multi-row INSERT */

/* A slot of the src cache (writer.c): the id of a recently stored (level, logger, pid). */
typedef struct src_slot {
    int64_t id; /* 0: empty */
    int64_t logger, pid;
    uint32_t level;
} src_slot;

struct rca_store {
    sqlite3 *db;
    char *path; /* final path, NULL for :memory: and the private temporary database */
    char *tmp;  /* temporary path while building */
    int committed, in_txn, read_only;
    rca_diag *diag;
    /* statements of the writer (used by whichever thread holds the connection) */
    sqlite3_stmt *ins_line, *ins_lines, *ins_word, *ins_src, *ins_file, *fin_file, *ins_link, *ins_host, *ins_bundle;
    sqlite3_stmt *ins_hit, *upd_bundle;
    row_stmt rows[ROW_CACHE];
    size_t nrows;
    rca_buf key; /* scratch for row statement keys (writer side) */
    line_op group[LINE_GROUP]; /* lines waiting for a multi-row INSERT (writer side) */
    const char *group_raw[LINE_GROUP];
    unsigned ngroup;

    /* ids handed out by the caller's thread */
    int64_t next_line, next_word, next_src, next_file, next_host, next_bundle;
    word_slot *words; /* cache of the dictionary, WORD_SLOTS entries */
    word_slot last_word[4]; /* the last logger, req, greq, instance */
    src_slot *srcs;   /* cache of `src`, SRC_SLOTS entries */

    /* the queue */
    store_batch *cur;  /* being filled by the caller */
    store_batch *head, *tail, *spare;
    unsigned queued;   /* batches in head..tail */
    uint64_t pushed, applied;
    int thread_on, stop;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    rca_err werr;      /* the first error of the writer; later batches are dropped */
    char werr_msg[512];
    int werr_said;     /* werr_msg went to diag, or to a caller of rca_store_sync */
};

/* db.c: the connection's primitives; it calls no other file of the store. */
/* Tables parsers may fill through the row sink, and host columns that may be set. */
extern const char *const store_row_tables[];
enum { STORE_HOST_COLUMNS = 9 };
extern const char *const store_host_columns[STORE_HOST_COLUMNS + 1]; /* NULL-terminated */
/* Prepare without a word to diag (the writer thread calls it too): RCA_EDB. */
rca_err store_prepare(rca_store *s, const char *sql, sqlite3_stmt **st);
/* Say sqlite3_errmsg under `what` through s->diag; returns RCA_EDB. */
rca_err store_db_fail(rca_store *s, const char *what);
/* Step a statement that gives at most one row: 1 when it gave it, 0 when it gave none; a failure
 * sets *rc to RCA_EDB (said through s->diag) and gives 0. */
int store_one_row(rca_store *s, sqlite3_stmt *st, const char *what, rca_err *rc);
/* Finalize the writer's statements (before the connection closes). */
void store_finalize_statements(rca_store *s);

/* writer.c: the queued writes, on db.c. */
rca_err store_writer_init(rca_store *s); /* prepare statements, start the thread */
void store_writer_free(rca_store *s);    /* stop the thread, drop pending batches */
/* Apply everything queued and wait for it; reports a writer error through s->diag (once). */
rca_err store_drain(rca_store *s);

/* store.c: life and the generic reads, on writer.c and db.c. */
/* Prepare on the caller's side: drain the queue first, say why a prepare failed. */
rca_err store_prepare_drained(rca_store *s, const char *sql, sqlite3_stmt **st);

#endif
