/* test_util.c - unit tests of src/util/util.c, the toolbox every stage leans on: the glob that
 * decides which bundle paths are read (a table of pattern, path, expected), the calendar arithmetic
 * that turns log times into UTC (checked against the C library's timegm over four centuries), host
 * name equivalence, the escaping that keeps bundle text from driving a terminal, the string buffer,
 * the arena, the line splitter (a table of text and the lines expected) and the diagnostics sink.
 */
#include "testutil.h"

#include <limits.h>
#include <stdint.h>
#include <time.h>

#include "rca_util.h"

/* ------------------------------------------------------------------ glob */

typedef struct glob_row {
    const char *pattern, *path;
    int expected;
} glob_row;

static const glob_row glob_rows[] = {
    /* literal paths */
    {"etc/hostname", "etc/hostname", 1},
    {"etc/hostname", "etc/hostnames", 0},
    {"etc/hostname", "etc/hostnam", 0},
    {"etc/hostname", "x/etc/hostname", 0},
    {"", "", 1},
    {"", "a", 0},
    /* `*` stays inside one segment and may be empty */
    {"var/log/nova/*.log", "var/log/nova/nova-compute.log", 1},
    {"var/log/nova/*.log", "var/log/nova/.log", 1},
    {"var/log/nova/*.log", "var/log/nova/sub/nova-compute.log", 0},
    {"var/log/nova/*.log", "var/log/nova/nova-compute.log.1", 0},
    {"var/log/nova/nova-compute.log*", "var/log/nova/nova-compute.log", 1},
    {"var/log/nova/nova-compute.log*", "var/log/nova/nova-compute.log.1.gz", 1},
    {"var/log/nova/nova-compute.log*", "var/log/nova/nova-compute.log/x", 0},
    {"*", "", 1},
    {"*", "version.txt", 1},
    {"*", "a/b", 0},
    {"*/b", "a/b", 1},
    {"*/b", "a/c/b", 0},
    {"sos_commands/openvswitch/*ovs-vsctl_-t_5_show", "sos_commands/openvswitch/ovs-vsctl_-t_5_show", 1},
    {"sos_commands/openvswitch/*ovs-vsctl_-t_5_show", "sos_commands/openvswitch/ovs_vsctl_-t_5_show", 0},
    {"sos_commands/ovn_central/*ovn-sbctl*_list_*", "sos_commands/ovn_central/podman_exec_ovn-sbctl_--no-leader-only_list_Chassis", 1},
    {"a*b*c", "aXXbYYc", 1},
    {"a*b*c", "aXXbYY", 0},
    {"a*b*c", "aX/bYc", 0},
    /* `**` crosses segments, and `**` + '/' also matches no segment at all */
    {"**/ovnsb_db.db", "ovnsb_db.db", 1},
    {"**/ovnsb_db.db", "var/lib/ovn/ovnsb_db.db", 1},
    {"**/ovnsb_db.db", "var/lib/ovn/ovnsb_db.db.bak", 0},
    {"**/ovnsb_db.db", "var/lib/ovn/old-ovnsb_db.db", 0},
    {"var/log/**/x.log", "var/log/x.log", 1},
    {"var/log/**/x.log", "var/log/a/x.log", 1},
    {"var/log/**/x.log", "var/log/a/b/c/x.log", 1},
    {"var/log/**/x.log", "var/log/ax.log", 0},
    {"var/log/**/x.log", "var/lib/a/x.log", 0},
    {"var/log/**", "var/log/a/b/c", 1},
    {"**", "a/b/c", 1},
    {"**", "", 1},
    {"**/*.log", "a/b/c.log", 1},
    {"**/*.log", "c.log", 1},
    {"**/*.log", "a/b/c.txt", 0},
    /* `?` is one character, never a slash */
    {"file.?", "file.1", 1},
    {"file.?", "file.", 0},
    {"file.?", "file.10", 0},
    {"a?b", "a/b", 0},
    {"a?b", "a-b", 1},
    /* `{a,b}` alternatives, with a slash inside one and an empty one */
    {"sos_commands/{host,general}/hostname", "sos_commands/host/hostname", 1},
    {"sos_commands/{host,general}/hostname", "sos_commands/general/hostname", 1},
    {"sos_commands/{host,general}/hostname", "sos_commands/hostx/hostname", 0},
    {"sos_commands/{host,general}/hostname", "sos_commands/gen/hostname", 0},
    {"{etc,var/lib,usr/local/etc}/openvswitch/conf.db", "usr/local/etc/openvswitch/conf.db", 1},
    {"{etc,var/lib,usr/local/etc}/openvswitch/conf.db", "var/lib/openvswitch/conf.db", 1},
    {"{etc,var/lib,usr/local/etc}/openvswitch/conf.db", "var/openvswitch/conf.db", 0},
    {"var/log/{nova,containers/nova,kolla/nova}/nova-compute.log*", "var/log/containers/nova/nova-compute.log.2.gz", 1},
    {"var/log/{nova,containers/nova,kolla/nova}/nova-compute.log*", "var/log/kolla/nova/nova-api.log", 0},
    {"var/log/{nova,containers/nova,kolla/nova}/nova-compute.log*", "var/log/openstack/nova/nova-compute.log", 0},
    {"var/log/{syslog,messages}*", "var/log/messages-20250302", 1},
    {"var/log/{syslog,messages}*", "var/log/secure", 0},
    {"conf{,.bak}", "conf", 1},
    {"conf{,.bak}", "conf.bak", 1},
    {"conf{,.bak}", "conf.old", 0},
    /* an alternative that is a prefix of another must not hide it */
    {"{a,ab}c", "abc", 1},
    {"{ab,a}c", "ac", 1},
};

static void test_glob_table(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(glob_rows); i++) {
        const glob_row *g = &glob_rows[i];
        int got = rca_glob_match(g->pattern, g->path, strlen(g->path));
        if (got != g->expected) {
            print_error("glob \"%s\" on \"%s\": expected %d, got %d\n", g->pattern, g->path,
                        g->expected, got);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The path is a (pointer, length): bytes past the length are not part of it. */
static void test_glob_path_length(void **state)
{
    (void)state;
    const char *p = "etc/hostname/extra";
    assert_true(rca_glob_match("etc/hostname", p, 12));
    assert_false(rca_glob_match("etc/hostname", p, 11));
    assert_false(rca_glob_match("etc/hostname/extra", p, 12));
    assert_true(rca_glob_match("etc/*", p, 12));
    assert_true(rca_glob_match("**", p, 0));
    assert_false(rca_glob_match("?", p, 0));
    /* a segment cut by the length ends there for `*` too */
    assert_true(rca_glob_match("etc/host*", p, 8));
    assert_false(rca_glob_match("etc/host*e", p, 8));
}

/* ------------------------------------------------------------------ time */

static void test_days_from_civil(void **state)
{
    (void)state;
    assert_int_equal(rca_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(rca_days_from_civil(1970, 1, 2), 1);
    assert_int_equal(rca_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(rca_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(rca_days_from_civil(1600, 1, 1), -135140);
    /* leap years: 2000 and 2024 are, 1900 and 2100 are not */
    assert_int_equal(rca_days_from_civil(2000, 3, 1) - rca_days_from_civil(2000, 2, 28), 2);
    assert_int_equal(rca_days_from_civil(2024, 3, 1) - rca_days_from_civil(2024, 2, 28), 2);
    assert_int_equal(rca_days_from_civil(2100, 3, 1) - rca_days_from_civil(2100, 2, 28), 1);
    assert_int_equal(rca_days_from_civil(1900, 3, 1) - rca_days_from_civil(1900, 2, 28), 1);
    assert_int_equal(rca_days_from_civil(2025, 1, 1) - rca_days_from_civil(2024, 1, 1), 366);
    assert_int_equal(rca_days_from_civil(2026, 1, 1) - rca_days_from_civil(2025, 1, 1), 365);
    /* consecutive days across every month boundary of a leap and a common year */
    for (int64_t y = 2023; y <= 2024; y++)
        for (unsigned m = 1; m <= 12; m++) {
            static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            unsigned last = mdays[m - 1] + (m == 2 && y == 2024);
            int64_t next = m == 12 ? rca_days_from_civil(y + 1, 1, 1) : rca_days_from_civil(y, m + 1, 1);
            assert_int_equal(next - rca_days_from_civil(y, m, last), 1);
        }
}

/* Every month start and end (and a day in between) from 1970 to 2399 against glibc's timegm,
 * days that the month does not have included: both carry them into the next month (Feb 30 is
 * Mar 2), so a log line's impossible date still gets a time, the same one either way. */
static void test_timegm_against_libc(void **state)
{
    (void)state;
    static const int days[] = {1, 15, 28, 29, 30, 31};
    for (int y = 1970; y < 2400; y++)
        for (int m = 1; m <= 12; m++)
            for (size_t k = 0; k < RCA_ARRAY_LEN(days); k++) {
                int d = days[k];
                struct tm tm;
                memset(&tm, 0, sizeof tm);
                tm.tm_year = y - 1900;
                tm.tm_mon = m - 1;
                tm.tm_mday = d;
                tm.tm_hour = (y * 7 + m) % 24;
                tm.tm_min = (y + d) % 60;
                tm.tm_sec = (m * d) % 60;
                time_t want = timegm(&tm);
                int64_t got = rca_timegm(y, m, d, (y * 7 + m) % 24, (y + d) % 60, (m * d) % 60);
                if (got != (int64_t)want)
                    fail_msg("rca_timegm(%d-%02d-%02d): %lld, libc says %lld", y, m, d,
                             (long long)got, (long long)want);
            }
}

static void test_timegm_known(void **state)
{
    (void)state;
    assert_int_equal(rca_timegm(1970, 1, 1, 0, 0, 0), 0);
    assert_int_equal(rca_timegm(2025, 5, 2, 10, 15, 29), 1746180929);
    assert_int_equal(rca_timegm(2024, 2, 29, 23, 59, 59), 1709251199);
    assert_int_equal(rca_timegm(9999, 12, 31, 23, 59, 59), 253402300799LL);
    /* a leap second is the next minute's first second */
    assert_int_equal(rca_timegm(2016, 12, 31, 23, 59, 60), rca_timegm(2017, 1, 1, 0, 0, 0));
}

static void test_timegm_bounds(void **state)
{
    (void)state;
    /* out-of-range fields give -1, not a wrapped time */
    assert_int_equal(rca_timegm(1969, 12, 31, 23, 59, 59), -1);
    assert_int_equal(rca_timegm(10000, 1, 1, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 0, 1, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 13, 1, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 0, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 32, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, 24, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, -1, 0, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, 0, 60, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, 0, -1, 0), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, 0, 0, 61), -1);
    assert_int_equal(rca_timegm(2025, 1, 1, 0, 0, -1), -1);
    assert_int_equal(rca_timegm(INT_MIN, 1, 1, 0, 0, 0), -1);
    assert_int_equal(rca_timegm(INT_MAX, 1, 1, 0, 0, 0), -1);
}

static void test_fmt_time(void **state)
{
    (void)state;
    char out[32];
    rca_fmt_time(0, out);
    assert_string_equal(out, "1970-01-01 00:00:00");
    rca_fmt_time(1746180929, out);
    assert_string_equal(out, "2025-05-02 10:15:29");
    rca_fmt_time(1709251199, out);
    assert_string_equal(out, "2024-02-29 23:59:59");
    rca_fmt_time(1709251200, out);
    assert_string_equal(out, "2024-03-01 00:00:00");
    rca_fmt_time(951782400, out);
    assert_string_equal(out, "2000-02-29 00:00:00");
    rca_fmt_time(4107542400.0, out);
    assert_string_equal(out, "2100-03-01 00:00:00");
    rca_fmt_time(253402300799.0, out);
    assert_string_equal(out, "9999-12-31 23:59:59");
    /* fractions are dropped, not rounded up into the next second */
    rca_fmt_time(1746180929.999, out);
    assert_string_equal(out, "2025-05-02 10:15:29");
    /* no time */
    rca_fmt_time(-1, out);
    assert_string_equal(out, "-");
    rca_fmt_time(-0.5, out);
    assert_string_equal(out, "-");
}

/* fmt(timegm(fields)) gives the fields back, over a spread of times. */
static void test_fmt_time_round_trip(void **state)
{
    (void)state;
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int y = 1970 + (int)(x % 8030), m = 1 + (int)((x >> 16) % 12), d = 1 + (int)((x >> 24) % 28);
        int hh = (int)((x >> 32) % 24), mm = (int)((x >> 40) % 60), ss = (int)((x >> 48) % 60);
        if (i % 7 == 0 && m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
            d = 29;
        int64_t t = rca_timegm(y, m, d, hh, mm, ss);
        assert_true(t >= 0);
        char out[32], want[32];
        rca_fmt_time((double)t, out);
        snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
        assert_string_equal(out, want);
    }
}

static void test_month_from_abbr(void **state)
{
    (void)state;
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; i++)
        assert_int_equal(rca_month_from_abbr(names[i]), i + 1);
    assert_int_equal(rca_month_from_abbr("Mar 14 09:12:03"), 3);
    assert_int_equal(rca_month_from_abbr("Foo"), 0);
}

/* ------------------------------------------------------------------ host names */

typedef struct host_row {
    const char *a, *b;
    int expected;
} host_row;

static const host_row host_rows[] = {
    {"cmp-1", "cmp-1", 1},
    {"cmp-1", "cmp-1.example.com", 1},
    {"cmp-1.example.com", "cmp-1", 1},
    {"cmp-1.example.com", "cmp-1.example.com", 1},
    {"cmp-1.example.com", "cmp-1.other.net", 1},
    {"cmp-1", "cmp-10", 0},
    {"cmp-10", "cmp-1", 0},
    {"cmp-1", "cmp-10.example.com", 0},
    {"cmp-10.example.com", "cmp-1.example.com", 0},
    {"cmp-1", "cmp-2", 0},
    {"cmp-1", "", 0},
    {"", "", 0},
    {"cmp-1", NULL, 0},
    {NULL, "cmp-1", 0},
    {NULL, NULL, 0},
};

static void test_host_equiv(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(host_rows); i++) {
        const host_row *h = &host_rows[i];
        int got = rca_host_equiv(h->a, h->b);
        if (got != h->expected)
            fail_msg("rca_host_equiv(%s, %s): expected %d, got %d", h->a ? h->a : "NULL",
                     h->b ? h->b : "NULL", h->expected, got);
    }
}

/* ------------------------------------------------------------------ escaping */

typedef struct esc_row {
    const char *in;
    size_t n; /* 0: strlen(in) */
    const char *out;
} esc_row;

static const esc_row esc_rows[] = {
    {"plain text, 100% ascii: [ok] {x}", 0, "plain text, 100% ascii: [ok] {x}"},
    {"", 0, ""},
    /* ANSI escape sequences lose their ESC */
    {"\x1b[31mred\x1b[0m", 0, "\\x1B[31mred\\x1B[0m"},
    {"\x1b]0;owned\x07title", 0, "\\x1B]0;owned\\x07title"},
    {"\x1b[2J\x1b[H", 0, "\\x1B[2J\\x1B[H"},
    /* other C0 controls and DEL; a tab becomes a space */
    {"a\rb\nc", 0, "a\\x0Db\\x0Ac"},
    {"a\tb", 0, "a b"},
    {"\x7f\x08", 0, "\\x7F\\x08"},
    {"a\0b", 3, "a\\x00b"},
    /* C1 controls: the raw byte (invalid UTF-8) and the UTF-8 encoding of U+009B (CSI) */
    {"\x9b" "31m", 0, "\\x9B31m"},
    {"\xc2\x9b" "31m", 0, "\\xC2\\x9B31m"},
    {"\xc2\x85", 0, "\\xC2\\x85"},
    /* valid multibyte text is kept as it is */
    {"caf\xc3\xa9", 0, "caf\xc3\xa9"},
    {"\xc2\xa0nbsp", 0, "\xc2\xa0nbsp"},
    {"\xe6\x97\xa5\xe6\x9c\xac", 0, "\xe6\x97\xa5\xe6\x9c\xac"},
    {"\xf0\x9f\x98\x80!", 0, "\xf0\x9f\x98\x80!"},
    {"\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf"},
    /* invalid UTF-8 is escaped byte by byte */
    {"\xff", 0, "\\xFF"},
    {"a\xc3", 0, "a\\xC3"},
    {"\xc3(", 0, "\\xC3("},
    {"\xc0\xaf", 0, "\\xC0\\xAF"},
    {"\xe0\x80\xaf", 0, "\\xE0\\x80\\xAF"},
    {"\xed\xa0\x80", 0, "\\xED\\xA0\\x80"},
    {"\xf4\x90\x80\x80", 0, "\\xF4\\x90\\x80\\x80"},
    {"\xf8\x88\x80\x80\x80", 0, "\\xF8\\x88\\x80\\x80\\x80"},
    {"\x80x", 0, "\\x80x"},
    /* a sequence cut by the length is not read past it */
    {"\xe6\x97\xa5", 2, "\\xE6\\x97"},
    {"abcdef", 3, "abc"},
};

static void test_escape_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(esc_rows); i++) {
        const esc_row *e = &esc_rows[i];
        rca_buf b;
        rca_buf_init(&b);
        assert_int_equal(rca_escape_text(&b, e->in, e->n ? e->n : strlen(e->in)), RCA_OK);
        const char *got = b.p ? b.p : "";
        if (strcmp(got, e->out) != 0) {
            rca_buf_free(&b);
            fail_msg("escape row %zu: expected \"%s\"", i, e->out);
        }
        rca_buf_free(&b);
    }
}

/* Whatever the bytes, the output has no control character and is valid UTF-8 without C1. */
static void test_escape_any_bytes(void **state)
{
    (void)state;
    unsigned char in[4096];
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < sizeof in; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        in[i] = (unsigned char)x;
    }
    rca_buf b;
    rca_buf_init(&b);
    assert_int_equal(rca_escape_text(&b, (const char *)in, sizeof in), RCA_OK);
    const unsigned char *p = (const unsigned char *)b.p;
    for (size_t i = 0; i < b.n; i++) {
        assert_false(p[i] < 0x20 || p[i] == 0x7f);
        if (p[i] == 0xC2)
            assert_false(i + 1 < b.n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F);
    }
    assert_int_equal(strlen(b.p), b.n);
    rca_buf_free(&b);
}

/* ------------------------------------------------------------------ buffer */

static void test_buf(void **state)
{
    (void)state;
    rca_buf b;
    rca_buf_init(&b);
    assert_null(b.p);
    assert_int_equal(b.n, 0);
    rca_buf_reset(&b); /* on an empty buffer: nothing to do */
    assert_int_equal(rca_buf_adds(&b, "host"), RCA_OK);
    assert_int_equal(rca_buf_addc(&b, '='), RCA_OK);
    assert_int_equal(rca_buf_add(&b, "cmp-1.example.com", 5), RCA_OK);
    assert_int_equal(rca_buf_printf(&b, " [%d%%] %s", 97, "full"), RCA_OK);
    assert_string_equal(b.p, "host=cmp-1 [97%] full");
    assert_int_equal(b.n, strlen("host=cmp-1 [97%] full"));
    /* NUL bytes are data: the length counts them, the terminator follows */
    assert_int_equal(rca_buf_add(&b, "\0x", 2), RCA_OK);
    assert_int_equal(b.n, strlen("host=cmp-1 [97%] full") + 2);
    assert_int_equal(b.p[b.n], '\0');
    rca_buf_reset(&b);
    assert_int_equal(b.n, 0);
    assert_string_equal(b.p, "");
    /* growth far past the first allocation, in small and big steps */
    for (int i = 0; i < 10000; i++)
        assert_int_equal(rca_buf_printf(&b, "%04d,", i % 10000), RCA_OK);
    assert_int_equal(b.n, 50000);
    assert_memory_equal(b.p + 5 * 9876, "9876,", 5);
    char big[100000];
    memset(big, 'z', sizeof big);
    assert_int_equal(rca_buf_add(&b, big, sizeof big), RCA_OK);
    assert_int_equal(b.n, 150000);
    assert_int_equal(b.p[149999], 'z');
    assert_int_equal(b.p[150000], '\0');
    /* a long printf */
    rca_buf_reset(&b);
    assert_int_equal(rca_buf_printf(&b, "%s|%s", "x", "0123456789012345678901234567890123456789012345678901234567890123456789"), RCA_OK);
    assert_int_equal(b.n, 72);
    char *taken = rca_buf_take(&b);
    assert_null(b.p);
    assert_int_equal(b.n, 0);
    assert_int_equal(strlen(taken), 72);
    free(taken);
    /* taking an empty buffer gives an empty string, not NULL */
    taken = rca_buf_take(&b);
    assert_non_null(taken);
    assert_string_equal(taken, "");
    free(taken);
    /* adding nothing still gives a terminated string */
    assert_int_equal(rca_buf_add(&b, NULL, 0), RCA_OK);
    assert_non_null(b.p);
    assert_string_equal(b.p, "");
    rca_buf_free(&b);
    assert_null(b.p);
    rca_buf_free(&b); /* twice is harmless */
}

static rca_err vprintf_helper(rca_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static rca_err vprintf_helper(rca_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rca_err rc = rca_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

static void test_buf_vprintf(void **state)
{
    (void)state;
    rca_buf b;
    rca_buf_init(&b);
    assert_int_equal(rca_buf_adds(&b, "a:"), RCA_OK);
    assert_int_equal(vprintf_helper(&b, "%s-%lld-%.2f", "x", (long long)-42, 1.5), RCA_OK);
    assert_string_equal(b.p, "a:x--42-1.50");
    assert_int_equal(vprintf_helper(&b, "%s", ""), RCA_OK);
    assert_string_equal(b.p, "a:x--42-1.50");
    rca_buf_free(&b);
}

/* ------------------------------------------------------------------ arena */

static void test_arena(void **state)
{
    (void)state;
    rca_arena *a = rca_arena_new();
    assert_non_null(a);
    /* many allocations of every size keep their own bytes and 16-byte alignment */
    enum { N = 3000 };
    unsigned char *ptrs[N];
    size_t sizes[N];
    for (size_t i = 0; i < N; i++) {
        sizes[i] = (i * 37) % 700;
        if (i % 500 == 0)
            sizes[i] = 70000 + i; /* bigger than a block */
        ptrs[i] = rca_arena_alloc(a, sizes[i]);
        assert_non_null(ptrs[i]);
        assert_int_equal((uintptr_t)ptrs[i] % 16, 0);
        memset(ptrs[i], (int)(i & 0xff), sizes[i]);
    }
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < sizes[i]; k++)
            if (ptrs[i][k] != (unsigned char)(i & 0xff))
                fail_msg("arena allocation %zu was overwritten at byte %zu", i, k);
    char *s = rca_arena_strdup(a, "sosreport-cmp-1");
    assert_string_equal(s, "sosreport-cmp-1");
    char *t = rca_arena_strndup(a, "nova-compute.log.1.gz", 16);
    assert_string_equal(t, "nova-compute.log");
    char *e = rca_arena_strndup(a, "", 0);
    assert_string_equal(e, "");
    assert_null(rca_arena_strdup(a, NULL));
    rca_arena_free(a);
    rca_arena_free(NULL);
}

/* A size that cannot be met must give NULL (the documented failure), never a small block that
 * the caller would then write n bytes into. */
static void test_arena_huge(void **state)
{
    (void)state;
    rca_arena *a = rca_arena_new();
    assert_non_null(a);
    void *p1 = rca_arena_alloc(a, SIZE_MAX);
    void *p2 = rca_arena_alloc(a, SIZE_MAX - 8);
    void *p3 = rca_arena_alloc(a, SIZE_MAX - 100);
    /* the arena still works afterwards */
    char *s = rca_arena_strdup(a, "ok");
    int ok = s && strcmp(s, "ok") == 0;
    rca_arena_free(a);
    assert_true(ok);
    assert_null(p1);
    assert_null(p2);
    assert_null(p3);
}

/* ------------------------------------------------------------------ small helpers */

static void test_errors_and_spans(void **state)
{
    (void)state;
    const rca_err all[] = {RCA_OK, RCA_ENOMEM, RCA_EIO, RCA_EARCHIVE, RCA_ESYNTAX,
                           RCA_EDB, RCA_ELIMIT, RCA_EINTERNAL};
    for (size_t i = 0; i < RCA_ARRAY_LEN(all); i++) {
        assert_non_null(rca_err_str(all[i]));
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(rca_err_str(all[i]), rca_err_str(all[k]));
    }
    assert_string_equal(rca_err_str(RCA_ENOMEM), "out of memory");
    assert_non_null(rca_err_str((rca_err)999));
    assert_true(rca_span_eq(rca_span_cstr("nova"), "nova"));
    assert_false(rca_span_eq(rca_span_cstr("nova"), "nov"));
    assert_false(rca_span_eq(rca_span_make("nova", 3), "nova"));
    assert_true(rca_span_eq(rca_span_make(NULL, 0), ""));
    assert_int_equal(rca_span_cstr(NULL).n, 0);
    assert_true(rca_ends_with("nova-compute.log.1.gz", ".gz"));
    assert_true(rca_ends_with("x", ""));
    assert_false(rca_ends_with("gz", ".gz"));
}

/* ------------------------------------------------------------------ lines */

typedef struct lines_row {
    const char *text;
    size_t len;                 /* 0: strlen(text) */
    const char *const lines[6]; /* the lines expected, NULL after the last */
} lines_row;

static const lines_row lines_rows[] = {
    {"", 0, {NULL}},
    {"one", 0, {"one", NULL}},
    {"one\n", 0, {"one", NULL}},
    {"one\ntwo", 0, {"one", "two", NULL}},
    {"one\n\nthree\n", 0, {"one", "", "three", NULL}},
    {"\n", 0, {"", NULL}},
    {"\n\n", 0, {"", "", NULL}},
    /* "\r\n" ends a line; one '\r' goes, a '\r' elsewhere stays */
    {"dos\r\nline\r\n", 0, {"dos", "line", NULL}},
    {"a\r\r\nb", 0, {"a\r", "b", NULL}},
    {"mid\rdle\n", 0, {"mid\rdle", NULL}},
    {"cut\r", 0, {"cut", NULL}},
    /* the length, not a terminator, ends the text */
    {"abc\ndef", 5, {"abc", "d", NULL}},
    {"abc\r\ndef", 4, {"abc", NULL}},
};

static void test_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(lines_rows); i++) {
        const lines_row *r = &lines_rows[i];
        size_t len = r->len ? r->len : strlen(r->text);
        rca_lines it;
        rca_lines_init(&it, r->text, len);
        rca_span line, peeked;
        size_t k = 0;
        for (;; k++) {
            int more = rca_lines_peek(&it, &peeked);
            if (!rca_lines_next(&it, &line)) {
                assert_false(more);
                break;
            }
            assert_true(more);
            if (!r->lines[k])
                fail_msg("row %zu: more lines than %zu", i, k);
            size_t want = strlen(r->lines[k]);
            if (line.n != want || memcmp(line.p, r->lines[k], want) != 0)
                fail_msg("row %zu line %zu: got \"%.*s\"", i, k, (int)line.n, line.p);
            assert_ptr_equal(peeked.p, line.p);
            assert_int_equal(peeked.n, line.n);
            assert_int_equal(it.lineno, k + 1);
        }
        if (r->lines[k])
            fail_msg("row %zu: %zu lines, expected more", i, k);
        /* the end stays the end */
        assert_false(rca_lines_next(&it, &line));
    }
    /* NUL bytes are data, kept inside their line */
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, "a\0b\nc", 5);
    assert_true(rca_lines_next(&it, &line));
    assert_int_equal(line.n, 3);
    assert_memory_equal(line.p, "a\0b", 3);
    assert_true(rca_lines_next(&it, &line));
    assert_span_equal(line, "c");
    assert_int_equal(it.lineno, 2);
    assert_false(rca_lines_next(&it, &line));
    /* no text at all */
    rca_lines_init(&it, NULL, 0);
    assert_false(rca_lines_next(&it, &line));
    assert_int_equal(it.lineno, 0);
}

/* ------------------------------------------------------------------ UTF-8 */

/* The one UTF-8 validator: what it accepts is what jansson accepts (no overlong forms, no
 * surrogates, nothing above U+10FFFF), so that text it lets through makes valid JSON. */
static const struct {
    const char *in;
    size_t n, want;
} utf8_rows[] = {
    {"a", 1, 1},
    {"\x7f", 1, 1},
    {"\xc2\x80", 2, 2},              /* U+0080, the first two-byte one */
    {"\xdf\xbf", 2, 2},              /* U+07FF */
    {"\xe0\xa0\x80", 3, 3},          /* U+0800 */
    {"\xef\xbf\xbf", 3, 3},          /* U+FFFF */
    {"\xf0\x90\x80\x80", 4, 4},      /* U+10000 */
    {"\xf4\x8f\xbf\xbf", 4, 4},      /* U+10FFFF, the last */
    {"\xc3\xa9tail", 6, 2},          /* only the sequence at p */
    {"\xc0\x80", 2, 0},              /* overlong NUL */
    {"\xc1\xbf", 2, 0},              /* overlong */
    {"\xe0\x9f\xbf", 3, 0},          /* overlong three-byte */
    {"\xf0\x8f\xbf\xbf", 4, 0},      /* overlong four-byte */
    {"\xed\xa0\x80", 3, 0},          /* U+D800, a surrogate */
    {"\xed\xbf\xbf", 3, 0},          /* U+DFFF */
    {"\xed\x9f\xbf", 3, 3},          /* U+D7FF, just before them */
    {"\xf4\x90\x80\x80", 4, 0},      /* above U+10FFFF */
    {"\xf8\x88\x80\x80\x80", 5, 0}, /* five bytes */
    {"\x80", 1, 0},                  /* a lone continuation byte */
    {"\xc3(", 2, 0},                 /* a lead byte without its continuation */
    {"\xe6\x97\xa5", 2, 0},          /* cut by n */
    {"\xc3\xa9", 0, 0},              /* nothing to look at */
};

static void test_utf8_len(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(utf8_rows); i++) {
        size_t got = rca_utf8_len((const unsigned char *)utf8_rows[i].in, utf8_rows[i].n);
        if (got != utf8_rows[i].want)
            fail_msg("utf8 row %zu: %zu, expected %zu", i, got, utf8_rows[i].want);
    }
}

/* ------------------------------------------------------------------ files */

static void test_file_read(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    /* bigger than one read, with a NUL byte inside: every byte comes back, terminated */
    size_t big = 20000;
    char *data = malloc(big);
    assert_non_null(data);
    for (size_t i = 0; i < big; i++)
        data[i] = (char)('a' + i % 26);
    data[5] = '\0';
    tu_write(dir, "big", data, big);
    tu_write(dir, "empty", "", 0);
    tu_diag d;
    tu_diag_init(&d);
    rca_buf b;
    rca_buf_init(&b);
    assert_int_equal(rca_buf_adds(&b, "left over"), RCA_OK);
    char *p = tu_path(dir, "big");
    assert_int_equal(rca_file_read(p, &d.d, &b), RCA_OK);
    assert_int_equal(b.n, big);
    assert_memory_equal(b.p, data, big);
    assert_int_equal(b.p[b.n], '\0');
    free(p);
    p = tu_path(dir, "empty");
    assert_int_equal(rca_file_read(p, &d.d, &b), RCA_OK);
    assert_non_null(b.p);
    assert_int_equal(b.n, 0);
    assert_string_equal(b.p, "");
    free(p);
    assert_int_equal(d.n, 0);
    /* a missing file and a folder: RCA_EIO, said with the path */
    p = tu_path(dir, "missing");
    assert_int_equal(rca_file_read(p, &d.d, &b), RCA_EIO);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "cannot open: ");
    assert_string_equal(m->where, p);
    free(p);
    tu_diag_clear(&d);
    assert_int_equal(rca_file_read(dir, &d.d, &b), RCA_EIO);
    m = tu_diag_expect(&d, RCA_DIAG_ERROR, "read error: ");
    assert_string_equal(m->where, dir);
    rca_buf_free(&b);
    tu_diag_free(&d);
    free(data);
    tu_rmtree(dir);
    free(dir);
}

typedef struct last_diag {
    int calls;
    rca_diag_msg m;
    char text[4096];
    size_t text_len; /* of the text as the sink got it, not of the copy in `text` */
    int text_all_x;  /* every byte of it is 'x' */
} last_diag;

static void keep_last(void *ctx, const rca_diag_msg *m)
{
    last_diag *l = ctx;
    l->calls++;
    l->m = *m;
    l->text_len = strlen(m->text);
    l->text_all_x = strspn(m->text, "x") == l->text_len;
    snprintf(l->text, sizeof l->text, "%s", m->text);
}

static void test_diagf(void **state)
{
    (void)state;
    last_diag l;
    memset(&l, 0, sizeof l);
    rca_diag d = {keep_last, &l, 0, 0, 0};
    rca_diagf(&d, RCA_DIAG_ERROR, "rules/a.rules", NULL, 12, 31, "  match x(", "bad regex: %s",
              "missing )");
    assert_int_equal(l.calls, 1);
    assert_string_equal(l.text, "bad regex: missing )");
    assert_string_equal(l.m.where, "rules/a.rules");
    assert_int_equal(l.m.line, 12);
    assert_int_equal(l.m.col, 31);
    assert_int_equal(l.m.sev, RCA_DIAG_ERROR);
    rca_diagf(&d, RCA_DIAG_WARNING, "b.tar.xz", "var/log/x", 0, 0, NULL, "w");
    rca_diagf(&d, RCA_DIAG_NOTE, NULL, NULL, 0, 0, NULL, "n");
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.notes, 1);
    /* bundle text travels as an argument: a '%' in it is not a conversion */
    rca_diagf(&d, RCA_DIAG_WARNING, NULL, NULL, 0, 0, NULL, "%s", "100%s %n");
    assert_string_equal(l.text, "100%s %n");
    /* a very long message is cut, not overflowed */
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rca_diagf(&d, RCA_DIAG_WARNING, NULL, NULL, 0, 0, NULL, "%s", big);
    assert_true(l.text_len > 1000);
    assert_true(l.text_len < sizeof big - 1);
    assert_true(l.text_all_x);
    /* no sink function: counted only; no sink at all: dropped */
    rca_diag counting = {NULL, NULL, 0, 0, 0};
    rca_diagf(&counting, RCA_DIAG_ERROR, NULL, NULL, 0, 0, NULL, "x");
    assert_int_equal(counting.errors, 1);
    rca_diagf(NULL, RCA_DIAG_ERROR, NULL, NULL, 0, 0, NULL, "x");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob_table),
        cmocka_unit_test(test_glob_path_length),
        cmocka_unit_test(test_days_from_civil),
        cmocka_unit_test(test_timegm_against_libc),
        cmocka_unit_test(test_timegm_known),
        cmocka_unit_test(test_timegm_bounds),
        cmocka_unit_test(test_fmt_time),
        cmocka_unit_test(test_fmt_time_round_trip),
        cmocka_unit_test(test_month_from_abbr),
        cmocka_unit_test(test_host_equiv),
        cmocka_unit_test(test_escape_text),
        cmocka_unit_test(test_escape_any_bytes),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_buf_vprintf),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_arena_huge),
        cmocka_unit_test(test_errors_and_spans),
        cmocka_unit_test(test_diagf),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_file_read),
        cmocka_unit_test(test_utf8_len),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
