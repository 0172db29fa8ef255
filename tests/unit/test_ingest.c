/* test_ingest.c - unit tests of src/ingest/: the layout map (errors with their line, first match
 * wins, tail copies under sos_strings/), path handling, and whole bundles streamed through a
 * recording visitor. Every bundle is built here at run time in a scratch folder: tar archives
 * written with libarchive in every compression a user receives (none, gzip, xz, zstd, bzip2), a
 * `sos collect` tar of two reports, a truncated archive, an empty file, a text file, hostile entry
 * names, and the same report unpacked as a folder, which must give the same visits.
 */
#include "testutil.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/time.h>

#include "ingest/ingest_internal.h"
#include "rca_ingest.h"

/* The layout the bundle tests read with (a cut-down rules/layout.map). */
static const char test_layout[] =
    "# test layout: which paths are read\n"
    "version.txt                                        sos-version   -\n"
    "sos_commands/{host,general}/hostname               hostname      -\n"
    "etc/hostname                                       hostname      -\n"
    "etc/nova/nova.conf                                 nova-conf     -\n"
    "var/log/{nova,containers/nova}/nova-compute.log*   log           nova-compute\n"
    "var/log/nova/*.log*                                log           nova-other\n"
    "**/ovnsb_db.db                                     ovsdb-file    ovn-central   OVN_Southbound\n";

#define R1 "sosreport-cmp-1-2025-05-02-abcdefg"
#define MTIME 1746180000

/* ------------------------------------------------------------------ layout map */

static rca_layout *layout_ok(const char *text)
{
    tu_diag d;
    tu_diag_init(&d);
    rca_layout *l = NULL;
    rca_err rc = rca_layout_parse("test.map", text, strlen(text), &d.d, &l);
    if (rc != RCA_OK || d.n) {
        tu_diag_dump(&d);
        tu_diag_free(&d);
        fail_msg("layout did not parse");
    }
    tu_diag_free(&d);
    return l;
}

static void test_layout_classify(void **state)
{
    (void)state;
    rca_layout *l = layout_ok(test_layout);
    const rca_layout_class *c;
    c = rca_layout_classify(l, "version.txt");
    assert_non_null(c);
    assert_string_equal(c->parser, "sos-version");
    assert_null(c->service); /* '-' is no service */
    assert_null(c->arg);
    assert_int_equal(c->line, 2);
    c = rca_layout_classify(l, "sos_commands/general/hostname");
    assert_non_null(c);
    assert_string_equal(c->parser, "hostname");
    assert_string_equal(c->pattern, "sos_commands/{host,general}/hostname");
    /* both nova lines match nova-compute.log: the first one wins */
    c = rca_layout_classify(l, "var/log/nova/nova-compute.log.1.gz");
    assert_non_null(c);
    assert_string_equal(c->service, "nova-compute");
    assert_int_equal(c->line, 6);
    c = rca_layout_classify(l, "var/log/nova/nova-api.log");
    assert_non_null(c);
    assert_string_equal(c->service, "nova-other");
    assert_int_equal(c->line, 7);
    c = rca_layout_classify(l, "var/lib/ovn/ovnsb_db.db");
    assert_non_null(c);
    assert_string_equal(c->parser, "ovsdb-file");
    assert_string_equal(c->arg, "OVN_Southbound");
    assert_null(rca_layout_classify(l, "var/log/messages"));
    assert_null(rca_layout_classify(l, "etc/nova/nova.conf.bak"));
    assert_null(rca_layout_classify(l, ""));
    assert_true(rca_layout_has_service(l, "nova-compute"));
    assert_true(rca_layout_has_service(l, "ovn-central"));
    assert_false(rca_layout_has_service(l, "neutron-server"));
    assert_false(rca_layout_has_service(l, "-"));
    rca_layout_free(l);
    rca_layout_free(NULL);
}

/* sos tail-copies big files to sos_strings/<plugin>/<path with '/' -> '.'>.tailed; the same globs
 * find them. */
static void test_layout_sos_strings(void **state)
{
    (void)state;
    rca_layout *l = layout_ok(test_layout);
    const rca_layout_class *c;
    c = rca_layout_classify(l, "sos_strings/openstack_nova/var.log.nova.nova-compute.log.tailed");
    assert_non_null(c);
    assert_string_equal(c->service, "nova-compute");
    c = rca_layout_classify(l, "sos_strings/openstack_nova/var.log.containers.nova.nova-compute.log.1.tailed");
    assert_non_null(c);
    assert_string_equal(c->service, "nova-compute");
    c = rca_layout_classify(l, "sos_strings/openstack_nova/var.log.nova.nova-api.log.tailed");
    assert_non_null(c);
    assert_string_equal(c->service, "nova-other");
    c = rca_layout_classify(l, "sos_strings/host/etc.hostname.tailed");
    assert_non_null(c);
    assert_string_equal(c->parser, "hostname");
    /* not a tail copy: no .tailed, no plugin folder, or another file */
    assert_null(rca_layout_classify(l, "sos_strings/openstack_nova/var.log.nova.nova-compute.log"));
    assert_null(rca_layout_classify(l, "sos_strings/var.log.nova.nova-compute.log.tailed"));
    assert_null(rca_layout_classify(l, "sos_strings/openstack_nova/var.log.neutron.server.log.tailed"));
    assert_null(rca_layout_classify(l, "sos_strings/x/.tailed"));
    /* the mangled form is only looked for under sos_strings */
    assert_null(rca_layout_classify(l, "var.log.nova.nova-compute.log"));
    rca_layout_free(l);
}

static void test_layout_syntax(void **state)
{
    (void)state;
    /* comments, blank lines, CRLF line ends and a trailing comment are fine */
    rca_layout *l = layout_ok("# c\r\n\r\n   \t\netc/hostname   hostname   -   # trailing comment\r\n"
                              "  proc/meminfo\tmeminfo\t-\n");
    const rca_layout_class *c = rca_layout_classify(l, "etc/hostname");
    assert_non_null(c);
    assert_null(c->arg);
    assert_null(c->service);
    assert_int_equal(c->line, 4);
    c = rca_layout_classify(l, "proc/meminfo");
    assert_non_null(c);
    assert_string_equal(c->parser, "meminfo");
    assert_int_equal(c->line, 5);
    rca_layout_free(l);
    /* an empty map is a valid map that wants nothing */
    l = layout_ok("");
    assert_null(rca_layout_classify(l, "version.txt"));
    rca_layout_free(l);
}

static void test_layout_errors(void **state)
{
    (void)state;
    static const char text[] =
        "version.txt          sos-version   -\n"           /* 1 ok */
        "etc/hostname         hostname\n"                  /* 2 too few */
        "# fine\n"                                         /* 3 */
        "/etc/passwd          hostname      -\n"           /* 4 absolute */
        "var/../../etc/shadow hostname      -\n"           /* 5 climbs */
        "a b c d e\n"                                      /* 6 too many */
        "proc/meminfo         meminfo       -\n"           /* 7 ok */
        "lonely\n";                                        /* 8 too few */
    tu_diag d;
    tu_diag_init(&d);
    rca_layout *l = (rca_layout *)&d; /* must stay untouched on failure */
    rca_err rc = rca_layout_parse("rules/layout.map", text, strlen(text), &d.d, &l);
    assert_int_equal(rc, RCA_ESYNTAX);
    assert_ptr_equal(l, (rca_layout *)&d);
    /* every bad line is reported, each with its own line number */
    static const unsigned lines[] = {2, 4, 5, 6, 8};
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), RCA_ARRAY_LEN(lines));
    for (size_t i = 0; i < RCA_ARRAY_LEN(lines); i++) {
        const tu_msg *m = &d.m[i];
        assert_int_equal(m->sev, RCA_DIAG_ERROR);
        assert_string_equal(m->where, "rules/layout.map");
        assert_int_equal(m->line, lines[i]);
        assert_true(m->col >= 1);
        assert_non_null(m->src);
    }
    assert_non_null(strstr(d.m[0].text, "<glob> <parser> <service>"));
    assert_non_null(strstr(d.m[1].text, "no leading '/'"));
    assert_non_null(strstr(d.m[2].text, ".."));
    assert_non_null(strstr(d.m[3].text, "too many fields"));
    assert_int_equal(d.m[3].col, 9); /* the fifth field, "e" */
    assert_string_equal(d.m[3].src, "a b c d e");
    assert_int_equal(d.d.errors, RCA_ARRAY_LEN(lines));
    tu_diag_free(&d);
}

static void test_layout_load(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    tu_write_str(dir, "layout.map", test_layout);
    char *p = tu_path(dir, "layout.map");
    tu_diag d;
    tu_diag_init(&d);
    rca_layout *l = NULL;
    assert_int_equal(rca_layout_load(p, &d.d, &l), RCA_OK);
    assert_non_null(rca_layout_classify(l, "etc/nova/nova.conf"));
    rca_layout_free(l);
    char *missing = tu_path(dir, "nope.map");
    l = NULL;
    assert_int_equal(rca_layout_load(missing, &d.d, &l), RCA_EIO);
    assert_null(l);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "cannot open");
    assert_string_equal(m->where, missing);
    tu_diag_free(&d);
    free(missing);
    free(p);
    tu_rmtree(dir);
    free(dir);
}

/* ------------------------------------------------------------------ path handling */

typedef struct norm_row {
    const char *in, *out; /* out NULL: refused */
} norm_row;

static const norm_row norm_rows[] = {
    {"sosreport-x/var/log/nova/nova-compute.log", "sosreport-x/var/log/nova/nova-compute.log"},
    {"./sosreport-x/./var//log/", "sosreport-x/var/log"},
    {"/etc/hostname", "etc/hostname"},
    {"a/b/../c", "a/c"},
    {"a/b/..", "a"},
    {"a/..", ""},
    {".", ""},
    {"", ""},
    {"../etc/passwd", NULL},
    {"a/../../etc/passwd", NULL},
    {"sosreport-x/../../evil", NULL},
    {"..", NULL},
    {"a/...", "a/..."},
    {"a/..b", "a/..b"},
};

static void test_path_normalise(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(norm_rows); i++) {
        char out[256];
        memset(out, 'Z', sizeof out);
        int r = path_normalise(norm_rows[i].in, out);
        if (!norm_rows[i].out) {
            if (r != -1)
                fail_msg("\"%s\" should be refused", norm_rows[i].in);
            continue;
        }
        if (r != 0 || strcmp(out, norm_rows[i].out) != 0)
            fail_msg("\"%s\": expected \"%s\"", norm_rows[i].in, norm_rows[i].out);
    }
}

typedef struct name_row {
    const char *in, *out;
} name_row;

static const name_row name_rows[] = {
    {"sosreport-cmp-1-2025-05-02-abcdefg.tar.xz", "sosreport-cmp-1-2025-05-02-abcdefg"},
    {"/data/case/sosreport-cmp-1-2025-05-02-abcdefg.tar.gz", "sosreport-cmp-1-2025-05-02-abcdefg"},
    {"sosreport-a.tar", "sosreport-a"},
    {"sosreport-a.tgz", "sosreport-a"},
    {"sosreport-a.txz", "sosreport-a"},
    {"sosreport-a.tar.bz2", "sosreport-a"},
    {"sosreport-a.tbz2", "sosreport-a"},
    {"sosreport-a.tar.zst", "sosreport-a"},
    {"sosreport-a.tzst", "sosreport-a"},
    {"sosreport-a.tar.lz4", "sosreport-a"},
    /* an encrypted archive or a checksum is not a report archive: the name stays */
    {"sosreport-a.tar.xz.gpg", "sosreport-a.tar.xz.gpg"},
    {"sosreport-a.tar.xz.sha256", "sosreport-a.tar.xz.sha256"},
    {"cases/12345/sosreport-cmp-1-2025-05-02-abcdefg", "sosreport-cmp-1-2025-05-02-abcdefg"},
    /* a folder given with a trailing slash (shell completion adds one) */
    {"cases/12345/sosreport-cmp-1-2025-05-02-abcdefg/", "sosreport-cmp-1-2025-05-02-abcdefg"},
};

static void test_report_name(void **state)
{
    (void)state;
    rca_buf b;
    rca_buf_init(&b);
    int bad = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(name_rows); i++) {
        assert_int_equal(rca_ingest_report_name(name_rows[i].in, &b), RCA_OK);
        const char *got = b.p ? b.p : "(null)";
        if (strcmp(got, name_rows[i].out) != 0) {
            print_error("report name of \"%s\": expected \"%s\", got \"%s\"\n", name_rows[i].in,
                        name_rows[i].out, got);
            bad++;
        }
    }
    rca_buf_free(&b);
    assert_int_equal(bad, 0);
}

static void test_pathset(void **state)
{
    (void)state;
    pathset s;
    assert_int_equal(pathset_init(&s), 0);
    assert_int_equal(pathset_add_with_parents(&s, "var/log/nova/nova-compute.log"), 0);
    assert_true(pathset_has(&s, "var/log/nova/nova-compute.log"));
    assert_true(pathset_has(&s, "var/log/nova"));
    assert_true(pathset_has(&s, "var/log"));
    assert_true(pathset_has(&s, "var"));
    assert_false(pathset_has(&s, "var/log/nova/nova-compute"));
    assert_false(pathset_has(&s, "var/lo"));
    assert_false(pathset_has(&s, ""));
    /* many paths: the table grows and keeps every one */
    char p[64];
    for (int i = 0; i < 5000; i++) {
        snprintf(p, sizeof p, "d%d/f%d", i % 37, i);
        assert_int_equal(pathset_add_with_parents(&s, p), 0);
    }
    for (int i = 0; i < 5000; i++) {
        snprintf(p, sizeof p, "d%d/f%d", i % 37, i);
        assert_true(pathset_has(&s, p));
        snprintf(p, sizeof p, "d%d/f%d", (i + 1) % 37, i);
        if ((i + 1) % 37 != i % 37)
            assert_false(pathset_has(&s, p));
    }
    pathset_fini(&s);
}

/* ------------------------------------------------------------------ lines */

/* Lines of `data` as the reader hands them out (from a file descriptor), each followed by '\n'. */
static char *reader_lines(const char *data, size_t n, size_t *out_len)
{
    char *dir = tu_mkdtemp();
    tu_write(dir, "log", data, n);
    char *path = tu_path(dir, "log");
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    rca_limits lim = rca_limits_default();
    int64_t total = 0;
    rca_reader r;
    reader_init(&r, &lim, NULL, "b", "log", &total);
    r.fd = fd;
    rca_buf b;
    rca_buf_init(&b);
    const char *line;
    size_t len;
    while (rca_reader_getline(&r, &line, &len) == RCA_OK && line) {
        assert_int_equal(rca_buf_add(&b, line, len), RCA_OK);
        assert_int_equal(rca_buf_addc(&b, '\n'), RCA_OK);
    }
    reader_fini(&r);
    close(fd);
    tu_rmtree(dir);
    free(dir);
    free(path);
    *out_len = b.n;
    return b.p ? rca_buf_take(&b) : strdup("");
}

/* "\r\n" ends a line like "\n" (the '\r' is not part of the line), also when a block ends
 * between the two; a '\r' anywhere else is kept. */
static void test_reader_crlf(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a\r\nb\r\n", "a\nb\n"},
        {"a\r\n\r\n\r\nb", "a\n\n\nb\n"},
        {"lone\rcr\n", "lone\rcr\n"},
        {"two\r\r\n", "two\r\n"},
        {"no newline at the end\r", "no newline at the end\r\n"},
        {"\r", "\r\n"},
        {"mixed\nends\r\nhere\n", "mixed\nends\nhere\n"},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        size_t n;
        char *got = reader_lines(cases[i].in, strlen(cases[i].in), &n);
        if (n != strlen(cases[i].out) || memcmp(got, cases[i].out, n) != 0)
            fail_msg("case %zu: lines differ from what was expected", i);
        free(got);
    }
    /* the '\r' is the last byte of the reader's first block (256 KiB), the '\n' the first of the
     * next: a line carried across blocks */
    size_t big = 256 * 1024;
    char *data = malloc(big + 8);
    assert_non_null(data);
    memset(data, 'x', big - 1);
    memcpy(data + big - 1, "\r\nnext\r\n", 9);
    size_t n;
    char *got = reader_lines(data, big + 7, &n);
    assert_int_equal(n, big - 1 + 1 + 5);
    assert_int_equal(got[big - 2], 'x');
    assert_memory_equal(got + big - 1, "\nnext\n", 6);
    free(got);
    free(data);
}

/* ------------------------------------------------------------------ building bundles */

enum { N_FILE, N_DIR, N_LINK };

typedef struct node {
    int kind;
    char *path;
    char *data;
    size_t len;
    char *target;
} node;

typedef struct tree {
    node *n;
    size_t count, cap;
} tree;

static node *tree_add(tree *t, int kind, const char *path)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->n = realloc(t->n, t->cap * sizeof *t->n);
        assert_non_null(t->n);
    }
    node *x = &t->n[t->count++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->path = strdup(path);
    assert_non_null(x->path);
    return x;
}

static void tree_file(tree *t, const char *path, const void *data, size_t len)
{
    node *x = tree_add(t, N_FILE, path);
    x->data = malloc(len + 1);
    assert_non_null(x->data);
    if (len)
        memcpy(x->data, data, len);
    x->len = len;
}

static void tree_text(tree *t, const char *path, const char *s)
{
    tree_file(t, path, s, strlen(s));
}

static void tree_link(tree *t, const char *path, const char *target)
{
    node *x = tree_add(t, N_LINK, path);
    x->target = strdup(target);
    assert_non_null(x->target);
}

static void tree_dir(tree *t, const char *path)
{
    tree_add(t, N_DIR, path);
}

static void tree_free(tree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->n[i].path);
        free(t->n[i].data);
        free(t->n[i].target);
    }
    free(t->n);
    memset(t, 0, sizeof *t);
}

enum { F_NONE, F_GZIP, F_XZ, F_ZSTD, F_BZIP2 };
static const char *const filter_suffix[] = {".tar", ".tar.gz", ".tar.xz", ".tar.zst", ".tar.bz2"};

static void add_filter(struct archive *a, int filter)
{
    int r = ARCHIVE_OK;
    switch (filter) {
    case F_NONE: r = archive_write_add_filter_none(a); break;
    case F_GZIP: r = archive_write_add_filter_gzip(a); break;
    case F_XZ: r = archive_write_add_filter_xz(a); break;
    case F_ZSTD: r = archive_write_add_filter_zstd(a); break;
    case F_BZIP2: r = archive_write_add_filter_bzip2(a); break;
    }
    if (r != ARCHIVE_OK)
        fail_msg("libarchive cannot write filter %d: %s", filter, archive_error_string(a));
}

/* Write t as a tar (every path prefixed with `prefix`) compressed with `filter`. */
static void write_archive(const char *file, const tree *t, const char *prefix, int filter)
{
    struct archive *a = archive_write_new();
    assert_non_null(a);
    assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
    add_filter(a, filter);
    if (archive_write_open_filename(a, file) != ARCHIVE_OK)
        fail_msg("cannot write %s: %s", file, archive_error_string(a));
    if (prefix[0]) {
        /* the top folder's own entry comes first, as tar writes it */
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, prefix);
        archive_entry_set_filetype(e, AE_IFDIR);
        archive_entry_set_perm(e, 0755);
        archive_entry_set_mtime(e, MTIME, 0);
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        archive_entry_free(e);
    }
    for (size_t i = 0; i < t->count; i++) {
        const node *x = &t->n[i];
        struct archive_entry *e = archive_entry_new();
        char path[1024];
        snprintf(path, sizeof path, "%s%s", prefix, x->path);
        archive_entry_set_pathname(e, path);
        archive_entry_set_mtime(e, MTIME, 0);
        if (x->kind == N_FILE) {
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_perm(e, 0644);
            archive_entry_set_size(e, (la_int64_t)x->len);
        } else if (x->kind == N_DIR) {
            archive_entry_set_filetype(e, AE_IFDIR);
            archive_entry_set_perm(e, 0755);
        } else {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_perm(e, 0777);
            archive_entry_set_symlink(e, x->target);
        }
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        if (x->kind == N_FILE && x->len)
            assert_int_equal(archive_write_data(a, x->data, x->len), (la_ssize_t)x->len);
        archive_entry_free(e);
    }
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
}

/* The same tree as files, folders and symlinks under dir (mtimes set like the archive's). */
static void write_tree(const char *dir, const tree *t)
{
    for (size_t i = 0; i < t->count; i++) {
        const node *x = &t->n[i];
        char *p = tu_path(dir, x->path);
        if (x->kind == N_FILE) {
            tu_write(dir, x->path, x->data, x->len);
        } else if (x->kind == N_DIR) {
            tu_mkparents(dir, x->path);
            if (mkdir(p, 0755) != 0 && errno != EEXIST)
                fail_msg("mkdir %s", p);
        } else {
            tu_symlink(dir, x->path, x->target);
        }
        if (x->kind == N_FILE) {
            struct timeval tv[2] = {{MTIME, 0}, {MTIME, 0}};
            assert_int_equal(utimes(p, tv), 0);
        }
        free(p);
    }
}

/* gzip bytes in memory (libarchive's raw format with the gzip filter); caller frees. */
static unsigned char *gzip_bytes(const char *data, size_t len, size_t *outlen)
{
    size_t cap = len + 4096;
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    struct archive *a = archive_write_new();
    assert_int_equal(archive_write_set_format_raw(a), ARCHIVE_OK);
    assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
    archive_write_set_bytes_in_last_block(a, 1);
    size_t used = 0;
    assert_int_equal(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, "data");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)len);
    assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
    assert_int_equal(archive_write_data(a, data, len), (la_ssize_t)len);
    archive_entry_free(e);
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    assert_true(used > 18 && buf[0] == 0x1f && buf[1] == 0x8b);
    *outlen = used;
    return buf;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    rca_buf b;
    rca_buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        assert_int_equal(rca_buf_add(&b, tmp, n), RCA_OK);
    fclose(f);
    *len = b.n;
    return rca_buf_take(&b);
}

/* ------------------------------------------------------------------ the report every test reads */

#define LINE_LIMIT 100

typedef struct fixture {
    char *dir;        /* scratch folder */
    rca_layout *layout;
    tree report;      /* the main report's content */
    char *big_text;   /* expected text of var/log/nova/big.log as read (long line cut) */
    size_t big_lines;
    rca_limits lim;
} fixture;

static void big_log(fixture *fx)
{
    rca_buf raw, want;
    rca_buf_init(&raw);
    rca_buf_init(&want);
    fx->big_lines = 30000;
    for (size_t i = 0; i < fx->big_lines; i++) {
        if (i == 12345) {
            /* a line far over the limit, spanning several blocks of the stream */
            char huge[200001];
            memset(huge, 'X', sizeof huge - 1);
            huge[sizeof huge - 1] = '\0';
            rca_buf_printf(&raw, "%s\n", huge);
            rca_buf_printf(&want, "%.*s\n", LINE_LIMIT, huge);
            continue;
        }
        int pad = (int)((i * 7919) % 40);
        rca_buf_printf(&raw, "2025-05-02 10:%02zu:%02zu.%03zu 4711 INFO nova.x [-] line %06zu %.*s\n",
                       (i / 60) % 60, i % 60, i % 1000, i, pad, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
        rca_buf_printf(&want, "2025-05-02 10:%02zu:%02zu.%03zu 4711 INFO nova.x [-] line %06zu %.*s\n",
                       (i / 60) % 60, i % 60, i % 1000, i, pad, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
    }
    tree_file(&fx->report, "var/log/nova/big.log", raw.p, raw.n);
    fx->big_text = rca_buf_take(&want);
    rca_buf_free(&raw);
}

#define COMPUTE_LOG                                                                                \
    "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [-] Starting instance...\n"           \
    "2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for vif\n"       \
    "2025-05-02 10:20:30.001 4711 INFO nova.compute.manager [-] no newline at the end"

static void build_report(fixture *fx)
{
    tree *t = &fx->report;
    tree_dir(t, "sos_commands");
    tree_dir(t, "sos_commands/host");
    tree_text(t, "version.txt", "sosreport: 4.5.6\n");
    tree_link(t, "hostname", "sos_commands/host/hostname");
    tree_text(t, "sos_commands/host/hostname", "cmp-1.example.com\n");
    tree_text(t, "sos_commands/kernel/uname_-a", "Linux cmp-1 5.14.0 x86_64\n");
    /* a wanted link leaving the report, and an unwanted one */
    tree_link(t, "etc/hostname", "../../etc/hostname");
    tree_link(t, "etc/evil", "../../etc/passwd");
    /* a wanted link to nothing */
    tree_link(t, "sos_commands/general/hostname", "missing");
    /* a wanted link whose target the layout does not know: read under the link's name */
    tree_link(t, "etc/nova/nova.conf", "/var/lib/config-data/nova/etc/nova/nova.conf");
    tree_text(t, "var/lib/config-data/nova/etc/nova/nova.conf", "[DEFAULT]\nhost = cmp-1\n");
    tree_dir(t, "var/log/nova");
    tree_text(t, "var/log/nova/nova-compute.log", COMPUTE_LOG);
    size_t gzlen;
    unsigned char *gz = gzip_bytes("old line 1\nold line 2\n", 22, &gzlen);
    tree_file(t, "var/log/nova/nova-compute.log.1.gz", gz, gzlen);
    free(gz);
    tree_text(t, "var/log/nova/crlf.log", "one\r\ntwo\r\n\r\nfour");
    char lng[1024];
    snprintf(lng, sizeof lng, "short\n%0250d\nafter\n%0300d", 0, 0);
    tree_text(t, "var/log/nova/long.log", lng);
    tree_text(t, "var/log/nova/empty.log", "");
    big_log(fx);
    tree_text(t, "sos_strings/openstack_nova/var.log.nova.nova-api.log.tailed", "tail 1\ntail 2\n");
    tree_link(t, "a/loop1", "loop2");
    tree_link(t, "a/loop2", "loop1");
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->dir = tu_mkdtemp();
    fx->layout = layout_ok(test_layout);
    fx->lim = rca_limits_default();
    fx->lim.max_line_bytes = LINE_LIMIT;
    build_report(fx);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    tu_rmtree(fx->dir);
    free(fx->dir);
    rca_layout_free(fx->layout);
    tree_free(&fx->report);
    free(fx->big_text);
    free(fx);
    return 0;
}

/* ------------------------------------------------------------------ recording visitor */

typedef struct ventry {
    char *report, *path, *via, *parser, *service;
    int decompressed, truncated;
    int64_t size, mtime;
    char *text; /* lines read with rca_reader_getline, each followed by '\n'; or slurped bytes */
    size_t textlen;
    size_t nlines;
    rca_err rc;
} ventry;

typedef struct vlink {
    char *report, *path, *target, *resolved, *status;
} vlink;

typedef struct vrec {
    const rca_layout *layout;
    char *events;       /* "begin R\nend\n..." */
    rca_buf ev;
    char *cur;          /* current report */
    int open;           /* a report has begun and not ended */
    int misplaced;      /* entries or links outside a report, or naming another report */
    ventry *e;
    size_t ne, cape;
    vlink *l;
    size_t nl, capl;
    size_t nbegin;
} vrec;

static char *dup0(const char *s)
{
    return s ? strdup(s) : NULL;
}

static rca_err v_begin(void *ctx, const char *bundle, const char *report)
{
    vrec *v = ctx;
    if (v->open || !bundle)
        v->misplaced++;
    v->open = 1;
    v->nbegin++;
    free(v->cur);
    v->cur = strdup(report);
    rca_buf_printf(&v->ev, "begin %s\n", report);
    return RCA_OK;
}

static rca_err v_end(void *ctx)
{
    vrec *v = ctx;
    if (!v->open)
        v->misplaced++;
    v->open = 0;
    rca_buf_printf(&v->ev, "end %s\n", v->cur ? v->cur : "?");
    return RCA_OK;
}

static const rca_layout_class *v_want(void *ctx, const rca_entry *e)
{
    vrec *v = ctx;
    /* asked before the report begins (a report begins at its first wanted entry) */
    if (!e->report || !e->bundle || !e->path)
        v->misplaced++;
    return rca_layout_classify(v->layout, e->path);
}

static rca_err v_entry(void *ctx, const rca_entry *e, const rca_layout_class *cls, rca_reader *r)
{
    vrec *v = ctx;
    if (!v->open || strcmp(e->report, v->cur) != 0)
        v->misplaced++;
    if (v->ne == v->cape) {
        v->cape = v->cape ? v->cape * 2 : 16;
        v->e = realloc(v->e, v->cape * sizeof *v->e);
    }
    ventry *x = &v->e[v->ne++];
    memset(x, 0, sizeof *x);
    x->report = dup0(e->report);
    x->path = dup0(e->path);
    x->via = dup0(e->via);
    x->parser = dup0(cls->parser);
    x->service = dup0(cls->service);
    x->decompressed = e->decompressed;
    x->size = e->size;
    x->mtime = e->mtime;
    rca_buf b;
    rca_buf_init(&b);
    rca_err rc = RCA_OK;
    if (strcmp(cls->parser, "log") == 0) {
        const char *line;
        size_t len;
        while ((rc = rca_reader_getline(r, &line, &len)) == RCA_OK && line) {
            if (memchr(line, '\n', len))
                v->misplaced += 1000; /* a line never holds its newline */
            rca_buf_add(&b, line, len);
            rca_buf_addc(&b, '\n');
            x->nlines++;
        }
    } else {
        rc = rca_reader_slurp(r, &b, 1 << 20, &x->truncated);
    }
    x->rc = rc;
    x->textlen = b.n;
    x->text = rca_buf_take(&b);
    return rc;
}

static rca_err v_link(void *ctx, const char *path, const char *target, const char *resolved,
                      const char *status)
{
    vrec *v = ctx;
    if (!v->open)
        v->misplaced++;
    if (v->nl == v->capl) {
        v->capl = v->capl ? v->capl * 2 : 16;
        v->l = realloc(v->l, v->capl * sizeof *v->l);
    }
    vlink *x = &v->l[v->nl++];
    x->report = dup0(v->cur);
    x->path = dup0(path);
    x->target = dup0(target);
    x->resolved = dup0(resolved);
    x->status = dup0(status);
    return RCA_OK;
}

static void vrec_init(vrec *v, const rca_layout *l)
{
    memset(v, 0, sizeof *v);
    v->layout = l;
    rca_buf_init(&v->ev);
}

static void vrec_free(vrec *v)
{
    for (size_t i = 0; i < v->ne; i++) {
        ventry *x = &v->e[i];
        free(x->report);
        free(x->path);
        free(x->via);
        free(x->parser);
        free(x->service);
        free(x->text);
    }
    for (size_t i = 0; i < v->nl; i++) {
        vlink *x = &v->l[i];
        free(x->report);
        free(x->path);
        free(x->target);
        free(x->resolved);
        free(x->status);
    }
    free(v->e);
    free(v->l);
    free(v->cur);
    rca_buf_free(&v->ev);
}

static rca_ingest_visitor visitor_of(vrec *v)
{
    rca_ingest_visitor vis = {v_begin, v_end, v_want, v_entry, v_link, v};
    return vis;
}

/* Ingest one bundle with a fresh recorder and diag; *partial is freed by the caller. */
static rca_err ingest(const fixture *fx, const char *bundle, const rca_limits *lim, vrec *v,
                      tu_diag *d, char **partial)
{
    vrec_init(v, fx->layout);
    tu_diag_init(d);
    rca_ingest_visitor vis = visitor_of(v);
    return rca_ingest_bundle(bundle, lim ? lim : &fx->lim, &vis, &d->d, partial);
}

static const ventry *find_entry(const vrec *v, const char *report, const char *path)
{
    for (size_t i = 0; i < v->ne; i++)
        if (strcmp(v->e[i].path, path) == 0 && (!report || strcmp(v->e[i].report, report) == 0))
            return &v->e[i];
    return NULL;
}

static const vlink *find_link(const vrec *v, const char *path)
{
    for (size_t i = 0; i < v->nl; i++)
        if (strcmp(v->l[i].path, path) == 0)
            return &v->l[i];
    return NULL;
}

static const ventry *expect_entry(const vrec *v, const char *report, const char *path)
{
    const ventry *e = find_entry(v, report, path);
    if (!e) {
        for (size_t i = 0; i < v->ne; i++)
            print_message("  visited: %s: %s\n", v->e[i].report, v->e[i].path);
        fail_msg("entry %s was not visited", path);
    }
    return e;
}

static int str_eq0(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Text of an entry without the '\r' before each line end (a CRLF file's lines may keep it). */
static char *without_cr(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    assert_non_null(o);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            o[k++] = s[i];
    o[k] = '\0';
    return o;
}

/* ------------------------------------------------------------------ checks on the main report */

/* Everything a user expects from the main report, whatever the bundle's form. */
static void check_main_report(const fixture *fx, const vrec *v, const tu_diag *d,
                              const char *report_prefix)
{
    if (v->misplaced)
        fail_msg("%d visits outside their report (or lines holding '\\n')", v->misplaced);
    rca_buf want;
    rca_buf_init(&want);
    rca_buf_printf(&want, "begin %s\nend %s\n", R1, R1);
    assert_string_equal(v->ev.p, want.p);
    rca_buf_free(&want);

    const ventry *e;
    e = expect_entry(v, R1, "version.txt");
    assert_string_equal(e->parser, "sos-version");
    assert_string_equal(e->text, "sosreport: 4.5.6\n");
    assert_int_equal(e->truncated, 0);
    assert_null(e->via);
    assert_int_equal(e->size, 17);
    assert_int_equal(e->mtime, MTIME);
    e = expect_entry(v, R1, "sos_commands/host/hostname");
    assert_string_equal(e->text, "cmp-1.example.com\n");
    /* a link whose own name the layout knows carries its target's content */
    e = expect_entry(v, R1, "etc/nova/nova.conf");
    assert_string_equal(e->parser, "nova-conf");
    assert_string_equal(e->via, "var/lib/config-data/nova/etc/nova/nova.conf");
    assert_string_equal(e->text, "[DEFAULT]\nhost = cmp-1\n");
    assert_null(find_entry(v, NULL, "var/lib/config-data/nova/etc/nova/nova.conf"));
    /* log lines: the last one has no newline in the file */
    e = expect_entry(v, R1, "var/log/nova/nova-compute.log");
    assert_string_equal(e->service, "nova-compute");
    assert_int_equal(e->decompressed, 0);
    assert_int_equal(e->nlines, 3);
    assert_string_equal(e->text, COMPUTE_LOG "\n");
    /* a rotated, gzipped log is read decompressed */
    e = expect_entry(v, R1, "var/log/nova/nova-compute.log.1.gz");
    assert_string_equal(e->service, "nova-compute");
    assert_int_equal(e->decompressed, 1);
    assert_int_equal(e->nlines, 2);
    assert_string_equal(e->text, "old line 1\nold line 2\n");
    /* CRLF: one line per CRLF, an empty line kept, the last line without an end */
    e = expect_entry(v, R1, "var/log/nova/crlf.log");
    assert_int_equal(e->nlines, 4);
    char *plain = without_cr(e->text, e->textlen);
    assert_string_equal(plain, "one\ntwo\n\nfour\n");
    free(plain);
    /* lines over the limit are cut at the limit, the next line is intact */
    e = expect_entry(v, R1, "var/log/nova/long.log");
    assert_int_equal(e->nlines, 4);
    char lw[1024];
    snprintf(lw, sizeof lw, "short\n%0100d\nafter\n%0100d\n", 0, 0);
    assert_string_equal(e->text, lw);
    e = expect_entry(v, R1, "var/log/nova/empty.log");
    assert_int_equal(e->nlines, 0);
    assert_int_equal(e->textlen, 0);
    assert_int_equal(e->size, 0);
    /* a big file: every line, across every block boundary */
    e = expect_entry(v, R1, "var/log/nova/big.log");
    assert_int_equal(e->nlines, fx->big_lines);
    assert_int_equal(e->textlen, strlen(fx->big_text));
    assert_true(strcmp(e->text, fx->big_text) == 0);
    /* sos's tail copy, found through the mangled glob */
    e = expect_entry(v, R1, "sos_strings/openstack_nova/var.log.nova.nova-api.log.tailed");
    assert_string_equal(e->service, "nova-other");
    assert_string_equal(e->text, "tail 1\ntail 2\n");
    /* nothing else: not the unwanted files, not the dangling or outside links */
    assert_null(find_entry(v, NULL, "sos_commands/kernel/uname_-a"));
    assert_null(find_entry(v, NULL, "etc/hostname"));
    assert_null(find_entry(v, NULL, "sos_commands/general/hostname"));
    assert_int_equal(v->ne, 10);

    /* links, each with its status */
    const vlink *l;
    assert_non_null(l = find_link(v, "hostname"));
    assert_string_equal(l->status, "ok");
    assert_string_equal(l->target, "sos_commands/host/hostname");
    assert_string_equal(l->resolved, "sos_commands/host/hostname");
    assert_non_null(l = find_link(v, "etc/hostname"));
    assert_string_equal(l->status, "outside");
    assert_null(l->resolved);
    assert_non_null(l = find_link(v, "etc/evil"));
    assert_string_equal(l->status, "outside");
    assert_string_equal(l->target, "../../etc/passwd");
    assert_null(l->resolved);
    assert_non_null(l = find_link(v, "sos_commands/general/hostname"));
    assert_string_equal(l->status, "dangling");
    assert_string_equal(l->resolved, "sos_commands/general/missing");
    assert_non_null(l = find_link(v, "etc/nova/nova.conf"));
    assert_string_equal(l->status, "ok");
    assert_string_equal(l->resolved, "var/lib/config-data/nova/etc/nova/nova.conf");
    assert_non_null(l = find_link(v, "a/loop1"));
    assert_string_equal(l->status, "loop");
    assert_non_null(l = find_link(v, "a/loop2"));
    assert_string_equal(l->status, "loop");
    assert_int_equal(v->nl, 7);

    /* what the user is told: the wanted link leaving the report, and each file with a line cut
     * once (the line number is checked by test_long_line_numbers) */
    /* named with its report (report_prefix) when the bundle holds the report (test_entry_names) */
    const tu_msg *m = tu_diag_expect(d, RCA_DIAG_WARNING, "points outside the report");
    char want_entry[256];
    snprintf(want_entry, sizeof want_entry, "%setc/hostname", report_prefix);
    assert_string_equal(m->entry, want_entry);
    size_t cut_long = 0, cut_big = 0;
    for (size_t i = 0; i < d->n; i++) {
        const tu_msg *x = &d->m[i];
        if (!strstr(x->text, "line longer than 100 bytes"))
            continue;
        assert_non_null(x->entry);
        assert_int_equal(x->sev, RCA_DIAG_WARNING);
        const char *in = strncmp(x->entry, R1 "/", strlen(R1) + 1) == 0 ? x->entry + strlen(R1) + 1
                                                                         : x->entry;
        if (strcmp(in, "var/log/nova/long.log") == 0)
            cut_long++;
        else if (strcmp(in, "var/log/nova/big.log") == 0)
            cut_big++;
        else
            fail_msg("a line cut reported for %s", x->entry);
    }
    assert_int_equal(cut_long, 1);
    assert_int_equal(cut_big, 1);
    assert_int_equal(tu_diag_count(d, RCA_DIAG_ERROR), 0);
}

static char *main_archive(fixture *fx, int filter)
{
    char name[256];
    snprintf(name, sizeof name, "%s%s", R1, filter_suffix[filter]);
    char *file = tu_path(fx->dir, name);
    write_archive(file, &fx->report, R1 "/", filter);
    return file;
}

static void ingest_main_archive(fixture *fx, int filter)
{
    char *file = main_archive(fx, filter);
    vrec v;
    tu_diag d;
    char *partial = (char *)"untouched";
    rca_err rc = ingest(fx, file, NULL, &v, &d, &partial);
    if (rc != RCA_OK) {
        tu_diag_dump(&d);
        fail_msg("%s: %s (%s)", file, rca_err_str(rc), partial ? partial : "");
    }
    assert_null(partial);
    check_main_report(fx, &v, &d, "");
    vrec_free(&v);
    tu_diag_free(&d);
    unlink(file);
    free(file);
}

static void test_archive_none(void **state) { ingest_main_archive(*state, F_NONE); }
static void test_archive_gzip(void **state) { ingest_main_archive(*state, F_GZIP); }
static void test_archive_xz(void **state) { ingest_main_archive(*state, F_XZ); }
static void test_archive_zstd(void **state) { ingest_main_archive(*state, F_ZSTD); }
static void test_archive_bzip2(void **state) { ingest_main_archive(*state, F_BZIP2); }

/* An archive without a top folder (the report's own paths at the top) is one report named after
 * the bundle. */
static void test_archive_no_top_folder(void **state)
{
    fixture *fx = *state;
    /* only sos's own top-level names: a foreign top folder would name a report of its own */
    tree t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < fx->report.count; i++) {
        const node *x = &fx->report.n[i];
        if (strncmp(x->path, "a/", 2) == 0 || strcmp(x->path, "hostname") == 0)
            continue;
        if (x->kind == N_FILE)
            tree_file(&t, x->path, x->data, x->len);
        else if (x->kind == N_LINK)
            tree_link(&t, x->path, x->target);
        else
            tree_dir(&t, x->path);
    }
    char *file = tu_path(fx->dir, R1 ".tar.gz");
    write_archive(file, &t, "", F_GZIP);
    vrec v;
    tu_diag d;
    char *partial = NULL;
    assert_int_equal(ingest(fx, file, NULL, &v, &d, &partial), RCA_OK);
    assert_int_equal(v.misplaced, 0);
    assert_string_equal(v.ev.p, "begin " R1 "\nend " R1 "\n");
    assert_int_equal(v.ne, 10);
    assert_string_equal(expect_entry(&v, R1, "sos_commands/host/hostname")->text, "cmp-1.example.com\n");
    assert_string_equal(expect_entry(&v, R1, "etc/nova/nova.conf")->via,
                        "var/lib/config-data/nova/etc/nova/nova.conf");
    assert_string_equal(expect_entry(&v, R1, "var/log/nova/big.log")->text, fx->big_text);
    assert_int_equal(v.nl, 4);
    vrec_free(&v);
    tu_diag_free(&d);
    tree_free(&t);
    free(file);
}

/* The warning about a cut line names the line that was cut: line 2 of long.log (cut inside one
 * block) and line 12346 of big.log (a 200 kB line spanning blocks). Problems go to `why`. */
static void check_cut_lines(const tu_diag *d, const char *what, char *why, size_t whysz)
{
    int seen = 0;
    for (size_t i = 0; i < d->n; i++) {
        const tu_msg *x = &d->m[i];
        if (!strstr(x->text, "line longer than") || !x->entry)
            continue;
        seen++;
        unsigned want = strcmp(x->entry, "var/log/nova/long.log") == 0 ? 2 : 12346;
        size_t used = strlen(why);
        if (x->line != want)
            snprintf(why + used, whysz - used,
                     "%s: %s: the cut is reported at line %u; the long line is line %u. ", what,
                     x->entry, x->line, want);
    }
    if (seen != 2 && !why[0])
        snprintf(why, whysz, "%s: %d line cuts reported, expected 2", what, seen);
}

static void test_long_line_numbers(void **state)
{
    fixture *fx = *state;
    char *file = main_archive(fx, F_NONE);
    char *rep = tu_path(fx->dir, R1);
    assert_int_equal(mkdir(rep, 0755), 0);
    write_tree(rep, &fx->report);
    vrec va, vd;
    tu_diag da, dd;
    char *partial = NULL;
    assert_int_equal(ingest(fx, file, NULL, &va, &da, &partial), RCA_OK);
    assert_int_equal(ingest(fx, rep, NULL, &vd, &dd, &partial), RCA_OK);
    char why[512] = "";
    check_cut_lines(&da, "archive", why, sizeof why);
    check_cut_lines(&dd, "folder", why, sizeof why);
    vrec_free(&va);
    vrec_free(&vd);
    tu_diag_free(&da);
    tu_diag_free(&dd);
    free(rep);
    free(file);
    if (why[0])
        fail_msg("%s", why);
}

/* ------------------------------------------------------------------ an unpacked folder */

static int cmp_ventry(const void *a, const void *b)
{
    const ventry *x = a, *y = b;
    int c = strcmp(x->report, y->report);
    return c ? c : strcmp(x->path, y->path);
}

static int cmp_vlink(const void *a, const void *b)
{
    const vlink *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* The two recordings saw the same entries with the same content, and the same links. */
static void same_visits(vrec *a, vrec *b)
{
    qsort(a->e, a->ne, sizeof *a->e, cmp_ventry);
    qsort(b->e, b->ne, sizeof *b->e, cmp_ventry);
    qsort(a->l, a->nl, sizeof *a->l, cmp_vlink);
    qsort(b->l, b->nl, sizeof *b->l, cmp_vlink);
    assert_int_equal(a->ne, b->ne);
    for (size_t i = 0; i < a->ne; i++) {
        const ventry *x = &a->e[i], *y = &b->e[i];
        if (strcmp(x->report, y->report) || strcmp(x->path, y->path) || !str_eq0(x->via, y->via) ||
            strcmp(x->parser, y->parser) || !str_eq0(x->service, y->service) ||
            x->decompressed != y->decompressed || x->size != y->size || x->mtime != y->mtime ||
            x->nlines != y->nlines || x->textlen != y->textlen ||
            memcmp(x->text, y->text, x->textlen) != 0)
            fail_msg("entry %s/%s differs from %s/%s", x->report, x->path, y->report, y->path);
    }
    assert_int_equal(a->nl, b->nl);
    for (size_t i = 0; i < a->nl; i++) {
        const vlink *x = &a->l[i], *y = &b->l[i];
        if (strcmp(x->path, y->path) || strcmp(x->target, y->target) ||
            !str_eq0(x->resolved, y->resolved) || strcmp(x->status, y->status))
            fail_msg("link %s differs from %s", x->path, y->path);
    }
    assert_string_equal(a->ev.p, b->ev.p);
}

static void test_folder_same_as_archive(void **state)
{
    fixture *fx = *state;
    char *top = tu_path(fx->dir, "unpacked");
    char *rep = tu_path(top, R1);
    assert_int_equal(mkdir(top, 0755), 0);
    assert_int_equal(mkdir(rep, 0755), 0);
    write_tree(rep, &fx->report);
    char *file = main_archive(fx, F_XZ);

    vrec va, vd, vp;
    tu_diag da, dd, dp;
    char *partial = NULL;
    assert_int_equal(ingest(fx, file, NULL, &va, &da, &partial), RCA_OK);
    /* the report folder itself */
    rca_err rc = ingest(fx, rep, NULL, &vd, &dd, &partial);
    if (rc) {
        tu_diag_dump(&dd);
        fail_msg("folder: %s", rca_err_str(rc));
    }
    check_main_report(fx, &vd, &dd, "");
    same_visits(&va, &vd);
    /* a folder holding the report folder */
    assert_int_equal(ingest(fx, top, NULL, &vp, &dp, &partial), RCA_OK);
    check_main_report(fx, &vp, &dp, R1 "/");
    /* where the bundle is the report, an entry is its path in the report; where the bundle
     * holds reports, the report's name comes first */
    assert_string_equal(tu_diag_expect(&da, RCA_DIAG_WARNING, "points outside")->entry, "etc/hostname");
    assert_string_equal(tu_diag_expect(&dd, RCA_DIAG_WARNING, "points outside")->entry, "etc/hostname");
    assert_string_equal(tu_diag_expect(&dp, RCA_DIAG_WARNING, "points outside")->entry, R1 "/etc/hostname");
    same_visits(&va, &vp);
    vrec_free(&va);
    vrec_free(&vd);
    vrec_free(&vp);
    tu_diag_free(&da);
    tu_diag_free(&dd);
    tu_diag_free(&dp);
    free(file);
    free(rep);
    free(top);
}

/* `sosrca analyze /cases/123/sosreport-cmp-1-.../` (a trailing slash, as shell completion writes
 * it): the host is still named after the folder. */
static void test_folder_trailing_slash(void **state)
{
    fixture *fx = *state;
    char *rep = tu_path(fx->dir, R1);
    assert_int_equal(mkdir(rep, 0755), 0);
    write_tree(rep, &fx->report);
    char *slashed = tu_path(rep, "");
    vrec v;
    tu_diag d;
    char *partial = NULL;
    rca_err rc = ingest(fx, slashed, NULL, &v, &d, &partial);
    char events[512];
    snprintf(events, sizeof events, "%s", v.ev.p ? v.ev.p : "");
    size_t ne = v.ne;
    vrec_free(&v);
    tu_diag_free(&d);
    free(partial);
    free(slashed);
    free(rep);
    assert_int_equal(rc, RCA_OK);
    assert_int_equal(ne, 10);
    assert_string_equal(events, "begin " R1 "\nend " R1 "\n");
}

/* ------------------------------------------------------------------ sos collect */

static tree small_report(const char *hostname, const char *logline)
{
    tree t;
    memset(&t, 0, sizeof t);
    tree_text(&t, "version.txt", "sosreport: 4.5.6\n");
    tree_text(&t, "sos_commands/host/hostname", hostname);
    tree_text(&t, "var/log/nova/nova-compute.log", logline);
    return t;
}

static void check_two_reports(const vrec *v, const char *ra, const char *rb)
{
    if (v->misplaced)
        fail_msg("%d visits outside their report", v->misplaced);
    rca_buf want;
    rca_buf_init(&want);
    rca_buf_printf(&want, "begin %s\nend %s\nbegin %s\nend %s\n", ra, ra, rb, rb);
    assert_string_equal(v->ev.p, want.p);
    rca_buf_free(&want);
    assert_int_equal(v->ne, 6);
    assert_string_equal(expect_entry(v, ra, "sos_commands/host/hostname")->text, "cmp-1\n");
    assert_string_equal(expect_entry(v, rb, "sos_commands/host/hostname")->text, "ctl-1\n");
    assert_string_equal(expect_entry(v, ra, "var/log/nova/nova-compute.log")->text, "on cmp-1\n");
    assert_string_equal(expect_entry(v, rb, "var/log/nova/nova-compute.log")->text, "on ctl-1\n");
    expect_entry(v, ra, "version.txt");
    expect_entry(v, rb, "version.txt");
}

#define RA "sosreport-cmp-1-2025-05-02-aaaaaaa"
#define RB "sosreport-ctl-1-2025-05-02-bbbbbbb"
#define COLLECT "sos-collector-2025-05-02-abcde"

/* Two report archives as files: (data, len) of each, in *a and *b. */
static void two_report_archives(fixture *fx, char **a, size_t *alen, char **b, size_t *blen)
{
    tree ta = small_report("cmp-1\n", "on cmp-1\n"), tb = small_report("ctl-1\n", "on ctl-1\n");
    char *fa = tu_path(fx->dir, RA ".tar.xz"), *fb = tu_path(fx->dir, RB ".tar.xz");
    write_archive(fa, &ta, RA "/", F_XZ);
    write_archive(fb, &tb, RB "/", F_XZ);
    *a = read_all(fa, alen);
    *b = read_all(fb, blen);
    unlink(fa);
    unlink(fb);
    free(fa);
    free(fb);
    tree_free(&ta);
    tree_free(&tb);
}

static void test_sos_collect(void **state)
{
    fixture *fx = *state;
    char *a, *b;
    size_t alen, blen;
    two_report_archives(fx, &a, &alen, &b, &blen);

    /* the shape sos collect makes: a folder holding the report archives and its own log */
    tree outer;
    memset(&outer, 0, sizeof outer);
    tree_dir(&outer, COLLECT);
    tree_text(&outer, COLLECT "/sos_logs/sos.log", "sos collect ran\n");
    tree_file(&outer, COLLECT "/" RA ".tar.xz", a, alen);
    tree_file(&outer, COLLECT "/" RB ".tar.xz", b, blen);
    char *file = tu_path(fx->dir, COLLECT ".tar");
    write_archive(file, &outer, "", F_NONE);
    vrec v;
    tu_diag d;
    char *partial = NULL;
    rca_err rc = ingest(fx, file, NULL, &v, &d, &partial);
    if (rc) {
        tu_diag_dump(&d);
        fail_msg("%s", rca_err_str(rc));
    }
    check_two_reports(&v, RA, RB);
    vrec_free(&v);
    tu_diag_free(&d);
    tree_free(&outer);

    /* the report archives at the top of a compressed tar */
    memset(&outer, 0, sizeof outer);
    tree_file(&outer, RA ".tar.xz", a, alen);
    tree_text(&outer, "manifest.json", "{}\n");
    tree_file(&outer, RB ".tar.xz", b, blen);
    char *file2 = tu_path(fx->dir, "collect-flat.tar.gz");
    write_archive(file2, &outer, "", F_GZIP);
    assert_int_equal(ingest(fx, file2, NULL, &v, &d, &partial), RCA_OK);
    check_two_reports(&v, RA, RB);
    vrec_free(&v);
    tu_diag_free(&d);
    tree_free(&outer);

    /* the report archives side by side in a folder */
    char *folder = tu_path(fx->dir, "case-123");
    assert_int_equal(mkdir(folder, 0755), 0);
    tu_write(folder, RA ".tar.xz", a, alen);
    tu_write(folder, RB ".tar.xz", b, blen);
    tu_write_str(folder, "notes.txt", "customer notes\n");
    assert_int_equal(ingest(fx, folder, NULL, &v, &d, &partial), RCA_OK);
    check_two_reports(&v, RA, RB);
    vrec_free(&v);
    tu_diag_free(&d);

    free(folder);
    free(file2);
    free(file);
    free(a);
    free(b);
}

/* ------------------------------------------------------------------ damaged and hostile bundles */

static void test_truncated_archive(void **state)
{
    fixture *fx = *state;
    tree t;
    memset(&t, 0, sizeof t);
    tree_text(&t, "version.txt", "sosreport: 4.5.6\n");
    tree_text(&t, "sos_commands/host/hostname", "cmp-1\n");
    tree_text(&t, "var/log/nova/nova-compute.log", COMPUTE_LOG);
    /* incompressible lines, so that half the file is half the data */
    rca_buf noise;
    rca_buf_init(&noise);
    unsigned long long x = 0x2545F4914F6CDD1DULL;
    for (int i = 0; i < 12000; i++) {
        char line[80];
        for (int k = 0; k < 64; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            line[k] = (char)('!' + x % 90);
        }
        line[64] = '\n';
        rca_buf_add(&noise, line, 65);
    }
    tree_file(&t, "var/log/nova/noise.log", noise.p, noise.n);
    tree_text(&t, "var/log/nova/after.log", "after the cut\n");
    rca_buf_free(&noise);
    char *file = tu_path(fx->dir, R1 ".tar.xz");
    write_archive(file, &t, R1 "/", F_XZ);
    size_t len;
    char *bytes = read_all(file, &len);
    assert_true(len > 400000);
    tu_write(fx->dir, R1 ".tar.xz", bytes, len / 2);
    free(bytes);

    vrec v;
    tu_diag d;
    char *partial = NULL;
    rca_err rc = ingest(fx, file, NULL, &v, &d, &partial);
    assert_int_equal(rc, RCA_EARCHIVE);
    assert_non_null(partial);
    if (!strstr(partial, R1 ".tar.xz"))
        fail_msg("partial message \"%s\" does not name the bundle", partial);
    /* entries before the cut were read whole, the one after was not */
    assert_string_equal(expect_entry(&v, R1, "version.txt")->text, "sosreport: 4.5.6\n");
    assert_string_equal(expect_entry(&v, R1, "sos_commands/host/hostname")->text, "cmp-1\n");
    assert_string_equal(expect_entry(&v, R1, "var/log/nova/nova-compute.log")->text, COMPUTE_LOG "\n");
    const ventry *n = find_entry(&v, R1, "var/log/nova/noise.log");
    if (n)
        assert_true(n->nlines < 12000);
    assert_null(find_entry(&v, NULL, "var/log/nova/after.log"));
    /* the report is still closed, and the damage was reported naming the bundle */
    assert_int_equal(v.open, 0);
    assert_int_equal(v.nbegin, 1);
    assert_int_equal(v.misplaced, 0);
    assert_true(tu_diag_count(&d, RCA_DIAG_WARNING) + tu_diag_count(&d, RCA_DIAG_ERROR) >= 1);
    int names_bundle = 0;
    for (size_t i = 0; i < d.n; i++)
        names_bundle |= d.m[i].where && strcmp(d.m[i].where, file) == 0;
    assert_true(names_bundle);
    free(partial);
    vrec_free(&v);
    tu_diag_free(&d);
    tree_free(&t);
    free(file);
}

static void check_unreadable(const fixture *fx, const char *file, const char *name)
{
    vrec v;
    tu_diag d;
    char *partial = NULL;
    rca_err rc = ingest(fx, file, NULL, &v, &d, &partial);
    if (rc != RCA_EIO && rc != RCA_EARCHIVE)
        fail_msg("%s: expected an I/O or archive error, got %s", name, rca_err_str(rc));
    assert_non_null(partial);
    if (!strstr(partial, name))
        fail_msg("message \"%s\" does not name %s", partial, name);
    assert_true(d.n >= 1);
    assert_true(strlen(d.m[0].text) > 0);
    assert_int_equal(v.nbegin, 0);
    assert_int_equal(v.ne, 0);
    free(partial);
    vrec_free(&v);
    tu_diag_free(&d);
}

static void test_unreadable_bundles(void **state)
{
    fixture *fx = *state;
    tu_write(fx->dir, "empty.tar.xz", "", 0);
    char *empty = tu_path(fx->dir, "empty.tar.xz");
    check_unreadable(fx, empty, "empty.tar.xz");
    tu_write_str(fx->dir, "notes.txt", "This is not an archive.\nJust some notes from the case.\n");
    char *text = tu_path(fx->dir, "notes.txt");
    check_unreadable(fx, text, "notes.txt");
    /* an archive holding nothing at all */
    tree t;
    memset(&t, 0, sizeof t);
    char *none = tu_path(fx->dir, "nothing.tar.gz");
    write_archive(none, &t, "", F_GZIP);
    check_unreadable(fx, none, "nothing.tar.gz");
    /* a path that does not exist */
    char *missing = tu_path(fx->dir, "missing.tar.xz");
    vrec v;
    tu_diag d;
    char *partial = NULL;
    assert_int_equal(ingest(fx, missing, NULL, &v, &d, &partial), RCA_EIO);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "cannot open");
    assert_string_equal(m->where, missing);
    free(partial);
    vrec_free(&v);
    tu_diag_free(&d);
    /* a folder with no report in it */
    char *nothing = tu_path(fx->dir, "no-report");
    assert_int_equal(mkdir(nothing, 0755), 0);
    tu_write_str(nothing, "readme", "x\n");
    assert_int_equal(ingest(fx, nothing, NULL, &v, &d, &partial), RCA_EIO);
    tu_diag_expect(&d, RCA_DIAG_ERROR, "no sos report");
    free(partial);
    vrec_free(&v);
    tu_diag_free(&d);
    free(nothing);
    free(missing);
    free(none);
    free(text);
    free(empty);
}

/* Entry names that would leave the bundle: an absolute path and '..' climbs. They are skipped with
 * a warning naming them; the report around them is one report, read whole. */
static void test_hostile_entry_names(void **state)
{
    fixture *fx = *state;
    tree t;
    memset(&t, 0, sizeof t);
    tree_text(&t, R1 "/version.txt", "sosreport: 4.5.6\n");
    tree_text(&t, "/etc/hostname", "evil-absolute\n");
    tree_text(&t, "../etc/hostname", "evil-dotdot\n");
    tree_text(&t, R1 "/../../sos_commands/host/hostname", "evil-climb\n");
    tree_text(&t, R1 "/sos_commands/host/hostname", "cmp-1\n");
    char *file = tu_path(fx->dir, "hostile.tar");
    write_archive(file, &t, "", F_NONE);
    vrec v;
    tu_diag d;
    char *partial = NULL;
    rca_err rc = ingest(fx, file, NULL, &v, &d, &partial);
    /* no host is invented for the absolute entry, and the report is not split in two */
    rca_buf want;
    rca_buf_init(&want);
    rca_buf_printf(&want, "begin %s\nend %s\n", R1, R1);
    if (strcmp(v.ev.p ? v.ev.p : "", want.p) != 0)
        print_error("reports seen:\n%s", v.ev.p ? v.ev.p : "(none)\n");
    int same = strcmp(v.ev.p ? v.ev.p : "", want.p) == 0;
    rca_buf_free(&want);
    /* no content of the hostile entries reaches the visitor */
    int leaked = 0;
    for (size_t i = 0; i < v.ne; i++) {
        if (strstr(v.e[i].text, "evil")) {
            print_error("hostile entry read as %s/%s: %s", v.e[i].report, v.e[i].path, v.e[i].text);
            leaked++;
        }
    }
    int warned_abs = 0, warned_dotdot = 0;
    for (size_t i = 0; i < d.n; i++) {
        if (d.m[i].sev != RCA_DIAG_WARNING || !d.m[i].entry)
            continue;
        warned_abs |= strcmp(d.m[i].entry, "/etc/hostname") == 0;
        warned_dotdot |= strcmp(d.m[i].entry, "../etc/hostname") == 0;
    }
    const ventry *h = find_entry(&v, R1, "sos_commands/host/hostname");
    int good_read = h && strcmp(h->text, "cmp-1\n") == 0;
    vrec_free(&v);
    tu_diag_free(&d);
    free(partial);
    tree_free(&t);
    free(file);
    assert_int_equal(rc, RCA_OK);
    assert_true(good_read);
    assert_true(warned_dotdot);
    assert_int_equal(leaked, 0);
    assert_true(same);
    assert_true(warned_abs);
}

/* A wanted link whose target came earlier in the archive cannot be read from a stream: the user is
 * told which link was not read. In a folder the target is read under the link's name. */
static void test_link_after_target(void **state)
{
    fixture *fx = *state;
    tree t;
    memset(&t, 0, sizeof t);
    tree_text(&t, "version.txt", "sosreport: 4.5.6\n");
    tree_text(&t, "etc/config-data/nova.conf", "[DEFAULT]\n");
    tree_link(&t, "etc/nova/nova.conf", "../config-data/nova.conf");
    char *file = tu_path(fx->dir, R1 ".tar.gz");
    write_archive(file, &t, R1 "/", F_GZIP);
    vrec v;
    tu_diag d;
    char *partial = NULL;
    assert_int_equal(ingest(fx, file, NULL, &v, &d, &partial), RCA_OK);
    assert_null(find_entry(&v, NULL, "etc/nova/nova.conf"));
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_NOTE, "target came earlier");
    assert_string_equal(m->entry, "etc/nova/nova.conf");
    assert_non_null(strstr(m->text, "etc/config-data/nova.conf"));
    assert_string_equal(find_link(&v, "etc/nova/nova.conf")->status, "ok");
    vrec_free(&v);
    tu_diag_free(&d);

    char *rep = tu_path(fx->dir, R1);
    assert_int_equal(mkdir(rep, 0755), 0);
    write_tree(rep, &t);
    assert_int_equal(ingest(fx, rep, NULL, &v, &d, &partial), RCA_OK);
    const ventry *e = expect_entry(&v, R1, "etc/nova/nova.conf");
    assert_string_equal(e->via, "etc/config-data/nova.conf");
    assert_string_equal(e->text, "[DEFAULT]\n");
    vrec_free(&v);
    tu_diag_free(&d);
    tree_free(&t);
    free(rep);
    free(file);
}

/* ------------------------------------------------------------------ limits */

/* An entry over the per-entry limit is read up to the limit, with one warning naming it. */
static void test_entry_limit(void **state)
{
    fixture *fx = *state;
    char *rep = tu_path(fx->dir, R1);
    assert_int_equal(mkdir(rep, 0755), 0);
    write_tree(rep, &fx->report);
    rca_limits lim = fx->lim;
    lim.max_entry_bytes = 4096;
    vrec v;
    tu_diag d;
    char *partial = NULL;
    /* a cut entry is said, but the bundle was read whole: not a partial read */
    assert_int_equal(ingest(fx, rep, &lim, &v, &d, &partial), RCA_OK);
    assert_null(partial);
    const ventry *e = expect_entry(&v, R1, "var/log/nova/big.log");
    assert_true(e->textlen > 0);
    assert_true(e->textlen <= 4096 + 1);
    /* what was read is the start of the file (the last line may be cut) */
    size_t whole = e->textlen;
    while (whole > 0 && e->text[whole - 1] != '\n')
        whole--;
    assert_true(whole > 0);
    assert_memory_equal(e->text, fx->big_text, whole - 1);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_WARNING, "per-entry limit");
    assert_string_equal(m->entry, "var/log/nova/big.log");
    /* small files are untouched */
    assert_string_equal(expect_entry(&v, R1, "version.txt")->text, "sosreport: 4.5.6\n");
    vrec_free(&v);
    tu_diag_free(&d);
    free(rep);
}

/* A visitor's error stops the walk and comes back to the caller. */
typedef struct failing {
    vrec v; /* first: the recording callbacks take the same pointer */
    int calls;
} failing;

static rca_err fail_entry(void *ctx, const rca_entry *e, const rca_layout_class *cls, rca_reader *r)
{
    (void)e;
    (void)cls;
    (void)r;
    ((failing *)ctx)->calls++;
    return RCA_EDB;
}

static void test_visitor_error(void **state)
{
    fixture *fx = *state;
    char *file = main_archive(fx, F_GZIP);
    failing f;
    memset(&f, 0, sizeof f);
    vrec_init(&f.v, fx->layout);
    tu_diag d;
    tu_diag_init(&d);
    rca_ingest_visitor vis = {v_begin, v_end, v_want, fail_entry, v_link, &f};
    char *partial = NULL;
    rca_err rc = rca_ingest_bundle(file, &fx->lim, &vis, &d.d, &partial);
    assert_int_equal(rc, RCA_EDB);
    assert_int_equal(f.calls, 1);
    free(partial);
    vrec_free(&f.v);
    tu_diag_free(&d);
    free(file);
}

/* How messages name an entry: the path in the report, with the report's name first when the
 * bundle is more than that report. */
static void test_entry_names(void **state)
{
    (void)state;
    rca_buf b;
    rca_buf_init(&b);
    const char *r = "sosreport-cmp-1-2025-05-02-abcdefg";
    assert_int_equal(rca_ingest_entry_name("/in/sosreport-cmp-1-2025-05-02-abcdefg.tar.xz", r, "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/sosreport-cmp-1-2025-05-02-abcdefg/", r, "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/case-0123.tar.xz", r, "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "sosreport-cmp-1-2025-05-02-abcdefg/var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/sos-collector-2025.tar.gz", r, "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "sosreport-cmp-1-2025-05-02-abcdefg/var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/collect", r, "sosreport-cmp-1-2025-05-02-abcdefg/var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "sosreport-cmp-1-2025-05-02-abcdefg/var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/collect", NULL, "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "var/log/x.log");
    assert_int_equal(rca_ingest_entry_name("/in/collect", "", "var/log/x.log", &b), RCA_OK);
    assert_string_equal(b.p, "var/log/x.log");
    rca_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_classify),
        cmocka_unit_test(test_layout_sos_strings),
        cmocka_unit_test(test_layout_syntax),
        cmocka_unit_test(test_layout_errors),
        cmocka_unit_test(test_layout_load),
        cmocka_unit_test(test_path_normalise),
        cmocka_unit_test(test_report_name),
        cmocka_unit_test(test_pathset),
        cmocka_unit_test(test_reader_crlf),
        cmocka_unit_test_setup_teardown(test_archive_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_xz, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_zstd, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_bzip2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_archive_no_top_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_line_numbers, setup, teardown),
        cmocka_unit_test(test_entry_names),
        cmocka_unit_test_setup_teardown(test_folder_same_as_archive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_trailing_slash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sos_collect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_archive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_bundles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_entry_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_after_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_visitor_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
