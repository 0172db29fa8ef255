/* rca_ingest.h - reading bundles: the only module that includes <archive.h>. First stage of the
 * pipeline. A bundle is a sos report as users receive it (.tar.xz/.gz/.bz2/.zst, plain .tar, a
 * `sos collect` tar of several reports, or an unpacked directory). Entries are streamed, never
 * extracted to disk: nested report archives, packed directories and compressed rotated logs are
 * opened from inside the outer stream. Symlinks are resolved inside their report only.
 *
 * The layout map (rules/layout.map) says which entries matter and which parser reads them; it is
 * data, loaded here, so that support engineers can add a deployment's paths without touching C.
 */
#ifndef RCA_INGEST_H
#define RCA_INGEST_H

#include "rca_util.h"

/* ------------------------------------------------------------------ layout map */

typedef struct rca_layout rca_layout;

/* What the layout map says about one path. Strings are owned by the layout. */
typedef struct rca_layout_class {
    const char *parser;  /* "log", "df", "ovs-vsctl-show", ... */
    const char *service; /* "nova-compute", "ovn-controller", ... */
    const char *arg;     /* parser argument, e.g. "OVN_Southbound"; NULL if none */
    const char *pattern; /* the glob that matched */
    unsigned line;       /* its line in the map file */
} rca_layout_class;

/* Load a layout map file. Problems go to diag as file:line:col errors; returns RCA_ESYNTAX if any.
 * On success *out owns the layout. */
rca_err rca_layout_load(const char *path, rca_diag *diag, rca_layout **out);
/* Parse a layout map held in memory (`name` is used in diagnostics). */
rca_err rca_layout_parse(const char *name, const char *text, size_t len, rca_diag *diag,
                         rca_layout **out);
void rca_layout_free(rca_layout *l);
/* The first entry whose glob matches `path` (a path inside a report), or NULL. The result is
 * borrowed from l. */
const rca_layout_class *rca_layout_classify(const rca_layout *l, const char *path);
/* 1 if some pattern of the map names a service, for rules lint ("service: no such service"). */
int rca_layout_has_service(const rca_layout *l, const char *service);

/* ------------------------------------------------------------------ limits */

typedef struct rca_limits {
    int64_t max_total_bytes;   /* uncompressed bytes read from one bundle */
    int64_t max_entry_bytes;   /* uncompressed bytes read from one entry (the rest is skipped) */
    int64_t max_line_bytes;    /* a longer line is cut there (and reported once per file) */
    int64_t max_entries;       /* entries looked at per bundle */
    int max_nesting;           /* archives inside archives */
    int64_t max_ratio;         /* uncompressed/compressed ratio of a nested compressed entry */
    int64_t max_cmd_bytes;     /* command outputs are read whole up to this size */
} rca_limits;

/* Defaults that a real 5 GB bundle passes. */
rca_limits rca_limits_default(void);

/* ------------------------------------------------------------------ streaming */

typedef struct rca_reader rca_reader;

/* Read up to n bytes of the current entry's (decompressed) data. *got is 0 at the end.
 * Returns RCA_EARCHIVE when the data is damaged (the diagnostic has been sent). */
rca_err rca_reader_read(rca_reader *r, void *buf, size_t n, size_t *got);

/* Next line of the current entry, without its '\n' or "\r\n" (a '\r' elsewhere is kept).
 * *line is borrowed until the next call.
 * Lines longer than the limit are cut (the cut is reported once per entry). Returns RCA_OK and
 * *line == NULL at the end of the entry. */
rca_err rca_reader_getline(rca_reader *r, const char **line, size_t *len);

/* Read the whole entry, up to `max` bytes, into out (NUL-terminated). *truncated is set to 1 if
 * the entry was longer. */
rca_err rca_reader_slurp(rca_reader *r, rca_buf *out, int64_t max, int *truncated);

/* One entry as the visitor sees it. Strings are borrowed for the call. */
typedef struct rca_entry {
    const char *bundle;   /* the bundle path as given */
    const char *report;   /* the report (host) this entry belongs to */
    const char *path;     /* path inside the report, normalised (no "./", no "..", no leading '/') */
    const char *via;      /* the symlink this entry was reached through, or NULL */
    int64_t size;         /* stored size (compressed size for compressed logs), -1 unknown */
    int64_t mtime;        /* epoch seconds, 0 unknown */
    int decompressed;     /* 1 if a compressed file (.gz, .xz, ...) is being decompressed */
} rca_entry;

typedef struct rca_ingest_visitor {
    /* A report (one host) begins; `report` is its name. */
    rca_err (*report_begin)(void *ctx, const char *bundle, const char *report);
    /* The report ends (all of its entries were visited). */
    rca_err (*report_end)(void *ctx);
    /* Should this entry be read? Returns the layout class, or NULL to skip it. */
    const rca_layout_class *(*want)(void *ctx, const rca_entry *e);
    /* Read a wanted entry through r. */
    rca_err (*entry)(void *ctx, const rca_entry *e, const rca_layout_class *cls, rca_reader *r);
    /* A symlink inside the report: status is "ok", "dangling", "outside" or "loop"; resolved is
     * the normalised target inside the report, NULL when it leaves it. */
    rca_err (*link)(void *ctx, const char *path, const char *target, const char *resolved,
                    const char *status);
    void *ctx;
} rca_ingest_visitor;

/* Stream one bundle through the visitor. Damage is reported through diag (naming the bundle,
 * the entry and what was done) and reading goes on where it can. Returns RCA_OK when the bundle
 * was read whole, RCA_EARCHIVE when it was read only in part (*partial_msg says where it stopped;
 * caller frees), RCA_EIO when it could not be opened, or the visitor's error. */
rca_err rca_ingest_bundle(const char *path, const rca_limits *lim, const rca_ingest_visitor *v,
                          rca_diag *diag, char **partial_msg);

/* The name of a report archive or directory without its archive suffixes, into out
 * ("sosreport-cmp-1-2025-05-02-abcdefg.tar.xz" -> "sosreport-cmp-1-2025-05-02-abcdefg").
 * RCA_ENOMEM. */
rca_err rca_ingest_report_name(const char *name, rca_buf *out);

/* How messages name an entry (into out): its path inside the report, preceded by the report's
 * name when the bundle is not the report itself (a `sos collect` tar, a folder of reports, an
 * archive renamed by the customer), so that two hosts' var/log/nova/nova-compute.log never read
 * the same. `report` may be NULL or "". */
rca_err rca_ingest_entry_name(const char *bundle, const char *report, const char *path,
                              rca_buf *out); /* RCA_ENOMEM */

/* The libarchive this binary runs with, for `sosrca --version` (e.g. "libarchive 1.2.3"). Static
 * storage, valid for the life of the process. */
const char *rca_ingest_lib_version(void);

#endif
