/* rca_analyze.h - one analysis from bundles to result: drives ingest -> parse -> store -> rules.
 * main.c calls this and hands the result to report/. Owns the glue decisions: which parser reads
 * an entry, how log records are assembled across lines, how each host's identity and time zone
 * are worked out (its roles come from the pack's roles checks, rules/system/roles.rules).
 */
#ifndef RCA_ANALYZE_H
#define RCA_ANALYZE_H

#include "rca_ingest.h"
#include "rca_rules.h"

typedef struct rca_analyze_opts {
    const char *const *paths; /* bundles */
    size_t npaths;
    const char *db_path;      /* NULL: in memory */
    int overwrite_db;
    rca_limits limits;
    int fts;                  /* also build the full-text index line_fts (slow; opt-in) */
    double max_age_s;         /* findings older than this before collection are earlier
                                 incidents (<= 0: RCA_MAX_AGE_DEFAULT) */
} rca_analyze_opts;

/* Analyze the bundles with the rule pack. Bundle damage becomes warnings in the result (and
 * `partial`); the analysis goes on with the other bundles. Returns RCA_OK with *out set, or an
 * error when nothing could be done (the database could not be created, ...). */
rca_err rca_analyze_run(const rca_analyze_opts *o, rca_rules *rules, rca_diag *diag,
                        rca_result **out);

#endif
