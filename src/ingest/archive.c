/* archive.c - the archive walk: the members of a bundle archive (a report, a `sos collect` tar of
 * reports, a report packed without its top folder), and the archives inside it (nested reports,
 * packed folders), read straight from the outer stream. Works out which report each member
 * belongs to and where a report starts, skips hostile names, and stops at damage, the entries
 * limit and decompression bombs. Part of the ingest stage (include/rca_ingest.h).
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <string.h>

#include "ingest_internal.h"

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
    nested_src *src;
    rca_err rc = nested_new(outer, fd, &src);
    if (rc)
        return rc;
    struct archive *a = src->a;
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    if (nested_open(src) != ARCHIVE_OK) {
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
    nested_free(src);
    return rc;
}

rca_err on_file(walker *w, const char *path, struct archive *a, int fd, int64_t size,
                int64_t mtime, int depth)
{
    report_state *r = w->rep;
    rca_err rc = pathset_add_with_parents(&r->seen, path);
    if (rc)
        return rc;
    const char *base = base_name(path);
    size_t tsl = tar_suffix_len(base);
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
    rc = ensure_begun(w);
    if (rc)
        return rc;
    if (comp_suffix_len(base))
        return visit_compressed(w, a, fd, logical, via, cls, size, mtime);
    return visit_data(w, logical, via, cls, a, fd, size, mtime, 0);
}

/* Where place_entry puts an archive member. */
typedef enum placement {
    PLACE_SKIP,   /* nowhere: the report's top folder itself, or an empty path */
    PLACE_REPORT, /* in the current report (w->rep), at `out` */
    PLACE_TOP,    /* at the top of the bundle, in no report (`out` is its path) */
} placement;

/* Map an archive member path to (report, path inside the report) for the walk kind, switching
 * w->rep to the member's report. OUT: *where and out. Returns switch_report's error. */
static rca_err place_entry(walker *w, walk_kind kind, const char *dirprefix, const char *name,
                           const char *norm, char *out, size_t outsz, placement *where)
{
    rca_err rc = RCA_OK;
    *where = PLACE_SKIP;
    if (kind == WALK_PACKED) {
        snprintf(out, outsz, "%s%s", dirprefix, norm);
        *where = PLACE_REPORT;
        return RCA_OK;
    }
    const char *slash = strchr(norm, '/');
    size_t toplen = slash ? (size_t)(slash - norm) : strlen(norm);
    int no_top = is_sos_top_name(norm, toplen);
    if (kind == WALK_TOP && no_top)
        w->flat = 1; /* sos_commands/, var/ ... at the top: a report packed without its folder */
    if (kind == WALK_TOP && w->flat && !no_top && !tar_suffix_len(base_name(norm)))
        no_top = 1; /* root symlinks and other top-level names of that report */
    if (kind == WALK_REPORT) {
        if (!w->rep) {
            rca_buf nm;
            rca_buf_init(&nm);
            char strip[PATH_MAX];
            if (no_top)
                strip[0] = '\0';
            else
                snprintf(strip, sizeof strip, "%.*s/", (int)toplen, norm);
            rc = rca_ingest_report_name(name, &nm);
            if (!rc)
                rc = switch_report(w, nm.p, strip);
            rca_buf_free(&nm);
            if (rc)
                return rc;
        }
    } else {
        char rname[PATH_MAX], strip[PATH_MAX];
        if (no_top || !slash) {
            if (!slash && !no_top) {
                /* a lone file at the top of a bundle: part of no report */
                snprintf(out, outsz, "%s", norm);
                *where = PLACE_TOP;
                return RCA_OK;
            }
            rca_buf nm;
            rca_buf_init(&nm);
            rc = rca_ingest_report_name(w->bundle, &nm);
            if (!rc)
                snprintf(rname, sizeof rname, "%s", nm.p);
            rca_buf_free(&nm);
            if (rc)
                return rc;
            strip[0] = '\0';
        } else {
            snprintf(rname, sizeof rname, "%.*s", (int)toplen, norm);
            snprintf(strip, sizeof strip, "%.*s/", (int)toplen, norm);
        }
        rc = switch_report(w, rname, strip);
        if (rc)
            return rc;
    }
    size_t sl = strlen(w->rep->strip);
    if (sl && strncmp(norm, w->rep->strip, sl) == 0)
        snprintf(out, outsz, "%s", norm + sl);
    else if (sl && strncmp(norm, w->rep->strip, sl - 1) == 0 && norm[sl - 1] == '\0')
        return RCA_OK; /* the top folder itself */
    else
        snprintf(out, outsz, "%s", norm);
    if (out[0])
        *where = PLACE_REPORT;
    return RCA_OK;
}

/* An entry skipped for its name: warned about for the first few, counted after that. */
static void hostile_name(walker *w, const char *raw, const char *what)
{
    /* `raw` is the name as the archive has it, not a path in a report: said as it is */
    if (w->hostile++ < SHOWN_PER_KIND)
        rca_diagf(w->up, RCA_DIAG_WARNING, w->bundle, raw, 0, 0, NULL, "%s; skipped", what);
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
        placement where;
        rc = place_entry(w, kind, dirprefix, name, norm, path, sizeof path, &where);
        if (rc)
            break;
        mode_t type = archive_entry_filetype(ae);
        if (where == PLACE_TOP) {
            /* a file at the bundle's top level: a nested report archive (sos collect) or noise */
            if (type == AE_IFREG && tar_suffix_len(base_name(norm))) {
                rc = report_finish(w);
                if (!rc)
                    rc = walk_nested(w, a, -1, WALK_REPORT, "", base_name(norm), norm, depth);
                if (rc)
                    break;
            }
            continue;
        }
        if (where == PLACE_SKIP)
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
            rc = pathset_add_with_parents(&w->rep->seen, path);
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

rca_err walk_archive_file(walker *w, const char *path, walk_kind kind, const char *name)
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
