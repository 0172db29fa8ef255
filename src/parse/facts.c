/* facts.c - parsers for the small files that say who and when a host is: hostname, date,
 * timedatectl, etc/timezone, uname, version.txt, uptime and nova.conf's [DEFAULT] host (and its
 * capacity options). Each emits rows of the `fact` table (key, value); the analysis turns them
 * into the host's identity and time zone.
 * Parse stage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"

static rca_err fact(const rca_row_sink *sink, unsigned lineno, const char *key, const char *v,
                    size_t n)
{
    static const char *const cols[] = {"key", "value"};
    rca_span vals[2] = {rca_span_cstr(key), rca_span_make(v, n)};
    return rca_parse_emit(sink, "fact", lineno, 2, cols, vals);
}

static rca_err factf(const rca_row_sink *sink, unsigned lineno, const char *key, long long v)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", v);
    return fact(sink, lineno, key, buf, (size_t)n);
}

/* The first non-empty line, trimmed. */
static rca_span first_line(const char *text, size_t len, unsigned *lineno)
{
    rca_lines it;
    rca_span ln;
    rca_lines_init(&it, text, len);
    *lineno = 0;
    while (rca_lines_next(&it, &ln)) {
        const char *l = ln.p;
        size_t n = ln.n;
        *lineno = it.lineno;
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
            n--;
        while (n && (*l == ' ' || *l == '\t')) {
            l++;
            n--;
        }
        if (n)
            return rca_span_make(l, n);
    }
    return RCA_SPAN_NULL;
}

rca_err rca_parse_hostname(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)diag;
    unsigned ln;
    rca_span s = first_line(text, len, &ln);
    if (!s.n || s.n > 253 || memchr(s.p, ' ', s.n))
        return RCA_OK;
    return fact(sink, ln, arg && *arg ? arg : "hostname", s.p, s.n);
}

/* "Mon Mar  3 15:40:12 CET 2025" (date) -> epoch as if UTC, and the zone abbreviation. */
static int parse_date_line(rca_span s, int64_t *epoch, char *zone, size_t zsz)
{
    char buf[128];
    if (!s.n || s.n >= sizeof buf) /* s.p is NULL when the output is blank */
        return 0;
    memcpy(buf, s.p, s.n);
    buf[s.n] = '\0';
    char wd[8], mon[8], tz[32];
    int day, h, m, sec, year;
    if (sscanf(buf, "%7s %7s %d %d:%d:%d %31s %d", wd, mon, &day, &h, &m, &sec, tz, &year) != 8)
        return 0;
    int mo = rca_month_from_abbr(mon);
    if (!mo)
        return 0;
    int64_t t = rca_timegm(year, mo, day, h, m, sec);
    if (t < 0)
        return 0;
    *epoch = t;
    snprintf(zone, zsz, "%s", tz);
    return 1;
}

/* Offset of a few zone abbreviations that mean UTC; others are worked out from date --utc. */
static int utc_abbr(const char *z)
{
    return strcmp(z, "UTC") == 0 || strcmp(z, "GMT") == 0 || strcmp(z, "Z") == 0 ||
           strcmp(z, "UCT") == 0;
}

rca_err rca_parse_date(const char *path, const char *arg, const char *text, size_t len,
                       const rca_row_sink *sink, rca_diag *diag)
{
    (void)diag;
    unsigned ln;
    rca_span s = first_line(text, len, &ln);
    int64_t t;
    char zone[32];
    if (!parse_date_line(s, &t, zone, sizeof zone))
        return RCA_OK;
    /* `date --utc` (arg "utc", or a path naming it) prints UTC */
    int utc_path = path && strstr(path, "--utc");
    int is_utc = (arg && strcmp(arg, "utc") == 0) || utc_path || utc_abbr(zone);
    rca_err rc = fact(sink, ln, is_utc && !utc_abbr(zone) ? "date_utc" : "date_local", s.p, s.n);
    if (!rc)
        rc = factf(sink, ln, is_utc ? "collected_utc" : "collected_local", (long long)t);
    if (!rc && !(arg && strcmp(arg, "utc") == 0) && !utc_path)
        rc = fact(sink, ln, "tz_abbr", zone, strlen(zone));
    if (!rc && utc_abbr(zone) && !utc_path)
        rc = factf(sink, ln, "utc_offset", 0);
    return rc;
}

rca_err rca_parse_timedatectl(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)arg;
    (void)diag;
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    rca_err rc = RCA_OK;
    while (!rc && rca_lines_next(&it, &line)) {
        const char *l = line.p;
        size_t n = line.n;
        unsigned ln = it.lineno;
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), l);
        char *p = buf;
        while (*p == ' ')
            p++;
        if (strncmp(p, "Time zone:", 10) == 0) {
            /* Time zone: Europe/Paris (CET, +0100) */
            char name[128], abbr[32], offs[16];
            if (sscanf(p + 10, " %127s (%31[^,], %15[^)])", name, abbr, offs) == 3) {
                rc = fact(sink, ln, "tz_name", name, strlen(name));
                int sign = offs[0] == '-' ? -1 : 1;
                const char *d = offs[0] == '+' || offs[0] == '-' ? offs + 1 : offs;
                /* four digits, and a zone that exists (UTC-12 to UTC+14): anything else would
                 * shift every local log time of the host by nonsense */
                if (!rc && strlen(d) == 4 && strspn(d, "0123456789") == 4) {
                    long hh = (d[0] - '0') * 10 + (d[1] - '0');
                    long mm = (d[2] - '0') * 10 + (d[3] - '0');
                    if (hh <= 14 && mm < 60)
                        rc = factf(sink, ln, "utc_offset", sign * (hh * 3600 + mm * 60));
                }
                if (!rc)
                    rc = fact(sink, ln, "tz_abbr", abbr, strlen(abbr));
            }
        } else if (strncmp(p, "Universal time:", 15) == 0) {
            /* Universal time: Thu 2022-02-10 16:19:48 UTC */
            int y, mo, d, h, mi, s;
            char wd[8];
            if (sscanf(p + 15, " %7s %d-%d-%d %d:%d:%d", wd, &y, &mo, &d, &h, &mi, &s) == 7) {
                int64_t t = rca_timegm(y, mo, d, h, mi, s);
                if (t >= 0)
                    rc = factf(sink, ln, "collected_utc", (long long)t);
            }
        }
    }
    return rc;
}

/* etc/timezone (Debian, Ubuntu): the zone's name on its first line. */
rca_err rca_parse_timezone(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)arg;
    (void)diag;
    unsigned ln;
    rca_span s = first_line(text, len, &ln);
    if (!s.n || s.n > 127 || memchr(s.p, ' ', s.n) || memchr(s.p, '\t', s.n))
        return RCA_OK;
    return fact(sink, ln, "tz_timezone", s.p, s.n);
}

rca_err rca_parse_uname(const char *path, const char *arg, const char *text, size_t len,
                        const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)arg;
    (void)diag;
    unsigned ln;
    rca_span s = first_line(text, len, &ln);
    if (!s.n) /* blank output: s.p is NULL */
        return RCA_OK;
    /* Linux <host> <release> ... */
    const char *p = s.p, *end = s.p + s.n;
    for (int field = 0; p && p < end && field < 2; field++) {
        p = memchr(p, ' ', (size_t)(end - p));
        if (p)
            p++;
    }
    if (!p || p >= end)
        return RCA_OK;
    const char *e = memchr(p, ' ', (size_t)(end - p));
    rca_err rc = fact(sink, ln, "kernel", p, e ? (size_t)(e - p) : (size_t)(end - p));
    /* the machine, which uname -a prints after the build date: only x86_64 is told apart, the
     * one where KVM comes as modules (kvm_intel, kvm_amd) that lsmod must list */
    for (const char *q = e; !rc && q && end - q >= 8; q++) {
        q = memchr(q, ' ', (size_t)(end - q));
        if (!q || end - q < 8)
            break;
        if (memcmp(q, " x86_64", 7) == 0 && (end - q == 7 || q[7] == ' '))
            return fact(sink, ln, "machine", "x86_64", 6);
    }
    return rc;
}

rca_err rca_parse_sos_version(const char *path, const char *arg, const char *text, size_t len,
                              const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)arg;
    (void)diag;
    unsigned ln;
    rca_span s = first_line(text, len, &ln);
    /* "sosreport: 4.2" or "sos report: 4.5.6" */
    const char *c = s.p ? memchr(s.p, ':', s.n) : NULL;
    if (!c)
        return RCA_OK;
    c++;
    while (c < s.p + s.n && *c == ' ')
        c++;
    return fact(sink, ln, "sos_version", c, (size_t)(s.p + s.n - c));
}

/* The [DEFAULT] options of nova.conf that size a compute node's inventory in placement: with
 * the resource tracker's "Final resource view" they say how much of each resource the scheduler
 * could still place (rules/nova/scheduler.rules). Stored as facts "nova_conf.<option>"; also
 * [libvirt] virt_type ("nova_conf.libvirt.virt_type": kvm, or qemu without hardware support) and
 * [neutron] ovs_bridge ("nova_conf.neutron.ovs_bridge": the bridge nova plugs OVS VIFs into when
 * neutron's binding names none, as ML2/OVS did before Stein). */
static const char *const capacity_opts[] = {
    "cpu_allocation_ratio", "ram_allocation_ratio", "disk_allocation_ratio",
    "initial_cpu_allocation_ratio", "initial_ram_allocation_ratio", "initial_disk_allocation_ratio",
    "reserved_host_memory_mb", "reserved_host_disk_mb", "reserved_host_cpus",
};

rca_err rca_parse_nova_conf(const char *path, const char *arg, const char *text, size_t len,
                            const rca_row_sink *sink, rca_diag *diag)
{
    (void)path;
    (void)arg;
    (void)diag;
    rca_err rc = RCA_OK;
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    int in_default = 0, in_libvirt = 0, in_neutron = 0, have_host = 0;
    while (!rc && rca_lines_next(&it, &line)) {
        const char *l = line.p;
        size_t n = line.n;
        unsigned ln = it.lineno;
        while (n && (*l == ' ' || *l == '\t')) {
            l++;
            n--;
        }
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' ' || l[n - 1] == '\t'))
            n--;
        if (n && l[0] == '[') {
            in_default = n == 9 && memcmp(l, "[DEFAULT]", 9) == 0;
            in_libvirt = n == 9 && memcmp(l, "[libvirt]", 9) == 0;
            in_neutron = n == 9 && memcmp(l, "[neutron]", 9) == 0;
            continue;
        }
        if (!n || l[0] == '#' || l[0] == ';')
            continue;
        const char *opt = in_libvirt ? "virt_type" : in_neutron ? "ovs_bridge" : NULL;
        size_t on = opt ? strlen(opt) : 0;
        if (opt && n > on && memcmp(l, opt, on) == 0 &&
            (l[on] == '=' || l[on] == ' ' || l[on] == '\t')) {
            const char *v = memchr(l, '=', n);
            if (v) {
                const char *end = l + n;
                for (v++; v < end && (*v == ' ' || *v == '\t'); v++)
                    ;
                if (v < end)
                    rc = fact(sink, ln,
                              in_libvirt ? "nova_conf.libvirt.virt_type"
                                         : "nova_conf.neutron.ovs_bridge",
                              v, (size_t)(end - v));
            }
            continue;
        }
        if (!in_default)
            continue;
        const char *eq = memchr(l, '=', n), *end = l + n;
        if (!eq)
            continue;
        size_t kn = (size_t)(eq - l);
        while (kn && (l[kn - 1] == ' ' || l[kn - 1] == '\t'))
            kn--;
        const char *p = eq + 1;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p >= end)
            continue;
        if (kn == 4 && memcmp(l, "host", 4) == 0) {
            if (!have_host)
                rc = fact(sink, ln, "nova_host", p, (size_t)(end - p));
            have_host = 1;
            continue;
        }
        for (size_t i = 0; i < sizeof capacity_opts / sizeof *capacity_opts; i++) {
            if (strlen(capacity_opts[i]) != kn || memcmp(l, capacity_opts[i], kn) != 0)
                continue;
            char key[64];
            snprintf(key, sizeof key, "nova_conf.%s", capacity_opts[i]);
            rc = fact(sink, ln, key, p, (size_t)(end - p));
            break;
        }
    }
    return rc;
}
