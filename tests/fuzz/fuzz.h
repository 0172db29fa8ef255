/* fuzz.h - what the libFuzzer targets of tests/fuzz/ share: a diagnostics sink and a row sink
 * that touch every byte they are given (so that AddressSanitizer sees a span that points past
 * its buffer), span checks that abort on a parser's broken promise, and the checkout folder
 * (for rules/layout.map and rules/codes.list). Built by `make fuzz` only; see docs/robustness.md.
 */
#ifndef RCA_FUZZ_H
#define RCA_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rca_parse.h"
#include "rca_util.h"

#ifndef RCA_SRCDIR
#define RCA_SRCDIR "."
#endif

/* The checkout, for the shipped layout map and codes list (SOSRCA_SRCDIR overrides). */
static inline const char *fuzz_srcdir(void)
{
    const char *s = getenv("SOSRCA_SRCDIR");
    return s && *s ? s : RCA_SRCDIR;
}

/* Abort with a message: libFuzzer records the input as a crash. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Read every byte of s (ASan reports an overread); returns a checksum nobody uses. */
static inline unsigned fuzz_touch(const char *p, size_t n)
{
    volatile unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned char)p[i];
    return sum;
}

static inline unsigned fuzz_touch_str(const char *s)
{
    return s ? fuzz_touch(s, strlen(s)) : 0;
}

/* A span must be empty, or lie inside [base, base + len). */
static inline void fuzz_check_span(rca_span s, const char *base, size_t len)
{
    if (!s.p) {
        FUZZ_CHECK(s.n == 0);
        return;
    }
    FUZZ_CHECK(s.p >= base && s.p <= base + len);
    FUZZ_CHECK(s.n <= (size_t)(base + len - s.p));
}

/* Diagnostics: formatted the way the report does it, and every string touched. */
static inline void fuzz_diag_fn(void *ctx, const rca_diag_msg *m)
{
    (void)ctx;
    FUZZ_CHECK(m->text != NULL);
    fuzz_touch_str(m->where);
    fuzz_touch_str(m->entry);
    fuzz_touch_str(m->source_line);
    fuzz_touch_str(m->text);
    rca_buf b;
    rca_buf_init(&b);
    rca_escape_text(&b, m->text, strlen(m->text));
    rca_buf_free(&b);
}

static inline rca_diag fuzz_diag(void)
{
    rca_diag d = {fuzz_diag_fn, NULL, 0, 0, 0};
    return d;
}

/* Rows: checked for shape and touched, then dropped. */
static inline rca_err fuzz_row_fn(void *ctx, const char *table, unsigned lineno, size_t ncols,
                                  const char *const *cols, const rca_span *vals)
{
    (void)ctx;
    (void)lineno;
    FUZZ_CHECK(table != NULL);
    FUZZ_CHECK(ncols > 0 && ncols < 64);
    fuzz_touch_str(table);
    for (size_t i = 0; i < ncols; i++) {
        FUZZ_CHECK(cols[i] != NULL);
        fuzz_touch_str(cols[i]);
        FUZZ_CHECK(vals[i].p != NULL || vals[i].n == 0);
        if (vals[i].p)
            fuzz_touch(vals[i].p, vals[i].n);
    }
    return RCA_OK;
}

static inline rca_row_sink fuzz_rows(void)
{
    rca_row_sink s = {fuzz_row_fn, NULL};
    return s;
}

#endif
