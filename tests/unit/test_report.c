/* test_report.c - unit tests of src/report/: results are built by hand in an arena (the shapes the
 * root-cause engine hands over) and the text, Markdown and JSON reports are checked for what a
 * reader or a script relies on: the root cause first, grouped chains, what the root also explains,
 * evidence with its location, ruled-out figures of the failing hosts, wrapped sentences, escaping
 * of hostile bundle text, colour only when asked, stable output. The results are rendered with a
 * small pack loaded from a scratch folder and the product's own severity ranking, so the
 * ruled-out wording and the severity order under test are those a user gets; the codes.list
 * columns that word the sentences are checked here too (they exist for the report).
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "rca_report.h"
#include "rca_rules.h"

/* ------------------------------------------------------------------ the pack */

/* The report words codes the way the pack's codes.list says (rca_code_words): the tests render
 * with a pack loaded from a scratch folder, as `sosrca analyze` does. */
static const char report_codes[] =
    "# codes of the test incident, with the columns the report reads\n"
    "no-valid-host           symptom\n"
    "build-aborted-network   symptom\n"
    "vif-plug-timeout        intermediate\n"
    "geneve-tunnels-missing  intermediate\n"
    "rpc-timeout             intermediate\n"
    "ovn-sb-unreachable      root\n"
    "oom-kill                root\n"
    "disk-full               root\n"
    "disk-ok                 ruled-out  noun=disk     # a filesystem is not near full\n"
    "memory-ok               ruled-out  noun=memory\n"
    "tunnels-ok              ruled-out  noun=tunnels\n"
    "provnet-normal          ruled-out  noun=\"provider-network ports\"  sentence=no\n";

static const char report_layout[] = "var/log/nova/nova-compute.log*  log  nova-compute\n";

static const char report_rules[] =
    "rule nova-vif-timeout\n"
    "  code      vif-plug-timeout\n"
    "  severity  error\n"
    "  files     service:nova-compute\n"
    "  match     Timeout waiting for vif plugging callback for port (?<port>[0-9a-f-]{36})\n"
    "  key       port\n"
    "  title     VIF {port} timed out on {host}\n"
    "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for "
    "vif plugging callback for port 24129afd-416d-441c-b1ed-83113f9753fb\n"
    "  nosample  2025-05-02 10:20:29.874 4711 INFO nova.compute.manager [-] Starting "
    "instance...\n";

typedef struct pack {
    char *dir;
    tu_diag d;
    rca_rules *r;
} pack;

/* Load a pack whose codes.list is `codes`; returns what rca_rules_load returned. */
static rca_err pack_load(pack *p, const char *codes)
{
    memset(p, 0, sizeof *p);
    p->dir = tu_mkdtemp();
    tu_diag_init(&p->d);
    tu_write_str(p->dir, "codes.list", codes);
    tu_write_str(p->dir, "layout.map", report_layout);
    tu_write_str(p->dir, "nova.rules", report_rules);
    return rca_rules_load(p->dir, 0, &p->d.d, &p->r);
}

static void pack_free(pack *p)
{
    rca_rules_free(p->r);
    tu_diag_free(&p->d);
    tu_rmtree(p->dir);
    free(p->dir);
}

static pack the_pack; /* loaded once for every test (group setup) */

static int pack_setup(void **state)
{
    (void)state;
    if (pack_load(&the_pack, report_codes) != RCA_OK) {
        tu_diag_dump(&the_pack.d);
        return -1;
    }
    return 0;
}

static int pack_teardown(void **state)
{
    (void)state;
    pack_free(&the_pack);
    return 0;
}

/* 2025-03-03 14:08:06 UTC */
#define T0 1741010886.0

/* ------------------------------------------------------------------ building results */

#define MAX_FINDINGS 16

static rca_result *result_new(void)
{
    rca_arena *a = rca_arena_new();
    assert_non_null(a);
    rca_result *r = rca_arena_alloc(a, sizeof *r);
    assert_non_null(r);
    memset(r, 0, sizeof *r);
    r->arena = a;
    r->findings = rca_arena_alloc(a, MAX_FINDINGS * sizeof *r->findings);
    r->chains = rca_arena_alloc(a, 8 * sizeof *r->chains);
    r->ruled_out = rca_arena_alloc(a, 8 * sizeof *r->ruled_out);
    r->warnings = rca_arena_alloc(a, 8 * sizeof *r->warnings);
    r->hosts = rca_arena_alloc(a, 4 * sizeof *r->hosts);
    assert_non_null(r->findings);
    r->nrules = 57;
    r->elapsed_s = 0.42;
    return r;
}

static void result_free(rca_result *r)
{
    if (r)
        rca_arena_free(r->arena);
}

static void add_host(rca_result *r, const char *name, const char *roles)
{
    rca_host_summary *h = &r->hosts[r->nhosts++];
    memset(h, 0, sizeof *h);
    h->name = name;
    h->roles = roles;
    h->report = "sosreport-x.tar.xz";
    h->tz = "UTC";
    h->kernel = "5.14.0-284.el9.x86_64";
    h->sos_version = "4.5.6";
    h->collected_at = T0 + 3600;
}

static rca_finding *add_finding(rca_result *r, const char *code, const char *cls,
                                const char *severity, const char *host, const char *title)
{
    assert_true(r->nfindings < MAX_FINDINGS);
    rca_finding *f = &r->findings[r->nfindings];
    memset(f, 0, sizeof *f);
    f->id = (int64_t)r->nfindings + 1;
    f->rule = rca_arena_strdup(r->arena, code);
    f->code = code;
    f->cls = cls;
    f->severity = severity;
    f->host = host;
    f->title = title;
    f->first_ts = f->last_ts = -1;
    f->count = 1;
    r->nfindings++;
    return f;
}

static void add_evidence(rca_result *r, rca_finding *f, const char *host, const char *path,
                         int64_t line, const char *text)
{
    if (!f->ev) {
        f->ev = rca_arena_alloc(r->arena, 8 * sizeof *f->ev);
        assert_non_null(f->ev);
    }
    assert_true(f->nev < 8);
    f->ev[f->nev++] = (rca_evidence){host, path, line, text, text ? strlen(text) : 0, 0};
}

static void add_field(rca_result *r, rca_finding *f, const char *name, const char *value)
{
    if (!f->fields) {
        f->fields = rca_arena_alloc(r->arena, 8 * sizeof *f->fields);
        assert_non_null(f->fields);
    }
    assert_true(f->nfields < 8);
    f->fields[f->nfields++] = (rca_field){name, value};
}

static void add_chain(rca_result *r, double score, size_t n, const rca_finding *s0,
                      const rca_finding *s1, const rca_finding *s2, const char *key0,
                      const char *key1)
{
    rca_chain *c = &r->chains[r->nchains++];
    c->steps = rca_arena_alloc(r->arena, 3 * sizeof *c->steps);
    c->keys = rca_arena_alloc(r->arena, 2 * sizeof *c->keys);
    assert_non_null(c->steps);
    assert_non_null(c->keys);
    c->steps[0] = s0;
    c->steps[1] = s1;
    c->steps[2] = s2;
    c->keys[0] = key0;
    c->keys[1] = key1;
    c->n = n;
    c->score = score;
    c->also = NULL;
    c->nalso = 0;
    c->not_proven = NULL;
    c->nnot_proven = 0;
}

/* Chain i's root also explains f (corroboration, not a step). */
static void add_also(rca_result *r, size_t i, const rca_finding *f)
{
    rca_chain *c = &r->chains[i];
    if (!c->also) {
        c->also = rca_arena_alloc(r->arena, 4 * sizeof *c->also);
        assert_non_null(c->also);
    }
    assert_true(c->nalso < 4);
    c->also[c->nalso++] = f;
}

static const char *const sb_refs[] = {"https://docs.ovn.org/en/latest/ref/ovn-controller.8.html",
                                      NULL};

/* The motivating incident: OVN SB unreachable from cmp-1 explains both a NoValidHost (through a
 * VIF plug timeout) and an aborted build, and the missing tunnels of cmp-1 as well; disk and
 * memory checked and healthy on cmp-1, disk on net-1 (where no step of the chains is), and the
 * missing provider-network ports of cmp-1 are normal. */
static rca_result *incident(void)
{
    rca_result *r = result_new();
    add_host(r, "ctl-0", "controller");
    add_host(r, "cmp-1", "compute");
    add_host(r, "net-1", "network");

    rca_finding *root = add_finding(r, "ovn-sb-unreachable", "root", "critical", "cmp-1",
                                    "ovn-controller on cmp-1 cannot reach the OVN SB DB at "
                                    "tcp:10.0.0.5:6642");
    root->explain = "ovn-controller keeps the chassis alive in the Southbound database. While it "
                    "cannot connect, neutron sees the chassis as dead and refuses to bind ports "
                    "to it, so every VIF plug on this host times out and the build fails.";
    root->remedy = "Check that 10.0.0.5:6642 is reachable from cmp-1 (firewall, routing) and\n"
                   "that ovn-remote in ovs-vsctl get Open_vSwitch . external_ids is right.\n\n"
                   "Then restart ovn-controller.";
    root->refs = sb_refs;
    root->count = 42;
    root->first_ts = T0 - 600;
    root->last_ts = T0;
    add_evidence(r, root, "cmp-1", "var/log/openvswitch/ovn-controller.log", 1201,
                 "2025-03-03T13:58:06.001Z|00123|reconnect|WARN|tcp:10.0.0.5:6642: connection "
                 "attempt failed (No route to host)");
    add_evidence(r, root, "cmp-1", "var/log/openvswitch/ovn-controller.log", 1202, "second");
    add_evidence(r, root, "cmp-1", "var/log/openvswitch/ovn-controller.log", 1203, "third");

    rca_finding *vif = add_finding(r, "vif-plug-timeout", "intermediate", "error", "cmp-1",
                                   "VIF plug timed out for port 24129afd");
    add_evidence(r, vif, "cmp-1", "var/log/nova/nova-compute.log", 1234,
                 "2025-03-03 14:08:06.123 7 WARNING nova.compute.manager Timeout waiting for "
                 "network-vif-plugged-24129afd");

    rca_finding *nvh = add_finding(r, "no-valid-host", "symptom", "error", "ctl-0",
                                   "NoValidHost for instance 8f2c");
    add_evidence(r, nvh, "ctl-0", "var/log/nova/nova-conductor.log", 77,
                 "No valid host was found.");
    rca_finding *abort = add_finding(r, "build-aborted-network", "symptom", "error", "cmp-1",
                                     "Build of instance 9a1d aborted");

    rca_finding *disk = add_finding(r, "disk-ok", "ruled-out", "info", "cmp-1",
                                    "disk on cmp-1: fullest filesystem /var is 41% used, 80G free");
    add_field(r, disk, "used_pct", "41");
    add_field(r, disk, "mount", "/var");
    add_evidence(r, disk, "cmp-1", "sos_commands/filesys/df_-al_-x_autofs", 7,
                 "/dev/sda3  205314024 73900000 121148323  41% /var");
    /* a title that does not say what or where: the sentence says it */
    rca_finding *mem = add_finding(r, "memory-ok", "ruled-out", "info", "cmp-1",
                                   "2.7G available of 15.6G (17%)");
    add_field(r, mem, "available_pct", "17%");
    r->ruled_out[r->nruled_out++] = disk;
    r->ruled_out[r->nruled_out++] = mem;

    rca_finding *rpc = add_finding(r, "rpc-timeout", "intermediate", "warning", "ctl-0",
                                   "RPC call timed out");
    rpc->count = 3;
    rpc->first_ts = rpc->last_ts = T0;
    add_finding(r, "oom-kill", "root", "critical", "ctl-0", "kernel killed qemu-kvm");

    rca_finding *disk_net = add_finding(r, "disk-ok", "ruled-out", "info", "net-1",
                                        "disk on net-1: fullest filesystem / is 26% used, "
                                        "42G free");
    add_field(r, disk_net, "mount", "/");
    rca_finding *provnet = add_finding(r, "provnet-normal", "ruled-out", "info", "cmp-1",
                                       "No patch-provnet ports on cmp-1: normal, it has no bridge "
                                       "mappings (they are on net-1)");
    add_field(r, provnet, "provnet_on", "net-1");
    r->ruled_out[r->nruled_out++] = disk_net;
    r->ruled_out[r->nruled_out++] = provnet;

    rca_finding *tun = add_finding(r, "geneve-tunnels-missing", "intermediate", "error", "cmp-1",
                                   "cmp-1 has no geneve tunnel on br-int");
    tun->count = 2;
    add_evidence(r, tun, "cmp-1", "sos_commands/openvswitch/ovs-vsctl_-t_5_show", 3,
                 "    Bridge br-int");
    add_evidence(r, tun, "net-1", "sos_commands/openvswitch/ovs-vsctl_-t_5_show", 23,
                 "        Port ovn-ba96d7-0");

    add_chain(r, 12.5, 3, nvh, vif, root, "instance=8f2c", "host=cmp-1");
    add_chain(r, 9.0, 2, abort, root, NULL, "host=cmp-1", NULL);
    /* Both chains' root explains the tunnels; the second one's also the first one's VIF step. */
    add_also(r, 0, tun);
    add_also(r, 1, tun);
    add_also(r, 1, vif);
    return r;
}

/* ------------------------------------------------------------------ rendering */

/* Everything written to f, as a malloc'd string; closes f. */
static char *slurp(FILE *f)
{
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* The report of r in format fmt, worded by `rules` (NULL: no pack). */
static char *render_with(const rca_result *r, rca_format fmt, const rca_rules *rules)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    rca_report_opts o = {fmt, 0, "0.1.0", 1, rules};
    assert_int_equal(rca_report_write(f, r, &o), RCA_OK);
    return slurp(f);
}

static char *render(const rca_result *r, rca_format fmt, int color, int stable)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    rca_report_opts o = {fmt, color, "0.1.0", stable, the_pack.r};
    assert_int_equal(rca_report_write(f, r, &o), RCA_OK);
    return slurp(f);
}

static json_t *render_json(const rca_result *r, int stable)
{
    char *s = render(r, RCA_FMT_JSON, 0, stable);
    json_error_t err;
    json_t *doc = json_loads(s, 0, &err);
    if (!doc)
        fail_msg("JSON report does not parse: %s at %d:%d\n%s", err.text, err.line, err.column, s);
    free(s);
    return doc;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0, l = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + l, needle))
        n++;
    return n;
}

#define assert_contains(hay, needle)                                                               \
    do {                                                                                           \
        if (!strstr((hay), (needle)))                                                              \
            fail_msg("expected to find \"%s\" in:\n%s", (needle), (hay));                         \
    } while (0)

#define assert_lacks(hay, needle)                                                                  \
    do {                                                                                           \
        if (strstr((hay), (needle)))                                                               \
            fail_msg("did not expect \"%s\" in:\n%s", (needle), (hay));                           \
    } while (0)

/* The paragraph that starts with the line `start` (which begins with a newline) in s: its first
 * line and the lines after it indented by exactly `hang` spaces. Asserts that none is wider than
 * 100 columns and returns how many lines it has. */
static size_t wrapped_lines(const char *s, const char *start, size_t hang)
{
    const char *line = strstr(s, start);
    if (!line)
        fail_msg("expected to find \"%s\" in:\n%s", start, s);
    size_t n = 0;
    for (line++; *line; n++) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len > 100)
            fail_msg("line wider than 100 columns: %.*s", (int)len, line);
        if (!nl)
            return n + 1;
        line = nl + 1;
        if (strspn(line, " ") != hang || line[hang] == '\n' || line[hang] == '\0')
            return n + 1;
    }
    return n;
}

/* ------------------------------------------------------------------ tests */

static void text_groups_chains_sharing_a_root(void **state)
{
    (void)state;
    rca_result *r = incident();
    char *s = render(r, RCA_FMT_TEXT, 0, 1);

    /* The root cause comes first, told once for both failures, then what was ruled out on the
     * hosts the failures went through (not net-1's disk, nor the provider-network ports, which
     * are normal), by their titles; wrapped at 100 columns with a hanging indent. */
    assert_contains(s, "\nRoot cause\n"
                       "  ovn-controller on cmp-1 cannot reach the OVN SB DB at tcp:10.0.0.5:6642 "
                       "explains 2 failures; disk\n"
                       "    and memory ruled out (disk on cmp-1: fullest filesystem /var is 41% "
                       "used, 80G free; memory on\n"
                       "    cmp-1: 2.7G available of 15.6G (17%)):\n\n");
    assert_int_equal(count_of(s, "Root cause"), 1);
    assert_int_equal(count_of(s, "  Why: "), 1);
    assert_true(strstr(s, "Root cause") < strstr(s, "Ruled out"));
    assert_true(strstr(s, "Ruled out") < strstr(s, "Other findings"));

    /* Each failure's one-sentence cause, wrapped under its label, then its chain. */
    assert_contains(s, "\n  Failure 1: NoValidHost for instance 8f2c: VIF plug timed out for port "
                       "24129afd on cmp-1 because\n"
                       "             ovn-controller on cmp-1 cannot reach the OVN SB DB at "
                       "tcp:10.0.0.5:6642\n    1. [no-valid-host]");
    assert_contains(s, "\n  Failure 2: Build of instance 9a1d aborted because ovn-controller on "
                       "cmp-1 cannot reach the OVN SB\n             DB at tcp:10.0.0.5:6642\n");
    assert_true(strstr(s, "Failure 1") < strstr(s, "Failure 2"));
    assert_contains(s, "\n    1. [no-valid-host] ctl-0  NoValidHost for instance 8f2c\n"
                       "         ctl-0:var/log/nova/nova-conductor.log:77  No valid host was "
                       "found.\n"
                       "    2. [vif-plug-timeout] cmp-1  VIF plug timed out for port 24129afd  "
                       "(instance=8f2c)\n");

    /* Counts and times of a repeated step, at most three evidence lines, and how many more. */
    assert_contains(s, "         42 times between 2025-03-03 13:58:06 UTC and 2025-03-03 14:08:06 "
                       "UTC\n");
    assert_contains(s, "cmp-1:var/log/openvswitch/ovn-controller.log:1203  third\n"
                       "         (+39 more)\n");

    /* A step shared with an earlier chain of the group is not told twice. */
    assert_contains(s, "    2. [ovn-sb-unreachable] cmp-1  ovn-controller on cmp-1 cannot reach the "
                       "OVN SB DB at tcp:10.0.0.5:6642  (host=cmp-1)\n         (evidence above)\n");
    assert_int_equal(count_of(s, "ovn-controller.log:1201"), 1);
    assert_int_equal(count_of(s, "42 times"), 1);

    /* What else the root explains, after the failures and before Why: each finding once for the
     * group, with its evidence from every host; a step of one of the group's chains is not
     * repeated there. */
    assert_contains(s, "         (evidence above)\n\n"
                       "  Also caused by it:\n"
                       "    - [geneve-tunnels-missing] cmp-1  cmp-1 has no geneve tunnel on "
                       "br-int\n"
                       "         2 times\n"
                       "         cmp-1:sos_commands/openvswitch/ovs-vsctl_-t_5_show:3      "
                       "Bridge br-int\n"
                       "         net-1:sos_commands/openvswitch/ovs-vsctl_-t_5_show:23          "
                       "Port ovn-ba96d7-0\n\n"
                       "  Why: ");
    assert_int_equal(count_of(s, "Also caused by it:"), 1);
    assert_int_equal(count_of(s, "[geneve-tunnels-missing]"), 1);
    assert_int_equal(count_of(s, "[vif-plug-timeout]"), 1);

    /* The root's explanation, remedy and references, wrapped. */
    assert_contains(s, "  Why: ovn-controller keeps the chassis alive");
    assert_contains(s, "  Fix: Check that 10.0.0.5:6642 is reachable from cmp-1 (firewall, routing) "
                       "and that ovn-remote in\n       ovs-vsctl get Open_vSwitch . external_ids is "
                       "right.\n\n       Then restart ovn-controller.\n");
    assert_contains(s, "  See: https://docs.ovn.org/en/latest/ref/ovn-controller.8.html\n");
    assert_int_equal(wrapped_lines(s, "\n  ovn-controller on cmp-1 cannot reach", 4), 3);
    assert_int_equal(wrapped_lines(s, "\n  Failure 1: ", 13), 2);
    assert_int_equal(wrapped_lines(s, "\n  Failure 2: ", 13), 2);
    assert_int_equal(wrapped_lines(s, "\n  Why: ", 7), 3);
    assert_int_equal(wrapped_lines(s, "\n  Fix: ", 7), 2);

    /* Every ruled-out check under "Ruled out", by its title and evidence: its fields are not
     * repeated, the title says them. */
    assert_contains(s, "\nRuled out\n"
                       "  [disk-ok] cmp-1  disk on cmp-1: fullest filesystem /var is 41% used, "
                       "80G free\n"
                       "       cmp-1:sos_commands/filesys/df_-al_-x_autofs:7  /dev/sda3  205314024 "
                       "73900000 121148323  41% /var\n"
                       "  [memory-ok] cmp-1  2.7G available of 15.6G (17%)\n"
                       "  [disk-ok] net-1  disk on net-1: fullest filesystem / is 26% used, 42G "
                       "free\n"
                       "  [provnet-normal] cmp-1  No patch-provnet ports on cmp-1: normal, it has "
                       "no bridge mappings (they are on net-1)\n\n");
    assert_lacks(s, "used_pct");
    assert_lacks(s, "provnet_on");

    /* Findings told under no root cause, most severe first; ruled-out checks only under
     * "Ruled out". */
    assert_contains(s, "Other findings\n  critical [oom-kill] ctl-0  kernel killed qemu-kvm\n"
                       "  warning  [rpc-timeout] ctl-0  RPC call timed out\n"
                       "       3 times at 2025-03-03 14:08:06 UTC\n\n");
    assert_int_equal(count_of(s, "[disk-ok]"), 2);
    free(s);
    result_free(r);
}

static void text_single_chain_sentence(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->nchains = 1; /* only NoValidHost <= VIF timeout <= SB unreachable */
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    /* The root cause leads, then the failure it explains and the step in between. */
    assert_contains(s, "\nRoot cause\n"
                       "  ovn-controller on cmp-1 cannot reach the OVN SB DB at tcp:10.0.0.5:6642 "
                       "explains NoValidHost for\n"
                       "    instance 8f2c, through VIF plug timed out for port 24129afd on cmp-1; "
                       "disk and memory ruled out\n"
                       "    (disk on cmp-1: fullest filesystem /var is 41% used, 80G free; memory "
                       "on cmp-1: 2.7G available\n"
                       "    of 15.6G (17%))\n\n"
                       "  1. [no-valid-host] ctl-0  NoValidHost for instance 8f2c\n"
                       "       ctl-0:var/log/nova/nova-conductor.log:77  No valid host was "
                       "found.\n");
    assert_lacks(s, "Failure");
    /* What the root also explains follows the chain (steps at two columns, so these at four). */
    assert_contains(s, "(+39 more)\n\n  Also caused by it:\n    - [geneve-tunnels-missing] cmp-1  "
                       "cmp-1 has no geneve tunnel on br-int\n");
    /* The aborted build is in no chain now: it is an other finding. */
    assert_contains(s, "  error    [build-aborted-network] cmp-1  Build of instance 9a1d aborted\n");
    free(s);
    result_free(r);
}

/* The sentence quotes only the checks of hosts the failures went through, by what they checked;
 * the "Ruled out" section still lists every check. */
static void sentence_quotes_checks_of_chain_hosts(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->chains[0] = r->chains[1]; /* only the aborted build <= SB unreachable, both on cmp-1 */
    r->nchains = 1;
    rca_finding *disk = &r->findings[4], *mem = &r->findings[5];
    disk->host = mem->host = "ctl-0";
    disk->title = "disk on ctl-0: fullest filesystem / is 40% used, 56G free";
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "\nRoot cause\n  ovn-controller on cmp-1 cannot reach the OVN SB DB at "
                       "tcp:10.0.0.5:6642 explains Build of instance\n    9a1d aborted\n\n");
    assert_lacks(s, "ruled out");
    assert_contains(s, "\nRuled out\n  [disk-ok] ctl-0  disk on ctl-0: fullest filesystem / is "
                       "40% used, 56G free\n");
    assert_contains(s, "\n  [memory-ok] ctl-0  2.7G available of 15.6G (17%)\n");
    free(s);

    /* Back on cmp-1, with more checks there than the sentence quotes. */
    disk->host = mem->host = "cmp-1";
    disk->title = "disk on cmp-1: fullest filesystem /var is 41% used, 80G free";
    const char *more[][2] = {{"tunnels-ok", "cmp-1 has its 2 geneve tunnels"},
                             {"disk-ok", "disk on cmp-1: /boot is 12% used"},
                             {"disk-ok", "disk on cmp-1: /srv is 3% used"}};
    for (size_t i = 0; i < RCA_ARRAY_LEN(more); i++)
        r->ruled_out[r->nruled_out++] =
            add_finding(r, more[i][0], "ruled-out", "info", "cmp-1", more[i][1]);
    s = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(s, "\n**ovn-controller on cmp-1 cannot reach the OVN SB DB at "
                       "tcp:10.0.0.5:6642 explains Build of instance 9a1d aborted; disk, memory "
                       "and tunnels ruled out (disk on cmp-1: fullest filesystem /var is 41% "
                       "used, 80G free; memory on cmp-1: 2.7G available of 15.6G (17%); cmp-1 "
                       "has its 2 geneve tunnels; disk on cmp-1: /boot is 12% used; "
                       "\xE2\x80\xA6)**\n");
    assert_lacks(s, "/srv is 3% used;");
    assert_contains(s, "| disk-ok | cmp-1 | disk on cmp-1: /srv is 3% used |");
    free(s);
    result_free(r);
}

/* The engine hands the findings over sorted, as a copy of the array its chains point into: what
 * a root cause tells is still told nowhere else. */
static void findings_known_by_id(void **state)
{
    (void)state;
    rca_result *r = incident();
    rca_finding *copy = rca_arena_alloc(r->arena, r->nfindings * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, r->findings, r->nfindings * sizeof *copy);
    r->findings = copy;
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    const char *others = "\nOther findings\n  critical [oom-kill] ctl-0  kernel killed qemu-kvm\n"
                         "  warning  [rpc-timeout] ctl-0  RPC call timed out\n"
                         "       3 times at 2025-03-03 14:08:06 UTC\n\n";
    assert_contains(s, others);
    assert_string_equal(strstr(s, others), others); /* and nothing after them */
    assert_int_equal(count_of(s, "[geneve-tunnels-missing]"), 1);
    free(s);
    result_free(r);
}

static void text_chain_of_one(void **state)
{
    (void)state;
    rca_result *r = result_new();
    add_host(r, "cmp-1", "compute");
    rca_finding *a = add_finding(r, "instance-spawn-failed", "symptom", "error", "cmp-1",
                                 "Instance 77aa failed to spawn");
    rca_finding *b = add_finding(r, "no-valid-host", "symptom", "error", "ctl-0",
                                 "NoValidHost for instance 8f2c");
    add_field(r, b, "not_proven", "no nova-scheduler log in these reports");
    add_chain(r, 1.0, 1, a, NULL, NULL, NULL, NULL);
    add_chain(r, 0.5, 1, b, NULL, NULL, NULL, NULL);
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "Root cause 1 of 2 (most likely)\n  Instance 77aa failed to spawn (cause "
                       "not proven: no failure that could explain it was found in\n    these "
                       "reports)\n");
    assert_contains(s, "Root cause 2 of 2\n  NoValidHost for instance 8f2c (cause not proven: "
                       "no nova-scheduler log in these reports)\n");
    assert_lacks(s, "ruled out");
    assert_lacks(s, "Other findings");

    json_t *doc = render_json(r, 1);
    json_t *rc = json_object_get(doc, "root_causes");
    assert_int_equal(json_array_size(rc), 2);
    json_t *first = json_array_get(rc, 0);
    assert_int_equal(json_array_size(json_object_get(first, "chain")), 1);
    assert_true(json_is_array(json_object_get(first, "also")));
    assert_int_equal(json_array_size(json_object_get(first, "also")), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "root"), "code")),
                        "instance-spawn-failed");
    json_decref(doc);
    free(s);
    result_free(r);
}

static void text_no_chains(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->nchains = 0;
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "\n\nNo root cause found: no failure symptom (failed build, NoValidHost, "
                       "...) in these reports.\n\nRuled out\n");
    assert_contains(s, "  [disk-ok] cmp-1  disk on cmp-1: fullest filesystem /var is 41% used, 80G "
                       "free\n       cmp-1:sos_commands/filesys/df_-al_-x_autofs:7  ");
    /* Without chains every finding that is not ruled out is an other finding, including what
     * a root would have explained besides its chains. */
    assert_contains(s, "  critical [ovn-sb-unreachable] cmp-1");
    assert_contains(s, "  error    [no-valid-host] ctl-0");
    assert_contains(s, "  error    [geneve-tunnels-missing] cmp-1");
    assert_lacks(s, "Why:");
    assert_lacks(s, "Also caused by it");

    char *md = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(md, "## No root cause found\n");
    free(md);

    json_t *doc = render_json(r, 1);
    assert_int_equal(json_array_size(json_object_get(doc, "root_causes")), 0);
    json_decref(doc);
    free(s);
    result_free(r);
}

static void json_shape_and_figures(void **state)
{
    (void)state;
    rca_result *r = incident();
    json_t *doc = render_json(r, 0);
    const char *keys[] = {"version",   "partial",   "hosts",        "root_causes", "earlier_incidents",
                          "max_age_s", "ruled_out", "not_examined", "findings",    "warnings",
                          "warnings_dropped", "elapsed_s"};
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach(doc, k, v)
    {
        assert_true(i < RCA_ARRAY_LEN(keys));
        assert_string_equal(k, keys[i++]);
    }
    assert_int_equal(i, RCA_ARRAY_LEN(keys));
    assert_string_equal(json_string_value(json_object_get(doc, "version")), "0.1.0");
    assert_true(json_is_false(json_object_get(doc, "partial")));
    assert_true(json_real_value(json_object_get(doc, "elapsed_s")) == 0.42);

    json_t *h = json_array_get(json_object_get(doc, "hosts"), 1);
    assert_string_equal(json_string_value(json_object_get(h, "name")), "cmp-1");
    assert_string_equal(json_string_value(json_object_get(h, "roles")), "compute");
    assert_string_equal(json_string_value(json_object_get(h, "collected_at")),
                        "2025-03-03T15:08:06Z");

    json_t *rcs = json_object_get(doc, "root_causes");
    assert_int_equal(json_array_size(rcs), 2);
    json_t *c0 = json_array_get(rcs, 0);
    assert_true(json_real_value(json_object_get(c0, "score")) == 12.5);
    assert_string_equal(json_string_value(json_object_get(json_object_get(c0, "symptom"), "code")),
                        "no-valid-host");
    json_t *root = json_object_get(c0, "root");
    assert_string_equal(json_string_value(json_object_get(root, "code")), "ovn-sb-unreachable");
    assert_string_equal(json_string_value(json_object_get(root, "class")), "root");
    assert_string_equal(json_string_value(json_object_get(root, "rule")), "ovn-sb-unreachable");
    assert_true(json_is_false(json_object_get(root, "earlier")));
    assert_int_equal(json_array_size(json_object_get(doc, "earlier_incidents")), 0);
    assert_int_equal(json_integer_value(json_object_get(root, "count")), 42);
    assert_string_equal(json_string_value(json_object_get(root, "first_ts")),
                        "2025-03-03T13:58:06Z");
    assert_string_equal(json_string_value(json_object_get(root, "last_ts")),
                        "2025-03-03T14:08:06Z");
    json_t *ev = json_array_get(json_object_get(root, "evidence"), 0);
    assert_string_equal(json_string_value(json_object_get(ev, "path")),
                        "var/log/openvswitch/ovn-controller.log");
    assert_int_equal(json_integer_value(json_object_get(ev, "line")), 1201);
    assert_int_equal(json_array_size(json_object_get(root, "evidence")), 3);
    json_t *chain = json_object_get(c0, "chain");
    assert_int_equal(json_array_size(chain), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(chain, 1), "code")),
                        "vif-plug-timeout");
    /* The keys of a root cause, in order: "also" follows "chain", then "not_proven". */
    const char *rc_keys[] = {"symptom", "root", "chain", "also", "not_proven", "score"};
    i = 0;
    json_object_foreach(c0, k, v)
    {
        assert_true(i < RCA_ARRAY_LEN(rc_keys));
        assert_string_equal(k, rc_keys[i++]);
    }
    assert_int_equal(i, RCA_ARRAY_LEN(rc_keys));
    /* What the root also explains, as whole steps with the evidence of every host. */
    json_t *also = json_object_get(c0, "also");
    assert_int_equal(json_array_size(also), 1);
    json_t *tun = json_array_get(also, 0);
    assert_string_equal(json_string_value(json_object_get(tun, "code")), "geneve-tunnels-missing");
    assert_string_equal(json_string_value(json_object_get(tun, "host")), "cmp-1");
    assert_int_equal(json_integer_value(json_object_get(tun, "count")), 2);
    json_t *tev = json_object_get(tun, "evidence");
    assert_int_equal(json_array_size(tev), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(tev, 1), "host")),
                        "net-1");
    /* The second chain shares the root. */
    json_t *c1 = json_array_get(rcs, 1);
    assert_int_equal(json_array_size(json_object_get(c1, "chain")), 2);
    /* Each entry carries its own chain's list, whole: a script reads one entry alone. */
    json_t *also1 = json_object_get(c1, "also");
    assert_int_equal(json_array_size(also1), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(also1, 0), "code")),
                        "geneve-tunnels-missing");
    assert_string_equal(json_string_value(json_object_get(json_array_get(also1, 1), "code")),
                        "vif-plug-timeout");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(c1, "root"), "code")),
        "ovn-sb-unreachable");
    /* A step with no time has nulls. */
    json_t *sym = json_object_get(c0, "symptom");
    assert_true(json_is_null(json_object_get(sym, "first_ts")));
    assert_true(json_is_null(json_object_get(sym, "last_ts")));
    assert_true(json_is_object(json_object_get(sym, "fields")));

    json_t *ro = json_object_get(doc, "ruled_out");
    assert_int_equal(json_array_size(ro), 4);
    json_t *disk = json_array_get(ro, 0);
    assert_string_equal(json_string_value(json_object_get(disk, "code")), "disk-ok");
    assert_string_equal(json_string_value(json_object_get(disk, "host")), "cmp-1");
    json_t *fig = json_object_get(disk, "figures");
    assert_string_equal(json_string_value(json_object_get(fig, "used_pct")), "41");
    assert_string_equal(json_string_value(json_object_get(fig, "mount")), "/var");

    /* findings: every finding but the ruled-out checks */
    json_t *fs = json_object_get(doc, "findings");
    assert_int_equal(json_array_size(fs), r->nfindings - 4);
    json_array_foreach(fs, i, v)
    {
        assert_string_not_equal(json_string_value(json_object_get(v, "class")), "ruled-out");
    }
    assert_int_equal(json_array_size(json_object_get(doc, "warnings")), 0);
    assert_int_equal(json_integer_value(json_object_get(doc, "warnings_dropped")), 0);
    json_decref(doc);
    result_free(r);
}

/* An evidence line with a NUL byte is shown whole: \x00 in the text and Markdown reports, \u0000 in
 * JSON, and the text after it. A backtick after the NUL still lengthens the Markdown fence. */
static void evidence_with_nul(void **state)
{
    (void)state;
    static const char line[] = "failed (Refused \0 with NUL ```)";
    rca_result *r = incident();
    rca_finding *root = &r->findings[0];
    root->ev[0].text = line;
    root->ev[0].text_len = sizeof line - 1;
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "failed (Refused \\x00 with NUL ```)\n");
    free(s);
    s = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(s, "failed (Refused \\x00 with NUL ```)\n");
    assert_contains(s, "````text\n");
    free(s);
    s = render(r, RCA_FMT_JSON, 0, 1);
    assert_contains(s, "\"text\": \"failed (Refused \\u0000 with NUL ```)\"");
    free(s);
    result_free(r);
}

/* Past the analysis' cap the warnings are counted, not listed: every form says how many more
 * there were, the text and Markdown reports as the last warning line, JSON in a field. */
static void warnings_past_the_cap(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->warnings[r->nwarnings++] = "b.tar.xz: var/log/a.log.1.gz: first";
    r->warnings[r->nwarnings++] = "b.tar.xz: var/log/a.log.2.gz: second";
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_lacks(s, "more warnings");
    free(s);
    r->warnings_dropped = 1234;
    s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "warning: b.tar.xz: var/log/a.log.2.gz: second\n"
                       "warning: ... and 1234 more warnings, not shown (--verbose prints every "
                       "warning on stderr)\n\n");
    free(s);
    s = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(s, "- b.tar.xz: var/log/a.log.2.gz: second\n"
                       "- ... and 1234 more warnings, not shown (--verbose prints every warning "
                       "on stderr)\n");
    free(s);
    json_t *doc = render_json(r, 1);
    assert_int_equal(json_array_size(json_object_get(doc, "warnings")), 2);
    assert_int_equal(json_integer_value(json_object_get(doc, "warnings_dropped")), 1234);
    json_decref(doc);
    result_free(r);
}

/* A log line crafted to drive a terminal, with bytes that are not UTF-8. */
#define HOSTILE "evil \x1b]0;pwned\x07 \x1b[31mred\x1b[0m \xff\xfe end \xc3\xa9t\xc3\xa9"

static rca_result *hostile(void)
{
    rca_result *r = incident();
    rca_finding *root = &r->findings[0];
    root->title = "SB down \x1b[2J\x1b[H on cmp-1";
    root->ev[0].text = HOSTILE;
    root->ev[0].text_len = strlen(HOSTILE);
    root->ev[0].path = "var/log/\x1b[1mbold.log";
    add_field(r, root, "port\xff", "24129afd\x9b" "1m");
    r->warnings[r->nwarnings++] = "cmp-1: truncated \x1b[5mentry\xc0\xaf";
    r->hosts[1].name = "cmp-1\x1b[8m";
    r->partial = 1;
    return r;
}

static void text_escapes_bundle_text(void **state)
{
    (void)state;
    rca_result *r = hostile();
    for (int color = 0; color <= 1; color++) {
        char *s = render(r, RCA_FMT_TEXT, color, 1);
        /* No escape sequence from the bundle reaches the terminal, nor a raw invalid byte. */
        assert_lacks(s, "\x1b]0;");
        assert_lacks(s, "\x1b[2J");
        assert_lacks(s, "\x1b[31mred");
        assert_lacks(s, "\x1b[5m");
        assert_lacks(s, "\x1b[8m");
        assert_lacks(s, "\xff");
        assert_lacks(s, "\x9b");
        assert_contains(s, "evil \\x1B]0;pwned\\x07 \\x1B[31mred\\x1B[0m \\xFF\\xFE end "
                           "\xc3\xa9t\xc3\xa9");
        assert_contains(s, "SB down \\x1B[2J\\x1B[H on cmp-1");
        assert_contains(s, "var/log/\\x1B[1mbold.log:1201");
        assert_contains(s, "warning:");
        assert_contains(s, " cmp-1: truncated \\x1B[5mentry\\xC0\\xAF\n");
        assert_contains(s, "cmp-1\\x1B[8m compute");
        assert_contains(s, "PARTIAL:");
        if (!color)
            assert_lacks(s, "\x1b");
        free(s);
    }
    result_free(r);
}

static void json_keeps_hostile_text_valid(void **state)
{
    (void)state;
    rca_result *r = hostile();
    json_t *doc = render_json(r, 1);
    assert_true(json_is_true(json_object_get(doc, "partial")));
    json_t *root = json_object_get(json_array_get(json_object_get(doc, "root_causes"), 0), "root");
    json_t *ev = json_array_get(json_object_get(root, "evidence"), 0);
    /* Control characters survive (JSON escapes them); invalid bytes become U+FFFD. */
    assert_string_equal(json_string_value(json_object_get(ev, "text")),
                        "evil \x1b]0;pwned\x07 \x1b[31mred\x1b[0m \xEF\xBF\xBD\xEF\xBF\xBD end "
                        "\xc3\xa9t\xc3\xa9");
    assert_string_equal(json_string_value(json_object_get(root, "title")),
                        "SB down \x1b[2J\x1b[H on cmp-1");
    json_t *fields = json_object_get(root, "fields");
    assert_string_equal(json_string_value(json_object_get(fields, "port\xEF\xBF\xBD")),
                        "24129afd\xEF\xBF\xBD" "1m");
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "warnings"), 0)),
                        "cmp-1: truncated \x1b[5mentry\xEF\xBF\xBD\xEF\xBF\xBD");
    json_decref(doc);
    result_free(r);
}

/* Does line (up to its newline) contain c outside a backslash escape? Counts the unescaped ones. */
static size_t unescaped(const char *line, char c)
{
    size_t n = 0;
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == '\\' && p[1] && p[1] != '\n') {
            p++;
            continue;
        }
        n += *p == c;
    }
    return n;
}

/* Does needle occur in s other than right after a backslash? */
static int has_unescaped(const char *s, const char *needle)
{
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        if (p == s || p[-1] != '\\')
            return 1;
    return 0;
}

static void markdown_escapes_injection(void **state)
{
    (void)state;
    rca_result *r = incident();
    rca_finding *root = &r->findings[0];
    root->title = "click [x](http://evil) | col `code` *bold* _u_ <img src=x> # ![i](y) \\*";
    root->ev[0].text = "a ``` fence `` and ````` long run";
    root->ev[0].text_len = strlen(root->ev[0].text);
    rca_finding *disk = &r->findings[4];
    disk->title = "ok | injected | cells";
    disk->fields[1].value = "/var|x";
    r->warnings[r->nwarnings++] = "- [link](javascript:alert(1))";
    char *s = render(r, RCA_FMT_MD, 1, 1);

    assert_lacks(s, "\x1b"); /* no colour in Markdown */
    assert_lacks(s, "[x](");
    assert_lacks(s, "![i]");
    assert_false(has_unescaped(s, "<img"));
    assert_contains(s, "click \\[x\\](http://evil) \\| col \\`code\\` \\*bold\\* \\_u\\_ "
                       "\\<img src=x\\> \\# \\!\\[i\\](y) \\\\\\*");
    assert_contains(s, "- \\- \\[link\\](javascript:alert(1))\n");

    /* The evidence block's fence is longer than the longest backtick run inside it. */
    assert_contains(s, "\n   ``````text\n   cmp-1:var/log/openvswitch/ovn-controller.log:1201  "
                       "a ``` fence `` and ````` long run\n");
    assert_contains(s, "\n   ```text\n   ctl-0:var/log/nova/nova-conductor.log:77");
    /* and it is closed by the same fence */
    const char *open = strstr(s, "``````text\n");
    assert_non_null(open);
    const char *close = strstr(open + 10, "\n   ``````\n");
    assert_non_null(close);
    assert_true(strstr(open, "long run") < close);

    /* A table row keeps its four cells whatever the text holds. */
    const char *row = strstr(s, "| disk-ok |");
    assert_non_null(row);
    assert_int_equal(unescaped(row, '|'), 5);
    assert_contains(row, "ok \\| injected \\| cells");
    assert_contains(row, "/var\\|x");

    /* Structure: the sentence, the chain as an ordered list, headings. */
    assert_contains(s, "# sosrca report\n\nsosrca 0.1.0: 3 hosts (ctl-0 controller, cmp-1 "
                       "compute, net-1 network), 57 rules\n");
    assert_contains(s, "## Root cause\n\n**click \\[x\\]");
    /* Markdown reflows, so the sentences are not wrapped. */
    assert_contains(s, " explains 2 failures; disk and memory ruled out (disk on cmp-1: ok "
                       "\\| injected \\| cells; memory on cmp-1: 2.7G available of 15.6G "
                       "(17%)):**\n");
    assert_contains(s, "### Failure 1\n\nNoValidHost for instance 8f2c: VIF plug timed out for "
                       "port 24129afd on cmp-1 because click");
    assert_contains(s, "\n1. `no-valid-host` **ctl-0** NoValidHost for instance 8f2c\n");
    /* What the root also explains, once, between the failures and Why. */
    assert_contains(s, "\n**Also caused by it:**\n\n- `geneve-tunnels-missing` **cmp-1** cmp-1 has "
                       "no geneve tunnel on br-int\n\n  2 times\n\n  ```text\n"
                       "  cmp-1:sos_commands/openvswitch/ovs-vsctl_-t_5_show:3      Bridge br-int\n"
                       "  net-1:sos_commands/openvswitch/ovs-vsctl_-t_5_show:23          Port "
                       "ovn-ba96d7-0\n  ```\n\n**Why:** ");
    assert_int_equal(count_of(s, "geneve-tunnels-missing"), 1);
    assert_true(strstr(s, "### Failure 2") < strstr(s, "**Also caused by it:**"));
    assert_contains(s, "## Ruled out\n\n| check | host | result | figures |\n");
    /* Rule-pack paragraphs reflow; a blank line stays a paragraph break. */
    assert_contains(s, "\n**Fix:** Check that 10.0.0.5:6642 is reachable from cmp-1 (firewall, "
                       "routing) and that ovn-remote in ovs-vsctl get Open\\_vSwitch . "
                       "external\\_ids is right.\n\nThen restart ovn-controller.\n");
    assert_contains(s, "## Other findings\n\n- **critical** `oom-kill` **ctl-0** kernel killed "
                       "qemu-kvm\n");
    free(s);
    result_free(r);
}

static void markdown_code_span_survives_backticks(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->findings[3].code = "odd`code"; /* build-aborted-network */
    r->findings[7].code = "`edge";    /* oom-kill, an other finding */
    char *s = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(s, "1. ``odd`code`` **cmp-1** Build of instance 9a1d aborted\n");
    assert_contains(s, "`` `edge ``");
    free(s);
    result_free(r);
}

static void colour_only_when_asked(void **state)
{
    (void)state;
    rca_result *r = incident();
    char *plain = render(r, RCA_FMT_TEXT, 0, 1);
    char *col = render(r, RCA_FMT_TEXT, 1, 1);
    assert_lacks(plain, "\x1b");
    assert_contains(col, "\x1b[1mRoot cause\x1b[0m\n");                       /* heading bold */
    assert_contains(col, "\x1b[31m[ovn-sb-unreachable]\x1b[0m");             /* critical red */
    assert_contains(col, "\x1b[31m[vif-plug-timeout]\x1b[0m");               /* error red */
    assert_contains(col, "\x1b[33mwarning \x1b[0m [rpc-timeout]");           /* warning yellow */
    assert_contains(col, "\x1b[2mctl-0:var/log/nova/nova-conductor.log:77"); /* evidence dim */
    /* Stripped of its SGR sequences, the coloured report is the plain one. */
    char *strip = malloc(strlen(col) + 1);
    assert_non_null(strip);
    char *w = strip;
    for (const char *p = col; *p;) {
        if (p[0] == '\x1b' && p[1] == '[') {
            p += 2;
            while (*p && *p != 'm')
                p++;
            p += *p == 'm';
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    assert_string_equal(strip, plain);
    free(strip);
    free(plain);
    free(col);
    result_free(r);
}

static void stable_mode_omits_timings(void **state)
{
    (void)state;
    rca_result *r = incident();
    char *st = render(r, RCA_FMT_TEXT, 0, 1);
    char *un = render(r, RCA_FMT_TEXT, 0, 0);
    const char *hs = "sosrca 0.1.0: 3 hosts (ctl-0 controller, cmp-1 compute, net-1 network), 57 "
                     "rules\n";
    const char *hu = "sosrca 0.1.0: 3 hosts (ctl-0 controller, cmp-1 compute, net-1 network), 57 "
                     "rules, 0.42 s\n";
    assert_true(strncmp(st, hs, strlen(hs)) == 0);
    assert_true(strncmp(un, hu, strlen(hu)) == 0);
    r->elapsed_s = 9.87;
    char *st2 = render(r, RCA_FMT_TEXT, 0, 1);
    assert_string_equal(st, st2);
    json_t *doc = render_json(r, 1);
    assert_null(json_object_get(doc, "elapsed_s"));
    json_decref(doc);
    doc = render_json(r, 0);
    assert_true(json_real_value(json_object_get(doc, "elapsed_s")) == 9.87);
    json_decref(doc);
    free(st);
    free(st2);
    free(un);
    result_free(r);
}

static void long_evidence_is_cut(void **state)
{
    (void)state;
    rca_result *r = incident();
    char *line = rca_arena_alloc(r->arena, 1001);
    assert_non_null(line);
    /* 299 ASCII bytes then 'é' (2 bytes) straddling the 300-byte cut */
    memset(line, 'a', 1000);
    line[299] = '\xc3';
    line[300] = '\xa9';
    line[1000] = '\0';
    r->findings[2].ev[0].text = line; /* no-valid-host */
    r->findings[2].ev[0].text_len = strlen(line);
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    const char *p = strstr(s, "nova-conductor.log:77  ");
    assert_non_null(p);
    p += strlen("nova-conductor.log:77  ");
    const char *nl = strchr(p, '\n');
    assert_int_equal(nl - p, 299 + 3); /* cut before the 'é', then "…" */
    assert_true(memcmp(nl - 3, "\xE2\x80\xA6", 3) == 0);
    assert_lacks(s, "\\xC3");
    /* JSON keeps the whole line. */
    json_t *doc = render_json(r, 1);
    json_t *sym = json_object_get(json_array_get(json_object_get(doc, "root_causes"), 0),
                                  "symptom");
    const char *t =
        json_string_value(json_object_get(json_array_get(json_object_get(sym, "evidence"), 0),
                                          "text"));
    assert_int_equal(strlen(t), 1000);
    json_decref(doc);
    free(s);
    result_free(r);
}

static void format_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        rca_format format;
    } good[] = {{"text", RCA_FMT_TEXT}, {"json", RCA_FMT_JSON}, {"md", RCA_FMT_MD},
                {"markdown", RCA_FMT_MD}};
    for (size_t i = 0; i < RCA_ARRAY_LEN(good); i++) {
        rca_format f = (rca_format)-1;
        assert_int_equal(rca_format_parse(good[i].name, &f), RCA_OK);
        assert_int_equal(f, good[i].format);
    }
    static const char *const bad[] = {"html", "JSON", "", NULL};
    for (size_t i = 0; i < RCA_ARRAY_LEN(bad); i++) {
        rca_format f = RCA_FMT_MD;
        assert_int_equal(rca_format_parse(bad[i], &f), RCA_ESYNTAX);
        assert_int_equal(f, RCA_FMT_MD); /* untouched */
    }
}

/* jansson's allocator, failing from the `json_allocs_left`-th allocation on. */
static long json_allocs_left = -1;

static void *failing_malloc(size_t n)
{
    if (json_allocs_left == 0)
        return NULL;
    if (json_allocs_left > 0)
        json_allocs_left--;
    return malloc(n);
}

/* The JSON report when memory runs out at any point while it is built: RCA_ENOMEM and nothing
 * written, never a crash, a leak (make asan) or half a document. */
static void json_out_of_memory(void **state)
{
    (void)state;
    rca_result *r = incident();
    rca_report_opts o = {RCA_FMT_JSON, 0, "0.1.0", 1, the_pack.r};
    json_set_alloc_funcs(failing_malloc, free);
    rca_err rc = RCA_ENOMEM;
    long n;
    for (n = 0; n < 100000 && rc == RCA_ENOMEM; n++) {
        FILE *f = tmpfile();
        assert_non_null(f);
        json_allocs_left = n;
        rc = rca_report_write(f, r, &o);
        json_allocs_left = -1;
        char *s = slurp(f);
        if (rc == RCA_ENOMEM)
            assert_string_equal(s, "");
        free(s);
    }
    json_set_alloc_funcs(malloc, free);
    assert_int_equal(rc, RCA_OK);
    assert_true(n > 100); /* it did fail on the way: the incident takes hundreds of allocations */
    result_free(r);
}

static void write_error_is_eio(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    rca_result *r = incident();
    rca_report_opts o = {RCA_FMT_TEXT, 0, "0.1.0", 1, the_pack.r};
    assert_int_equal(rca_report_write(f, r, &o), RCA_EIO);
    clearerr(f);
    o.format = RCA_FMT_JSON;
    assert_int_equal(rca_report_write(f, r, &o), RCA_EIO);
    fclose(f);
    result_free(r);
}

static char *diag(const rca_diag_msg *m, int color)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(rca_report_diag(f, m, color), RCA_OK);
    return slurp(f);
}

static void diag_with_caret(void **state)
{
    (void)state;
    /* The caret sits under column 14 (the '('), tabs kept so it lines up at any tab width. */
    rca_diag_msg m = {RCA_DIAG_ERROR, "rules/ovn/chassis.rules", NULL, 12, 14,
                      "\tmatch = ab\tc(d\n", "missing ) in the regex"};
    char *s = diag(&m, 0);
    assert_string_equal(s, "rules/ovn/chassis.rules:12:14: error: missing ) in the regex\n"
                           "\tmatch = ab\tc(d\n"
                           "\t          \t ^\n");
    free(s);

    /* Escaped text counts as what is printed: \x1B is four columns. */
    m.source_line = "a\x1b" "b(";
    m.col = 4;
    s = diag(&m, 0);
    assert_string_equal(s, "rules/ovn/chassis.rules:12:4: error: missing ) in the regex\n"
                           "a\\x1Bb(\n"
                           "      ^\n");
    free(s);

    s = diag(&m, 1);
    assert_contains(s, "\x1b[1;31merror:\x1b[0m");
    assert_contains(s, "\x1b[32m^\x1b[0m");
    free(s);
}

static void diag_bundle_and_locations(void **state)
{
    (void)state;
    rca_diag_msg m = {RCA_DIAG_WARNING, "sos-cmp1.tar.xz", "var/log/nova/\x1b[2Jx.log", 0, 0,
                      NULL, "line longer than 1 MiB \x1b]0;t\x07, truncated"};
    char *s = diag(&m, 0);
    assert_string_equal(s, "sos-cmp1.tar.xz: var/log/nova/\\x1B[2Jx.log: warning: line longer "
                           "than 1 MiB \\x1B]0;t\\x07, truncated\n");
    free(s);

    rca_diag_msg n = {RCA_DIAG_NOTE, "rules/x.rules", NULL, 3, 0, NULL, "defined here"};
    s = diag(&n, 0);
    assert_string_equal(s, "rules/x.rules:3: note: defined here\n");
    free(s);

    rca_diag_msg w = {RCA_DIAG_ERROR, NULL, NULL, 0, 0, NULL, "cannot open %s"};
    s = diag(&w, 0);
    assert_string_equal(s, "sosrca: error: cannot open %s\n"); /* never a format */
    free(s);
}

static void markdown_hosts_table(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->hosts[0].roles = "controller|network";
    char *s = render(r, RCA_FMT_MD, 0, 1);
    assert_contains(s, "| host | roles | report | kernel | sos | collected |\n|---|---|---|---|---|"
                       "---|\n| ctl-0 | controller\\|network | sosreport-x.tar.xz | "
                       "5.14.0-284.el9.x86\\_64 | 4.5.6 | 2025-03-03 15:08:06 UTC |\n");
    free(s);
    result_free(r);
}

/* What the engine may leave empty: no host, title, evidence text, path, keys or references. */
static void missing_values_are_shown_as_such(void **state)
{
    (void)state;
    rca_result *r = result_new();
    rca_finding *sym = add_finding(r, "no-valid-host", "symptom", "error", NULL, NULL);
    rca_finding *mid = add_finding(r, "rpc-timeout", "intermediate", NULL, NULL, NULL);
    rca_finding *root = add_finding(r, "disk-full", "root", "critical", NULL, NULL);
    add_evidence(r, root, NULL, NULL, 0, NULL);
    add_field(r, root, "mount", NULL);
    add_finding(r, NULL, NULL, NULL, NULL, NULL);
    add_chain(r, -INFINITY, 3, sym, mid, root, NULL, NULL);
    r->chains[0].keys = NULL;
    r->nrules = 1;
    for (int fmt = RCA_FMT_TEXT; fmt <= RCA_FMT_MD; fmt++) {
        char *s = render(r, (rca_format)fmt, 0, 1);
        if (fmt == RCA_FMT_TEXT) {
            assert_contains(s, "sosrca 0.1.0: 0 hosts, 1 rule\n");
            assert_contains(s, "  disk-full explains no-valid-host, through rpc-timeout\n");
            assert_contains(s, "  3. [disk-full] -  disk-full\n       -:-:0  \n");
            assert_contains(s, "Other findings\n  info     [-] -  ?\n");
        }
        free(s);
    }
    json_t *doc = render_json(r, 1);
    json_t *c = json_array_get(json_object_get(doc, "root_causes"), 0);
    assert_true(json_is_null(json_object_get(c, "score"))); /* -inf is not JSON */
    json_t *root_j = json_object_get(c, "root");
    assert_true(json_is_null(json_object_get(root_j, "host")));
    assert_true(json_is_null(json_object_get(root_j, "title")));
    assert_true(json_is_null(json_object_get(json_object_get(root_j, "fields"), "mount")));
    assert_true(json_is_null(json_object_get(
        json_array_get(json_object_get(root_j, "evidence"), 0), "text")));
    json_decref(doc);
    result_free(r);
}

/* ------------------------------------------------------------------ wording from the pack */

/* How a ruled-out check reads in the root sentence is the pack's: a rule author rewords it in
 * codes.list, and a check marked sentence=no stays under "Ruled out" only. */
static void sentence_words_come_from_the_pack(void **state)
{
    (void)state;
    rca_result *r = incident();
    r->nchains = 1;
    char *s = render_with(r, RCA_FMT_MD, the_pack.r);
    assert_contains(s, "; disk and memory ruled out (disk on cmp-1: fullest filesystem /var is "
                       "41% used, 80G free; memory on cmp-1: 2.7G available of 15.6G (17%))**");
    free(s);

    /* Other words, and memory told under "Ruled out" only. */
    pack p;
    assert_int_equal(pack_load(&p, "disk-ok ruled-out noun=\"local storage\"\n"
                                   "memory-ok ruled-out sentence=no noun=RAM\n"
                                   "vif-plug-timeout intermediate\n"),
                     RCA_OK);
    s = render_with(r, RCA_FMT_MD, p.r);
    assert_contains(s, "; local storage and provnet normal ruled out (disk on cmp-1: fullest "
                       "filesystem /var is 41% used, 80G free; No patch-provnet ports on cmp-1: "
                       "normal, it has no bridge mappings (they are on net-1))**");
    assert_lacks(s, "RAM");
    assert_contains(s, "| memory-ok | cmp-1 | 2.7G available of 15.6G (17%) |");
    free(s);
    pack_free(&p);

    /* Without a pack every code reads as its words, and every check of the hosts is quoted. */
    s = render_with(r, RCA_FMT_MD, NULL);
    assert_contains(s, "; disk ok, memory ok and provnet normal ruled out (disk on cmp-1: ");
    assert_contains(s, "; memory ok on cmp-1: 2.7G available of 15.6G (17%); No patch-provnet "
                       "ports on cmp-1: normal");
    free(s);
    result_free(r);
}

/* Why a failure has no proven cause: the finding's not_proven field, else its code's unproven=
 * column, else the report's general words. */
static void unproven_words_from_the_pack(void **state)
{
    (void)state;
    rca_result *r = result_new();
    add_host(r, "cmp-1", "compute");
    rca_finding *a = add_finding(r, "instance-spawn-failed", "symptom", "error", "cmp-1",
                                 "Instance 77aa failed to spawn");
    rca_finding *b = add_finding(r, "no-valid-host", "symptom", "error", "ctl-0",
                                 "NoValidHost for instance 8f2c");
    add_field(r, b, "not_proven", "no nova-scheduler log in these reports");
    add_chain(r, 1.0, 1, a, NULL, NULL, NULL, NULL);
    add_chain(r, 0.5, 1, b, NULL, NULL, NULL, NULL);
    pack p;
    assert_int_equal(pack_load(&p, "vif-plug-timeout intermediate\n"
                                   "instance-spawn-failed symptom unproven=\"nova-compute gave no "
                                   "reason\"\n"
                                   "no-valid-host symptom unproven=\"the scheduler said nothing\"\n"),
                     RCA_OK);
    char *s = render_with(r, RCA_FMT_MD, p.r);
    assert_contains(s, "Instance 77aa failed to spawn (cause not proven: nova-compute gave no "
                       "reason)");
    assert_contains(s, "NoValidHost for instance 8f2c (cause not proven: no nova-scheduler log in "
                       "these reports)");
    assert_lacks(s, "the scheduler said nothing");
    free(s);
    s = render_with(r, RCA_FMT_MD, the_pack.r); /* no unproven= there */
    assert_contains(s, "Instance 77aa failed to spawn (cause not proven: no failure that could "
                       "explain it was found in these reports)");
    free(s);
    pack_free(&p);
    result_free(r);
}

/* The columns of codes.list load, and a line with none (the old format) still does. */
static void codes_list_columns(void **state)
{
    (void)state;
    const rca_code_words *w = rca_rules_code_words(the_pack.r, "provnet-normal");
    assert_non_null(w);
    assert_string_equal(w->noun, "provider-network ports");
    assert_int_equal(w->in_sentence, 0);
    w = rca_rules_code_words(the_pack.r, "disk-ok");
    assert_non_null(w);
    assert_string_equal(w->noun, "disk");
    assert_int_equal(w->in_sentence, 1);
    w = rca_rules_code_words(the_pack.r, "no-valid-host");
    assert_non_null(w);
    assert_null(w->noun);
    assert_int_equal(w->in_sentence, 1);
    assert_null(w->unproven);
    assert_null(rca_rules_code_words(the_pack.r, "no-such-code"));
    assert_null(rca_rules_code_words(NULL, "disk-ok"));
}

/* A malformed column is an error at its codes.list line and column, with the line for a caret. */
static void codes_list_bad_columns(void **state)
{
    (void)state;
    static const struct {
        const char *line, *error;
        unsigned col;
    } cases[] = {
        {"disk-ok ruled-out  wording=disk", "unknown column 'wording' (noun, sentence, unproven)",
         20},
        {"disk-ok ruled-out  noun", "expected a column 'key=value'", 20},
        {"disk-ok ruled-out  =disk", "expected a column 'key=value'", 20},
        {"disk-ok ruled-out  noun=", "column 'noun' has no value", 20},
        {"disk-ok ruled-out  noun=\"  \"", "column 'noun' has no value", 20},
        {"disk-ok ruled-out  noun=\"root disk", "a quoted value has no closing '\"'", 25},
        {"disk-ok ruled-out  noun=a noun=b", "column 'noun' given twice", 27},
        {"disk-ok ruled-out  sentence=maybe", "sentence= is yes or no, not 'maybe'", 29},
        {"disk-ok  noun=disk", "expected '<code> <class>'", 1},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        char codes[256];
        snprintf(codes, sizeof codes, "# a comment\nvif-plug-timeout intermediate\n%s # why\n",
                 cases[i].line);
        pack p;
        assert_int_equal(pack_load(&p, codes), RCA_ESYNTAX);
        const tu_msg *m = tu_diag_expect(&p.d, RCA_DIAG_ERROR, cases[i].error);
        if (!strstr(m->where, "codes.list") || m->line != 3 || m->col != cases[i].col)
            fail_msg("%s: error at %s:%u:%u, expected codes.list:3:%u", cases[i].line, m->where,
                     m->line, m->col, cases[i].col);
        assert_non_null(m->src);
        assert_non_null(strstr(m->src, cases[i].line));
        assert_null(p.r);
        pack_free(&p);
    }
}

/* Other findings are listed most severe first by the product's ranking (critical, error, warning,
 * info), a severity it does not know last and labelled "unknown". */
static void other_findings_by_severity(void **state)
{
    (void)state;
    rca_result *r = result_new();
    add_finding(r, "rpc-timeout", "intermediate", "info", "ctl-0", "an info");
    add_finding(r, "rpc-timeout", "intermediate", "fatal", "ctl-0", "a made-up severity");
    add_finding(r, "rpc-timeout", "intermediate", "warning", "ctl-0", "a warning");
    add_finding(r, "oom-kill", "root", "critical", "ctl-0", "a critical");
    add_finding(r, "rpc-timeout", "intermediate", "error", "ctl-0", "an error");
    char *s = render(r, RCA_FMT_TEXT, 0, 1);
    assert_contains(s, "Other findings\n"
                       "  critical [oom-kill] ctl-0  a critical\n"
                       "  error    [rpc-timeout] ctl-0  an error\n"
                       "  warning  [rpc-timeout] ctl-0  a warning\n"
                       "  info     [rpc-timeout] ctl-0  an info\n"
                       "  unknown  [rpc-timeout] ctl-0  a made-up severity\n");
    free(s);
    result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_groups_chains_sharing_a_root),
        cmocka_unit_test(text_single_chain_sentence),
        cmocka_unit_test(sentence_quotes_checks_of_chain_hosts),
        cmocka_unit_test(findings_known_by_id),
        cmocka_unit_test(text_chain_of_one),
        cmocka_unit_test(text_no_chains),
        cmocka_unit_test(json_shape_and_figures),
        cmocka_unit_test(text_escapes_bundle_text),
        cmocka_unit_test(json_keeps_hostile_text_valid),
        cmocka_unit_test(markdown_escapes_injection),
        cmocka_unit_test(markdown_code_span_survives_backticks),
        cmocka_unit_test(markdown_hosts_table),
        cmocka_unit_test(colour_only_when_asked),
        cmocka_unit_test(stable_mode_omits_timings),
        cmocka_unit_test(long_evidence_is_cut),
        cmocka_unit_test(warnings_past_the_cap),
        cmocka_unit_test(evidence_with_nul),
        cmocka_unit_test(format_names),
        cmocka_unit_test(json_out_of_memory),
        cmocka_unit_test(write_error_is_eio),
        cmocka_unit_test(diag_with_caret),
        cmocka_unit_test(diag_bundle_and_locations),
        cmocka_unit_test(missing_values_are_shown_as_such),
        cmocka_unit_test(sentence_words_come_from_the_pack),
        cmocka_unit_test(unproven_words_from_the_pack),
        cmocka_unit_test(codes_list_columns),
        cmocka_unit_test(codes_list_bad_columns),
        cmocka_unit_test(other_findings_by_severity),
    };
    return cmocka_run_group_tests(tests, pack_setup, pack_teardown);
}
