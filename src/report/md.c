/* md.c - the Markdown report: the same sections as the text report, with every untrusted string
 * escaped for Markdown as well, evidence in code spans and the hosts in a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ not proven */

/* "- Not proven: ovn-sb-unreachable: ovn-controller logs missing" under a chain whose deepest
 * step is not a root. */
static void md_not_proven(out *o, const rca_chain *c)
{
    for (size_t i = 0; i < c->nnot_proven; i++) {
        put(o, i ? "" : "\n");
        put(o, "- Not proven: ");
        text(o, c->not_proven[i]);
        put(o, " missing\n");
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

void write_md(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl)
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
                failure_sentence(o, pl, group_chain(res, pl, gr, k));
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
