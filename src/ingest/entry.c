/* entry.c - one entry's data on its way to the visitor: a reader over the archive's current
 * entry or a file descriptor, a raw-format decompressor in front of a compressed file (rotated
 * logs), and the byte source of nested archives. Enforces the bundle's total size limit between
 * entries. Part of the ingest stage; the walk (archive.c, dir.c) calls it.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "ingest_internal.h"

static la_ssize_t nested_read(struct archive *a, void *cd, const void **buf)
{
    nested_src *s = cd;
    if (s->outer) {
        size_t size;
        la_int64_t off;
        int r = archive_read_data_block(s->outer, buf, &size, &off);
        if (r == ARCHIVE_EOF)
            return 0;
        if (r < ARCHIVE_WARN) {
            const char *msg = archive_error_string(s->outer);
            archive_set_error(a, EIO, "%s", msg ? msg : "read error");
            s->outer_failed = 1;
            return -1;
        }
        s->consumed += (int64_t)size;
        return (la_ssize_t)size;
    }
    ssize_t got;
    do
        got = read(s->fd, s->buf, sizeof s->buf);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        archive_set_error(a, errno, "%s", strerror(errno));
        s->outer_failed = 1;
        return -1;
    }
    *buf = s->buf;
    s->consumed += got;
    return got;
}

rca_err nested_new(struct archive *outer, int fd, nested_src **out)
{
    nested_src *s = calloc(1, sizeof *s);
    if (!s || !(s->a = archive_read_new())) {
        free(s);
        return RCA_ENOMEM;
    }
    s->outer = outer;
    s->fd = fd;
    archive_read_support_filter_all(s->a);
    *out = s;
    return RCA_OK;
}

int nested_open(nested_src *s)
{
    return archive_read_open(s->a, s, NULL, nested_read, NULL);
}

void nested_free(nested_src *s)
{
    if (!s)
        return;
    archive_read_free(s->a);
    free(s);
}

rca_err visit_data(walker *w, const char *path, const char *via, const rca_layout_class *cls,
                   struct archive *a, int fd, int64_t size, int64_t mtime, int compressed)
{
    rca_reader r;
    reader_init(&r, w->lim, w->diag, w->bundle, path, &w->total);
    r.a = a;
    r.fd = fd;
    if (compressed && size > 0)
        r.ratio_base = size;
    rca_entry e = {w->bundle, w->rep->name, path, via, size, mtime, compressed};
    rca_err rc = w->v->entry(w->v->ctx, &e, cls, &r);
    int damaged = r.damaged;
    reader_fini(&r);
    if (damaged)
        w->entry_damaged = 1;
    if (damaged && !compressed && a)
        w->damaged = 1;
    if (!rc && w->total >= w->lim->max_total_bytes && !w->stop) {
        /* the reader cut this entry at the limit; nothing after it would be read either */
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
                  "reached the total size limit (%lld bytes read) at entry %s; the rest of the "
                  "bundle was not read",
                  (long long)w->lim->max_total_bytes, path);
        w->damaged = 1;
        w->stop = STOP_LIMIT;
        rca_buf_reset(&w->partial);
        rca_buf_printf(&w->partial, "%s: total size limit reached at entry %s",
                       base_name(w->bundle), path);
        rc = RCA_EARCHIVE;
    }
    return rc;
}

rca_err visit_compressed(walker *w, struct archive *outer, int fd, const char *path,
                         const char *via, const rca_layout_class *cls, int64_t size,
                         int64_t mtime)
{
    nested_src *src;
    rca_err rc = nested_new(outer, fd, &src);
    if (rc)
        return rc;
    struct archive *a = src->a;
    archive_read_support_format_raw(a);
    struct archive_entry *ae;
    if (nested_open(src) != ARCHIVE_OK ||
        archive_read_next_header(a, &ae) != ARCHIVE_OK) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, path, 0, 0, NULL,
                  "compressed file cannot be read (%s); skipped", archive_error_string(a));
        w->entry_damaged = 1;
        goto done;
    }
    if (archive_filter_count(a) < 2) /* no decompressor recognised the data */
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, path, 0, 0, NULL,
                  "is not compressed although its name says so; read as it is");
    rc = visit_data(w, path, via, cls, a, -1, size, mtime, 1);
done:
    nested_free(src);
    return rc;
}

rca_err special_file(walker *w, const char *path, const char *what)
{
    if (!want(w, path, NULL, -1, 0))
        return RCA_OK;
    rca_err rc = ensure_begun(w);
    if (!rc && w->special++ < SHOWN_PER_KIND)
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, path, 0, 0, NULL,
                  "is %s, not a regular file; skipped", what);
    return rc;
}
