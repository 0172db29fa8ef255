/* test_tz.c - unit tests of src/util/tz.c, which turns each host's local log times into UTC with
 * the rules of its named zone at each timestamp: a table of (zone, local time, expected UTC) across
 * spring-forward and fall-back in both hemispheres, half-hour and 45-minute zones, times past the
 * last transition of the file (its POSIX footer rule), the whole offset history of a few zones
 * against the C library, a zone made of a footer alone, a version 1 file, and names from a hostile
 * bundle that must never open a file outside the tzdata folder.
 */
#include "testutil.h"

#include <stdint.h>
#include <time.h>

#include "rca_util.h"

/* The system's tzdata is a build dependency (.ci/deps.sh installs it): its absence fails. */
static void need_tzdata(void)
{
    if (access(RCA_TZ_DIR "/UTC", R_OK) != 0 || access(RCA_TZ_DIR "/Europe/Paris", R_OK) != 0)
        fail_msg("no tzdata in " RCA_TZ_DIR " (package tzdata)");
}

static int64_t parse_time(const char *s)
{
    int y, mo, d, h, mi, sec;
    assert_int_equal(sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec), 6);
    return rca_timegm(y, mo, d, h, mi, sec);
}

typedef struct tz_row {
    const char *zone, *local, *utc;
} tz_row;

/* Expected values from Python's zoneinfo with fold=0, which makes the same two choices as sosrca:
 * a repeated local time is its earlier instance, a skipped one keeps the offset before the gap. */
static const tz_row tz_rows[] = {
    /* Europe/Paris: the incident's zone; spring forward 2025-03-30 02:00 -> 03:00 */
    {"Europe/Paris", "2025-03-03 15:40:12", "2025-03-03 14:40:12"},
    {"Europe/Paris", "2025-03-30 01:59:59", "2025-03-30 00:59:59"},
    {"Europe/Paris", "2025-03-30 02:30:00", "2025-03-30 01:30:00"}, /* skipped: CET kept */
    {"Europe/Paris", "2025-03-30 03:00:00", "2025-03-30 01:00:00"},
    {"Europe/Paris", "2025-04-02 16:00:00", "2025-04-02 14:00:00"},
    /* fall back 2025-10-26 03:00 -> 02:00 */
    {"Europe/Paris", "2025-10-26 01:59:59", "2025-10-25 23:59:59"},
    {"Europe/Paris", "2025-10-26 02:30:00", "2025-10-26 00:30:00"}, /* repeated: CEST instance */
    {"Europe/Paris", "2025-10-26 03:00:00", "2025-10-26 02:00:00"},
    {"America/New_York", "2025-03-09 01:59:59", "2025-03-09 06:59:59"},
    {"America/New_York", "2025-03-09 02:30:00", "2025-03-09 07:30:00"},
    {"America/New_York", "2025-03-09 03:00:00", "2025-03-09 07:00:00"},
    {"America/New_York", "2025-11-02 01:30:00", "2025-11-02 05:30:00"},
    {"America/New_York", "2025-11-02 02:00:00", "2025-11-02 07:00:00"},
    {"Asia/Kolkata", "2025-06-01 12:00:00", "2025-06-01 06:30:00"},
    {"Asia/Kathmandu", "2025-06-01 12:00:00", "2025-06-01 06:15:00"},
    /* Australia/Adelaide: +1030 in the southern summer, +0930 in winter */
    {"Australia/Adelaide", "2025-01-15 12:00:00", "2025-01-15 01:30:00"},
    {"Australia/Adelaide", "2025-07-15 12:00:00", "2025-07-15 02:30:00"},
    {"Australia/Adelaide", "2025-04-06 02:30:00", "2025-04-05 16:00:00"},
    {"Australia/Adelaide", "2025-04-06 03:00:00", "2025-04-05 17:30:00"},
    {"Australia/Adelaide", "2025-10-05 01:59:59", "2025-10-04 16:29:59"},
    {"Australia/Adelaide", "2025-10-05 02:30:00", "2025-10-04 17:00:00"},
    {"Australia/Adelaide", "2025-10-05 03:00:00", "2025-10-04 16:30:00"},
    {"UTC", "2025-03-30 02:30:00", "2025-03-30 02:30:00"},
    /* 2040: past the transitions of a slim file (and near the end of a fat one) */
    {"Europe/Paris", "2040-03-25 01:59:59", "2040-03-25 00:59:59"},
    {"Europe/Paris", "2040-03-25 03:00:00", "2040-03-25 01:00:00"},
    {"Europe/Paris", "2040-07-01 12:00:00", "2040-07-01 10:00:00"},
    {"Europe/Paris", "2040-10-28 02:30:00", "2040-10-28 00:30:00"},
    {"Europe/Paris", "2040-12-01 12:00:00", "2040-12-01 11:00:00"},
    {"America/New_York", "2040-07-01 12:00:00", "2040-07-01 16:00:00"},
    {"Australia/Adelaide", "2040-01-01 12:00:00", "2040-01-01 01:30:00"},
};

static void test_tz_table(void **state)
{
    (void)state;
    need_tzdata();
    for (size_t i = 0; i < RCA_ARRAY_LEN(tz_rows); i++) {
        const tz_row *r = &tz_rows[i];
        rca_tz *tz = NULL;
        if (rca_tz_load(NULL, r->zone, &tz) != RCA_OK)
            fail_msg("row %zu: zone %s not loaded", i, r->zone);
        rca_tz_span fresh = RCA_TZ_SPAN_EMPTY;
        int64_t got = rca_tz_local_to_utc(tz, parse_time(r->local), &fresh);
        char buf[32];
        rca_fmt_time((double)got, buf);
        if (strcmp(buf, r->utc) != 0)
            fail_msg("row %zu: %s %s: got %s, expected %s", i, r->zone, r->local, buf, r->utc);
        /* the span found holds the time and gives the same answer from the cache */
        int64_t l = parse_time(r->local);
        assert_true(l >= fresh.lo && l < fresh.hi);
        assert_int_equal(rca_tz_local_to_utc(tz, l, &fresh), got);
        rca_tz_free(tz);
    }
}

/* A cache left by one line must never give another line a wrong offset: walk a file's worth of
 * local times across both changes of 2025 with one cache and compare with fresh lookups. */
static void test_tz_cache_walk(void **state)
{
    (void)state;
    need_tzdata();
    rca_tz *tz = NULL;
    assert_int_equal(rca_tz_load(NULL, "Europe/Paris", &tz), RCA_OK);
    rca_tz_span cache = RCA_TZ_SPAN_EMPTY;
    int64_t t0 = parse_time("2025-01-01 00:00:00"), t1 = parse_time("2026-01-01 00:00:00");
    for (int64_t t = t0; t < t1; t += 599) {
        rca_tz_span fresh = RCA_TZ_SPAN_EMPTY;
        assert_int_equal(rca_tz_local_to_utc(tz, t, &cache), rca_tz_local_to_utc(tz, t, &fresh));
    }
    /* and backwards, as the lines of a rotated file set may come */
    for (int64_t t = t1; t > t0; t -= 7919) {
        rca_tz_span fresh = RCA_TZ_SPAN_EMPTY;
        assert_int_equal(rca_tz_local_to_utc(tz, t, &cache), rca_tz_local_to_utc(tz, t, &fresh));
    }
    rca_tz_free(tz);
}

/* Every hour from 1971 to 2045: the offset at each UTC time is the C library's, and a local time
 * that is not in a changed hour goes back to the same UTC time. */
static void test_tz_against_libc(void **state)
{
    (void)state;
    need_tzdata();
    static const char *const zones[] = {"Europe/Paris", "America/New_York", "Australia/Adelaide",
                                        "Asia/Kathmandu", "Asia/Kolkata", "UTC"};
    for (size_t z = 0; z < RCA_ARRAY_LEN(zones); z++) {
        char env[64];
        snprintf(env, sizeof env, ":%s", zones[z]);
        setenv("TZ", env, 1);
        tzset();
        rca_tz *tz = NULL;
        assert_int_equal(rca_tz_load(NULL, zones[z], &tz), RCA_OK);
        rca_tz_span cache = RCA_TZ_SPAN_EMPTY;
        for (int64_t t = parse_time("1971-01-01 00:00:00"); t < parse_time("2045-01-01 00:00:00");
             t += 3600 + 17) {
            time_t tt = (time_t)t;
            struct tm tm;
            assert_non_null(localtime_r(&tt, &tm));
            int32_t off = rca_tz_utc_offset(tz, t);
            if (off != tm.tm_gmtoff)
                fail_msg("%s at %lld: offset %d, libc %ld", zones[z], (long long)t, off,
                         (long)tm.tm_gmtoff);
            /* hours next to a change are ambiguous or skipped: checked by the table */
            if (rca_tz_utc_offset(tz, t - 7200) == off && rca_tz_utc_offset(tz, t + 7200) == off)
                assert_int_equal(rca_tz_local_to_utc(tz, t + off, &cache), t);
        }
        rca_tz_free(tz);
    }
    unsetenv("TZ");
    tzset();
}

/* A TZif v2 file with no transition at all: only its footer says when DST begins and ends. */
static size_t put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return 4;
}

static size_t tzif_header(unsigned char *p, char version, uint32_t ntime, uint32_t ntype,
                          uint32_t nchar)
{
    memset(p, 0, 44);
    memcpy(p, "TZif", 4);
    p[4] = (unsigned char)version;
    put32(p + 20, 0);
    put32(p + 24, 0);
    put32(p + 28, 0);
    put32(p + 32, ntime);
    put32(p + 36, ntype);
    put32(p + 40, nchar);
    return 44;
}

static void test_tz_footer_only(void **state)
{
    (void)state;
    unsigned char f[256];
    size_t n = 0;
    for (int block = 0; block < 2; block++) {
        n += tzif_header(f + n, '2', 0, 1, 4);
        n += put32(f + n, 3600); /* CET, +0100 */
        f[n++] = 0;
        f[n++] = 0;
        memcpy(f + n, "CET", 4);
        n += 4;
    }
    const char *footer = "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
    memcpy(f + n, footer, strlen(footer));
    n += strlen(footer);
    rca_tz *tz = NULL;
    assert_int_equal(rca_tz_parse(f, n, &tz), RCA_OK);
    rca_tz_span c = RCA_TZ_SPAN_EMPTY;
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-03-03 15:40:12"), &c),
                     parse_time("2025-03-03 14:40:12"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-04-02 16:00:00"), &c),
                     parse_time("2025-04-02 14:00:00"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-10-26 02:30:00"), &c),
                     parse_time("2025-10-26 00:30:00"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2199-07-01 12:00:00"), &c),
                     parse_time("2199-07-01 10:00:00"));
    assert_int_equal(rca_tz_utc_offset(tz, parse_time("2033-03-27 00:59:59")), 3600);
    assert_int_equal(rca_tz_utc_offset(tz, parse_time("2033-03-27 01:00:00")), 7200);
    rca_tz_free(tz);

    /* a footer that is not understood is not used: the file's own offset holds */
    n -= strlen(footer);
    footer = "\nCET-1CEST,M13.5.0,M10.5.0/3\n";
    memcpy(f + n, footer, strlen(footer));
    n += strlen(footer);
    assert_int_equal(rca_tz_parse(f, n, &tz), RCA_OK);
    assert_int_equal(rca_tz_utc_offset(tz, parse_time("2025-07-01 00:00:00")), 3600);
    rca_tz_free(tz);
}

/* A version 1 file (32-bit times only): New York's two changes of 2025, and nothing after. */
static void test_tz_version1(void **state)
{
    (void)state;
    unsigned char f[256];
    size_t n = tzif_header(f, 0, 2, 2, 8);
    n += put32(f + n, (uint32_t)parse_time("2025-03-09 07:00:00"));
    n += put32(f + n, (uint32_t)parse_time("2025-11-02 06:00:00"));
    f[n++] = 1;
    f[n++] = 0;
    n += put32(f + n, (uint32_t)(-5 * 3600));
    f[n++] = 0;
    f[n++] = 0;
    n += put32(f + n, (uint32_t)(-4 * 3600));
    f[n++] = 1;
    f[n++] = 4;
    memcpy(f + n, "EST\0EDT", 8);
    n += 8;
    rca_tz *tz = NULL;
    assert_int_equal(rca_tz_parse(f, n, &tz), RCA_OK);
    rca_tz_span c = RCA_TZ_SPAN_EMPTY;
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-01-01 12:00:00"), &c),
                     parse_time("2025-01-01 17:00:00"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-07-01 12:00:00"), &c),
                     parse_time("2025-07-01 16:00:00"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2025-11-02 01:30:00"), &c),
                     parse_time("2025-11-02 05:30:00"));
    assert_int_equal(rca_tz_local_to_utc(tz, parse_time("2026-07-01 12:00:00"), &c),
                     parse_time("2026-07-01 17:00:00"));
    rca_tz_free(tz);
    /* cut anywhere, it is refused, never read past its end */
    for (size_t k = 0; k < n; k++) {
        tz = NULL;
        assert_int_equal(rca_tz_parse(f, k, &tz), RCA_ESYNTAX);
        assert_null(tz);
    }
}

/* Zone names come from bundles: a name that climbs out of the tzdata folder, is absolute, or is
 * not a zone file is refused, and a name that is not there is "no such zone". */
static void test_tz_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int ok;
    } names[] = {
        {"Europe/Paris", 1}, {"UTC", 1}, {"Etc/GMT+5", 1}, {"America/Port-au-Prince", 1},
        {"../../etc/passwd", 0}, {"/etc/passwd", 0}, {"Europe/../../../etc/shadow", 0},
        {"Europe/..", 0}, {"..", 0}, {"", 0}, {"Europe//Paris", 0}, {"Europe/", 0},
        {"Europe/Paris\n", 0}, {"Europe Paris", 0}, {"$(reboot)", 0},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(names); i++)
        if (rca_tz_name_ok(names[i].name) != names[i].ok)
            fail_msg("name %zu \"%s\": expected %d", i, names[i].name, names[i].ok);
    rca_tz *tz = NULL;
    assert_int_equal(rca_tz_load(NULL, "../../etc/passwd", &tz), RCA_ESYNTAX);
    assert_int_equal(rca_tz_load(NULL, "/etc/passwd", &tz), RCA_ESYNTAX);
    assert_int_equal(rca_tz_load(NULL, "Mars/Olympus_Mons", &tz), RCA_EIO);
    assert_null(tz);
    need_tzdata();
    assert_int_equal(rca_tz_load(NULL, "Europe", &tz), RCA_EIO); /* a folder */
    /* a file that is there but is not TZif */
    char *dir = tu_mkdtemp();
    char path[512];
    snprintf(path, sizeof path, "%s/Bad", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("root:x:0:0:root:/root:/bin/bash\nand more than forty-four bytes of it\n", f);
    fclose(f);
    assert_int_equal(rca_tz_load(dir, "Bad", &tz), RCA_ESYNTAX);
    assert_null(tz);
    tu_rmtree(dir);
    free(dir);
    rca_tz_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_table),       cmocka_unit_test(test_tz_cache_walk),
        cmocka_unit_test(test_tz_against_libc), cmocka_unit_test(test_tz_footer_only),
        cmocka_unit_test(test_tz_version1),    cmocka_unit_test(test_tz_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
