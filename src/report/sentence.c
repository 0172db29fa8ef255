/* sentence.c - the sentences that text and Markdown both tell: the one-sentence root cause with
 * what was ruled out, a failure symptom first, the summary line, a finding's count and times.
 * How a ruled-out code reads comes from the pack's codes.list, through the plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How ruled_out[i]'s code reads in a sentence: the pack's noun ("disk", "provider-network
 * ports"), or the code's words ("tunnels-ok" -> "tunnels ok") when the pack gives none. */
static void word(out *o, const plan *pl, const rca_finding *f, size_t i)
{
    if (pl->noun[i]) {
        text(o, pl->noun[i]);
        return;
    }
    const char *p = f->code && *f->code ? f->code : "check";
    size_t n = strlen(p);
    for (size_t k = 0; k < n;) {
        size_t j = k;
        while (j < n && p[j] != '-')
            j++;
        textn(o, p + k, j - k);
        if (j < n)
            putn(o, " ", 1);
        k = j + (j < n);
    }
}

/* 1 if ruled_out[i] and ruled_out[j] read the same in a sentence. */
static int same_word(const rca_result *res, const plan *pl, size_t i, size_t j)
{
    const char *a = pl->noun[i] ? pl->noun[i] : res->ruled_out[i]->code;
    const char *b = pl->noun[j] ? pl->noun[j] : res->ruled_out[j]->code;
    return a && b && strcmp(a, b) == 0;
}

/* 1 if the ruled-out check ruled_out[i] belongs in the root sentence of group gr. Only checks of
 * a host the failures went through say something about them (a healthy disk on an unrelated node
 * does not). A check whose codes.list line says sentence=no says that something which looks wrong
 * is expected there (no provider-network ports where there are no bridge mappings): it prevents a
 * misreading rather than ruling out a cause, so it stays in the "Ruled out" section. */
static int in_sentence(const rca_result *res, const plan *pl, const group *gr, size_t i)
{
    const rca_finding *f = res->ruled_out[i];
    return f && pl->in_sentence[i] && group_has_host(res, pl, gr, f->host);
}

/* 1 if ruled_out[i] is in the sentence and no earlier one in it has the same word. */
static int first_of_word(const rca_result *res, const plan *pl, const group *gr, size_t i)
{
    if (!in_sentence(res, pl, gr, i))
        return 0;
    for (size_t j = 0; j < i; j++)
        if (in_sentence(res, pl, gr, j) && same_word(res, pl, j, i))
            return 0;
    return 1;
}

/* One ruled-out check's figures: its title, which says what was measured where ("disk on cmp-1:
 * fullest filesystem / is 38% used, 116G free"); led by check and host when it names no host. */
static void figure(out *o, const plan *pl, const rca_finding *f, size_t i)
{
    if (names_other_host(f)) {
        word(o, pl, f, i);
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
        word(o, pl, res->ruled_out[i], i);
        shown++;
    }
    put(o, " ruled out");
    shown = 0;
    for (size_t i = 0; i < res->nruled_out; i++) {
        if (!in_sentence(res, pl, gr, i))
            continue;
        if (shown == FIGURES_SHOWN) {
            put(o, "; " ELLIPSIS);
            break;
        }
        put(o, shown ? "; " : " (");
        figure(o, pl, res->ruled_out[i], i);
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
void failure_sentence(out *o, const plan *pl, const rca_chain *c)
{
    const rca_finding *symptom = c->steps[0], *root = c->steps[c->n - 1];
    text(o, title_of(symptom));
    if (c->n == 1) {
        /* why: the finding's own not_proven field, else its code's unproven= column */
        const char *why = field_value(symptom, "not_proven");
        const rca_code_words *w = rca_rules_code_words(pl->rules, symptom->code);
        if (!(why && *why) && w && w->unproven && *w->unproven)
            why = w->unproven;
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
void root_sentence(out *o, const rca_result *res, const plan *pl, const group *gr)
{
    const rca_chain *c = group_chain(res, pl, gr, 0);
    if (gr->n == 1 && c->n == 1) {
        failure_sentence(o, pl, c);
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

void summary_line(out *o, const rca_result *res, const rca_report_opts *opts)
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


/* ------------------------------------------------------------------ findings, both formats */


/* "42 times between 2025-03-03 14:08:06 UTC and 2025-03-03 14:13:06 UTC" */
void count_line(out *o, const rca_finding *f)
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
int step_shown_above(const rca_result *res, const plan *pl, const group *gr, size_t k,
                            const rca_finding *f)
{
    for (size_t i = 0; i < k; i++)
        if (is_step(group_chain(res, pl, gr, i), f))
            return 1;
    return 0;
}
