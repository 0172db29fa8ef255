/* test_prefilter.c - unit tests of src/rules/prefilter.c, the Aho-Corasick automaton that tells
 * which rule literals occur in a log message. Whatever it answers must be what memmem answers for
 * each literal on its own, or a rule would silently stop firing (a literal missed) or run its regex
 * for nothing (a literal invented): overlapping literals, a literal inside another, at either end
 * of the message, bytes outside ASCII and NUL, no literals, many literals; then random messages
 * and literal sets checked against memmem one literal at a time.
 */
#define _GNU_SOURCE /* memmem */
#include "testutil.h"

#include "rules/rules_internal.h"

enum { MAXLIT = 4096 };

/* The literals found in text, as a string "1 0 1 ..." (1 = found), checked against memmem and
 * against the hits list: every literal newly found appears there exactly once. */
static void scan_check(const char *const *lits, const size_t *lens, size_t n, const void *text,
                       size_t len, char *got)
{
    prefilter *pf = NULL;
    assert_int_equal(rules_prefilter_new(lits, lens, n, &pf), RCA_OK);
    assert_int_equal(rules_prefilter_count(pf), n);
    static uint64_t found[MAXLIT / 64];
    static uint32_t hits[MAXLIT];
    memset(found, 0, sizeof found);
    size_t nh = rules_prefilter_scan(pf, text, len, found, hits);
    size_t nfound = 0;
    for (size_t i = 0; i < n; i++) {
        int f = (int)(found[i / 64] >> (i % 64) & 1);
        int want = lens[i] == 0 || (len >= lens[i] && memmem(text, len, lits[i], lens[i]) != NULL);
        if (f != want)
            fail_msg("literal %zu (\"%.*s\", %zu bytes): automaton says %d, memmem %d", i,
                     (int)lens[i], lits[i], lens[i], f, want);
        nfound += (size_t)f;
        if (got) {
            *got++ = f ? '1' : '0';
            *got++ = i + 1 < n ? ' ' : '\0';
        }
    }
    if (got && !n)
        *got = '\0';
    assert_int_equal(nh, nfound);
    for (size_t h = 0; h < nh; h++) {
        assert_true(hits[h] < n);
        assert_true(found[hits[h] / 64] >> (hits[h] % 64) & 1);
        for (size_t k = 0; k < h; k++)
            assert_int_not_equal(hits[k], hits[h]);
    }
    /* a second scan of the same text marks nothing new */
    assert_int_equal(rules_prefilter_scan(pf, text, len, found, NULL), 0);
    rules_prefilter_free(pf);
}

/* Literals given as C strings. */
static void scan_str(const char *const *lits, size_t n, const char *text, char *got)
{
    size_t lens[64];
    assert_true(n <= RCA_ARRAY_LEN(lens));
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(lits[i]);
    scan_check(lits, lens, n, text, strlen(text), got);
}

static void test_overlapping(void **state)
{
    (void)state;
    static const char *const lits[] = {"he", "she", "hers", "his"};
    char got[64];
    scan_str(lits, 4, "ushers", got);
    assert_string_equal(got, "1 1 1 0");
    scan_str(lits, 4, "this", got);
    assert_string_equal(got, "0 0 0 1");
    scan_str(lits, 4, "shhishe", got);
    assert_string_equal(got, "1 1 0 1");
    /* case matters, as for memmem */
    scan_str(lits, 4, "USHERS SHE HiS", got);
    assert_string_equal(got, "0 0 0 0");
}

static void test_suffixes_and_prefixes(void **state)
{
    (void)state;
    /* a literal that ends another is found through the failure links, one that starts it on
     * the way */
    static const char *const lits[] = {"port binding failed", "binding failed", "failed", "port",
                                       "port binding"};
    char got[64];
    scan_str(lits, 5, "port binding failed", got);
    assert_string_equal(got, "1 1 1 1 1");
    scan_str(lits, 5, "the binding failed", got);
    assert_string_equal(got, "0 1 1 0 0");
    scan_str(lits, 5, "port bindin failed", got);
    assert_string_equal(got, "0 0 1 1 0");
    /* a near miss restarts from the longest suffix that still can match */
    scan_str(lits, 5, "port port binding failed", got);
    assert_string_equal(got, "1 1 1 1 1");
    static const char *const aaa[] = {"aaa", "aab", "ab"};
    scan_str(aaa, 3, "aaaab", got);
    assert_string_equal(got, "1 1 1");
    scan_str(aaa, 3, "aabaa", got);
    assert_string_equal(got, "0 1 1");
}

static void test_ends_of_message(void **state)
{
    (void)state;
    static const char *const lits[] = {"Timeout", "refused", "Timeout waiting for vif"};
    char got[64];
    scan_str(lits, 3, "Timeout at the start", got);
    assert_string_equal(got, "1 0 0");
    scan_str(lits, 3, "connection refused", got);
    assert_string_equal(got, "0 1 0");
    scan_str(lits, 3, "Timeout waiting for vif", got);
    assert_string_equal(got, "1 0 1");
    /* the message is the literal but one byte */
    scan_str(lits, 3, "Timeout waiting for vi", got);
    assert_string_equal(got, "1 0 0");
    scan_str(lits, 3, "efused", got);
    assert_string_equal(got, "0 0 0");
    /* an empty message holds no literal */
    scan_str(lits, 3, "", got);
    assert_string_equal(got, "0 0 0");
    prefilter *pf = NULL;
    size_t lens[] = {7, 7, 23};
    assert_int_equal(rules_prefilter_new(lits, lens, 3, &pf), RCA_OK);
    uint64_t found[1] = {0};
    assert_int_equal(rules_prefilter_scan(pf, NULL, 0, found, NULL), 0);
    assert_int_equal(found[0], 0);
    rules_prefilter_free(pf);
}

static void test_binary_bytes(void **state)
{
    (void)state;
    /* bytes past 0x7f, invalid UTF-8 and NUL, in literals and in the message */
    static const char *const lits[] = {"caf\xc3\xa9", "\xff\xfe", "a\0b", "\0", "b\x80"};
    static const size_t lens[] = {5, 2, 3, 1, 2};
    static const char msg[] = "x\0caf\xc3\xa9 \xff\xff\xfe a\0b";
    char got[64];
    scan_check(lits, lens, 5, msg, sizeof msg - 1, got);
    assert_string_equal(got, "1 1 1 1 0");
    /* the text after a NUL is read: the message is a span, not a C string */
    static const char late[] = "\0\0\0b\x80";
    scan_check(lits, lens, 5, late, sizeof late - 1, got);
    assert_string_equal(got, "0 0 0 1 1");
    static const char none[] = "cafe \xc3\xa8 a b";
    scan_check(lits, lens, 5, none, sizeof none - 1, got);
    assert_string_equal(got, "0 0 0 0 0");
}

static void test_no_literals(void **state)
{
    (void)state;
    char got[8];
    scan_check(NULL, NULL, 0, "anything at all", 15, got);
    assert_string_equal(got, "");
    /* an empty literal is in every text, as memmem has it, and duplicates are each found */
    static const char *const lits[] = {"", "dup", "dup"};
    static const size_t lens[] = {0, 3, 3};
    scan_check(lits, lens, 3, "", 0, got);
    assert_string_equal(got, "1 0 0");
    scan_check(lits, lens, 3, "a dup", 5, got);
    assert_string_equal(got, "1 1 1");
}

/* ------------------------------------------------------------------ many and random literals */

static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void test_many_literals(void **state)
{
    (void)state;
    /* 3000 literals of the shape of rule text, sharing long prefixes */
    enum { N = 3000 };
    static char buf[N][64];
    static const char *lits[N];
    static size_t lens[N];
    static const char *const verbs[] = {"Failed to", "Unable to", "Timeout waiting for",
                                        "Error in"};
    for (size_t i = 0; i < N; i++) {
        snprintf(buf[i], sizeof buf[i], "%s claim port-%04zu", verbs[i % 4], i);
        lits[i] = buf[i];
        lens[i] = strlen(buf[i]);
    }
    prefilter *pf = NULL;
    assert_int_equal(rules_prefilter_new(lits, lens, N, &pf), RCA_OK);
    static uint64_t found[(N + 63) / 64];
    static uint32_t hits[N];
    for (size_t i = 0; i < N; i += 7) {
        char msg[128];
        snprintf(msg, sizeof msg, "x %s and Unable to claim port-99 %s", lits[i],
                 lits[(i * 13) % N]);
        memset(found, 0, sizeof found);
        size_t nh = rules_prefilter_scan(pf, msg, strlen(msg), found, hits);
        size_t want = 0;
        for (size_t k = 0; k < N; k++) {
            int in = strstr(msg, lits[k]) != NULL;
            want += (size_t)in;
            if ((int)(found[k / 64] >> (k % 64) & 1) != in)
                fail_msg("\"%s\" in \"%s\": automaton says %d", lits[k], msg, !in);
        }
        assert_int_equal(nh, want);
    }
    rules_prefilter_free(pf);
}

/* Random literal sets over a small alphabet (so that literals overlap, share prefixes and suffixes
 * and occur often), random messages, every literal checked against memmem. */
static void test_same_as_memmem(void **state)
{
    (void)state;
    static const char alphabets[][8] = {"ab", "abc\0", "ab\xff\x80 ", "xyzw"};
    static const size_t alens[] = {2, 4, 5, 4};
    rng_state = 42;
    char litbuf[64][12];
    const char *lits[64];
    size_t lens[64];
    char msg[256];
    for (int round = 0; round < 400; round++) {
        size_t a = rnd() % RCA_ARRAY_LEN(alphabets);
        size_t n = rnd() % 64;
        for (size_t i = 0; i < n; i++) {
            lens[i] = 1 + rnd() % (round % 3 == 0 ? 3 : sizeof litbuf[i]);
            for (size_t k = 0; k < lens[i]; k++)
                litbuf[i][k] = alphabets[a][rnd() % alens[a]];
            lits[i] = litbuf[i];
        }
        for (int m = 0; m < 20; m++) {
            size_t len = rnd() % sizeof msg;
            for (size_t k = 0; k < len; k++)
                msg[k] = rnd() % 8 ? alphabets[a][rnd() % alens[a]] : (char)(rnd() & 0xff);
            scan_check(lits, lens, n, msg, len, NULL);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlapping),
        cmocka_unit_test(test_suffixes_and_prefixes),
        cmocka_unit_test(test_ends_of_message),
        cmocka_unit_test(test_binary_bytes),
        cmocka_unit_test(test_no_literals),
        cmocka_unit_test(test_many_literals),
        cmocka_unit_test(test_same_as_memmem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
