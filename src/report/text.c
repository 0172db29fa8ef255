/* text.c - the text report (ANSI colour on a terminal): the root causes with their chains, what
 * else was found, what was ruled out, not examined and earlier incidents, warnings; paragraphs
 * wrapped to WRAP_COLS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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

void write_text(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl)
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
                failure_sentence(o, pl, group_chain(res, pl, gr, k));
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
