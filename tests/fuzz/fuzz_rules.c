/* fuzz_rules.c - libFuzzer target for the rule file parser and compiler: the input becomes the
 * one *.rules file of a pack that also holds the shipped codes.list and layout.map, and the pack
 * is loaded with its samples checked, as `sosrca rules lint` does (PCRE2 compile and JIT, the
 * sample lines through the envelope parser, check fixtures into an in-memory store).
 */
#include <unistd.h>

#include "fuzz.h"
#include "rca_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], rules_file[128], codes[128], layout[128];

static void cleanup(void)
{
    unlink(rules_file);
    unlink(codes);
    unlink(layout);
    rmdir(dir);
}

static int copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[8192];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

static int setup(void)
{
    snprintf(dir, sizeof dir, "%s", access("/dev/shm", W_OK) == 0 ? "/dev/shm/sosrca-fuzz.XXXXXX"
                                                                  : "/tmp/sosrca-fuzz.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(rules_file, sizeof rules_file, "%s/fuzz.rules", dir);
    snprintf(codes, sizeof codes, "%s/codes.list", dir);
    snprintf(layout, sizeof layout, "%s/layout.map", dir);
    atexit(cleanup);
    char src[4096];
    snprintf(src, sizeof src, "%s/rules/codes.list", fuzz_srcdir());
    if (copy(src, codes) != 0)
        return -1;
    snprintf(src, sizeof src, "%s/rules/layout.map", fuzz_srcdir());
    return copy(src, layout);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (setup() != 0) {
            fprintf(stderr, "fuzz_rules: cannot set up a pack (set SOSRCA_SRCDIR)\n");
            abort();
        }
        ready = 1;
    }
    FILE *f = fopen(rules_file, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
    rca_diag d = fuzz_diag();
    rca_rules *r = NULL;
    rca_err rc = rca_rules_load(dir, 1, &d, &r);
    FUZZ_CHECK(rc == RCA_OK || rc == RCA_ESYNTAX || rc == RCA_ENOMEM);
    if (rc == RCA_OK) {
        FUZZ_CHECK(r != NULL);
        FUZZ_CHECK(d.errors == 0);
        (void)rca_rules_count(r);
    } else if (rc == RCA_ESYNTAX) {
        FUZZ_CHECK(d.errors > 0);
    }
    rca_rules_free(r);
    return 0;
}
