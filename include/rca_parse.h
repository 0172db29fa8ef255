/* rca_parse.h - turning the bytes of one bundle entry into rows: log line envelopes (oslo.log,
 * OVS/OVN vlog, syslog, kernel, RabbitMQ, libvirtd and their container wrappers) and command
 * outputs (df, free, meminfo, ovs-vsctl show, OVSDB `list` outputs, ovn-[ns]bctl show, OVSDB
 * database files). Second stage of the pipeline: ingest -> parse -> store -> rules -> report.
 *
 * Nothing here touches SQLite or libarchive. Log lines are parsed in place (spans into the caller's
 * buffer); command outputs are handed whole (they are small) and come out as generic rows through an
 * rca_row_sink, which the store turns into INSERTs. jansson values never leave this module.
 */
#ifndef RCA_PARSE_H
#define RCA_PARSE_H

#include "rca_util.h"

/* ------------------------------------------------------------------ log lines */

typedef enum rca_logfmt {
    RCA_LOG_NONE = 0,  /* no envelope recognised: a continuation of the previous record or free text */
    RCA_LOG_OSLO,      /* 2025-05-02 10:15:29.874 4711 WARNING nova.compute.manager [...] msg */
    RCA_LOG_VLOG,      /* 2025-03-07T08:14:52.517Z|00427|ovsdb_idl|WARN|msg */
    RCA_LOG_SYSLOG,    /* Mar 14 09:12:03 host prog[pid]: msg (may wrap an oslo line) */
    RCA_LOG_ISO,       /* 2025-03-14T09:12:03.123456+00:00 host prog[pid]: msg (rsyslog high precision) */
    RCA_LOG_KERNEL,    /* [ 1234.567890] msg (dmesg) */
    RCA_LOG_RABBIT,    /* 2025-11-04 17:45:12.308 [info] <0.401.0> msg; =INFO REPORT==== blocks */
    RCA_LOG_LIBVIRT,   /* 2025-04-02 19:38:07.652+0000: 51234: error : func:495 : msg */
    RCA_LOG_MYSQL,     /* 2024-06-02 10:11:12 0 [Note] WSREP: msg (MariaDB; MySQL 5.7+: ISO stamp with Z) */
} rca_logfmt;

typedef enum rca_tszone {
    RCA_TS_NONE = 0, /* no timestamp */
    RCA_TS_UTC,      /* the text said UTC (vlog Z, +0000, CRI-O/pebble wrappers) */
    RCA_TS_LOCAL,    /* local time of the host, zone unknown (oslo.log, syslog) */
    RCA_TS_BOOT,     /* seconds since boot (dmesg) */
} rca_tszone;

typedef enum rca_level {
    RCA_LVL_NONE = 0,
    RCA_LVL_DEBUG,
    RCA_LVL_INFO,
    RCA_LVL_AUDIT,   /* nova <= Kilo */
    RCA_LVL_WARNING, /* WARNING, WARN, warning */
    RCA_LVL_ERROR,   /* ERROR, ERR, error */
    RCA_LVL_CRITICAL,/* CRITICAL, EMER, FATAL */
    RCA_LVL_TRACE,   /* oslo TRACE (traceback lines before Liberty) */
} rca_level;

/* Canonical upper-case name of a level ("WARNING"), "" for RCA_LVL_NONE. */
const char *rca_level_name(rca_level l);

/* Context that helps parse a file's lines; owned by the caller, reused line after line. */
typedef struct rca_logctx {
    int year_hint;   /* year to give syslog lines (which have none); 0 = unknown */
    int month_hint;  /* month of year_hint's reference time (1..12): a syslog line with a later
                        month belongs to the previous year; 0 = unknown */
    rca_logfmt last; /* the format of the previous line, tried first */
} rca_logctx;

/* One parsed log line. All spans point into the line given to rca_parse_log_line. */
typedef struct rca_logline {
    rca_logfmt fmt;
    rca_tszone zone;
    int64_t ts_us;       /* microseconds since the epoch as written (see zone); boot: since boot */
    rca_level level;
    rca_span logger;     /* oslo logger name, vlog module (without the (thread) suffix), syslog program */
    int64_t pid;         /* -1 when none */
    rca_span req;        /* the local request id "req-<uuid>", empty if none */
    rca_span greq;       /* the global request id (oslo.log >= 4.8), empty if none or "None" */
    rca_span instance;   /* the 36-character instance UUID of "[instance: <uuid>] ", empty if none */
    rca_span msg;        /* the message after the envelope (and after "[instance: ...] ") */
    rca_span host;       /* syslog host field, empty otherwise */
    int wrapped;         /* 1 if a container/journal wrapper (CRI-O, pebble, syslog) was stripped */
} rca_logline;

/* Parse one line (without its newline; a trailing '\r' is ignored). Returns the format found,
 * RCA_LOG_NONE when the line has no envelope (then only `msg` is set, to the whole line).
 * Never fails; never reads past line[len-1]. */
rca_logfmt rca_parse_log_line(rca_logctx *ctx, const char *line, size_t len, rca_logline *out);

/* Identities named in a message's text rather than its envelope: the conductor's
 * "... for instance <uuid>.", nova-api's "Creating event network-vif-plugged:<port> for instance
 * <uuid>", neutron's "Refusing to bind port <uuid>", "instance_uuid=<uuid>", a "req-<uuid>". */
typedef struct rca_msg_ids {
    rca_span instance; /* 36 characters, empty if none */
    rca_span port;     /* 36 characters, empty if none */
    rca_span req;      /* "req-<uuid>", empty if none */
} rca_msg_ids;

/* The first instance, port and request id that msg[0..n) names in words (spans into msg). A UUID
 * counts only right after its keyword ("instance", "instance_uuid", "instance ID", "port",
 * "lport", "network-vif-plugged" and their separators). Never fails. */
void rca_parse_msg_ids(const char *msg, size_t n, rca_msg_ids *out);

/* ------------------------------------------------------------------ command outputs as rows */

/* Where parsers put rows. `table` names a store table (see README "Database schema"), `cols` its
 * column names and `vals` the values as text (the store converts numbers by column affinity;
 * a value with p == NULL is SQL NULL). `lineno` is the 1-based line of the entry the row came
 * from. Every pointer is borrowed for the duration of the call. A non-zero return stops the parser
 * and is passed back to its caller. */
typedef struct rca_row_sink {
    rca_err (*row)(void *ctx, const char *table, unsigned lineno, size_t ncols,
                   const char *const *cols, const rca_span *vals);
    void *ctx;
} rca_row_sink;

/* Which parser reads an entry: named in the path map (rules/layout.map), dispatched by
 * rca_parse_command. */
typedef struct rca_cmd_parser {
    const char *name; /* "df", "free", "meminfo", "ovs-vsctl-show", "ovsdb-list", ... */
    rca_err (*parse)(const char *path, const char *arg, const char *text, size_t len,
                     const rca_row_sink *sink, rca_diag *diag);
} rca_cmd_parser;

/* The parser registered under `name`, or NULL. */
const rca_cmd_parser *rca_parse_find(const char *name);
/* Every registered parser, terminated by an entry with name == NULL. */
const rca_cmd_parser *rca_parse_all(void);

/* Parse a whole command output / small file `text` (len bytes, not necessarily NUL-terminated)
 * with parser `name`. `path` is the entry's path inside its report (for diagnostics and for
 * parsers that take a table name from it), `arg` the path map's argument (may be NULL).
 * Malformed content is reported through `diag` as warnings naming the path and line; whatever
 * could be read is still emitted. Returns RCA_OK, or the sink's error. */
rca_err rca_parse_command(const char *name, const char *path, const char *arg, const char *text,
                          size_t len, const rca_row_sink *sink, rca_diag *diag);

/* The jansson this binary runs with, for `sosrca --version` (e.g. "jansson 1.2.3"). Static
 * storage, valid for the life of the process. */
const char *rca_parse_lib_version(void);

#endif
