/* rowrec.h - what the parser tests (test_cmdout.c, test_ovsdb.c) share: a row sink that records
 * every row a parser hands out as "table|value|value|..." (NULL for a missing value) with its
 * line, after checking the row against the store's columns and NOT NULL constraints
 * (src/store/schema.sql), a diagnostics sink that counts warnings and errors and requires every
 * message to name the entry, and `run`, which feeds a parser a private copy of exactly the input's
 * bytes so that ASan sees any read past the end. Header-only; every function is static.
 */
#ifndef RCA_ROWREC_H
#define RCA_ROWREC_H

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "rca_parse.h"
#include "rca_util.h"

#define RR_UNUSED __attribute__((unused))

typedef struct recorder {
    char **rows;
    unsigned *lines;
    size_t n, cap;
    size_t fail_at; /* answer RCA_EDB to the fail_at-th row (1-based; 0: never) */
} recorder;

/* The store's column lists (without host_id, file_id, lineno), and how many leading columns are
 * NOT NULL. The `fact` table belongs to facts.c's parsers and is not checked here. */
typedef struct rr_table {
    const char *name;
    const char *const *cols;
    size_t not_null;
} rr_table;

static const char *const rr_df_cols[] = {"kind", "filesystem", "fstype", "total", "used",
                                         "avail", "use_pct", "mount", NULL};
static const char *const rr_mem_cols[] = {"source",        "total_kb",     "used_kb",
                                          "free_kb",       "shared_kb",    "cache_kb",
                                          "available_kb",  "swap_total_kb", "swap_free_kb",
                                          NULL};
static const char *const rr_bridge_cols[] = {"name", "fail_mode", "datapath_type", "controller",
                                             "controller_connected", NULL};
static const char *const rr_port_cols[] = {"bridge", "port", "interface", "type", "remote_ip",
                                           "peer", "options", "error", NULL};
static const char *const rr_ovsdb_cols[] = {"db", "tbl", "uuid", "col", "key", "value", NULL};

static const rr_table rr_tables[] = {
    {"df", rr_df_cols, 1},
    {"mem", rr_mem_cols, 1},
    {"ovs_bridge", rr_bridge_cols, 1},
    {"ovs_port", rr_port_cols, 2},
    {"ovsdb", rr_ovsdb_cols, 4},
};

static void rr_check_row(const char *table, unsigned lineno, size_t ncols,
                         const char *const *cols, const rca_span *vals)
{
    assert_true(lineno > 0);
    if (!strcmp(table, "fact"))
        return;
    const rr_table *t = NULL;
    for (size_t i = 0; i < RCA_ARRAY_LEN(rr_tables); i++)
        if (!strcmp(table, rr_tables[i].name))
            t = &rr_tables[i];
    if (!t)
        fail_msg("a row for table '%s', which the store does not have", table);
    size_t k = 0;
    for (; t->cols[k]; k++) {
        assert_true(k < ncols);
        assert_string_equal(cols[k], t->cols[k]);
    }
    assert_int_equal(k, ncols);
    for (size_t i = 0; i < t->not_null; i++)
        assert_non_null(vals[i].p);
}

static rca_err rec_row(void *ctx, const char *table, unsigned lineno, size_t ncols,
                       const char *const *cols, const rca_span *vals)
{
    recorder *r = ctx;
    rr_check_row(table, lineno, ncols, cols, vals);
    if (r->fail_at && r->n + 1 == r->fail_at)
        return RCA_EDB;
    rca_buf b;
    rca_buf_init(&b);
    assert_int_equal(rca_buf_adds(&b, table), RCA_OK);
    for (size_t i = 0; i < ncols; i++) {
        assert_int_equal(rca_buf_addc(&b, '|'), RCA_OK);
        if (vals[i].p)
            assert_int_equal(rca_buf_add(&b, vals[i].p, vals[i].n), RCA_OK);
        else
            assert_int_equal(rca_buf_adds(&b, "NULL"), RCA_OK);
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->rows = realloc(r->rows, r->cap * sizeof *r->rows);
        r->lines = realloc(r->lines, r->cap * sizeof *r->lines);
        assert_non_null(r->rows);
        assert_non_null(r->lines);
    }
    r->lines[r->n] = lineno;
    r->rows[r->n++] = rca_buf_take(&b);
    return RCA_OK;
}

RR_UNUSED static void rec_free(recorder *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->rows[i]);
    free(r->rows);
    free(r->lines);
    memset(r, 0, sizeof *r);
}

RR_UNUSED static int rec_has(const recorder *r, const char *row)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->rows[i], row))
            return 1;
    return 0;
}

/* The recorded rows are exactly `rows` (NULL-terminated), on `lines` (one per row) unless NULL. */
RR_UNUSED static void expect_rows(const recorder *r, const char *const *rows,
                                  const unsigned *lines)
{
    size_t want = 0;
    while (rows[want])
        want++;
    for (size_t i = 0; i < r->n && i < want; i++) {
        if (strcmp(r->rows[i], rows[i]))
            print_message("row %zu\n  got  %s\n  want %s\n", i, r->rows[i], rows[i]);
        assert_string_equal(r->rows[i], rows[i]);
        if (lines)
            assert_int_equal(r->lines[i], lines[i]);
    }
    if (r->n != want)
        for (size_t i = want < r->n ? want : r->n; i < r->n; i++)
            print_message("extra row %s\n", r->rows[i]);
    assert_int_equal(r->n, want);
}

typedef struct diag_log {
    const char *path; /* every message must name this entry */
    unsigned warnings, errors;
} diag_log;

static void diag_fn(void *ctx, const rca_diag_msg *m)
{
    diag_log *d = ctx;
    assert_non_null(m->text);
    if (d->path) {
        assert_non_null(m->entry);
        assert_string_equal(m->entry, d->path);
    }
    if (m->sev == RCA_DIAG_WARNING)
        d->warnings++;
    if (m->sev == RCA_DIAG_ERROR)
        d->errors++;
}

/* Run parser `name` on a private copy of exactly `len` bytes of text (ASan sees any read past
 * the end), recording its rows in r and its diagnostics in log (may be NULL). */
RR_UNUSED static rca_err run(const char *name, const char *path, const char *arg,
                             const char *text, size_t len, recorder *r, diag_log *log)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    if (len)
        memcpy(copy, text, len);
    diag_log local = {0};
    if (!log)
        log = &local;
    log->path = path;
    rca_row_sink sink = {rec_row, r};
    rca_diag diag = {diag_fn, log, 0, 0, 0};
    rca_err rc = rca_parse_command(name, path, arg, copy, len, &sink, &diag);
    free(copy);
    return rc;
}

#endif
