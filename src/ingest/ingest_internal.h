/* ingest_internal.h - private to src/ingest: the reader's state, a string set, and the walk of one
 * bundle shared by the files that make it up. ingest.c drives the walk (rca_ingest_bundle);
 * archive.c walks archives and the archives inside them, dir.c unpacked folders; both hand each
 * entry to entry.c, which gives its data to the visitor through a reader (reader.c); links.c keeps
 * each report's paths and symlinks; names.c knows how reports and archives are named. The calls go
 * one way: ingest.c -> dir.c -> archive.c -> entry.c -> links.c, names.c. */
#ifndef RCA_INGEST_INTERNAL_H
#define RCA_INGEST_INTERNAL_H

#include <limits.h>
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

rca_err pathset_init(pathset *s); /* RCA_ENOMEM */
void pathset_fini(pathset *s);
/* Adds path and every parent folder of it. RCA_ENOMEM when memory runs out. */
rca_err pathset_add_with_parents(pathset *s, const char *path);
int pathset_has(const pathset *s, const char *path);

/* Normalise a path inside a bundle: drop "./", leading '/', empty and "." components, resolve
 * "..". Returns 0, or -1 when ".." climbs above the start. out must be at least strlen(in)+1. */
int path_normalise(const char *in, char *out);

/* ------------------------------------------------------------------ the walk of a bundle */

enum { MAX_LINK_HOPS = 40 };

/* A symlink of a report, as the archive or folder has it. */
typedef struct link_rec {
    char *path, *target;
} link_rec;

/* A link whose own path the layout map wants: its target is read under the link's name. */
typedef struct pending_rec {
    char *target;   /* normalised target path inside the report */
    char *link;     /* the link path that was wanted */
    const rca_layout_class *cls;
    int own_name;   /* the layout wants the target itself: it is read under its own name, and
                       only its absence is said */
} pending_rec;

/* The report (host) being walked. */
typedef struct report_state {
    char *name;
    char *strip;    /* prefix removed from archive paths ("sosreport-x/"), may be "" */
    int begun;
    pathset seen;
    link_rec *links;
    size_t nlinks, caplinks;
    pending_rec *pending;
    size_t npending, cappending;
} report_state;

/* The state of one bundle's walk. */
typedef struct walker {
    const rca_ingest_visitor *v;
    const rca_limits *lim;
    rca_diag *diag;
    const char *bundle;
    int64_t total, entries;
    report_state *rep;     /* current report, NULL between reports */
    int damaged;
    rca_buf partial;       /* why the bundle was read only in part */
    int flat;              /* the bundle has no top folder: every entry is in one report */
    int reports;           /* reports begun in this bundle */
    int entry_damaged;     /* the entry being visited could not be read whole */
    unsigned hostile;      /* entries skipped for their name (absolute, climbing, too long) */
    unsigned special;      /* wanted paths that are fifos, devices or sockets */
    int stop;              /* STOP_OUTER or STOP_LIMIT: the walk of the bundle ends */
    char last_good[PATH_MAX]; /* the last entry read whole, for the damage message */
    rca_diag *up;          /* the caller's sink; diag is `wrap`, which names entries fully */
    rca_diag wrap;
    rca_buf ename;         /* scratch for wrap */
    unpack *stage;         /* decompressing the top archive in its own thread, or NULL */
    struct archive *staged; /* the archive that reads from it */
} walker;

/* Per-entry warnings about hostile names or special files are sent for the first few entries only;
 * the rest are counted and summed up once at the end of the bundle, so that a crafted archive
 * cannot bury the warnings that matter under thousands of these. */
enum { SHOWN_PER_KIND = 10 };

/* Why a walk stops early (walker.stop). Damage inside a nested archive alone does not stop the
 * archive around it. */
enum { STOP_OUTER = 1, STOP_LIMIT = 2 };


typedef enum walk_kind {
    WALK_TOP,    /* a bundle: reports are its top folders or nested report archives */
    WALK_REPORT, /* a nested report archive: one report */
    WALK_PACKED, /* a packed folder inside a report (sos --pack-dir, sys.tgz) */
} walk_kind;

/* names.c. The length of the archive suffix (".tar.xz", ".tgz", ...) that `name` ends with, or 0;
 * the same for a single compressed file's suffix (".gz", ".xz", ...). */
size_t tar_suffix_len(const char *name);
size_t comp_suffix_len(const char *name);
/* 1 if s[0..n) is a top-level name of a sos report (sos_commands, var, version.txt, ...): an
 * archive whose entries start with one has no top folder. */
int is_sos_top_name(const char *s, size_t n);
/* The last component of p (borrowed from p). */
const char *base_name(const char *p);

/* links.c: the current report (w->rep) and its symlinks. */
/* Start a report named `name` whose archive paths begin with `strip` (may be ""), finishing the
 * current one first unless it is that report. RCA_ENOMEM, or the visitor's error. */
rca_err switch_report(walker *w, const char *name, const char *strip);
/* Finish the current report (if any): hand its links to the visitor, say which wanted links were
 * never read, end it. Returns the visitor's error. */
rca_err report_finish(walker *w);
/* Tell the visitor the current report begins, once. */
rca_err ensure_begun(walker *w);
/* The visitor's answer whether it wants `path` of the current report (NULL: skip it). */
const rca_layout_class *want(walker *w, const char *path, const char *via, int64_t size,
                             int64_t mtime);
/* Resolve a link's target to a normalised path inside the report. Returns 0 and fills out, or -1
 * if it leaves the report. */
int resolve_target(const char *link_path, const char *target, char *out, size_t outsz);
/* A symlink entry of the current report: recorded, and its target made wanted when the layout
 * wants the link's path. RCA_ENOMEM, or the visitor's error. */
rca_err on_link(walker *w, const char *path, const char *target);
/* The wanted link whose target is `path`, marked read; NULL if none. */
const pending_rec *take_pending(report_state *r, const char *path);

/* entry.c: one entry's data to the visitor. */
/* A nested archive or compressed file (`a`), and where it reads its bytes from: the current entry
 * of `outer`, or fd when outer is NULL. */
typedef struct nested_src {
    struct archive *a; /* reads through every decompression filter; the caller adds formats */
    struct archive *outer;
    int fd;
    char buf[65536];
    int64_t consumed;
    int outer_failed; /* the archive (or file) around it could not be read: not the nested data */
} nested_src;
/* OUT: *out, a new nested archive reading from outer's current entry (or fd). RCA_ENOMEM. */
rca_err nested_new(struct archive *outer, int fd, nested_src **out);
/* Open s->a once its formats are chosen. Returns libarchive's code (its message in s->a). */
int nested_open(nested_src *s);
void nested_free(nested_src *s); /* NULL is a no-op */
/* Hand the data of `path` (read from a's current entry, or fd) to the visitor's entry callback.
 * Returns the visitor's error, or RCA_EARCHIVE when the total size limit ended the bundle. */
rca_err visit_data(walker *w, const char *path, const char *via, const rca_layout_class *cls,
                   struct archive *a, int fd, int64_t size, int64_t mtime, int compressed);
/* The same for a compressed single file (rotated log), through a raw-format decompressor. */
rca_err visit_compressed(walker *w, struct archive *outer, int fd, const char *path,
                         const char *via, const rca_layout_class *cls, int64_t size,
                         int64_t mtime);
/* A fifo, device or socket at `path`: warned about when wanted. Returns a visitor error only. */
rca_err special_file(walker *w, const char *path, const char *what);

/* archive.c */
/* One regular file (archive member or directory file) at `path` inside the current report: a
 * nested archive is walked, a wanted file visited. */
rca_err on_file(walker *w, const char *path, struct archive *a, int fd, int64_t size,
                int64_t mtime, int depth);
/* Walk the archive file `path` (`name` in messages). RCA_EIO when it cannot be read at all,
 * RCA_EARCHIVE when only in part (w->partial says why). */
rca_err walk_archive_file(walker *w, const char *path, walk_kind kind, const char *name);

/* dir.c: a bundle that is a folder (one unpacked report, or a folder of reports and archives). */
rca_err walk_dir_bundle(walker *w, const char *path);

#endif
