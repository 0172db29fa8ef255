/* unpack.c - decompression as a stage of its own: for a compressed bundle archive, a thread runs
 * libarchive's decompressor (its "raw" format: the filters only) and hands the decompressed stream
 * to the walker's archive in blocks, through a bounded queue. Decompressing xz is the largest
 * single cost of reading a .tar.xz, and this lets it run beside parsing and matching. Nothing is written
 * to disk; at most NBLOCKS blocks of BLOCK bytes are in memory. Part of the ingest stage.
 */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

enum { BLOCK = 1 << 20, NBLOCKS = 4 };

typedef struct block {
    char *data;
    size_t len;
} block;

struct unpack {
    struct archive *raw; /* the decompressor, used by the thread only once started */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    block blocks[NBLOCKS];
    unsigned head, count; /* filled blocks: head .. head+count-1 (mod NBLOCKS) */
    int held;             /* the reader holds the block at head (handed out last time) */
    int eof, failed, stop;
    int64_t in, out;      /* compressed bytes read, decompressed bytes made */
    char err[256];        /* the decompressor's message when failed */
};

static void *unpack_main(void *arg)
{
    unpack *u = arg;
    /* archive_read_data_block, not archive_read_data: on damage the latter drops what it had
     * copied in the same call, and that would lose the data just before the damage */
    const char *left = NULL; /* the rest of the decompressor's last chunk */
    size_t nleft = 0;
    pthread_mutex_lock(&u->mu);
    for (;;) {
        /* a free block: NBLOCKS minus the filled ones (the held one counts as filled) */
        while (u->count == NBLOCKS && !u->stop)
            pthread_cond_wait(&u->cv, &u->mu);
        if (u->stop)
            break;
        block *b = &u->blocks[(u->head + u->count) % NBLOCKS];
        pthread_mutex_unlock(&u->mu);
        size_t len = 0;
        int done = 0, failed = 0;
        char err[256] = "";
        while (len < BLOCK) {
            if (!nleft) {
                const void *p;
                size_t n;
                la_int64_t off;
                int r = archive_read_data_block(u->raw, &p, &n, &off);
                if (r == ARCHIVE_EOF) {
                    done = 1;
                    break;
                }
                if (r < ARCHIVE_WARN) {
                    const char *e = archive_error_string(u->raw);
                    snprintf(err, sizeof err, "%s", e ? e : "decompression failed");
                    failed = done = 1;
                    break;
                }
                left = p;
                nleft = n;
            }
            size_t n = nleft < BLOCK - len ? nleft : BLOCK - len;
            memcpy(b->data + len, left, n);
            len += n;
            left += n;
            nleft -= n;
        }
        int64_t in = archive_filter_bytes(u->raw, -1), out = archive_filter_bytes(u->raw, 0);
        pthread_mutex_lock(&u->mu);
        b->len = len;
        if (len)
            u->count++;
        u->in = in;
        u->out = out;
        if (failed) {
            u->failed = 1;
            memcpy(u->err, err, sizeof err);
        }
        u->eof = done;
        pthread_cond_broadcast(&u->cv);
        if (done)
            break;
    }
    pthread_mutex_unlock(&u->mu);
    return NULL;
}

unpack *unpack_start(const char *path)
{
    unpack *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    struct archive_entry *e;
    u->raw = archive_read_new();
    if (!u->raw)
        goto fail;
    archive_read_support_filter_all(u->raw);
    archive_read_support_format_raw(u->raw);
    /* not compressed, or not readable: the caller reads it directly and says what is wrong */
    if (archive_read_open_filename(u->raw, path, 1 << 16) != ARCHIVE_OK ||
        archive_read_next_header(u->raw, &e) != ARCHIVE_OK || archive_filter_count(u->raw) < 2 ||
        archive_filter_code(u->raw, 0) == ARCHIVE_FILTER_NONE)
        goto fail;
    for (unsigned i = 0; i < NBLOCKS; i++)
        if (!(u->blocks[i].data = malloc(BLOCK)))
            goto fail;
    if (pthread_mutex_init(&u->mu, NULL))
        goto fail;
    if (pthread_cond_init(&u->cv, NULL)) {
        pthread_mutex_destroy(&u->mu);
        goto fail;
    }
    if (pthread_create(&u->thread, NULL, unpack_main, u)) {
        pthread_cond_destroy(&u->cv);
        pthread_mutex_destroy(&u->mu);
        goto fail;
    }
    return u;
fail:
    if (u->raw)
        archive_read_free(u->raw);
    for (unsigned i = 0; i < NBLOCKS; i++)
        free(u->blocks[i].data);
    free(u);
    return NULL;
}

/* libarchive's read callback: the next decompressed block; the one handed out before is given
 * back first (libarchive keeps using it until this call). */
static la_ssize_t unpack_read(struct archive *a, void *ctx, const void **buf)
{
    unpack *u = ctx;
    pthread_mutex_lock(&u->mu);
    if (u->held) {
        u->held = 0;
        u->head = (u->head + 1) % NBLOCKS;
        u->count--;
        pthread_cond_broadcast(&u->cv);
    }
    while (!u->count && !u->eof)
        pthread_cond_wait(&u->cv, &u->mu);
    la_ssize_t n = 0;
    if (u->count) {
        *buf = u->blocks[u->head].data;
        n = (la_ssize_t)u->blocks[u->head].len;
        u->held = 1;
    } else if (u->failed) {
        archive_set_error(a, EIO, "%s", u->err);
        n = -1;
    }
    pthread_mutex_unlock(&u->mu);
    return n;
}

int unpack_open(unpack *u, struct archive *a)
{
    return archive_read_open(a, u, NULL, unpack_read, NULL);
}

void unpack_counts(unpack *u, int64_t *in, int64_t *out)
{
    pthread_mutex_lock(&u->mu);
    *in = u->in;
    *out = u->out;
    pthread_mutex_unlock(&u->mu);
}

void unpack_free(unpack *u)
{
    if (!u)
        return;
    pthread_mutex_lock(&u->mu);
    u->stop = 1;
    pthread_cond_broadcast(&u->cv);
    pthread_mutex_unlock(&u->mu);
    pthread_join(u->thread, NULL);
    pthread_cond_destroy(&u->cv);
    pthread_mutex_destroy(&u->mu);
    archive_read_free(u->raw);
    for (unsigned i = 0; i < NBLOCKS; i++)
        free(u->blocks[i].data);
    free(u);
}
