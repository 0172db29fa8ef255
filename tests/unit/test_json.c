/* test_json.c - unit tests of src/util/json.c, the hand-written JSON of the fields objects stored
 * with every hit and finding and of `sosrca query --json`: whatever bytes a bundle line holds, the
 * text is JSON that jansson reads back to the same value, U+FFFD standing for each bad byte. */
#include "unit.h"

#include <stdlib.h>

#include <jansson.h>

#include "rca_util.h"

static void strings_from_any_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n;
        const char *json, *value; /* what is written, and what jansson reads back */
    } cases[] = {
        {"port 24129afd", 13, "\"port 24129afd\"", "port 24129afd"},
        {"say \"hi\" \\o/", 12, "\"say \\\"hi\\\" \\\\o/\"", "say \"hi\" \\o/"},
        {"a\tb\x01", 4, "\"a\\u0009b\\u0001\"", "a\tb\x01"},
        {"nul\0here", 8, "\"nul\\ufffdhere\"", "nul\xEF\xBF\xBDhere"},
        {"caf\xC3\xA9", 5, "\"caf\xC3\xA9\"", "caf\xC3\xA9"},
        {"bad \xFF\xC3", 6, "\"bad \\ufffd\\ufffd\"", "bad \xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xED\xA0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"", 0, "\"\"", ""},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        rca_buf b;
        rca_buf_init(&b);
        assert_int_equal(rca_json_str(&b, cases[i].in, cases[i].n), RCA_OK);
        assert_string_equal(b.p, cases[i].json);
        json_error_t err;
        json_t *v = json_loads(b.p, JSON_DECODE_ANY, &err);
        if (!v)
            fail_msg("case %zu: %s does not parse: %s", i, b.p, err.text);
        assert_string_equal(json_string_value(v), cases[i].value);
        json_decref(v);
        rca_buf_free(&b);
    }
}

static void flat_objects(void **state)
{
    (void)state;
    rca_buf b;
    rca_buf_init(&b);
    int first = 1;
    assert_int_equal(rca_json_end(&b, first), RCA_OK);
    assert_string_equal(b.p, "{}");
    rca_buf_reset(&b);
    assert_int_equal(rca_json_member(&b, &first, "port", "24129afd", 8), RCA_OK);
    assert_int_equal(first, 0);
    assert_int_equal(rca_json_member(&b, &first, "msg", "x\0y", 3), RCA_OK);
    assert_int_equal(rca_json_end(&b, first), RCA_OK);
    assert_string_equal(b.p, "{\"port\":\"24129afd\",\"msg\":\"x\\ufffdy\"}");
    json_t *o = json_loads(b.p, JSON_REJECT_DUPLICATES, NULL);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "port")), "24129afd");
    json_decref(o);
    rca_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_from_any_bytes),
        cmocka_unit_test(flat_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
