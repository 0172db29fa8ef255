/* names.c - how ingest names things: a report after its archive or folder, an entry in messages,
 * archive and compression suffixes, the top-level names of a sos report. Part of the ingest stage
 * (include/rca_ingest.h); used by the walk (archive.c, dir.c).
 */
#include <string.h>

#include "ingest_internal.h"

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

size_t tar_suffix_len(const char *name)
{
    return suffix_len(name, tar_suffixes);
}

size_t comp_suffix_len(const char *name)
{
    return suffix_len(name, comp_suffixes);
}

rca_err rca_ingest_report_name(const char *name, rca_buf *out)
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
    return rca_buf_adds(out, tmp);
}

rca_err rca_ingest_entry_name(const char *bundle, const char *report, const char *path,
                              rca_buf *out)
{
    rca_err rc = RCA_OK;
    rca_buf_reset(out);
    if (report && *report) {
        rca_buf own;
        rca_buf_init(&own);
        rc = rca_ingest_report_name(bundle, &own);
        int same = !rc && strcmp(own.p, report) == 0;
        rca_buf_free(&own);
        size_t rl = strlen(report);
        if (!rc && !same && !(strncmp(path, report, rl) == 0 && path[rl] == '/')) {
            rc = rca_buf_adds(out, report);
            if (!rc)
                rc = rca_buf_addc(out, '/');
        }
    }
    if (!rc)
        rc = rca_buf_adds(out, path);
    return rc;
}

int is_sos_top_name(const char *s, size_t n)
{
    static const char *const names[] = {"sos_commands", "sos_reports", "sos_logs", "sos_strings",
                                         "sos_containers", "var", "etc", "proc", "sys", "run",
                                         "usr", "boot", "lib", "version.txt", "environment", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return 1;
    return 0;
}

const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b ? b + 1 : p;
}
