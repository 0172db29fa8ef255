/* ovsdb_file.c - the OVSDB database files sos copies (conf.db since sos 4.3, ovnsb_db.db and
 * ovnnb_db.db), replayed in memory and written out as rows of the generic "ovsdb" table (parse
 * stage). A standalone file is a log of `OVSDB JSON <len> <sha1>` records: the schema, then one
 * transaction per record ({"Table": {"<uuid>": {changed columns} | null}}); a clustered file has
 * `OVSDB CLUSTER` records whose "prev_data" (snapshot) and "data" entries carry [schema, data].
 * The final state gives the same rows as `ovsdb-client list`: one per column value, set element
 * or map pair, non-ephemeral columns the log leaves at their default included. The length in a
 * header is never trusted (sos copies files that are being written); each JSON text is read up to
 * where it ends, and a cut or corrupt record ends the replay with a warning, keeping the state
 * built so far, as ovsdb-server itself does. jansson reads the JSON; its values never leave this
 * file.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_internal.h"
#include "rca_parse.h"

/* Live rows kept at most; a larger database is reported as partial rather than exhausting
 * memory (jansson spends about 2 KiB on an OVN Port_Binding row, so this is some 600 MiB). */
#ifndef MAX_LIVE_ROWS
#define MAX_LIVE_ROWS 300000u
#endif

/* The table not replayed: OVN's Logical_Flow routinely holds hundreds of thousands of rows that
 * only restate the northbound configuration; sos does not `list` it either. */
static const char skipped_table[] = "Logical_Flow";

/* Each row object holds its columns plus this key, the header line of the last record that
 * touched it. OVSDB column names are identifiers, so it cannot clash. */
#define ROW_LINE " line"

typedef struct replay {
    const char *path;
    rca_diag *diag;
    json_t *tables;  /* table name -> uuid -> row object */
    json_t *schema;  /* the current schema, or NULL */
    json_t *cluster_name; /* "name" of a clustered file's header, or NULL */
    size_t live;
    int skipped_rows; /* rows of skipped_table were seen */
    skip_count bad;   /* records or values of a shape we do not know */
} replay;

/* ------------------------------------------------------------------ schema */

static json_t *column_schema(const replay *r, const char *tbl, const char *col)
{
    if (!r->schema)
        return NULL;
    json_t *t = json_object_get(json_object_get(r->schema, "tables"), tbl);
    return json_object_get(json_object_get(t, "columns"), col);
}

/* A column type is scalar when it holds exactly one atom (min 1, max 1, no value); an absent
 * scalar has a default atom, an absent set or map is empty. */
static int type_is_scalar(const json_t *type)
{
    if (json_is_string(type))
        return 1;
    if (!json_is_object(type) || json_object_get(type, "value"))
        return 0;
    const json_t *min = json_object_get(type, "min"), *max = json_object_get(type, "max");
    if (min && (!json_is_integer(min) || json_integer_value(min) != 1))
        return 0;
    if (max && (!json_is_integer(max) || json_integer_value(max) != 1))
        return 0;
    return 1;
}

/* A column that may hold more than one value (max > 1). Only these are written as diffs: for
 * the others, scalar or optional, a diff is simply the new value (ovsdb_type_is_composite). */
static int type_is_composite(const json_t *type)
{
    const json_t *max = json_is_object(type) ? json_object_get(type, "max") : NULL;
    if (json_is_string(max))
        return !strcmp(json_string_value(max), "unlimited");
    return json_is_integer(max) && json_integer_value(max) > 1;
}

/* The default atom of a scalar column ("" for strings, 0, false, the all-zero UUID). */
static const char *default_atom(const json_t *type)
{
    const json_t *key = json_is_object(type) ? json_object_get(type, "key") : type;
    if (json_is_object(key))
        key = json_object_get(key, "type");
    const char *k = json_string_value(key);
    if (!k)
        return "";
    if (!strcmp(k, "integer") || !strcmp(k, "real"))
        return "0";
    if (!strcmp(k, "boolean"))
        return "false";
    if (!strcmp(k, "uuid"))
        return "00000000-0000-0000-0000-000000000000";
    return "";
}

/* ------------------------------------------------------------------ replay */

static const char *set_tag(const json_t *v)
{
    if (!json_is_array(v) || json_array_size(v) != 2)
        return NULL;
    return json_string_value(json_array_get(v, 0));
}

/* The atoms of a set value: ["set", [...]] or a single atom. New reference. */
static json_t *set_elems(json_t *v)
{
    const char *tag = set_tag(v);
    if (tag && !strcmp(tag, "set") && json_is_array(json_array_get(v, 1)))
        return json_incref(json_array_get(v, 1));
    json_t *a = json_array();
    if (a && v && !(tag && !strcmp(tag, "map")))
        json_array_append(a, v);
    return a;
}

/* The [key, value] pairs of ["map", [...]]. New reference. */
static json_t *map_pairs(json_t *v)
{
    const char *tag = set_tag(v);
    if (tag && !strcmp(tag, "map") && json_is_array(json_array_get(v, 1)))
        return json_incref(json_array_get(v, 1));
    return json_array();
}

/* Apply an OVSDB diff (OVS >= 2.15 writes "_is_diff": true transactions): a set diff is the
 * symmetric difference; a map diff adds a new key, removes a pair given with its current value
 * and replaces the value of a pair given with another one. Returns a new reference. */
static json_t *apply_diff(json_t *old, json_t *diff, int map)
{
    json_t *cur = map ? map_pairs(old) : set_elems(old);
    json_t *d = map ? map_pairs(diff) : set_elems(diff);
    json_t *out = json_array(), *res = NULL;
    if (!cur || !d || !out)
        goto done;
    json_array_extend(out, cur);
    size_t i;
    json_t *e;
    json_array_foreach(d, i, e) {
        size_t j, found = (size_t)-1;
        json_t *o;
        json_array_foreach(out, j, o) {
            if (map ? json_equal(json_array_get(o, 0), json_array_get(e, 0)) : json_equal(o, e)) {
                found = j;
                break;
            }
        }
        if (found == (size_t)-1)
            json_array_append(out, e);
        else if (!map || json_equal(json_array_get(json_array_get(out, found), 1),
                                    json_array_get(e, 1)))
            json_array_remove(out, found);
        else
            json_array_set(out, found, e);
    }
    res = json_pack("[sO]", map ? "map" : "set", out);
done:
    json_decref(cur);
    json_decref(d);
    json_decref(out);
    return res;
}

/* What applying a record asks of the reader. */
enum { GO_ON = 0, STOP = 1, NO_MEMORY = -1 };

/* Apply one transaction. Returns GO_ON, STOP when the row limit ends the replay, or NO_MEMORY. */
static int apply_txn(replay *r, json_t *txn, unsigned line)
{
    if (!json_is_object(txn)) {
        skip_note(&r->bad, line);
        return GO_ON;
    }
    int is_diff = json_is_true(json_object_get(txn, "_is_diff"));
    const char *tname;
    json_t *tval;
    json_object_foreach(txn, tname, tval) {
        if (tname[0] == '_') /* _date, _comment, _is_diff */
            continue;
        if (!strcmp(tname, skipped_table)) {
            r->skipped_rows = 1;
            continue;
        }
        if (!json_is_object(tval)) {
            skip_note(&r->bad, line);
            continue;
        }
        json_t *table = json_object_get(r->tables, tname);
        if (!table) {
            table = json_object();
            if (!table || json_object_set_new(r->tables, tname, table))
                return NO_MEMORY;
        }
        const char *uuid;
        json_t *rowv;
        json_object_foreach(tval, uuid, rowv) {
            json_t *row = json_object_get(table, uuid);
            if (json_is_null(rowv)) {
                if (row) {
                    json_object_del(table, uuid);
                    r->live--;
                }
                continue;
            }
            if (!json_is_object(rowv)) {
                skip_note(&r->bad, line);
                continue;
            }
            int is_new = !row;
            if (is_new) {
                if (r->live >= MAX_LIVE_ROWS) {
                    rca_diagf(r->diag, RCA_DIAG_WARNING, NULL, r->path, line, 0, NULL,
                              "more than %u live rows: stopped replaying at the record of line "
                              "%u; the rows written are the state at that point",
                              MAX_LIVE_ROWS, line);
                    return STOP;
                }
                row = json_object();
                if (!row || json_object_set_new(table, uuid, row))
                    return NO_MEMORY;
                r->live++;
            }
            const char *col;
            json_t *v;
            json_object_foreach(rowv, col, v) {
                const json_t *type = json_object_get(column_schema(r, tname, col), "type");
                if (is_diff && !is_new && type_is_composite(type)) {
                    json_t *nv = apply_diff(json_object_get(row, col), v,
                                            json_object_get(type, "value") != NULL);
                    if (!nv || json_object_set_new(row, col, nv))
                        return NO_MEMORY;
                } else if (json_object_set(row, col, v)) {
                    return NO_MEMORY;
                }
            }
            if (json_object_set_new(row, ROW_LINE, json_integer(line)))
                return NO_MEMORY;
        }
    }
    return GO_ON;
}

static void set_schema(replay *r, json_t *schema)
{
    json_t *old = r->schema;
    r->schema = json_incref(schema);
    json_decref(old);
    /* A new schema comes with the whole converted database: start again. */
    json_object_clear(r->tables);
    r->live = 0;
}

/* A clustered entry's [schema or null, data or null]. */
static int apply_data(replay *r, json_t *d, unsigned line)
{
    if (json_is_array(d) && json_array_size(d) == 2) {
        json_t *schema = json_array_get(d, 0), *txn = json_array_get(d, 1);
        if (json_is_object(schema))
            set_schema(r, schema);
        if (json_is_null(txn))
            return GO_ON;
        return apply_txn(r, txn, line);
    }
    return apply_txn(r, d, line);
}

static int apply_cluster_record(replay *r, json_t *rec, unsigned line)
{
    if (!json_is_object(rec)) {
        skip_note(&r->bad, line);
        return GO_ON;
    }
    if (json_is_string(json_object_get(rec, "name")) && !r->cluster_name)
        r->cluster_name = json_incref(json_object_get(rec, "name"));
    json_t *prev = json_object_get(rec, "prev_data"), *data = json_object_get(rec, "data");
    /* Records with neither are Raft bookkeeping (votes, terms, commit indexes, servers). Entries
     * are replayed in file order; a log entry later overwritten by a new leader is not undone. */
    int go = prev ? apply_data(r, prev, line) : GO_ON;
    if (go == GO_ON && data && !json_is_null(data))
        go = apply_data(r, data, line);
    return go;
}

static int apply_standalone_record(replay *r, json_t *rec, unsigned line, int first)
{
    if (first && json_is_object(json_object_get(rec, "tables"))) {
        set_schema(r, rec);
        return GO_ON;
    }
    if (first)
        rca_diagf(r->diag, RCA_DIAG_WARNING, NULL, r->path, line, 0, NULL,
                  "the first record is not a schema; columns left at their defaults are not "
                  "shown");
    return apply_txn(r, rec, line);
}

/* ------------------------------------------------------------------ final state as rows */

typedef struct out_ctx {
    const rca_row_sink *sink;
    replay *r;
    const char *db;
    rca_span tbl, uuid, col;
    unsigned line;
} out_ctx;

/* The text of one atom: a string, number, boolean or ["uuid"|"named-uuid", "..."]. */
static int atom_text(const json_t *a, char num[64], rca_span *out)
{
    switch (json_typeof(a)) {
    case JSON_STRING: *out = rca_span_make(json_string_value(a), json_string_length(a)); return 1;
    case JSON_INTEGER:
        snprintf(num, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(a));
        *out = rca_span_cstr(num);
        return 1;
    case JSON_REAL:
        snprintf(num, 64, "%.17g", json_real_value(a));
        *out = rca_span_cstr(num);
        return 1;
    case JSON_TRUE: *out = rca_span_cstr("true"); return 1;
    case JSON_FALSE: *out = rca_span_cstr("false"); return 1;
    case JSON_ARRAY: {
        const char *tag = set_tag(a);
        const json_t *id = json_array_get(a, 1);
        if (tag && (!strcmp(tag, "uuid") || !strcmp(tag, "named-uuid")) && json_is_string(id)) {
            *out = rca_span_make(json_string_value(id), json_string_length(id));
            return 1;
        }
        return 0;
    }
    case JSON_OBJECT:
    case JSON_NULL: return 0;
    }
    return 0;
}

static rca_err out_row(out_ctx *o, rca_span key, rca_span value)
{
    return rca_parse_emit_ovsdb(o->sink, o->line, o->db, o->tbl, o->uuid, o->col, key, value);
}

static rca_err out_value(out_ctx *o, const json_t *v)
{
    rca_err rc = RCA_OK;
    char k[64], num[64];
    rca_span ks, vs;
    const char *tag = set_tag(v);
    if (tag && (!strcmp(tag, "set") || !strcmp(tag, "map"))) {
        int map = tag[0] == 'm';
        const json_t *elems = json_array_get(v, 1);
        if (!json_is_array(elems)) {
            skip_note(&o->r->bad, o->line);
            return RCA_OK;
        }
        if (json_array_size(elems) == 0)
            return out_row(o, RCA_SPAN_NULL, RCA_SPAN_NULL);
        size_t i;
        const json_t *e;
        json_array_foreach(elems, i, e) {
            if (map) {
                if (json_array_size(e) != 2 || !atom_text(json_array_get(e, 0), k, &ks) ||
                    !atom_text(json_array_get(e, 1), num, &vs)) {
                    skip_note(&o->r->bad, o->line);
                    continue;
                }
                rc = out_row(o, ks, vs);
            } else {
                if (!atom_text(e, num, &vs)) {
                    skip_note(&o->r->bad, o->line);
                    continue;
                }
                rc = out_row(o, RCA_SPAN_NULL, vs);
            }
            if (rc)
                return rc;
        }
        return RCA_OK;
    }
    if (!atom_text(v, num, &vs)) {
        skip_note(&o->r->bad, o->line);
        return RCA_OK;
    }
    return out_row(o, RCA_SPAN_NULL, vs);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of an object, sorted, so that the rows come out in a stable order. The caller frees
 * the array; the strings belong to the object. */
static const char **sorted_keys(json_t *obj, json_t *extra, size_t *n)
{
    size_t cap = json_object_size(obj) + json_object_size(extra) + 1, k = 0;
    const char **keys = malloc(cap * sizeof *keys);
    if (!keys)
        return NULL;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (strcmp(key, ROW_LINE) != 0)
            keys[k++] = key;
    }
    /* Schema columns missing from the row, when they are stored (not ephemeral). */
    json_object_foreach(extra, key, v) {
        if (!json_object_get(obj, key) && !json_is_true(json_object_get(v, "ephemeral")))
            keys[k++] = key;
    }
    qsort(keys, k, sizeof *keys, cmp_str);
    *n = k;
    return keys;
}

static rca_err emit_state(replay *r, const rca_row_sink *sink, const char *db)
{
    rca_err rc = RCA_OK;
    const char **tnames = NULL, **uuids = NULL, **cols = NULL;
    size_t nt, nu, nc;
    out_ctx o = {sink, r, db, RCA_SPAN_NULL, RCA_SPAN_NULL, RCA_SPAN_NULL, 0};
    if (!(tnames = sorted_keys(r->tables, NULL, &nt))) {
        rc = RCA_ENOMEM;
        goto done;
    }
    for (size_t t = 0; t < nt; t++) {
        json_t *table = json_object_get(r->tables, tnames[t]);
        json_t *schema_cols =
            json_object_get(json_object_get(json_object_get(r->schema, "tables"), tnames[t]),
                            "columns");
        free(uuids);
        if (!(uuids = sorted_keys(table, NULL, &nu))) {
            rc = RCA_ENOMEM;
            goto done;
        }
        o.tbl = rca_span_cstr(tnames[t]);
        for (size_t u = 0; u < nu; u++) {
            json_t *row = json_object_get(table, uuids[u]);
            o.uuid = rca_span_cstr(uuids[u]);
            o.line = (unsigned)json_integer_value(json_object_get(row, ROW_LINE));
            o.col = rca_span_cstr("_uuid");
            if ((rc = out_row(&o, RCA_SPAN_NULL, o.uuid)))
                goto done;
            free(cols);
            if (!(cols = sorted_keys(row, schema_cols, &nc))) {
                rc = RCA_ENOMEM;
                goto done;
            }
            for (size_t c = 0; c < nc; c++) {
                json_t *v = json_object_get(row, cols[c]);
                o.col = rca_span_cstr(cols[c]);
                if (v) {
                    rc = out_value(&o, v);
                } else {
                    const json_t *type = json_object_get(json_object_get(schema_cols, cols[c]),
                                                         "type");
                    rc = type_is_scalar(type)
                             ? out_row(&o, RCA_SPAN_NULL, rca_span_cstr(default_atom(type)))
                             : out_row(&o, RCA_SPAN_NULL, RCA_SPAN_NULL);
                }
                if (rc)
                    goto done;
            }
        }
    }
done:
    free(tnames);
    free(uuids);
    free(cols);
    return rc;
}

/* ------------------------------------------------------------------ records */

static unsigned count_newlines(const char *p, size_t n)
{
    unsigned k = 0;
    const char *end = p + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        k++;
        p++;
    }
    return k;
}

rca_err rca_parse_ovsdb_file(const char *path, const char *arg, const char *text, size_t len,
                             const rca_row_sink *sink, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    replay r = {path, diag, json_object(), NULL, NULL, 0, 0, {0, 0}};
    size_t pos = 0;
    unsigned lineno = 1, nrec = 0;
    if (!r.tables) {
        rc = RCA_ENOMEM;
        goto done;
    }
    while (pos < len) {
        while (pos < len && (text[pos] == '\n' || is_blank_char(text[pos]))) {
            if (text[pos] == '\n')
                lineno++;
            pos++;
        }
        if (pos >= len)
            break;
        const char *hdr = text + pos;
        const char *eol = memchr(hdr, '\n', len - pos);
        size_t hlen = eol ? (size_t)(eol - hdr) : len - pos;
        int clustered = hlen >= 14 && memcmp(hdr, "OVSDB CLUSTER ", 14) == 0;
        if (!clustered && !(hlen >= 11 && memcmp(hdr, "OVSDB JSON ", 11) == 0)) {
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, lineno, 0, NULL,
                      "not an OVSDB record header; stopped reading, keeping the %u record(s) "
                      "before it",
                      nrec);
            break;
        }
        if (!eol) {
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, lineno, 0, NULL,
                      "record header without its JSON (file cut); keeping the %u record(s) "
                      "before it",
                      nrec);
            break;
        }
        unsigned hdr_line = lineno;
        pos += hlen + 1;
        lineno++;
        /* Read one JSON text wherever it ends: the length in the header may be stale. */
        json_error_t jerr;
        json_t *rec = json_loadb(text + pos, len - pos, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL,
                                 &jerr);
        if (!rec) {
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, path, hdr_line, 0, NULL,
                      "record cut or not valid JSON (%s); keeping the %u record(s) before it",
                      jerr.text, nrec);
            break;
        }
        size_t used = jerr.position > 0 ? (size_t)jerr.position : 0;
        if (used > len - pos)
            used = len - pos;
        lineno += count_newlines(text + pos, used);
        pos += used;
        int go = clustered ? apply_cluster_record(&r, rec, hdr_line)
                           : apply_standalone_record(&r, rec, hdr_line, nrec == 0);
        json_decref(rec);
        nrec++;
        if (go == NO_MEMORY) {
            rc = RCA_ENOMEM;
            goto done;
        }
        if (go == STOP)
            break;
    }
    const char *db = json_string_value(json_object_get(r.schema, "name"));
    if (!db)
        db = json_string_value(r.cluster_name);
    if (!db)
        db = arg && arg[0] ? arg : rca_parse_ovsdb_guess_db(path);
    if ((rc = emit_state(&r, sink, db)))
        goto done;
    rca_parse_skipped(diag, path, r.bad.n, r.bad.first,
                      "record part(s) or value(s) of an unknown shape");
    if (r.skipped_rows)
        rca_diagf(diag, RCA_DIAG_NOTE, NULL, path, 0, 0, NULL,
                  "%s rows are not kept (too many, and sos does not list them either)",
                  skipped_table);
done:
    json_decref(r.tables);
    json_decref(r.schema);
    json_decref(r.cluster_name);
    return rc;
}
