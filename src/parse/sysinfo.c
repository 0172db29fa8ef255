/* sysinfo.c - parsers of small status outputs (parse stage: one bundle entry in, "fact" rows
 * out): `uptime`, whose "up" time dates the kernel's seconds-since-boot stamps (dmesg), `lsmod`,
 * which says whether the KVM modules are loaded, and the "Key: value" replies of OVS/OVN
 * unixctl commands (RAFT cluster status, ovn-northd status). Inputs are untrusted and not
 * NUL-terminated: every scan is bounded by the length given; text that is not this output gives
 * no fact and one warning.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"
#include "rca_parse.h"

static rca_err emit_fact(const rca_row_sink *sink, unsigned lineno, const char *key,
                         const char *v, size_t n)
{
    static const char *const cols[] = {"key", "value"};
    rca_span vals[2] = {rca_span_cstr(key), rca_span_make(v, n)};
    return rca_parse_emit(sink, "fact", lineno, 2, cols, vals);
}

/* A decimal number of at most 9 digits at *pp, or -1; *pp moves past it. */
static long number(const char **pp, const char *e)
{
    const char *p = *pp;
    long v = 0;
    int n = 0;
    while (p < e && *p >= '0' && *p <= '9' && n < 9) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (!n)
        return -1;
    *pp = p;
    return v;
}

/* 1 when the n bytes of text hold the NUL-terminated needle. */
static int holds(const char *text, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; text && k <= n && i <= n - k; i++)
        if (text[i] == needle[0] && memcmp(text + i, needle, k) == 0)
            return 1;
    return 0;
}

/* 1 when the text holds nothing but blanks and newlines (a command that printed nothing). */
static int blank(const char *text, size_t len)
{
    for (size_t i = 0; text && i < len; i++)
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            return 0;
    return 1;
}

static const char *skip_blanks(const char *p, const char *e)
{
    while (p < e && *p == ' ')
        p++;
    return p;
}

/* procps uptime: " 15:40:13 up 46 days,  3:12,  1 user,  load average: ...". The up time is
 * "[N day[s], ]H:MM" or "[N day[s], ]N min" (procps-ng and procps 3.x alike); busybox writes
 * the same. Fact "uptime_s": seconds since boot, to the minute. */
rca_err rca_parse_uptime(const char *path, const char *arg, const char *text, size_t len,
                         const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    if (blank(text, len))
        return RCA_OK;
    const char *e = text + len, *p = NULL;
    for (const char *q = text; q && e - q >= 4; q++) {
        q = memchr(q, 'u', (size_t)(e - q));
        if (!q || e - q < 4)
            break;
        if (memcmp(q, "up ", 3) == 0 && (q == text || q[-1] == ' ')) {
            p = q + 3;
            break;
        }
    }
    long days = 0, hours = 0, mins = -1;
    if (p) {
        p = skip_blanks(p, e);
        long n = number(&p, e);
        p = skip_blanks(p, e);
        if (n >= 0 && e - p >= 3 && memcmp(p, "day", 3) == 0) {
            days = n;
            p += 3;
            if (p < e && *p == 's')
                p++;
            if (p < e && *p == ',')
                p++;
            p = skip_blanks(p, e);
            n = number(&p, e);
            p = skip_blanks(p, e);
        }
        if (n >= 0 && p < e && *p == ':') {
            p++;
            long m = number(&p, e);
            if (m >= 0 && m < 60) {
                hours = n;
                mins = m;
            }
        } else if (n >= 0 && e - p >= 3 && memcmp(p, "min", 3) == 0) {
            mins = n;
        } else if (n < 0 && days > 0) {
            mins = 0; /* "up 3 days, 1 user": exactly whole days */
        }
    }
    if (mins < 0) {
        rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, 1, 0, NULL,
                  "not uptime output (no \"up N days, H:MM\"): the boot time stays unknown, so "
                  "dmesg's seconds since boot are not dated");
        return RCA_OK;
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld", ((days * 24 + hours) * 60 + mins) * 60);
    return emit_fact(sink, 1, "uptime_s", buf, (size_t)n);
}

/* lsmod: a "Module Size Used by" header, then one module per line. Fact "kvm_modules": the
 * loaded modules named kvm or kvm_* (comma-separated, "" when none), so that a check can tell
 * a compute without kvm_intel/kvm_amd. */
rca_err rca_parse_lsmod(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    if (blank(text, len))
        return RCA_OK;
    char mods[256];
    size_t mn = 0;
    int header = 0;
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line)) {
        const char *p = line.p, *le = line.p + line.n;
        if (!header) {
            header = le - p >= 6 && memcmp(p, "Module", 6) == 0;
            if (!header)
                break;
        } else {
            const char *w = p;
            while (w < le && *w != ' ' && *w != '\t')
                w++;
            size_t wn = (size_t)(w - p);
            if ((wn == 3 && memcmp(p, "kvm", 3) == 0) ||
                (wn > 4 && memcmp(p, "kvm_", 4) == 0)) {
                if (mn + wn + 2 < sizeof mods) {
                    if (mn)
                        mods[mn++] = ',';
                    memcpy(mods + mn, p, wn);
                    mn += wn;
                }
            }
        }
    }
    if (!header) {
        rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, 1, 0, NULL,
                  "not lsmod output (no \"Module Size Used by\" header): skipped");
        return RCA_OK;
    }
    return emit_fact(sink, 1, "kvm_modules", mods, mn);
}

/* The "Key: value" status replies of OVS/OVN unixctl commands: ovs-appctl cluster/status (raft.c
 * raft_unixctl_status: "Status: cluster member", "Role: follower", "Leader: unknown", ...) and
 * ovn-appctl -t ovn-northd status ("Status: active|standby|paused"). Each unindented
 * "Key: value" line becomes the fact "<arg>.<key>", the key lower-cased with '_' for blanks
 * (arg: the layout map's argument, e.g. ovn_nb); indented lines (the server list) are skipped. */
rca_err rca_parse_status_kv(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag)
{
    if (blank(text, len))
        return RCA_OK;
    unsigned facts = 0;
    rca_err rc = RCA_OK;
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (!rc && rca_lines_next(&it, &line)) {
        const char *p = line.p, *le = line.p + line.n;
        const char *c = memchr(p, ':', (size_t)(le - p));
        if (c && c > p && c - p <= 32 && c + 1 < le && c[1] == ' ' && *p >= 'A' && *p <= 'Z') {
            char key[96];
            size_t kn = (size_t)snprintf(key, sizeof key, "%s.", arg ? arg : "status");
            int ok = kn < sizeof key;
            for (const char *k = p; ok && k < c && kn + 1 < sizeof key; k++) {
                char ch = *k;
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch - 'A' + 'a');
                else if (ch == ' ')
                    ch = '_';
                else if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9'))
                    ok = 0;
                key[kn++] = ch;
            }
            const char *v = c + 2, *ve = le;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
                ve--;
            if (ok && ve > v) {
                key[kn] = '\0';
                rc = emit_fact(sink, it.lineno, key, v, (size_t)(ve - v));
                facts++;
            }
        }
    }
    /* a standalone (not clustered) database answers cluster/status with an error: that is
     * an answer, not unreadable text */
    if (!rc && !facts && !holds(text, len, "unknown cluster") &&
        !holds(text, len, "server returned an error"))
        rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, 1, 0, NULL,
                  "no \"Key: value\" line (the command failed?): skipped");
    return rc;
}
