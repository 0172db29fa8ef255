/* ingest_internal.h - private to src/ingest: the reader's state and a string set. */
#ifndef RCA_INGEST_INTERNAL_H
#define RCA_INGEST_INTERNAL_H

#include <stdlib.h>

#include "rca_ingest.h"

struct archive;

struct rca_reader {
    struct archive *a;   /* data comes from this archive's current entry, or ... */
    int fd;              /* ... from this file descriptor (unpacked directories) */
    const rca_limits *lim;
    rca_diag *diag;
    const char *bundle, *entry;
    int64_t *total;      /* bytes read from the bundle so far (shared by all its entries) */
    int64_t entry_bytes; /* bytes read from this entry */
    int64_t ratio_base;  /* compressed size of a decompressed entry, 0 if not compressed */
    int64_t lineno;
    const char *blk;     /* current block */
    size_t blk_len, blk_pos;
    char *fdbuf;
    rca_buf carry;       /* a line spanning blocks */
    int carry_out;       /* carry was handed out: reset on the next call */
    int cut;             /* the current line went over the limit */
    int line_cut_reported, limit_hit;
    int eof, damaged, truncated;
};

void reader_init(rca_reader *r, const rca_limits *lim, rca_diag *diag, const char *bundle,
                 const char *entry, int64_t *total);
void reader_fini(rca_reader *r);

/* Decompression in a thread of its own (unpack.c), for a compressed archive file. unpack_start
 * returns NULL when the file is not compressed or cannot be opened so (read it directly then);
 * unpack_open opens `a` (formats chosen by the caller) on the decompressed stream, and damage is
 * reported through `a` as libarchive would; unpack_counts gives the compressed bytes read and
 * the bytes made so far (for the ratio limit). unpack_free after archive_read_free(a); NULL is a
 * no-op. */
typedef struct unpack unpack;
unpack *unpack_start(const char *path);
int unpack_open(unpack *u, struct archive *a);
void unpack_counts(unpack *u, int64_t *in, int64_t *out);
void unpack_free(unpack *u);

/* A set of strings (paths of one report), for link resolution. */
typedef struct pathset {
    char **slots;
    size_t cap, n;
    rca_arena *arena;
} pathset;

int pathset_init(pathset *s);
void pathset_fini(pathset *s);
/* Adds path and every parent folder of it. Returns 0 or -1 on out of memory. */
int pathset_add_with_parents(pathset *s, const char *path);
int pathset_has(const pathset *s, const char *path);

/* Normalise a path inside a bundle: drop "./", leading '/', empty and "." components, resolve
 * "..". Returns 0, or -1 when ".." climbs above the start. out must be at least strlen(in)+1. */
int path_normalise(const char *in, char *out);

#endif
