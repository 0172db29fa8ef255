/* report.c - the last stage of the pipeline: an rca_result becomes a report for people, as text
 * (ANSI colour on a terminal) or Markdown, and diagnostics become `file:line:col: error: ...` with
 * a caret line. JSON is written by json.c. The result is read, never changed. Every string that may
 * have come from a bundle (titles, evidence, fields, host names, paths, warnings, keys) goes
 * through rca_escape_text on its way out, and in Markdown through a second escape as well, so a
 * crafted log line can neither drive the terminal nor turn into a link, emphasis or table cell.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rca_report.h"

#define EVIDENCE_SHOWN 3   /* evidence lines shown per finding */
#define EVIDENCE_BYTES 300 /* an evidence line longer than this is cut and ends in an ellipsis */
#define WRAP_COLS 100      /* text sentences and paragraphs are wrapped to this width */
#define FIGURES_SHOWN 4    /* ruled-out checks quoted in the one-sentence root cause */

#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RED "\033[31m"
#define SGR_GREEN "\033[32m"
#define SGR_YELLOW "\033[33m"
#define SGR_CYAN "\033[36m"
#define SGR_BOLD_RED "\033[1;31m"
#define SGR_BOLD_YELLOW "\033[1;33m"
#define SGR_RESET "\033[0m"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

/* ------------------------------------------------------------------ output with a sticky error */

/* The report is built in memory and written once. Every helper is a no-op after the first failed
 * allocation, so the renderers read straight through and the error is checked at the end
 * (sqlite's StrAccum does the same). */
typedef struct out {
    rca_buf b;
    rca_buf tmp; /* scratch for one escaped string */
    rca_err rc;
    int color;
    int md; /* escape for Markdown as well */
} out;

static void out_init(out *o, int color, int md)
{
    rca_buf_init(&o->b);
    rca_buf_init(&o->tmp);
    o->rc = RCA_OK;
    o->color = color;
    o->md = md;
}

static void out_free(out *o)
{
    rca_buf_free(&o->b);
    rca_buf_free(&o->tmp);
}

static void putn(out *o, const char *s, size_t n)
{
    if (!o->rc && n)
        o->rc = rca_buf_add(&o->b, s, n);
}

static void put(out *o, const char *s)
{
    putn(o, s, strlen(s));
}

static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(out *o, const char *fmt, ...)
{
    if (o->rc)
        return;
    va_list ap;
    va_start(ap, fmt);
    o->rc = rca_buf_vprintf(&o->b, fmt, ap);
    va_end(ap);
}

static void spaces(out *o, size_t n)
{
    while (n--)
        putn(o, " ", 1);
}

static void sgr(out *o, const char *code)
{
    if (o->color)
        put(o, code);
}

static void sgr_end(out *o)
{
    if (o->color)
        put(o, SGR_RESET);
}

/* ------------------------------------------------------------------ escaping */

/* Escape untrusted s[0..n) into o->tmp (terminal-safe, no Markdown escaping). */
static int escape_tmp(out *o, const char *s, size_t n)
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
static void textn(out *o, const char *s, size_t n)
{
    if (!escape_tmp(o, s, n))
        return;
    if (o->md)
        md_escape(o, o->tmp.p, o->tmp.n);
    else
        putn(o, o->tmp.p, o->tmp.n);
}

static void text(out *o, const char *s)
{
    if (!s || !*s)
        s = "-";
    textn(o, s, strlen(s));
}

/* Length of the longest run of backticks in s[0..n). */
static size_t backtick_run(const char *s, size_t n)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static void backticks(out *o, size_t n)
{
    while (n--)
        putn(o, "`", 1);
}

/* Untrusted text as a Markdown code span: nothing inside is markup, and the delimiter is one
 * backtick longer than any run in the text, so a backtick in the text cannot close it. */
static void md_code(out *o, const char *s)
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
static void evidence_text(out *o, const rca_evidence *e)
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

/* ------------------------------------------------------------------ small facts about findings */

static const char *title_of(const rca_finding *f)
{
    if (f->title && *f->title)
        return f->title;
    return f->code && *f->code ? f->code : "?";
}

static const char *field_value(const rca_finding *f, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (f->fields[i].name && f->fields[i].value && strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

/* 1 if " on <host>" would tell the reader something: the finding has a host and its title does
 * not name it already ("ovn-controller on cmp-1 cannot reach ..."). */
static int names_other_host(const rca_finding *f)
{
    return f->host && *f->host && !(f->title && strstr(f->title, f->host));
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

static void sgr_severity(out *o, const char *severity)
{
    const char *c = severity_color(severity);
    if (c)
        sgr(o, c);
}

static void sgr_severity_end(out *o, const char *severity)
{
    if (severity_color(severity))
        sgr_end(o);
}

static void fmt_utc(double ts, char buf[40])
{
    char t[32];
    rca_fmt_time(ts, t);
    snprintf(buf, 40, "%s UTC", t);
}

int rca_report_iso_time(double ts, char buf[32])
{
    /* NaN and infinities fail the comparison and the range check. */
    if (!(ts >= 0 && ts < 253402300800.0)) /* year 10000 */
        return 0;
    char t[32];
    rca_fmt_time(ts, t);
    t[10] = 'T';
    snprintf(buf, 32, "%.19sZ", t);
    return 1;
}

/* 1 if a and b are the same finding. The engine's chains and ruled-out list point into its own
 * array while res->findings is a sorted copy of it, so a pointer alone does not tell: a finding
 * is known by its id (set when it was stored), and by its address only when it has none. */
static int same_finding(const rca_finding *a, const rca_finding *b)
{
    if (a == b)
        return 1;
    return a && b && a->id != 0 && a->id == b->id;
}

int rca_report_is_ruled_out(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nruled_out; i++)
        if (same_finding(res->ruled_out[i], f))
            return 1;
    return f->cls && strcmp(f->cls, "ruled-out") == 0;
}

/* 1 if c can be told: it has a symptom and a root. */
static int chain_ok(const rca_chain *c)
{
    return c->n > 0 && c->steps && c->steps[0] && c->steps[c->n - 1];
}

static int is_step(const rca_chain *c, const rca_finding *f)
{
    for (size_t j = 0; j < c->n; j++)
        if (same_finding(c->steps[j], f))
            return 1;
    return 0;
}

/* 1 if f is told under a root cause: a step of a chain, or something its root also explains. */
static int told_with_root(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nchains; i++) {
        const rca_chain *c = &res->chains[i];
        if (!chain_ok(c))
            continue;
        if (is_step(c, f))
            return 1;
        for (size_t j = 0; c->also && j < c->nalso; j++)
            if (same_finding(c->also[j], f))
                return 1;
    }
    return 0;
}

/* 1 if f is a step of an earlier incident's chain. */
static int in_earlier_chain(const rca_result *res, const rca_finding *f)
{
    for (size_t i = 0; i < res->nearlier; i++)
        if (chain_ok(&res->earlier[i]) && is_step(&res->earlier[i], f))
            return 1;
    return 0;
}

/* "Earlier incidents (last evidence more than 7 days before collection)" */
static void earlier_heading(char *buf, size_t n, const rca_result *res)
{
    double d = res->max_age_s / 86400.0;
    if (d >= 1 && d == (double)(long long)d)
        snprintf(buf, n, "Earlier incidents (last evidence more than %lld day%s before collection)",
                 (long long)d, d == 1 ? "" : "s");
    else
        snprintf(buf, n, "Earlier incidents (last evidence more than %.0f hours before collection)",
                 res->max_age_s / 3600.0);
}

/* "last seen 2025-02-01 10:00:00 UTC, 30 days before collection" */
static void age_words(char *buf, size_t n, const rca_finding *f)
{
    char t[40] = "?";
    fmt_utc(f->last_ts, t);
    double days = f->age_s / 86400.0;
    if (days >= 2)
        snprintf(buf, n, "last seen %s, %.0f days before collection", t, days);
    else
        snprintf(buf, n, "last seen %s, %.0f hours before collection", t, f->age_s / 3600.0);
}

/* ------------------------------------------------------------------ the plan: what goes where */

/* Chains that share a root (the same finding at steps[n-1]) are told together. Groups keep the
 * order of their most likely chain; chains keep theirs within a group. */
typedef struct group {
    const rca_finding *root;
    size_t first, n; /* their chain indices are plan.order[first .. first+n) */
} group;

typedef struct ranked {
    const rca_finding *f;
    size_t idx;
} ranked;

typedef struct plan {
    size_t *order;
    group *groups;
    size_t ngroups;
    ranked *others; /* findings told under no root cause and not ruled out, most severe first */
    size_t nothers;
    ranked *older;  /* earlier-incident findings in no chain of res->earlier, most severe first */
    size_t nolder;
} plan;

static void plan_free(plan *p)
{
    free(p->order);
    free(p->groups);
    free(p->others);
    free(p->older);
}

static int by_severity(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int rx = rca_severity_rank(x->f->severity ? x->f->severity : "");
    int ry = rca_severity_rank(y->f->severity ? y->f->severity : "");
    if (rx != ry)
        return rx > ry ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static rca_err plan_build(const rca_result *res, plan *p)
{
    rca_err rc = RCA_ENOMEM;
    unsigned char *used = NULL;
    memset(p, 0, sizeof *p);
    size_t nc = res->nchains, nf = res->nfindings;
    if (nc) {
        p->order = calloc(nc, sizeof *p->order);
        p->groups = calloc(nc, sizeof *p->groups);
        used = calloc(nc, 1);
        if (!p->order || !p->groups || !used)
            goto end;
    }
    size_t k = 0;
    for (size_t i = 0; i < nc; i++) {
        const rca_chain *c = &res->chains[i];
        if (used[i] || !chain_ok(c))
            continue;
        group *g = &p->groups[p->ngroups++];
        g->root = c->steps[c->n - 1];
        g->first = k;
        for (size_t j = i; j < nc; j++) {
            const rca_chain *d = &res->chains[j];
            if (used[j] || !chain_ok(d) || !same_finding(d->steps[d->n - 1], g->root))
                continue;
            used[j] = 1;
            p->order[k++] = j;
            g->n++;
        }
    }
    if (nf) {
        p->others = calloc(nf, sizeof *p->others);
        if (!p->others)
            goto end;
    }
    if (nf && !(p->older = calloc(nf, sizeof *p->older)))
        goto end;
    for (size_t i = 0; i < nf; i++) {
        const rca_finding *f = &res->findings[i];
        if (rca_report_is_ruled_out(res, f) || told_with_root(res, f))
            continue;
        if (f->earlier) {
            if (!in_earlier_chain(res, f)) {
                p->older[p->nolder].f = f;
                p->older[p->nolder].idx = i;
                p->nolder++;
            }
            continue;
        }
        p->others[p->nothers].f = f;
        p->others[p->nothers].idx = i;
        p->nothers++;
    }
    if (p->nothers > 1)
        qsort(p->others, p->nothers, sizeof *p->others, by_severity);
    if (p->nolder > 1)
        qsort(p->older, p->nolder, sizeof *p->older, by_severity);
    rc = RCA_OK;
end:
    free(used);
    if (rc)
        plan_free(p);
    return rc;
}

/* ------------------------------------------------------------------ the one-sentence root cause */

static const rca_chain *group_chain(const rca_result *res, const plan *pl, const group *gr,
                                    size_t k)
{
    return &res->chains[pl->order[gr->first + k]];
}

/* 1 if a step of one of the group's chains is on host. */
static int group_has_host(const rca_result *res, const plan *pl, const group *gr, const char *host)
{
    for (size_t k = 0; host && k < gr->n; k++) {
        const rca_chain *c = group_chain(res, pl, gr, k);
        for (size_t i = 0; i < c->n; i++)
            if (c->steps[i] && c->steps[i]->host && strcmp(c->steps[i]->host, host) == 0)
                return 1;
    }
    return 0;
}

/* 1 if also[i] of chain k is to be told for group gr: it is no step of the group's chains and
 * was not told for an earlier chain of the group (chains sharing a root share what it explains). */
static int also_first(const rca_result *res, const plan *pl, const group *gr, size_t k, size_t i)
{
    const rca_chain *c = group_chain(res, pl, gr, k);
    const rca_finding *f = c->also[i];
    if (!f)
        return 0;
    for (size_t m = 0; m < gr->n; m++)
        if (is_step(group_chain(res, pl, gr, m), f))
            return 0;
    for (size_t m = 0; m <= k; m++) {
        const rca_chain *d = group_chain(res, pl, gr, m);
        size_t upto = m < k ? d->nalso : i;
        for (size_t j = 0; d->also && j < upto; j++)
            if (same_finding(d->also[j], f))
                return 0;
    }
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, sl = strlen(suffix);
    return n > sl && memcmp(s + n - sl, suffix, sl) == 0;
}

/* "disk-ok" -> "disk": the checks named the way the sentence needs them. */
static void code_word(const char *code, const char **p, size_t *n)
{
    static const char *const suffixes[] = {"-ok", "-normal", "-healthy"};
    if (!code || !*code)
        code = "check";
    *p = code;
    *n = strlen(code);
    for (size_t i = 0; i < RCA_ARRAY_LEN(suffixes); i++) {
        if (ends_with(code, suffixes[i])) {
            *n -= strlen(suffixes[i]);
            break;
        }
    }
}

static void word(out *o, const char *code)
{
    const char *p;
    size_t n;
    code_word(code, &p, &n);
    /* "provnet" reads better as what it is */
    if (n == 7 && memcmp(p, "provnet", 7) == 0) {
        put(o, "provider-network ports");
        return;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j] != '-')
            j++;
        textn(o, p + i, j - i);
        if (j < n)
            putn(o, " ", 1);
        i = j + (j < n);
    }
}

static int same_word(const char *a, const char *b)
{
    const char *pa, *pb;
    size_t na, nb;
    code_word(a, &pa, &na);
    code_word(b, &pb, &nb);
    return na == nb && memcmp(pa, pb, na) == 0;
}

/* 1 if the ruled-out check f belongs in the root sentence of group gr. Only checks of a host the
 * failures went through say something about them (a healthy disk on an unrelated node does not).
 * A "-normal" check says that something which looks wrong is expected there (no provider-network
 * ports where there are no bridge mappings): it prevents a misreading rather than ruling out a
 * cause, so it stays in the "Ruled out" section. */
static int in_sentence(const rca_result *res, const plan *pl, const group *gr,
                       const rca_finding *f)
{
    return f && !ends_with(f->code, "-normal") && group_has_host(res, pl, gr, f->host);
}

/* 1 if ruled_out[i] is in the sentence and no earlier one in it has the same word. */
static int first_of_word(const rca_result *res, const plan *pl, const group *gr, size_t i)
{
    const rca_finding *f = res->ruled_out[i];
    if (!in_sentence(res, pl, gr, f))
        return 0;
    for (size_t j = 0; j < i; j++)
        if (in_sentence(res, pl, gr, res->ruled_out[j]) &&
            same_word(res->ruled_out[j]->code, f->code))
            return 0;
    return 1;
}

/* One ruled-out check's figures: its title, which says what was measured where ("disk on cmp-1:
 * fullest filesystem / is 38% used, 116G free"); led by check and host when it names no host. */
static void figure(out *o, const rca_finding *f)
{
    if (names_other_host(f)) {
        word(o, f->code);
        put(o, " on ");
        text(o, f->host);
        put(o, ": ");
    }
    text(o, title_of(f));
}

/* "; disk and memory ruled out (disk on cmp-1: fullest filesystem / is 38% used, 116G free;
 * memory on cmp-1: 2.7G available of 15.6G (17%))", or nothing when no check is about the
 * group's hosts. */
static void ruled_out_clause(out *o, const rca_result *res, const plan *pl, const group *gr)
{
    size_t nwords = 0, shown = 0;
    for (size_t i = 0; i < res->nruled_out; i++)
        nwords += (size_t)first_of_word(res, pl, gr, i);
    if (!nwords)
        return;
    put(o, "; ");
    for (size_t i = 0; i < res->nruled_out; i++) {
        if (!first_of_word(res, pl, gr, i))
            continue;
        if (shown > 0)
            put(o, shown + 1 == nwords ? " and " : ", ");
        word(o, res->ruled_out[i]->code);
        shown++;
    }
    put(o, " ruled out");
    shown = 0;
    for (size_t i = 0; i < res->nruled_out; i++) {
        const rca_finding *f = res->ruled_out[i];
        if (!in_sentence(res, pl, gr, f))
            continue;
        if (shown == FIGURES_SHOWN) {
            put(o, "; " ELLIPSIS);
            break;
        }
        put(o, shown ? "; " : " (");
        figure(o, f);
        shown++;
    }
    put(o, ")");
}

/* "<title>[ on <host>]" */
static void finding_name(out *o, const rca_finding *f)
{
    text(o, title_of(f));
    if (names_other_host(f)) {
        put(o, " on ");
        text(o, f->host);
    }
}

/* One failure, symptom first: "<symptom>: <step 1> on <host> because <root>", or shorter for
 * short chains. */
static void failure_sentence(out *o, const rca_chain *c)
{
    const rca_finding *symptom = c->steps[0], *root = c->steps[c->n - 1];
    text(o, title_of(symptom));
    if (c->n == 1) {
        const char *why = field_value(symptom, "not_proven");
        put(o, " (cause not proven: ");
        if (why && *why)
            text(o, why);
        else
            put(o, "no failure that could explain it was found in these reports");
        put(o, ")");
        return;
    }
    if (c->n > 2) {
        put(o, ": ");
        finding_name(o, c->steps[1]);
    }
    put(o, " because ");
    text(o, title_of(root));
}

/* The group's root cause first, then what it explains and what was ruled out:
 * "<root> explains 2 failures; <ruled out>:" (the failures follow), or for a single chain
 * "<root> explains <symptom>, through <step 1>; <ruled out>". A chain of one has no cause to
 * lead with; it is told as its failure. */
static void root_sentence(out *o, const rca_result *res, const plan *pl, const group *gr)
{
    const rca_chain *c = group_chain(res, pl, gr, 0);
    if (gr->n == 1 && c->n == 1) {
        failure_sentence(o, c);
    } else {
        finding_name(o, gr->root);
        put(o, " explains ");
        if (gr->n > 1) {
            putf(o, "%zu failures", gr->n);
        } else {
            text(o, title_of(c->steps[0]));
            if (c->n > 2) {
                put(o, ", through ");
                finding_name(o, c->steps[1]);
            }
        }
    }
    ruled_out_clause(o, res, pl, gr);
    if (gr->n > 1)
        put(o, ":");
}

/* ------------------------------------------------------------------ header */

static void summary_line(out *o, const rca_result *res, const rca_report_opts *opts)
{
    put(o, "sosrca");
    if (opts->version && *opts->version) {
        put(o, " ");
        text(o, opts->version);
    }
    putf(o, ": %zu host%s", res->nhosts, res->nhosts == 1 ? "" : "s");
    if (res->nhosts) {
        put(o, " (");
        for (size_t i = 0; i < res->nhosts; i++) {
            const rca_host_summary *h = &res->hosts[i];
            if (i)
                put(o, ", ");
            text(o, h->name);
            if (h->roles && *h->roles) {
                put(o, " ");
                text(o, h->roles);
            }
        }
        put(o, ")");
    }
    putf(o, ", %zu rule%s", res->nrules, res->nrules == 1 ? "" : "s");
    if (!opts->stable)
        putf(o, ", %.2f s", res->elapsed_s);
}

#define PARTIAL_TEXT                                                                               \
    "some reports could be read only in part; findings that need the missing parts may be absent"

/* The last warning line when the analysis listed only the first warnings (a %zu count). */
#define DROPPED_TEXT "... and %zu more warnings, not shown (--verbose prints every warning on stderr)"

/* ------------------------------------------------------------------ wrapped paragraphs (text) */

static size_t utf8_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* label + s wrapped at `width` columns (0: not wrapped, for Markdown, which reflows), continuation
 * lines indented by `hang` columns. Words are split on any white space of the source, so the line
 * breaks of a rule file's paragraph do not show; a blank line in it starts a new paragraph. */
static void wrapped(out *o, const char *label, size_t hang, const char *s, size_t width)
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
static void rewrap(out *o, size_t mark, size_t col, size_t hang)
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

/* ------------------------------------------------------------------ findings, both formats */

/* How a finding is shown. */
enum {
    SHOW_SEVERITY = 1, /* lead with the severity (other findings) */
    SHOWN_ABOVE = 2,   /* its count and evidence were shown for an earlier chain of the group */
};

/* "42 times between 2025-03-03 14:08:06 UTC and 2025-03-03 14:13:06 UTC" */
static void count_line(out *o, const rca_finding *f)
{
    putf(o, "%u times", f->count);
    if (f->first_ts >= 0) {
        char a[40], b[40];
        fmt_utc(f->first_ts, a);
        if (f->last_ts >= 0 && f->last_ts != f->first_ts) {
            fmt_utc(f->last_ts, b);
            putf(o, " between %s and %s", a, b);
        } else {
            putf(o, " at %s", a);
        }
    }
}

/* 1 if f, a step of chain k of group gr, already appeared in one of the group's earlier chains. */
static int step_shown_above(const rca_result *res, const plan *pl, const group *gr, size_t k,
                            const rca_finding *f)
{
    for (size_t i = 0; i < k; i++)
        if (is_step(group_chain(res, pl, gr, i), f))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ text report */

/* One finding: "  1. [code] host  title", its count and time span, and its first evidence lines.
 * `label` is "1." for a chain step, "-" for what a root also explains, a severity word, or NULL
 * (ruled-out checks: their title says what was measured); `key` is the correlation key that joined
 * it to the step before, or NULL. Continuation lines sit at indent + 5 columns. */
static void text_finding(out *o, const rca_finding *f, size_t indent, const char *label,
                         unsigned how, const char *key)
{
    int label_is_severity = (how & SHOW_SEVERITY) != 0;
    spaces(o, indent);
    if (label_is_severity) {
        sgr_severity(o, f->severity);
        putf(o, "%-8s", label);
        sgr_severity_end(o, f->severity);
        put(o, " ");
    } else if (label) {
        put(o, label);
        put(o, " ");
    }
    if (!label_is_severity)
        sgr_severity(o, f->severity);
    put(o, "[");
    text(o, f->code);
    put(o, "]");
    if (!label_is_severity)
        sgr_severity_end(o, f->severity);
    put(o, " ");
    text(o, f->host);
    put(o, "  ");
    text(o, title_of(f));
    if (key && *key) {
        put(o, "  (");
        text(o, key);
        put(o, ")");
    }
    put(o, "\n");
    size_t sub = indent + 5;
    if (how & SHOWN_ABOVE) {
        spaces(o, sub);
        sgr(o, SGR_DIM);
        put(o, "(evidence above)");
        sgr_end(o);
        put(o, "\n");
        return;
    }
    if (f->count > 1) {
        spaces(o, sub);
        count_line(o, f);
        put(o, "\n");
    }
    size_t shown = f->nev < EVIDENCE_SHOWN ? f->nev : EVIDENCE_SHOWN;
    for (size_t i = 0; i < shown; i++) {
        const rca_evidence *e = &f->ev[i];
        spaces(o, sub);
        sgr(o, SGR_DIM);
        text(o, e->host);
        put(o, ":");
        text(o, e->path);
        putf(o, ":%lld  ", (long long)e->line);
        evidence_text(o, e);
        sgr_end(o);
        put(o, "\n");
    }
    size_t total = f->count > f->nev ? f->count : f->nev;
    if (total > shown && shown > 0) {
        spaces(o, sub);
        sgr(o, SGR_DIM);
        putf(o, "(+%zu more)", total - shown);
        sgr_end(o);
        put(o, "\n");
    }
}

/* The steps of chain k of group gr, symptom first. */
static void text_chain_steps(out *o, const rca_result *res, const plan *pl, const group *gr,
                             size_t k, size_t indent)
{
    const rca_chain *c = group_chain(res, pl, gr, k);
    for (size_t i = 0; i < c->n; i++) {
        char label[24];
        snprintf(label, sizeof label, "%zu.", i + 1);
        const char *key = i > 0 && c->keys ? c->keys[i - 1] : NULL;
        unsigned how = step_shown_above(res, pl, gr, k, c->steps[i]) ? SHOWN_ABOVE : 0;
        text_finding(o, c->steps[i], indent, label, how, key);
    }
}

/* "Also caused by it:" and what the group's root explains besides its chains' steps (the same
 * host's missing tunnels, say), each finding once for the group. */
static void text_also(out *o, const rca_result *res, const plan *pl, const group *gr)
{
    int any = 0;
    for (size_t k = 0; k < gr->n; k++) {
        const rca_chain *c = group_chain(res, pl, gr, k);
        for (size_t i = 0; c->also && i < c->nalso; i++) {
            if (!also_first(res, pl, gr, k, i))
                continue;
            if (!any)
                put(o, "\n  Also caused by it:\n");
            any = 1;
            text_finding(o, c->also[i], 4, "-", 0, NULL);
        }
    }
}

/* "Not proven: ovn-sb-unreachable: ovn-controller logs missing" under a chain whose deepest step
 * is not a root: the pack knows causes it could not look for. */
static void text_not_proven(out *o, const rca_chain *c, size_t indent)
{
    for (size_t i = 0; i < c->nnot_proven; i++) {
        spaces(o, indent);
        put(o, "Not proven: ");
        text(o, c->not_proven[i]);
        put(o, " missing\n");
    }
}

static void md_not_proven(out *o, const rca_chain *c)
{
    for (size_t i = 0; i < c->nnot_proven; i++) {
        put(o, i ? "" : "\n");
        put(o, "- Not proven: ");
        text(o, c->not_proven[i]);
        put(o, " missing\n");
    }
}

static void text_root_notes(out *o, const rca_finding *root)
{
    if (root->explain && *root->explain)
        wrapped(o, "  Why: ", 7, root->explain, WRAP_COLS);
    if (root->remedy && *root->remedy)
        wrapped(o, "  Fix: ", 7, root->remedy, WRAP_COLS);
    if (root->refs) {
        for (size_t i = 0; root->refs[i]; i++) {
            put(o, i ? "       " : "  See: ");
            text(o, root->refs[i]);
            put(o, "\n");
        }
    }
}

static void heading(out *o, const char *s)
{
    sgr(o, SGR_BOLD);
    put(o, s);
    sgr_end(o);
    put(o, "\n");
}

static void write_text(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl)
{
    sgr(o, SGR_BOLD);
    summary_line(o, res, opts);
    sgr_end(o);
    put(o, "\n");
    if (res->partial) {
        sgr(o, SGR_BOLD_YELLOW);
        put(o, "PARTIAL:");
        sgr_end(o);
        put(o, " " PARTIAL_TEXT "\n");
    }
    for (size_t i = 0; i < res->nwarnings; i++) {
        sgr(o, SGR_YELLOW);
        put(o, "warning:");
        sgr_end(o);
        put(o, " ");
        text(o, res->warnings[i]);
        put(o, "\n");
    }
    if (res->warnings_dropped) {
        sgr(o, SGR_YELLOW);
        put(o, "warning:");
        sgr_end(o);
        putf(o, " " DROPPED_TEXT "\n", res->warnings_dropped);
    }
    put(o, "\n");

    if (pl->ngroups == 0)
        put(o, "No root cause found: no failure symptom (failed build, NoValidHost, ...) in these "
               "reports.\n\n");
    for (size_t g = 0; g < pl->ngroups; g++) {
        const group *gr = &pl->groups[g];
        char h[96];
        if (pl->ngroups == 1)
            snprintf(h, sizeof h, "Root cause");
        else
            snprintf(h, sizeof h, "Root cause %zu of %zu%s", g + 1, pl->ngroups,
                     g == 0 ? " (most likely)" : "");
        heading(o, h);
        put(o, "  ");
        sgr(o, SGR_BOLD);
        size_t mark = o->b.n;
        root_sentence(o, res, pl, gr);
        rewrap(o, mark, 2, 4);
        sgr_end(o);
        if (gr->n == 1) {
            put(o, "\n\n");
            text_chain_steps(o, res, pl, gr, 0, 2);
            text_not_proven(o, group_chain(res, pl, gr, 0), 2);
        } else {
            put(o, "\n");
            for (size_t k = 0; k < gr->n; k++) {
                char label[48];
                snprintf(label, sizeof label, "  Failure %zu: ", k + 1);
                put(o, "\n");
                put(o, label);
                mark = o->b.n;
                failure_sentence(o, group_chain(res, pl, gr, k));
                rewrap(o, mark, strlen(label), strlen(label));
                put(o, "\n");
                text_chain_steps(o, res, pl, gr, k, 4);
                text_not_proven(o, group_chain(res, pl, gr, k), 4);
            }
        }
        text_also(o, res, pl, gr);
        put(o, "\n");
        text_root_notes(o, gr->root);
        put(o, "\n");
    }

    if (res->nruled_out) {
        heading(o, "Ruled out");
        for (size_t i = 0; i < res->nruled_out; i++)
            text_finding(o, res->ruled_out[i], 2, NULL, 0, NULL);
        put(o, "\n");
    }
    if (res->ncoverage) {
        heading(o, "Not examined");
        for (size_t i = 0; i < res->ncoverage; i++) {
            put(o, "  - ");
            size_t mark = o->b.n;
            text(o, res->coverage[i].title);
            rewrap(o, mark, 4, 4);
            put(o, "\n");
        }
        put(o, "\n");
    }
    if (res->nearlier || pl->nolder) {
        char h[128], a[96];
        earlier_heading(h, sizeof h, res);
        heading(o, h);
        for (size_t i = 0; i < res->nearlier; i++) {
            const rca_chain *c = &res->earlier[i];
            if (!chain_ok(c))
                continue;
            age_words(a, sizeof a, c->steps[0]);
            putf(o, "  Incident %zu, %s:\n", i + 1, a);
            for (size_t k = 0; k < c->n; k++) {
                char label[24];
                snprintf(label, sizeof label, "%zu.", k + 1);
                text_finding(o, c->steps[k], 4, label, 0, k > 0 && c->keys ? c->keys[k - 1] : NULL);
            }
        }
        for (size_t i = 0; i < pl->nolder; i++) {
            const rca_finding *f = pl->older[i].f;
            const char *sev = rca_severity_rank(f->severity) ? f->severity : "unknown";
            text_finding(o, f, 2, sev, SHOW_SEVERITY, NULL);
        }
        put(o, "\n");
    }
    if (pl->nothers) {
        heading(o, "Other findings");
        for (size_t i = 0; i < pl->nothers; i++) {
            const rca_finding *f = pl->others[i].f;
            const char *sev = f->severity && *f->severity ? f->severity : "info";
            /* the label is padded with %-8s, so it must be short and printable */
            if (rca_severity_rank(sev) == 0)
                sev = "unknown";
            text_finding(o, f, 2, sev, SHOW_SEVERITY, NULL);
        }
        put(o, "\n");
    }
}

/* ------------------------------------------------------------------ Markdown report */

static void md_evidence(out *o, const rca_finding *f, size_t indent)
{
    size_t shown = f->nev < EVIDENCE_SHOWN ? f->nev : EVIDENCE_SHOWN;
    if (!shown)
        return;
    /* The fence is longer than any backtick run inside, so no evidence line can close it. */
    size_t fence = 3;
    for (size_t i = 0; i < shown; i++) {
        const rca_evidence *e = &f->ev[i];
        const char *parts[] = {e->host, e->path, e->text};
        size_t lens[] = {e->host ? strlen(e->host) : 0, e->path ? strlen(e->path) : 0,
                         e->text ? e->text_len : 0};
        for (size_t j = 0; j < RCA_ARRAY_LEN(parts); j++)
            if (parts[j] && backtick_run(parts[j], lens[j]) >= fence)
                fence = backtick_run(parts[j], lens[j]) + 1;
    }
    int md = o->md;
    o->md = 0; /* inside the fence nothing is markup */
    put(o, "\n");
    spaces(o, indent);
    backticks(o, fence);
    put(o, "text\n");
    for (size_t i = 0; i < shown; i++) {
        const rca_evidence *e = &f->ev[i];
        spaces(o, indent);
        text(o, e->host);
        put(o, ":");
        text(o, e->path);
        putf(o, ":%lld  ", (long long)e->line);
        evidence_text(o, e);
        put(o, "\n");
    }
    spaces(o, indent);
    backticks(o, fence);
    put(o, "\n");
    o->md = md;
    size_t total = f->count > f->nev ? f->count : f->nev;
    if (total > shown) {
        put(o, "\n");
        spaces(o, indent);
        putf(o, "(+%zu more)\n", total - shown);
    }
}

/* One finding as a list item: "1. `code` **host** title", then its count and evidence indented
 * under the item. */
static void md_finding(out *o, const rca_finding *f, const char *marker, size_t indent,
                       const char *key, unsigned how)
{
    spaces(o, indent);
    put(o, marker);
    put(o, " ");
    size_t sub = indent + strlen(marker) + 1;
    if (how & SHOW_SEVERITY) {
        put(o, "**");
        text(o, f->severity);
        put(o, "** ");
    }
    md_code(o, f->code);
    put(o, " ");
    if (f->host) {
        put(o, "**");
        text(o, f->host);
        put(o, "** ");
    }
    text(o, title_of(f));
    if (key && *key) {
        put(o, " (");
        text(o, key);
        put(o, ")");
    }
    put(o, "\n");
    if (how & SHOWN_ABOVE) {
        put(o, "\n");
        spaces(o, sub);
        put(o, "(evidence above)\n");
        return;
    }
    if (f->count > 1) {
        put(o, "\n");
        spaces(o, sub);
        count_line(o, f);
        put(o, "\n");
    }
    md_evidence(o, f, sub);
}

static void md_chain_steps(out *o, const rca_result *res, const plan *pl, const group *gr,
                           size_t k)
{
    const rca_chain *c = group_chain(res, pl, gr, k);
    for (size_t i = 0; i < c->n; i++) {
        char marker[24];
        snprintf(marker, sizeof marker, "%zu.", i + 1);
        const char *key = i > 0 && c->keys ? c->keys[i - 1] : NULL;
        unsigned how = step_shown_above(res, pl, gr, k, c->steps[i]) ? SHOWN_ABOVE : 0;
        md_finding(o, c->steps[i], marker, 0, key, how);
    }
}

/* The Markdown form of text_also. */
static void md_also(out *o, const rca_result *res, const plan *pl, const group *gr)
{
    int any = 0;
    for (size_t k = 0; k < gr->n; k++) {
        const rca_chain *c = group_chain(res, pl, gr, k);
        for (size_t i = 0; c->also && i < c->nalso; i++) {
            if (!also_first(res, pl, gr, k, i))
                continue;
            if (!any)
                put(o, "\n**Also caused by it:**\n\n");
            any = 1;
            md_finding(o, c->also[i], "-", 0, NULL, 0);
        }
    }
}

static void md_root_notes(out *o, const rca_finding *root)
{
    if (root->explain && *root->explain) {
        put(o, "\n");
        wrapped(o, "**Why:** ", 0, root->explain, 0);
    }
    if (root->remedy && *root->remedy) {
        put(o, "\n");
        wrapped(o, "**Fix:** ", 0, root->remedy, 0);
    }
    if (root->refs && root->refs[0]) {
        put(o, "\n**See:**\n\n");
        for (size_t i = 0; root->refs[i]; i++) {
            put(o, "- ");
            text(o, root->refs[i]);
            put(o, "\n");
        }
    }
}

static void md_cell(out *o, const char *s)
{
    put(o, " ");
    text(o, s);
    put(o, " |");
}

static void write_md(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl)
{
    put(o, "# sosrca report\n\n");
    summary_line(o, res, opts);
    put(o, "\n");
    if (res->partial)
        put(o, "\n> **PARTIAL:** " PARTIAL_TEXT "\n");
    if (res->nwarnings || res->warnings_dropped) {
        put(o, "\n**Warnings**\n\n");
        for (size_t i = 0; i < res->nwarnings; i++) {
            put(o, "- ");
            text(o, res->warnings[i]);
            put(o, "\n");
        }
        if (res->warnings_dropped)
            putf(o, "- " DROPPED_TEXT "\n", res->warnings_dropped);
    }
    if (res->nhosts) {
        put(o, "\n| host | roles | report | kernel | sos | collected |\n"
               "|---|---|---|---|---|---|\n");
        for (size_t i = 0; i < res->nhosts; i++) {
            const rca_host_summary *h = &res->hosts[i];
            char t[40] = "-";
            if (h->collected_at >= 0)
                fmt_utc(h->collected_at, t);
            put(o, "|");
            md_cell(o, h->name);
            md_cell(o, h->roles);
            md_cell(o, h->report);
            md_cell(o, h->kernel);
            md_cell(o, h->sos_version);
            md_cell(o, t);
            put(o, "\n");
        }
    }

    if (pl->ngroups == 0)
        put(o, "\n## No root cause found\n\nNo failure symptom (failed build, NoValidHost, ...) in "
               "these reports.\n");
    for (size_t g = 0; g < pl->ngroups; g++) {
        const group *gr = &pl->groups[g];
        if (pl->ngroups == 1)
            put(o, "\n## Root cause\n\n");
        else
            putf(o, "\n## Root cause %zu of %zu%s\n\n", g + 1, pl->ngroups,
                 g == 0 ? " (most likely)" : "");
        put(o, "**");
        root_sentence(o, res, pl, gr);
        put(o, "**\n");
        if (gr->n == 1) {
            put(o, "\n");
            md_chain_steps(o, res, pl, gr, 0);
            md_not_proven(o, group_chain(res, pl, gr, 0));
        } else {
            for (size_t k = 0; k < gr->n; k++) {
                putf(o, "\n### Failure %zu\n\n", k + 1);
                failure_sentence(o, group_chain(res, pl, gr, k));
                put(o, "\n\n");
                md_chain_steps(o, res, pl, gr, k);
                md_not_proven(o, group_chain(res, pl, gr, k));
            }
        }
        md_also(o, res, pl, gr);
        md_root_notes(o, gr->root);
    }

    if (res->nruled_out) {
        put(o, "\n## Ruled out\n\n| check | host | result | figures |\n|---|---|---|---|\n");
        for (size_t i = 0; i < res->nruled_out; i++) {
            const rca_finding *f = res->ruled_out[i];
            put(o, "|");
            md_cell(o, f->code);
            md_cell(o, f->host);
            md_cell(o, title_of(f));
            put(o, " ");
            for (size_t j = 0; j < f->nfields; j++) {
                if (j)
                    put(o, ", ");
                text(o, f->fields[j].name);
                put(o, " = ");
                text(o, f->fields[j].value);
            }
            put(o, " |\n");
        }
    }
    if (res->ncoverage) {
        put(o, "\n## Not examined\n\n");
        for (size_t i = 0; i < res->ncoverage; i++) {
            put(o, "- ");
            text(o, res->coverage[i].title);
            put(o, "\n");
        }
    }
    if (res->nearlier || pl->nolder) {
        char h[128], a[96];
        earlier_heading(h, sizeof h, res);
        putf(o, "\n## %s\n\n", h);
        for (size_t i = 0; i < res->nearlier; i++) {
            const rca_chain *c = &res->earlier[i];
            if (!chain_ok(c))
                continue;
            age_words(a, sizeof a, c->steps[0]);
            putf(o, "### Incident %zu, %s\n\n", i + 1, a);
            for (size_t k = 0; k < c->n; k++) {
                char marker[24];
                snprintf(marker, sizeof marker, "%zu.", k + 1);
                md_finding(o, c->steps[k], marker, 0, k > 0 && c->keys ? c->keys[k - 1] : NULL, 0);
            }
            put(o, "\n");
        }
        for (size_t i = 0; i < pl->nolder; i++)
            md_finding(o, pl->older[i].f, "-", 0, NULL, SHOW_SEVERITY);
    }
    if (pl->nothers) {
        put(o, "\n## Other findings\n\n");
        for (size_t i = 0; i < pl->nothers; i++)
            md_finding(o, pl->others[i].f, "-", 0, NULL, SHOW_SEVERITY);
    }
}

/* ------------------------------------------------------------------ public entry points */

int rca_format_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "text") == 0)
        return RCA_FMT_TEXT;
    if (strcmp(s, "json") == 0)
        return RCA_FMT_JSON;
    if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
        return RCA_FMT_MD;
    return -1;
}

rca_err rca_report_write(FILE *out_file, const rca_result *res, const rca_report_opts *opts)
{
    static const rca_report_opts defaults = {RCA_FMT_TEXT, 0, NULL, 0};
    rca_err rc = RCA_OK;
    plan pl;
    out o;
    if (!out_file || !res)
        return RCA_EINTERNAL;
    if (!opts)
        opts = &defaults;
    if (opts->format == RCA_FMT_JSON) {
        rc = rca_report_write_json(out_file, res, opts);
        if (!rc && (fflush(out_file) != 0 || ferror(out_file)))
            rc = RCA_EIO;
        return rc;
    }
    rc = plan_build(res, &pl);
    if (rc)
        return rc;
    out_init(&o, opts->format == RCA_FMT_TEXT && opts->color, opts->format == RCA_FMT_MD);
    if (opts->format == RCA_FMT_MD)
        write_md(&o, res, opts, &pl);
    else
        write_text(&o, res, opts, &pl);
    rc = o.rc;
    if (!rc && o.b.n && fwrite(o.b.p, 1, o.b.n, out_file) != o.b.n)
        rc = RCA_EIO;
    if (!rc && (fflush(out_file) != 0 || ferror(out_file)))
        rc = RCA_EIO;
    out_free(&o);
    plan_free(&pl);
    return rc;
}

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

void rca_report_diag(FILE *out_file, const rca_diag_msg *m, int color)
{
    out o;
    if (!out_file || !m)
        return;
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
    if (!o.rc && o.b.n)
        fwrite(o.b.p, 1, o.b.n, out_file);
    out_free(&o);
}
