/* ingest.c - walking a bundle: archives through libarchive (and archives inside archives, read
 * straight from the outer stream), unpacked directories through readdir. Works out where each
 * report (host) starts, hands wanted entries to the visitor with a reader, and resolves symlinks
 * inside their report. Nothing is ever written to disk. First stage of the pipeline.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest_internal.h"

enum { MAX_LINK_HOPS = 40, MAX_DIR_LEVELS = 128 };

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

/* ------------------------------------------------------------------ names */

static const char *const tar_suffixes[] = {".tar",     ".tar.gz", ".tgz",     ".tar.xz", ".txz",
                                           ".tar.bz2", ".tbz2",   ".tar.zst", ".tzst",   ".tar.lz4",
                                           NULL};
static const char *const comp_suffixes[] = {".gz", ".xz", ".bz2", ".zst", ".lz4", ".lzma", NULL};

static size_t suffix_len(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (rca_ends_with(name, list[i]))
            return strlen(list[i]);
    return 0;
}

void rca_ingest_report_name(const char *name, rca_buf *out)
{
    /* trailing slashes first: "dir/sosreport-x/" names sosreport-x */
    size_t len = strlen(name);
    while (len > 1 && name[len - 1] == '/')
        len--;
    const char *base = name;
    for (size_t i = 0; i < len; i++)
        if (name[i] == '/' && i + 1 < len)
            base = name + i + 1;
    size_t n = len - (size_t)(base - name);
    char tmp[PATH_MAX];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    memcpy(tmp, base, n);
    tmp[n] = '\0';
    /* "x.tar.xz.gpg" is not readable; ".sha256" files are not reports: only strip archive names */
    size_t s = suffix_len(tmp, tar_suffixes);
    if (s)
        tmp[n - s] = '\0';
    rca_buf_reset(out);
    rca_buf_adds(out, tmp);
}

void rca_ingest_entry_name(const char *bundle, const char *report, const char *path, rca_buf *out)
{
    rca_buf_reset(out);
    if (report && *report) {
        rca_buf own;
        rca_buf_init(&own);
        rca_ingest_report_name(bundle, &own);
        int same = own.p && strcmp(own.p, report) == 0;
        rca_buf_free(&own);
        size_t rl = strlen(report);
        if (!same && !(strncmp(path, report, rl) == 0 && path[rl] == '/')) {
            rca_buf_adds(out, report);
            rca_buf_addc(out, '/');
        }
    }
    rca_buf_adds(out, path);
}

/* Top-level names a sos report has; an archive whose entries start with one of them has no
 * top directory. */
static int is_sos_top_name(const char *s, size_t n)
{
    static const char *const names[] = {"sos_commands", "sos_reports", "sos_logs", "sos_strings",
                                         "sos_containers", "var", "etc", "proc", "sys", "run",
                                         "usr", "boot", "lib", "version.txt", "environment", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return 1;
    return 0;
}

static const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b ? b + 1 : p;
}

/* ------------------------------------------------------------------ reports */

typedef struct link_rec {
    char *path, *target;
} link_rec;

typedef struct pending_rec {
    char *target;   /* normalised target path inside the report */
    char *link;     /* the link path that was wanted */
    const rca_layout_class *cls;
    int own_name;   /* the layout wants the target itself: it is read under its own name, and
                       only its absence is said */
} pending_rec;

typedef struct report {
    char *name;
    char *strip;    /* prefix removed from archive paths ("sosreport-x/"), may be "" */
    int begun;
    pathset seen;
    link_rec *links;
    size_t nlinks, caplinks;
    pending_rec *pending;
    size_t npending, cappending;
} report;

typedef struct walker {
    const rca_ingest_visitor *v;
    const rca_limits *lim;
    rca_diag *diag;
    const char *bundle;
    int64_t total, entries;
    report *rep;           /* current report, NULL between reports */
    rca_err vis_err;       /* a visitor error aborts the walk */
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

static void report_free(report *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->strip);
    pathset_fini(&r->seen);
    for (size_t i = 0; i < r->nlinks; i++) {
        free(r->links[i].path);
        free(r->links[i].target);
    }
    free(r->links);
    for (size_t i = 0; i < r->npending; i++) {
        free(r->pending[i].target);
        free(r->pending[i].link);
    }
    free(r->pending);
    free(r);
}

static rca_err report_new(const char *name, const char *strip, report **out)
{
    report *r = calloc(1, sizeof *r);
    if (!r)
        return RCA_ENOMEM;
    r->name = strdup(name);
    r->strip = strdup(strip);
    if (!r->name || !r->strip || pathset_init(&r->seen)) {
        report_free(r);
        return RCA_ENOMEM;
    }
    *out = r;
    return RCA_OK;
}

static rca_err ensure_begun(walker *w)
{
    if (w->rep->begun)
        return RCA_OK;
    w->rep->begun = 1;
    w->reports++;
    return w->v->report_begin(w->v->ctx, w->bundle, w->rep->name);
}

/* Resolve a link's target to a normalised path inside the report. Returns 0 and fills out,
 * or -1 if it leaves the report. */
static int resolve_target(const char *link_path, const char *target, char *out, size_t outsz)
{
    char joined[PATH_MAX * 2];
    if (target[0] == '/') {
        /* absolute targets point into the collected host's root: inside the report that is the
         * report's root (sos keeps original absolute paths) */
        snprintf(joined, sizeof joined, "%s", target);
    } else {
        const char *slash = strrchr(link_path, '/');
        int dirlen = slash ? (int)(slash - link_path) : 0;
        snprintf(joined, sizeof joined, "%.*s%s%s", dirlen, link_path, dirlen ? "/" : "", target);
    }
    if (strlen(joined) >= outsz)
        return -1;
    return path_normalise(joined, out);
}

static int find_link(const report *r, const char *path)
{
    for (size_t i = 0; i < r->nlinks; i++)
        if (strcmp(r->links[i].path, path) == 0)
            return (int)i;
    return -1;
}

/* Status of a link after the whole report was seen: follows chains of links. */
static const char *link_status(const report *r, size_t idx, char *resolved, size_t ressz,
                               int *inside)
{
    char cur[PATH_MAX];
    snprintf(cur, sizeof cur, "%s", r->links[idx].path);
    const char *target = r->links[idx].target;
    *inside = 0;
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
        char next[PATH_MAX];
        if (resolve_target(cur, target, next, sizeof next) != 0)
            return "outside";
        *inside = 1;
        snprintf(resolved, ressz, "%s", next);
        int li = find_link(r, next);
        if (li < 0)
            return pathset_has(&r->seen, next) ? "ok" : "dangling";
        snprintf(cur, sizeof cur, "%s", next);
        target = r->links[li].target;
    }
    return "loop";
}

/* A wanted link whose target was never read (in an archive the target must come after the link):
 * say why, naming the link. */
static void report_unread_link(walker *w, const report *r, const pending_rec *p)
{
    int li = find_link(r, p->link);
    char resolved[PATH_MAX] = "";
    int inside = 0;
    const char *st =
        li >= 0 ? link_status(r, (size_t)li, resolved, sizeof resolved, &inside) : "dangling";
    if (p->own_name && strcmp(st, "dangling") != 0)
        return; /* its target was read under its own name */
    if (strcmp(st, "loop") == 0)
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, p->link, 0, 0, NULL,
                  "symlink loop (or a chain of more than %d links); not read", MAX_LINK_HOPS);
    else if (strcmp(st, "outside") == 0)
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, p->link, 0, 0, NULL,
                  "symlink chain leaves the report; not followed");
    else if (strcmp(st, "dangling") == 0)
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, p->link, 0, 0, NULL,
                  "symlink to %s, which is not in the report; not read",
                  resolved[0] ? resolved : p->target);
    else if (find_link(r, p->target) >= 0)
        rca_diagf(w->diag, RCA_DIAG_NOTE, w->bundle, p->link, 0, 0, NULL,
                  "symlink to another symlink (%s): chains are not followed inside an archive; "
                  "not read",
                  p->target);
    else
        rca_diagf(w->diag, RCA_DIAG_NOTE, w->bundle, p->link, 0, 0, NULL,
                  "symlink to %s: the target came earlier in the archive under a name the "
                  "layout map does not know; not read",
                  p->target);
}

static rca_err report_finish(walker *w)
{
    report *r = w->rep;
    rca_err rc = RCA_OK;
    if (!r)
        return RCA_OK;
    if (r->begun && !w->vis_err) {
        for (size_t i = 0; i < r->nlinks && !rc; i++) {
            char resolved[PATH_MAX] = "";
            int inside;
            const char *st = link_status(r, i, resolved, sizeof resolved, &inside);
            rc = w->v->link(w->v->ctx, r->links[i].path, r->links[i].target,
                            inside ? resolved : NULL, st);
        }
        for (size_t i = 0; i < r->npending && !rc; i++)
            if (r->pending[i].cls)
                report_unread_link(w, r, &r->pending[i]);
        if (!rc)
            rc = w->v->report_end(w->v->ctx);
    }
    report_free(r);
    w->rep = NULL;
    return rc;
}

static rca_err switch_report(walker *w, const char *name, const char *strip)
{
    if (w->rep && strcmp(w->rep->name, name) == 0 && strcmp(w->rep->strip, strip) == 0)
        return RCA_OK;
    rca_err rc = report_finish(w);
    if (rc)
        return rc;
    return report_new(name, strip, &w->rep);
}

/* ------------------------------------------------------------------ entries */

static rca_err visit_data(walker *w, const char *path, const char *via, const rca_layout_class *cls,
                          struct archive *a, int fd, int64_t size, int64_t mtime, int compressed);

static const rca_layout_class *want(walker *w, const char *path, const char *via, int64_t size,
                                    int64_t mtime)
{
    rca_entry e = {w->bundle, w->rep->name, path, via, size, mtime, 0};
    return w->v->want(w->v->ctx, &e);
}

/* A symlink entry. */
static rca_err on_link(walker *w, const char *path, const char *target)
{
    report *r = w->rep;
    if (r->nlinks == r->caplinks) {
        size_t nc = r->caplinks ? r->caplinks * 2 : 64;
        link_rec *nl = realloc(r->links, nc * sizeof *nl);
        if (!nl)
            return RCA_ENOMEM;
        r->links = nl;
        r->caplinks = nc;
    }
    link_rec *l = &r->links[r->nlinks];
    l->path = strdup(path);
    l->target = strdup(target);
    if (!l->path || !l->target) {
        free(l->path);
        free(l->target);
        return RCA_ENOMEM;
    }
    r->nlinks++;
    if (pathset_add_with_parents(&r->seen, path))
        return RCA_ENOMEM;
    rca_err rc = ensure_begun(w);
    if (rc)
        return rc;
    /* A link whose own path the layout knows (var/log/nova/nova-compute.log -> sos_strings/...)
     * makes its target wanted under the link's name. */
    const rca_layout_class *cls = want(w, path, NULL, -1, 0);
    if (!cls)
        return RCA_OK;
    char resolved[PATH_MAX];
    if (resolve_target(path, target, resolved, sizeof resolved) != 0) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, path, 0, 0, NULL,
                  "symlink points outside the report (%s); not followed", target);
        return RCA_OK;
    }
    /* a target the layout wants is read under its own name; it is remembered all the same, so
     * that one that never comes is said to be missing */
    int own_name = want(w, resolved, NULL, -1, 0) != NULL;
    if (r->npending == r->cappending) {
        size_t nc = r->cappending ? r->cappending * 2 : 16;
        pending_rec *np = realloc(r->pending, nc * sizeof *np);
        if (!np)
            return RCA_ENOMEM;
        r->pending = np;
        r->cappending = nc;
    }
    pending_rec *p = &r->pending[r->npending];
    p->target = strdup(resolved);
    p->link = strdup(path);
    p->cls = cls;
    p->own_name = own_name;
    if (!p->target || !p->link) {
        free(p->target);
        free(p->link);
        return RCA_ENOMEM;
    }
    r->npending++;
    return RCA_OK;
}

static const pending_rec *take_pending(report *r, const char *path)
{
    for (size_t i = 0; i < r->npending; i++)
        if (r->pending[i].cls && strcmp(r->pending[i].target, path) == 0) {
            r->pending[i].cls = NULL; /* read once */
            return &r->pending[i];
        }
    return NULL;
}

/* ------------------------------------------------------------------ nested archives */

typedef struct nested_src {
    struct archive *outer;
    int fd;
    char buf[65536];
    int64_t consumed;
    int outer_failed; /* the archive (or file) around it could not be read: not the nested data */
} nested_src;

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

typedef enum walk_kind {
    WALK_TOP,    /* a bundle: reports are its top folders or nested report archives */
    WALK_REPORT, /* a nested report archive: one report */
    WALK_PACKED, /* a packed folder inside a report (sos --pack-dir, sys.tgz) */
} walk_kind;

static rca_err walk_archive(walker *w, struct archive *a, walk_kind kind, const char *dirprefix,
                            const char *name, int depth);

/* Open a nested archive reading from `outer` (or fd) and walk it. */
static rca_err walk_nested(walker *w, struct archive *outer, int fd, walk_kind kind,
                           const char *dirprefix, const char *name, const char *entry_path,
                           int depth)
{
    if (depth >= w->lim->max_nesting) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, entry_path, 0, 0, NULL,
                  "archive nested %d deep (limit %d); skipped", depth, w->lim->max_nesting);
        return RCA_OK;
    }
    nested_src *src = calloc(1, sizeof *src);
    struct archive *a = archive_read_new();
    rca_err rc = RCA_OK;
    if (!src || !a) {
        rc = RCA_ENOMEM;
        goto done;
    }
    src->outer = outer;
    src->fd = fd;
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    if (archive_read_open(a, src, NULL, nested_read, NULL) != ARCHIVE_OK) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, entry_path, 0, 0, NULL,
                  "nested archive cannot be read (%s); skipped", archive_error_string(a));
        w->entry_damaged = 1;
        if (src->outer_failed) {
            w->stop = STOP_OUTER;
            rc = RCA_EARCHIVE;
        }
        goto done;
    }
    rc = walk_archive(w, a, kind, dirprefix, name, depth + 1);
    if (rc == RCA_EARCHIVE) {
        w->entry_damaged = 1;
        if (src->outer_failed && !w->stop)
            w->stop = STOP_OUTER;
        /* Only the nested archive is damaged: that was reported, and it makes the bundle partial
         * (w->damaged), but the archive around it is fine and its other entries are read. */
        if (!w->stop)
            rc = RCA_OK;
    }
done:
    if (a)
        archive_read_free(a);
    free(src);
    return rc;
}

/* Read a compressed single file (rotated log) through a raw-format decompressor. */
static rca_err visit_compressed(walker *w, struct archive *outer, int fd, const char *path,
                                const char *via, const rca_layout_class *cls, int64_t size,
                                int64_t mtime)
{
    nested_src *src = calloc(1, sizeof *src);
    struct archive *a = archive_read_new();
    rca_err rc = RCA_OK;
    if (!src || !a) {
        rc = RCA_ENOMEM;
        goto done;
    }
    src->outer = outer;
    src->fd = fd;
    archive_read_support_filter_all(a);
    archive_read_support_format_raw(a);
    struct archive_entry *ae;
    if (archive_read_open(a, src, NULL, nested_read, NULL) != ARCHIVE_OK ||
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
    if (a)
        archive_read_free(a);
    free(src);
    return rc;
}

static rca_err visit_data(walker *w, const char *path, const char *via, const rca_layout_class *cls,
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

/* One regular file (archive member or directory file) at `path` inside the current report. */
static rca_err on_file(walker *w, const char *path, struct archive *a, int fd, int64_t size,
                       int64_t mtime, int depth)
{
    report *r = w->rep;
    if (pathset_add_with_parents(&r->seen, path))
        return RCA_ENOMEM;
    const char *base = base_name(path);
    size_t tsl = suffix_len(base, tar_suffixes);
    if (tsl) {
        /* a report inside a report is unusual; a packed folder keeps the report */
        if (strncmp(base, "sosreport", 9) == 0)
            return walk_nested(w, a, fd, WALK_REPORT, "", base, path, depth);
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%.*s", (int)(base - path), path);
        return walk_nested(w, a, fd, WALK_PACKED, dir, path, path, depth);
    }
    const char *via = NULL;
    const char *logical = path;
    const rca_layout_class *cls = want(w, path, NULL, size, mtime);
    if (!cls && r->npending) {
        const pending_rec *p = take_pending(r, path);
        if (p) {
            /* the target of a wanted link: read it under the link's name */
            cls = want(w, p->link, path, size, mtime);
            logical = p->link;
            via = path;
        }
    }
    if (!cls)
        return RCA_OK;
    rca_err rc = ensure_begun(w);
    if (rc)
        return rc;
    if (suffix_len(base, comp_suffixes))
        return visit_compressed(w, a, fd, logical, via, cls, size, mtime);
    return visit_data(w, logical, via, cls, a, fd, size, mtime, 0);
}

/* Map an archive member path to (report, path inside the report) for the walk kind; returns 0 to
 * skip the entry. */
static int place_entry(walker *w, walk_kind kind, const char *dirprefix, const char *name,
                       const char *norm, char *out, size_t outsz, rca_err *rc)
{
    *rc = RCA_OK;
    if (kind == WALK_PACKED) {
        snprintf(out, outsz, "%s%s", dirprefix, norm);
        return 1;
    }
    const char *slash = strchr(norm, '/');
    size_t toplen = slash ? (size_t)(slash - norm) : strlen(norm);
    int no_top = is_sos_top_name(norm, toplen);
    if (kind == WALK_TOP && no_top)
        w->flat = 1; /* sos_commands/, var/ ... at the top: a report packed without its folder */
    if (kind == WALK_TOP && w->flat && !no_top && !suffix_len(base_name(norm), tar_suffixes))
        no_top = 1; /* root symlinks and other top-level names of that report */
    if (kind == WALK_REPORT) {
        if (!w->rep) {
            rca_buf nm;
            rca_buf_init(&nm);
            rca_ingest_report_name(name, &nm);
            char strip[PATH_MAX];
            if (no_top)
                strip[0] = '\0';
            else
                snprintf(strip, sizeof strip, "%.*s/", (int)toplen, norm);
            *rc = switch_report(w, nm.p ? nm.p : name, strip);
            rca_buf_free(&nm);
            if (*rc)
                return 0;
        }
    } else {
        char rname[PATH_MAX], strip[PATH_MAX];
        if (no_top || !slash) {
            if (!slash && !no_top) {
                /* a lone file at the top of a bundle: part of no report */
                snprintf(out, outsz, "%s", norm);
                return 2;
            }
            rca_buf nm;
            rca_buf_init(&nm);
            rca_ingest_report_name(w->bundle, &nm);
            snprintf(rname, sizeof rname, "%s", nm.p ? nm.p : "report");
            rca_buf_free(&nm);
            strip[0] = '\0';
        } else {
            snprintf(rname, sizeof rname, "%.*s", (int)toplen, norm);
            snprintf(strip, sizeof strip, "%.*s/", (int)toplen, norm);
        }
        *rc = switch_report(w, rname, strip);
        if (*rc)
            return 0;
    }
    size_t sl = strlen(w->rep->strip);
    if (sl && strncmp(norm, w->rep->strip, sl) == 0)
        snprintf(out, outsz, "%s", norm + sl);
    else if (sl && strncmp(norm, w->rep->strip, sl - 1) == 0 && norm[sl - 1] == '\0')
        return 0; /* the top folder itself */
    else
        snprintf(out, outsz, "%s", norm);
    return out[0] != '\0';
}

/* An entry skipped for its name: warned about for the first few, counted after that. */
static void hostile_name(walker *w, const char *raw, const char *what)
{
    /* `raw` is the name as the archive has it, not a path in a report: said as it is */
    if (w->hostile++ < SHOWN_PER_KIND)
        rca_diagf(w->up, RCA_DIAG_WARNING, w->bundle, raw, 0, 0, NULL, "%s; skipped", what);
}

/* A fifo, device or socket in a report. Returns a visitor error only. */
static rca_err special_file(walker *w, const char *path, const char *what)
{
    if (!want(w, path, NULL, -1, 0))
        return RCA_OK;
    rca_err rc = ensure_begun(w);
    if (!rc && w->special++ < SHOWN_PER_KIND)
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, path, 0, 0, NULL,
                  "is %s, not a regular file; skipped", what);
    return rc;
}

/* The ratio of what the archive's decompressor has produced to what it has read so far. Skipped
 * entries are decompressed too (a compressed stream cannot be skipped otherwise), so a bomb made of
 * members nobody reads is caught here, before the next member. Checked past 1 GiB only: a real
 * bundle's zero-filled file early in the stream must not end it. Returns 1 (after a warning) when
 * the rest of the archive must not be read. */
static int stream_is_bomb(walker *w, struct archive *a, const char *name)
{
    int64_t out, in;
    if (w->stage && a == w->staged) {
        unpack_counts(w->stage, &in, &out);
    } else {
        if (archive_filter_count(a) < 2) /* not compressed: skipping is seeking */
            return 0;
        out = archive_filter_bytes(a, 0);
        in = archive_filter_bytes(a, -1);
    }
    if (in <= 0 || out <= ((int64_t)1 << 30) || out / in <= w->lim->max_ratio)
        return 0;
    const char *last = w->last_good[0] ? w->last_good : "(none)";
    rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
              "archive %s decompresses to more than %lld times its size (a decompression bomb?): "
              "%lld bytes from %lld; stopped after entry %s, the rest of the bundle was not read",
              name, (long long)w->lim->max_ratio, (long long)out, (long long)in, last);
    w->damaged = 1;
    w->stop = STOP_LIMIT;
    rca_buf_reset(&w->partial);
    rca_buf_printf(&w->partial, "%s: decompression ratio limit reached after entry %s", name, last);
    return 1;
}

static rca_err walk_archive(walker *w, struct archive *a, walk_kind kind, const char *dirprefix,
                            const char *name, int depth)
{
    rca_err rc = RCA_OK;
    if (kind == WALK_REPORT) {
        /* a nested report: finish the current one, start fresh */
        rc = report_finish(w);
        if (rc)
            return rc;
    }
    for (;;) {
        struct archive_entry *ae;
        int ret = archive_read_next_header(a, &ae);
        if (ret == ARCHIVE_EOF)
            break;
        if (ret == ARCHIVE_WARN) {
            rca_diagf(w->up, RCA_DIAG_WARNING, w->bundle, archive_entry_pathname(ae), 0, 0, NULL,
                      "%s", archive_error_string(a));
        } else if (ret != ARCHIVE_OK) {
            const char *err = archive_error_string(a) ? archive_error_string(a) : "read error";
            w->damaged = 1;
            rca_buf_reset(&w->partial);
            rca_buf_printf(&w->partial, "%s: %s after entry %s", name, err,
                           w->last_good[0] ? w->last_good : "(none)");
            if (w->last_good[0])
                rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
                          "archive %s is damaged (%s) after entry %s, the last one read whole; "
                          "kept what was read before, the rest of the archive was not read",
                          name, err, w->last_good);
            else
                rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
                          "archive %s is damaged (%s) before any entry could be read whole; "
                          "the rest of the archive was not read",
                          name, err);
            rc = RCA_EARCHIVE;
            break;
        }
        if (++w->entries > w->lim->max_entries) {
            rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
                      "more than %lld entries (the entries limit); the rest of the bundle was "
                      "not read",
                      (long long)w->lim->max_entries);
            w->damaged = 1;
            w->stop = STOP_LIMIT;
            rca_buf_reset(&w->partial);
            rca_buf_printf(&w->partial, "%s: entry limit reached after entry %s", name,
                           w->last_good[0] ? w->last_good : "(none)");
            rc = RCA_EARCHIVE;
            break;
        }
        if (stream_is_bomb(w, a, name)) {
            rc = RCA_EARCHIVE;
            break;
        }
        w->entry_damaged = 0;
        const char *raw = archive_entry_pathname(ae);
        if (!raw)
            continue;
        char norm[PATH_MAX];
        if (raw[0] == '/') {
            hostile_name(w, raw, "entry has an absolute path (not something sos writes)");
            continue;
        }
        if (strlen(raw) >= sizeof norm || path_normalise(raw, norm) != 0) {
            hostile_name(w, raw, "entry path leaves the bundle or is too long");
            continue;
        }
        if (!norm[0])
            continue;
        char path[PATH_MAX];
        rca_err prc;
        int placed = place_entry(w, kind, dirprefix, name, norm, path, sizeof path, &prc);
        if (prc) {
            rc = prc;
            break;
        }
        mode_t type = archive_entry_filetype(ae);
        if (placed == 2) {
            /* a file at the bundle's top level: a nested report archive (sos collect) or noise */
            if (type == AE_IFREG && suffix_len(base_name(norm), tar_suffixes)) {
                rc = report_finish(w);
                if (!rc)
                    rc = walk_nested(w, a, -1, WALK_REPORT, "", base_name(norm), norm, depth);
                if (rc)
                    break;
            }
            continue;
        }
        if (!placed)
            continue;
        const char *hl = archive_entry_hardlink(ae);
        if (hl) {
            char hnorm[PATH_MAX];
            if (hl[0] != '/' && strlen(hl) < sizeof hnorm && path_normalise(hl, hnorm) == 0) {
                size_t sl = strlen(w->rep->strip);
                const char *t = strncmp(hnorm, w->rep->strip, sl) == 0 ? hnorm + sl : hnorm;
                char rel[PATH_MAX * 2];
                /* express the hard link as an absolute-in-report symlink */
                snprintf(rel, sizeof rel, "/%s", t);
                rc = on_link(w, path, rel);
            } else {
                hostile_name(w, raw, "hard link whose target leaves the bundle or is too long");
            }
        } else if (type == AE_IFLNK) {
            const char *t = archive_entry_symlink(ae);
            rc = on_link(w, path, t ? t : "");
        } else if (type == AE_IFDIR) {
            if (pathset_add_with_parents(&w->rep->seen, path))
                rc = RCA_ENOMEM;
        } else if (type == AE_IFREG) {
            int64_t size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : -1;
            rc = on_file(w, path, a, -1, size, (int64_t)archive_entry_mtime(ae), depth);
            if (rc == RCA_EARCHIVE) {
                /* damaged data inside one entry: libarchive cannot go on after a fatal error */
                if (archive_errno(a) != 0 || w->stop) {
                    w->damaged = 1;
                    if (w->stop != STOP_LIMIT) {
                        rca_buf_reset(&w->partial);
                        rca_buf_printf(&w->partial, "%s: damaged inside entry %s", name, path);
                    }
                    break;
                }
                rc = RCA_OK;
            }
        } else {
            /* devices, fifos and sockets carry no data worth reading: say so when the layout
             * map wanted the path, since its parser then has nothing to read */
            rc = special_file(w, path, type == AE_IFIFO    ? "a fifo"
                                       : type == AE_IFCHR  ? "a character device"
                                       : type == AE_IFBLK  ? "a block device"
                                       : type == AE_IFSOCK ? "a socket"
                                                           : "not a regular file");
        }
        if (rc)
            break;
        if (!w->entry_damaged)
            snprintf(w->last_good, sizeof w->last_good, "%s", raw);
    }
    if (kind == WALK_REPORT) {
        rca_err frc = report_finish(w);
        if (!rc)
            rc = frc;
    }
    return rc;
}

/* ------------------------------------------------------------------ directories */

static int is_report_dir(const char *dir)
{
    static const char *const marks[] = {"sos_commands", "version.txt", "sos_reports", "sos_logs"};
    char p[PATH_MAX * 2 + 32];
    struct stat st;
    for (size_t i = 0; i < RCA_ARRAY_LEN(marks); i++) {
        if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, marks[i]) >= sizeof p)
            return 0;
        if (lstat(p, &st) == 0)
            return 1;
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of a folder (caller frees each and the array). */
static int list_dir(const char *dir, char ***out, size_t *n)
{
    DIR *d = opendir(dir);
    *out = NULL;
    *n = 0;
    if (!d)
        return -1;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nl = realloc(*out, nc * sizeof *nl);
            if (!nl)
                break;
            *out = nl;
            cap = nc;
        }
        (*out)[*n] = strdup(de->d_name);
        if (!(*out)[*n])
            break;
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(*out, *n, sizeof **out, cmp_names);
    return 0;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

static rca_err walk_report_dir(walker *w, const char *root, const char *rel, int depth,
                               int level);

/* 1 if the file `full` really lies inside the folder `root`: a path that looks inside can still
 * leave through a folder that is a symlink ("etc -> /etc"). `real` gets the resolved path. */
static int inside_root(const char *root, const char *full, char real[PATH_MAX])
{
    char rroot[PATH_MAX];
    if (!realpath(root, rroot) || !realpath(full, real))
        return 0;
    size_t n = strlen(rroot);
    if (n == 1) /* the root folder is "/" */
        return 1;
    return strncmp(real, rroot, n) == 0 && real[n] == '/';
}

/* Read a link's target in a directory report: the target's bytes under the link's name. */
static rca_err dir_follow_link(walker *w, const char *root, const char *rel, const char *target)
{
    const rca_layout_class *cls = want(w, rel, NULL, -1, 0);
    if (!cls)
        return RCA_OK;
    char cur[PATH_MAX], next[PATH_MAX];
    char tgt[PATH_MAX];
    snprintf(cur, sizeof cur, "%s", rel);
    snprintf(tgt, sizeof tgt, "%s", target);
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
        if (resolve_target(cur, tgt, next, sizeof next) != 0) {
            if (hop > 0) /* the first hop was reported by on_link */
                rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                          "symlink chain leaves the report (%s); not followed", tgt);
            return RCA_OK;
        }
        char full[PATH_MAX * 2];
        snprintf(full, sizeof full, "%s/%s", root, next);
        struct stat st;
        int exists = lstat(full, &st) == 0;
        if (exists && !S_ISLNK(st.st_mode) && want(w, next, NULL, -1, 0))
            return RCA_OK; /* read under its own name */
        if (!exists) {
            rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                      "symlink to %s, which is not in the report; not read", next);
            return RCA_OK;
        }
        if (S_ISLNK(st.st_mode)) {
            ssize_t k = readlink(full, tgt, sizeof tgt - 1);
            if (k < 0)
                return RCA_OK;
            tgt[k] = '\0';
            snprintf(cur, sizeof cur, "%s", next);
            continue;
        }
        char real[PATH_MAX];
        if (!inside_root(root, full, real)) {
            rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                      "symlink to %s leads out of the report through a folder symlink; "
                      "not followed",
                      next);
            return RCA_OK;
        }
        if (!S_ISREG(st.st_mode)) {
            rca_err rc = ensure_begun(w);
            if (!rc && w->special++ < SHOWN_PER_KIND)
                rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                          "symlink to %s, which is not a regular file; skipped", next);
            return rc;
        }
        int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                      "symlink target %s cannot be opened (%s); skipped", next, strerror(errno));
            return RCA_OK;
        }
        rca_err rc = ensure_begun(w);
        if (!rc) {
            if (suffix_len(base_name(next), comp_suffixes))
                rc = visit_compressed(w, NULL, fd, rel, next, cls, st.st_size, st.st_mtime);
            else
                rc = visit_data(w, rel, next, cls, NULL, fd, st.st_size, st.st_mtime, 0);
        }
        close(fd);
        return rc;
    }
    rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
              "symlink loop (or a chain of more than %d links); not read", MAX_LINK_HOPS);
    return RCA_OK;
}

/* Walk the folder `rel` of the report folder `root`; `depth` is the archive nesting depth (for
 * archives found inside) and `level` how deep `rel` is. */
static rca_err walk_report_dir(walker *w, const char *root, const char *rel, int depth, int level)
{
    if (level > MAX_DIR_LEVELS) {
        /* each level costs a stack frame: a crafted folder thousands deep must not crash us */
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel, 0, 0, NULL,
                  "folders nested more than %d deep; skipped", MAX_DIR_LEVELS);
        return RCA_OK;
    }
    char dir[PATH_MAX * 2];
    snprintf(dir, sizeof dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    char **names;
    size_t n;
    if (list_dir(dir, &names, &n) != 0) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel[0] ? rel : NULL, 0, 0, NULL,
                  "folder cannot be read (%s); skipped", strerror(errno));
        return RCA_OK;
    }
    rca_err rc = RCA_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        char relp[PATH_MAX], full[PATH_MAX * 2];
        if ((size_t)snprintf(relp, sizeof relp, "%s%s%s", rel, rel[0] ? "/" : "", names[i]) >=
            sizeof relp)
            continue;
        snprintf(full, sizeof full, "%s/%s", root, relp);
        struct stat st;
        if (lstat(full, &st) != 0)
            continue;
        if (++w->entries > w->lim->max_entries) {
            rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, NULL, 0, 0, NULL,
                      "more than %lld entries (the entries limit); the rest was not read",
                      (long long)w->lim->max_entries);
            w->damaged = 1;
            w->stop = STOP_LIMIT;
            rca_buf_reset(&w->partial);
            rca_buf_printf(&w->partial, "%s: entry limit reached at %s", base_name(root), relp);
            rc = RCA_EARCHIVE;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            if (pathset_add_with_parents(&w->rep->seen, relp))
                rc = RCA_ENOMEM;
            else
                rc = walk_report_dir(w, root, relp, depth, level + 1);
        } else if (S_ISLNK(st.st_mode)) {
            char target[PATH_MAX];
            ssize_t k = readlink(full, target, sizeof target - 1);
            if (k < 0)
                continue;
            target[k] = '\0';
            /* on_link records it and decides whether its target is wanted */
            size_t before = w->rep->npending;
            rc = on_link(w, relp, target);
            /* in a folder we can read the target now, whatever order the walk is in */
            if (!rc && w->rep->npending > before) {
                w->rep->pending[before].cls = NULL;
                rc = dir_follow_link(w, root, relp, target);
            }
        } else if (S_ISREG(st.st_mode)) {
            const char *base = names[i];
            if (suffix_len(base, tar_suffixes) || want(w, relp, NULL, st.st_size, st.st_mtime)) {
                int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0) {
                    rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, relp, 0, 0, NULL,
                              "cannot open (%s); skipped", strerror(errno));
                    continue;
                }
                rc = on_file(w, relp, NULL, fd, st.st_size, st.st_mtime, depth);
                close(fd);
                if (rc == RCA_EIO)
                    rc = RCA_OK;
            } else if (pathset_add_with_parents(&w->rep->seen, relp)) {
                rc = RCA_ENOMEM;
            }
        } else {
            /* never opened: a fifo would block the walk for ever */
            rc = special_file(w, relp, S_ISFIFO(st.st_mode)   ? "a fifo"
                                       : S_ISCHR(st.st_mode)  ? "a character device"
                                       : S_ISBLK(st.st_mode)  ? "a block device"
                                       : S_ISSOCK(st.st_mode) ? "a socket"
                                                              : "not a regular file");
        }
    }
    free_list(names, n);
    return rc;
}

static rca_err walk_archive_file(walker *w, const char *path, walk_kind kind, const char *name)
{
    struct archive *a = archive_read_new();
    if (!a)
        return RCA_ENOMEM;
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    rca_err rc;
    /* a compressed archive is decompressed by a thread of its own when one can be had */
    unpack *u = unpack_start(path);
    int opened = u ? unpack_open(u, a) : archive_read_open_filename(a, path, 1 << 16);
    if (opened != ARCHIVE_OK) {
        rca_diagf(w->diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL,
                  "not a readable sos report archive (%s); skipped",
                  archive_error_string(a) ? archive_error_string(a) : "unknown format");
        rca_buf_reset(&w->partial);
        rca_buf_printf(&w->partial, "%s: not a readable archive (%s)", name,
                       archive_error_string(a) ? archive_error_string(a) : "unknown format");
        archive_read_free(a);
        unpack_free(u);
        return RCA_EIO;
    }
    w->stage = u;
    w->staged = a;
    int64_t entries_before = w->entries;
    rc = walk_archive(w, a, kind, "", name, 0);
    if (!rc && w->entries == entries_before) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, path, NULL, 0, 0, NULL,
                  "the archive holds no entries");
        rca_buf_reset(&w->partial);
        rca_buf_printf(&w->partial, "%s: empty archive", name);
        rc = RCA_EARCHIVE;
    }
    archive_read_free(a);
    unpack_free(u);
    w->stage = NULL;
    w->staged = NULL;
    return rc;
}

static rca_err walk_dir_bundle(walker *w, const char *path)
{
    rca_err rc;
    if (is_report_dir(path)) {
        rca_buf nm;
        rca_buf_init(&nm);
        rca_ingest_report_name(path, &nm);
        rc = switch_report(w, nm.p ? nm.p : path, "");
        rca_buf_free(&nm);
        if (!rc)
            rc = walk_report_dir(w, path, "", 0, 0);
        rca_err frc = report_finish(w);
        return rc ? rc : frc;
    }
    char **names;
    size_t n;
    if (list_dir(path, &names, &n) != 0) {
        rca_diagf(w->diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "cannot read folder (%s)",
                  strerror(errno));
        return RCA_EIO;
    }
    int found = 0;
    rc = RCA_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        char full[PATH_MAX * 2];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        struct stat st;
        if (lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && is_report_dir(full)) {
            found = 1;
            rc = switch_report(w, names[i], "");
            if (!rc)
                rc = walk_report_dir(w, full, "", 0, 0);
            rca_err frc = report_finish(w);
            if (!rc)
                rc = frc;
        } else if (S_ISREG(st.st_mode) && suffix_len(names[i], tar_suffixes)) {
            found = 1;
            rc = walk_archive_file(w, full, WALK_TOP, names[i]);
            if (rc == RCA_EIO || rc == RCA_EARCHIVE) {
                w->damaged = 1;
                rc = RCA_OK;
            }
        }
    }
    free_list(names, n);
    if (!found && !rc) {
        rca_diagf(w->diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL,
                  "no sos report in this folder (no sos_commands/, version.txt or report "
                  "archives)");
        return RCA_EIO;
    }
    return rc;
}

/* The walker's diagnostics on their way to the caller: an entry of the current report is named
 * with its report when the bundle holds more than that report (rca_ingest_entry_name). */
static void walker_diag(void *ctx, const rca_diag_msg *m)
{
    walker *w = ctx;
    rca_diag_msg c = *m;
    if (m->entry && w->rep && m->where && strcmp(m->where, w->bundle) == 0) {
        rca_ingest_entry_name(w->bundle, w->rep->name, m->entry, &w->ename);
        if (w->ename.p)
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
    if (S_ISDIR(st.st_mode)) {
        rc = walk_dir_bundle(&w, path);
    } else {
        rca_buf nm;
        rca_buf_init(&nm);
        rca_ingest_report_name(path, &nm);
        rc = walk_archive_file(&w, path, WALK_TOP, base_name(path));
        rca_buf_free(&nm);
        rca_err frc = report_finish(&w);
        if (!rc)
            rc = frc;
    }
    report_finish(&w);
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
