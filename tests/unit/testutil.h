/* testutil.h - helpers shared by the unit tests of util, ingest, store and rules: a scratch folder
 * made with mkdtemp and removed whole, files written under it, and a diagnostics sink that keeps
 * every message so that a test can look for "this error at this file:line:col". Header-only; every
 * function is static (a test uses some of them, hence the unused attribute).
 */
#ifndef RCA_TESTUTIL_H
#define RCA_TESTUTIL_H

#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rca_util.h"

#define TU_UNUSED __attribute__((unused))

/* ------------------------------------------------------------------ scratch folders */

/* A fresh folder under $TMPDIR (or /tmp); caller frees the name (and removes it with tu_rmtree). */
TU_UNUSED static char *tu_mkdtemp(void)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    size_t n = strlen(base) + 32;
    char *t = malloc(n);
    assert_non_null(t);
    snprintf(t, n, "%s/sosrca-unit-XXXXXX", base);
    assert_non_null(mkdtemp(t));
    return t;
}

/* rm -rf path (never follows symlinks). */
TU_UNUSED static void tu_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *de;
            while ((de = readdir(d))) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                    continue;
                size_t n = strlen(path) + strlen(de->d_name) + 2;
                char *c = malloc(n);
                assert_non_null(c);
                snprintf(c, n, "%s/%s", path, de->d_name);
                tu_rmtree(c);
                free(c);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* "dir/rel" into a malloc'd string. */
TU_UNUSED static char *tu_path(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* mkdir -p of the folder part of dir/rel. */
TU_UNUSED static void tu_mkparents(const char *dir, const char *rel)
{
    char *p = tu_path(dir, rel);
    for (char *s = p + strlen(dir) + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            fail_msg("mkdir %s: %s", p, strerror(errno));
        *s = '/';
    }
    free(p);
}

/* Write n bytes to dir/rel, creating its folders. */
TU_UNUSED static void tu_write(const char *dir, const char *rel, const void *data, size_t n)
{
    tu_mkparents(dir, rel);
    char *p = tu_path(dir, rel);
    FILE *f = fopen(p, "wb");
    if (!f)
        fail_msg("cannot write %s: %s", p, strerror(errno));
    if (n)
        assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(p);
}

TU_UNUSED static void tu_write_str(const char *dir, const char *rel, const char *s)
{
    tu_write(dir, rel, s, strlen(s));
}

/* A symlink dir/rel -> target, creating its folders. */
TU_UNUSED static void tu_symlink(const char *dir, const char *rel, const char *target)
{
    tu_mkparents(dir, rel);
    char *p = tu_path(dir, rel);
    if (symlink(target, p) != 0)
        fail_msg("symlink %s: %s", p, strerror(errno));
    free(p);
}

TU_UNUSED static int tu_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Number of names in dir starting with prefix. */
TU_UNUSED static int tu_count_prefix(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

/* ------------------------------------------------------------------ recording diagnostics */

typedef struct tu_msg {
    rca_sev sev;
    char *where, *entry, *src, *text;
    unsigned line, col;
} tu_msg;

typedef struct tu_diag {
    rca_diag d; /* first: &rec.d is what the code under test gets */
    tu_msg *m;
    size_t n, cap;
} tu_diag;

TU_UNUSED static char *tu_strdup0(const char *s)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    assert_non_null(c);
    return c;
}

TU_UNUSED static void tu_diag_fn(void *ctx, const rca_diag_msg *m)
{
    tu_diag *r = ctx;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->m = realloc(r->m, r->cap * sizeof *r->m);
        assert_non_null(r->m);
    }
    tu_msg *x = &r->m[r->n++];
    x->sev = m->sev;
    x->where = tu_strdup0(m->where);
    x->entry = tu_strdup0(m->entry);
    x->src = tu_strdup0(m->source_line);
    x->text = tu_strdup0(m->text);
    x->line = m->line;
    x->col = m->col;
}

TU_UNUSED static void tu_diag_init(tu_diag *r)
{
    memset(r, 0, sizeof *r);
    r->d.fn = tu_diag_fn;
    r->d.ctx = r;
}

TU_UNUSED static void tu_diag_free(tu_diag *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->m[i].where);
        free(r->m[i].entry);
        free(r->m[i].src);
        free(r->m[i].text);
    }
    free(r->m);
    memset(r, 0, sizeof *r);
}

TU_UNUSED static void tu_diag_clear(tu_diag *r)
{
    tu_diag_free(r);
    tu_diag_init(r);
}

/* Print every message (shown by cmocka when a test fails right after). */
TU_UNUSED static void tu_diag_dump(const tu_diag *r)
{
    static const char *const sev[] = {"note", "warning", "error"};
    for (size_t i = 0; i < r->n; i++)
        print_message("  diag: %s:%u:%u: %s: %s%s%s\n", r->m[i].where ? r->m[i].where : "-",
                      r->m[i].line, r->m[i].col, sev[r->m[i].sev], r->m[i].entry ? r->m[i].entry : "",
                      r->m[i].entry ? ": " : "", r->m[i].text);
}

/* The first message of severity sev whose text contains `text` (NULL: any), or NULL. */
TU_UNUSED static const tu_msg *tu_diag_find(const tu_diag *r, rca_sev sev, const char *text)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->m[i].sev == sev && (!text || strstr(r->m[i].text, text)))
            return &r->m[i];
    return NULL;
}

/* Like tu_diag_find, but fails the test (showing every message) when there is none. */
TU_UNUSED static const tu_msg *tu_diag_expect(const tu_diag *r, rca_sev sev, const char *text)
{
    const tu_msg *m = tu_diag_find(r, sev, text);
    if (!m) {
        tu_diag_dump(r);
        fail_msg("no %s diagnostic containing \"%s\"", sev == RCA_DIAG_ERROR ? "error" : "warning",
                 text ? text : "");
    }
    return m;
}

TU_UNUSED static size_t tu_diag_count(const tu_diag *r, rca_sev sev)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->m[i].sev == sev;
    return n;
}

/* 1 if s ends with suffix (for "where" paths given as dir/file). */
TU_UNUSED static int tu_ends(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, m = strlen(suffix);
    return s && n >= m && strcmp(s + n - m, suffix) == 0;
}

#endif
