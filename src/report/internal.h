/* internal.h - what the files of src/report/ share and nothing outside it sees. The files depend
 * one way: out.c (buffer, escaping, wrapping) <- plan.c (what goes where) <- sentence.c <- text.c,
 * md.c; json.c reads plan.c only; report.c dispatches to text, Markdown and JSON; diag.c prints
 * diagnostics with out.c.
 */
#ifndef RCA_REPORT_INTERNAL_H
#define RCA_REPORT_INTERNAL_H

#include <stdio.h>

#include "rca_report.h"
#include "rca_util.h"

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
    /* res->ruled_out[i] in a root-cause sentence, from the pack's codes.list (rca_code_words) */
    const char **noun;          /* its noun phrase, or NULL: the code's words */
    unsigned char *in_sentence; /* 1 if a root-cause sentence may quote it */
    const rca_rules *rules;     /* the pack, for how other codes read (NULL: none; borrowed) */
} plan;

/* How a finding is shown. */
enum {
    SHOW_SEVERITY = 1, /* lead with the severity (other findings) */
    SHOWN_ABOVE = 2,   /* its count and evidence were shown for an earlier chain of the group */
};

#define PARTIAL_TEXT                                                                               \
    "some reports could be read only in part; findings that need the missing parts may be absent"

/* The last warning line when the analysis listed only the first warnings (a %zu count). */
#define DROPPED_TEXT "... and %zu more warnings, not shown (--verbose prints every warning on stderr)"

/* out.c: the output buffer, escaping for the terminal and Markdown, wrapping */
void out_init(out *o, int color, int md);
void out_free(out *o);
void putn(out *o, const char *s, size_t n);
void put(out *o, const char *s);
void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void spaces(out *o, size_t n);
void sgr(out *o, const char *code);
void sgr_end(out *o);
int escape_tmp(out *o, const char *s, size_t n);
void textn(out *o, const char *s, size_t n);
void text(out *o, const char *s);
size_t backtick_run(const char *s, size_t n);
void backticks(out *o, size_t n);
void md_code(out *o, const char *s);
void evidence_text(out *o, const rca_evidence *e);
void sgr_severity(out *o, const char *severity);
void sgr_severity_end(out *o, const char *severity);
size_t utf8_width(const char *s, size_t n);
void wrapped(out *o, const char *label, size_t hang, const char *s, size_t width);
void rewrap(out *o, size_t mark, size_t col, size_t hang);

/* plan.c: small facts about findings, and the plan of what goes where */
const char *title_of(const rca_finding *f);
const char *field_value(const rca_finding *f, const char *name);
int names_other_host(const rca_finding *f);
void fmt_utc(double ts, char buf[40]);
int chain_ok(const rca_chain *c);
int is_step(const rca_chain *c, const rca_finding *f);
void earlier_heading(char *buf, size_t n, const rca_result *res);
void age_words(char *buf, size_t n, const rca_finding *f);
void plan_free(plan *p);
/* Build the plan of res; `rules` (may be NULL: no pack, every code reads as its words) says how
 * codes read. OUT *p, freed with plan_free. Returns RCA_ENOMEM. */
rca_err plan_build(const rca_result *res, const rca_rules *rules, plan *p);
const rca_chain *group_chain(const rca_result *res, const plan *pl, const group *gr, size_t k);
int group_has_host(const rca_result *res, const plan *pl, const group *gr, const char *host);
int also_first(const rca_result *res, const plan *pl, const group *gr, size_t k, size_t i);

/* sentence.c: the sentences both text and Markdown tell */
void failure_sentence(out *o, const plan *pl, const rca_chain *c);
void root_sentence(out *o, const rca_result *res, const plan *pl, const group *gr);
void summary_line(out *o, const rca_result *res, const rca_report_opts *opts);
void count_line(out *o, const rca_finding *f);
int step_shown_above(const rca_result *res, const plan *pl, const group *gr, size_t k,
                     const rca_finding *f);

/* text.c: the text report */
void write_text(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl);

/* md.c: the Markdown report */
void write_md(out *o, const rca_result *res, const rca_report_opts *opts, const plan *pl);

/* Write res as the stable JSON document (README "JSON report") to out_file, with a final newline.
 * Returns RCA_ENOMEM if building the document failed, RCA_EIO if writing it failed. */
rca_err rca_report_write_json(FILE *out_file, const rca_result *res, const rca_report_opts *opts);

/* 1 if f is a ruled-out check: listed in res->ruled_out or of class "ruled-out". Such findings
 * are reported under "ruled out" and nowhere else. */
int rca_report_is_ruled_out(const rca_result *res, const rca_finding *f);

/* Format epoch seconds (UTC) as ISO 8601 "2025-03-03T14:08:06Z" into out; returns 0 when ts is
 * negative or not finite (no time). */
int rca_report_iso_time(double ts, char out[32]);

#endif
