/* ingest.c - reading one bundle (rca_ingest_bundle): an archive goes to the archive walk
 * (archive.c), a folder to the directory walk (dir.c); this file sets up the walk, names entries
 * fully in its diagnostics, and sums up at the end what was skipped and whether the bundle was
 * read whole. Nothing is ever written to disk. First stage of the pipeline (include/rca_ingest.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest_internal.h"

rca_limits rca_limits_default(void)
{
    rca_limits l;
    l.max_total_bytes = (int64_t)64 << 30; /* 64 GiB uncompressed per bundle */
    l.max_entry_bytes = (int64_t)8 << 30;  /* 8 GiB per entry */
    l.max_line_bytes = 1 << 20;            /* 1 MiB */
    l.max_entries = 5000000;
    l.max_nesting = 4;
    l.max_ratio = 1000;
    l.max_cmd_bytes = 256 << 20;
    return l;
}

/* The walker's diagnostics on their way to the caller: an entry of the current report is named
 * with its report when the bundle holds more than that report (rca_ingest_entry_name). A sink
 * cannot fail: without memory for the full name, the message keeps the bare entry path. */
static void walker_diag(void *ctx, const rca_diag_msg *m)
{
    walker *w = ctx;
    rca_diag_msg c = *m;
    if (m->entry && w->rep && m->where && strcmp(m->where, w->bundle) == 0) {
        if (rca_ingest_entry_name(w->bundle, w->rep->name, m->entry, &w->ename) == RCA_OK)
            c.entry = w->ename.p;
    }
    rca_diag_send(w->up, &c);
}

rca_err rca_ingest_bundle(const char *path, const rca_limits *lim, const rca_ingest_visitor *v,
                          rca_diag *diag, char **partial_msg)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.v = v;
    w.lim = lim;
    w.up = diag;
    w.wrap = (rca_diag){walker_diag, &w, 0, 0, 0};
    w.diag = &w.wrap;
    w.bundle = path;
    rca_buf_init(&w.partial);
    rca_buf_init(&w.ename);
    if (partial_msg)
        *partial_msg = NULL;
    struct stat st;
    rca_err rc;
    if (stat(path, &st) != 0) {
        rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "cannot open: %s",
                  strerror(errno));
        rca_buf_free(&w.partial);
        return RCA_EIO;
    }
    if (S_ISDIR(st.st_mode))
        rc = walk_dir_bundle(&w, path);
    else
        rc = walk_archive_file(&w, path, WALK_TOP, base_name(path));
    rca_err frc = report_finish(&w); /* the last report of the bundle */
    if (!rc)
        rc = frc;
    if (w.hostile > SHOWN_PER_KIND)
        rca_diagf(diag, RCA_DIAG_WARNING, path, NULL, 0, 0, NULL,
                  "%u more entries with an absolute, climbing or too long path; skipped",
                  w.hostile - SHOWN_PER_KIND);
    if (w.special > SHOWN_PER_KIND)
        rca_diagf(diag, RCA_DIAG_WARNING, path, NULL, 0, 0, NULL,
                  "%u more wanted paths that are not regular files; skipped",
                  w.special - SHOWN_PER_KIND);
    if (!rc && w.reports == 0 && w.entries > 0) {
        /* entries, but none that makes a report: a tar of something else, or reports nested in
         * a way (or deeper) than sosrca reads */
        rca_diagf(diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL,
                  "no sos report found in it: none of its %lld entries is a file sosrca reads%s",
                  (long long)w.entries, w.damaged ? " (some parts were damaged)" : "");
        rca_buf_reset(&w.partial);
        rca_buf_printf(&w.partial, "%s: no sos report found", base_name(path));
        rc = RCA_EIO;
    }
    if (!rc && w.damaged)
        rc = RCA_EARCHIVE;
    if ((rc == RCA_EARCHIVE || rc == RCA_EIO) && partial_msg) {
        if (!w.partial.n)
            rca_buf_printf(&w.partial, "%s: some entries could not be read", base_name(path));
        *partial_msg = rca_buf_take(&w.partial);
    }
    rca_buf_free(&w.partial);
    rca_buf_free(&w.ename);
    return rc;
}
