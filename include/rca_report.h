/* rca_report.h - writing an analysis result for people and scripts: text (colour on a terminal),
 * Markdown and JSON (stable; schema in README "JSON report"). Last stage of the pipeline. Text
 * from bundles is escaped: terminal control sequences never reach the terminal, and Markdown
 * special characters never break a table or make a link.
 */
#ifndef RCA_REPORT_H
#define RCA_REPORT_H

#include <stdio.h>

#include "rca_rules.h"

typedef enum rca_format { RCA_FMT_TEXT, RCA_FMT_JSON, RCA_FMT_MD } rca_format;

/* Parse "text", "json", "md" or "markdown". OUT *fmt, set only on success. Returns RCA_ESYNTAX for
 * anything else. */
rca_err rca_format_parse(const char *s, rca_format *fmt);

typedef struct rca_report_opts {
    rca_format format;
    int color;           /* ANSI colour (text only) */
    const char *version; /* sosrca version string */
    int stable;          /* omit timings (for golden files) */
    const rca_rules *rules; /* the pack: how its codes read in sentences (codes.list columns);
                               NULL: each code reads as its own words (borrowed) */
} rca_report_opts;

/* Write the report of res to out (opts may be NULL: text, no colour). Returns RCA_ENOMEM if
 * building it failed, RCA_EIO if writing it failed, RCA_EINTERNAL for a NULL out or res. */
rca_err rca_report_write(FILE *out, const rca_result *res, const rca_report_opts *opts);

/* Print a diagnostic (file:line:col: error: text, then the source line and a caret). Returns
 * RCA_ENOMEM if building it failed (nothing printed), RCA_EIO if writing it failed,
 * RCA_EINTERNAL for a NULL out or m. */
rca_err rca_report_diag(FILE *out, const rca_diag_msg *m, int color);

#endif
