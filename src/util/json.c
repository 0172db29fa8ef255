/* json.c - JSON text written by hand, in one place: the fields objects the rules module stores
 * with each hit and finding (read back with jansson and SQLite's json_extract), and the rows of
 * `sosrca query --json`. The report's JSON document is a jansson tree (src/report/json.c); this is
 * for the small flat objects where building a tree would cost more than the text. Bundle text may
 * hold any bytes, so strings are made valid: see rca_json_str in include/rca_util.h.
 */
#include <stdio.h>
#include <string.h>

#include "rca_util.h"

rca_err rca_json_str(rca_buf *b, const char *s, size_t n)
{
    rca_err rc = rca_buf_addc(b, '"');
    for (size_t i = 0; i < n && !rc;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\0') {
            rc = rca_buf_adds(b, "\\ufffd");
            i++;
        } else if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            rc = rca_buf_add(b, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            rc = rca_buf_adds(b, e);
            i++;
        } else {
            size_t l = rca_utf8_len((const unsigned char *)s + i, n - i);
            if (l) {
                rc = rca_buf_add(b, s + i, l);
                i += l;
            } else {
                rc = rca_buf_adds(b, "\\ufffd");
                i++;
            }
        }
    }
    if (!rc)
        rc = rca_buf_addc(b, '"');
    return rc;
}

rca_err rca_json_member(rca_buf *b, int *first, const char *name, const char *value, size_t n)
{
    rca_err rc = rca_buf_addc(b, *first ? '{' : ',');
    *first = 0;
    if (!rc)
        rc = rca_json_str(b, name, strlen(name));
    if (!rc)
        rc = rca_buf_addc(b, ':');
    if (!rc)
        rc = rca_json_str(b, value, n);
    return rc;
}

rca_err rca_json_end(rca_buf *b, int first)
{
    return rca_buf_adds(b, first ? "{}" : "}");
}
