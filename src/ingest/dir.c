/* dir.c - the directory walk: a bundle that is an unpacked report, or a folder of reports and
 * report archives. Folders are read in name order through readdir and lstat; a file is opened
 * only when it is wanted (never a fifo or device), symlinks are followed inside the report only,
 * and archives found inside go to the archive walk. Part of the ingest stage.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest_internal.h"

enum { MAX_DIR_LEVELS = 128 };

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

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

/* OUT: *names (the caller frees each and the array) and *n, the sorted entry names of a folder.
 * RCA_EIO when it cannot be opened (errno says why), RCA_ENOMEM: never a list cut short. */
static rca_err list_dir(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return RCA_EIO;
    rca_err rc = RCA_OK;
    char **l = NULL;
    size_t cnt = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (cnt == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nl = realloc(l, nc * sizeof *nl);
            if (!nl) {
                rc = RCA_ENOMEM;
                break;
            }
            l = nl;
            cap = nc;
        }
        if (!(l[cnt] = strdup(de->d_name))) {
            rc = RCA_ENOMEM;
            break;
        }
        cnt++;
    }
    closedir(d);
    if (rc) {
        free_list(l, cnt);
        return rc;
    }
    if (cnt > 1)
        qsort(l, cnt, sizeof *l, cmp_names);
    *names = l;
    *n = cnt;
    return RCA_OK;
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
            if (comp_suffix_len(base_name(next)))
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
    rca_err rc = list_dir(dir, &names, &n);
    if (rc == RCA_EIO) {
        rca_diagf(w->diag, RCA_DIAG_WARNING, w->bundle, rel[0] ? rel : NULL, 0, 0, NULL,
                  "folder cannot be read (%s); skipped", strerror(errno));
        return RCA_OK;
    }
    if (rc)
        return rc;
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
            rc = pathset_add_with_parents(&w->rep->seen, relp);
            if (!rc)
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
            if (tar_suffix_len(base) || want(w, relp, NULL, st.st_size, st.st_mtime)) {
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
            } else {
                rc = pathset_add_with_parents(&w->rep->seen, relp);
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

rca_err walk_dir_bundle(walker *w, const char *path)
{
    rca_err rc;
    if (is_report_dir(path)) {
        rca_buf nm;
        rca_buf_init(&nm);
        rc = rca_ingest_report_name(path, &nm);
        if (!rc)
            rc = switch_report(w, nm.p, "");
        rca_buf_free(&nm);
        if (!rc)
            rc = walk_report_dir(w, path, "", 0, 0);
        rca_err frc = report_finish(w);
        return rc ? rc : frc;
    }
    char **names;
    size_t n;
    rc = list_dir(path, &names, &n);
    if (rc == RCA_EIO)
        rca_diagf(w->diag, RCA_DIAG_ERROR, path, NULL, 0, 0, NULL, "cannot read folder (%s)",
                  strerror(errno));
    if (rc)
        return rc;
    int found = 0;
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
        } else if (S_ISREG(st.st_mode) && tar_suffix_len(names[i])) {
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
