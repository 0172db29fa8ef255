/* links.c - the report being walked and its symlinks: the paths it holds, its links and the
 * wanted links whose targets are still to come. Links are resolved inside their report only; at
 * the report's end each link is handed to the visitor with its status (ok, dangling, outside,
 * loop), and a wanted link whose target was never read is said. Part of the ingest stage.
 */
#include <stdio.h>
#include <string.h>

#include "ingest_internal.h"

static void report_free(report_state *r)
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

static rca_err report_new(const char *name, const char *strip, report_state **out)
{
    report_state *r = calloc(1, sizeof *r);
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

rca_err ensure_begun(walker *w)
{
    if (w->rep->begun)
        return RCA_OK;
    w->rep->begun = 1;
    w->reports++;
    return w->v->report_begin(w->v->ctx, w->bundle, w->rep->name);
}

int resolve_target(const char *link_path, const char *target, char *out, size_t outsz)
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

static int find_link(const report_state *r, const char *path)
{
    for (size_t i = 0; i < r->nlinks; i++)
        if (strcmp(r->links[i].path, path) == 0)
            return (int)i;
    return -1;
}

/* Status of a link after the whole report was seen: follows chains of links. */
static const char *link_status(const report_state *r, size_t idx, char *resolved, size_t ressz,
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
static void report_unread_link(walker *w, const report_state *r, const pending_rec *p)
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

rca_err report_finish(walker *w)
{
    report_state *r = w->rep;
    rca_err rc = RCA_OK;
    if (!r)
        return RCA_OK;
    if (r->begun) {
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

rca_err switch_report(walker *w, const char *name, const char *strip)
{
    if (w->rep && strcmp(w->rep->name, name) == 0 && strcmp(w->rep->strip, strip) == 0)
        return RCA_OK;
    rca_err rc = report_finish(w);
    if (rc)
        return rc;
    return report_new(name, strip, &w->rep);
}

const rca_layout_class *want(walker *w, const char *path, const char *via, int64_t size,
                             int64_t mtime)
{
    rca_entry e = {w->bundle, w->rep->name, path, via, size, mtime, 0};
    return w->v->want(w->v->ctx, &e);
}

rca_err on_link(walker *w, const char *path, const char *target)
{
    report_state *r = w->rep;
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
    rca_err rc = pathset_add_with_parents(&r->seen, path);
    if (!rc)
        rc = ensure_begun(w);
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

const pending_rec *take_pending(report_state *r, const char *path)
{
    for (size_t i = 0; i < r->npending; i++)
        if (r->pending[i].cls && strcmp(r->pending[i].target, path) == 0) {
            r->pending[i].cls = NULL; /* read once */
            return &r->pending[i];
        }
    return NULL;
}
