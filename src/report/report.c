/* report.c - the last stage of the pipeline: an rca_result becomes a report for people, as text
 * (text.c) or Markdown (md.c), or for scripts as JSON (json.c). The result is read, never changed.
 * Every string that may have come from a bundle (titles, evidence, fields, host names, paths,
 * warnings, keys) goes through rca_escape_text on its way out (out.c), and in Markdown through a
 * second escape as well, so a crafted log line can neither drive the terminal nor turn into a
 * link, emphasis or table cell.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ public entry points */

rca_err rca_format_parse(const char *s, rca_format *fmt)
{
    static const struct {
        const char *name;
        rca_format format;
    } names[] = {{"text", RCA_FMT_TEXT}, {"json", RCA_FMT_JSON}, {"md", RCA_FMT_MD},
                 {"markdown", RCA_FMT_MD}};
    for (size_t i = 0; s && i < RCA_ARRAY_LEN(names); i++) {
        if (strcmp(s, names[i].name) == 0) {
            *fmt = names[i].format;
            return RCA_OK;
        }
    }
    return RCA_ESYNTAX;
}

rca_err rca_report_write(FILE *out_file, const rca_result *res, const rca_report_opts *opts)
{
    static const rca_report_opts defaults = {RCA_FMT_TEXT, 0, NULL, 0, NULL};
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
    rc = plan_build(res, opts->rules, &pl);
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
