/* out.c - the output primitives of the report: a buffer with a sticky error that the renderers
 * write into, escaping of untrusted text for the terminal (rca_escape_text) and for Markdown, code
 * spans, evidence lines cut to length, colour, and paragraphs wrapped to a width.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ output with a sticky error */


void out_init(out *o, int color, int md)
{
    rca_buf_init(&o->b);
    rca_buf_init(&o->tmp);
    o->rc = RCA_OK;
    o->color = color;
    o->md = md;
}

void out_free(out *o)
{
    rca_buf_free(&o->b);
    rca_buf_free(&o->tmp);
}

void putn(out *o, const char *s, size_t n)
{
    if (!o->rc && n)
        o->rc = rca_buf_add(&o->b, s, n);
}

void put(out *o, const char *s)
{
    putn(o, s, strlen(s));
}

void putf(out *o, const char *fmt, ...)
{
    if (o->rc)
        return;
    va_list ap;
    va_start(ap, fmt);
    o->rc = rca_buf_vprintf(&o->b, fmt, ap);
    va_end(ap);
}

void spaces(out *o, size_t n)
{
    while (n--)
        putn(o, " ", 1);
}

void sgr(out *o, const char *code)
{
    if (o->color)
        put(o, code);
}

void sgr_end(out *o)
{
    if (o->color)
        put(o, SGR_RESET);
}

/* ------------------------------------------------------------------ escaping */

/* Escape untrusted s[0..n) into o->tmp (terminal-safe, no Markdown escaping). */
int escape_tmp(out *o, const char *s, size_t n)
{
    if (o->rc)
        return 0;
    rca_buf_reset(&o->tmp);
    o->rc = rca_escape_text(&o->tmp, s, n);
    return o->rc == RCA_OK;
}

/* 1 if what is written next starts a Markdown line or a list item's text: the current line so
 * far is white space, optionally with a list marker ("- ", "12. "). */
static int at_line_start(const out *o)
{
    size_t i = o->b.n;
    while (i > 0 && o->b.p[i - 1] != '\n')
        i--;
    const char *p = o->b.p ? o->b.p + i : "", *end = o->b.p ? o->b.p + o->b.n : p;
    while (p < end && *p == ' ')
        p++;
    if (p < end && (*p == '-' || *p == '+' || *p == '*')) {
        p++;
    } else {
        const char *q = p;
        while (q < end && *q >= '0' && *q <= '9')
            q++;
        if (q > p && q < end && (*q == '.' || *q == ')'))
            p = q + 1;
    }
    while (p < end && *p == ' ')
        p++;
    return p == end;
}

/* Backslash-escape what Markdown would read as markup: links and images ([ ] and a '!' before
 * them), autolinks and HTML (< >), emphasis and code (* _ `), strikethrough (~), entities (&),
 * headings (#), table cells (|), the backslash itself, and first on a line anything that would
 * open a list. The input is already terminal-escaped, so it has no newline. */
static void md_escape(out *o, const char *s, size_t n)
{
    size_t start = 0, d = 0;
    int first = at_line_start(o);
    /* "1." or "1)" first on a line would open an ordered list, "-" or "+" a bullet, "=" a
     * heading underline. */
    while (first && d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (!first) {
        /* nothing at the start of a line */
    } else if (d > 0 && d < n && (s[d] == '.' || s[d] == ')')) {
        putn(o, s, d);
        putn(o, "\\", 1);
        putn(o, s + d, 1);
        start = d + 1;
    } else if (n > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '=')) {
        putn(o, "\\", 1);
        putn(o, s, 1);
        start = 1;
    }
    for (size_t i = start; i < n; i++) {
        char c = s[i];
        int esc = c != '\0' && strchr("\\`*_[]<>#|~&", c) != NULL;
        if (c == '!' && (i == 0 || (i + 1 < n && s[i + 1] == '[')))
            esc = 1;
        if (esc)
            putn(o, "\\", 1);
        putn(o, &s[i], 1);
    }
}

/* Print untrusted text: escaped for the terminal, and for Markdown when o->md. */
void textn(out *o, const char *s, size_t n)
{
    if (!escape_tmp(o, s, n))
        return;
    if (o->md)
        md_escape(o, o->tmp.p, o->tmp.n);
    else
        putn(o, o->tmp.p, o->tmp.n);
}

void text(out *o, const char *s)
{
    if (!s || !*s)
        s = "-";
    textn(o, s, strlen(s));
}

/* Length of the longest run of backticks in s[0..n). */
size_t backtick_run(const char *s, size_t n)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

void backticks(out *o, size_t n)
{
    while (n--)
        putn(o, "`", 1);
}

/* Untrusted text as a Markdown code span: nothing inside is markup, and the delimiter is one
 * backtick longer than any run in the text, so a backtick in the text cannot close it. */
void md_code(out *o, const char *s)
{
    if (!s || !*s)
        s = "-";
    if (!escape_tmp(o, s, strlen(s)))
        return;
    const char *p = o->tmp.p;
    size_t n = o->tmp.n;
    size_t fence = backtick_run(p, n) + 1;
    /* CommonMark strips one space on each side, so a pad keeps edge backticks and spaces. */
    int pad = n && (p[0] == '`' || p[n - 1] == '`' || p[0] == ' ' || p[n - 1] == ' ');
    backticks(o, fence);
    if (pad)
        putn(o, " ", 1);
    putn(o, p, n);
    if (pad)
        putn(o, " ", 1);
    backticks(o, fence);
}

/* Where to cut a long evidence line: at most EVIDENCE_BYTES, never inside a UTF-8 sequence.
 * Sets *cut when the line was shortened. */
static size_t evidence_len(const char *s, size_t n, int *cut)
{
    *cut = 0;
    if (n <= EVIDENCE_BYTES)
        return n;
    n = EVIDENCE_BYTES;
    for (int back = 0; back < 3 && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; back++)
        n--;
    *cut = 1;
    return n;
}

/* An evidence line's text, cut when long; terminal-escaped only (it goes into code in Markdown).
 * The line is shown whole: a NUL byte in it is escaped like other control bytes, not its end. */
void evidence_text(out *o, const rca_evidence *e)
{
    int cut;
    const char *s = e->text ? e->text : "";
    size_t n = evidence_len(s, e->text ? e->text_len : 0, &cut);
    if (!escape_tmp(o, s, n))
        return;
    putn(o, o->tmp.p, o->tmp.n);
    if (cut)
        put(o, ELLIPSIS);
}

static const char *severity_color(const char *severity)
{
    int rank = rca_severity_rank(severity ? severity : "");
    if (rank >= 3)
        return SGR_RED;
    if (rank == 2)
        return SGR_YELLOW;
    return NULL;
}

void sgr_severity(out *o, const char *severity)
{
    const char *c = severity_color(severity);
    if (c)
        sgr(o, c);
}

void sgr_severity_end(out *o, const char *severity)
{
    if (severity_color(severity))
        sgr_end(o);
}

/* ------------------------------------------------------------------ wrapped paragraphs (text) */

size_t utf8_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* label + s wrapped at `width` columns (0: not wrapped, for Markdown, which reflows), continuation
 * lines indented by `hang` columns. Words are split on any white space of the source, so the line
 * breaks of a rule file's paragraph do not show; a blank line in it starts a new paragraph. */
void wrapped(out *o, const char *label, size_t hang, const char *s, size_t width)
{
    rca_buf w;
    rca_buf_init(&w);
    put(o, label);
    size_t col = utf8_width(label, strlen(label)), line_words = 0;
    const char *p = s;
    while (*p && !o->rc) {
        size_t nl = 0;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            nl += *p++ == '\n';
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
            q++;
        rca_buf_reset(&w);
        o->rc = rca_escape_text(&w, p, (size_t)(q - p));
        if (o->rc)
            break;
        size_t ww = utf8_width(w.p, w.n);
        if (line_words && (nl >= 2 || (width && col + 1 + ww > width))) {
            put(o, "\n");
            if (nl >= 2)
                put(o, "\n");
            spaces(o, hang);
            col = hang;
        } else if (line_words) {
            put(o, " ");
            col++;
        }
        if (o->md)
            md_escape(o, w.p, w.n);
        else
            putn(o, w.p, w.n);
        col += ww;
        line_words++;
        p = q;
    }
    put(o, "\n");
    rca_buf_free(&w);
}

/* Wrap what was written since `mark` (one line of escaped text, no colour inside) at WRAP_COLS
 * columns: it started at column `col`, continuation lines are indented by `hang`. Lines break only
 * at spaces, so a long word (a port UUID, a path) is never split. */
void rewrap(out *o, size_t mark, size_t col, size_t hang)
{
    if (o->rc || mark >= o->b.n)
        return;
    rca_buf_reset(&o->tmp);
    o->rc = rca_buf_add(&o->tmp, o->b.p + mark, o->b.n - mark);
    if (o->rc)
        return;
    o->b.n = mark;
    const char *p = o->tmp.p, *end = o->tmp.p + o->tmp.n;
    size_t line_words = 0;
    while (p < end) {
        const char *gap = p;
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && *p != ' ')
            p++;
        size_t gw = (size_t)(w - gap), wn = (size_t)(p - w), ww = utf8_width(w, wn);
        if (line_words && wn && col + gw + ww > WRAP_COLS) {
            put(o, "\n");
            spaces(o, hang);
            col = hang;
        } else {
            putn(o, gap, gw);
            col += gw;
        }
        putn(o, w, wn);
        col += ww;
        line_words++;
    }
}
