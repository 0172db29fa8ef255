/* test_store.c - unit tests of src/store/: a database built the way ingest builds it (bundle, host,
 * file, log lines, command-output rows through the row sink), then read through the views that
 * checks and `sosrca query` users rely on (log, sb_chassis, sb_port_binding with the chassis
 * resolved to its name, nb_lsp, ovs_external_ids); read-only SQL refusing writes; parameters bound,
 * never spliced; the hostmatch()/shortname() SQL functions; and a file database that appears under
 * its name only when committed.
 */
#include <math.h>

#include "testutil.h"

#include "rca_store.h"

/* ------------------------------------------------------------------ helpers */

/* Rows of a query as one string: "a|b|NULL\n" per row. */
typedef struct rows {
    rca_buf b;
    int n;
    int stop_after; /* 0: all */
} rows;

static int collect(void *ctx, int ncols, const char *const *names, const char *const *vals)
{
    (void)names;
    rows *r = ctx;
    for (int i = 0; i < ncols; i++) {
        if (i)
            rca_buf_addc(&r->b, '|');
        rca_buf_adds(&r->b, vals[i] ? vals[i] : "NULL");
    }
    rca_buf_addc(&r->b, '\n');
    r->n++;
    return r->stop_after && r->n >= r->stop_after;
}

/* Run a read-only query and return its rows (static buffer, valid until the next call). */
static const char *q(rca_store *s, const char *sql)
{
    static char out[8192];
    rows r;
    memset(&r, 0, sizeof r);
    rca_buf_init(&r.b);
    tu_diag d;
    tu_diag_init(&d);
    rca_err rc = rca_store_query(s, sql, 1, collect, &r, &d.d, "test", 1);
    if (rc) {
        tu_diag_dump(&d);
        tu_diag_free(&d);
        rca_buf_free(&r.b);
        fail_msg("query failed (%s): %s", rca_err_str(rc), sql);
    }
    snprintf(out, sizeof out, "%s", r.b.p ? r.b.p : "");
    tu_diag_free(&d);
    rca_buf_free(&r.b);
    return out;
}

static rca_span sp(const char *s)
{
    return s ? rca_span_cstr(s) : RCA_SPAN_NULL;
}

/* One OVSDB row (record, column, key, value) through the sink. */
static void ovsdb_row(const rca_row_sink *sink, unsigned lineno, const char *db, const char *tbl,
                      const char *uuid, const char *col, const char *key, const char *value)
{
    static const char *const cols[] = {"db", "tbl", "uuid", "col", "key", "value"};
    rca_span vals[] = {sp(db), sp(tbl), sp(uuid), sp(col), sp(key), sp(value)};
    assert_int_equal(sink->row(sink->ctx, "ovsdb", lineno, 6, cols, vals), RCA_OK);
}

static void add_log_line(rca_store *s, int64_t file_id, int64_t lineno, double ts,
                         rca_level level, const char *logger, const char *raw, size_t msg_off)
{
    rca_line_row row;
    memset(&row, 0, sizeof row);
    row.file_id = file_id;
    row.lineno = lineno;
    row.ts = ts;
    row.level = level;
    row.logger = sp(logger);
    row.pid = 4711;
    row.rec = lineno;
    row.msg_off = msg_off;
    row.raw = rca_span_cstr(raw);
    assert_int_equal(rca_store_add_line(s, &row), RCA_OK);
}

#define CHASSIS_UUID "5a3ef1c2-6f38-4e64-9d2c-6f0e3a0b9c11"
#define PORT "24129afd-416d-441c-b1ed-83113f9753fb"
#define LINE1 "2025-05-02 10:15:29.874 4711 ERROR nova.compute.manager [-] Timeout waiting for vif"

typedef struct built {
    rca_store *s;
    tu_diag d;
    int64_t bundle, cmp, ctl, log_file, sb_file, nb_file, ovs_file;
} built;

/* The database a small two-host analysis makes. */
static void build(built *b, const char *path)
{
    memset(b, 0, sizeof *b);
    tu_diag_init(&b->d);
    rca_err rc = rca_store_create(path, 0, &b->d.d, &b->s);
    if (rc) {
        tu_diag_dump(&b->d);
        fail_msg("rca_store_create: %s", rca_err_str(rc));
    }
    rca_store *s = b->s;
    assert_int_equal(rca_store_add_bundle(s, "/cases/1/sosreport-cmp-1.tar.xz", &b->bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, b->bundle, "sosreport-cmp-1-2025-05-02-abcdefg", &b->cmp), RCA_OK);
    assert_int_equal(rca_store_set_host(s, b->cmp, "hostname", "cmp-1"), RCA_OK);
    assert_int_equal(rca_store_set_host(s, b->cmp, "fqdn", "cmp-1.example.com"), RCA_OK);
    assert_int_equal(rca_store_set_host_num(s, b->cmp, "collected_at", 1746180929.5), RCA_OK);
    assert_int_equal(rca_store_set_host_num(s, b->cmp, "utc_offset", 7200), RCA_OK);
    assert_int_equal(rca_store_add_host(s, b->bundle, "sosreport-ctl-1-2025-05-02-hijklmn", &b->ctl), RCA_OK);
    assert_int_equal(rca_store_set_host(s, b->ctl, "hostname", "ctl-1"), RCA_OK);

    /* nova-compute's log on cmp-1 */
    assert_int_equal(rca_store_add_file(s, b->cmp, "var/log/nova/nova-compute.log", "log",
                                        "nova-compute", NULL, &b->log_file), RCA_OK);
    add_log_line(s, b->log_file, 1, 1746180929.874, RCA_LVL_ERROR, "nova.compute.manager", LINE1,
                 strlen("2025-05-02 10:15:29.874 4711 ERROR nova.compute.manager [-] "));
    add_log_line(s, b->log_file, 2, -1, RCA_LVL_NONE, NULL, "Traceback (most recent call last):", 0);
    assert_int_equal(rca_store_finish_file(s, b->log_file, 1234, 2, 1746180929.874, 1746180929.874, "ok"), RCA_OK);

    /* the Southbound DB on ctl-1: a chassis and two port bindings, one on it and one on a chassis
     * that the DB does not list */
    assert_int_equal(rca_store_add_file(s, b->ctl, "sos_commands/ovn_central/ovn-sbctl_list_Port_Binding",
                                        "ovsdb-list", "ovn-central", NULL, &b->sb_file), RCA_OK);
    rca_row_sink sink = rca_store_row_sink(s, b->ctl, b->sb_file);
    ovsdb_row(&sink, 1, "OVN_Southbound", "Chassis", CHASSIS_UUID, "name", NULL, "3f1c2a77-chassis");
    ovsdb_row(&sink, 2, "OVN_Southbound", "Chassis", CHASSIS_UUID, "hostname", NULL, "cmp-1.example.com");
    ovsdb_row(&sink, 3, "OVN_Southbound", "Chassis", CHASSIS_UUID, "external_ids", "ovn-bridge-mappings", "physnet1:br-ex");
    ovsdb_row(&sink, 10, "OVN_Southbound", "Port_Binding", "pb-1", "logical_port", NULL, PORT);
    ovsdb_row(&sink, 11, "OVN_Southbound", "Port_Binding", "pb-1", "chassis", NULL, CHASSIS_UUID);
    ovsdb_row(&sink, 12, "OVN_Southbound", "Port_Binding", "pb-1", "up", NULL, "true");
    ovsdb_row(&sink, 13, "OVN_Southbound", "Port_Binding", "pb-1", "options", "requested-chassis", "cmp-1");
    ovsdb_row(&sink, 20, "OVN_Southbound", "Port_Binding", "pb-2", "logical_port", NULL, "port-two");
    ovsdb_row(&sink, 21, "OVN_Southbound", "Port_Binding", "pb-2", "chassis", NULL, "ffffffff-dead-chassis");
    ovsdb_row(&sink, 22, "OVN_Southbound", "Port_Binding", "pb-2", "up", NULL, "false");
    ovsdb_row(&sink, 30, "OVN_Southbound", "Port_Binding", "pb-3", "logical_port", NULL, "port-three");
    ovsdb_row(&sink, 31, "OVN_Southbound", "Port_Binding", "pb-3", "chassis", NULL, NULL);
    assert_int_equal(rca_store_finish_file(s, b->sb_file, 0, 31, -1, -1, "ok"), RCA_OK);

    /* the Northbound DB on ctl-1 */
    assert_int_equal(rca_store_add_file(s, b->ctl, "sos_commands/ovn_central/ovn-nbctl_list_Logical_Switch_Port",
                                        "ovsdb-list", "ovn-central", NULL, &b->nb_file), RCA_OK);
    sink = rca_store_row_sink(s, b->ctl, b->nb_file);
    ovsdb_row(&sink, 1, "OVN_Northbound", "Logical_Switch_Port", "lsp-1", "name", NULL, PORT);
    ovsdb_row(&sink, 2, "OVN_Northbound", "Logical_Switch_Port", "lsp-1", "up", NULL, "false");
    ovsdb_row(&sink, 3, "OVN_Northbound", "Logical_Switch_Port", "lsp-1", "options", "requested-chassis", "cmp-1");
    ovsdb_row(&sink, 4, "OVN_Northbound", "Logical_Switch_Port", "lsp-1", "external_ids", "neutron:host_id", "cmp-1");
    ovsdb_row(&sink, 5, "OVN_Northbound", "Logical_Switch_Port", "lsp-1", "external_ids", "neutron:device_id", "vm-1");

    /* the local Open_vSwitch row on cmp-1 */
    assert_int_equal(rca_store_add_file(s, b->cmp, "sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch",
                                        "ovsdb-list", "openvswitch", NULL, &b->ovs_file), RCA_OK);
    sink = rca_store_row_sink(s, b->cmp, b->ovs_file);
    ovsdb_row(&sink, 7, "Open_vSwitch", "Open_vSwitch", "ovs-1", "external_ids", "system-id", "3f1c2a77-chassis");
    ovsdb_row(&sink, 7, "Open_vSwitch", "Open_vSwitch", "ovs-1", "external_ids", "hostname", "cmp-1.example.com");
    ovsdb_row(&sink, 8, "Open_vSwitch", "Open_vSwitch", "ovs-1", "external_ids", "ovn-remote", "tcp:192.0.2.10:6642");
    ovsdb_row(&sink, 9, "Open_vSwitch", "Open_vSwitch", "ovs-1", "other_config", "dpdk-init", "false");
    ovsdb_row(&sink, 10, "Open_vSwitch", "Open_vSwitch", "ovs-1", "external_ids", NULL, NULL);

    /* a df row through the sink: numbers by column affinity, '-' as SQL NULL */
    static const char *const dfc[] = {"kind", "filesystem", "fstype", "total", "used", "avail", "use_pct", "mount"};
    rca_span dfv[] = {sp("blocks"), sp("/dev/vda1"), sp("xfs"), sp("104857600"), sp("103809024"),
                      sp("1048576"), sp("99"), sp("/")};
    assert_int_equal(sink.row(sink.ctx, "df", 3, 8, dfc, dfv), RCA_OK);
    dfv[6] = RCA_SPAN_NULL;
    dfv[7] = sp("/proc");
    assert_int_equal(sink.row(sink.ctx, "df", 4, 8, dfc, dfv), RCA_OK);
}

static void built_free(built *b)
{
    rca_store_free(b->s);
    tu_diag_free(&b->d);
}

/* ------------------------------------------------------------------ views */

static void test_views(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);

    /* log: host name, the message after the envelope, the time in UTC */
    assert_string_equal(q(s, "SELECT host, path, service, lineno, level, logger, msg, time_utc, raw "
                             "FROM log ORDER BY lineno"),
                        "cmp-1|var/log/nova/nova-compute.log|nova-compute|1|ERROR|nova.compute.manager|"
                        "Timeout waiting for vif|2025-05-02 10:15:29|" LINE1 "\n"
                        "cmp-1|var/log/nova/nova-compute.log|nova-compute|2|NULL|NULL|"
                        "Traceback (most recent call last):|NULL|Traceback (most recent call last):\n");
    assert_string_equal(q(s, "SELECT lines, bytes, status, first_ts FROM file WHERE id = 1"),
                        "2|1234|ok|1746180929.874\n");

    /* sb_chassis: one row per record, the columns pivoted */
    assert_string_equal(q(s, "SELECT host_id, uuid, name, hostname, bridge_mappings, file_id, lineno "
                             "FROM sb_chassis"),
                        "2|" CHASSIS_UUID "|3f1c2a77-chassis|cmp-1.example.com|physnet1:br-ex|2|1\n");

    /* sb_port_binding: the chassis _uuid of a list output resolved to the chassis name; a uuid the
     * DB does not know stays as it is; no chassis is NULL */
    assert_string_equal(q(s, "SELECT logical_port, chassis, chassis_ref, up, requested_chassis, "
                             "chassis_lineno, lineno FROM sb_port_binding ORDER BY uuid"),
                        PORT "|3f1c2a77-chassis|" CHASSIS_UUID "|true|cmp-1|11|10\n"
                        "port-two|ffffffff-dead-chassis|ffffffff-dead-chassis|false|NULL|21|20\n"
                        "port-three|NULL|NULL|NULL|NULL|31|30\n");

    /* nb_lsp */
    assert_string_equal(q(s, "SELECT name, up, requested_chassis, neutron_host, device_id, host_id "
                             "FROM nb_lsp"),
                        PORT "|false|cmp-1|cmp-1|vm-1|2\n");

    /* ovs_external_ids: keys of the local Open_vSwitch row only */
    assert_string_equal(q(s, "SELECT host_id, key, value, lineno FROM ovs_external_ids ORDER BY key"),
                        "1|hostname|cmp-1.example.com|7\n"
                        "1|ovn-remote|tcp:192.0.2.10:6642|8\n"
                        "1|system-id|3f1c2a77-chassis|7\n");

    /* df: numbers are numbers (use_pct >= 95 must compare as integers), '-' is NULL */
    assert_string_equal(q(s, "SELECT mount, use_pct, typeof(total) FROM df WHERE use_pct >= 95"),
                        "/|99|integer\n");
    assert_string_equal(q(s, "SELECT mount FROM df WHERE use_pct IS NULL"), "/proc\n");

    /* host_view and the hosts as stored */
    assert_string_equal(q(s, "SELECT host_id, host, has_sb FROM host_view ORDER BY host_id"),
                        "1|cmp-1|0\n2|ctl-1|1\n");
    built_free(&b);
}

typedef struct hosts_seen {
    int n;
    char names[4][64];
    double collected[4];
    int has_offset[4];
    int64_t offset[4];
} hosts_seen;

static rca_err each_host(void *ctx, const rca_host_info *h)
{
    hosts_seen *hs = ctx;
    if (hs->n >= 4)
        return RCA_OK;
    snprintf(hs->names[hs->n], sizeof hs->names[0], "%s/%s/%s", h->report, h->hostname,
             h->fqdn ? h->fqdn : "-");
    hs->collected[hs->n] = h->collected_at;
    hs->has_offset[hs->n] = h->has_offset;
    hs->offset[hs->n] = h->utc_offset;
    hs->n++;
    return RCA_OK;
}

static void test_hosts_and_lines(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    hosts_seen hs;
    memset(&hs, 0, sizeof hs);
    assert_int_equal(rca_store_each_host(s, each_host, &hs), RCA_OK);
    assert_int_equal(hs.n, 2);
    assert_string_equal(hs.names[0], "sosreport-cmp-1-2025-05-02-abcdefg/cmp-1/cmp-1.example.com");
    assert_string_equal(hs.names[1], "sosreport-ctl-1-2025-05-02-hijklmn/ctl-1/-");
    assert_true(hs.collected[0] > 1746180929.4 && hs.collected[0] < 1746180929.6);
    assert_true(hs.collected[1] < 0); /* unknown */
    assert_int_equal(hs.has_offset[0], 1);
    assert_int_equal(hs.offset[0], 7200);
    assert_int_equal(hs.has_offset[1], 0);

    rca_buf t;
    rca_buf_init(&t);
    assert_int_equal(rca_store_line_text(s, b.log_file, 1, &t), RCA_OK);
    assert_string_equal(t.p, LINE1);
    assert_int_equal(rca_store_line_text(s, b.log_file, 99, &t), RCA_OK);
    assert_string_equal(t.p, "");
    int64_t host = 0;
    assert_int_equal(rca_store_file_info(s, b.log_file, &t, &host), RCA_OK);
    assert_string_equal(t.p, "var/log/nova/nova-compute.log");
    assert_int_equal(host, b.cmp);
    rca_buf_free(&t);

    /* a line with bytes that are not text is kept as it was written */
    rca_line_row row;
    memset(&row, 0, sizeof row);
    row.file_id = b.log_file;
    row.lineno = 3;
    row.ts = -1;
    row.pid = -1;
    row.rec = 3;
    row.raw = rca_span_make("a\xff'b\"c;--", 10);
    assert_int_equal(rca_store_add_line(s, &row), RCA_OK);
    rca_buf_init(&t);
    assert_int_equal(rca_store_line_text(s, b.log_file, 3, &t), RCA_OK);
    assert_int_equal(t.n, 10);
    assert_memory_equal(t.p, "a\xff'b\"c;--", 10);
    rca_buf_free(&t);

    /* columns and tables that do not exist are refused before any SQL is made */
    assert_int_equal(rca_store_set_host(s, b.cmp, "hostname=NULL, roles", "x"), RCA_EINTERNAL);
    assert_int_equal(rca_store_set_host(s, b.cmp, "nope", "x"), RCA_EINTERNAL);
    static const char *const bad_cols[] = {"key", "value); DROP TABLE host; --"};
    rca_span vals[] = {sp("k"), sp("v")};
    assert_int_equal(rca_store_add_row(s, b.cmp, b.log_file, "fact", 1, 2, bad_cols, vals), RCA_EINTERNAL);
    static const char *const cols[] = {"key", "value"};
    assert_int_equal(rca_store_add_row(s, b.cmp, b.log_file, "host", 1, 2, cols, vals), RCA_EINTERNAL);
    assert_int_equal(rca_store_add_row(s, b.cmp, b.log_file, "sqlite_master", 1, 2, cols, vals), RCA_EINTERNAL);
    assert_int_equal(rca_store_add_row(s, b.cmp, b.log_file, "fact", 1, 2, cols, vals), RCA_OK);
    assert_string_equal(q(s, "SELECT count(*) FROM host"), "2\n");
    built_free(&b);
}

/* More distinct row shapes (the same columns in other orders) than the statement cache holds,
 * used in turn: every row still lands, with each value in its column. */
static void test_row_statement_cache(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    static const char *const all[] = {"db", "tbl", "uuid", "col", "key", "value"};
    int expected = 0;
    for (int round = 0; round < 3; round++)
        for (unsigned perm = 0; perm < 50; perm++) {
            /* permutation number perm of the six columns (factorial number system) */
            const char *pool[6];
            memcpy(pool, all, sizeof pool);
            const char *cols[6];
            rca_span vals[6];
            unsigned x = perm * 13 + (unsigned)round;
            for (int k = 0; k < 6; k++) {
                unsigned left = 6 - (unsigned)k, pick = x % left;
                x /= left;
                cols[k] = pool[pick];
                pool[pick] = pool[left - 1];
                vals[k] = strcmp(cols[k], "db") == 0 ? sp("Cache_Test") : sp(cols[k]);
            }
            assert_int_equal(rca_store_add_row(b.s, b.cmp, b.log_file, "ovsdb", perm, 6, cols, vals), RCA_OK);
            expected++;
        }
    char want[64];
    snprintf(want, sizeof want, "%d|%d\n", expected, expected);
    assert_string_equal(q(b.s, "SELECT count(*), sum(tbl = 'tbl' AND uuid = 'uuid' AND col = 'col' AND "
                               "key = 'key' AND value = 'value') FROM ovsdb WHERE db = 'Cache_Test'"),
                        want);
    built_free(&b);
}

/* ------------------------------------------------------------------ read-only and parameters */

static void test_read_only(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    static const char *const writes[] = {
        "INSERT INTO host(bundle_id, report) VALUES(1, 'intruder')",
        "DELETE FROM line",
        "UPDATE host SET hostname = 'x'",
        "DROP TABLE line",
        "CREATE TABLE t(x)",
        "DELETE FROM line WHERE 1; ",
        "SELECT 1; DELETE FROM line",
        "WITH x AS (SELECT 1) DELETE FROM line",
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(writes); i++) {
        tu_diag d;
        tu_diag_init(&d);
        rows r;
        memset(&r, 0, sizeof r);
        rca_err rc = rca_store_query(s, writes[i], 1, collect, &r, &d.d, "rules/x.rules", 42);
        if (rc != RCA_ESYNTAX)
            fail_msg("read-only query ran: %s", writes[i]);
        const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "SQL");
        assert_string_equal(m->where, "rules/x.rules");
        assert_int_equal(m->line, 42);
        assert_int_equal(r.n, 0);
        tu_diag_free(&d);
        rca_buf_free(&r.b);
    }
    /* nothing was changed */
    assert_string_equal(q(s, "SELECT count(*) FROM line"), "2\n");
    assert_string_equal(q(s, "SELECT count(*) FROM host"), "2\n");
    assert_string_equal(q(s, "SELECT group_concat(hostname) FROM host"), "cmp-1,ctl-1\n");
    /* rca_store_check_sql says the same for a check's SQL */
    tu_diag d;
    tu_diag_init(&d);
    assert_int_equal(rca_store_check_sql(s, "DELETE FROM df", &d.d, "c.rules", 7), RCA_ESYNTAX);
    assert_int_equal(tu_diag_expect(&d, RCA_DIAG_ERROR, "read-only")->line, 7);
    assert_int_equal(rca_store_check_sql(s, "SELECT * FROM sb_port_binding", &d.d, "c.rules", 8), RCA_OK);
    assert_int_equal(rca_store_check_sql(s, "SELECT * FROM no_such_view", &d.d, "c.rules", 9), RCA_ESYNTAX);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "no such table");
    assert_int_equal(m->line, 9);
    assert_string_equal(m->where, "c.rules");
    tu_diag_free(&d);
    /* without read_only, a write is allowed */
    rows r;
    memset(&r, 0, sizeof r);
    assert_int_equal(rca_store_query(s, "DELETE FROM line_data WHERE rowid = 2", 0, collect, &r, NULL, "x", 1), RCA_OK);
    assert_string_equal(q(s, "SELECT count(*) FROM line"), "1\n");
    built_free(&b);
}

/* A read-only statement may still not attach (and so create) a database file. */
static void test_read_only_attach(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    char *other = tu_path(dir, "other.db");
    char sql[1024];
    snprintf(sql, sizeof sql, "ATTACH DATABASE '%s' AS other", other);
    built b;
    build(&b, ":memory:");
    tu_diag d;
    tu_diag_init(&d);
    rca_err rc = rca_store_query(b.s, sql, 1, NULL, NULL, &d.d, "rules/x.rules", 3);
    int created = tu_exists(other);
    tu_diag_free(&d);
    built_free(&b);
    tu_rmtree(dir);
    free(other);
    free(dir);
    if (rc != RCA_ESYNTAX)
        fail_msg("a read-only query ran ATTACH (%s)%s", rca_err_str(rc),
                 created ? " and created the database file" : "");
    assert_false(created);
}

static void test_sql_errors(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    tu_diag d;
    tu_diag_init(&d);
    rca_err rc = rca_store_query(b.s, "SELECT nope FROM\nhost", 1, collect, NULL, &d.d, "rules/ovn/state.rules", 12);
    assert_int_equal(rc, RCA_ESYNTAX);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "no such column: nope");
    assert_string_equal(m->where, "rules/ovn/state.rules");
    assert_int_equal(m->line, 12);
    assert_non_null(m->src);
    assert_string_equal(m->src, "SELECT nope FROM");
    tu_diag_clear(&d);
    /* an empty statement is nothing to do */
    assert_int_equal(rca_store_query(b.s, "  ", 1, collect, NULL, &d.d, "x", 1), RCA_OK);
    assert_int_equal(d.n, 0);
    /* a row function that says stop ends the query */
    rows r;
    memset(&r, 0, sizeof r);
    r.stop_after = 1;
    assert_int_equal(rca_store_query(b.s, "SELECT id FROM host ORDER BY id", 1, collect, &r, &d.d, "x", 1), RCA_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.b.p, "1\n");
    rca_buf_free(&r.b);
    tu_diag_free(&d);
    built_free(&b);
}

static void test_queryv(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    int64_t h;
    assert_int_equal(rca_store_add_host(s, b.bundle, "sosreport-obrien", &h), RCA_OK);
    assert_int_equal(rca_store_set_host(s, h, "hostname", "o'brien-1"), RCA_OK);
    static const struct {
        const char *param, *want;
    } cases[] = {
        {"o'brien-1", "sosreport-obrien\n"},
        {"cmp-1", "sosreport-cmp-1-2025-05-02-abcdefg\n"},
        {"x' OR '1'='1", ""},
        {"'; DELETE FROM host; --", ""},
        {"\"cmp-1\"", ""},
        {"", ""},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        rows r;
        memset(&r, 0, sizeof r);
        tu_diag d;
        tu_diag_init(&d);
        const char *p[] = {cases[i].param};
        rca_err rc = rca_store_queryv(s, "SELECT report FROM host WHERE hostname = ?1", 1, p,
                                      collect, &r, &d.d, "engine", 0);
        if (rc)
            tu_diag_dump(&d);
        assert_int_equal(rc, RCA_OK);
        assert_string_equal(r.b.p ? r.b.p : "", cases[i].want);
        rca_buf_free(&r.b);
        tu_diag_free(&d);
    }
    /* two parameters, one used twice; NULL binds SQL NULL */
    rows r;
    memset(&r, 0, sizeof r);
    const char *p2[] = {"a'b", NULL};
    assert_int_equal(rca_store_queryv(s, "SELECT ?1 || ?1, ?2 IS NULL, length(?1)", 2, p2, collect, &r, NULL, "x", 0), RCA_OK);
    assert_string_equal(r.b.p, "a'ba'b|1|3\n");
    rca_buf_free(&r.b);
    /* queryv is read-only */
    const char *p3[] = {"cmp-1"};
    tu_diag d;
    tu_diag_init(&d);
    assert_int_equal(rca_store_queryv(s, "DELETE FROM host WHERE hostname = ?1", 1, p3, NULL, NULL, &d.d, "x", 0), RCA_ESYNTAX);
    tu_diag_free(&d);
    assert_string_equal(q(s, "SELECT count(*) FROM host"), "3\n");
    built_free(&b);
}

static void test_sql_functions(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    assert_string_equal(q(s, "SELECT hostmatch('cmp-1', 'cmp-1.example.com'), hostmatch('cmp-1', 'cmp-1'), "
                             "hostmatch('cmp-1', 'cmp-10'), hostmatch('cmp-1.a', 'cmp-1.b'), "
                             "hostmatch(NULL, 'cmp-1'), hostmatch('cmp-1', NULL), hostmatch('', '')"),
                        "1|1|0|1|0|0|0\n");
    assert_string_equal(q(s, "SELECT shortname('cmp-1.example.com'), shortname('cmp-1'), "
                             "shortname(NULL) IS NULL, shortname(''), shortname('.x')"),
                        "cmp-1|cmp-1|1||\n");
    /* as a check uses them: the chassis hostname (an FQDN) against nova's short host name */
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    assert_string_equal(q(s, "SELECT h.hostname FROM sb_chassis c JOIN host h "
                             "ON hostmatch(h.hostname, c.hostname)"),
                        "cmp-1\n");
    assert_string_equal(q(s, "SELECT shortname(hostname) FROM sb_chassis"), "cmp-1\n");
    built_free(&b);
}

/* ------------------------------------------------------------------ file databases */

static void test_file_database(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    char *path = tu_path(dir, "analysis.db");
    built b;
    build(&b, path);
    /* while it is being built, the name is free and a temporary file sits next to it */
    assert_false(tu_exists(path));
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    assert_int_equal(tu_count_prefix(dir, "analysis.db.tmp"), 1);
    assert_int_equal(rca_store_finish_ingest(b.s), RCA_OK);
    assert_int_equal(rca_store_commit(b.s), RCA_OK);
    assert_true(tu_exists(path));
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    built_free(&b);
    assert_true(tu_exists(path));

    /* it opens read-only with everything in it, views included */
    tu_diag d;
    tu_diag_init(&d);
    rca_store *ro = NULL;
    assert_int_equal(rca_store_open_readonly(path, &d.d, &ro), RCA_OK);
    assert_string_equal(q(ro, "SELECT group_concat(hostname) FROM host"), "cmp-1,ctl-1\n");
    assert_string_equal(q(ro, "SELECT chassis FROM sb_port_binding WHERE uuid = 'pb-1'"), "3f1c2a77-chassis\n");
    assert_string_equal(q(ro, "SELECT hostmatch('a', 'a.b')"), "1\n");
    rows r;
    memset(&r, 0, sizeof r);
    assert_int_not_equal(rca_store_query(ro, "DELETE FROM host", 0, collect, &r, &d.d, "query", 1), RCA_OK);
    assert_string_equal(q(ro, "SELECT count(*) FROM host"), "2\n");
    rca_store_free(ro);
    tu_diag_clear(&d);

    /* an existing file is not overwritten unless asked */
    rca_store *s2 = (rca_store *)&d;
    assert_int_equal(rca_store_create(path, 0, &d.d, &s2), RCA_EIO);
    assert_ptr_equal(s2, (rca_store *)&d);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "already exists");
    assert_string_equal(m->where, path);
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    tu_diag_clear(&d);
    ro = NULL;
    assert_int_equal(rca_store_open_readonly(path, &d.d, &ro), RCA_OK);
    assert_string_equal(q(ro, "SELECT count(*) FROM host"), "2\n");
    rca_store_free(ro);

    /* with overwrite, the old file stays until the new one is committed */
    s2 = NULL;
    assert_int_equal(rca_store_create(path, 1, &d.d, &s2), RCA_OK);
    int64_t bid, hid;
    assert_int_equal(rca_store_add_bundle(s2, "other", &bid), RCA_OK);
    assert_int_equal(rca_store_add_host(s2, bid, "only-one", &hid), RCA_OK);
    ro = NULL;
    assert_int_equal(rca_store_open_readonly(path, &d.d, &ro), RCA_OK);
    assert_string_equal(q(ro, "SELECT count(*) FROM host"), "2\n");
    rca_store_free(ro);
    assert_int_equal(rca_store_finish_ingest(s2), RCA_OK);
    assert_int_equal(rca_store_commit(s2), RCA_OK);
    rca_store_free(s2);
    ro = NULL;
    assert_int_equal(rca_store_open_readonly(path, &d.d, &ro), RCA_OK);
    assert_string_equal(q(ro, "SELECT report FROM host"), "only-one\n");
    rca_store_free(ro);
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    tu_diag_free(&d);
    tu_rmtree(dir);
    free(path);
    free(dir);
}

static void test_file_database_abandoned(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    char *path = tu_path(dir, "analysis.db");
    built b;
    build(&b, path);
    assert_int_equal(rca_store_finish_ingest(b.s), RCA_OK);
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    built_free(&b); /* no commit: interrupted, or the analysis failed */
    assert_false(tu_exists(path));
    assert_int_equal(tu_count_prefix(dir, ""), 2); /* "." and ".." only */
    /* an uncommitted overwrite leaves the old file as it was */
    tu_write_str(dir, "analysis.db", "old contents");
    rca_store *s = NULL;
    tu_diag d;
    tu_diag_init(&d);
    assert_int_equal(rca_store_create(path, 1, &d.d, &s), RCA_OK);
    rca_store_free(s);
    size_t len;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[64] = "";
    len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    assert_string_equal(buf, "old contents");
    assert_int_equal(tu_count_prefix(dir, "analysis.db"), 1);
    /* rca_store_free(NULL) is a no-op */
    rca_store_free(NULL);
    /* a folder that does not exist */
    char *bad = tu_path(dir, "no/such/folder/x.db");
    s = NULL;
    assert_int_not_equal(rca_store_create(bad, 0, &d.d, &s), RCA_OK);
    assert_null(s);
    assert_true(d.d.errors >= 1);
    /* a file that is not a database is refused at open */
    rca_store *ro = NULL;
    assert_int_equal(rca_store_open_readonly(path, &d.d, &ro), RCA_EDB);
    assert_null(ro);
    tu_diag_free(&d);
    free(bad);
    tu_rmtree(dir);
    free(path);
    free(dir);
}

/* Findings, evidence and causes as the engine writes them, and the finding_view over them. */
static void test_findings_tables(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    assert_int_equal(rca_store_add_hit(s, "r1", "r1|x|h1", b.cmp, b.log_file, 1, 1746180929.874, "{\"port\":\"p\"}"), RCA_OK);
    assert_int_equal(rca_store_add_hit(s, "chk", "chk|y", 0, 0, 0, -1, NULL), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    assert_string_equal(q(s, "SELECT rule, grp, host_id, file_id, lineno, ts, fields FROM hit ORDER BY id"),
                        "r1|r1|x|h1|1|1|1|1746180929.874|{\"port\":\"p\"}\n"
                        "chk|chk|y|NULL|NULL|NULL|NULL|NULL\n");
    assert_int_equal(rca_store_begin(s), RCA_OK);
    int64_t f1, f2;
    assert_int_equal(rca_store_add_finding(s, "r1", "vif-plug-timeout", "intermediate", "error", b.cmp,
                                           "VIF timed out", 1746180929.874, 1746180989.0, 2, "{}", &f1), RCA_OK);
    assert_int_equal(rca_store_add_finding(s, "chk", "disk-ok", "ruled-out", "info", 0, "disk fine",
                                           -1, -1, 1, NULL, &f2), RCA_OK);
    assert_int_equal(rca_store_add_evidence(s, f1, b.cmp, b.log_file, 1, LINE1, strlen(LINE1)), RCA_OK);
    assert_int_equal(rca_store_add_cause(s, f2, f1, "host=cmp-1"), RCA_OK);
    assert_int_equal(rca_store_end(s), RCA_OK);
    assert_string_equal(q(s, "SELECT id, code, class, host, title, first_utc, last_utc, count FROM finding_view ORDER BY id"),
                        "1|vif-plug-timeout|intermediate|cmp-1|VIF timed out|2025-05-02 10:15:29|2025-05-02 10:16:29|2\n"
                        "2|disk-ok|ruled-out|NULL|disk fine|NULL|NULL|1\n");
    assert_string_equal(q(s, "SELECT finding_id, lineno, text FROM evidence"), "1|1|" LINE1 "\n");
    assert_string_equal(q(s, "SELECT cause_id, effect_id, key FROM cause"), "2|1|host=cmp-1\n");
    built_free(&b);
}

/* Many lines go through the write queue in several batches and the dictionary's cache: more
 * distinct request ids than it has slots, each seen twice, so some texts get a second id. The
 * `line` view must still give every line back with its number, record and texts, and a lookup
 * by request id must find both lines. */
static void test_writer_many_lines(void **state)
{
    (void)state;
    enum { DISTINCT = 40000, N = 2 * DISTINCT };
    tu_diag d;
    tu_diag_init(&d);
    rca_store *s = NULL;
    assert_int_equal(rca_store_create(":memory:", 0, &d.d, &s), RCA_OK);
    int64_t bundle, host, file;
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/nova/nova-compute.log", "log",
                                        "nova-compute", NULL, &file), RCA_OK);
    char raw[128], req[32];
    for (int i = 0; i < N; i++) {
        snprintf(req, sizeof req, "req-%08d", i % DISTINCT);
        snprintf(raw, sizeof raw, "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [%s] line %d", req, i + 1);
        rca_line_row row;
        memset(&row, 0, sizeof row);
        row.file_id = file;
        row.lineno = i + 1;
        row.ts = 1746180929.874 + i;
        row.level = i % 3 ? RCA_LVL_INFO : RCA_LVL_ERROR;
        row.logger = sp("nova.compute.manager");
        row.req = sp(req);
        row.pid = 4711;
        row.rec = i % 10 == 9 ? i : i + 1; /* every tenth line continues the one before */
        row.msg_off = 55;
        row.raw = rca_span_cstr(raw);
        assert_int_equal(rca_store_add_line(s, &row), RCA_OK);
    }
    assert_int_equal(rca_store_finish_file(s, file, 0, N, 1746180929.874, 1746180929.874 + N - 1, "ok"), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    char want[256];
    snprintf(want, sizeof want, "%d|%d|%d\n", N, N, DISTINCT);
    assert_string_equal(q(s, "SELECT count(*), max(lineno), count(DISTINCT req) FROM line"), want);
    assert_true(atoi(q(s, "SELECT count(*) FROM word")) > DISTINCT); /* evictions happened */
    assert_string_equal(q(s, "SELECT lineno, rec, level, logger, req, instance FROM line WHERE req = 'req-00000009'"),
                        "10|9|ERROR|nova.compute.manager|req-00000009|NULL\n"
                        "40010|40009|INFO|nova.compute.manager|req-00000009|NULL\n");
    /* a continuation line keeps its message offset; a record's first line is its own rec */
    assert_string_equal(q(s, "SELECT lineno, rec, msg_off, substr(raw, msg_off + 1, 6) FROM line WHERE lineno IN (9, 10) ORDER BY lineno"),
                        "9|9|55|[req-0\n10|9|55|[req-0\n");
    assert_string_equal(q(s, "SELECT level, count(*) FROM log WHERE lineno <= 6 GROUP BY level ORDER BY level"),
                        "ERROR|2\nINFO|4\n");
    rca_buf t;
    rca_buf_init(&t);
    assert_int_equal(rca_store_line_text(s, file, N, &t), RCA_OK);
    snprintf(raw, sizeof raw, "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [req-%08d] line %d",
             (N - 1) % DISTINCT, N);
    assert_string_equal(t.p, raw);
    rca_buf_free(&t);
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), 0);
    rca_store_free(s);
    tu_diag_free(&d);
}

typedef struct window_seen {
    int calls;
    rca_out_of_window w;
    char path[128];
} window_seen;

static rca_err window_cb(void *ctx, const rca_out_of_window *w)
{
    window_seen *ws = ctx;
    ws->calls++;
    ws->w = *w;
    snprintf(ws->path, sizeof ws->path, "%s", w->path);
    ws->w.path = ws->path;
    ws->w.bundle = ws->w.report = NULL;
    return RCA_OK;
}

/* Lines dated after the collection (beyond the allowed skew) or long before it: counted per file
 * with their span, and their rule hits leave `hit` for `hit_outside`; lines inside the window and
 * files of a host with no collection time are left alone. */
static void test_out_of_window(void **state)
{
    (void)state;
    tu_diag d;
    tu_diag_init(&d);
    rca_store *s = NULL;
    assert_int_equal(rca_store_create(":memory:", 0, &d.d, &s), RCA_OK);
    int64_t bundle, host, other, file, ofile;
    const double c = 1746180000.0; /* collected */
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    assert_int_equal(rca_store_set_host_num(s, host, "collected_at", c), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-2", &other), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/ovn/ovn-controller.log", "log",
                                        "ovn-controller", NULL, &file), RCA_OK);
    /* before the window, inside (twice, one of them 10 minutes after: skew), after (twice) */
    const double ts[] = {c - 400 * 86400.0, c - 3600, c + 600, c + 7 * 86400.0, c + 7 * 86400.0 + 5};
    for (int i = 0; i < 5; i++) {
        rca_line_row row;
        memset(&row, 0, sizeof row);
        row.file_id = file;
        row.lineno = i + 1;
        row.ts = ts[i];
        row.pid = -1;
        row.rec = i + 1;
        row.raw = rca_span_cstr("2025-05-02T10:15:29.874Z|00001|reconnect|INFO|x");
        assert_int_equal(rca_store_add_line(s, &row), RCA_OK);
        assert_int_equal(rca_store_add_hit(s, "r", "r|x", host, file, i + 1, ts[i], "{}"), RCA_OK);
    }
    assert_int_equal(rca_store_finish_file(s, file, 0, 5, ts[0], ts[4], "ok"), RCA_OK);
    assert_int_equal(rca_store_add_file(s, other, "var/log/ovn/ovn-controller.log", "log",
                                        "ovn-controller", NULL, &ofile), RCA_OK);
    rca_line_row row;
    memset(&row, 0, sizeof row);
    row.file_id = ofile;
    row.lineno = 1;
    row.ts = c + 30 * 86400.0;
    row.pid = -1;
    row.rec = 1;
    row.raw = rca_span_cstr("x");
    assert_int_equal(rca_store_add_line(s, &row), RCA_OK);
    assert_int_equal(rca_store_finish_file(s, ofile, 0, 1, row.ts, row.ts, "ok"), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    window_seen ws;
    memset(&ws, 0, sizeof ws);
    assert_int_equal(rca_store_set_aside_out_of_window(s, 3600, 366 * 86400.0, window_cb, &ws), RCA_OK);
    assert_int_equal(ws.calls, 1);
    assert_string_equal(ws.path, "var/log/ovn/ovn-controller.log");
    assert_int_equal(ws.w.n_after, 2);
    assert_true(fabs(ws.w.after_first - ts[3]) < 0.01 && fabs(ws.w.after_last - ts[4]) < 0.01);
    assert_int_equal(ws.w.n_before, 1);
    assert_true(fabs(ws.w.before_first - ts[0]) < 0.01);
    assert_int_equal(ws.w.hits, 3);
    assert_string_equal(q(s, "SELECT group_concat(lineno) FROM (SELECT lineno FROM hit ORDER BY lineno)"), "2,3\n");
    assert_string_equal(q(s, "SELECT group_concat(lineno) FROM (SELECT lineno FROM hit_outside ORDER BY lineno)"), "1,4,5\n");
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), 0);
    rca_store_free(s);
    tu_diag_free(&d);
}

/* A write that fails in the writer (here a NOT NULL column left empty) is returned by the next
 * call that waits for the queue, said once through diag, and every later call fails too. */
static void test_writer_error(void **state)
{
    (void)state;
    tu_diag d;
    tu_diag_init(&d);
    rca_store *s = NULL;
    assert_int_equal(rca_store_create(":memory:", 0, &d.d, &s), RCA_OK);
    int64_t bundle, host;
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    static const char *const cols[] = {"key", "value"};
    rca_span vals[] = {RCA_SPAN_NULL, sp("v")};
    assert_int_equal(rca_store_add_row(s, host, 1, "fact", 1, 2, cols, vals), RCA_OK); /* queued */
    rows r;
    memset(&r, 0, sizeof r);
    assert_int_equal(rca_store_query(s, "SELECT 1", 1, collect, &r, &d.d, "x", 1), RCA_EDB);
    const tu_msg *m = tu_diag_expect(&d, RCA_DIAG_ERROR, "cannot add a row: NOT NULL constraint failed: fact.key");
    assert_non_null(m);
    assert_int_equal(rca_store_finish_ingest(s), RCA_EDB);
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), 1);
    rca_store_free(s);
    tu_diag_free(&d);
}

/* ------------------------------------------------------------------ typed questions */

typedef struct groups_seen {
    int n;
    char grp[4][32];
    int64_t host[4], count[4], first_hit[4];
    double first[4], last[4];
} groups_seen;

static rca_err group_cb(void *ctx, const rca_hit_group *g)
{
    groups_seen *gs = ctx;
    if (gs->n >= 4)
        return RCA_ELIMIT; /* stops the walk and comes back */
    snprintf(gs->grp[gs->n], sizeof gs->grp[0], "%s/%s", g->rule, g->grp);
    gs->host[gs->n] = g->host_id;
    gs->count[gs->n] = g->count;
    gs->first_hit[gs->n] = g->first_hit;
    gs->first[gs->n] = g->first_ts;
    gs->last[gs->n] = g->last_ts;
    gs->n++;
    return RCA_OK;
}

/* The engine's questions: groups of hits, their evidence lines, recovery markers before and after
 * a time matched on a field, the episode after a recovery; microsecond times are compared exactly
 * (they are bound as doubles, never printed and parsed back). */
static void test_hit_questions(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    const double t = 1746180929.123456;
    /* a failure at t, t+10, t+20 (port p1), a recovery of p1 at t+15 and of p2 at t+30 */
    assert_int_equal(rca_store_add_hit(s, "fail", "fail|p1", b.cmp, b.log_file, 1, t, "{\"port\":\"p1\",\"n\":\"1\"}"), RCA_OK);
    assert_int_equal(rca_store_add_hit(s, "fail", "fail|p1", b.cmp, b.log_file, 2, t + 10, "{\"port\":\"p1\",\"n\":\"2\"}"), RCA_OK);
    assert_int_equal(rca_store_add_hit(s, "up", "up|p1", b.cmp, b.log_file, 1, t + 15, "{\"port\":\"p1\"}"), RCA_OK);
    assert_int_equal(rca_store_add_hit(s, "fail", "fail|p1", b.cmp, b.log_file, 2, t + 20, "{\"port\":\"p1\",\"n\":\"3\"}"), RCA_OK);
    assert_int_equal(rca_store_add_hit(s, "up", "up|p2", b.cmp, 0, 0, t + 30, "{\"port\":\"p2\"}"), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);

    groups_seen gs;
    memset(&gs, 0, sizeof gs);
    assert_int_equal(rca_store_each_hit_group(s, group_cb, &gs), RCA_OK);
    assert_int_equal(gs.n, 3);
    assert_string_equal(gs.grp[0], "fail/fail|p1");
    assert_int_equal(gs.count[0], 3);
    assert_int_equal(gs.host[0], b.cmp);
    assert_true(gs.first[0] == t && gs.last[0] == t + 20);
    assert_string_equal(gs.grp[2], "up/up|p2");

    rca_buf out;
    rca_buf_init(&out);
    assert_int_equal(rca_store_hit_fields(s, gs.first_hit[0], &out), RCA_OK);
    assert_string_equal(out.p, "{\"port\":\"p1\",\"n\":\"1\"}");
    assert_int_equal(rca_store_hit_fields(s, 999, &out), RCA_OK);
    assert_string_equal(out.p, "{}");

    /* evidence: the first two from t+10 on, then the last; the hit without a line is no evidence */
    rca_hit_place at[3];
    size_t n = 0;
    assert_int_equal(rca_store_group_places(s, "fail|p1", t + 10, 2, at, &n), RCA_OK);
    assert_int_equal(n, 3);
    assert_true(at[0].lineno == 2 && at[1].lineno == 2 && at[2].lineno == 2);
    assert_int_equal(rca_store_group_places(s, "fail|p1", -1, 1, at, &n), RCA_OK);
    assert_int_equal(n, 2);
    assert_true(at[0].lineno == 1 && at[0].file_id == b.log_file && at[0].host_id == b.cmp);
    assert_int_equal(rca_store_group_places(s, "up|p2", -1, 2, at, &n), RCA_OK);
    assert_int_equal(n, 0);

    /* markers: matched on the port, on the host, exactly after or before the time */
    rca_field_eq p1 = {"port", "p1"}, p2 = {"port", "p2"};
    double when = 0;
    assert_int_equal(rca_store_marker_after(s, "up", b.cmp, t, &p1, 1, &when), RCA_OK);
    assert_true(when == t + 15);
    assert_int_equal(rca_store_marker_after(s, "up", b.cmp, t + 15, &p1, 1, &when), RCA_OK);
    assert_true(when == -1);
    assert_int_equal(rca_store_marker_after(s, "up", b.ctl, t, &p1, 1, &when), RCA_OK);
    assert_true(when == -1);
    assert_int_equal(rca_store_marker_after(s, "up", b.cmp, t, &p2, 1, &when), RCA_OK);
    assert_true(when == t + 30);
    assert_int_equal(rca_store_marker_before(s, "up", b.cmp, t + 20, &p1, 1, &when), RCA_OK);
    assert_true(when == t + 15);
    assert_int_equal(rca_store_marker_before(s, "up", b.cmp, t + 20, NULL, 0, &when), RCA_OK);
    assert_true(when == t + 15);

    /* the episode after the recovery at t+15: one hit, the third */
    double since = 0;
    int64_t count = 0;
    assert_int_equal(rca_store_group_since(s, "fail|p1", t + 15, &since, &count, &out), RCA_OK);
    assert_true(since == t + 20);
    assert_int_equal(count, 1);
    assert_string_equal(out.p, "{\"port\":\"p1\",\"n\":\"3\"}");
    assert_int_equal(rca_store_group_since(s, "fail|p1", t + 20, &since, &count, &out), RCA_OK);
    assert_true(since == -1);
    assert_int_equal(count, 0);
    /* a callback's error stops the walk and comes back */
    gs.n = 4;
    assert_int_equal(rca_store_each_hit_group(s, group_cb, &gs), RCA_ELIMIT);
    rca_buf_free(&out);
    built_free(&b);
}

static rca_err host_fails(void *ctx, const rca_host_info *h)
{
    (void)h;
    ++*(int *)ctx;
    return RCA_ENOMEM;
}

/* Host facts, the report name, system-ids; a host callback's error stops the walk. */
static void test_host_questions(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    static const char *const cols[] = {"key", "value"};
    rca_span v1[] = {sp("kernel"), sp("5.14.0-70.el9")}, v2[] = {sp("kernel"), sp("later")};
    assert_int_equal(rca_store_add_row(s, b.cmp, b.ovs_file, "fact", 1, 2, cols, v1), RCA_OK);
    assert_int_equal(rca_store_add_row(s, b.cmp, b.ovs_file + 1, "fact", 1, 2, cols, v2), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    char *v = NULL;
    assert_int_equal(rca_store_fact(s, b.cmp, "kernel", &v), RCA_OK);
    assert_string_equal(v, "5.14.0-70.el9"); /* the first by file */
    free(v);
    assert_int_equal(rca_store_fact(s, b.ctl, "kernel", &v), RCA_OK);
    assert_null(v);
    assert_int_equal(rca_store_host_report(s, b.ctl, &v), RCA_OK);
    assert_string_equal(v, "sosreport-ctl-1-2025-05-02-hijklmn");
    free(v);
    assert_int_equal(rca_store_host_report(s, 99, &v), RCA_OK);
    assert_null(v);
    assert_int_equal(rca_store_set_system_ids(s), RCA_OK);
    assert_string_equal(q(s, "SELECT id, system_id FROM host ORDER BY id"), "1|3f1c2a77-chassis\n2|NULL\n");
    int calls = 0;
    assert_int_equal(rca_store_each_host(s, host_fails, &calls), RCA_ENOMEM);
    assert_int_equal(calls, 1);
    built_free(&b);
}

/* A file read with one offset and redone with the zone known later: each time gets the offset of
 * the span its local time falls in; lines, hits and the file's first and last times change, other
 * files do not. */
static void test_retime_file(void **state)
{
    (void)state;
    tu_diag d;
    tu_diag_init(&d);
    rca_store *s = NULL;
    assert_int_equal(rca_store_create(":memory:", 0, &d.d, &s), RCA_OK);
    int64_t bundle, host, file, other;
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/messages", "log", "syslog", NULL, &file), RCA_OK);
    /* read as UTC (offset 0); the zone is +3600 before T, +7200 from then on */
    const double ts[] = {1746180000.5, 1746190000.25};
    for (int i = 0; i < 2; i++) {
        add_log_line(s, file, i + 1, ts[i], RCA_LVL_INFO, "x", "line", 0);
        assert_int_equal(rca_store_add_hit(s, "r", "r|", host, file, i + 1, ts[i], "{}"), RCA_OK);
    }
    assert_int_equal(rca_store_finish_file(s, file, 0, 2, ts[0], ts[1], "ok"), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/other", "log", "syslog", NULL, &other), RCA_OK);
    add_log_line(s, other, 1, 1000.5, RCA_LVL_INFO, "x", "line", 0);
    assert_int_equal(rca_store_finish_file(s, other, 0, 1, 1000.5, 1000.5, "ok"), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    const rca_offset_span spans[] = {{1746185000, 3600}, {INT64_MAX, 7200}};
    assert_int_equal(rca_store_retime_file(s, file, 0, spans, 2), RCA_OK);
    assert_string_equal(q(s, "SELECT file_id, lineno, ts FROM line ORDER BY file_id, lineno"),
                        "1|1|1746176400.5\n1|2|1746182800.25\n2|1|1000.5\n");
    assert_string_equal(q(s, "SELECT group_concat(ts) FROM (SELECT ts FROM hit ORDER BY id)"),
                        "1746176400.5,1746182800.25\n");
    assert_string_equal(q(s, "SELECT first_ts, last_ts FROM file ORDER BY id"),
                        "1746176400.5|1746182800.25\n1000.5|1000.5\n");
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), 0);
    rca_store_free(s);
    tu_diag_free(&d);
}

/* The kernel's seconds since boot, stored as they are, move by the boot time (lines, hits, the
 * file's span; not another file's), or become undated when the boot time is unknown. */
static void test_shift_file(void **state)
{
    (void)state;
    tu_diag d;
    tu_diag_init(&d);
    rca_store *s = NULL;
    assert_int_equal(rca_store_create(":memory:", 0, &d.d, &s), RCA_OK);
    int64_t bundle, host, dmesg, other, undated;
    assert_int_equal(rca_store_add_bundle(s, "b.tar.xz", &bundle), RCA_OK);
    assert_int_equal(rca_store_add_host(s, bundle, "sosreport-cmp-1", &host), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "sos_commands/kernel/dmesg", "log", "kernel", NULL, &dmesg),
                     RCA_OK);
    add_log_line(s, dmesg, 1, 3295112.428, RCA_LVL_NONE, "kernel", "Out of memory", 0);
    assert_int_equal(rca_store_add_hit(s, "r", "r|", host, dmesg, 1, 3295112.428, "{}"), RCA_OK);
    assert_int_equal(rca_store_finish_file(s, dmesg, 0, 1, 3295112.428, 3295112.428, "ok"), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "var/log/kern.log", "log", "kernel", NULL, &other), RCA_OK);
    add_log_line(s, other, 1, 1755772272.418, RCA_LVL_NONE, "kernel", "Out of memory", 0);
    assert_int_equal(rca_store_finish_file(s, other, 0, 1, 1755772272.418, 1755772272.418, "ok"), RCA_OK);
    assert_int_equal(rca_store_add_file(s, host, "dmesg", "log", "kernel", NULL, &undated), RCA_OK);
    add_log_line(s, undated, 1, 12.5, RCA_LVL_NONE, "kernel", "boot", 0);
    assert_int_equal(rca_store_add_hit(s, "r", "r|", host, undated, 1, 12.5, "{}"), RCA_OK);
    assert_int_equal(rca_store_finish_file(s, undated, 0, 1, 12.5, 12.5, "ok"), RCA_OK);
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    assert_int_equal(rca_store_shift_file(s, dmesg, 1, 1752477160.0), RCA_OK);
    assert_int_equal(rca_store_shift_file(s, undated, 0, 0), RCA_OK);
    assert_string_equal(q(s, "SELECT file_id, lineno, ifnull(ts, 'NULL') FROM line ORDER BY file_id, lineno"),
                        "1|1|1755772272.428\n2|1|1755772272.418\n3|1|NULL\n");
    assert_string_equal(q(s, "SELECT group_concat(ifnull(ts, 'NULL')) FROM (SELECT ts FROM hit ORDER BY id)"),
                        "1755772272.428,NULL\n");
    assert_string_equal(q(s, "SELECT ifnull(first_ts, 'NULL'), ifnull(last_ts, 'NULL') FROM file ORDER BY id"),
                        "1755772272.428|1755772272.428\n1755772272.418|1755772272.418\nNULL|NULL\n");
    assert_int_equal(tu_diag_count(&d, RCA_DIAG_ERROR), 0);
    rca_store_free(s);
    tu_diag_free(&d);
}

/* The full-text index covers every stored line, finds words wherever they are in a line (not a
 * prefix or a substring of a word), and gives back the line's place through line_id. */
static void test_full_text_index(void **state)
{
    (void)state;
    built b;
    build(&b, ":memory:");
    rca_store *s = b.s;
    assert_int_equal(rca_store_finish_ingest(s), RCA_OK);
    assert_int_equal(rca_store_build_fts(s), RCA_OK);
    /* FTS5's own consistency check of the index passes */
    assert_int_equal(rca_store_exec(s, "INSERT INTO line_fts(line_fts) VALUES('integrity-check')"),
                     RCA_OK);
    assert_string_equal(q(s, "SELECT g.host, g.path, g.lineno FROM line_fts JOIN log g ON g.line_id = line_fts.rowid "
                             "WHERE line_fts MATCH 'vif'"),
                        "cmp-1|var/log/nova/nova-compute.log|1\n");
    assert_string_equal(q(s, "SELECT count(*) FROM line_fts WHERE line_fts MATCH 'timeout AND waiting'"), "1\n");
    assert_string_equal(q(s, "SELECT count(*) FROM line_fts WHERE line_fts MATCH 'imeout'"), "0\n");
    built_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_hosts_and_lines),
        cmocka_unit_test(test_row_statement_cache),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_read_only_attach),
        cmocka_unit_test(test_sql_errors),
        cmocka_unit_test(test_queryv),
        cmocka_unit_test(test_sql_functions),
        cmocka_unit_test(test_file_database),
        cmocka_unit_test(test_file_database_abandoned),
        cmocka_unit_test(test_findings_tables),
        cmocka_unit_test(test_writer_many_lines),
        cmocka_unit_test(test_writer_error),
        cmocka_unit_test(test_out_of_window),
        cmocka_unit_test(test_full_text_index),
        cmocka_unit_test(test_hit_questions),
        cmocka_unit_test(test_host_questions),
        cmocka_unit_test(test_retime_file),
        cmocka_unit_test(test_shift_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
