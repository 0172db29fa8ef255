/* diag.c - diagnostics for people: `file:line:col: error: text`, then the offending source line
 * and a caret under the column (jq's locfile style).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ diagnostics */

/* The offending line with a caret under column col (1-based bytes), jq's locfile style. Tabs are
 * kept in the line and copied into the caret's padding so the caret lines up whatever the tab
 * width; everything else is escaped, and the padding counts the escaped characters. */
static void diag_source(out *o, const char *line, unsigned col)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n && !o->rc;) {
        size_t j = i;
        while (j < n && line[j] != '\t')
            j++;
        textn(o, line + i, j - i);
        if (j < n)
            put(o, "\t");
        i = j + (j < n);
    }
    put(o, "\n");
    if (col == 0)
        return;
    size_t k = col - 1 < n ? col - 1 : n;
    while (k > 0 && ((unsigned char)line[k] & 0xC0) == 0x80)
        k--; /* a column inside a UTF-8 sequence points at the sequence */
    for (size_t i = 0; i < k && !o->rc;) {
        size_t j = i;
        while (j < k && line[j] != '\t')
            j++;
        if (j > i && escape_tmp(o, line + i, j - i))
            spaces(o, utf8_width(o->tmp.p, o->tmp.n));
        if (j < k)
            put(o, "\t");
        i = j + (j < k);
    }
    sgr(o, SGR_BOLD);
    sgr(o, SGR_GREEN);
    put(o, "^");
    sgr_end(o);
    put(o, "\n");
}

rca_err rca_report_diag(FILE *out_file, const rca_diag_msg *m, int color)
{
    rca_err rc = RCA_OK;
    out o;
    if (!out_file || !m)
        return RCA_EINTERNAL;
    out_init(&o, color, 0);
    sgr(&o, SGR_BOLD);
    text(&o, m->where && *m->where ? m->where : "sosrca");
    if (m->entry && *m->entry) {
        put(&o, ": ");
        text(&o, m->entry);
    }
    if (m->line) {
        putf(&o, ":%u", m->line);
        if (m->col)
            putf(&o, ":%u", m->col);
    }
    put(&o, ":");
    sgr_end(&o);
    put(&o, " ");
    switch (m->sev) {
    case RCA_DIAG_ERROR:
        sgr(&o, SGR_BOLD_RED);
        put(&o, "error:");
        break;
    case RCA_DIAG_WARNING:
        sgr(&o, SGR_BOLD_YELLOW);
        put(&o, "warning:");
        break;
    case RCA_DIAG_NOTE:
        sgr(&o, SGR_BOLD);
        sgr(&o, SGR_CYAN);
        put(&o, "note:");
        break;
    }
    sgr_end(&o);
    put(&o, " ");
    text(&o, m->text ? m->text : "");
    put(&o, "\n");
    if (m->source_line)
        diag_source(&o, m->source_line, m->col);
    rc = o.rc;
    if (!rc && o.b.n && fwrite(o.b.p, 1, o.b.n, out_file) != o.b.n)
        rc = RCA_EIO;
    out_free(&o);
    return rc;
}
