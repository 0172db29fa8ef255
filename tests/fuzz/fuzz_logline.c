/* fuzz_logline.c - libFuzzer target for the log envelope parser (rca_parse_log_line): the input
 * is split into lines as the reader does, each line is parsed with a context carried from line to
 * line, and every span of the result must lie inside the line (the envelope's and the
 * identities rca_parse_msg_ids finds in the text). The first two bytes pick the
 * year and month hints that syslog lines are dated with.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rca_logctx ctx = {0, 0, RCA_LOG_NONE};
    if (size >= 2) {
        ctx.year_hint = data[0] & 0x80 ? 1970 + (data[0] & 0x7f) : 0;
        ctx.month_hint = data[1] % 14; /* 12 and 13 are out of range on purpose */
        data += 2;
        size -= 2;
    }
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        /* an exact-size copy: reading past the line is an ASan error, not the next line */
        char *line = malloc(n ? n : 1);
        FUZZ_CHECK(line != NULL);
        memcpy(line, p, n);
        rca_logline ll;
        rca_logfmt f = rca_parse_log_line(&ctx, line, n, &ll);
        FUZZ_CHECK(f == ll.fmt);
        FUZZ_CHECK((int)f >= RCA_LOG_NONE && (int)f <= RCA_LOG_LIBVIRT);
        FUZZ_CHECK((int)ll.level >= RCA_LVL_NONE && (int)ll.level <= RCA_LVL_TRACE);
        FUZZ_CHECK(rca_level_name(ll.level) != NULL);
        /* the logger of a bare dmesg line is a constant "kernel" (see kernel_msg in logline.c) */
        if (!(ll.logger.n == 6 && memcmp(ll.logger.p, "kernel", 6) == 0))
            fuzz_check_span(ll.logger, line, n);
        fuzz_check_span(ll.req, line, n);
        fuzz_check_span(ll.greq, line, n);
        fuzz_check_span(ll.instance, line, n);
        fuzz_check_span(ll.msg, line, n);
        fuzz_check_span(ll.host, line, n);
        if (ll.instance.n)
            FUZZ_CHECK(ll.instance.n == 36);
        if (f == RCA_LOG_NONE)
            FUZZ_CHECK(ll.zone == RCA_TS_NONE);
        /* the identities the message names in words: spans inside the line, of fixed sizes */
        rca_msg_ids ids;
        rca_parse_msg_ids(line, n, &ids);
        fuzz_check_span(ids.instance, line, n);
        fuzz_check_span(ids.port, line, n);
        fuzz_check_span(ids.req, line, n);
        FUZZ_CHECK(ids.instance.n == 0 || ids.instance.n == 36);
        FUZZ_CHECK(ids.port.n == 0 || ids.port.n == 36);
        FUZZ_CHECK(ids.req.n == 0 || ids.req.n == 40);
        free(line);
        p = nl ? nl + 1 : end;
    }
    return 0;
}
