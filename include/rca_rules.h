/* rca_rules.h - the rule pack and the root-cause engine. Fourth stage of the pipeline.
 *
 * A rule pack is a folder of *.rules files (format: docs/rules.md), a codes list (codes.list) and a
 * layout map (layout.map). Line rules are PCRE2 regexes with named captures, compiled once with
 * JIT at load, run on the log lines of the files they select (by service or path glob). Checks are
 * SQL over the store. Findings are hits grouped by rule and key fields; `explains` clauses link
 * causes to effects on a shared key and a time relation; chains run from a symptom down to the
 * deepest cause with evidence, ranked; healthy checks come out as "ruled out" with figures.
 */
#ifndef RCA_RULES_H
#define RCA_RULES_H

#include "rca_ingest.h"
#include "rca_parse.h"
#include "rca_store.h"
#include "rca_util.h"

typedef struct rca_rules rca_rules;

/* Load and compile every *.rules file under dir (recursively, in name order), dir/codes.list
 * and dir/layout.map. Every problem goes to diag as path:line:col with a caret line; returns
 * RCA_ESYNTAX if there was any error. When `check_samples` is set, each rule's samples are
 * checked too (what `sosrca rules lint` does). On success *out owns the pack. */
rca_err rca_rules_load(const char *dir, int check_samples, rca_diag *diag, rca_rules **out);
void rca_rules_free(rca_rules *r);

/* Number of line rules and checks (for the report header and lint's summary). */
size_t rca_rules_count(const rca_rules *r);
/* The layout map of the pack (borrowed). */
const rca_layout *rca_rules_layout(const rca_rules *r);

/* How a finding code reads in a report's sentences: the columns of its codes.list line
 * (docs/rules.md "codes.list"), so that a rule author changes the wording without touching C. */
typedef struct rca_code_words {
    const char *noun; /* the noun phrase for the code in a sentence ("disk", "provider-network
                         ports": "disk and memory ruled out"); NULL when the pack gives none */
    int in_sentence;  /* a ruled-out code: 1 (the default) if the root-cause sentence quotes it,
                         0 if it is told under "Ruled out" only (a check that says something
                         which looks wrong is normal there) */
    const char *unproven; /* a symptom code: why no cause could be shown, when a chain stops at
                             the symptom ("cause not proven: <unproven>"); NULL: the report's
                             general words */
} rca_code_words;

/* The words of `code` in pack r (borrowed, valid until rca_rules_free), or NULL when r is NULL or
 * the pack has no such code. */
const rca_code_words *rca_rules_code_words(const rca_rules *r, const char *code);

/* ---- matching during ingest ---- */

/* The line rules that apply to one file, chosen once per file (borrowed from r). */
typedef struct rca_fileset rca_fileset;

/* Rules selecting this file (by service or path). OUT *out: the set, owned by r and valid until
 * rca_rules_free (it may hold no rules). Returns RCA_ENOMEM when the set could not be built
 * (*out untouched): running no rules on the file would lose its evidence without a word. */
rca_err rca_rules_for_file(rca_rules *r, const char *service, const char *path,
                           const rca_fileset **out);
int rca_fileset_empty(const rca_fileset *fs);

/* Run the file's rules on one parsed line; each match is stored as a hit in s.
 * `raw`/`rawlen` is the whole line, `ll` its parse. ts is the UTC time of the line's record, < 0 if
 * none. Returns RCA_OK or a store error. A regex that hits PCRE2's match limit is treated as no
 * match and reported (the first 10 times in the pack's life) as a warning at `lineno` naming the
 * rule and its file:line, with no bundle or entry: diag's sink knows which entry is being read. */
rca_err rca_rules_match_line(rca_rules *r, const rca_fileset *fs, rca_store *s, int64_t host_id,
                             int64_t file_id, int64_t lineno, double ts, const rca_logline *ll,
                             const char *raw, size_t rawlen, rca_diag *diag);

/* ---- after ingest ---- */

typedef struct rca_evidence {
    const char *host;   /* host name */
    const char *path;   /* path inside the report */
    int64_t line;       /* 1-based line number */
    const char *text;   /* the line as written; NUL-terminated, but it may hold NUL bytes too */
    size_t text_len;    /* its length in bytes: use it, not strlen, to show the whole line */
    int64_t file_id;    /* the file's row in the database */
} rca_evidence;

typedef struct rca_field {
    const char *name, *value;
} rca_field;

typedef struct rca_finding {
    int64_t id;
    const char *rule, *code, *cls; /* cls: symptom | intermediate | root | ruled-out */
    const char *severity;          /* critical | error | warning | info */
    const char *title;             /* rendered from the rule's title template */
    const char *explain, *remedy;  /* plain words, may be NULL */
    const char *const *refs;       /* NULL-terminated list of references */
    const char *host;              /* host where the evidence is, may be NULL (cross-host checks) */
    double first_ts, last_ts;      /* UTC; < 0 when none */
    unsigned count;                /* matching lines or rows */
    rca_field *fields;
    size_t nfields;
    rca_evidence *ev;              /* the first few pieces of evidence */
    size_t nev;
    double age_s;                  /* how long before its host's collection the last evidence
                                      was written; < 0 when unknown (no time, no collection) */
    int earlier;                   /* older than the analysis' max age: an earlier incident,
                                      never the current root cause */
} rca_finding;

typedef struct rca_chain {
    const rca_finding **steps;     /* steps[0] is the symptom, steps[n-1] the deepest cause */
    const char **keys;             /* keys[i] joined steps[i] and steps[i+1] ("port=..."), n-1 */
    size_t n;
    double score;
    const rca_finding **also;      /* other findings the root explains directly (corroboration:
                                      e.g. the same host's missing tunnels), not in steps */
    size_t nalso;
    const char **not_proven;       /* the next links below the deepest step that could not be
                                      looked for: "ovn-sb-unreachable: ovn-controller logs" */
    size_t nnot_proven;
} rca_chain;

/* Something that could not be examined (a coverage check's row): "no df output: disk space on
 * cmp-1 not examined". */
typedef struct rca_coverage {
    const char *host;    /* the host it is about, NULL for the whole incident */
    const char *check;   /* the coverage check's id */
    const char *title;   /* rendered */
} rca_coverage;

typedef struct rca_host_summary {
    const char *name, *report, *roles, *tz, *kernel, *sos_version;
    double collected_at;
} rca_host_summary;

typedef struct rca_result {
    rca_finding *findings;   /* every finding, most severe first */
    size_t nfindings;
    rca_chain *chains;       /* root causes, most likely first */
    size_t nchains;
    rca_chain *earlier;      /* chains whose symptom is older than the max age (earlier
                                incidents), most recent first */
    size_t nearlier;
    double max_age_s;        /* the max age the analysis used */
    const rca_finding **ruled_out;
    size_t nruled_out;
    rca_host_summary *hosts;
    size_t nhosts;
    rca_coverage *coverage;  /* what could not be examined, in pack order */
    size_t ncoverage;
    const char **warnings;
    size_t nwarnings;
    size_t warnings_dropped; /* warnings past the analysis' cap: counted, not listed (each went to
                                the diagnostics sink all the same) */
    int partial;             /* some bundle could be read only in part */
    size_t nrules;
    double elapsed_s;
    rca_arena *arena;        /* owns everything above */
} rca_result;

/* How evaluation judges time. */
typedef struct rca_eval_opts {
    double max_age_s; /* a finding whose last evidence is older than this before its host's
                         collection is an earlier incident; <= 0: RCA_MAX_AGE_DEFAULT */
} rca_eval_opts;

#define RCA_MAX_AGE_DEFAULT (7 * 86400.0)

/* After the ingest, before rca_rules_evaluate: run the pack's roles checks and set the roles of
 * every host one of their rows names (column host_id, column roles: a comma-separated list; a
 * later row for the same host wins; a host no row names keeps none). A roles check whose SQL
 * fails is said through diag at its location and skipped. */
rca_err rca_rules_set_roles(rca_rules *r, rca_store *s, rca_diag *diag);

/* Run the checks, group hits into findings, link causes, build and rank chains. The findings are
 * also written to the store (tables finding, evidence, cause). `o` may be NULL (defaults). On
 * success *out owns the result. */
rca_err rca_rules_evaluate(rca_rules *r, rca_store *s, const rca_eval_opts *o, rca_diag *diag,
                           rca_result **out);

/* Append a warning to the result (copied). */
rca_err rca_result_add_warning(rca_result *res, const char *text);
void rca_result_free(rca_result *res);

/* Severity rank: info 1, warning 2, error 3, critical 4; 0 for unknown names. */
int rca_severity_rank(const char *name);

/* The PCRE2 this binary runs with, for `sosrca --version` (e.g. "PCRE2 1.2.3"). Static
 * storage, valid for the life of the process. */
const char *rca_rules_lib_version(void);

#endif
