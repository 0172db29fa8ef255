/* reader.c - the data side of one bundle entry: reads blocks from libarchive (outer archive, or a
 * nested decompressor) or from a file descriptor (unpacked directories), and splits them into lines
 * (ended by "\n" or "\r\n") without copying when a line lies inside one block. Enforces the
 * per-entry, per-bundle, line length and decompression-ratio limits. Part of the ingest stage; see
 * include/rca_ingest.h.
 */
#include <archive.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "ingest_internal.h"

enum { FD_BLOCK = 256 * 1024 };

void reader_init(rca_reader *r, const rca_limits *lim, rca_diag *diag, const char *bundle,
                 const char *entry, int64_t *total)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->lim = lim;
    r->diag = diag;
    r->bundle = bundle;
    r->entry = entry;
    r->total = total;
    rca_buf_init(&r->carry);
}

void reader_fini(rca_reader *r)
{
    rca_buf_free(&r->carry);
    free(r->fdbuf);
    r->fdbuf = NULL;
}

/* Fetch the next block into r->blk. Sets r->eof at the end. */
static rca_err next_block(rca_reader *r)
{
    r->blk = NULL;
    r->blk_len = r->blk_pos = 0;
    if (r->eof)
        return RCA_OK;
    if (r->entry_bytes >= r->lim->max_entry_bytes) {
        if (!r->limit_hit) {
            rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                      "entry is larger than the per-entry limit (%lld bytes); read the first "
                      "%lld bytes only",
                      (long long)r->lim->max_entry_bytes, (long long)r->lim->max_entry_bytes);
            r->limit_hit = 1;
        }
        r->eof = 1;
        r->truncated = 1;
        return RCA_OK;
    }
    if (*r->total >= r->lim->max_total_bytes) {
        if (!r->limit_hit) {
            rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                      "the bundle reached the total size limit (%lld bytes); the rest of this "
                      "entry was not read",
                      (long long)r->lim->max_total_bytes);
            r->limit_hit = 1;
        }
        r->eof = 1;
        r->truncated = 1;
        return RCA_OK;
    }
    if (r->a) {
        const void *buf;
        size_t size;
        la_int64_t off;
        int ret = archive_read_data_block(r->a, &buf, &size, &off);
        if (ret == ARCHIVE_EOF) {
            r->eof = 1;
            return RCA_OK;
        }
        if (ret < ARCHIVE_WARN) {
            rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                      "data is damaged after %lld bytes (%s); kept what was read before",
                      (long long)r->entry_bytes, archive_error_string(r->a));
            r->eof = 1;
            r->damaged = 1;
            r->truncated = 1;
            return RCA_EARCHIVE;
        }
        r->blk = buf;
        r->blk_len = size;
    } else {
        if (!r->fdbuf) {
            r->fdbuf = malloc(FD_BLOCK);
            if (!r->fdbuf)
                return RCA_ENOMEM;
        }
        ssize_t got;
        do
            got = read(r->fd, r->fdbuf, FD_BLOCK);
        while (got < 0 && errno == EINTR);
        if (got < 0) {
            rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                      "read failed after %lld bytes (%s); kept what was read before",
                      (long long)r->entry_bytes, strerror(errno));
            r->eof = 1;
            r->damaged = 1;
            return RCA_EIO;
        }
        if (got == 0) {
            r->eof = 1;
            return RCA_OK;
        }
        r->blk = r->fdbuf;
        r->blk_len = (size_t)got;
    }
    /* Clip the block to the limits so that nothing past them is ever parsed. */
    int64_t room = r->lim->max_entry_bytes - r->entry_bytes;
    int64_t troom = r->lim->max_total_bytes - *r->total;
    if (troom < room)
        room = troom;
    if ((int64_t)r->blk_len > room)
        r->blk_len = (size_t)room;
    r->entry_bytes += (int64_t)r->blk_len;
    *r->total += (int64_t)r->blk_len;
    if (r->ratio_base > 0 && r->entry_bytes > (int64_t)1 << 20 &&
        r->entry_bytes / r->ratio_base > r->lim->max_ratio) {
        rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                  "decompresses to more than %lld times its size (a decompression bomb?); "
                  "stopped after %lld bytes",
                  (long long)r->lim->max_ratio, (long long)r->entry_bytes);
        r->eof = 1;
        r->truncated = 1;
    }
    return RCA_OK;
}

rca_err rca_reader_read(rca_reader *r, void *buf, size_t n, size_t *got)
{
    *got = 0;
    while (*got < n) {
        if (r->blk_pos >= r->blk_len) {
            if (r->eof)
                break;
            rca_err rc = next_block(r);
            if (rc)
                return *got ? RCA_OK : rc;
            continue;
        }
        size_t take = r->blk_len - r->blk_pos;
        if (take > n - *got)
            take = n - *got;
        memcpy((char *)buf + *got, r->blk + r->blk_pos, take);
        r->blk_pos += take;
        *got += take;
    }
    return RCA_OK;
}

static void note_long_line(rca_reader *r)
{
    if (r->line_cut_reported)
        return;
    r->line_cut_reported = 1;
    rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, (unsigned)r->lineno, 0, NULL,
              "line longer than %lld bytes; cut there (further long lines in this entry are cut "
              "silently)",
              (long long)r->lim->max_line_bytes);
}

/* Append to the carry buffer, up to the line limit. */
static rca_err carry_add(rca_reader *r, const char *p, size_t n)
{
    size_t max = (size_t)r->lim->max_line_bytes;
    if (r->carry.n >= max) {
        if (n)
            r->cut = 1;
        return RCA_OK;
    }
    if (n > max - r->carry.n) {
        n = max - r->carry.n;
        r->cut = 1;
    }
    return rca_buf_add(&r->carry, p, n);
}

rca_err rca_reader_getline(rca_reader *r, const char **line, size_t *len)
{
    *line = NULL;
    *len = 0;
    if (r->carry_out) {
        rca_buf_reset(&r->carry);
        r->carry_out = 0;
    }
    for (;;) {
        if (r->blk_pos < r->blk_len) {
            const char *start = r->blk + r->blk_pos;
            size_t avail = r->blk_len - r->blk_pos;
            const char *nl = memchr(start, '\n', avail);
            if (nl) {
                size_t n = (size_t)(nl - start);
                r->blk_pos += n + 1;
                r->lineno++;
                if (r->carry.n == 0 && !r->cut) {
                    if (n && start[n - 1] == '\r')
                        n--; /* "\r\n" ends a line too */
                    if (n > (size_t)r->lim->max_line_bytes) {
                        n = (size_t)r->lim->max_line_bytes;
                        note_long_line(r);
                    }
                    *line = start;
                    *len = n;
                    return RCA_OK;
                }
                rca_err rc = carry_add(r, start, n);
                if (rc)
                    return rc;
                /* "\r\n", also when the '\r' ended the previous block; a cut line lost its end */
                if (!r->cut && r->carry.n && r->carry.p[r->carry.n - 1] == '\r')
                    r->carry.p[--r->carry.n] = '\0';
                if (r->cut)
                    note_long_line(r);
                r->cut = 0;
                r->carry_out = 1;
                *line = r->carry.p;
                *len = r->carry.n;
                return RCA_OK;
            }
            rca_err rc = carry_add(r, start, avail);
            if (rc)
                return rc;
            r->blk_pos = r->blk_len;
        }
        if (r->eof) {
            if (r->carry.n || r->cut) {
                r->lineno++;
                if (r->cut)
                    note_long_line(r);
                r->cut = 0;
                r->carry_out = 1;
                *line = r->carry.p ? r->carry.p : "";
                *len = r->carry.n;
            }
            return RCA_OK;
        }
        rca_err rc = next_block(r);
        if (rc && !r->eof)
            return rc;
        if (rc) {
            /* damaged: hand out what was read, then end */
            continue;
        }
    }
}

rca_err rca_reader_slurp(rca_reader *r, rca_buf *out, int64_t max, int *truncated)
{
    *truncated = 0;
    rca_buf_reset(out);
    char tmp[65536];
    for (;;) {
        size_t got;
        rca_err rc = rca_reader_read(r, tmp, sizeof tmp, &got);
        if (rc && got == 0) {
            *truncated = 1;
            break;
        }
        if (got == 0)
            break;
        if ((int64_t)(out->n + got) > max) {
            size_t keep = max > (int64_t)out->n ? (size_t)(max - (int64_t)out->n) : 0;
            if (rca_buf_add(out, tmp, keep))
                return RCA_ENOMEM;
            *truncated = 1;
            rca_diagf(r->diag, RCA_DIAG_WARNING, r->bundle, r->entry, 0, 0, NULL,
                      "longer than the command output limit (%lld bytes); read the first %lld "
                      "bytes only",
                      (long long)max, (long long)max);
            break;
        }
        if (rca_buf_add(out, tmp, got))
            return RCA_ENOMEM;
    }
    if (!out->p && rca_buf_add(out, "", 0))
        return RCA_ENOMEM;
    if (r->truncated)
        *truncated = 1;
    return RCA_OK;
}
