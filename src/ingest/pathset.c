/* pathset.c - a string set for the paths of one report (open addressing, FNV-1a), and path
 * normalisation. Used by ingest to tell a dangling symlink from a good one without a second pass.
 */
#include <string.h>

#include "ingest_internal.h"

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

rca_err pathset_init(pathset *s)
{
    s->cap = 1024;
    s->n = 0;
    s->slots = calloc(s->cap, sizeof *s->slots);
    s->arena = rca_arena_new();
    if (!s->slots || !s->arena) {
        pathset_fini(s);
        return RCA_ENOMEM;
    }
    return RCA_OK;
}

void pathset_fini(pathset *s)
{
    free(s->slots);
    rca_arena_free(s->arena);
    s->slots = NULL;
    s->arena = NULL;
    s->n = s->cap = 0;
}

static int find_slot(const pathset *s, const char *p, size_t n, size_t *slot)
{
    size_t i = (size_t)fnv1a(p, n) & (s->cap - 1);
    while (s->slots[i]) {
        if (strncmp(s->slots[i], p, n) == 0 && s->slots[i][n] == '\0') {
            *slot = i;
            return 1;
        }
        i = (i + 1) & (s->cap - 1);
    }
    *slot = i;
    return 0;
}

static rca_err grow(pathset *s)
{
    size_t ncap = s->cap * 2;
    char **ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return RCA_ENOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i])
            continue;
        size_t j = (size_t)fnv1a(s->slots[i], strlen(s->slots[i])) & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = ns;
    s->cap = ncap;
    return RCA_OK;
}

/* Add p[0..n). OUT: *had, 1 when it was there already. */
static rca_err add_n(pathset *s, const char *p, size_t n, int *had)
{
    size_t slot;
    *had = find_slot(s, p, n, &slot);
    if (*had)
        return RCA_OK;
    if ((s->n + 1) * 2 > s->cap) {
        rca_err rc = grow(s);
        if (rc)
            return rc;
        find_slot(s, p, n, &slot);
    }
    char *copy = rca_arena_strndup(s->arena, p, n);
    if (!copy)
        return RCA_ENOMEM;
    s->slots[slot] = copy;
    s->n++;
    return RCA_OK;
}

rca_err pathset_add_with_parents(pathset *s, const char *path)
{
    size_t n = strlen(path);
    int had;
    rca_err rc = add_n(s, path, n, &had);
    /* parents: stop at the first one already present (its own parents are there too) */
    while (!rc && !had && n > 0) {
        while (n > 0 && path[n - 1] != '/')
            n--;
        if (n == 0)
            break;
        n--; /* drop the slash */
        rc = add_n(s, path, n, &had);
    }
    return rc;
}

int pathset_has(const pathset *s, const char *path)
{
    size_t slot;
    return find_slot(s, path, strlen(path), &slot);
}

int path_normalise(const char *in, char *out)
{
    size_t o = 0;
    const char *p = in;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 1 && seg[0] == '.')
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (o == 0)
                return -1;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the slash before the dropped segment */
            continue;
        }
        if (o > 0)
            out[o++] = '/';
        memcpy(out + o, seg, len);
        o += len;
    }
    out[o] = '\0';
    return 0;
}
