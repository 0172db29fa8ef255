/* ovs_show.c - the parser of `ovs-vsctl show` (parse stage), the one file that says at a glance
 * which bridges, ports and tunnels a host's Open vSwitch has and which interfaces the datapath
 * refused (`error: "could not add network device ..."`, chain A's "no geneve" link). It yields one
 * "ovs_bridge" row per bridge and one "ovs_port" row per interface (or per port without one).
 * The output is a tree whose nesting is its indentation (4 spaces a level: Bridge > Port >
 * Interface > type/options/error), so the parser keeps one open record per level and writes it
 * out when a line at the same or a shallower level closes it; a cut output still gives every
 * record read so far.
 */
#include <string.h>

#include "parse_internal.h"
#include "rca_parse.h"

/* An optional text column: set or SQL NULL. */
typedef struct field {
    int set;
    rca_buf b;
} field;

typedef struct show_state {
    const rca_row_sink *sink;

    int in_bridge;
    size_t br_indent;
    unsigned br_line;
    field br_name, fail_mode, dp_type, controller;
    int ctrl_state; /* -1 no Controller, 0 not connected, 1 is_connected: true */

    int in_ctrl, ctrl_first; /* inside a Controller block; it is the bridge's first one */
    size_t ctrl_indent;
    int in_manager;
    size_t mgr_indent;

    int in_port, port_ifaces;
    size_t port_indent;
    unsigned port_line;
    field port_name;

    int in_iface;
    size_t if_indent;
    field if_name, type, options, remote_ip, peer, error;

    skip_count skip, badval;
} show_state;

static rca_span field_span(const field *f)
{
    return f->set ? rca_span_make(f->b.p ? f->b.p : "", f->b.n) : RCA_SPAN_NULL;
}

static void field_clear(field *f)
{
    f->set = 0;
    rca_buf_reset(&f->b);
}

/* Set a field from a printed atom (`br-int`, `"br-int"`). */
static rca_err field_unquote(show_state *s, field *f, rca_span v, unsigned lineno)
{
    int bad = 0;
    rca_err rc = rca_parse_ovsdb_unquote(v.p, v.n, &f->b, &bad);
    if (rc)
        return rc;
    f->set = 1;
    if (bad)
        skip_note(&s->badval, lineno);
    return RCA_OK;
}

static rca_err emit_port_row(show_state *s, int with_iface)
{
    static const char *const cols[] = {"bridge", "port",  "interface", "type",
                                       "remote_ip", "peer", "options",  "error"};
    rca_span vals[8] = {
        field_span(&s->br_name),
        field_span(&s->port_name),
        with_iface ? field_span(&s->if_name) : RCA_SPAN_NULL,
        with_iface ? field_span(&s->type) : RCA_SPAN_NULL,
        with_iface ? field_span(&s->remote_ip) : RCA_SPAN_NULL,
        with_iface ? field_span(&s->peer) : RCA_SPAN_NULL,
        with_iface ? field_span(&s->options) : RCA_SPAN_NULL,
        with_iface ? field_span(&s->error) : RCA_SPAN_NULL,
    };
    /* The store requires bridge and port; a name lost to a cut line is still a port. */
    if (!vals[0].p)
        vals[0] = rca_span_cstr("");
    if (!vals[1].p)
        vals[1] = rca_span_cstr("");
    return rca_parse_emit(s->sink, "ovs_port", s->port_line, 8, cols, vals);
}

static rca_err close_iface(show_state *s)
{
    if (!s->in_iface)
        return RCA_OK;
    s->in_iface = 0;
    return emit_port_row(s, 1);
}

static rca_err close_port(show_state *s)
{
    rca_err rc = close_iface(s);
    if (rc || !s->in_port)
        return rc;
    s->in_port = 0;
    return s->port_ifaces ? RCA_OK : emit_port_row(s, 0);
}

static rca_err close_bridge(show_state *s)
{
    static const char *const cols[] = {"name",       "fail_mode",           "datapath_type",
                                       "controller", "controller_connected"};
    rca_err rc = close_port(s);
    if (rc || !s->in_bridge)
        return rc;
    s->in_bridge = 0;
    s->in_ctrl = 0;
    rca_span vals[5] = {
        field_span(&s->br_name),
        field_span(&s->fail_mode),
        field_span(&s->dp_type),
        field_span(&s->controller),
        s->ctrl_state < 0 ? RCA_SPAN_NULL : rca_span_cstr(s->ctrl_state ? "1" : "0"),
    };
    if (!vals[0].p)
        vals[0] = rca_span_cstr("");
    return rca_parse_emit(s->sink, "ovs_bridge", s->br_line, 5, cols, vals);
}

/* Close every open block at this indentation or deeper. */
static rca_err close_to(show_state *s, size_t indent)
{
    rca_err rc = RCA_OK;
    if (s->in_iface && indent <= s->if_indent && (rc = close_iface(s)))
        return rc;
    if (s->in_port && indent <= s->port_indent && (rc = close_port(s)))
        return rc;
    if (s->in_ctrl && indent <= s->ctrl_indent)
        s->in_ctrl = 0;
    if (s->in_manager && indent <= s->mgr_indent)
        s->in_manager = 0;
    if (s->in_bridge && indent <= s->br_indent && (rc = close_bridge(s)))
        return rc;
    return rc;
}

static rca_err option_pair(void *vctx, rca_span key, rca_span value)
{
    show_state *s = vctx;
    field *f = NULL;
    if (rca_span_eq(key, "remote_ip"))
        f = &s->remote_ip;
    else if (rca_span_eq(key, "peer"))
        f = &s->peer;
    if (!f || !value.p)
        return RCA_OK;
    rca_buf_reset(&f->b);
    f->set = 1;
    return rca_buf_add(&f->b, value.p, value.n);
}

/* `options: {csum="true", key=flow, remote_ip="192.0.2.22"}`: keep the map as printed (without
 * its braces) and pick out remote_ip and peer. */
static rca_err set_options(show_state *s, rca_span v, unsigned lineno)
{
    rca_err rc = RCA_OK;
    v = span_trim(v);
    rca_span inner = v;
    if (inner.n && inner.p[0] == '{') {
        inner.p++;
        inner.n--;
    }
    if (inner.n && inner.p[inner.n - 1] == '}')
        inner.n--;
    rca_buf_reset(&s->options.b);
    if ((rc = rca_buf_add(&s->options.b, inner.p ? inner.p : "", inner.n)))
        return rc;
    s->options.set = 1;
    int bad = 0;
    if ((rc = rca_parse_ovsdb_value(v.p, v.n, option_pair, s, &bad)))
        return rc;
    if (bad)
        skip_note(&s->badval, lineno);
    return RCA_OK;
}

static int looks_like_uuid(rca_span t)
{
    if (t.n != 36)
        return 0;
    for (size_t i = 0; i < t.n; i++) {
        char c = t.p[i];
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                                (c >= 'A' && c <= 'F')))
            return 0;
    }
    return 1;
}

static rca_span value_after(rca_span t, size_t n)
{
    return rca_span_make(t.p + n, t.n - n);
}

static rca_err show_line(show_state *s, rca_span line, unsigned lineno)
{
    rca_err rc = RCA_OK;
    size_t indent = span_indent(line);
    rca_span t = span_trim(line);
    if (t.n == 0)
        return RCA_OK;
    if ((rc = close_to(s, indent)))
        return rc;

    if (span_starts(t, "Bridge ")) {
        if ((rc = close_bridge(s)))
            return rc;
        s->in_bridge = 1;
        s->br_indent = indent;
        s->br_line = lineno;
        field_clear(&s->fail_mode);
        field_clear(&s->dp_type);
        field_clear(&s->controller);
        s->ctrl_state = -1;
        return field_unquote(s, &s->br_name, value_after(t, 7), lineno);
    }
    if (span_starts(t, "Port ") && s->in_bridge) {
        if ((rc = close_port(s)))
            return rc;
        s->in_port = 1;
        s->port_ifaces = 0;
        s->port_indent = indent;
        s->port_line = lineno;
        return field_unquote(s, &s->port_name, value_after(t, 5), lineno);
    }
    if (span_starts(t, "Interface ") && s->in_port) {
        if ((rc = close_iface(s)))
            return rc;
        s->in_iface = 1;
        s->port_ifaces++;
        s->if_indent = indent;
        field_clear(&s->type);
        field_clear(&s->options);
        field_clear(&s->remote_ip);
        field_clear(&s->peer);
        field_clear(&s->error);
        return field_unquote(s, &s->if_name, value_after(t, 10), lineno);
    }
    if (s->in_iface) {
        if (span_starts(t, "type:"))
            return field_unquote(s, &s->type, value_after(t, 5), lineno);
        if (span_starts(t, "options:"))
            return set_options(s, value_after(t, 8), lineno);
        if (span_starts(t, "error:"))
            return field_unquote(s, &s->error, value_after(t, 6), lineno);
    }
    if (span_starts(t, "Controller ") && s->in_bridge && !s->in_port) {
        s->in_ctrl = 1;
        s->ctrl_indent = indent;
        /* A bridge may list several controllers; the row keeps the first. */
        s->ctrl_first = s->ctrl_state < 0;
        if (!s->ctrl_first)
            return RCA_OK;
        s->ctrl_state = 0;
        return field_unquote(s, &s->controller, value_after(t, 11), lineno);
    }
    if (span_starts(t, "is_connected:") && (s->in_ctrl || s->in_manager)) {
        if (s->in_ctrl && s->ctrl_first)
            s->ctrl_state = rca_span_eq(span_trim(value_after(t, 13)), "true");
        return RCA_OK;
    }
    if (s->in_bridge && !s->in_port && !s->in_ctrl) {
        if (span_starts(t, "fail_mode:"))
            return field_unquote(s, &s->fail_mode, value_after(t, 10), lineno);
        if (span_starts(t, "datapath_type:"))
            return field_unquote(s, &s->dp_type, value_after(t, 14), lineno);
    }
    if (span_starts(t, "Manager ")) {
        s->in_manager = 1;
        s->mgr_indent = indent;
        return RCA_OK;
    }
    /* Shown but not stored: port VLANs, BFD state, the version, the Open_vSwitch UUID. */
    if (span_starts(t, "tag:") || span_starts(t, "trunks:") || span_starts(t, "bfd_status:") ||
        span_starts(t, "ovs_version:") || (indent == 0 && looks_like_uuid(t)))
        return RCA_OK;
    skip_note(&s->skip, lineno);
    return RCA_OK;
}

rca_err rca_parse_ovs_show(const char *path, const char *arg, const char *text, size_t len,
                           const rca_row_sink *sink, rca_diag *diag)
{
    (void)arg;
    rca_err rc = RCA_OK;
    show_state s;
    memset(&s, 0, sizeof s);
    s.sink = sink;
    s.ctrl_state = -1;
    field *fields[] = {&s.br_name, &s.fail_mode, &s.dp_type, &s.controller, &s.port_name,
                       &s.if_name, &s.type,      &s.options, &s.remote_ip,  &s.peer,
                       &s.error};
    for (size_t i = 0; i < RCA_ARRAY_LEN(fields); i++)
        rca_buf_init(&fields[i]->b);
    rca_lines it;
    rca_span line;
    rca_lines_init(&it, text, len);
    while (rca_lines_next(&it, &line))
        if ((rc = show_line(&s, line, it.lineno)))
            goto done;
    if ((rc = close_bridge(&s)))
        goto done;
    rca_parse_skipped(diag, path, s.skip.n, s.skip.first, "unrecognised ovs-vsctl show line(s)");
    rca_parse_skipped(diag, path, s.badval.n, s.badval.first, "cut or ill-formed value(s)");
done:
    for (size_t i = 0; i < RCA_ARRAY_LEN(fields); i++)
        rca_buf_free(&fields[i]->b);
    return rc;
}
