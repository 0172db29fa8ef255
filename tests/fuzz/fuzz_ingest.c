/* fuzz_ingest.c - libFuzzer target for archive ingest: the input is written to a file (a tar,
 * compressed or not, or anything else) and streamed through rca_ingest_bundle with the shipped
 * layout map, a visitor that reads every wanted entry the way the analysis does (log lines
 * through the envelope parser, command outputs through their parser) and limits small enough
 * that a decompression bomb in a 64 KiB input stays fast. Nothing is written but the input file.
 */
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "rca_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rca_layout *layout;
static char dir[64], file[128];

static void cleanup(void)
{
    if (file[0])
        unlink(file);
    if (dir[0])
        rmdir(dir);
    rca_layout_free(layout);
}

static int setup(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/rules/layout.map", fuzz_srcdir());
    rca_diag d = fuzz_diag();
    if (rca_layout_load(path, &d, &layout) != RCA_OK) {
        fprintf(stderr, "fuzz_ingest: cannot load %s (set SOSRCA_SRCDIR)\n", path);
        return -1;
    }
    snprintf(dir, sizeof dir, "%s", access("/dev/shm", W_OK) == 0 ? "/dev/shm/sosrca-fuzz.XXXXXX"
                                                                  : "/tmp/sosrca-fuzz.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(file, sizeof file, "%s/sosreport-fuzz-2025-03-03-abcdefg.tar", dir);
    atexit(cleanup);
    return 0;
}

typedef struct visit {
    int in_report;
    rca_buf buf;
    const rca_limits *lim;
} visit;

static rca_err report_begin(void *ctx, const char *bundle, const char *report)
{
    visit *v = ctx;
    FUZZ_CHECK(!v->in_report);
    FUZZ_CHECK(bundle && report);
    fuzz_touch_str(report);
    v->in_report = 1;
    return RCA_OK;
}

static rca_err report_end(void *ctx)
{
    visit *v = ctx;
    FUZZ_CHECK(v->in_report);
    v->in_report = 0;
    return RCA_OK;
}

static const rca_layout_class *want(void *ctx, const rca_entry *e)
{
    (void)ctx;
    FUZZ_CHECK(e->path && e->report && e->bundle);
    /* a path handed to the visitor is normalised: relative, no "." or ".." segment */
    FUZZ_CHECK(e->path[0] != '/');
    FUZZ_CHECK(strcmp(e->path, "..") != 0 && strncmp(e->path, "../", 3) != 0);
    FUZZ_CHECK(strstr(e->path, "/../") == NULL && strstr(e->path, "/./") == NULL);
    return rca_layout_classify(layout, e->path);
}

static rca_err on_entry(void *ctx, const rca_entry *e, const rca_layout_class *cls, rca_reader *r)
{
    visit *v = ctx;
    FUZZ_CHECK(v->in_report);
    fuzz_touch_str(e->path);
    fuzz_touch_str(e->via);
    rca_err rc = RCA_OK;
    if (strcmp(cls->parser, "log") == 0) {
        rca_logctx lc = {2025, 3, RCA_LOG_NONE};
        const char *line;
        size_t len;
        while ((rc = rca_reader_getline(r, &line, &len)) == RCA_OK && line) {
            FUZZ_CHECK(len <= (size_t)v->lim->max_line_bytes);
            fuzz_touch(line, len);
            rca_logline ll;
            rca_parse_log_line(&lc, line, len, &ll);
            fuzz_check_span(ll.msg, line, len);
        }
    } else {
        int truncated = 0;
        rc = rca_reader_slurp(r, &v->buf, v->lim->max_cmd_bytes, &truncated);
        if (!rc) {
            FUZZ_CHECK((int64_t)v->buf.n <= v->lim->max_cmd_bytes);
            rca_diag d = fuzz_diag();
            rca_row_sink rows = fuzz_rows();
            rc = rca_parse_command(cls->parser, e->path, cls->arg, v->buf.p, v->buf.n, &rows, &d);
        }
    }
    /* damage inside an entry is the reader's to report; the analysis keeps what was read */
    if (rc == RCA_EARCHIVE || rc == RCA_EIO)
        rc = RCA_OK;
    return rc;
}

static rca_err on_link(void *ctx, const char *path, const char *target, const char *resolved,
                       const char *status)
{
    (void)ctx;
    FUZZ_CHECK(path && target && status);
    fuzz_touch_str(path);
    fuzz_touch_str(target);
    fuzz_touch_str(resolved);
    FUZZ_CHECK(strcmp(status, "ok") == 0 || strcmp(status, "dangling") == 0 ||
               strcmp(status, "outside") == 0 || strcmp(status, "loop") == 0);
    FUZZ_CHECK((resolved == NULL) == (strcmp(status, "outside") == 0));
    return RCA_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (setup() != 0)
            abort();
        ready = 1;
    }
    FILE *f = fopen(file, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);

    rca_limits lim = rca_limits_default();
    lim.max_total_bytes = 32 << 20;
    lim.max_entry_bytes = 8 << 20;
    lim.max_line_bytes = 64 << 10;
    lim.max_entries = 20000;
    lim.max_cmd_bytes = 1 << 20;
    visit v = {0, {NULL, 0, 0}, &lim};
    rca_ingest_visitor vis = {report_begin, report_end, want, on_entry, on_link, &v};
    rca_diag d = fuzz_diag();
    char *partial = NULL;
    rca_err rc = rca_ingest_bundle(file, &lim, &vis, &d, &partial);
    FUZZ_CHECK(rc == RCA_OK || rc == RCA_EARCHIVE || rc == RCA_EIO || rc == RCA_ENOMEM);
    if (rc == RCA_EARCHIVE || rc == RCA_EIO)
        FUZZ_CHECK(partial != NULL);
    else
        FUZZ_CHECK(partial == NULL);
    fuzz_touch_str(partial);
    free(partial);
    FUZZ_CHECK(!v.in_report);
    rca_buf_free(&v.buf);
    return 0;
}
