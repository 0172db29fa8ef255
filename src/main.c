/* main.c - sosrca's command line: argument handling and exit codes. The work is done by analyze/
 * (ingest -> parse -> store -> rules) and its report printed by report/; main.c prints only
 * diagnostics, usage and the rows of `sosrca query`.
 *
 * Exit codes: 0 analyzed and nothing at or above --fail-on; 1 findings at or above it; 2 usage or
 * input error (including a bundle read only in part, unless --partial-ok); 3 rule pack error.
 */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rca_analyze.h"
#include "rca_ingest.h"
#include "rca_parse.h"
#include "rca_report.h"
#include "rca_rules.h"
#include "rca_store.h"

/* The installed rule pack: $(DATADIR)/sosrca/rules, set by the Makefile at build time. */
#ifndef RCA_RULES_DIR
#define RCA_RULES_DIR "/usr/local/share/sosrca/rules"
#endif

/* 1 (after saying so) if `dir` is not a folder: a missing pack is not a pack with errors. */
static int rules_missing(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    fprintf(stderr, "sosrca: rule pack not found at %s (--rules DIR or SOSRCA_RULES chooses another)\n",
            dir);
    return 1;
}

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_INPUT = 2, EXIT_RULES = 3 };

typedef struct cli_diag {
    int color;
    int min_sev; /* print diagnostics at or above this severity */
} cli_diag;

static void print_diag(void *ctx, const rca_diag_msg *m)
{
    cli_diag *c = ctx;
    if ((int)m->sev < c->min_sev)
        return;
    rca_report_diag(stderr, m, c->color);
}

static const char usage_main[] =
    "usage: sosrca <command> [options]\n"
    "\n"
    "Find the root cause of OpenStack failures in sos reports.\n"
    "\n"
    "commands:\n"
    "  analyze PATH...      analyze the sos reports of one incident (archives or folders)\n"
    "  query DB SQL         run read-only SQL on a database kept with analyze --db\n"
    "  rules lint [DIR]     check a rule pack (default: the shipped one)\n"
    "\n"
    "  sosrca <command> --help   for a command's options;  sosrca --version (-V)\n";

static const char usage_analyze[] =
    "usage: sosrca analyze [options] PATH...\n"
    "\n"
    "Each PATH is a sos report as received (.tar.xz, .tar.gz, .tar.bz2, .tar.zst, .tar), a\n"
    "`sos collect` tar holding several reports, or an unpacked folder. Several PATHs are the\n"
    "hosts of one incident and are analyzed together.\n"
    "\n"
    "options:\n"
    "  --format text|json|md   report format (default text; colour only on a terminal)\n"
    "  --db FILE               keep the SQLite database of the analysis in FILE\n"
    "  --force                 replace FILE if it exists\n"
    "  --fts                   also index every line for full-text search (line_fts, FTS5;\n"
    "                          several times slower: for a --db kept to be searched)\n"
    "  --rules DIR             use another rule pack\n"
    "  --fail-on SEVERITY      exit 1 if a finding is at or above SEVERITY\n"
    "                          (info, warning, error, critical; default: error); earlier\n"
    "                          incidents never count\n"
    "  --max-age DURATION      findings whose last evidence is older than this before the\n"
    "                          report's collection are earlier incidents (default 7d)\n"
    "  --partial-ok            a bundle read only in part is not an input error\n"
    "  --no-color              never colour the text report\n"
    "  --no-timing             leave timings out of the report (stable output for CI diffs)\n"
    "  --verbose               also print every bundle diagnostic on stderr\n"
    "  --limit NAME=VALUE      override a safety limit (K, M, G suffixes): total (bytes read\n"
    "                          per bundle, 64G), entry (bytes per entry, 8G), line (1M),\n"
    "                          entries (5000000), nesting (archives in archives, 4), ratio\n"
    "                          (decompression ratio, 1000), command (command output, 256M)\n"
    "\n"
    "exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error, 3 rule\n"
    "pack error\n";

static const char usage_query[] =
    "usage: sosrca query [--format text|json] DB SQL\n"
    "\n"
    "Run one read-only SQL statement on a database kept with `sosrca analyze --db DB` and print\n"
    "the result as a table (or JSON). The schema is described in the README.\n";

static const char usage_lint[] =
    "usage: sosrca rules lint [DIR]\n"
    "\n"
    "Check a rule pack: syntax, regexes (PCRE2 message and column), duplicate ids, unknown codes,\n"
    "causes naming missing rules, SQL of checks, and every rule's samples (one must fire, one must\n"
    "not). Exit 0 when clean, 3 when not.\n";

/* "64G", "1M", "5000000" -> OUT: *out. RCA_ESYNTAX if malformed or too large. */
static rca_err parse_size(const char *s, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v < 0)
        return RCA_ESYNTAX;
    long long mul = 1;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': mul = 1LL << 10; end++; break;
    case 'm': case 'M': mul = 1LL << 20; end++; break;
    case 'g': case 'G': mul = 1LL << 30; end++; break;
    case 't': case 'T': mul = 1LL << 40; end++; break;
    default: return RCA_ESYNTAX;
    }
    if (*end || v > LLONG_MAX / mul)
        return RCA_ESYNTAX;
    *out = v * mul;
    return RCA_OK;
}

/* --limit NAME=VALUE into *l. RCA_ESYNTAX for an unknown name or a value that is not a size
 * above 0. */
static rca_err set_limit(rca_limits *l, const char *spec)
{
    static const struct {
        const char *name;
        size_t off;
    } names[] = {
        {"total", offsetof(rca_limits, max_total_bytes)},
        {"entry", offsetof(rca_limits, max_entry_bytes)},
        {"line", offsetof(rca_limits, max_line_bytes)},
        {"entries", offsetof(rca_limits, max_entries)},
        {"ratio", offsetof(rca_limits, max_ratio)},
        {"command", offsetof(rca_limits, max_cmd_bytes)},
    };
    const char *eq = strchr(spec, '=');
    long long v;
    if (!eq || parse_size(eq + 1, &v) != RCA_OK || v <= 0)
        return RCA_ESYNTAX;
    size_t n = (size_t)(eq - spec);
    if (n == 7 && strncmp(spec, "nesting", 7) == 0) {
        l->max_nesting = v > 64 ? 64 : (int)v;
        return RCA_OK;
    }
    for (size_t i = 0; i < RCA_ARRAY_LEN(names); i++)
        if (strlen(names[i].name) == n && strncmp(spec, names[i].name, n) == 0) {
            *(int64_t *)((char *)l + names[i].off) = v;
            return RCA_OK;
        }
    return RCA_ESYNTAX;
}

static int want_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* The shipped rule pack: next to the binary's source tree when run from a build folder, else the
 * installed one. */
static const char *default_rules(char *buf, size_t n)
{
    const char *env = getenv("SOSRCA_RULES");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            struct stat st;
            char probe[PATH_MAX + 32];
            char *slash2 = strrchr(exe, '/');
            if (slash2)
                *slash2 = '\0'; /* build/sosrca -> the checkout */
            if ((size_t)snprintf(probe, sizeof probe, "%s/rules/codes.list", exe) <
                    sizeof probe &&
                stat(probe, &st) == 0 && strlen(probe) - 11 < n) {
                memcpy(buf, probe, strlen(probe) - 11);
                buf[strlen(probe) - 11] = '\0';
                return buf;
            }
        }
    }
    return RCA_RULES_DIR;
}

static void on_signal(int sig)
{
    static const char msg[] = "sosrca: interrupted; the unfinished database was removed\n";
    /* the database is built under a temporary name: leave nothing half-written behind */
    if (rca_store_discard_on_signal())
        (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int cmd_analyze(int argc, char **argv, cli_diag *cd)
{
    if (want_help(argc, argv)) {
        fputs(usage_analyze, stdout);
        return EXIT_CLEAN;
    }
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return EXIT_INPUT;
    size_t npaths = 0;
    rca_report_opts ro = {RCA_FMT_TEXT, isatty(STDOUT_FILENO), RCA_VERSION, 0, NULL};
    const char *db = NULL, *rules_dir = NULL, *fail_on = "error";
    int force = 0, partial_ok = 0, verbose = 0, fts = 0;
    double max_age = RCA_MAX_AGE_DEFAULT;
    rca_limits limits = rca_limits_default();
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--format") == 0 && val) {
            if (rca_format_parse(val, &ro.format) != RCA_OK) {
                fprintf(stderr, "sosrca: unknown format '%s' (text, json, md)\n", val);
                free(paths);
                return EXIT_INPUT;
            }
            i++;
        } else if (strcmp(a, "--db") == 0 && val) {
            db = val;
            i++;
        } else if (strcmp(a, "--rules") == 0 && val) {
            rules_dir = val;
            i++;
        } else if (strcmp(a, "--fail-on") == 0 && val) {
            if (!rca_severity_rank(val)) {
                fprintf(stderr, "sosrca: unknown severity '%s' (info, warning, error, "
                                "critical)\n",
                        val);
                free(paths);
                return EXIT_INPUT;
            }
            fail_on = val;
            i++;
        } else if (strcmp(a, "--max-age") == 0 && val) {
            if (rca_duration_parse(val, &max_age) != RCA_OK || max_age <= 0) {
                fprintf(stderr, "sosrca: bad --max-age '%s' (a duration: 7d, 36h, 90m)\n", val);
                free(paths);
                return EXIT_INPUT;
            }
            i++;
        } else if (strcmp(a, "--limit") == 0 && val) {
            if (set_limit(&limits, val) != RCA_OK) {
                fprintf(stderr, "sosrca: bad --limit '%s' (see sosrca analyze --help)\n", val);
                free(paths);
                return EXIT_INPUT;
            }
            i++;
        } else if (strcmp(a, "--force") == 0) {
            force = 1;
        } else if (strcmp(a, "--partial-ok") == 0) {
            partial_ok = 1;
        } else if (strcmp(a, "--fts") == 0) {
            fts = 1;
        } else if (strcmp(a, "--no-color") == 0) {
            ro.color = 0;
        } else if (strcmp(a, "--no-timing") == 0) {
            ro.stable = 1;
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "sosrca: unknown option or missing value: %s\n%s", a, usage_analyze);
            free(paths);
            return EXIT_INPUT;
        } else {
            paths[npaths++] = a;
        }
    }
    if (!npaths) {
        fputs(usage_analyze, stderr);
        free(paths);
        return EXIT_INPUT;
    }
    char rbuf[PATH_MAX];
    if (!rules_dir)
        rules_dir = default_rules(rbuf, sizeof rbuf);
    cd->min_sev = RCA_DIAG_ERROR;
    rca_diag diag = {print_diag, cd, 0, 0, 0};
    rca_rules *rules = NULL;
    if (rules_missing(rules_dir)) {
        free(paths);
        return EXIT_RULES;
    }
    if (rca_rules_load(rules_dir, 0, &diag, &rules) != RCA_OK) {
        fprintf(stderr, "sosrca: the rule pack %s has errors (run `sosrca rules lint %s`)\n",
                rules_dir, rules_dir);
        free(paths);
        return EXIT_RULES;
    }
    if (verbose)
        cd->min_sev = RCA_DIAG_NOTE;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    rca_analyze_opts ao = {paths, npaths, db, force, limits, fts, max_age};
    rca_result *res = NULL;
    rca_err rc = rca_analyze_run(&ao, rules, &diag, &res);
    ro.rules = rules;
    int code = EXIT_CLEAN;
    if (rc) {
        fprintf(stderr, "sosrca: analysis failed: %s\n", rca_err_str(rc));
        code = rc == RCA_ESYNTAX ? EXIT_RULES : EXIT_INPUT;
    } else {
        if (rca_report_write(stdout, res, &ro) != RCA_OK || fflush(stdout) != 0) {
            fprintf(stderr, "sosrca: cannot write the report: %s\n", strerror(errno));
            code = EXIT_INPUT;
        } else {
            int threshold = rca_severity_rank(fail_on);
            for (size_t i = 0; i < res->nfindings; i++)
                if (rca_severity_rank(res->findings[i].severity) >= threshold &&
                    strcmp(res->findings[i].cls, "ruled-out") != 0 && !res->findings[i].earlier)
                    code = EXIT_FINDINGS;
            if (res->partial && !partial_ok)
                code = EXIT_INPUT;
        }
    }
    rca_result_free(res);
    rca_rules_free(rules);
    free(paths);
    return code;
}

/* ------------------------------------------------------------------ query */

typedef struct table {
    int ncols;
    char **names;
    char **cells; /* rows * ncols, escaped */
    size_t nrows, cap;
    int json;
    int first;
} table;

/* OUT: *out, a copy of s (NULL: "NULL") that is safe to print on a terminal; the caller frees
 * it. */
static rca_err escaped(const char *s, char **out)
{
    rca_buf b;
    rca_buf_init(&b);
    rca_err rc = s ? rca_escape_text(&b, s, strlen(s)) : rca_buf_adds(&b, "NULL");
    char *e = rc ? NULL : rca_buf_take(&b);
    rca_buf_free(&b);
    if (!rc && !e)
        rc = RCA_ENOMEM;
    if (!rc)
        *out = e;
    return rc;
}

/* One JSON string on stdout; 1 when memory ran out. */
static int json_str(const char *s)
{
    rca_buf b;
    rca_buf_init(&b);
    rca_err rc = rca_json_str(&b, s, strlen(s));
    if (!rc)
        fwrite(b.p, 1, b.n, stdout);
    rca_buf_free(&b);
    return rc != RCA_OK;
}

static int query_row(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    table *t = ctx;
    if (t->json) {
        /* JSON rows are streamed: nothing is kept */
        fputs(t->first ? "[\n  {" : ",\n  {", stdout);
        t->first = 0;
        for (int i = 0; i < ncols; i++) {
            if (i)
                fputs(", ", stdout);
            if (json_str(names[i]))
                return 1;
            fputs(": ", stdout);
            if (vals[i]) {
                char *e;
                if (escaped(vals[i], &e))
                    return 1;
                int bad = json_str(e);
                free(e);
                if (bad)
                    return 1;
            } else {
                fputs("null", stdout);
            }
        }
        putchar('}');
        return 0;
    }
    if (!t->names) {
        t->ncols = ncols;
        t->names = calloc((size_t)ncols, sizeof *t->names);
        if (!t->names)
            return 1;
        for (int i = 0; i < ncols; i++)
            if (escaped(names[i], &t->names[i]))
                return 1;
    }
    if (t->nrows == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 64;
        char **ncells = realloc(t->cells, nc * (size_t)ncols * sizeof *ncells);
        if (!ncells)
            return 1;
        t->cells = ncells;
        t->cap = nc;
    }
    char **row = t->cells + t->nrows * (size_t)ncols;
    for (int i = 0; i < ncols; i++)
        if (escaped(vals[i], &row[i])) {
            while (i-- > 0)
                free(row[i]);
            return 1;
        }
    t->nrows++;
    return 0;
}

static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80;
    return w;
}

static void print_table(const table *t)
{
    if (!t->names) {
        printf("(no rows)\n");
        return;
    }
    size_t *w = calloc((size_t)t->ncols, sizeof *w);
    if (!w)
        return;
    for (int c = 0; c < t->ncols; c++) {
        w[c] = display_width(t->names[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t x = display_width(t->cells[r * (size_t)t->ncols + (size_t)c]);
            if (x > w[c])
                w[c] = x;
        }
        if (w[c] > 80)
            w[c] = 80;
    }
    for (int c = 0; c < t->ncols; c++)
        printf("%s%-*s", c ? "  " : "", (int)w[c], t->names[c]);
    putchar('\n');
    for (int c = 0; c < t->ncols; c++) {
        printf("%s", c ? "  " : "");
        for (size_t k = 0; k < w[c]; k++)
            putchar('-');
    }
    putchar('\n');
    for (size_t r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[r * (size_t)t->ncols + (size_t)c];
            size_t dw = display_width(cell);
            printf("%s%s", c ? "  " : "", cell);
            if (c + 1 < t->ncols)
                for (size_t k = dw; k < w[c]; k++)
                    putchar(' ');
        }
        putchar('\n');
    }
    printf("(%zu row%s)\n", t->nrows, t->nrows == 1 ? "" : "s");
    free(w);
}

static int cmd_query(int argc, char **argv, cli_diag *cd)
{
    if (want_help(argc, argv)) {
        fputs(usage_query, stdout);
        return EXIT_CLEAN;
    }
    const char *args[2];
    int nargs = 0, json = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if (strcmp(argv[i + 1], "json") == 0) {
                json = 1;
            } else if (strcmp(argv[i + 1], "text") != 0) {
                fprintf(stderr, "sosrca: query prints text or json\n");
                return EXIT_INPUT;
            }
            i++;
        } else if (nargs < 2) {
            args[nargs++] = argv[i];
        } else {
            fputs(usage_query, stderr);
            return EXIT_INPUT;
        }
    }
    if (nargs != 2) {
        fputs(usage_query, stderr);
        return EXIT_INPUT;
    }
    rca_diag diag = {print_diag, cd, 0, 0, 0};
    rca_store *s;
    if (rca_store_open_readonly(args[0], &diag, &s))
        return EXIT_INPUT;
    table t;
    memset(&t, 0, sizeof t);
    t.json = json;
    t.first = 1;
    rca_err rc = rca_store_query(s, args[1], 1, query_row, &t, &diag, "query", 0);
    if (json && !rc)
        fputs(t.first ? "[]\n" : "\n]\n", stdout);
    else if (!rc)
        print_table(&t);
    for (size_t i = 0; i < t.nrows * (size_t)t.ncols; i++)
        free(t.cells[i]);
    for (int i = 0; t.names && i < t.ncols; i++)
        free(t.names[i]);
    free(t.cells);
    free(t.names);
    rca_store_free(s);
    return rc ? EXIT_INPUT : EXIT_CLEAN;
}

static int cmd_rules(int argc, char **argv, cli_diag *cd)
{
    if (want_help(argc, argv) || argc < 1 || strcmp(argv[0], "lint") != 0) {
        fputs(usage_lint, argc < 1 || want_help(argc, argv) ? stdout : stderr);
        return want_help(argc, argv) ? EXIT_CLEAN : EXIT_INPUT;
    }
    char rbuf[PATH_MAX];
    const char *dir = argc > 1 ? argv[1] : default_rules(rbuf, sizeof rbuf);
    cd->min_sev = RCA_DIAG_WARNING;
    rca_diag diag = {print_diag, cd, 0, 0, 0};
    rca_rules *rules = NULL;
    if (rules_missing(dir))
        return EXIT_RULES;
    rca_err rc = rca_rules_load(dir, 1, &diag, &rules);
    if (rc) {
        fprintf(stderr, "rules lint: %s: %u error%s, %u warning%s\n", dir, diag.errors,
                diag.errors == 1 ? "" : "s", diag.warnings, diag.warnings == 1 ? "" : "s");
        return EXIT_RULES;
    }
    printf("rules lint: %s: %zu rules, every sample checked, %u warning%s\n", dir,
           rca_rules_count(rules), diag.warnings, diag.warnings == 1 ? "" : "s");
    rca_rules_free(rules);
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    cli_diag cd = {isatty(STDERR_FILENO), RCA_DIAG_WARNING};
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_INPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
        printf("sosrca %s\n  %s\n  %s\n  %s\n  %s\n  rules: %s\n", RCA_VERSION,
               rca_ingest_lib_version(), rca_store_lib_version(), rca_rules_lib_version(),
               rca_parse_lib_version(), RCA_RULES_DIR);
        return EXIT_CLEAN;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(cmd, "analyze") == 0)
        return cmd_analyze(argc - 2, argv + 2, &cd);
    if (strcmp(cmd, "query") == 0)
        return cmd_query(argc - 2, argv + 2, &cd);
    if (strcmp(cmd, "rules") == 0)
        return cmd_rules(argc - 2, argv + 2, &cd);
    fprintf(stderr, "sosrca: unknown command '%s'\n%s", cmd, usage_main);
    return EXIT_INPUT;
}
