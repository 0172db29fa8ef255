/* test_rules.c - unit tests of src/rules/: rule packs written into a scratch folder and loaded the
 * way `sosrca rules lint` and `sosrca analyze` load them. Every lint error must come out at the
 * file:line (and, for a regex, the column) a support engineer has to fix; a correct pack loads.
 * The lint errors for what breaks chains silently (fields a title, key or link names that no rule
 * produces, rule ids in a check's SQL, samples that do not yield what they state) also put the caret
 * under the mistake. Then a small pack is run end to end on an in-memory store: a symptom explained by a root cause on
 * a shared port, the time relation that keeps a later cause from explaining an earlier effect, a
 * recovery marker (`until`) closing a cause's window, a field borrowed from a related finding, and
 * a healthy check coming out as "ruled out". Last, the literal prefilter is checked never to reject
 * a line its regex matches, lint to warn about a rule without literal, and the automaton of a file
 * with many rules to store the same hits as trying every rule with memmem.
 */
#include "testutil.h"

#include <math.h>

#include "rca_parse.h"
#include "rca_rules.h"
#include "rca_store.h"
#include "rules/rules_internal.h"

/* ------------------------------------------------------------------ packs */

static const char codes_list[] =
    "# test codes\n"
    "vif-timeout          symptom        # nova gave up waiting for the VIF\n"
    "port-claim-failed    root\n"
    "disk-full            root\n"
    "disk-ok              ruled-out\n";

static const char layout_map[] =
    "var/log/nova/nova-compute.log*     log   nova-compute\n"
    "var/log/ovn/ovn-controller.log*    log   ovn-controller\n"
    "sos_commands/filesys/df_-al        df    -\n";

#define PORT "24129afd-416d-441c-b1ed-83113f9753fb"
#define PORT2 "9d1b4c1e-0f6c-4f0e-a1b2-33c4d5e6f708"

static const char nova_rules[] =
    "# nova's side of a failed boot\n"
    "rule nova-vif-timeout\n"
    "  code      vif-timeout\n"
    "  severity  error\n"
    "  files     service:nova-compute\n"
    "  match     Timeout waiting for vif plugging callback for port (?<port>[0-9a-f-]{36})\n"
    "  key       port\n"
    "  borrow    chassis from ovn-claim-failed on port\n"
    "  title     VIF {port} timed out on {host} (chassis {chassis})\n"
    "  explain   >\n"
    "    nova waited for network-vif-plugged\n"
    "    and gave up.\n"
    "  remedy    Look at the port's binding.\n"
    "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Timeout waiting for vif plugging callback for port " PORT "\n"
    "  nosample  2025-05-02 10:20:29.874 4711 INFO nova.compute.manager [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Starting instance...\n";

/* nova_rules without the borrow: a pack of its own (the lint cases) */
static const char nova_rules_alone[] =
    "# nova's side of a failed boot\n"
    "rule nova-vif-timeout\n"
    "  code      vif-timeout\n"
    "  severity  error\n"
    "  files     service:nova-compute\n"
    "  match     Timeout waiting for vif plugging callback for port (?<port>[0-9a-f-]{36})\n"
    "  key       port\n"
    "  title     VIF {port} timed out on {host}\n"
    "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for vif plugging callback for port " PORT "\n"
    "  nosample  2025-05-02 10:20:29.874 4711 INFO nova.compute.manager [-] Starting instance...\n";

static const char ovn_rules[] =
    "rule ovn-claim-failed\n"
    "  code      port-claim-failed\n"
    "  severity  critical\n"
    "  files     service:ovn-controller\n"
    "  logger    binding\n"
    "  match     ^Failed to claim port (?<port>[0-9a-f-]{36}) for chassis (?<chassis>[a-z0-9-]+)\n"
    "  key       port\n"
    "  until     ovn-port-claimed on port\n"
    "  title     ovn-controller on {host} cannot claim {port}\n"
    "  ref       https://docs.ovn.org/\n"
    "  explains  nova-vif-timeout on port\n"
    "  sample    2025-05-02T10:10:00.000Z|00042|binding|WARN|Failed to claim port " PORT " for chassis cmp-1-chassis\n"
    "  nosample  2025-05-02T10:10:00.000Z|00043|binding|INFO|Claiming lport " PORT " for this chassis.\n"
    "\n"
    "marker ovn-port-claimed\n"
    "  files     service:ovn-controller\n"
    "  match     ^Claiming lport (?<port>[0-9a-f-]{36}) for this chassis\n"
    "  sample    2025-05-02T10:10:00.000Z|00043|binding|INFO|Claiming lport " PORT " for this chassis.\n"
    "  nosample  2025-05-02T10:10:00.000Z|00042|binding|WARN|Failed to claim port " PORT " for chassis cmp-1-chassis\n";

static const char disk_rules[] =
    "check disk-ok\n"
    "  code      disk-ok\n"
    "  severity  info\n"
    "  sql |\n"
    "    SELECT d.host_id, d.file_id, d.lineno, h.hostname AS host, d.mount, d.use_pct\n"
    "    FROM df d JOIN host h ON h.id = d.host_id\n"
    "    WHERE d.kind = 'blocks' AND d.use_pct < 90\n"
    "  key       host mount\n"
    "  title     disk on {host}: {mount} is {use_pct}% used\n"
    "  sample |\n"
    "    df host=cmp-1 kind=blocks mount=/ use_pct=40 total=100\n"
    "  nosample |\n"
    "    df host=cmp-1 kind=blocks mount=/ use_pct=97 total=100\n";

typedef struct pack {
    char *dir;
    tu_diag d;
    rca_rules *r;
} pack;

/* A pack folder with the codes list, the layout and the given rule files (name, text, ...). */
static void pack_write(pack *p, const char *const *files)
{
    memset(p, 0, sizeof *p);
    p->dir = tu_mkdtemp();
    tu_diag_init(&p->d);
    tu_write_str(p->dir, "codes.list", codes_list);
    tu_write_str(p->dir, "layout.map", layout_map);
    for (size_t i = 0; files[i]; i += 2)
        tu_write_str(p->dir, files[i], files[i + 1]);
}

static rca_err pack_load(pack *p, int check_samples)
{
    return rca_rules_load(p->dir, check_samples, &p->d.d, &p->r);
}

static void pack_free(pack *p)
{
    rca_rules_free(p->r);
    tu_diag_free(&p->d);
    tu_rmtree(p->dir);
    free(p->dir);
}

/* 1-based line of the first line of text containing needle (0 if none), and its column. */
static unsigned line_of(const char *text, const char *needle, unsigned *col)
{
    const char *at = strstr(text, needle);
    if (!at)
        return 0;
    unsigned line = 1;
    const char *bol = text;
    for (const char *p = text; p < at; p++)
        if (*p == '\n') {
            line++;
            bol = p + 1;
        }
    if (col)
        *col = (unsigned)(at - bol) + 1;
    return line;
}

/* The error whose text contains `text`, which must be at file:line; returns it. */
static const tu_msg *expect_error_at(const pack *p, const char *text, const char *file, unsigned line)
{
    const tu_msg *m = NULL;
    for (size_t i = 0; i < p->d.n; i++)
        if (p->d.m[i].sev == RCA_DIAG_ERROR && strstr(p->d.m[i].text, text)) {
            m = &p->d.m[i];
            if (tu_ends(m->where, file) && m->line == line)
                return m;
        }
    tu_diag_dump(&p->d);
    if (m)
        fail_msg("error \"%s\" is at %s:%u, expected %s:%u", text, m->where, m->line, file, line);
    fail_msg("no error \"%s\" (expected at %s:%u)", text, file, line);
    return NULL;
}

/* ------------------------------------------------------------------ a correct pack */

static void test_good_pack_loads(void **state)
{
    (void)state;
    pack p;
    const char *files[] = {"nova/build.rules", nova_rules, "ovn/controller.rules", ovn_rules,
                           "system/disk.rules", disk_rules, NULL};
    pack_write(&p, files);
    rca_err rc = pack_load(&p, 1);
    if (rc != RCA_OK || tu_diag_count(&p.d, RCA_DIAG_ERROR)) {
        tu_diag_dump(&p.d);
        fail_msg("the pack does not load: %s", rca_err_str(rc));
    }
    assert_int_equal(rca_rules_count(p.r), 4);
    assert_non_null(rca_rules_layout(p.r));
    assert_non_null(rca_layout_classify(rca_rules_layout(p.r), "var/log/ovn/ovn-controller.log.1"));
    /* each log selects its own rules; the same set comes back for the same file */
    const rca_fileset *fn = NULL, *fo = NULL, *fx = NULL, *fz = NULL, *fn1 = NULL;
    assert_int_equal(rca_rules_for_file(p.r, "nova-compute", "var/log/nova/nova-compute.log", &fn), RCA_OK);
    assert_int_equal(rca_rules_for_file(p.r, "ovn-controller", "var/log/ovn/ovn-controller.log", &fo), RCA_OK);
    assert_int_equal(rca_rules_for_file(p.r, "neutron-server", "var/log/neutron/server.log", &fx), RCA_OK);
    assert_int_equal(rca_rules_for_file(p.r, NULL, "sos_commands/filesys/df_-al", &fz), RCA_OK);
    assert_false(rca_fileset_empty(fn));
    assert_false(rca_fileset_empty(fo));
    assert_true(rca_fileset_empty(fx));
    assert_true(rca_fileset_empty(fz)); /* checks never run on lines */
    assert_int_equal(rca_rules_for_file(p.r, "nova-compute", "var/log/nova/nova-compute.log.1", &fn1), RCA_OK);
    assert_ptr_equal(fn, fn1);
    pack_free(&p);
    /* without sample checks it loads too */
    pack_write(&p, files);
    assert_int_equal(pack_load(&p, 0), RCA_OK);
    pack_free(&p);
}

/* ------------------------------------------------------------------ lint errors */

/* The rule files of a lint case are a-nova.rules (nova_rules, read first) and bad.rules. */
typedef struct lint_case {
    const char *name;
    const char *bad;       /* text of bad.rules */
    int check_samples;
    const char *message;   /* part of the error text */
    const char *at;        /* a piece of the line the error must point at */
} lint_case;

#define RULE_HEAD(id)                                                                              \
    "rule " id "\n"                                                                                \
    "  code      vif-timeout\n"                                                                    \
    "  severity  error\n"                                                                          \
    "  files     service:nova-compute\n"
#define GOOD_MATCH "  match     Timeout waiting for vif plugging callback for port (?<port>[0-9a-f-]{36})\n"
#define GOOD_TITLE "  title     t {port}\n"
#define HOST_TITLE "  title     t on {host}\n" /* for a match without port */
#define FIRES "2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for vif plugging callback for port " PORT
#define QUIET "2025-05-02 10:20:29.874 4711 INFO nova.compute.manager [-] Starting instance..."
#define GOOD_SAMPLES "  sample    " FIRES "\n  nosample  " QUIET "\n"

static const lint_case lint_cases[] = {
    {"unknown key", RULE_HEAD("r-key") GOOD_MATCH GOOD_TITLE "  colour    red\n" GOOD_SAMPLES, 0,
     "unknown key 'colour'", "colour"},
    {"unknown key in a check",
     "check c-key\n  code disk-ok\n  severity info\n  sql SELECT 1\n  title t\n  files service:x\n"
     "  sample |\n    df host=a kind=blocks\n  nosample |\n    df host=a kind=blocks\n",
     0, "unknown key 'files' in a check", "files"},
    {"property before any rule", "  code vif-timeout\n" RULE_HEAD("r-x") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "outside a rule", "code vif-timeout"},
    {"unindented property", RULE_HEAD("r-y") "severity error\n" GOOD_MATCH GOOD_TITLE GOOD_SAMPLES, 0,
     "expected 'rule <id>'", "severity error\n"},
    {"duplicate id in one file",
     RULE_HEAD("r-dup") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES "\n" RULE_HEAD("r-dup ") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "duplicate rule id 'r-dup'", "rule r-dup \n"},
    {"duplicate of a rule in another file", RULE_HEAD("nova-vif-timeout") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "duplicate rule id 'nova-vif-timeout' (first defined at", "rule nova-vif-timeout"},
    {"bad rule id", RULE_HEAD("Bad_ID!") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES, 0, "a rule id is", "rule Bad_ID!"},
    {"unknown code",
     "rule r-code\n  code      no-such-code\n  severity  error\n  files     service:nova-compute\n"
     GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "unknown code 'no-such-code'", "rule r-code"},
    {"no code", "rule r-nocode\n  severity  error\n  files service:nova-compute\n" GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "has no code", "rule r-nocode"},
    {"unknown severity",
     "rule r-sev\n  code vif-timeout\n  severity  fatal\n  files service:nova-compute\n" GOOD_MATCH GOOD_TITLE GOOD_SAMPLES,
     0, "unknown severity 'fatal'", "severity  fatal"},
    {"unknown service", "rule r-svc\n  code vif-timeout\n  severity error\n  files service:nova-api\n" GOOD_MATCH
     GOOD_TITLE GOOD_SAMPLES, 0, "no path in layout.map has service 'nova-api'", "rule r-svc"},
    {"no match", RULE_HEAD("r-nomatch") GOOD_TITLE GOOD_SAMPLES, 0, "at least one 'match'", "rule r-nomatch"},
    {"unknown level", RULE_HEAD("r-lvl") "  level     ERROR LOUD\n" GOOD_MATCH GOOD_TITLE GOOD_SAMPLES, 0,
     "unknown level 'LOUD'", "level     ERROR LOUD"},
    {"explains a missing rule",
     RULE_HEAD("r-expl") GOOD_MATCH GOOD_TITLE "  explains  no-such-rule on port\n" GOOD_SAMPLES, 0,
     "explains 'no-such-rule': no rule or code by that name", "explains  no-such-rule"},
    {"a rule that explains itself",
     RULE_HEAD("r-self") GOOD_MATCH GOOD_TITLE "  explains  r-self on port\n" GOOD_SAMPLES, 0,
     "cause loop: r-self explains r-self (", "explains  r-self"},
    {"two rules that explain each other",
     RULE_HEAD("r-loop-a") GOOD_MATCH GOOD_TITLE "  explains  r-loop-b on port\n" GOOD_SAMPLES "\n"
     RULE_HEAD("r-loop-b") GOOD_MATCH GOOD_TITLE "  explains  r-loop-a on port\n" GOOD_SAMPLES, 0,
     "cause loop: r-loop-a explains r-loop-b (", "explains  r-loop-b"},
    {"a cause loop through codes",
     RULE_HEAD("r-code-a") GOOD_MATCH GOOD_TITLE "  explains  port-claim-failed on port\n" GOOD_SAMPLES "\n"
     "rule r-code-b\n  code      port-claim-failed\n  severity  error\n  files     service:nova-compute\n"
     GOOD_MATCH GOOD_TITLE "  explains  vif-timeout on port\n" GOOD_SAMPLES, 0,
     "cause loop: r-code-a explains port-claim-failed, the code of r-code-b (", "explains  port-claim-failed"},
    {"explains with a bad window",
     RULE_HEAD("r-within") GOOD_MATCH GOOD_TITLE "  explains  nova-vif-timeout on port within soon\n" GOOD_SAMPLES, 0,
     "'within' needs a duration", "within soon"},
    {"explains with a stray word",
     RULE_HEAD("r-stray") GOOD_MATCH GOOD_TITLE "  explains  nova-vif-timeout by port\n" GOOD_SAMPLES, 0,
     "unexpected 'by'", "by port"},
    {"until names no marker",
     RULE_HEAD("r-until") GOOD_MATCH GOOD_TITLE "  until     nova-vif-timeout on port\n" GOOD_SAMPLES, 0,
     "until 'nova-vif-timeout': no marker by that name", "until     nova-vif-timeout"},
    {"borrow from nothing",
     RULE_HEAD("r-borrow") GOOD_MATCH GOOD_TITLE "  borrow    host from nobody on port\n" GOOD_SAMPLES, 0,
     "borrow from 'nobody'", "borrow    host"},
    {"missing nosample", RULE_HEAD("r-nonos") GOOD_MATCH GOOD_TITLE "  sample    " FIRES "\n", 0,
     "needs at least one 'sample'", "rule r-nonos"},
    {"missing sample", RULE_HEAD("r-nos") GOOD_MATCH GOOD_TITLE "  nosample  " QUIET "\n", 0,
     "needs at least one 'sample'", "rule r-nos"},
    {"sample that does not fire",
     RULE_HEAD("r-nofire") GOOD_MATCH GOOD_TITLE "  sample    " FIRES "\n  sample    " QUIET " (not it)\n  nosample  " QUIET "\n",
     1, "sample does not fire the rule", "(not it)"},
    {"nosample that fires",
     RULE_HEAD("r-fires") GOOD_MATCH GOOD_TITLE "  sample    " FIRES "\n  nosample  " FIRES " (again)\n", 1,
     "nosample fires the rule", "(again)"},
    {"check with invalid SQL",
     "check c-sql\n  code      disk-ok\n  severity  info\n  sql |\n    SELECT host_id, mount\n"
     "    FROM no_such_table WHERE use_pct < 90\n  title     t\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  nosample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=97\n",
     1, "no such table: no_such_table", "SELECT host_id, mount"},
    {"check without sql", "check c-nosql\n  code disk-ok\n  severity info\n  title t\n"
     "  sample |\n    df host=a kind=blocks\n  nosample |\n    df host=a kind=blocks\n",
     0, "a check needs 'sql'", "check c-nosql"},
    {"check that writes",
     "check c-write\n  code      disk-ok\n  severity  info\n  sql       DELETE FROM df\n  title     t\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  nosample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=97\n",
     1, "read-only", "sql       DELETE"},
    {"check fixture with a bad row",
     "check c-fix\n  code      disk-ok\n  severity  info\n  sql       SELECT 1 FROM df\n  title     t\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/\n    df host=cmp-1 no-equals-sign\n"
     "  nosample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=97\n",
     1, "a fixture row is", "no-equals-sign"},
    {"check fixture with a row its table refuses",
     "check c-refused\n  code      disk-ok\n  severity  info\n  sql       SELECT 1 FROM df\n  title     t\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/\n    df host=cmp-1 mount=/var\n"
     "  nosample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=97\n",
     1, "fixture row not accepted (table 'df': cannot add a row: NOT NULL constraint failed: df.kind)",
     "mount=/var"},
    {"marker with a code",
     "marker m-code\n  code      vif-timeout\n  files     service:nova-compute\n" GOOD_MATCH GOOD_SAMPLES, 0,
     "a marker has no code", "marker m-code"},
    {"roles check with a title",
     "roles r-title\n  sql       SELECT 1 AS host_id, 'compute' AS roles\n  title     t\n"
     "  sample |\n    host name=cmp-1\n  nosample |\n    host name=cmp-1\n",
     0, "a roles check has no code, severity, title", "roles r-title"},
    {"roles check without a roles column",
     "roles r-cols\n  sql       SELECT h.id AS host_id FROM host h WHERE h.hostname = 'cmp-1'\n"
     "  sample |\n    host name=cmp-1\n  nosample |\n    host name=cmp-2\n",
     1, "a roles check needs a result column 'roles'", "sql       SELECT h.id"},
    {"marker with a title",
     "marker m-title\n  files     service:nova-compute\n" GOOD_MATCH "  title     x\n" GOOD_SAMPLES, 0,
     "a marker has no code", "marker m-title"},
};

/* Load a lint case: the pack must be refused with the case's error at its line, showing that line,
 * and, when caret is not NULL, with the caret under the first `caret` of that line. */
static void run_lint_case(const lint_case *c, const char *caret)
{
    pack p;
    const char *files[] = {"bad.rules", c->bad, "a-nova.rules", nova_rules_alone, NULL};
    pack_write(&p, files);
    rca_err rc = pack_load(&p, c->check_samples);
    if (rc != RCA_ESYNTAX) {
        tu_diag_dump(&p.d);
        fail_msg("%s: loaded with %s", c->name, rca_err_str(rc));
    }
    assert_null(p.r);
    unsigned line = line_of(c->bad, c->at, NULL);
    if (!line)
        fail_msg("%s: bad test, '%s' not in the rule text", c->name, c->at);
    const tu_msg *m = expect_error_at(&p, c->message, "bad.rules", line);
    char first[128]; /* the shown line holds `at` up to its first newline */
    snprintf(first, sizeof first, "%.*s", (int)strcspn(c->at, "\n"), c->at);
    if (m->src && !strstr(m->src, first))
        fail_msg("%s: the line shown (%s) is not the line of '%s'", c->name, m->src, first);
    if (caret) {
        /* the column of caret in the line of `at` */
        const char *at = strstr(c->bad, c->at);
        const char *bol = at;
        while (bol > c->bad && bol[-1] != '\n')
            bol--;
        unsigned col = (unsigned)(strstr(bol, caret) - bol) + 1;
        if (m->col != col)
            fail_msg("%s: caret at column %u, expected %u (under '%s')", c->name, m->col, col,
                     caret);
    }
    if (strstr(c->message, "first defined") && !strstr(m->text, "a-nova.rules:2)"))
        fail_msg("%s: \"%s\" does not say where the first one is (a-nova.rules:2)", c->name, m->text);
    pack_free(&p);
}

static void test_lint_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(lint_cases); i++)
        run_lint_case(&lint_cases[i], NULL);
}

/* A fixture with more hosts than it holds is refused at the first host too many, not run with
 * that row's host_id 0 (the check would pass or fail on rows of no host). */
static void test_lint_fixture_hosts(void **state)
{
    (void)state;
    rca_buf text;
    rca_buf_init(&text);
    rca_buf_adds(&text, "check c-hosts\n  code      disk-ok\n  severity  info\n"
                        "  sql       SELECT d.host_id, d.mount FROM df d\n  title     {mount}\n"
                        "  sample |\n");
    for (int i = 1; i <= 33; i++)
        rca_buf_printf(&text, "    df host=h%02d kind=blocks mount=/ use_pct=40\n", i);
    rca_buf_adds(&text, "  nosample |\n    host name=cmp-1\n");
    assert_non_null(text.p);
    const lint_case c = {"33 hosts in a fixture", text.p, 1, "rule c-hosts: a fixture has at most 32 hosts",
                         "df host=h33"};
    run_lint_case(&c, NULL);
    rca_buf_free(&text);
}

/* What breaks chains silently, caught by lint: a field a title, an explains, an until or a borrow
 * names that a rule cannot produce; a rule id in a check's SQL or fixture that is no rule; a sample
 * that does not yield what it states (a truncated capture). Each with the caret under the mistake. */
typedef struct field_case {
    lint_case c;
    const char *caret;
} field_case;

static const field_case field_cases[] = {
    /* fields a finding cannot have: the report would show '?', or a link would never form */
    {{"title with a field the rule cannot produce",
     RULE_HEAD("r-title") GOOD_MATCH "  title     VIF {prt} timed out on {host}\n" GOOD_SAMPLES, 1,
     "title: {prt} is not a field of this rule", "{prt}"}, "{prt}"},
    {{"remedy with a field the rule cannot produce (the report would print it as '?')",
     RULE_HEAD("r-remedy") GOOD_MATCH GOOD_TITLE "  remedy    Restart the agent on {agent_host}.\n" GOOD_SAMPLES, 1,
     "remedy: {agent_host} is not a field of this rule", "{agent_host}"}, "{agent_host}"},
    {{"check title with a column the SQL does not return",
     "check c-title\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT d.host_id, d.mount, d.use_pct FROM df d\n"
     "  title     {mount} is {use_pct}% used ({avail} free)\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "title: {avail} is not a field of this rule", "{avail}"}, "{avail}"},
    {{"check title with a special column",
     "check c-special\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT d.host_id, d.lineno, d.mount FROM df d\n"
     "  title     {mount} (line {lineno})\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "title: {lineno} is not a field of this rule", "{lineno}"}, "{lineno}"},
    {{"explains on a field the cause does not have",
     RULE_HEAD("r-expl-cause") GOOD_MATCH GOOD_TITLE "  explains  nova-vif-timeout on chassis\n" GOOD_SAMPLES, 1,
     "explains nova-vif-timeout on chassis: this rule has no field 'chassis'", "explains  nova-vif"},
     "chassis"},
    {{"explains on a field the effect does not have",
     RULE_HEAD("r-expl-effect") GOOD_MATCH GOOD_TITLE "  explains  nova-vif-timeout on port=chassis\n"
     GOOD_SAMPLES, 1,
     "explains nova-vif-timeout on port=chassis: rule nova-vif-timeout has no field 'chassis'",
     "explains  nova-vif"}, "chassis"},
    {{"explains a code one of whose rules lacks the field",
     "rule r-expl-code\n  code      port-claim-failed\n  severity  error\n  files     service:nova-compute\n"
     GOOD_MATCH GOOD_TITLE "  explains  vif-timeout on port=slot\n" GOOD_SAMPLES, 1,
     "explains vif-timeout on port=slot: rule nova-vif-timeout (code vif-timeout) has no field 'slot'",
     "explains  vif-timeout"}, "slot"},
    {{"until on a field the marker does not have",
     "marker m-up\n  files     service:nova-compute\n  match     ^Port (?<port>\\S+) up\n"
     "  sample    2025-05-02 10:20:29.874 4711 INFO nova.compute.manager [-] Port " PORT " up\n"
     "  nosample  " QUIET "\n\n"
     RULE_HEAD("r-until-f") GOOD_MATCH GOOD_TITLE "  until     m-up on port=vif\n" GOOD_SAMPLES, 1,
     "until m-up on port=vif: rule m-up has no field 'vif'", "until     m-up"}, "vif"},
    {{"borrow of a field the other rule does not have",
     RULE_HEAD("r-borrow-f") GOOD_MATCH "  title     t {port} {chassis}\n"
     "  borrow    chassis from nova-vif-timeout on port\n" GOOD_SAMPLES, 1,
     "borrow chassis=chassis from nova-vif-timeout: rule nova-vif-timeout has no field 'chassis' to copy",
     "borrow    chassis"}, "chassis"},
    {{"key on a field the rule does not capture",
     RULE_HEAD("r-key-req") GOOD_MATCH GOOD_TITLE "  key       port req\n" GOOD_SAMPLES, 1,
     "key: 'req' is nothing this rule can group by, so findings that differ in it would be one "
     "(it can group by: port, instance, host)", "key       port"}, "req"},
    {{"check key on host without a host column",
     "check c-key-host\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT d.host_id, d.mount FROM df d\n  key       mount host\n  title     {mount}\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "key: 'host' is nothing this rule can group by, so findings that differ in it would be one "
     "(it can group by: host_id, mount)", "key       mount"}, "host"},
    /* rule ids in a check's SQL */
    {{"check SQL reading a rule that does not exist",
     "check c-rule\n  code      disk-ok\n  severity  info\n  sql |\n"
     "    SELECT h.host_id, json_extract(h.fields, '$.port') AS port\n"
     "    FROM hit h WHERE h.rule = 'nova-vif-timout'\n"
     "  title     t {port}\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{\"port\":\"p1\"}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the SQL compares a rule column with 'nova-vif-timout', which is no rule of the pack",
     "FROM hit h"}, "'nova-vif-timout'"},
    {{"check SQL with a missing rule in an IN list",
     "check c-rule-in\n  code      disk-ok\n  severity  info\n  sql |\n"
     "    SELECT h.host_id FROM hit h\n"
     "    WHERE h.rule NOT IN ('nova-vif-timeout', \"r-x\")\n"
     "      AND \"rule\" IN ('nova-vif-timeout',\n"
     "                     'r-gone')\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the SQL compares a rule column with 'r-gone'", "'r-gone'"}, "'r-gone'"},
    {{"check SQL with a missing rule on the left",
     "check c-rule-left\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT host_id FROM hit WHERE 'r-gone' == hit.rule\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the SQL compares a rule column with 'r-gone'", "sql       SELECT"}, "'r-gone'"},
    /* the rules, markers and codes a check reads, declared with `reads` */
    {{"check reads a rule that does not exist",
     "check c-reads\n  code      disk-ok\n  severity  info\n"
     "  reads     nova-vif-timeout nova-vif-timout\n"
     "  sql       SELECT host_id FROM hit WHERE rule = 'nova-vif-timeout'\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "rule c-reads: reads 'nova-vif-timout': no rule, marker or code by that name",
     "reads     nova"}, "nova-vif-timout"},
    {{"check SQL comparing a rule it does not declare",
     "check c-undeclared\n  code      disk-ok\n  severity  info\n  sql |\n"
     "    SELECT h.host_id FROM hit h\n"
     "    WHERE h.rule = 'nova-vif-timeout'\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "rule c-undeclared: the SQL reads 'nova-vif-timeout', a rule or code of the pack, without "
     "declaring it in 'reads'", "WHERE h.rule"}, "'nova-vif-timeout'"},
    {{"check SQL naming an undeclared code outside a rule column",
     "check c-undeclared-code\n  code      disk-ok\n  severity  info\n"
     "  reads     nova-vif-timeout\n"
     "  sql       SELECT host_id, 'vif-timeout' AS c FROM hit WHERE rule = 'nova-vif-timeout'\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timeout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the SQL reads 'vif-timeout', a rule or code of the pack, without declaring it",
     "sql       SELECT"}, "'vif-timeout'"},
    {{"check fixture with a hit of a rule that does not exist",
     "check c-fix-rule\n  code      disk-ok\n  severity  info\n"
     "  reads     nova-vif-timeout\n"
     "  sql       SELECT host_id FROM hit WHERE rule = 'nova-vif-timeout'\n"
     "  title     t\n"
     "  sample |\n    hit host=cmp-1 rule=nova-vif-timout fields='{}'\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the fixture row is a hit of rule 'nova-vif-timout', which is not in the pack",
     "rule=nova-vif-timout"}, "rule=nova-vif-timout"},
    /* samples that state what they yield */
    {{"a truncated capture",
     RULE_HEAD("r-cut") "  match     Timeout waiting for vif plugging callback for port (?<port>[0-9a-f]+)\n"
     GOOD_TITLE "  sample    " FIRES "\n  yields    port=" PORT "\n  nosample  " QUIET "\n", 1,
     "the sample yields port=\"24129afd\", not \"" PORT "\"", "yields    port"}, "port="},
    {{"a yields field the match does not give",
     RULE_HEAD("r-nofield") GOOD_MATCH GOOD_TITLE "  sample    " FIRES "\n  yields    port=" PORT
     " instance=8e45e1f7-ad4a-4420-aa32-8f6090d6c196\n  nosample  " QUIET "\n", 1,
     "the sample yields no field 'instance' (it yields: port)", "yields    port"}, "instance="},
    {{"yields under a nosample",
     RULE_HEAD("r-yno") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES "  yields    port=" PORT "\n", 0,
     "'yields' goes under the 'sample' whose fields it states (a nosample yields nothing)",
     "yields    port"}, "yields"},
    {{"yields that are not pairs",
     RULE_HEAD("r-ybad") GOOD_MATCH GOOD_TITLE "  sample    " FIRES "\n  yields    port\n  nosample  " QUIET "\n",
     0, "yields: expected NAME=VALUE pairs", "yields    port"}, "port"},
    {{"check yields a value no row has",
     "check c-yields\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT d.host_id, d.mount, d.use_pct FROM df d\n  title     {mount}\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "    df host=cmp-1 kind=blocks mount=/var use_pct=41\n"
     "  yields    mount=/var use_pct=40\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "no result row of the sample has these values (2 rows, the first: host_id=1 mount=/ use_pct=40)",
     "yields    mount"}, "mount="},
    {{"check yields a column it does not return",
     "check c-ycol\n  code      disk-ok\n  severity  info\n"
     "  sql       SELECT d.host_id, d.mount FROM df d\n  title     {mount}\n"
     "  sample |\n    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
     "  yields    mount=/ use_pct=40\n"
     "  nosample |\n    host name=cmp-1\n",
     1, "the check has no result column 'use_pct'", "yields    mount"}, "use_pct="},
};

static void test_lint_field_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(field_cases); i++)
        run_lint_case(&field_cases[i].c, field_cases[i].caret);
}

/* What lint must accept: a title field that only one alternative captures, fields that come from
 * the envelope, a borrow or a check's columns; rule names in SQL comments, JSON paths and LIKE
 * patterns; samples that yield what they state, alternatives that number their captures each their
 * own way included (each field is named by its own alternative). */
static void test_lint_fields_ok(void **state)
{
    (void)state;
    static const char good[] =
        "rule r-alt\n"
        "  code      port-claim-failed\n"
        "  severity  error\n"
        "  files     service:nova-compute\n"
        "  match     ^claim of (?<port>\\S+) by (?<chassis>\\S+) failed\n"
        "  match     ^chassis (?<chassis>\\S+) (?<reason>refused .*) for (?<port>\\S+)$\n"
        "  key       port\n"
        "  title     {chassis} could not claim {port} on {host} ({reason}) {count}x {first}-{last}\n"
        "  explains  nova-vif-timeout on port\n"
        "  explains  r-borrower on chassis=chassis_name\n"
        "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [instance: "
        "8e45e1f7-ad4a-4420-aa32-8f6090d6c196] claim of " PORT " by cmp-1 failed\n"
        "  yields    port=" PORT " chassis=cmp-1\n"
        "  yields    instance=8e45e1f7-ad4a-4420-aa32-8f6090d6c196\n"
        "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] chassis cmp-2 "
        "refused it twice for " PORT2 "\n"
        "  yields    chassis=cmp-2 reason=\"refused it twice\" port=" PORT2 " instance=NULL\n"
        "  nosample  " QUIET "\n"
        "\n"
        "rule r-borrower\n"
        "  code      vif-timeout\n"
        "  severity  error\n"
        "  files     service:nova-compute\n"
        "  match     ^Waited for (?<port>\\S+)$\n"
        "  key       port instance host\n"
        "  borrow    chassis_name=chassis from r-alt on port\n"
        "  title     waited for {port} of {chassis_name}\n"
        "  sample    2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Waited for " PORT "\n"
        "  yields    port=" PORT "\n"
        "  nosample  " QUIET "\n"
        "\n"
        "check c-good\n"
        "  code      disk-ok\n"
        "  severity  info\n"
        "  reads     r-alt\n"
        "  reads     r-borrower vif-timeout\n"
        "  sql |\n"
        "    -- reads h.rule = 'not-a-rule' in a comment, and /* rule = 'nor-this' */\n"
        "    SELECT h.host_id, json_extract(h.fields, '$.port') AS port, d.mount, d.use_pct,\n"
        "           NULL AS gone\n"
        "    FROM hit h JOIN df d ON d.host_id = h.host_id\n"
        "    WHERE h.rule IN ('r-alt', 'r-borrower') AND h.rule NOT LIKE 'nova-%'\n"
        "      AND json_extract(h.fields, '$.rule') IS NULL AND h.rule != 'it''s'\n"
        "      AND 'vif-timeout' != 'disk-ok-not-a-code'\n"
        "  title     {port}: {mount} at {use_pct}% on {host}\n"
        "  key       port host_id\n"
        "  explains  r-alt on port\n"
        "  sample |\n"
        "    hit host=cmp-1 rule=r-alt fields='{\"port\":\"" PORT "\"}'\n"
        "    df host=cmp-1 kind=blocks mount=/ use_pct=40\n"
        "    df host=cmp-1 kind=blocks mount=/var use_pct=50\n"
        "  yields    port=" PORT " mount=/var use_pct=50 gone=NULL\n"
        "  nosample |\n"
        "    df host=cmp-1 kind=blocks mount=/ use_pct=40\n";
    pack p;
    const char *files[] = {"good.rules", good, "a-nova.rules", nova_rules_alone, NULL};
    pack_write(&p, files);
    rca_err rc = pack_load(&p, 1);
    if (rc != RCA_OK || p.d.n) {
        tu_diag_dump(&p.d);
        fail_msg("a pack whose fields all exist does not load cleanly: %s", rca_err_str(rc));
    }
    pack_free(&p);
}

/* A longer cause loop is one error that names every rule of the loop with the file:line of each
 * `explains` on the way, located at the first; causes that meet again without a loop (a diamond) and
 * a cause of a rule in a loop are no error. */
static void test_lint_cause_loop(void **state)
{
    (void)state;
#define EXPL(id, target) RULE_HEAD(id) GOOD_MATCH GOOD_TITLE "  explains  " target " on port\n" GOOD_SAMPLES "\n"
    static const char loop[] = EXPL("r-a", "r-b") EXPL("r-b", "r-c") EXPL("r-c", "r-a")
        EXPL("r-outside", "r-a");
    static const char diamond[] = EXPL("r-top", "r-left") EXPL("r-left", "r-bottom")
        RULE_HEAD("r-top-2") GOOD_MATCH GOOD_TITLE "  explains  r-right on port\n"
        "  explains  r-left on port\n" GOOD_SAMPLES "\n"
        EXPL("r-right", "r-bottom") RULE_HEAD("r-bottom") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES;
#undef EXPL
    pack p;
    const char *files[] = {"bad.rules", loop, NULL};
    pack_write(&p, files);
    assert_int_equal(pack_load(&p, 0), RCA_ESYNTAX);
    assert_null(p.r);
    const tu_msg *m = expect_error_at(&p, "cause loop", "bad.rules", line_of(loop, "r-b on", NULL));
    char want[256];
    snprintf(want, sizeof want,
             "rule r-a: cause loop: r-a explains r-b (%s:%u), r-b explains r-c (%s:%u), r-c explains "
             "r-a (%s:%u)",
             m->where, line_of(loop, "r-b on", NULL), m->where, line_of(loop, "r-c on", NULL),
             m->where, line_of(loop, "r-a on", NULL));
    if (!strstr(m->text, want))
        fail_msg("\"%s\" does not name the loop as \"%s\"", m->text, want);
    size_t loops = 0;
    for (size_t i = 0; i < p.d.n; i++)
        loops += p.d.m[i].sev == RCA_DIAG_ERROR && strstr(p.d.m[i].text, "cause loop") != NULL;
    if (loops != 1) {
        tu_diag_dump(&p.d);
        fail_msg("one loop gives %zu errors", loops);
    }
    pack_free(&p);

    const char *files2[] = {"good.rules", diamond, NULL};
    pack_write(&p, files2);
    rca_err rc = pack_load(&p, 0);
    if (rc != RCA_OK) {
        tu_diag_dump(&p.d);
        fail_msg("a diamond of causes does not load: %s", rca_err_str(rc));
    }
    pack_free(&p);
}

/* What lint prints for one mistake: the caret under the unknown key (not under its value), and one
 * error for one bad SQL text (not one per sample). */
static void test_lint_error_details(void **state)
{
    (void)state;
    static const char unknown_key[] = RULE_HEAD("r-key") GOOD_MATCH GOOD_TITLE "  colour    red\n" GOOD_SAMPLES;
    pack p;
    const char *files[] = {"bad.rules", unknown_key, NULL};
    pack_write(&p, files);
    assert_int_equal(pack_load(&p, 1), RCA_ESYNTAX);
    unsigned col = 0, line = line_of(unknown_key, "colour", &col);
    const tu_msg *m = expect_error_at(&p, "unknown key 'colour'", "bad.rules", line);
    unsigned got = m->col;
    pack_free(&p);

    static const char bad_sql[] =
        "check c-sql\n  code      disk-ok\n  severity  info\n  sql       SELECT x FROM no_such_table\n"
        "  title     t\n  sample |\n    df host=a kind=blocks\n  sample |\n    df host=b kind=blocks\n"
        "  nosample |\n    df host=a kind=blocks\n";
    const char *files2[] = {"bad.rules", bad_sql, NULL};
    pack_write(&p, files2);
    assert_int_equal(pack_load(&p, 1), RCA_ESYNTAX);
    size_t sql_errors = 0;
    for (size_t i = 0; i < p.d.n; i++)
        sql_errors += p.d.m[i].sev == RCA_DIAG_ERROR && strstr(p.d.m[i].text, "no such table");
    pack_free(&p);
    char why[256] = "";
    if (got != col)
        snprintf(why, sizeof why, "unknown key: caret at column %u, the key is at column %u. ", got, col);
    if (sql_errors != 1)
        snprintf(why + strlen(why), sizeof why - strlen(why), "one bad SQL text gives %zu errors.",
                 sql_errors);
    if (why[0])
        fail_msg("%s", why);
}

/* A bad regex: PCRE2's own message, and a column pointing at the offending character. */
static void test_lint_bad_regex(void **state)
{
    (void)state;
    static const char *const regexes[] = {
        "Timeout for port (?<port>[0-9a-f-]{36}",   /* missing ) */
        "Timeout for port [z-a]+ now",              /* range out of order */
        "Timeout (?<port>x)(?<port>y)",             /* duplicate name */
        "Timeout for port \\",                      /* \ at end */
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(regexes); i++) {
        /* what PCRE2 says about the regex */
        int err;
        PCRE2_SIZE off;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)regexes[i], PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
        assert_null(re);
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);

        rca_buf text;
        rca_buf_init(&text);
        rca_buf_printf(&text, "# a comment\n" RULE_HEAD("r-re") "  match     %s\n" GOOD_TITLE GOOD_SAMPLES,
                       regexes[i]);
        pack p;
        const char *files[] = {"bad.rules", text.p, NULL};
        pack_write(&p, files);
        assert_int_equal(pack_load(&p, 1), RCA_ESYNTAX);
        unsigned col = 0;
        unsigned line = line_of(text.p, regexes[i], &col);
        const tu_msg *m = expect_error_at(&p, "bad regex", "bad.rules", line);
        if (!strstr(m->text, (const char *)msg))
            fail_msg("\"%s\" does not carry PCRE2's \"%s\"", m->text, (const char *)msg);
        assert_non_null(strstr(m->text, "r-re"));
        if (m->col != col + (unsigned)off)
            fail_msg("regex %zu: column %u, expected %u (regex at %u, PCRE2 offset %u)", i, m->col,
                     col + (unsigned)off, col, (unsigned)off);
        /* the caret line is the regex under its column */
        assert_non_null(m->src);
        assert_true(strlen(m->src) >= col - 1 + strlen(regexes[i]));
        assert_memory_equal(m->src + col - 1, regexes[i], strlen(regexes[i]));
        pack_free(&p);
        rca_buf_free(&text);
    }
}

/* Problems with the pack's own files. */
static void test_lint_pack_files(void **state)
{
    (void)state;
    pack p;
    const char *files[] = {"nova.rules", nova_rules_alone, NULL};
    pack_write(&p, files);
    tu_write_str(p.dir, "codes.list", "vif-timeout symptom\nport-claim-failed  cause\n");
    tu_write_str(p.dir, "layout.map", "var/log/nova/nova-compute.log*  log  nova-compute\nbroken\n");
    assert_int_equal(pack_load(&p, 0), RCA_ESYNTAX);
    expect_error_at(&p, "expected '<code> <class>'", "codes.list", 2);
    expect_error_at(&p, "expected <glob> <parser> <service>", "layout.map", 2);
    pack_free(&p);
    /* not a folder */
    tu_diag d;
    tu_diag_init(&d);
    rca_rules *r = NULL;
    assert_int_not_equal(rca_rules_load("/nonexistent/pack", 0, &d.d, &r), RCA_OK);
    assert_null(r);
    tu_diag_expect(&d, RCA_DIAG_ERROR, "not a rule pack folder");
    tu_diag_free(&d);
}

/* A pack folder without any rule file: an error saying so (and no undefined behaviour on the way:
 * last in the list, as UBSan stops the program there when it finds some). */
static void test_lint_no_rule_files(void **state)
{
    (void)state;
    pack p;
    const char *none[] = {NULL};
    pack_write(&p, none);
    assert_int_equal(pack_load(&p, 0), RCA_ESYNTAX);
    tu_diag_expect(&p.d, RCA_DIAG_ERROR, "no *.rules files");
    pack_free(&p);
}

/* A regex written the way PCRE2 documents it must fire on its sample: inline flags, escapes. */
static void test_lint_regex_features(void **state)
{
    (void)state;
    static const struct {
        const char *regex, *sample;
    } cases[] = {
        {"^Error: (?i)connection refused", "Error: Connection Refused"},
        {"code \\x41BC failed", "code ABC failed"},
        {"(?<quote>['\"])ab\\k<quote>", "'ab'"},
        {"st=[^]]active", "st=Xactive"},
    };
    int bad = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        rca_buf text;
        rca_buf_init(&text);
        rca_buf_printf(&text, RULE_HEAD("r-feature") "  match     %s\n" HOST_TITLE
                       "  sample    %s\n  nosample  " QUIET "\n",
                       cases[i].regex, cases[i].sample);
        pack p;
        const char *files[] = {"f.rules", text.p, NULL};
        pack_write(&p, files);
        rca_err rc = pack_load(&p, 1);
        if (rc != RCA_OK) {
            const tu_msg *m = tu_diag_find(&p.d, RCA_DIAG_ERROR, NULL);
            print_error("lint rejects a correct rule: match %s / sample %s: %s\n", cases[i].regex,
                        cases[i].sample, m ? m->text : "?");
            bad++;
        }
        pack_free(&p);
        rca_buf_free(&text);
    }
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ the literal prefilter */

/* Each regex matches its subject (checked with PCRE2 here); the literal the prefilter requires,
 * if any, must then be in the subject, or the rule would silently never fire on such lines. */
/* Log lines carry invalid UTF-8: a rule must still match them, and its fields must stay valid JSON
 * (the byte becomes U+FFFD) so that titles and keys keep their values. */
static void test_invalid_utf8_line(void **state)
{
    (void)state;
    pack p;
    const char *files[] = {"nova/build.rules", nova_rules, "ovn/controller.rules", ovn_rules,
                           "system/disk.rules", disk_rules, NULL};
    pack_write(&p, files);
    assert_int_equal(pack_load(&p, 0), RCA_OK);
    rule *ru = rules_find(p.r, "ovn-claim-failed");
    assert_non_null(ru);
    static const char line[] = "2025-05-02T10:10:00.000Z|00042|binding|WARN|Failed to claim port " PORT
                               " for chassis cmp-1-\xff-chassis";
    rca_logctx ctx = {2025, 5, RCA_LOG_NONE};
    rca_logline ll;
    rca_parse_log_line(&ctx, line, strlen(line), &ll);
    rca_buf fields, grp;
    rca_buf_init(&fields);
    rca_buf_init(&grp);
    /* the chassis capture stops at the \xff byte ([a-z0-9-]+), the port is whole */
    int matched = 0;
    assert_int_equal(rules_match_one(p.r, ru, &ll, NULL, &fields, &grp, &matched), RCA_OK);
    assert_int_equal(matched, 1);
    assert_non_null(strstr(fields.p, "\"port\":\"" PORT "\""));
    /* a capture that spans the byte comes out as U+FFFD in valid JSON */
    rca_buf_reset(&fields);
    assert_int_equal(rca_json_str(&fields, "a\xff" "b", 3), RCA_OK);
    assert_string_equal(fields.p, "\"a\\ufffdb\"");
    rca_buf_free(&fields);
    rca_buf_free(&grp);
    pack_free(&p);
}

/* A rule with no literal runs its regex on every line of its files: lint says so, at the match;
 * a `literal` line, or a regex with literal text, keeps it quiet. */
static void test_lint_no_literal(void **state)
{
    (void)state;
    static const char text[] =
        RULE_HEAD("r-no-literal") "  match     ^(?<n>\\d+) (?<w>\\w+)$\n" HOST_TITLE
        "  sample    12 ports\n  nosample  " QUIET "\n\n"
        RULE_HEAD("r-given") "  match     x(?<port>\\d+)yz\n  literal   yz\n" GOOD_TITLE
        "  sample    x12yz\n  nosample  x12y\n\n"
        RULE_HEAD("r-found") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES;
    pack p;
    const char *files[] = {"f.rules", text, NULL};
    pack_write(&p, files);
    if (pack_load(&p, 1) != RCA_OK) {
        tu_diag_dump(&p.d);
        fail_msg("the pack does not load");
    }
    const tu_msg *m =
        tu_diag_expect(&p.d, RCA_DIAG_WARNING, "no literal text every match must contain");
    assert_non_null(strstr(m->text, "r-no-literal"));
    assert_true(tu_ends(m->where, "f.rules"));
    assert_int_equal(m->line, line_of(text, "^(?<n>", NULL));
    assert_int_equal(tu_diag_count(&p.d, RCA_DIAG_WARNING), 1);
    pack_free(&p);
}

typedef struct hit_list {
    rca_buf text; /* "rule grp fields\n" per hit */
    size_t n;
} hit_list;

static int add_hit_row(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    (void)names;
    hit_list *h = ctx;
    for (int i = 0; i < ncols; i++)
        rca_buf_printf(&h->text, "%s%s", vals[i] ? vals[i] : "NULL", i + 1 < ncols ? " " : "\n");
    h->n++;
    return 0;
}

/* Enough rules on one service for its file to get the automaton (more than 64, so that the
 * candidate bitset has two words): what rca_rules_match_line stores for each line must be what
 * trying every rule in order with memmem finds, hit for hit and in the same order. The rules have
 * literals inside others, a shared literal, two matches, none (tried on every line), a level, a
 * `literal` line and bytes outside ASCII. */
static void test_prefilter_same_hits(void **state)
{
    (void)state;
    enum { NEV = 70 };
    rca_buf text;
    rca_buf_init(&text);
    rca_buf_adds(&text,
        RULE_HEAD("r-vif") GOOD_MATCH GOOD_TITLE GOOD_SAMPLES "\n"
        RULE_HEAD("r-plug") "  match     vif plugging (?<what>\\w+)\n" HOST_TITLE
        "  sample    vif plugging done\n  nosample  vif plugging\n\n"
        RULE_HEAD("r-forport") "  match     for port (?<port>\\S+)$\n" GOOD_TITLE
        "  sample    wait for port a\n  nosample  wait for port\n\n"
        RULE_HEAD("r-two") "  match     ^Claiming lport (?<port>\\S+)\n"
        "  match     ^Releasing lport (?<port>\\S+)\n" GOOD_TITLE
        "  sample    Releasing lport a\n  nosample  Claiming lport\n\n"
        RULE_HEAD("r-no-literal") "  match     ^(?<n>\\d+) (?<w>\\w+)$\n" HOST_TITLE
        "  sample    12 ports\n  nosample  12 ports down\n\n"
        RULE_HEAD("r-level") "  level     WARNING\n  match     waiting for (?<what>\\w+)\n"
        HOST_TITLE
        "  sample    2025-05-02 10:20:29.874 4711 WARNING nova.compute.manager [-] waiting for x\n"
        "  nosample  2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] waiting for x\n\n"
        RULE_HEAD("r-given") "  match     x(?<port>\\d+)yz\n  literal   yz\n" GOOD_TITLE
        "  sample    x12yz\n  nosample  xyz\n\n"
        RULE_HEAD("r-utf8") "  match     caf\xc3\xa9 (?<what>\\w+)\n" HOST_TITLE
        "  sample    caf\xc3\xa9 noir\n  nosample  cafe noir\n\n"
        RULE_HEAD("r-dup") "  match     vif plugging (?<what>\\w+) for\n" HOST_TITLE
        "  sample    vif plugging callback for\n  nosample  vif plugging callback\n\n");
    for (int i = 0; i < NEV; i++)
        rca_buf_printf(&text,
                       "rule r-ev-%02d\n  code      vif-timeout\n  severity  error\n"
                       "  files     service:nova-compute\n"
                       "  match     event-%02d happened (?<id>\\d+)\n"
                       "  title     t\n  sample    event-%02d happened 1\n"
                       "  nosample  event-%02d happened x\n\n",
                       i, i, i, i);
    pack p;
    const char *files[] = {"nova/many.rules", text.p, NULL};
    pack_write(&p, files);
    if (pack_load(&p, 1) != RCA_OK) { /* every sample through the automaton too */
        tu_diag_dump(&p.d);
        fail_msg("the pack does not load");
    }
    static const char *const msgs[] = {
        ("Timeout waiting for vif plugging callback for port " PORT),
        "Claiming lport abc",
        "Releasing lport abc for port x",
        "12 things",
        "x12yz",
        "xyz 13 yz",
        "caf\xc3\xa9 au lait",
        "caf\xc3 \xa9",
        "event-05 happened 7 and event-64 happened 8 and event-69 happened x",
        "event-63 happened 1event-06 happened 2",
        "vent-01 happened 3 event-0 happened 4 event-01 happene 5",
        "waiting for vif plugging done",
        "nothing to see here",
        "",
    };
    tu_diag sd;
    tu_diag_init(&sd);
    rca_store *s = NULL;
    int64_t bundle, host, file;
    assert_int_equal(rca_store_create(":memory:", 0, &sd.d, &s), RCA_OK);
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/nova/nova-compute.log", "log",
                                        "nova-compute", NULL, &file), RCA_OK);
    const rca_fileset *fs = NULL;
    assert_int_equal(rca_rules_for_file(p.r, "nova-compute", "var/log/nova/nova-compute.log", &fs),
                     RCA_OK);
    assert_int_equal(fs->n, 9 + NEV);
    assert_non_null(fs->pf);
    rca_buf fields, grp, line;
    rca_buf_init(&fields);
    rca_buf_init(&grp);
    rca_buf_init(&line);
    size_t total = 0;
    int64_t lineno = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(msgs); i++)
        for (int form = 0; form < 3; form++) {
            /* an oslo line at two levels, and the message alone (no envelope) */
            rca_buf_reset(&line);
            if (form < 2)
                rca_buf_printf(&line, "2025-05-02 10:20:29.874 4711 %s nova.compute.manager [-] %s",
                               form ? "WARNING" : "ERROR", msgs[i]);
            else
                rca_buf_adds(&line, msgs[i]);
            rca_logctx lc = {2025, 5, RCA_LOG_NONE};
            rca_logline ll;
            rca_parse_log_line(&lc, line.p ? line.p : "", line.n, &ll);
            lineno++;
            hit_list want = {{0}, 0}, got = {{0}, 0};
            int m = 0;
            for (size_t k = 0; k < fs->n; k++)
                if (rules_match_one(p.r, fs->rules[k], &ll, NULL, &fields, &grp, &m) == RCA_OK &&
                    m == 1 &&
                    rca_buf_printf(&grp, "|h%lld", (long long)host) == RCA_OK)
                    add_hit_row(&want, 3,
                                (const char *const[]){"rule", "grp", "fields"},
                                (const char *const[]){fs->rules[k]->id, grp.p, fields.p});
            assert_int_equal(rca_rules_match_line(p.r, fs, s, host, file, lineno, -1, &ll, line.p,
                                                  line.n, &sd.d),
                             RCA_OK);
            char sql[128];
            snprintf(sql, sizeof sql,
                     "SELECT rule, grp, fields FROM hit WHERE lineno = %lld ORDER BY id",
                     (long long)lineno);
            assert_int_equal(rca_store_query(s, sql, 1, add_hit_row, &got, &sd.d, "test", 0),
                             RCA_OK);
            if (got.n != want.n || (want.n && strcmp(got.text.p, want.text.p) != 0))
                fail_msg("line \"%s\":\n  every rule with memmem:\n%s  rca_rules_match_line:\n%s",
                         line.p ? line.p : "", want.n ? want.text.p : "    (none)\n",
                         got.n ? got.text.p : "    (none)\n");
            total += want.n;
            rca_buf_free(&want.text);
            rca_buf_free(&got.text);
        }
    /* the lines do fire rules: the comparison is not between two empty lists */
    assert_true(total >= 25);
    rca_buf_free(&fields);
    rca_buf_free(&grp);
    rca_buf_free(&line);
    rca_buf_free(&text);
    rca_store_free(s);
    tu_diag_free(&sd);
    pack_free(&p);
}

/* ------------------------------------------------------------------ evaluation */

typedef struct run {
    pack p;
    rca_store *s;
    tu_diag sd;
    int64_t bundle, host, ovn_file, nova_file, df_file;
    int64_t ovn_line, nova_line;
    rca_result *res;
} run;

/* A store with one host and its two logs, and a pack of the given rule files (the test pack when
 * NULL). */
static void run_start_with(run *x, const char *const *files)
{
    static const char *const test_pack[] = {"nova/build.rules", nova_rules, "ovn/controller.rules",
                                            ovn_rules, "system/disk.rules", disk_rules, NULL};
    memset(x, 0, sizeof *x);
    pack_write(&x->p, files ? files : test_pack);
    if (pack_load(&x->p, 0) != RCA_OK) {
        tu_diag_dump(&x->p.d);
        fail_msg("pack does not load");
    }
    tu_diag_init(&x->sd);
    assert_int_equal(rca_store_create(":memory:", 0, &x->sd.d, &x->s), RCA_OK);
    assert_int_equal(rca_store_add_bundle(x->s, "bundle.tar.xz", &x->bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(x->s, x->bundle, "sosreport-cmp-1-2025-05-02-abcdefg", &x->host), RCA_OK);
    assert_int_equal(rca_store_set_host(x->s, x->host, "hostname", "cmp-1"), RCA_OK);
    assert_int_equal(rca_store_add_file(x->s, x->host, "var/log/ovn/ovn-controller.log", "log",
                                        "ovn-controller", NULL, &x->ovn_file), RCA_OK);
    assert_int_equal(rca_store_add_file(x->s, x->host, "var/log/nova/nova-compute.log", "log",
                                        "nova-compute", NULL, &x->nova_file), RCA_OK);
}

static void run_start(run *x)
{
    run_start_with(x, NULL);
}

/* One log line (len bytes, NUL bytes allowed) through the parser, the store and the line rules,
 * the way analyze feeds them. */
static void run_linen(run *x, int ovn, const char *line, size_t len)
{
    int64_t file = ovn ? x->ovn_file : x->nova_file;
    int64_t lineno = ovn ? ++x->ovn_line : ++x->nova_line;
    const char *service = ovn ? "ovn-controller" : "nova-compute";
    const char *path = ovn ? "var/log/ovn/ovn-controller.log" : "var/log/nova/nova-compute.log";
    rca_logctx lc = {2025, 5, RCA_LOG_NONE};
    rca_logline ll;
    rca_parse_log_line(&lc, line, len, &ll);
    assert_int_not_equal(ll.fmt, RCA_LOG_NONE);
    double ts = (double)ll.ts_us / 1e6; /* local time is UTC on this host */
    rca_line_row row = {file, lineno, ts, ll.level, ll.logger, ll.req, ll.greq,
                        ll.instance, ll.pid, lineno, (size_t)(ll.msg.p - line), rca_span_make(line, len)};
    assert_int_equal(rca_store_add_line(x->s, &row), RCA_OK);
    const rca_fileset *fs = NULL;
    assert_int_equal(rca_rules_for_file(x->p.r, service, path, &fs), RCA_OK);
    assert_int_equal(rca_rules_match_line(x->p.r, fs, x->s, x->host, file, lineno, ts, &ll, line,
                                          len, &x->sd.d),
                     RCA_OK);
}

static void run_line(run *x, int ovn, const char *line)
{
    run_linen(x, ovn, line, strlen(line));
}

static void run_df(run *x, const char *mount, const char *use_pct, unsigned lineno)
{
    if (!x->df_file)
        assert_int_equal(rca_store_add_file(x->s, x->host, "sos_commands/filesys/df_-al", "df", NULL,
                                            NULL, &x->df_file), RCA_OK);
    rca_row_sink sink = rca_store_row_sink(x->s, x->host, x->df_file);
    static const char *const cols[] = {"kind", "total", "use_pct", "mount"};
    rca_span vals[] = {rca_span_cstr("blocks"), rca_span_cstr("1000"), rca_span_cstr(use_pct),
                       rca_span_cstr(mount)};
    assert_int_equal(sink.row(sink.ctx, "df", lineno, 4, cols, vals), RCA_OK);
}

static void run_eval(run *x)
{
    assert_int_equal(rca_store_finish_ingest(x->s), RCA_OK);
    rca_err rc = rca_rules_evaluate(x->p.r, x->s, NULL, &x->sd.d, &x->res);
    if (rc) {
        tu_diag_dump(&x->sd);
        fail_msg("rca_rules_evaluate: %s", rca_err_str(rc));
    }
    assert_int_equal(tu_diag_count(&x->sd, RCA_DIAG_ERROR), 0);
}

static void run_free(run *x)
{
    rca_result_free(x->res);
    rca_store_free(x->s);
    tu_diag_free(&x->sd);
    pack_free(&x->p);
}

static const rca_finding *finding(const rca_result *res, const char *rule_id)
{
    for (size_t i = 0; i < res->nfindings; i++)
        if (strcmp(res->findings[i].rule, rule_id) == 0)
            return &res->findings[i];
    return NULL;
}

static const char *field(const rca_finding *f, const char *name)
{
    for (size_t i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

/* The longest chain that starts at rule `symptom`, or NULL. */
static const rca_chain *chain_of(const rca_result *res, const char *symptom)
{
    const rca_chain *best = NULL;
    for (size_t i = 0; i < res->nchains; i++)
        if (res->chains[i].n && strcmp(res->chains[i].steps[0]->rule, symptom) == 0 &&
            (!best || res->chains[i].n > best->n))
            best = &res->chains[i];
    return best;
}

static int count_rows(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    (void)ncols;
    (void)names;
    (void)vals;
    (*(int *)ctx)++;
    return 0;
}

static int causes_stored(run *x)
{
    int n = 0;
    assert_int_equal(rca_store_query(x->s, "SELECT * FROM cause", 1, count_rows, &n, NULL, "t", 0), RCA_OK);
    return n;
}

#define OVN_FAIL(t, port) t "|00042|binding|WARN|Failed to claim port " port " for chassis cmp-1-chassis"
#define OVN_CLAIM(t, port) t "|00043|binding|INFO|Claiming lport " port " for this chassis."
#define NOVA_TIMEOUT(t, port)                                                                      \
    "2025-05-02 " t " 4711 ERROR nova.compute.manager [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] " \
    "Timeout waiting for vif plugging callback for port " port

static int first_value(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    (void)ncols;
    (void)names;
    snprintf(ctx, 32, "%s", vals[0] ? vals[0] : "NULL");
    return 1;
}

/* A log line with a NUL byte in it is evidence whole, not up to the NUL: in the result (with its
 * length) and in the evidence table. */
/* The pack's roles checks give hosts their roles before any other check runs: a host a row names
 * gets its roles, one with a NULL roles value or no row keeps none. */
static const char roles_rules[] =
    "roles r-roles\n"
    "  sql |\n"
    "    SELECT host_id, roles FROM (SELECT h.id AS host_id, CASE WHEN EXISTS (SELECT 1 FROM file f\n"
    "      WHERE f.host_id = h.id AND f.service = 'nova-compute') THEN 'compute' END AS roles\n"
    "      FROM host h) WHERE roles IS NOT NULL\n"
    "  sample |\n"
    "    host name=cmp-1\n"
    "    file host=cmp-1 path=var/log/nova/nova-compute.log parser=log service=nova-compute\n"
    "  yields    roles=compute\n"
    "  nosample |\n"
    "    host name=cmp-1\n";

static void test_roles(void **state)
{
    (void)state;
    const char *files[] = {"system/roles.rules", roles_rules, "nova/build.rules", nova_rules_alone,
                           NULL};
    run x;
    run_start_with(&x, files);
    int64_t other;
    assert_int_equal(rca_store_add_host(x.s, x.bundle, "sosreport-ctl-1", &other), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(x.s), RCA_OK);
    assert_int_equal(rca_rules_set_roles(x.p.r, x.s, &x.sd.d), RCA_OK);
    char out[64] = "";
    assert_int_equal(rca_store_query(x.s, "SELECT group_concat(id || ':' || coalesce(roles, '-')) FROM host", 1,
                                     first_value, out, NULL, "t", 0),
                     RCA_OK);
    assert_string_equal(out, "1:compute,2:-");
    assert_int_equal(tu_diag_count(&x.sd, RCA_DIAG_ERROR), 0);
    run_free(&x);
}

static void test_evidence_with_nul(void **state)
{
    (void)state;
    static const char line[] = OVN_FAIL("2025-05-02T10:10:00.000Z", PORT) " (\0 after the NUL)";
    size_t len = sizeof line - 1;
    run x;
    run_start(&x);
    run_linen(&x, 1, line, len);
    run_eval(&x);
    const rca_finding *root = finding(x.res, "ovn-claim-failed");
    assert_non_null(root);
    assert_int_equal(root->nev, 1);
    assert_int_equal(root->ev[0].text_len, len);
    assert_memory_equal(root->ev[0].text, line, len);
    assert_int_equal(root->ev[0].text[len], '\0');
    char got[32] = "";
    assert_int_equal(rca_store_query(x.s, "SELECT max(length(CAST(text AS BLOB))) FROM evidence", 1,
                                     first_value, got, NULL, "t", 0),
                     RCA_OK);
    char want[32];
    snprintf(want, sizeof want, "%zu", len);
    assert_string_equal(got, want);
    run_free(&x);
}

/* A NUL byte in a capture: the finding keeps its fields (a NUL in the fields JSON made jansson
 * refuse the whole object, and the title lost every field); the NUL shows as U+FFFD, like an
 * invalid byte, and the rest of the value is kept. */
static void test_capture_with_nul(void **state)
{
    (void)state;
    static const char sb_rules[] =
        "rule sb-down\n"
        "  code      port-claim-failed\n"
        "  severity  critical\n"
        "  files     service:ovn-controller\n"
        "  match     ^(?<remote>tcp:[^ ]+): connection attempt failed \\((?<error>[^)]*)\\)\n"
        "  key       remote\n"
        "  title     SB {remote} down ({error})\n"
        "  sample    2025-05-02T10:10:00.000Z|00007|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)\n"
        "  nosample  2025-05-02T10:10:00.000Z|00008|reconnect|INFO|tcp:192.0.2.10:6642: connected\n";
    static const char *const files[] = {"ovn/sb.rules", sb_rules, NULL};
    static const char line[] = "2025-05-02T10:10:00.000Z|00013|reconnect|INFO|tcp:192.0.2.10:6642: "
                               "connection attempt failed (Refused \0 with NUL)";
    run x;
    run_start_with(&x, files);
    run_linen(&x, 1, line, sizeof line - 1);
    run_eval(&x);
    const rca_finding *f = finding(x.res, "sb-down");
    assert_non_null(f);
    assert_non_null(field(f, "remote"));
    assert_string_equal(field(f, "remote"), "tcp:192.0.2.10:6642");
    assert_non_null(field(f, "error"));
    assert_string_equal(field(f, "error"), "Refused \xEF\xBF\xBD with NUL");
    assert_string_equal(f->title, "SB tcp:192.0.2.10:6642 down (Refused \xEF\xBF\xBD with NUL)");
    run_free(&x);
}

/* The symptom comes first in the chain, the root cause last, joined on the port; the symptom's
 * title takes the chassis from the cause (borrow); evidence cites the lines. */
static void test_chain(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 1, "2025-05-02T10:09:00.000Z|00040|main|INFO|OVN internal version is 23.09");
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:15:00.000Z", PORT));
    run_line(&x, 0, "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [-] Starting instance...");
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    const rca_result *res = x.res;

    const rca_finding *root = finding(res, "ovn-claim-failed");
    const rca_finding *sym = finding(res, "nova-vif-timeout");
    assert_non_null(root);
    assert_non_null(sym);
    assert_string_equal(root->cls, "root");
    assert_string_equal(root->code, "port-claim-failed");
    assert_string_equal(root->severity, "critical");
    assert_int_equal(root->count, 2);
    assert_string_equal(root->title, "ovn-controller on cmp-1 cannot claim " PORT);
    assert_string_equal(root->host, "cmp-1");
    assert_string_equal(field(root, "port"), PORT);
    assert_true(fabs(root->first_ts - 1746180600.0) < 0.01);
    assert_true(fabs(root->last_ts - 1746180900.0) < 0.01);
    assert_non_null(root->refs);
    assert_string_equal(root->refs[0], "https://docs.ovn.org/");
    assert_null(root->refs[1]);
    /* evidence: where the lines are, as written */
    assert_true(root->nev >= 1);
    assert_string_equal(root->ev[0].host, "cmp-1");
    assert_string_equal(root->ev[0].path, "var/log/ovn/ovn-controller.log");
    assert_int_equal(root->ev[0].line, 2);
    assert_string_equal(root->ev[0].text, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT));

    assert_string_equal(sym->cls, "symptom");
    assert_string_equal(sym->severity, "error");
    assert_string_equal(field(sym, "chassis"), "cmp-1-chassis");
    assert_string_equal(sym->title, "VIF " PORT " timed out on cmp-1 (chassis cmp-1-chassis)");
    assert_string_equal(sym->explain, "nova waited for network-vif-plugged and gave up.");
    assert_string_equal(sym->remedy, "Look at the port's binding.");
    assert_int_equal(sym->ev[0].line, 2);

    const rca_chain *c = chain_of(res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 2);
    assert_ptr_equal(c->steps[0]->rule, sym->rule);
    assert_string_equal(c->steps[0]->rule, "nova-vif-timeout");
    assert_string_equal(c->steps[1]->rule, "ovn-claim-failed");
    assert_string_equal(c->keys[0], "port=" PORT);
    /* the most likely chain comes first */
    assert_ptr_equal(&res->chains[0], c);
    assert_int_equal(causes_stored(&x), 1);
    /* the marker is not a finding; the healthy check found nothing to say (no df here) */
    assert_null(finding(res, "ovn-port-claimed"));
    assert_int_equal(res->nruled_out, 0);
    assert_int_equal(res->nhosts, 1);
    assert_string_equal(res->hosts[0].name, "cmp-1");
    /* most severe first */
    assert_string_equal(res->findings[0].rule, "ovn-claim-failed");
    run_free(&x);
}

/* A kept database (--db) says the same as the report: the findings, their causal link, and
 * evidence that cites its host, file and line (README: every fact carries host_id, file_id, lineno). */
static void test_stored_findings(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 1, "2025-05-02T10:09:00.000Z|00040|main|INFO|OVN internal version is 23.09");
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    int n = 0;
    assert_int_equal(rca_store_query(x.s, "SELECT 1 FROM cause c JOIN finding a ON a.id = c.cause_id "
                                          "JOIN finding b ON b.id = c.effect_id WHERE a.rule = "
                                          "'ovn-claim-failed' AND b.rule = 'nova-vif-timeout' AND "
                                          "c.key = 'port=" PORT "'",
                                     1, count_rows, &n, NULL, "t", 0), RCA_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(rca_store_query(x.s, "SELECT 1 FROM finding WHERE rule = 'ovn-claim-failed' AND "
                                          "class = 'root' AND severity = 'critical' AND host_id = 1 "
                                          "AND count = 1 AND json_extract(fields, '$.port') = '" PORT "'",
                                     1, count_rows, &n, NULL, "t", 0), RCA_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(rca_store_query(x.s, "SELECT 1 FROM evidence e JOIN finding f ON f.id = e.finding_id "
                                          "WHERE f.rule = 'ovn-claim-failed' AND e.lineno = 2 AND "
                                          "e.host_id = 1",
                                     1, count_rows, &n, NULL, "t", 0), RCA_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(rca_store_query(x.s, "SELECT 1 FROM evidence e JOIN finding f ON f.id = e.finding_id "
                                          "JOIN file l ON l.id = e.file_id WHERE f.rule = 'ovn-claim-failed' "
                                          "AND l.path = 'var/log/ovn/ovn-controller.log' AND e.lineno = 2",
                                     1, count_rows, &n, NULL, "t", 0), RCA_OK);
    run_free(&x);
    if (n != 1)
        fail_msg("the stored evidence of a finding does not name its file (evidence.file_id is NULL)");
}

/* A port that is not the one nova waited for explains nothing. */
static void test_chain_needs_the_same_key(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT2));
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    const rca_chain *c = chain_of(x.res, "nova-vif-timeout");
    assert_true(!c || c->n == 1);
    assert_int_equal(causes_stored(&x), 0);
    /* and nothing to borrow from */
    assert_null(field(finding(x.res, "nova-vif-timeout"), "chassis"));
    run_free(&x);
}

/* A cause that starts after the effect has ended (beyond the clock-skew allowance) does not
 * explain it; one that starts a little after the effect, within the allowance, still does. */
static void test_time_relation(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:40:00.000Z", PORT));
    run_eval(&x);
    const rca_chain *c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 1);
    assert_int_equal(causes_stored(&x), 0);
    /* the two findings are still there */
    assert_non_null(finding(x.res, "ovn-claim-failed"));
    run_free(&x);

    run_start(&x);
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:21:00.000Z", PORT));
    run_eval(&x);
    c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 2);
    run_free(&x);
}

/* A recovery marker for the same port after the cause closes its window: a symptom after that
 * is not explained by it, and the cause is history (warning, "recovered at"). */
static void test_until(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 1, OVN_CLAIM("2025-05-02T10:12:00.000Z", PORT));
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    const rca_finding *root = finding(x.res, "ovn-claim-failed");
    assert_non_null(root);
    assert_string_equal(root->severity, "warning");
    assert_non_null(strstr(root->title, "recovered at 2025-05-02 10:12:00 UTC"));
    assert_string_equal(field(root, "until"), "2025-05-02 10:12:00");
    const rca_chain *c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 1);
    assert_int_equal(causes_stored(&x), 0);
    run_free(&x);

    /* a marker for another port, or before the cause, closes nothing */
    run_start(&x);
    run_line(&x, 1, OVN_CLAIM("2025-05-02T10:05:00.000Z", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 1, OVN_CLAIM("2025-05-02T10:12:00.000Z", PORT2));
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    root = finding(x.res, "ovn-claim-failed");
    assert_non_null(root);
    assert_string_equal(root->severity, "critical");
    assert_null(strstr(root->title, "recovered"));
    assert_null(field(root, "until"));
    c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 2);
    run_free(&x);
}

/* A cause that failed, recovered and failed again: the standing outage is the last episode. It
 * starts after the recovery, counts its own lines, and explains only what followed it. */
static void test_until_episodes(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:00:00.000Z", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:01:00.000Z", PORT));
    run_line(&x, 1, OVN_CLAIM("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:30:00.000Z", PORT));
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT)); /* during the recovered gap */
    run_eval(&x);
    const rca_finding *root = finding(x.res, "ovn-claim-failed");
    assert_non_null(root);
    assert_string_equal(root->severity, "critical");
    assert_null(field(root, "until"));
    assert_true(fabs(root->first_ts - 1746181800.0) < 0.01);
    assert_int_equal(root->count, 1);
    assert_true(root->nev >= 1);
    assert_int_equal(root->ev[0].line, 4);
    const rca_chain *c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 1);
    run_free(&x);

    run_start(&x);
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:00:00.000Z", PORT));
    run_line(&x, 1, OVN_CLAIM("2025-05-02T10:10:00.000Z", PORT));
    run_line(&x, 1, OVN_FAIL("2025-05-02T10:30:00.000Z", PORT));
    run_line(&x, 0, NOVA_TIMEOUT("10:35:29.874", PORT)); /* during the standing outage */
    run_eval(&x);
    c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 2);
    run_free(&x);
}

/* An instance named only in the message is joined like the envelope's; the envelope wins. */
static void test_identity_from_text(void **state)
{
    (void)state;
    static const struct {
        const char *line, *instance;
    } cases[] = {
        {"2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for vif "
         "plugging callback for port " PORT " of instance e1a2373f-f30f-4029-afa7-1195306f7e02",
         "e1a2373f-f30f-4029-afa7-1195306f7e02"},
        {"2025-05-02 10:20:29.874 4711 ERROR nova.compute.manager [-] [instance: "
         "8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Timeout waiting for vif plugging callback for "
         "port " PORT " of instance e1a2373f-f30f-4029-afa7-1195306f7e02",
         "8e45e1f7-ad4a-4420-aa32-8f6090d6c196"},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        run x;
        run_start(&x);
        run_line(&x, 0, cases[i].line);
        run_eval(&x);
        const rca_finding *f = finding(x.res, "nova-vif-timeout");
        assert_non_null(f);
        assert_non_null(field(f, "instance"));
        assert_string_equal(field(f, "instance"), cases[i].instance);
        run_free(&x);
    }
}

/* How long a failure must last (`for`) or repeat (`min-count`) to count: a blip that recovered
 * and explains nothing is info ("recovered after N s"); a longer one, or one that explains a
 * failure, is history (warning, "recovered at"); one that never recovered keeps its severity. */
typedef struct judge_case {
    const char *name;
    const char *persist;          /* the rule's extra keys */
    const char *lines[4];         /* ovn lines (NULL-terminated) */
    const char *nova_at;          /* a VIF timeout at this local time, or NULL */
    const char *severity;         /* the finding's, after judgement */
    const char *title_has;        /* text its title must hold, or NULL */
    const char *recovered_after;  /* the field, or NULL when it must be absent */
} judge_case;

static const judge_case judge_cases[] = {
    {"2 s blip, nothing failed", "  for       60s\n",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_CLAIM("2025-05-02T10:10:02.000Z", PORT)},
     NULL, "info", "(recovered after 2s)", "2s"},
    {"5 min outage that recovered", "  for       60s\n",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_CLAIM("2025-05-02T10:15:00.000Z", PORT)},
     NULL, "warning", "(recovered at 2025-05-02 10:15:00 UTC)", NULL},
    {"short, but it explains a failure", "  for       60s\n",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_CLAIM("2025-05-02T10:10:20.000Z", PORT)},
     "10:10:10.000", "warning", "(recovered at 2025-05-02 10:10:20 UTC)", NULL},
    {"never recovered", "  for       60s\n", {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT)}, NULL,
     "critical", NULL, NULL},
    {"no duration declared: recovered is history", "",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_CLAIM("2025-05-02T10:10:02.000Z", PORT)},
     NULL, "warning", "(recovered at", NULL},
    {"seen once, min-count 3", "  min-count 3\n", {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT)},
     NULL, "info", "(seen once)", NULL},
    {"seen three times, min-count 3", "  min-count 3\n",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_FAIL("2025-05-02T10:10:30.000Z", PORT),
      OVN_FAIL("2025-05-02T10:11:00.000Z", PORT)},
     NULL, "critical", NULL, NULL},
    {"long enough although few", "  for       60s\n  min-count 3\n",
     {OVN_FAIL("2025-05-02T10:10:00.000Z", PORT), OVN_CLAIM("2025-05-02T10:12:00.000Z", PORT)},
     NULL, "warning", "(recovered at", NULL},
};

static void test_recovery_judgement(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(judge_cases); i++) {
        const judge_case *c = &judge_cases[i];
        rca_buf ovn;
        rca_buf_init(&ovn);
        /* the test pack's ovn rules with the case's keys after `until` */
        const char *at = strstr(ovn_rules, "  title ");
        rca_buf_add(&ovn, ovn_rules, (size_t)(at - ovn_rules));
        rca_buf_adds(&ovn, c->persist);
        rca_buf_adds(&ovn, at);
        const char *files[] = {"nova/build.rules", nova_rules, "ovn/controller.rules", ovn.p,
                               NULL};
        run x;
        run_start_with(&x, files);
        for (size_t k = 0; k < 4 && c->lines[k]; k++)
            run_line(&x, 1, c->lines[k]);
        if (c->nova_at) {
            char nova[512];
            snprintf(nova, sizeof nova, "%s", NOVA_TIMEOUT("HH:MM:SS.mmm", PORT));
            memcpy(strstr(nova, "HH:MM:SS.mmm"), c->nova_at, 12);
            run_line(&x, 0, nova);
        }
        run_eval(&x);
        const rca_finding *f = finding(x.res, "ovn-claim-failed");
        if (!f)
            fail_msg("%s: no finding", c->name);
        if (strcmp(f->severity, c->severity) != 0)
            fail_msg("%s: severity %s, expected %s (%s)", c->name, f->severity, c->severity,
                     f->title);
        if (c->title_has && !strstr(f->title, c->title_has))
            fail_msg("%s: title \"%s\" lacks \"%s\"", c->name, f->title, c->title_has);
        if (!c->title_has && strchr(f->title, '('))
            fail_msg("%s: title \"%s\" says more than it should", c->name, f->title);
        const char *ra = field(f, "recovered_after");
        if (c->recovered_after ? !ra || strcmp(ra, c->recovered_after) != 0 : ra != NULL)
            fail_msg("%s: recovered_after %s, expected %s", c->name, ra ? ra : "(none)",
                     c->recovered_after ? c->recovered_after : "(none)");
        run_free(&x);
        rca_buf_free(&ovn);
    }
}

/* Healthy check rows come out as "ruled out" with their figures; unhealthy ones do not. */
static void test_ruled_out(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    run_df(&x, "/", "40", 2);
    run_df(&x, "/var", "97", 3);
    run_line(&x, 0, NOVA_TIMEOUT("10:20:29.874", PORT));
    run_eval(&x);
    assert_int_equal(x.res->nruled_out, 1);
    const rca_finding *f = x.res->ruled_out[0];
    assert_string_equal(f->rule, "disk-ok");
    assert_string_equal(f->cls, "ruled-out");
    assert_string_equal(f->severity, "info");
    assert_string_equal(f->title, "disk on cmp-1: / is 40% used");
    assert_string_equal(field(f, "mount"), "/");
    assert_string_equal(field(f, "use_pct"), "40");
    assert_string_equal(f->host, "cmp-1");
    for (size_t i = 0; i < x.res->nfindings; i++)
        assert_null(strstr(x.res->findings[i].title, "/var"));
    /* a ruled-out finding is never a cause in a chain */
    const rca_chain *c = chain_of(x.res, "nova-vif-timeout");
    assert_non_null(c);
    assert_int_equal(c->n, 1);
    run_free(&x);
}

/* A line that no rule selects, or whose level or logger does not fit, makes no finding. */
static void test_selectors(void **state)
{
    (void)state;
    run x;
    run_start(&x);
    /* the right text from another logger than `binding` */
    run_line(&x, 1, "2025-05-02T10:10:00.000Z|00042|main|WARN|Failed to claim port " PORT " for chassis c");
    /* nova's text in ovn-controller's log is not a nova finding */
    run_line(&x, 1, "2025-05-02T10:11:00.000Z|00044|binding|WARN|Timeout waiting for vif plugging callback for port " PORT);
    run_eval(&x);
    assert_int_equal(x.res->nfindings, 0);
    assert_int_equal(x.res->nchains, 0);
    run_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_pack_loads),
        cmocka_unit_test(test_lint_errors),
        cmocka_unit_test(test_lint_fixture_hosts),
        cmocka_unit_test(test_lint_field_errors),
        cmocka_unit_test(test_lint_fields_ok),
        cmocka_unit_test(test_lint_error_details),
        cmocka_unit_test(test_lint_cause_loop),
        cmocka_unit_test(test_lint_bad_regex),
        cmocka_unit_test(test_lint_pack_files),
        cmocka_unit_test(test_lint_regex_features),
        cmocka_unit_test(test_lint_no_literal),
        cmocka_unit_test(test_prefilter_same_hits),
        cmocka_unit_test(test_invalid_utf8_line),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_chain),
        cmocka_unit_test(test_evidence_with_nul),
        cmocka_unit_test(test_capture_with_nul),
        cmocka_unit_test(test_stored_findings),
        cmocka_unit_test(test_chain_needs_the_same_key),
        cmocka_unit_test(test_time_relation),
        cmocka_unit_test(test_until),
        cmocka_unit_test(test_until_episodes),
        cmocka_unit_test(test_recovery_judgement),
        cmocka_unit_test(test_identity_from_text),
        cmocka_unit_test(test_ruled_out),
        cmocka_unit_test(test_selectors),
        cmocka_unit_test(test_lint_no_rule_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
