/* internal.h - what the files of src/report/ share and nothing outside it sees: the JSON writer
 * (json.c) that report.c dispatches to, and the helpers both need to decide what goes where.
 */
#ifndef RCA_REPORT_INTERNAL_H
#define RCA_REPORT_INTERNAL_H

#include <stdio.h>

#include "rca_report.h"

/* Write res as the stable JSON document (README "JSON report") to out, with a final newline.
 * Returns RCA_ENOMEM if building the document failed, RCA_EIO if writing it failed. */
rca_err rca_report_write_json(FILE *out, const rca_result *res, const rca_report_opts *opts);

/* 1 if f is a ruled-out check: listed in res->ruled_out or of class "ruled-out". Such findings
 * are reported under "ruled out" and nowhere else. */
int rca_report_is_ruled_out(const rca_result *res, const rca_finding *f);

/* Format epoch seconds (UTC) as ISO 8601 "2025-03-03T14:08:06Z" into out; returns 0 when ts is
 * negative or not finite (no time). */
int rca_report_iso_time(double ts, char out[32]);

#endif
