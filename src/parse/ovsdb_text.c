/* ovsdb_text.c - OVSDB contents as the command-line tools print them, turned into rows of the
 * generic "ovsdb" table (parse stage): `ovs-vsctl|ovn-sbctl|ovn-nbctl list <Table>` ("ovsdb-list"),
 * the `ovsdb-client -f list dump` that sos collected before 4.3 ("ovsdb-dump"), and the
 * summaries of `ovn-sbctl show` and `ovn-nbctl show`. Also home of the reader of OVSDB's printed
 * value syntax (`"str"`, `word`, `[a, b]`, `{k=v}`), which ovs_show.c uses as well. Values are
 * unquoted; a set gives one row per element and a map one row per pair, so that rules can join on
 * single values (a port UUID, a chassis name) with plain SQL.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse_internal.h"
#include "rca_parse.h"

/* ------------------------------------------------------------------ printed values */

typedef struct cursor {
    const char *p;
    size_t n, i;
} cursor;

static void skip_blanks(cursor *c)
{
    while (c->i < c->n && is_blank_char(c->p[c->i]))
        c->i++;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Four hex digits at c->i, or -1. */
static long hex4(const cursor *c)
{
    if (c->n - c->i < 4)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(c->p[c->i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static rca_err put_utf8(rca_buf *out, unsigned long cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return rca_buf_add(out, b, n);
}

/* A quoted string at c->i (which is '"'), with JSON escapes as OVSDB prints them. */
static rca_err read_quoted(cursor *c, rca_buf *out, int *malformed)
{
    rca_err rc = RCA_OK;
    c->i++;
    for (;;) {
        if (c->i >= c->n) {
            *malformed = 1; /* unterminated: the output was cut */
            break;
        }
        char ch = c->p[c->i++];
        if (ch == '"')
            break;
        if (ch != '\\') {
            if ((rc = rca_buf_addc(out, ch)))
                break;
            continue;
        }
        if (c->i >= c->n) {
            *malformed = 1;
            break;
        }
        char e = c->p[c->i++];
        switch (e) {
        case 'n': rc = rca_buf_addc(out, '\n'); break;
        case 't': rc = rca_buf_addc(out, '\t'); break;
        case 'r': rc = rca_buf_addc(out, '\r'); break;
        case 'b': rc = rca_buf_addc(out, '\b'); break;
        case 'f': rc = rca_buf_addc(out, '\f'); break;
        case 'u': {
            long cp = hex4(c);
            if (cp < 0) {
                *malformed = 1;
                rc = rca_buf_addc(out, 'u');
                break;
            }
            c->i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && c->n - c->i >= 6 && c->p[c->i] == '\\' &&
                c->p[c->i + 1] == 'u') {
                cursor lo = {c->p, c->n, c->i + 2};
                long low = hex4(&lo);
                if (low >= 0xDC00 && low < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    c->i += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD; /* a lone surrogate has no UTF-8 form */
            rc = put_utf8(out, (unsigned long)cp);
            break;
        }
        default: rc = rca_buf_addc(out, e); break; /* \" \\ \/ and anything unknown */
        }
        if (rc)
            break;
    }
    return rc;
}

/* One atom at c->i: a quoted string or a bare word (which ends at a blank or a delimiter).
 * *got is 0 when there was nothing to read. */
static rca_err read_atom(cursor *c, rca_buf *out, int *got, int *malformed)
{
    rca_buf_reset(out);
    *got = 0;
    if (c->i >= c->n)
        return RCA_OK;
    if (c->p[c->i] == '"') {
        *got = 1;
        return read_quoted(c, out, malformed);
    }
    size_t start = c->i;
    while (c->i < c->n && !strchr(" \t\r,=]}[{\"", c->p[c->i]))
        c->i++;
    if (c->i == start)
        return RCA_OK;
    *got = 1;
    return rca_buf_add(out, c->p + start, c->i - start);
}

static rca_span buf_span(const rca_buf *b)
{
    /* An empty buffer may not have memory yet; "" still is a value, not SQL NULL. */
    return rca_span_make(b->p ? b->p : "", b->n);
}

/* The elements of a set or the pairs of a map, after the opening bracket. */
static rca_err walk_container(cursor *c, int map, ovsdb_elem_fn fn, void *ctx, rca_buf *k,
                              rca_buf *v, int *malformed)
{
    rca_err rc = RCA_OK;
    char close = map ? '}' : ']';
    skip_blanks(c);
    if (c->i < c->n && c->p[c->i] == close) {
        c->i++;
        return fn(ctx, RCA_SPAN_NULL, RCA_SPAN_NULL);
    }
    for (;;) {
        int got, cut = 0;
        skip_blanks(c);
        if (map) {
            if ((rc = read_atom(c, k, &got, &cut)))
                return rc;
            skip_blanks(c);
            if (!got || cut || c->i >= c->n || c->p[c->i] != '=') {
                *malformed = 1;
                return RCA_OK;
            }
            c->i++;
        }
        if ((rc = read_atom(c, v, &got, &cut)))
            return rc;
        if (!got) {
            *malformed = 1;
            return RCA_OK;
        }
        if ((rc = fn(ctx, map ? buf_span(k) : RCA_SPAN_NULL, buf_span(v))))
            return rc;
        skip_blanks(c);
        if (cut || c->i >= c->n) {
            *malformed = 1;
            return RCA_OK;
        }
        if (c->p[c->i] == close) {
            c->i++;
            return RCA_OK;
        }
        if (c->p[c->i] != ',') {
            *malformed = 1;
            return RCA_OK;
        }
        c->i++;
    }
}

rca_err rca_parse_ovsdb_value(const char *p, size_t n, ovsdb_elem_fn fn, void *ctx,
                              int *malformed)
{
    rca_err rc = RCA_OK;
    rca_buf k, v;
    rca_buf_init(&k);
    rca_buf_init(&v);
    rca_span s = span_trim(rca_span_make(p, n));
    cursor c = {s.p, s.n, 0};
    if (s.n == 0) {
        *malformed = 1;
        goto done;
    }
    if (s.p[0] == '[' || s.p[0] == '{') {
        c.i = 1;
        rc = walk_container(&c, s.p[0] == '{', fn, ctx, &k, &v, malformed);
    } else if (s.p[0] == '"') {
        int got;
        if ((rc = read_atom(&c, &v, &got, malformed)))
            goto done;
        rc = fn(ctx, RCA_SPAN_NULL, buf_span(&v));
    } else {
        /* A bare scalar: a number, a UUID, true/false or an identifier-like string. */
        if ((rc = rca_buf_add(&v, s.p, s.n)))
            goto done;
        c.i = c.n;
        rc = fn(ctx, RCA_SPAN_NULL, buf_span(&v));
    }
    if (!rc && c.i < c.n)
        *malformed = 1; /* text after the value */
done:
    rca_buf_free(&k);
    rca_buf_free(&v);
    return rc;
}

rca_err rca_parse_ovsdb_unquote(const char *p, size_t n, rca_buf *out, int *malformed)
{
    rca_span s = span_trim(rca_span_make(p, n));
    rca_buf_reset(out);
    if (s.n && s.p[0] == '"') {
        cursor c = {s.p, s.n, 0};
        int got;
        rca_err rc = read_atom(&c, out, &got, malformed);
        if (!rc && c.i < c.n)
            *malformed = 1;
        if (!rc && !out->p)
            rc = rca_buf_add(out, "", 0);
        return rc;
    }
    return rca_buf_add(out, s.p ? s.p : "", s.n);
}

const char *rca_parse_ovsdb_guess_db(const char *path)
{
    const char *b = rca_parse_basename(path);
    if (strstr(b, "ovn-sbctl") || strstr(b, "ovnsb"))
        return "OVN_Southbound";
    if (strstr(b, "ovn-nbctl") || strstr(b, "ovnnb"))
        return "OVN_Northbound";
    return "Open_vSwitch";
}

/* ------------------------------------------------------------------ table names */

/* Tables of the Open_vSwitch, OVN_Southbound and OVN_Northbound schemas, in their canonical
 * case (a name in two schemas is listed once). A file name may spell them in any case (`list_interface`) and may carry a record name
 * after them (`list_bridge_br-int`). */
static const char *const known_tables[] = {
    /* Open_vSwitch */
    "Open_vSwitch", "Bridge", "Port", "Interface", "Controller", "Manager", "Mirror", "NetFlow",
    "sFlow", "IPFIX", "Flow_Sample_Collector_Set", "Flow_Table", "QoS", "Queue", "SSL",
    "AutoAttach", "Datapath", "CT_Zone", "CT_Timeout_Policy",
    /* OVN_Southbound */
    "SB_Global", "Chassis", "Chassis_Private", "Encap", "Port_Binding", "Datapath_Binding",
    "MAC_Binding", "Static_MAC_Binding", "Gateway_Chassis", "HA_Chassis", "HA_Chassis_Group",
    "Logical_Flow", "Logical_DP_Group", "Multicast_Group", "Meter", "Meter_Band", "Port_Group",
    "Address_Set", "DHCP_Options", "DHCPv6_Options", "Connection", "DNS", "RBAC_Role",
    "RBAC_Permission", "Service_Monitor", "Load_Balancer", "BFD", "FDB", "Controller_Event",
    "IP_Multicast", "IGMP_Group", "Chassis_Template_Var", "ECMP_Nexthop", "Advertised_Route",
    "Learned_Route",
    /* OVN_Northbound */
    "NB_Global", "Logical_Switch", "Logical_Switch_Port", "Logical_Router", "Logical_Router_Port",
    "Logical_Router_Static_Route", "Logical_Router_Policy", "ACL", "NAT", "Load_Balancer_Group",
    "Load_Balancer_Health_Check", "Forwarding_Group", "Copp", "Sample", "Sample_Collector",
    "Logical_Switch_Port_Health_Check",
};

/* The table named in a list output's file name: what follows the last "_list_", matched
 * case-insensitively against the known tables (longest first, so that Port_Binding is not Port);
 * an unknown name is kept as written. */
static rca_span table_from_path(const char *path)
{
    const char *b = rca_parse_basename(path), *rest = NULL;
    for (const char *s = strstr(b, "_list_"); s; s = strstr(s + 1, "_list_"))
        rest = s + 6;
    if (!rest)
        rest = strncmp(b, "list_", 5) == 0 ? b + 5 : b;
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(known_tables); i++) {
        size_t n = strlen(known_tables[i]);
        if (n > best_n && strncasecmp(rest, known_tables[i], n) == 0 &&
            (rest[n] == '\0' || rest[n] == '_')) {
            best = known_tables[i];
            best_n = n;
        }
    }
    return rca_span_cstr(best ? best : rest);
}

/* ------------------------------------------------------------------ list / dump */

typedef struct list_ctx {
    const char *db;
    const rca_row_sink *sink;
    rca_span tbl;
    unsigned nrec;       /* records of the current table, for "row<N>" */
    skip_count skip;     /* lines that are not `column : value` */
    skip_count badval;   /* values cut or ill-formed */
    rca_buf uuid;
    /* for the element callback */
    rca_span col;
    unsigned lineno;
} list_ctx;

static int is_ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

/* Split `column<blanks>: value`. Column names are identifiers, which keeps error messages
 * ("ovs-vsctl: no row ...") out of the rows. */
static int split_column(rca_span line, rca_span *col, rca_span *val)
{
    size_t i = 0;
    while (i < line.n && is_ident_char(line.p[i]))
        i++;
    if (i == 0)
        return 0;
    *col = rca_span_make(line.p, i);
    while (i < line.n && is_blank_char(line.p[i]))
        i++;
    if (i >= line.n || line.p[i] != ':')
        return 0;
    i++;
    *val = span_trim(rca_span_make(line.p + i, line.n - i));
    return 1;
}

static rca_err list_elem(void *vctx, rca_span key, rca_span value)
{
    list_ctx *c = vctx;
    return rca_parse_emit_ovsdb(c->sink, c->lineno, c->db, c->tbl, buf_span(&c->uuid), c->col,
                                key, value);
}

/* Emit the rows of one record: the lines [start, end), the first being line `first`. The
 * `_uuid` is looked up first because `--columns` may put it anywhere or leave it out. */
static rca_err list_record(list_ctx *c, const char *start, const char *end, unsigned first)
{
    rca_err rc = RCA_OK;
    rca_lines it;
    rca_span line, col, val;
    int found = 0, any = 0;
    rca_lines_init(&it, start, (size_t)(end - start));
    while (rca_lines_next(&it, &line)) {
        if (!split_column(line, &col, &val))
            continue;
        any = 1;
        if (rca_span_eq(col, "_uuid") && !found) {
            int bad = 0;
            if ((rc = rca_parse_ovsdb_unquote(val.p, val.n, &c->uuid, &bad)))
                goto done;
            found = c->uuid.n > 0;
        }
    }
    if (!any) {
        for (unsigned l = 0; l < it.lineno; l++)
            skip_note(&c->skip, first + l);
        goto done;
    }
    c->nrec++;
    if (!found) {
        rca_buf_reset(&c->uuid);
        if ((rc = rca_buf_printf(&c->uuid, "row%u", c->nrec)))
            goto done;
    }
    rca_lines_init(&it, start, (size_t)(end - start));
    while (rca_lines_next(&it, &line)) {
        unsigned lineno = first + it.lineno - 1;
        if (!split_column(line, &col, &val)) {
            skip_note(&c->skip, lineno);
            continue;
        }
        int bad = 0;
        c->col = col;
        c->lineno = lineno;
        if ((rc = rca_parse_ovsdb_value(val.p, val.n, list_elem, c, &bad)))
            goto done;
        if (bad)
            skip_note(&c->badval, lineno);
    }
done:
    return rc;
}

/* "<Table> table": a section header of `ovsdb-client -f list dump`. */
static int dump_header(rca_span line, rca_span *tbl)
{
    if (line.n < 7 || memcmp(line.p + line.n - 6, " table", 6) != 0)
        return 0;
    rca_span name = rca_span_make(line.p, line.n - 6);
    if (name.n == 0)
        return 0;
    for (size_t i = 0; i < name.n; i++)
        if (!is_ident_char(name.p[i]))
            return 0;
    *tbl = name;
    return 1;
}

static rca_err parse_list(const char *path, const char *db, rca_span tbl, int dump,
                          const char *text, size_t len, const rca_row_sink *sink,
                          rca_diag *diag)
{
    rca_err rc = RCA_OK;
    list_ctx c = {0};
    c.db = db;
    c.sink = sink;
    c.tbl = tbl;
    rca_buf_init(&c.uuid);
    int have_table = !dump;
    const char *rec_start = NULL, *rec_end = NULL;
    unsigned rec_line = 0;
    rca_lines it;
    rca_span line, name;
    rca_lines_init(&it, text, len);
    for (;;) {
        int more = rca_lines_next(&it, &line);
        int blank = more && span_trim(line).n == 0;
        int header = more && dump && dump_header(line, &name);
        if (!more || blank || header) {
            if (rec_start && (rc = list_record(&c, rec_start, rec_end, rec_line)))
                goto done;
            rec_start = NULL;
            if (!more)
                break;
            if (header) {
                c.tbl = name;
                c.nrec = 0;
                have_table = 1;
            }
            continue;
        }
        if (!have_table) {
            skip_note(&c.skip, it.lineno); /* dump text before the first "<Table> table" */
            continue;
        }
        if (!rec_start) {
            rec_start = line.p;
            rec_line = it.lineno;
        }
        rec_end = line.p + line.n;
    }
    rca_parse_skipped(diag, path, c.skip.n, c.skip.first,
                      "line(s) that are not \"column : value\"");
    rca_parse_skipped(diag, path, c.badval.n, c.badval.first,
                      "cut or ill-formed value(s), keeping the elements read");
done:
    rca_buf_free(&c.uuid);
    return rc;
}

rca_err rca_parse_ovsdb_list(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag)
{
    const char *db = arg && arg[0] ? arg : rca_parse_ovsdb_guess_db(path);
    return parse_list(path, db, table_from_path(path), 0, text, len, sink, diag);
}

rca_err rca_parse_ovsdb_dump(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag)
{
    const char *db = arg && arg[0] ? arg : "Open_vSwitch";
    return parse_list(path, db, RCA_SPAN_NULL, 1, text, len, sink, diag);
}

/* ------------------------------------------------------------------ show outputs */

/* Emit one (tbl, uuid, col, value) row with a text value. */
static rca_err show_row(const rca_row_sink *sink, unsigned lineno, const char *db,
                        const char *tbl, const rca_buf *uuid, const char *col, rca_span key,
                        rca_span value)
{
    return rca_parse_emit_ovsdb(sink, lineno, db, rca_span_cstr(tbl), buf_span(uuid),
                                rca_span_cstr(col), key, value);
}

/* The text after a "keyword" prefix of a line's content. */
static rca_span after(rca_span s, size_t n)
{
    return rca_span_make(s.p + n, s.n - n);
}

typedef struct sb_state {
    const rca_row_sink *sink;
    int in_chassis;
    rca_buf chassis, uuid, val;
    /* the open Encap */
    int in_encap, have_ip;
    size_t encap_indent;
    unsigned encap_line, ip_line;
    rca_buf encap_type, encap_ip;
    skip_count skip, badval;
} sb_state;

static const char sb_db[] = "OVN_Southbound";

static rca_err sb_flush_encap(sb_state *s)
{
    rca_err rc = RCA_OK;
    if (!s->in_encap)
        return RCA_OK;
    s->in_encap = 0;
    rca_buf_reset(&s->uuid);
    if ((rc = rca_buf_printf(&s->uuid, "show:%s:%s:%s", s->chassis.p, s->encap_type.p,
                             s->have_ip ? s->encap_ip.p : "")))
        return rc;
    if ((rc = show_row(s->sink, s->encap_line, sb_db, "Encap", &s->uuid, "chassis_name",
                       RCA_SPAN_NULL, buf_span(&s->chassis))))
        return rc;
    if ((rc = show_row(s->sink, s->encap_line, sb_db, "Encap", &s->uuid, "type", RCA_SPAN_NULL,
                       buf_span(&s->encap_type))))
        return rc;
    if (s->have_ip)
        rc = show_row(s->sink, s->ip_line, sb_db, "Encap", &s->uuid, "ip", RCA_SPAN_NULL,
                      buf_span(&s->encap_ip));
    return rc;
}

/* Unquote the value of a show line into b; a cut value is noted but still used. */
static rca_err show_value(rca_span v, rca_buf *b, skip_count *badval, unsigned lineno)
{
    int bad = 0;
    rca_err rc = rca_parse_ovsdb_unquote(v.p, v.n, b, &bad);
    if (!rc && bad)
        skip_note(badval, lineno);
    return rc;
}

static rca_err sb_line(sb_state *s, rca_span line, unsigned lineno)
{
    rca_err rc = RCA_OK;
    size_t indent = span_indent(line);
    rca_span t = span_trim(line);
    if (t.n == 0)
        return RCA_OK;
    if (s->in_encap && indent <= s->encap_indent && (rc = sb_flush_encap(s)))
        return rc;
    if (indent == 0) {
        s->in_chassis = 0;
        if (!span_starts(t, "Chassis ")) {
            skip_note(&s->skip, lineno);
            return RCA_OK;
        }
        if ((rc = show_value(after(t, 8), &s->chassis, &s->badval, lineno)))
            return rc;
        s->in_chassis = 1;
        rca_buf_reset(&s->uuid);
        if ((rc = rca_buf_printf(&s->uuid, "show:%s", s->chassis.p)))
            return rc;
        return show_row(s->sink, lineno, sb_db, "Chassis", &s->uuid, "name", RCA_SPAN_NULL,
                        buf_span(&s->chassis));
    }
    if (!s->in_chassis) {
        skip_note(&s->skip, lineno);
        return RCA_OK;
    }
    if (s->in_encap && span_starts(t, "ip:")) {
        s->have_ip = 1;
        s->ip_line = lineno;
        return show_value(after(t, 3), &s->encap_ip, &s->badval, lineno);
    }
    if (s->in_encap && span_starts(t, "options:"))
        return RCA_OK;
    if (span_starts(t, "hostname:")) {
        if ((rc = show_value(after(t, 9), &s->val, &s->badval, lineno)))
            return rc;
        rca_buf_reset(&s->uuid);
        if ((rc = rca_buf_printf(&s->uuid, "show:%s", s->chassis.p)))
            return rc;
        return show_row(s->sink, lineno, sb_db, "Chassis", &s->uuid, "hostname", RCA_SPAN_NULL,
                        buf_span(&s->val));
    }
    if (span_starts(t, "Encap ")) {
        if ((rc = show_value(after(t, 6), &s->encap_type, &s->badval, lineno)))
            return rc;
        s->in_encap = 1;
        s->have_ip = 0;
        s->encap_indent = indent;
        s->encap_line = lineno;
        return RCA_OK;
    }
    if (span_starts(t, "Port_Binding ")) {
        if ((rc = show_value(after(t, 13), &s->val, &s->badval, lineno)))
            return rc;
        rca_buf_reset(&s->uuid);
        if ((rc = rca_buf_printf(&s->uuid, "show:%s", s->val.p)))
            return rc;
        if ((rc = show_row(s->sink, lineno, sb_db, "Port_Binding", &s->uuid, "logical_port",
                           RCA_SPAN_NULL, buf_span(&s->val))))
            return rc;
        return show_row(s->sink, lineno, sb_db, "Port_Binding", &s->uuid, "chassis",
                        RCA_SPAN_NULL, buf_span(&s->chassis));
    }
    skip_note(&s->skip, lineno);
    return RCA_OK;
}

rca_err rca_parse_sbctl_show(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    rca_err rc = RCA_OK;
    sb_state s = {0};
    s.sink = sink;
    rca_buf_init(&s.chassis);
    rca_buf_init(&s.uuid);
    rca_buf_init(&s.val);
    rca_buf_init(&s.encap_type);
    rca_buf_init(&s.encap_ip);
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line))
        if ((rc = sb_line(&s, line, it.lineno)))
            goto done;
    if ((rc = sb_flush_encap(&s)))
        goto done;
    rca_parse_skipped(diag, path, s.skip.n, s.skip.first, "unrecognised ovn-sbctl show line(s)");
    rca_parse_skipped(diag, path, s.badval.n, s.badval.first, "cut or ill-formed value(s)");
done:
    rca_buf_free(&s.chassis);
    rca_buf_free(&s.uuid);
    rca_buf_free(&s.val);
    rca_buf_free(&s.encap_type);
    rca_buf_free(&s.encap_ip);
    return rc;
}

/* ---- ovn-nbctl show ---- */

enum nb_kind { NB_NONE, NB_SWITCH, NB_ROUTER };
enum nb_sub { SUB_NONE, SUB_LSP, SUB_LRP, SUB_NAT };

typedef struct nb_state {
    const rca_row_sink *sink;
    enum nb_kind kind;
    enum nb_sub sub;
    size_t sub_indent;
    rca_buf top;   /* the switch or router UUID */
    rca_buf subid; /* the record UUID of the port ("show:<name>") or NAT */
    rca_buf val;
    skip_count skip, badval;
    /* element callback */
    const char *tbl, *col;
    unsigned lineno;
} nb_state;

static const char nb_db[] = "OVN_Northbound";

/* "<name>) (aka <alias>)" or "<name>)": the parts of a switch/router heading after the "(". */
static void split_alias(rca_span s, rca_span *name, rca_span *alias)
{
    *alias = RCA_SPAN_NULL;
    for (size_t i = 0; i + 7 <= s.n; i++) {
        if (memcmp(s.p + i, ") (aka ", 7) == 0) {
            *name = rca_span_make(s.p, i);
            rca_span a = rca_span_make(s.p + i + 7, s.n - i - 7);
            if (a.n && a.p[a.n - 1] == ')')
                a.n--;
            *alias = a;
            return;
        }
    }
    *name = s;
    if (name->n && name->p[name->n - 1] == ')')
        name->n--;
}

/* A port heading: "<name>" or "<name> (aka <alias>)". */
static void split_port_alias(rca_span s, rca_span *name, rca_span *alias)
{
    *name = s;
    *alias = RCA_SPAN_NULL;
    for (size_t i = 0; i + 6 <= s.n; i++) {
        if (memcmp(s.p + i, " (aka ", 6) == 0) {
            *name = rca_span_make(s.p, i);
            rca_span a = rca_span_make(s.p + i + 6, s.n - i - 6);
            if (a.n && a.p[a.n - 1] == ')')
                a.n--;
            *alias = a;
            return;
        }
    }
}

static rca_err nb_elem(void *vctx, rca_span key, rca_span value)
{
    nb_state *s = vctx;
    return show_row(s->sink, s->lineno, nb_db, s->tbl, &s->subid, s->col, key, value);
}

/* A set value ("addresses: [...]", "networks: [...]"): one row per element. */
static rca_err nb_set(nb_state *s, const char *tbl, const char *col, rca_span v,
                      unsigned lineno)
{
    int bad = 0;
    s->tbl = tbl;
    s->col = col;
    s->lineno = lineno;
    rca_err rc = rca_parse_ovsdb_value(v.p, v.n, nb_elem, s, &bad);
    if (!rc && bad)
        skip_note(&s->badval, lineno);
    return rc;
}

static rca_err nb_scalar(nb_state *s, const char *tbl, const char *col, rca_span key,
                         rca_span v, unsigned lineno)
{
    rca_err rc = show_value(v, &s->val, &s->badval, lineno);
    if (rc)
        return rc;
    return show_row(s->sink, lineno, nb_db, tbl, &s->subid, col, key, buf_span(&s->val));
}

static rca_err nb_heading(nb_state *s, rca_span t, unsigned lineno)
{
    rca_err rc = RCA_OK;
    int router = span_starts(t, "router ");
    rca_span rest = span_trim(after(t, 7)); /* "switch " and "router " */
    const char *tbl = router ? "Logical_Router" : "Logical_Switch";
    size_t i = 0;
    while (i < rest.n && !is_blank_char(rest.p[i]))
        i++;
    rca_span uuid = rca_span_make(rest.p, i);
    rca_span tail = span_trim(rca_span_make(rest.p + i, rest.n - i)), name, alias;
    s->kind = router ? NB_ROUTER : NB_SWITCH;
    s->sub = SUB_NONE;
    rca_buf_reset(&s->top);
    if ((rc = rca_buf_add(&s->top, uuid.p, uuid.n)))
        return rc;
    if (!tail.n || tail.p[0] != '(') {
        skip_note(&s->badval, lineno);
        return RCA_OK;
    }
    split_alias(after(tail, 1), &name, &alias);
    rca_buf_reset(&s->subid);
    if ((rc = rca_buf_add(&s->subid, uuid.p, uuid.n)))
        return rc;
    if ((rc = show_row(s->sink, lineno, nb_db, tbl, &s->subid, "name", RCA_SPAN_NULL, name)))
        return rc;
    if (alias.p)
        rc = show_row(s->sink, lineno, nb_db, tbl, &s->subid, "aka", RCA_SPAN_NULL, alias);
    return rc;
}

static rca_err nb_port(nb_state *s, rca_span t, size_t indent, unsigned lineno)
{
    rca_err rc = RCA_OK;
    rca_span name, alias;
    split_port_alias(span_trim(after(t, 5)), &name, &alias);
    const char *tbl = s->kind == NB_ROUTER ? "Logical_Router_Port" : "Logical_Switch_Port";
    s->sub = s->kind == NB_ROUTER ? SUB_LRP : SUB_LSP;
    s->sub_indent = indent;
    rca_buf_reset(&s->subid);
    if ((rc = rca_buf_adds(&s->subid, "show:")) || (rc = rca_buf_add(&s->subid, name.p, name.n)))
        return rc;
    if ((rc = show_row(s->sink, lineno, nb_db, tbl, &s->subid, "name", RCA_SPAN_NULL, name)))
        return rc;
    if ((rc = show_row(s->sink, lineno, nb_db, tbl, &s->subid,
                       s->kind == NB_ROUTER ? "router" : "switch", RCA_SPAN_NULL,
                       buf_span(&s->top))))
        return rc;
    if (alias.p)
        rc = show_row(s->sink, lineno, nb_db, tbl, &s->subid, "aka", RCA_SPAN_NULL, alias);
    return rc;
}

/* "gateway chassis: [c1 c2]": blank-separated names, unlike every other set. */
static rca_err nb_gateway_chassis(nb_state *s, rca_span v, unsigned lineno)
{
    rca_err rc = RCA_OK;
    v = span_trim(v);
    if (v.n && v.p[0] == '[')
        v = after(v, 1);
    if (v.n && v.p[v.n - 1] == ']')
        v.n--;
    else
        skip_note(&s->badval, lineno);
    size_t i = 0;
    while (i < v.n) {
        while (i < v.n && is_blank_char(v.p[i]))
            i++;
        size_t start = i;
        while (i < v.n && !is_blank_char(v.p[i]))
            i++;
        if (i > start && (rc = show_row(s->sink, lineno, nb_db, "Logical_Router_Port", &s->subid,
                                        "gateway_chassis", RCA_SPAN_NULL,
                                        rca_span_make(v.p + start, i - start))))
            break;
    }
    return rc;
}

static rca_err nb_attribute(nb_state *s, rca_span t, unsigned lineno)
{
    switch (s->sub) {
    case SUB_LSP: {
        static const char lsp[] = "Logical_Switch_Port";
        if (span_starts(t, "type:"))
            return nb_scalar(s, lsp, "type", RCA_SPAN_NULL, after(t, 5), lineno);
        if (span_starts(t, "parent:"))
            return nb_scalar(s, lsp, "parent_name", RCA_SPAN_NULL, after(t, 7), lineno);
        if (span_starts(t, "tag:"))
            return nb_scalar(s, lsp, "tag", RCA_SPAN_NULL, after(t, 4), lineno);
        if (span_starts(t, "addresses:"))
            return nb_set(s, lsp, "addresses", after(t, 10), lineno);
        if (span_starts(t, "router-port:"))
            return nb_scalar(s, lsp, "options", rca_span_cstr("router-port"), after(t, 12),
                             lineno);
        break;
    }
    case SUB_LRP: {
        static const char lrp[] = "Logical_Router_Port";
        if (span_starts(t, "mac:"))
            return nb_scalar(s, lrp, "mac", RCA_SPAN_NULL, after(t, 4), lineno);
        if (span_starts(t, "networks:"))
            return nb_set(s, lrp, "networks", after(t, 9), lineno);
        if (span_starts(t, "gateway chassis:"))
            return nb_gateway_chassis(s, after(t, 16), lineno);
        break;
    }
    case SUB_NAT: {
        static const char nat[] = "NAT";
        if (span_starts(t, "external ip:"))
            return nb_scalar(s, nat, "external_ip", RCA_SPAN_NULL, after(t, 12), lineno);
        if (span_starts(t, "external port(s):"))
            return nb_scalar(s, nat, "external_port_range", RCA_SPAN_NULL, after(t, 17), lineno);
        if (span_starts(t, "logical ip:"))
            return nb_scalar(s, nat, "logical_ip", RCA_SPAN_NULL, after(t, 11), lineno);
        if (span_starts(t, "type:"))
            return nb_scalar(s, nat, "type", RCA_SPAN_NULL, after(t, 5), lineno);
        break;
    }
    case SUB_NONE: break;
    }
    skip_note(&s->skip, lineno);
    return RCA_OK;
}

static rca_err nb_line(nb_state *s, rca_span line, unsigned lineno)
{
    rca_err rc = RCA_OK;
    size_t indent = span_indent(line);
    rca_span t = span_trim(line);
    if (t.n == 0)
        return RCA_OK;
    if (indent == 0) {
        s->kind = NB_NONE;
        s->sub = SUB_NONE;
        if (span_starts(t, "switch ") || span_starts(t, "router "))
            return nb_heading(s, t, lineno);
        skip_note(&s->skip, lineno);
        return RCA_OK;
    }
    if (s->sub != SUB_NONE && indent <= s->sub_indent)
        s->sub = SUB_NONE;
    if (s->kind == NB_NONE) {
        skip_note(&s->skip, lineno);
        return RCA_OK;
    }
    if (s->sub == SUB_NONE) {
        if (span_starts(t, "port "))
            return nb_port(s, t, indent, lineno);
        if (s->kind == NB_ROUTER && span_starts(t, "nat ")) {
            rca_span id = span_trim(after(t, 4));
            s->sub = SUB_NAT;
            s->sub_indent = indent;
            rca_buf_reset(&s->subid);
            if ((rc = rca_buf_add(&s->subid, id.p, id.n)))
                return rc;
            return show_row(s->sink, lineno, nb_db, "NAT", &s->subid, "router", RCA_SPAN_NULL,
                            buf_span(&s->top));
        }
        skip_note(&s->skip, lineno);
        return RCA_OK;
    }
    return nb_attribute(s, t, lineno);
}

rca_err rca_parse_nbctl_show(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    rca_err rc = RCA_OK;
    nb_state s = {0};
    s.sink = sink;
    rca_buf_init(&s.top);
    rca_buf_init(&s.subid);
    rca_buf_init(&s.val);
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line))
        if ((rc = nb_line(&s, line, it.lineno)))
            goto done;
    rca_parse_skipped(diag, path, s.skip.n, s.skip.first, "unrecognised ovn-nbctl show line(s)");
    rca_parse_skipped(diag, path, s.badval.n, s.badval.first, "cut or ill-formed value(s)");
done:
    rca_buf_free(&s.top);
    rca_buf_free(&s.subid);
    rca_buf_free(&s.val);
    return rc;
}
