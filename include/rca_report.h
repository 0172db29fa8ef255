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

/* Parse "text", "json" or "md"; returns -1 for anything else. */
int rca_format_parse(const char *s);

typedef struct rca_report_opts {
    rca_format format;
    int color;           /* ANSI colour (text only) */
    const char *version; /* sosrca version string */
    int stable;          /* omit timings (for golden files) */
    const rca_rules *rules; /* the pack: how its codes read in sentences (codes.list columns);
                               NULL: each code reads as its own words (borrowed) */
} rca_report_opts;

/* Write the report of res to out. Returns RCA_EIO if writing failed. */
rca_err rca_report_write(FILE *out, const rca_result *res, const rca_report_opts *opts);

/* Print a diagnostic (file:line:col: error: text, then the source line and a caret). */
void rca_report_diag(FILE *out, const rca_diag_msg *m, int color);

#endif
