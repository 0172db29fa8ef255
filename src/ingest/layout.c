/* layout.c - the layout map: which paths inside a sos report matter and which parser reads them.
 * It is data (rules/layout.map) so that a new deployment's paths need no C. Each line is
 *
 *     <glob>   <parser>   <service>   [<argument>]
 *
 * with `-` for "no service". The first matching line wins. Files that sos tail-copied because they
 * were too big live under sos_strings, one folder per plugin, named after their path with every
 * slash turned into a dot and ".tailed" added; they are matched against the same globs in that
 * mangled form, so the map lists every file once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rca_ingest.h"

typedef struct layout_entry {
    rca_layout_class cls;
    char *mangled; /* the glob with every '/' turned into '.', for tail copies in sos_strings */
} layout_entry;

struct rca_layout {
    layout_entry *e;
    size_t n;
    rca_arena *arena;
};

void rca_layout_free(rca_layout *l)
{
    if (!l)
        return;
    free(l->e);
    rca_arena_free(l->arena);
    free(l);
}

/* Next whitespace-separated field of line starting at *pos; returns its length (0 if none). */
static size_t field(const char *line, size_t len, size_t *pos, size_t *start)
{
    size_t i = *pos;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    *start = i;
    while (i < len && line[i] != ' ' && line[i] != '\t')
        i++;
    *pos = i;
    return i - *start;
}

rca_err rca_layout_parse(const char *name, const char *text, size_t len, rca_diag *diag,
                         rca_layout **out)
{
    rca_err rc = RCA_OK;
    rca_layout *l = calloc(1, sizeof *l);
    size_t cap = 0;
    unsigned errors = 0;
    if (!l || !(l->arena = rca_arena_new())) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    rca_lines it;
    rca_span ln;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &ln)) {
        const char *line = ln.p;
        size_t ll = ln.n;
        unsigned lineno = it.lineno;
        size_t pos = 0, st;
        size_t f[5], fs[5];
        int nf = 0;
        while (nf < 5) {
            size_t n = field(line, ll, &pos, &st);
            if (n == 0)
                break;
            if (nf == 0 && line[st] == '#')
                break;
            if (line[st] == '#') /* trailing comment */
                break;
            fs[nf] = st;
            f[nf] = n;
            nf++;
        }
        if (nf == 0)
            continue;
        char src[512];
        snprintf(src, sizeof src, "%.*s", (int)(ll < 500 ? ll : 500), line);
        if (nf < 3) {
            rca_diagf(diag, RCA_DIAG_ERROR, name, NULL, lineno, (unsigned)(pos + 1), src,
                      "expected <glob> <parser> <service> [<argument>]");
            errors++;
            continue;
        }
        if (nf > 4) {
            rca_diagf(diag, RCA_DIAG_ERROR, name, NULL, lineno, (unsigned)fs[4] + 1, src,
                      "too many fields (a glob cannot contain spaces; use ?)");
            errors++;
            continue;
        }
        if (l->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            layout_entry *ne = realloc(l->e, nc * sizeof *ne);
            if (!ne) {
                rc = RCA_ENOMEM;
                goto fail;
            }
            l->e = ne;
            cap = nc;
        }
        layout_entry *e = &l->e[l->n];
        memset(e, 0, sizeof *e);
        char *glob = rca_arena_strndup(l->arena, line + fs[0], f[0]);
        e->cls.pattern = glob;
        e->cls.parser = rca_arena_strndup(l->arena, line + fs[1], f[1]);
        e->cls.service = (f[2] == 1 && line[fs[2]] == '-')
                             ? NULL
                             : rca_arena_strndup(l->arena, line + fs[2], f[2]);
        e->cls.arg = nf == 4 ? rca_arena_strndup(l->arena, line + fs[3], f[3]) : NULL;
        e->cls.line = lineno;
        e->mangled = rca_arena_strdup(l->arena, glob);
        if (!glob || !e->cls.parser || !e->mangled || (nf == 4 && !e->cls.arg)) {
            rc = RCA_ENOMEM;
            goto fail;
        }
        if (glob[0] == '/' || strstr(glob, "..")) {
            rca_diagf(diag, RCA_DIAG_ERROR, name, NULL, lineno, (unsigned)fs[0] + 1, src,
                      "a glob is a path inside the report: no leading '/' and no '..'");
            errors++;
            continue;
        }
        for (char *p = e->mangled; *p; p++)
            if (*p == '/')
                *p = '.';
        l->n++;
    }
    if (errors) {
        rc = RCA_ESYNTAX;
        goto fail;
    }
    *out = l;
    return RCA_OK;
fail:
    rca_layout_free(l);
    return rc;
}

rca_err rca_layout_load(const char *path, rca_diag *diag, rca_layout **out)
{
    rca_buf b;
    rca_buf_init(&b);
    rca_err rc = rca_file_read(path, diag, &b);
    if (!rc)
        rc = rca_layout_parse(path, b.p, b.n, diag, out);
    rca_buf_free(&b);
    return rc;
}

const rca_layout_class *rca_layout_classify(const rca_layout *l, const char *path)
{
    size_t len = strlen(path);
    if (strncmp(path, "sos_strings/", 12) == 0) {
        /* sos_strings/<plugin>/<mangled>.tailed */
        const char *p = strchr(path + 12, '/');
        if (p && rca_ends_with(path, ".tailed")) {
            p++;
            size_t n = strlen(p) - 7;
            for (size_t i = 0; i < l->n; i++)
                if (rca_glob_match(l->e[i].mangled, p, n))
                    return &l->e[i].cls;
        }
        return NULL;
    }
    for (size_t i = 0; i < l->n; i++)
        if (rca_glob_match(l->e[i].cls.pattern, path, len))
            return &l->e[i].cls;
    return NULL;
}

int rca_layout_has_service(const rca_layout *l, const char *service)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->e[i].cls.service && strcmp(l->e[i].cls.service, service) == 0)
            return 1;
    return 0;
}
