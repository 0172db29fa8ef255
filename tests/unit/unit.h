/* unit.h - what every cmocka unit test includes (cmocka needs these headers first). */
#ifndef RCA_UNIT_H
#define RCA_UNIT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* Compare a span with a C string in a test. */
#define assert_span_equal(span, str)                                                               \
    do {                                                                                           \
        rca_span s_ = (span);                                                                      \
        const char *e_ = (str);                                                                    \
        char got_[512];                                                                            \
        size_t n_ = s_.n < sizeof got_ - 1 ? s_.n : sizeof got_ - 1;                               \
        if (n_)                                                                                    \
            memcpy(got_, s_.p, n_);                                                                \
        got_[n_] = '\0';                                                                           \
        assert_string_equal(got_, e_);                                                             \
    } while (0)
#endif
