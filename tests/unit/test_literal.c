/* test_literal.c - unit tests of src/rules/literal.c, the finder of the literal every match of a
 * regex must contain. The prefilter skips a rule on any line without that literal, so the finder
 * must never name text a match can do without (the rule would silently stop firing), and should
 * find the longest run there is (or every line runs the regex). Table-driven: a regex, and the
 * literal expected of it (NULL: none, the rule runs on every line of its files).
 */
#include "testutil.h"

#include "rules/rules_internal.h"

static void test_literals(void **state)
{
    (void)state;
    static const struct {
        const char *regex, *literal;
    } rows[] = {
        /* plain text up to the first capture, with its trailing blank */
        {"Timeout waiting for vif plugging callback for port (?<port>[0-9a-f-]{36})",
         "Timeout waiting for vif plugging callback for port "},
        /* the longest run wins; an optional character cuts the run */
        {"colou?r mismatch", "r mismatch"},
        {"ab*cdef", "cdef"},
        {"x{0,2}yz_abc", "yz_abc"},
        /* a repeated character is still required once */
        {"abc+d", "abc"},
        /* escapes: punctuation is literal, a class escape ends the run */
        {"x\\.y\\.z", "x.y.z"},
        {"\\d+ instances", " instances"},
        /* a group's own literal counts when the group is required */
        {"^(?<remote>(?:tcp|ssl):[^ ]+): connection attempt failed \\((?<error>[^)]*)\\)",
         ": connection attempt failed ("},
        {"(?:connection refused)", "connection refused"},
        {"(foo|barbaz)qux", "qux"},
        {"(?:abc)?defg", "defg"},
        /* a class is no literal, and a ']' first in it is a member */
        {"[^]]abcdef", "abcdef"},
        /* nothing required, or nothing the finder can vouch for */
        {"a|bcd", NULL},
        {"ab", NULL},
        {"(?i)timeout", NULL},
        {"(?x) foo \\s bar", NULL},
        {"\\Qa.b\\E more", NULL},
        {"(*CRLF)abcd", NULL},
        {"", NULL},
    };
    rca_arena *a = rca_arena_new();
    assert_non_null(a);
    for (size_t i = 0; i < RCA_ARRAY_LEN(rows); i++) {
        char *lit = (char *)"unset";
        assert_int_equal(rules_required_literal(a, rows[i].regex, &lit), RCA_OK);
        if (!rows[i].literal && lit)
            fail_msg("/%s/: literal \"%s\", expected none", rows[i].regex, lit);
        if (rows[i].literal && (!lit || strcmp(lit, rows[i].literal) != 0))
            fail_msg("/%s/: literal \"%s\", expected \"%s\"", rows[i].regex, lit ? lit : "(none)",
                     rows[i].literal);
    }
    rca_arena_free(a);
}

static void test_prefilter_never_rejects_a_match(void **state)
{
    (void)state;
    static const struct {
        const char *regex, *subject;
    } rows[] = {
        {"Failed to claim port (?<port>[0-9a-f-]{36})", "Failed to claim port 24129afd-416d-441c-b1ed-83113f9753fb"},
        {"colou?r mismatch", "color mismatch"},
        {"abc+d", "abcccd"},
        {"ab*cdef", "acdef"},
        {"x{0,2}yz_abc", "yz_abc"},
        {"(?:abc)?defg", "defg"},
        {"(abc){0}xyz", "xyz"},
        {"(?<a>abc)(?<b>defgh)?", "abc"},
        {"ab(?=cde)cdefgh", "abcdefgh"},
        {"(?<!abc)defg", "defg"},
        {"foo(?#comment)bar", "foobar"},
        {"a|bcd", "a"},
        {"(foo|barbaz)qux", "fooqux"},
        {"\\d+ instances", "12 instances"},
        {"x\\.y\\.z", "x.y.z"},
        {"\\Qa.b\\E more", "a.b more"},
        {"^(?<remote>(?:tcp|ssl):[^ ]+): connection attempt failed \\((?<error>[^)]*)\\)",
         "tcp:192.0.2.10:6642: connection attempt failed (Connection refused)"},
        {"\\[(?<req>[^]]+)\\] done", "[req-1] done"},
        {"(?i)timeout", "TIMEOUT"},
        /* PCRE2 syntax the prefilter must not misread as literal text */
        {"^Error: (?i)connection refused", "Error: Connection Refused"},
        {"(?x) foo \\s bar", "foo bar"},
        {"code \\x41BC failed", "code ABC failed"},
        {"code \\101BC failed", "code ABC failed"},
        {"(?<quote>['\"])ab\\k<quote>", "'ab'"},
        {"[^]]abcdef", "Xabcdef"},
        {"(*CRLF)abcd", "abcd"},
    };
    rca_arena *a = rca_arena_new();
    rca_buf why;
    rca_buf_init(&why);
    for (size_t i = 0; i < RCA_ARRAY_LEN(rows); i++) {
        int err;
        PCRE2_SIZE off;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)rows[i].regex, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
        if (!re)
            fail_msg("bad test row %zu: %s does not compile", i, rows[i].regex);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
        int m = pcre2_match(re, (PCRE2_SPTR)rows[i].subject, strlen(rows[i].subject), 0, 0, md, NULL);
        pcre2_match_data_free(md);
        pcre2_code_free(re);
        if (m < 0)
            fail_msg("bad test row %zu: %s does not match \"%s\"", i, rows[i].regex, rows[i].subject);
        char *lit = NULL;
        assert_int_equal(rules_required_literal(a, rows[i].regex, &lit), RCA_OK);
        if (lit && !strstr(rows[i].subject, lit))
            rca_buf_printf(&why, "  /%s/ matches \"%s\" but the prefilter requires \"%s\"\n",
                           rows[i].regex, rows[i].subject, lit);
    }
    rca_arena_free(a);
    if (why.n) {
        print_error("%s", why.p);
        rca_buf_free(&why);
        fail_msg("the literal prefilter rejects lines its regex matches");
    }
    rca_buf_free(&why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_prefilter_never_rejects_a_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
