/* writer.c - the ingest-side writes of the store, queued: the caller's thread encodes each write
 * into a batch (a byte string of ops), a writer thread applies the batches to SQLite in order.
 * Parsing and rule matching then overlap the inserts, which are the larger half of the work.
 * The queue is bounded (QUEUE_MAX batches of about BATCH_BYTES), so memory stays bounded whatever
 * the bundle. See internal.h for who may touch the connection when.
 *
 * Log lines are stored compactly: request ids and instance are ids into the `word` dictionary,
 * level, logger and pid one id into `src` (the `line` view gives the text back), the line number
 * and the record's first line are implied by the rowid. The caches of both dictionaries are
 * direct-mapped and bounded: a text evicted from one and seen again gets a second id with the
 * same text, which the view and its index handle like any other row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

enum {
    BATCH_BYTES = 256 * 1024,
    QUEUE_MAX = 8,
    WORD_SLOTS = 32768, /* power of two */
    SRC_SLOTS = 16384,  /* power of two */
};

enum op {
    OP_BUNDLE = 1,
    OP_BUNDLE_STATUS,
    OP_HOST,
    OP_HOST_SET,
    OP_FILE,
    OP_FILE_FIN,
    OP_LINK,
    OP_LINE,
    OP_WORD,
    OP_SRC,
    OP_ROW,
    OP_HIT,
};

#define NO_STR UINT32_MAX

/* An OP_SRC. */
typedef struct src_op {
    int64_t id, logger, pid;
    uint32_t level, pad;
} src_op;

/* ------------------------------------------------------------------ applying (writer side) */

typedef struct cursor {
    const char *p, *end;
} cursor;

static int get(cursor *c, void *out, size_t n)
{
    if ((size_t)(c->end - c->p) < n)
        return 0;
    memcpy(out, c->p, n);
    c->p += n;
    return 1;
}

static int64_t get_i64(cursor *c)
{
    int64_t v = 0;
    get(c, &v, sizeof v);
    return v;
}

static double get_f64(cursor *c)
{
    double v = -1;
    get(c, &v, sizeof v);
    return v;
}

/* A string: its bytes stay in the batch, which outlives the statement's step. */
static void bind_str(cursor *c, sqlite3_stmt *st, int i)
{
    uint32_t n = NO_STR;
    get(c, &n, sizeof n);
    if (n == NO_STR || (size_t)(c->end - c->p) < n) {
        sqlite3_bind_null(st, i);
        return;
    }
    sqlite3_bind_text(st, i, c->p, (int)n, SQLITE_STATIC);
    c->p += n;
}

static const char *get_cstr(cursor *c, size_t *len)
{
    uint32_t n = NO_STR;
    get(c, &n, sizeof n);
    if (n == NO_STR || (size_t)(c->end - c->p) < n)
        return NULL;
    const char *p = c->p;
    c->p += n;
    *len = n;
    return p;
}

static void bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static void bind_ts(sqlite3_stmt *st, int i, double v)
{
    if (v >= 0)
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* Record the first failure (writer side; the caller's thread reports it at the next drain). */
static rca_err wfail(rca_store *s, rca_err rc, const char *what)
{
    if (!s->werr) {
        pthread_mutex_lock(&s->mu);
        s->werr = rc;
        snprintf(s->werr_msg, sizeof s->werr_msg, "%s: %s", what,
                 rc == RCA_EDB ? sqlite3_errmsg(s->db) : rca_err_str(rc));
        pthread_mutex_unlock(&s->mu);
    }
    return rc;
}

static rca_err step(rca_store *s, sqlite3_stmt *st, const char *what)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r == SQLITE_DONE ? RCA_OK : wfail(s, RCA_EDB, what);
}

static int valid_ident(const char *c, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '_'))
            return 0;
    return 1;
}

static int known_name(const char *const *names, const char *p, size_t n)
{
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], p, n) == 0)
            return 1;
    return 0;
}

/* The cached INSERT for (table, columns), prepared on first use, into *out. RCA_EINTERNAL for a
 * damaged op or a name that is no known table or plain identifier. */
static rca_err row_statement(rca_store *s, const char *table, size_t tlen, size_t ncols,
                             cursor cols, sqlite3_stmt **out)
{
    const cursor names = cols;
    rca_buf *k = &s->key;
    rca_buf_reset(k);
    rca_buf_add(k, table, tlen);
    rca_buf_addc(k, '|');
    for (size_t i = 0; i < ncols; i++) {
        size_t n = 0;
        const char *c = get_cstr(&cols, &n);
        if (!c)
            return RCA_EINTERNAL;
        rca_buf_add(k, c, n);
        rca_buf_addc(k, ',');
    }
    if (!k->p)
        return RCA_ENOMEM;
    for (size_t i = 0; i < s->nrows; i++)
        if (strcmp(s->rows[i].key, k->p) == 0) {
            *out = s->rows[i].stmt;
            if (i > 0) { /* keep the most used statements at the front */
                row_stmt tmp = s->rows[i];
                s->rows[i] = s->rows[i - 1];
                s->rows[i - 1] = tmp;
            }
            return RCA_OK;
        }
    /* Table and column names come from sosrca's own parsers, never from a bundle; still, only
     * known tables and plain identifiers make it into SQL text. */
    if (!known_name(store_row_tables, table, tlen))
        return RCA_EINTERNAL;
    rca_buf sql;
    rca_buf_init(&sql);
    rca_buf_adds(&sql, "INSERT INTO ");
    rca_buf_add(&sql, table, tlen);
    rca_buf_adds(&sql, "(host_id,file_id,lineno");
    cols = names;
    for (size_t i = 0; i < ncols; i++) {
        size_t n = 0;
        const char *c = get_cstr(&cols, &n);
        if (!c || !valid_ident(c, n)) {
            rca_buf_free(&sql);
            return RCA_EINTERNAL;
        }
        rca_buf_addc(&sql, ',');
        rca_buf_add(&sql, c, n);
    }
    rca_buf_adds(&sql, ") VALUES(?,?,?");
    for (size_t i = 0; i < ncols; i++)
        rca_buf_adds(&sql, ",?");
    rca_buf_addc(&sql, ')');
    sqlite3_stmt *st = NULL;
    char *key = strdup(k->p);
    rca_err rc = !sql.p || !key ? RCA_ENOMEM : store_prepare(s, sql.p, &st);
    if (rc) {
        rca_buf_free(&sql);
        free(key);
        return rc;
    }
    rca_buf_free(&sql);
    if (s->nrows == ROW_CACHE) {
        sqlite3_finalize(s->rows[ROW_CACHE - 1].stmt);
        free(s->rows[ROW_CACHE - 1].key);
        s->nrows--;
    }
    s->rows[s->nrows].key = key;
    s->rows[s->nrows].stmt = st;
    s->nrows++;
    *out = st;
    return RCA_OK;
}

static rca_err apply_row(rca_store *s, cursor *c)
{
    int64_t host = get_i64(c), file = get_i64(c), lineno = get_i64(c);
    size_t tlen = 0;
    const char *table = get_cstr(c, &tlen);
    uint32_t ncols = 0;
    get(c, &ncols, sizeof ncols);
    if (!table)
        return wfail(s, RCA_EINTERNAL, "a row op is damaged");
    cursor cols = *c;
    for (uint32_t i = 0; i < ncols; i++) { /* skip the names to reach the values */
        size_t n;
        if (!get_cstr(c, &n))
            return wfail(s, RCA_EINTERNAL, "a row op is damaged");
    }
    sqlite3_stmt *st = NULL;
    rca_err rc = row_statement(s, table, tlen, ncols, cols, &st);
    if (rc)
        return wfail(s, rc, "cannot prepare a row insert");
    sqlite3_bind_int64(st, 1, host);
    sqlite3_bind_int64(st, 2, file);
    sqlite3_bind_int64(st, 3, lineno);
    for (uint32_t i = 0; i < ncols; i++)
        bind_str(c, st, (int)i + 4);
    return step(s, st, "cannot add a row");
}

static rca_err apply_host_set(rca_store *s, cursor *c)
{
    int64_t id = get_i64(c);
    uint32_t col = 0, is_num = 0;
    get(c, &col, sizeof col);
    get(c, &is_num, sizeof is_num);
    if (col >= STORE_HOST_COLUMNS)
        return wfail(s, RCA_EINTERNAL, "a host op is damaged");
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE host SET %s=? WHERE id=?", store_host_columns[col]);
    sqlite3_stmt *st;
    if (store_prepare(s, sql, &st))
        return wfail(s, RCA_EDB, "cannot update a host");
    if (is_num)
        sqlite3_bind_double(st, 1, get_f64(c));
    else
        bind_str(c, st, 1);
    sqlite3_bind_int64(st, 2, id);
    rca_err rc = step(s, st, "cannot update a host");
    sqlite3_finalize(st);
    return rc;
}

/* Bind line l of a group to the statement's parameters from `base` + 1 on. The rowid is left to
 * SQLite, which appends: only this thread inserts lines, in the order their rowids were handed
 * out (l->rowid), so they agree, and an append costs no search. */
static void bind_line(sqlite3_stmt *st, int base, const line_op *l, const char *raw)
{
    sqlite3_bind_int64(st, base + 1, l->file_id);
    /* whole milliseconds, what oslo.log and vlog print: 6 bytes a row, not a REAL's 8 */
    if (l->ts >= 0)
        sqlite3_bind_int64(st, base + 2, llround(l->ts * 1000));
    else
        sqlite3_bind_null(st, base + 2);
    bind_id(st, base + 3, l->src);
    bind_id(st, base + 4, l->req);
    bind_id(st, base + 5, l->greq);
    bind_id(st, base + 6, l->instance);
    /* one column for both (schema.sql): a continuation line is the rare case */
    if (l->rec_back > 0)
        sqlite3_bind_int64(st, base + 7, -(l->rec_back * ((int64_t)1 << 32) + l->msg_off) - 1);
    else
        sqlite3_bind_int64(st, base + 7, l->msg_off);
    sqlite3_bind_text(st, base + 8, raw, (int)l->raw_len, SQLITE_STATIC);
}

/* Insert the grouped lines: one statement for a full group (a step per row costs more than
 * the row), one per line for the rest. Every parameter is bound each time: no clearing. */
static rca_err flush_lines(rca_store *s)
{
    unsigned n = s->ngroup;
    s->ngroup = 0;
    if (n == LINE_GROUP) {
        for (unsigned i = 0; i < n; i++)
            bind_line(s->ins_lines, (int)i * 8, &s->group[i], s->group_raw[i]);
        int r = sqlite3_step(s->ins_lines);
        sqlite3_reset(s->ins_lines);
        if (r != SQLITE_DONE)
            return wfail(s, RCA_EDB, "cannot add log lines");
    } else {
        for (unsigned i = 0; i < n; i++) {
            bind_line(s->ins_line, 0, &s->group[i], s->group_raw[i]);
            int r = sqlite3_step(s->ins_line);
            sqlite3_reset(s->ins_line);
            if (r != SQLITE_DONE)
                return wfail(s, RCA_EDB, "cannot add a log line");
        }
    }
    /* the rowids SQLite chose are the ones handed out (evidence is found by them) */
    if (n && sqlite3_last_insert_rowid(s->db) != s->group[n - 1].rowid)
        return wfail(s, RCA_EINTERNAL, "log line rowids out of step");
    return RCA_OK;
}

static rca_err apply_one(rca_store *s, cursor *c)
{
    uint8_t op = 0;
    get(c, &op, 1);
    sqlite3_stmt *st;
    /* words and sources may go in whenever; anything else keeps its place after the lines */
    if (s->ngroup && op != OP_LINE && op != OP_WORD && op != OP_SRC) {
        rca_err rc = flush_lines(s);
        if (rc)
            return rc;
    }
    switch (op) {
    case OP_LINE: {
        line_op *l = &s->group[s->ngroup];
        if (!get(c, l, sizeof *l) || (size_t)(c->end - c->p) < l->raw_len)
            return wfail(s, RCA_EINTERNAL, "a line op is damaged");
        s->group_raw[s->ngroup++] = c->p;
        c->p += l->raw_len;
        return s->ngroup == LINE_GROUP ? flush_lines(s) : RCA_OK;
    }
    case OP_WORD:
        st = s->ins_word;
        sqlite3_bind_int64(st, 1, get_i64(c));
        bind_str(c, st, 2);
        return step(s, st, "cannot add a word");
    case OP_SRC: {
        src_op o;
        if (!get(c, &o, sizeof o))
            return wfail(s, RCA_EINTERNAL, "a src op is damaged");
        st = s->ins_src;
        sqlite3_bind_int64(st, 1, o.id);
        bind_id(st, 2, o.level);
        bind_id(st, 3, o.logger);
        if (o.pid >= 0)
            sqlite3_bind_int64(st, 4, o.pid);
        return step(s, st, "cannot add a line source");
    }
    case OP_ROW:
        return apply_row(s, c);
    case OP_HIT:
        st = s->ins_hit;
        bind_str(c, st, 1);
        bind_str(c, st, 2);
        bind_id(st, 3, get_i64(c));
        bind_id(st, 4, get_i64(c));
        bind_id(st, 5, get_i64(c));
        bind_ts(st, 6, get_f64(c));
        bind_str(c, st, 7);
        return step(s, st, "cannot add a rule match");
    case OP_FILE:
        st = s->ins_file;
        sqlite3_bind_int64(st, 1, get_i64(c));
        sqlite3_bind_int64(st, 2, get_i64(c));
        sqlite3_bind_int64(st, 7, get_i64(c));
        for (int i = 3; i <= 6; i++)
            bind_str(c, st, i);
        return step(s, st, "cannot add a file");
    case OP_FILE_FIN:
        st = s->fin_file;
        sqlite3_bind_int64(st, 6, get_i64(c));
        sqlite3_bind_int64(st, 1, get_i64(c));
        sqlite3_bind_int64(st, 2, get_i64(c));
        bind_ts(st, 3, get_f64(c));
        bind_ts(st, 4, get_f64(c));
        bind_str(c, st, 5);
        return step(s, st, "cannot finish a file");
    case OP_LINK:
        st = s->ins_link;
        sqlite3_bind_int64(st, 1, get_i64(c));
        for (int i = 2; i <= 5; i++)
            bind_str(c, st, i);
        return step(s, st, "cannot add a link");
    case OP_HOST:
        st = s->ins_host;
        sqlite3_bind_int64(st, 1, get_i64(c));
        sqlite3_bind_int64(st, 2, get_i64(c));
        bind_str(c, st, 3);
        return step(s, st, "cannot add a host");
    case OP_HOST_SET:
        return apply_host_set(s, c);
    case OP_BUNDLE:
        st = s->ins_bundle;
        sqlite3_bind_int64(st, 1, get_i64(c));
        bind_str(c, st, 2);
        return step(s, st, "cannot add a bundle");
    case OP_BUNDLE_STATUS:
        st = s->upd_bundle;
        sqlite3_bind_int64(st, 3, get_i64(c));
        bind_str(c, st, 1);
        bind_str(c, st, 2);
        return step(s, st, "cannot update a bundle");
    default:
        return wfail(s, RCA_EINTERNAL, "unknown op in a write batch");
    }
}

static void apply_batch(rca_store *s, store_batch *b)
{
    cursor c = {b->ops.p, b->ops.p + b->ops.n};
    while (!s->werr && c.p < c.end)
        apply_one(s, &c);
    if (s->ngroup && !s->werr)
        flush_lines(s); /* the group points into the batch, which is about to be reused */
    s->ngroup = 0;
    rca_buf_reset(&b->ops);
}

static void *writer_main(void *arg)
{
    rca_store *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (!s->head && !s->stop)
            pthread_cond_wait(&s->cv_work, &s->mu);
        if (!s->head)
            break; /* stopped and nothing left */
        store_batch *b = s->head;
        s->head = b->next;
        if (!s->head)
            s->tail = NULL;
        s->queued--;
        int drop = s->stop || s->werr;
        pthread_mutex_unlock(&s->mu);
        if (!drop)
            apply_batch(s, b);
        rca_buf_reset(&b->ops);
        b->oom = 0;
        pthread_mutex_lock(&s->mu);
        b->next = s->spare;
        s->spare = b;
        s->applied++;
        pthread_cond_broadcast(&s->cv_done);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/* ------------------------------------------------------------------ the queue (caller side) */

static store_batch *new_batch(rca_store *s)
{
    store_batch *b = NULL;
    if (s->thread_on)
        pthread_mutex_lock(&s->mu);
    if (s->spare) {
        b = s->spare;
        s->spare = b->next;
    }
    if (s->thread_on)
        pthread_mutex_unlock(&s->mu);
    if (!b) {
        b = calloc(1, sizeof *b);
        if (b)
            rca_buf_init(&b->ops);
    }
    if (b)
        b->next = NULL;
    return b;
}

/* Hand the current batch to the writer (or apply it here when there is no thread). */
static rca_err push(rca_store *s)
{
    store_batch *b = s->cur;
    if (b && b->oom) { /* an op in it is cut: none of it can be applied */
        rca_buf_reset(&b->ops);
        b->oom = 0;
        return RCA_ENOMEM;
    }
    if (!b || !b->ops.n)
        return RCA_OK;
    s->cur = NULL;
    if (!s->thread_on) {
        apply_batch(s, b);
        b->next = s->spare;
        s->spare = b;
        return s->werr;
    }
    pthread_mutex_lock(&s->mu);
    while (s->queued >= QUEUE_MAX && !s->werr)
        pthread_cond_wait(&s->cv_done, &s->mu);
    b->next = NULL;
    if (s->tail)
        s->tail->next = b;
    else
        s->head = b;
    s->tail = b;
    s->queued++;
    s->pushed++;
    rca_err rc = s->werr;
    pthread_cond_signal(&s->cv_work);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

/* Hand over the current batch and wait until everything queued is applied. */
static rca_err wait_applied(rca_store *s)
{
    if (s->read_only)
        return RCA_OK;
    rca_err rc = push(s);
    rca_err werr;
    if (s->thread_on) {
        pthread_mutex_lock(&s->mu);
        while (s->applied < s->pushed)
            pthread_cond_wait(&s->cv_done, &s->mu);
        werr = s->werr;
        pthread_mutex_unlock(&s->mu);
    } else {
        werr = s->werr;
    }
    return rc ? rc : werr;
}

rca_err store_drain(rca_store *s)
{
    rca_err rc = wait_applied(s);
    if (s->werr && !s->werr_said) {
        s->werr_said = 1;
        rca_diagf(s->diag, RCA_DIAG_ERROR, s->path ? s->path : "database", NULL, 0, 0, NULL,
                  "%s", s->werr_msg);
    }
    return rc;
}

rca_err rca_store_sync(rca_store *s)
{
    rca_err rc = wait_applied(s);
    if (s->werr)
        s->werr_said = 1; /* the caller says it, with rca_store_errmsg */
    return rc;
}

/* The batch to append an op of about `need` bytes to (an estimate: appends past it still work);
 * pushes the full one first. */
static store_batch *room(rca_store *s, size_t need, rca_err *rc)
{
    *rc = RCA_OK;
    if (s->cur && s->cur->ops.n + need > BATCH_BYTES && s->cur->ops.n)
        if ((*rc = push(s)))
            return NULL;
    if (!s->cur && !(s->cur = new_batch(s))) {
        *rc = RCA_ENOMEM;
        return NULL;
    }
    rca_buf *o = &s->cur->ops;
    if (o->n + need >= o->cap && rca_buf_reserve(o, need)) { /* once for the whole op */
        *rc = RCA_ENOMEM;
        return NULL;
    }
    return s->cur;
}

/* Append to the batch: a plain copy while there is room (the common case, one per field of
 * every line), else through rca_buf; a failed append marks the batch, which is then dropped. */
static inline void put(store_batch *b, const void *p, size_t n)
{
    rca_buf *o = &b->ops;
    if (o->n + n < o->cap) {
        memcpy(o->p + o->n, p, n);
        o->n += n;
    } else if (rca_buf_add(o, p, n)) {
        b->oom = 1;
    }
}
static void put_u8(store_batch *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(store_batch *b, uint32_t v) { put(b, &v, sizeof v); }
static void put_i64(store_batch *b, int64_t v) { put(b, &v, sizeof v); }
static void put_f64(store_batch *b, double v) { put(b, &v, sizeof v); }

static void put_strn(store_batch *b, const char *p, size_t n)
{
    if (!p || n >= NO_STR) {
        put_u32(b, NO_STR);
        return;
    }
    put_u32(b, (uint32_t)n);
    put(b, p, n);
}

static void put_str(store_batch *b, const char *p) { put_strn(b, p, p ? strlen(p) : 0); }

/* After encoding an op. */
static rca_err done(store_batch *b) { return b->oom ? RCA_ENOMEM : RCA_OK; }

#define OPEN(s, need, b)                                                                           \
    rca_err rc_;                                                                                   \
    store_batch *b = room((s), (need), &rc_);                                                      \
    if (!b)                                                                                        \
        return rc_;

rca_err rca_store_add_bundle(rca_store *s, const char *path, int64_t *out_id)
{
    OPEN(s, 64, b);
    *out_id = s->next_bundle++;
    put_u8(b, OP_BUNDLE);
    put_i64(b, *out_id);
    put_str(b, path);
    return done(b);
}

rca_err rca_store_set_bundle_status(rca_store *s, int64_t bundle_id, const char *status,
                                    const char *message)
{
    OPEN(s, 256, b);
    put_u8(b, OP_BUNDLE_STATUS);
    put_i64(b, bundle_id);
    put_str(b, status);
    put_str(b, message);
    return done(b);
}

rca_err rca_store_add_host(rca_store *s, int64_t bundle_id, const char *report, int64_t *out_id)
{
    OPEN(s, 128, b);
    *out_id = s->next_host++;
    put_u8(b, OP_HOST);
    put_i64(b, *out_id);
    put_i64(b, bundle_id);
    put_str(b, report);
    return done(b);
}

static rca_err set_host(rca_store *s, int64_t host_id, const char *column, const char *text,
                        double num, int is_num)
{
    uint32_t col = 0;
    while (store_host_columns[col] && strcmp(store_host_columns[col], column) != 0)
        col++;
    if (!store_host_columns[col])
        return RCA_EINTERNAL;
    OPEN(s, 128, b);
    put_u8(b, OP_HOST_SET);
    put_i64(b, host_id);
    put_u32(b, col);
    put_u32(b, (uint32_t)is_num);
    if (is_num)
        put_f64(b, num);
    else
        put_str(b, text);
    return done(b);
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
    OPEN(s, 256, b);
    *out_id = s->next_file++;
    put_u8(b, OP_FILE);
    put_i64(b, *out_id);
    put_i64(b, host_id);
    put_i64(b, s->next_line); /* the file's lines are the next rows */
    put_str(b, path);
    put_str(b, parser);
    put_str(b, service);
    put_str(b, via);
    return done(b);
}

rca_err rca_store_finish_file(rca_store *s, int64_t file_id, int64_t bytes, int64_t lines,
                              double first_ts, double last_ts, const char *status)
{
    OPEN(s, 64, b);
    put_u8(b, OP_FILE_FIN);
    put_i64(b, file_id);
    put_i64(b, bytes);
    put_i64(b, lines);
    put_f64(b, first_ts);
    put_f64(b, last_ts);
    put_str(b, status ? status : "ok");
    return done(b);
}

rca_err rca_store_add_link(rca_store *s, int64_t host_id, const char *path, const char *target,
                           const char *resolved, const char *status)
{
    OPEN(s, 256, b);
    put_u8(b, OP_LINK);
    put_i64(b, host_id);
    put_str(b, path);
    put_str(b, target);
    put_str(b, resolved);
    put_str(b, status);
    return done(b);
}

/* The dictionary id of a text (0 for none), adding an OP_WORD to b when it is new. */
/* A hash of a short text, eight bytes at a time. */
static uint64_t hash_text(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (n) {
        uint64_t v = 0;
        memcpy(&v, p, n);
        h = (h ^ v) * 0xC4CEB9FE1A85EC53u;
    }
    return h ^ (h >> 29);
}

/* The dictionary id of a text (0 for none), adding an OP_WORD to b when it is new. `last` is
 * the previous line's word of the same field, which the next line most often repeats. */
static int64_t word(rca_store *s, store_batch *b, rca_span t, word_slot *last)
{
    if (!t.p || !t.n)
        return 0;
    if (last->id && last->len == t.n && memcmp(last->text, t.p, t.n) == 0)
        return last->id;
    word_slot *w = NULL;
    if (t.n <= sizeof w->text && s->words) {
        w = &s->words[hash_text(t.p, t.n) & (WORD_SLOTS - 1)];
        if (w->id && w->len == t.n && memcmp(w->text, t.p, t.n) == 0) {
            *last = *w;
            return w->id;
        }
    }
    int64_t id = s->next_word++;
    put_u8(b, OP_WORD);
    put_i64(b, id);
    put_strn(b, t.p, t.n);
    if (w) {
        w->id = id;
        w->len = (uint8_t)t.n;
        memcpy(w->text, t.p, t.n);
        *last = *w;
    } else {
        last->id = 0;
    }
    return id;
}

/* The src id of (level, logger, pid), 0 for none, adding an OP_SRC to b when it is new. */
static int64_t src(rca_store *s, store_batch *b, rca_level level, int64_t logger, int64_t pid)
{
    if (pid < 0)
        pid = -1;
    if (!level && !logger && pid < 0)
        return 0;
    uint64_t h = ((uint64_t)logger * 0x9E3779B97F4A7C15u) ^ ((uint64_t)pid * 0xC2B2AE3D27D4EB4Fu) ^
                 (uint64_t)level;
    h ^= h >> 29;
    src_slot *w = s->srcs ? &s->srcs[h & (SRC_SLOTS - 1)] : NULL;
    if (w && w->id && w->logger == logger && w->pid == pid && w->level == (uint32_t)level)
        return w->id;
    src_op o;
    memset(&o, 0, sizeof o);
    o.id = s->next_src++;
    o.level = (uint32_t)level;
    o.logger = logger;
    o.pid = pid;
    put_u8(b, OP_SRC);
    put(b, &o, sizeof o);
    if (w) {
        w->id = o.id;
        w->logger = logger;
        w->pid = pid;
        w->level = (uint32_t)level;
    }
    return o.id;
}

rca_err rca_store_add_line(rca_store *s, const rca_line_row *r)
{
    size_t extra = r->logger.n + r->req.n + r->greq.n + r->instance.n + 4 * 24;
    OPEN(s, sizeof(line_op) + sizeof(src_op) + 2 + r->raw.n + extra, b);
    line_op l;
    memset(&l, 0, sizeof l); /* the padding too: the op is copied whole */
    l.src = src(s, b, r->level, word(s, b, r->logger, &s->last_word[0]), r->pid);
    l.req = word(s, b, r->req, &s->last_word[1]);
    l.greq = word(s, b, r->greq, &s->last_word[2]);
    l.instance = word(s, b, r->instance, &s->last_word[3]);
    l.rowid = s->next_line++;
    l.file_id = r->file_id;
    l.rec_back = r->rec > 0 && r->rec <= r->lineno ? r->lineno - r->rec : 0;
    l.ts = r->ts;
    l.msg_off = (uint32_t)r->msg_off;
    l.raw_len = (uint32_t)r->raw.n;
    put_u8(b, OP_LINE);
    put(b, &l, sizeof l);
    put(b, r->raw.p ? r->raw.p : "", r->raw.n);
    return done(b);
}

rca_err rca_store_add_row(rca_store *s, int64_t host_id, int64_t file_id, const char *table,
                          unsigned lineno, size_t ncols, const char *const *cols,
                          const rca_span *vals)
{
    /* refused here, before any SQL is made (the writer checks again) */
    if (!known_name(store_row_tables, table, strlen(table)))
        return RCA_EINTERNAL;
    size_t need = 64 + strlen(table);
    for (size_t i = 0; i < ncols; i++) {
        if (!valid_ident(cols[i], strlen(cols[i])))
            return RCA_EINTERNAL;
        need += 8 + strlen(cols[i]) + vals[i].n;
    }
    OPEN(s, need, b);
    put_u8(b, OP_ROW);
    put_i64(b, host_id);
    put_i64(b, file_id);
    put_i64(b, lineno);
    put_str(b, table);
    put_u32(b, (uint32_t)ncols);
    for (size_t i = 0; i < ncols; i++)
        put_str(b, cols[i]);
    for (size_t i = 0; i < ncols; i++)
        put_strn(b, vals[i].p, vals[i].n);
    return done(b);
}

rca_err rca_store_add_hit(rca_store *s, const char *rule, const char *grp, int64_t host_id,
                          int64_t file_id, int64_t lineno, double ts, const char *fields)
{
    size_t need = 64 + strlen(rule) + (grp ? strlen(grp) : 0) + (fields ? strlen(fields) : 0);
    OPEN(s, need, b);
    put_u8(b, OP_HIT);
    put_str(b, rule);
    put_str(b, grp);
    put_i64(b, host_id);
    put_i64(b, file_id);
    put_i64(b, lineno);
    put_f64(b, ts);
    put_str(b, fields);
    return done(b);
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
    static sink_ctx ctx; /* one sink at a time: one caller thread feeds a store */
    ctx.s = s;
    ctx.host_id = host_id;
    ctx.file_id = file_id;
    rca_row_sink sink = {sink_row, &ctx};
    return sink;
}

/* ------------------------------------------------------------------ life */

/* The multi-row INSERT of LINE_GROUP lines. */
static rca_err prepare_lines(rca_store *s)
{
    rca_buf sql;
    rca_buf_init(&sql);
    rca_buf_adds(&sql, "INSERT INTO line_data(file_id,ts_ms,src,req,greq,instance,pos,raw) VALUES");
    for (unsigned i = 0; i < LINE_GROUP; i++)
        rca_buf_adds(&sql, i ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)");
    rca_err rc = sql.p ? store_prepare(s, sql.p, &s->ins_lines) : RCA_ENOMEM;
    rca_buf_free(&sql);
    return rc;
}

rca_err store_writer_init(rca_store *s)
{
    rca_err rc;
    s->next_line = s->next_word = s->next_src = s->next_file = s->next_host = s->next_bundle = 1;
    rca_buf_init(&s->key);
    if ((rc = store_prepare(s,
                            "INSERT INTO line_data(file_id,ts_ms,src,req,greq,instance,"
                            "pos,raw) VALUES(?,?,?,?,?,?,?,?)",
                            &s->ins_line)) ||
        (rc = prepare_lines(s)) ||
        (rc = store_prepare(s, "INSERT INTO src(id,level,logger,pid) VALUES(?,?,?,?)",
                            &s->ins_src)) ||
        (rc = store_prepare(s, "INSERT INTO word(id,text) VALUES(?,?)", &s->ins_word)) ||
        (rc = store_prepare(s,
                            "INSERT INTO file(id,host_id,path,parser,service,via,line_base) "
                            "VALUES(?,?,?,?,?,?,?)",
                            &s->ins_file)) ||
        (rc = store_prepare(s,
                            "UPDATE file SET bytes=?,lines=?,first_ts=?,last_ts=?,status=? "
                            "WHERE id=?",
                            &s->fin_file)) ||
        (rc = store_prepare(s,
                            "INSERT INTO link(host_id,path,target,resolved,status) "
                            "VALUES(?,?,?,?,?)",
                            &s->ins_link)) ||
        (rc = store_prepare(s, "INSERT INTO host(id,bundle_id,report) VALUES(?,?,?)",
                            &s->ins_host)) ||
        (rc = store_prepare(s, "INSERT INTO bundle(id,path) VALUES(?,?)", &s->ins_bundle)) ||
        (rc = store_prepare(s, "UPDATE bundle SET status=?, message=? WHERE id=?",
                            &s->upd_bundle)) ||
        (rc = store_prepare(s,
                            "INSERT INTO hit(rule,grp,host_id,file_id,lineno,ts,fields) "
                            "VALUES(?,?,?,?,?,?,?)",
                            &s->ins_hit)))
        return rc;
    s->words = calloc(WORD_SLOTS, sizeof *s->words);
    s->srcs = calloc(SRC_SLOTS, sizeof *s->srcs);
    if (!s->words || !s->srcs)
        return RCA_ENOMEM;
    if (pthread_mutex_init(&s->mu, NULL))
        return RCA_ENOMEM;
    if (pthread_cond_init(&s->cv_work, NULL) || pthread_cond_init(&s->cv_done, NULL))
        return RCA_ENOMEM;
    /* without a thread (none to be had) the batches are applied by the caller: same result */
    s->thread_on = pthread_create(&s->thread, NULL, writer_main, s) == 0;
    return RCA_OK;
}

static void free_list(store_batch *b)
{
    while (b) {
        store_batch *n = b->next;
        rca_buf_free(&b->ops);
        free(b);
        b = n;
    }
}

void store_writer_free(rca_store *s)
{
    if (s->thread_on) {
        pthread_mutex_lock(&s->mu);
        s->stop = 1;
        pthread_cond_signal(&s->cv_work);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->thread, NULL);
        s->thread_on = 0;
        pthread_cond_destroy(&s->cv_work);
        pthread_cond_destroy(&s->cv_done);
        pthread_mutex_destroy(&s->mu);
    }
    free_list(s->cur);
    free_list(s->head);
    free_list(s->spare);
    s->cur = s->head = s->tail = s->spare = NULL;
    free(s->words);
    free(s->srcs);
    s->words = NULL;
    s->srcs = NULL;
    rca_buf_free(&s->key);
}
