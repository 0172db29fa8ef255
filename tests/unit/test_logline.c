/* test_logline.c - unit tests of the log-line envelope parser (src/parse/logline.c): a table of
 * lines with every field expected from each (every example line of failure-signatures.md 0-6,
 * every oslo context-bracket era, the container and syslog wrappers, broken and hostile input),
 * then the properties a table cannot show: any prefix of a line and any bytes are parsed without
 * reading past the end, and the context's year and last-format handling.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rca_parse.h"

typedef struct row {
    const char *line;
    rca_logfmt fmt;
    rca_tszone zone;
    const char *ts; /* "YYYY-MM-DD HH:MM:SS.ffffff" (read as UTC), "+S.ffffff" since boot, NULL */
    rca_level level;
    const char *logger;
    int64_t pid;
    const char *req, *greq, *instance, *msg, *host;
    int wrapped;
} row;

/* The year and month syslog lines are read against in the table: later months are 2024's. */
#define YEAR_HINT 2025
#define MONTH_HINT 6

static const row rows[] = {
    /* ---- oslo.log context brackets, one per era (failure-signatures.md 0.1) */
    {"2025-12-05 06:31:09.774 2290 ERROR oslo_messaging._drivers.impl_rabbit [-] AMQP server on 192.0.2.10:5672 is unreachable",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-12-05 06:31:09.774000", RCA_LVL_ERROR, "oslo_messaging._drivers.impl_rabbit", 2290, "", "", "",
     "AMQP server on 192.0.2.10:5672 is unreachable", "", 0},
    {"2015-04-09 15:20:06.551 2876 AUDIT nova.compute.manager [req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13 5cdd8ec5c2a94196b47391f98483e3c5 ec718563c62c4588a0c8d8b9c2273a78] [instance: 4be01d72-2462-4150-8a35-5d2dfe9e13a0] Starting instance...",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2015-04-09 15:20:06.551000", RCA_LVL_AUDIT, "nova.compute.manager", 2876, "req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13", "", "4be01d72-2462-4150-8a35-5d2dfe9e13a0",
     "Starting instance...", "", 0},
    {"2015-04-09 15:20:06.551 2876 INFO nova.osapi_compute.wsgi.server [req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13 None] 192.0.2.5 \"GET /v2/ HTTP/1.1\" status: 200",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2015-04-09 15:20:06.551000", RCA_LVL_INFO, "nova.osapi_compute.wsgi.server", 2876, "req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13", "", "",
     "192.0.2.5 \"GET /v2/ HTTP/1.1\" status: 200", "", 0},
    {"2025-06-03 04:22:10.991 6120 INFO nova.compute.manager [None req-fdfc3405-7576-4668-9ed2-2f1066b0356f - - - - - -] [instance: 9dc239b9-2f45-45fa-aa55-7de2d9ad4faf] VM Stopped (Lifecycle Event)",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 04:22:10.991000", RCA_LVL_INFO, "nova.compute.manager", 6120, "req-fdfc3405-7576-4668-9ed2-2f1066b0356f", "", "9dc239b9-2f45-45fa-aa55-7de2d9ad4faf",
     "VM Stopped (Lifecycle Event)", "", 0},
    {"2025-06-03 04:22:10.991 6120 CRITICAL nova [req-fdfc3405-7576-4668-9ed2-2f1066b0356f - - - - -] Unhandled error",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 04:22:10.991000", RCA_LVL_CRITICAL, "nova", 6120, "req-fdfc3405-7576-4668-9ed2-2f1066b0356f", "", "",
     "Unhandled error", "", 0},
    /* Python logging's own default separator, and no milliseconds at all */
    {"2025-05-02 10:15:29,874 4711 INFO nova.compute.manager [-] Comma before the milliseconds",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:29.874000", RCA_LVL_INFO, "nova.compute.manager", 4711, "", "", "",
     "Comma before the milliseconds", "", 0},
    {"2025-05-02 10:15:29 4711 INFO nova.compute.manager [-] No milliseconds",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:29.000000", RCA_LVL_INFO, "nova.compute.manager", 4711, "", "", "",
     "No milliseconds", "", 0},
    /* a bracket that is not a context stays in the message; a lone instance prefix ends the line */
    {"2025-05-02 10:15:29.874 4711 INFO neutron.agent.l3.agent [u'router-1'] is not a context",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:29.874000", RCA_LVL_INFO, "neutron.agent.l3.agent", 4711, "", "", "",
     "[u'router-1'] is not a context", "", 0},
    {"2025-05-02 10:15:30.702 4711 ERROR nova.compute.manager [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196]",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:30.702000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "", "", 0},
    {"2025-05-02 10:15:30.702 4711 ERROR nova.compute.manager",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:30.702000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "", "", "",
     "", "", 0},
    /* CRLF */
    {"2025-05-02 10:15:29.874 4711 WARNING nova.compute.manager [-] Windows line end\r",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:29.874000", RCA_LVL_WARNING, "nova.compute.manager", 4711, "", "", "",
     "Windows line end", "", 0},

    /* ---- container wrappers */
    {"2025-05-14T04:26:37.388Z [neutron-server] 2025-05-14 04:26:37.383 18 INFO neutron.common.config [-] Logging enabled!\x1b[00m",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-14 04:26:37.383000", RCA_LVL_INFO, "neutron.common.config", 18, "", "", "",
     "Logging enabled!", "", 1},
    {"2025-05-14T04:26:51.016Z [neutron-server] 2025-05-14 04:26:50.963 18 INFO neutron.plugins.ml2.managers [-] Configured type driver names: ['geneve', 'vlan', 'flat'][00m",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-14 04:26:50.963000", RCA_LVL_INFO, "neutron.plugins.ml2.managers", 18, "", "", "",
     "Configured type driver names: ['geneve', 'vlan', 'flat']", "", 1},
    {"2025-05-14T04:23:56.572Z [pebble] Started daemon.",
     RCA_LOG_ISO, RCA_TS_UTC, "2025-05-14 04:23:56.572000", RCA_LVL_NONE, "pebble", -1, "", "", "",
     "Started daemon.", "", 1},
    {"2025-05-14T04:25:22.101Z [apache forwarder] 192.0.2.7 - - \"GET / HTTP/1.1\" 200",
     RCA_LOG_ISO, RCA_TS_UTC, "2025-05-14 04:25:22.101000", RCA_LVL_NONE, "apache forwarder", -1, "", "", "",
     "192.0.2.7 - - \"GET / HTTP/1.1\" 200", "", 1},
    {"2025-05-14T07:09:51.602Z [ovn-northd] 2025-05-14T07:09:51Z|00001|ovn_northd|INFO|OVN internal version is : [24.03.2-20.33.0-72.6]",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-14 07:09:51.000000", RCA_LVL_INFO, "ovn_northd", -1, "", "", "",
     "OVN internal version is : [24.03.2-20.33.0-72.6]", "", 1},
    {"2025-06-18T07:12:31.000000001+02:00 stderr P partial line from a pod",
     RCA_LOG_ISO, RCA_TS_UTC, "2025-06-18 05:12:31.000000", RCA_LVL_NONE, "", -1, "", "", "",
     "partial line from a pod", "", 1},
    {"2025-06-18T07:12:30.418305271+00:00 stdout F 2025-06-18T07:12:30.417Z|00031|reconnect|INFO|tcp:192.0.2.10:6642: connected",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-06-18 07:12:30.417000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: connected", "", 1},

    /* ---- vlog forms */
    {"2025-03-07T08:14:52Z|00427|ovsdb_idl|WARN|console form without milliseconds",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.000000", RCA_LVL_WARNING, "ovsdb_idl", -1, "", "", "",
     "console form without milliseconds", "", 0},
    {"ovs|00001|ovs_numa|INFO|Discovered 2 CPU cores on NUMA node 0",
     RCA_LOG_VLOG, RCA_TS_NONE, NULL, RCA_LVL_INFO, "ovs_numa", -1, "", "", "",
     "Discovered 2 CPU cores on NUMA node 0", "", 0},
    {"2025-03-07T08:14:52.517Z|00001|vlog|EMER|emergency",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.517000", RCA_LVL_CRITICAL, "vlog", -1, "", "", "",
     "emergency", "", 0},
    {"2025-03-07T08:14:52.517Z|00002|poll_loop(urcu4)|DBG|wakeup",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.517000", RCA_LVL_DEBUG, "poll_loop", -1, "", "", "",
     "wakeup", "", 0},

    /* ---- syslog, journal */
    {"Mar  4 09:12:03 compute-1 ovs-vswitchd[812]: ovs|00042|bridge|WARN|could not add network device ovn-fea4ee-0 to ofproto (File exists)",
     RCA_LOG_VLOG, RCA_TS_LOCAL, "2025-03-04 09:12:03.000000", RCA_LVL_WARNING, "bridge", 812, "", "", "",
     "could not add network device ovn-fea4ee-0 to ofproto (File exists)", "compute-1", 1},
    {"Feb 10 00:00:01 compute4 systemd[1]: logrotate.service: Succeeded.",
     RCA_LOG_SYSLOG, RCA_TS_LOCAL, "2025-02-10 00:00:01.000000", RCA_LVL_NONE, "systemd", 1, "", "", "",
     "logrotate.service: Succeeded.", "compute4", 0},
    {"Dec 31 23:59:59 compute4 CRON: last year's line",
     RCA_LOG_SYSLOG, RCA_TS_LOCAL, "2024-12-31 23:59:59.000000", RCA_LVL_NONE, "CRON", -1, "", "", "",
     "last year's line", "compute4", 0},
    {"Feb 10 00:00:01.250000 compute4 -- MARK --",
     RCA_LOG_SYSLOG, RCA_TS_LOCAL, "2025-02-10 00:00:01.250000", RCA_LVL_NONE, "", -1, "", "", "",
     "-- MARK --", "compute4", 0},
    {"2025-03-14T09:12:03.123456+01:00 compute-1 nova-compute[4711]: Starting",
     RCA_LOG_ISO, RCA_TS_UTC, "2025-03-14 08:12:03.123456", RCA_LVL_NONE, "nova-compute", 4711, "", "", "",
     "Starting", "compute-1", 0},
    {"2025-03-14T09:12:03-0500 compute-1 kernel: [ 4931.803472] audit: type=1400",
     RCA_LOG_ISO, RCA_TS_UTC, "2025-03-14 14:12:03.000000", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "audit: type=1400", "compute-1", 0},
    {"2025-03-14T09:12:03+0100 compute-1 nova-compute[4711]: 2025-03-14 09:12:03.441 4711 ERROR nova.compute.manager [req-fdfc3405-7576-4668-9ed2-2f1066b0356f - - - - -] boom",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-03-14 09:12:03.441000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "req-fdfc3405-7576-4668-9ed2-2f1066b0356f", "", "",
     "boom", "compute-1", 1},

    /* ---- kernel, RabbitMQ, libvirt */
    {"[    0.000000] kernel: Linux version 5.4.0-97-generic",
     RCA_LOG_KERNEL, RCA_TS_BOOT, "+0.000000", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "Linux version 5.4.0-97-generic", "", 0},
    {"[Thu Feb 10 16:09:19 2022] geneve: module loaded",
     RCA_LOG_KERNEL, RCA_TS_LOCAL, "2022-02-10 16:09:19.000000", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "geneve: module loaded", "", 0},
    {"2025-11-04 17:45:12.308012+02:00 [error] <0.401.0> RabbitMQ 3.9+ with an offset",
     RCA_LOG_RABBIT, RCA_TS_UTC, "2025-11-04 15:45:12.308012", RCA_LVL_ERROR, "", -1, "", "", "",
     "RabbitMQ 3.9+ with an offset", "", 0},
    {"2025-11-04 17:45:12.308012+00:00 [noti] <0.401.0> four-letter level",
     RCA_LOG_RABBIT, RCA_TS_UTC, "2025-11-04 17:45:12.308012", RCA_LVL_INFO, "", -1, "", "", "",
     "four-letter level", "", 0},
    {"=INFO REPORT==== 4-Oct-2025::04:52:10 ===",
     RCA_LOG_RABBIT, RCA_TS_LOCAL, "2025-10-04 04:52:10.000000", RCA_LVL_INFO, "", -1, "", "", "",
     "", "", 0},
    {"=ERROR REPORT==== 19-Oct-2025::04:52:10 ===",
     RCA_LOG_RABBIT, RCA_TS_LOCAL, "2025-10-19 04:52:10.000000", RCA_LVL_ERROR, "", -1, "", "", "",
     "", "", 0},
    {"2022-02-10 16:18:04.843+0000: starting up libvirt version: 6.0.0",
     RCA_LOG_LIBVIRT, RCA_TS_UTC, "2022-02-10 16:18:04.843000", RCA_LVL_NONE, "", -1, "", "", "",
     "starting up libvirt version: 6.0.0", "", 0},
    {"2025-04-02 19:38:07.652+0000: 51234: info : libvirt version: 6.0.0",
     RCA_LOG_LIBVIRT, RCA_TS_UTC, "2025-04-02 19:38:07.652000", RCA_LVL_INFO, "", 51234, "", "", "",
     "libvirt version: 6.0.0", "", 0},
    {"2024-06-02 10:11:12 0 [Note] WSREP: Received NON-PRIMARY.",
     RCA_LOG_MYSQL, RCA_TS_LOCAL, "2024-06-02 10:11:12.000000", RCA_LVL_INFO, "", -1, "", "", "",
     "WSREP: Received NON-PRIMARY.", "", 0},
    {"2018-04-02 10:11:12 140234567890 [ERROR] WSREP: failed to open gcomm backend connection: 110",
     RCA_LOG_MYSQL, RCA_TS_LOCAL, "2018-04-02 10:11:12.000000", RCA_LVL_ERROR, "", -1, "", "", "",
     "WSREP: failed to open gcomm backend connection: 110", "", 0},
    {"2019-05-22T18:38:03.972798Z 0 [Warning] WSREP: last inactive check more than PT1.5S ago",
     RCA_LOG_MYSQL, RCA_TS_UTC, "2019-05-22 18:38:03.972798", RCA_LVL_WARNING, "", -1, "", "", "",
     "WSREP: last inactive check more than PT1.5S ago", "", 0},

    /* ---- no envelope: continuations, other programs' logs, impossible dates, garbage */
    {"", RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "", "", 0},
    {"2024-06-02 10:11:12 0 [Notice] not a MySQL level",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2024-06-02 10:11:12 0 [Notice] not a MySQL level", "", 0},
    {"Traceback (most recent call last):",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "Traceback (most recent call last):", "", 0},
    {" node           : rabbit@juju-04f1e3-1-lxd-5",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", " node           : rabbit@juju-04f1e3-1-lxd-5", "", 0},
    {"-- Logs begin at Fri 2022-02-04 09:34:04 UTC, end at Thu 2022-02-10 16:19:19 UTC. --",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "-- Logs begin at Fri 2022-02-04 09:34:04 UTC, end at Thu 2022-02-10 16:19:19 UTC. --", "", 0},
    {"2022-02-10 00:00:16 INFO juju.worker.uniter.operation ran \"update-status\" hook",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2022-02-10 00:00:16 INFO juju.worker.uniter.operation ran \"update-status\" hook", "", 0},
    {"2022-02-10T00:00:01.174+0000 mgr.juju-04f1e3-0-lxd-5 (mgr.44105) 1 : cluster [DBG] pgmap",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2022-02-10T00:00:01.174+0000 mgr.juju-04f1e3-0-lxd-5 (mgr.44105) 1 : cluster [DBG] pgmap", "", 0},
    {"2025-13-02 10:15:29.874 4711 INFO nova.compute.manager [-] month 13",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2025-13-02 10:15:29.874 4711 INFO nova.compute.manager [-] month 13", "", 0},
    {"2025-02-29 10:15:29.874 4711 INFO nova.compute.manager [-] not a leap year",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2025-02-29 10:15:29.874 4711 INFO nova.compute.manager [-] not a leap year", "", 0},
    {"2025-03-07T25:14:52.517Z|00427|ovsdb_idl|WARN|hour 25",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2025-03-07T25:14:52.517Z|00427|ovsdb_idl|WARN|hour 25", "", 0},
    {"2025-05-02 10:15:29.874 4711 NOTICE nova.compute.manager [-] not an oslo level",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "2025-05-02 10:15:29.874 4711 NOTICE nova.compute.manager [-] not an oslo level", "", 0},
    {"Foo 10 00:00:01 compute4 systemd[1]: not a month",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "Foo 10 00:00:01 compute4 systemd[1]: not a month", "", 0},
    {"\xff\xfe\x80[\x1b[31m 2025-\xc3\x28|||",
     RCA_LOG_NONE, RCA_TS_NONE, NULL, RCA_LVL_NONE, "", -1, "", "", "", "\xff\xfe\x80[\x1b[31m 2025-\xc3\x28|||", "", 0},

    /* ---- every example line with an envelope in failure-signatures.md 0-6, verbatim */
    {"2025-06-18T07:12:30.418305271+00:00 stdout F 2025-06-18 07:12:30.418 21 DEBUG neutron.plugins.ml2.managers [req-135f5949-91eb-4186-ae0a-abebe0010ed0 req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] Bound port: 24129afd-416d-441c-b1ed-83113f9753fb, host: compute-1, vif_type: ovs, ...",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-18 07:12:30.418000", RCA_LVL_DEBUG, "neutron.plugins.ml2.managers", 21, "req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18", "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "",
     "Bound port: 24129afd-416d-441c-b1ed-83113f9753fb, host: compute-1, vif_type: ovs, ...", "", 1},
    {"Mar 14 09:12:03 compute-1 nova-compute[4711]: 2025-03-14 09:12:03.441 4711 INFO nova.compute.manager [-] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] VM Resumed (Lifecycle Event)",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-03-14 09:12:03.441000", RCA_LVL_INFO, "nova.compute.manager", 4711, "", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "VM Resumed (Lifecycle Event)", "compute-1", 1},
    {"2025-05-02 10:15:29.874 4711 WARNING nova.compute.manager [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Timeout waiting for ['network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb'] for instance with vm_state building and task_state spawning. Event states are: network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb: timed out after 300.00 seconds",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:29.874000", RCA_LVL_WARNING, "nova.compute.manager", 4711, "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Timeout waiting for ['network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb'] for instance with vm_state building and task_state spawning. Event states are: network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb: timed out after 300.00 seconds", "", 0},
    {"2025-02-11 14:52:39.204 18233 WARNING nova.virt.libvirt.driver [req-f05049bd-6a18-4b16-8764-70d0a4e14f12 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: 75e6ea5d-6344-4c31-80f9-7171eb51042f] Timeout waiting for [('network-vif-plugged', u'13236c6c-4c0c-4516-9a45-57899ee20ac9')] for instance with vm_state building and task_state spawning.: Timeout: 300 seconds",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-02-11 14:52:39.204000", RCA_LVL_WARNING, "nova.virt.libvirt.driver", 18233, "req-f05049bd-6a18-4b16-8764-70d0a4e14f12", "", "75e6ea5d-6344-4c31-80f9-7171eb51042f",
     "Timeout waiting for [('network-vif-plugged', u'13236c6c-4c0c-4516-9a45-57899ee20ac9')] for instance with vm_state building and task_state spawning.: Timeout: 300 seconds", "", 0},
    {"2025-02-11 15:07:52.816 11 WARNING nova.virt.libvirt.driver [req-f05049bd-6a18-4b16-8764-70d0a4e14f12 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: 75e6ea5d-6344-4c31-80f9-7171eb51042f] Timeout waiting for [('network-vif-plugged', '13236c6c-4c0c-4516-9a45-57899ee20ac9')] for instance with vm_state building and task_state spawning: eventlet.timeout.Timeout: 300 seconds",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-02-11 15:07:52.816000", RCA_LVL_WARNING, "nova.virt.libvirt.driver", 11, "req-f05049bd-6a18-4b16-8764-70d0a4e14f12", "", "75e6ea5d-6344-4c31-80f9-7171eb51042f",
     "Timeout waiting for [('network-vif-plugged', '13236c6c-4c0c-4516-9a45-57899ee20ac9')] for instance with vm_state building and task_state spawning: eventlet.timeout.Timeout: 300 seconds", "", 0},
    {"2025-05-02 10:11:02.310 4711 ERROR nova.virt.libvirt.driver [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Neutron Reported failure on event network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb for instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:11:02.310000", RCA_LVL_ERROR, "nova.virt.libvirt.driver", 4711, "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Neutron Reported failure on event network-vif-plugged-24129afd-416d-441c-b1ed-83113f9753fb for instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196", "", 0},
    {"2025-05-02 10:15:30.702 4711 ERROR nova.compute.manager [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:30.702000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed", "", 0},
    {"2025-05-02 10:15:30.702 4711 ERROR nova.compute.manager [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Traceback (most recent call last):",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:30.702000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Traceback (most recent call last):", "", 0},
    {"2025-05-02 10:15:31.055 4711 ERROR nova.compute.manager [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Failed to allocate network(s): nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:31.055000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Failed to allocate network(s): nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed", "", 0},
    {"2025-05-02 10:15:31.310 4711 ERROR nova.compute.manager [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Build of instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196 aborted: Failed to allocate the network(s), not rescheduling.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:15:31.310000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "", "8e45e1f7-ad4a-4420-aa32-8f6090d6c196",
     "Build of instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196 aborted: Failed to allocate the network(s), not rescheduling.", "", 0},
    {"2025-04-22 13:02:44.918 4711 ERROR nova.compute.manager [req-d0968e0a-e393-49cd-bbb2-d528c26df162 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: dc5c5f26-7c10-4159-a1fe-188793c19ca5] Build of instance dc5c5f26-7c10-4159-a1fe-188793c19ca5 aborted: Failed to allocate the network(s) with error No fixed IP addresses available for network: 3515ff3e-323f-4844-9453-cca94d3395ab, not rescheduling.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-22 13:02:44.918000", RCA_LVL_ERROR, "nova.compute.manager", 4711, "req-d0968e0a-e393-49cd-bbb2-d528c26df162", "", "dc5c5f26-7c10-4159-a1fe-188793c19ca5",
     "Build of instance dc5c5f26-7c10-4159-a1fe-188793c19ca5 aborted: Failed to allocate the network(s) with error No fixed IP addresses available for network: 3515ff3e-323f-4844-9453-cca94d3395ab, not rescheduling.", "", 0},
    {"2025-06-11 08:40:12.331 7 ERROR nova.compute.manager [req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: e1a2373f-f30f-4029-afa7-1195306f7e02] Instance failed to spawn: nova.exception.PortBindingFailed: Binding failed for port 524dfe5f-9eed-4457-8271-9397d9a1b616, please check neutron logs for more information.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-11 08:40:12.331000", RCA_LVL_ERROR, "nova.compute.manager", 7, "req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a", "", "e1a2373f-f30f-4029-afa7-1195306f7e02",
     "Instance failed to spawn: nova.exception.PortBindingFailed: Binding failed for port 524dfe5f-9eed-4457-8271-9397d9a1b616, please check neutron logs for more information.", "", 0},
    {"2025-06-11 08:40:12.790 7 ERROR nova.compute.manager [req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: e1a2373f-f30f-4029-afa7-1195306f7e02] Failed to build and run instance: nova.exception.PortBindingFailed: Binding failed for port 524dfe5f-9eed-4457-8271-9397d9a1b616, please check neutron logs for more information.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-11 08:40:12.790000", RCA_LVL_ERROR, "nova.compute.manager", 7, "req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a", "", "e1a2373f-f30f-4029-afa7-1195306f7e02",
     "Failed to build and run instance: nova.exception.PortBindingFailed: Binding failed for port 524dfe5f-9eed-4457-8271-9397d9a1b616, please check neutron logs for more information.", "", 0},
    {"2025-08-14 10:22:05.917 9 ERROR nova.compute.manager [instance: e1a2373f-f30f-4029-afa7-1195306f7e02] 2025-08-14T08:22:05.112374Z qemu-kvm: failed to initialize KVM: Permission denied",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-08-14 10:22:05.917000", RCA_LVL_ERROR, "nova.compute.manager", 9, "", "", "e1a2373f-f30f-4029-afa7-1195306f7e02",
     "2025-08-14T08:22:05.112374Z qemu-kvm: failed to initialize KVM: Permission denied", "", 0},
    {"2025-08-14 10:22:05.917 9 ERROR nova.compute.manager [instance: e1a2373f-f30f-4029-afa7-1195306f7e02] libvirtError: internal error: qemu unexpectedly closed the monitor: 2025-08-14T08:22:05.112374Z qemu-kvm: -chardev pty,id=charserial0,logfile=/var/lib/nova/instances/e1a2373f-f30f-4029-afa7-1195306f7e02/console.log,logappend=off: Unable to open logfile /var/lib/nova/instances/e1a2373f-f30f-4029-afa7-1195306f7e02/console.log: Permission denied",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-08-14 10:22:05.917000", RCA_LVL_ERROR, "nova.compute.manager", 9, "", "", "e1a2373f-f30f-4029-afa7-1195306f7e02",
     "libvirtError: internal error: qemu unexpectedly closed the monitor: 2025-08-14T08:22:05.112374Z qemu-kvm: -chardev pty,id=charserial0,logfile=/var/lib/nova/instances/e1a2373f-f30f-4029-afa7-1195306f7e02/console.log,logappend=off: Unable to open logfile /var/lib/nova/instances/e1a2373f-f30f-4029-afa7-1195306f7e02/console.log: Permission denied", "", 0},
    {"2025-06-03 04:22:10.991 6120 INFO nova.compute.manager [req-fdfc3405-7576-4668-9ed2-2f1066b0356f - - - - -] [instance: 9dc239b9-2f45-45fa-aa55-7de2d9ad4faf] VM Stopped (Lifecycle Event)",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 04:22:10.991000", RCA_LVL_INFO, "nova.compute.manager", 6120, "req-fdfc3405-7576-4668-9ed2-2f1066b0356f", "", "9dc239b9-2f45-45fa-aa55-7de2d9ad4faf",
     "VM Stopped (Lifecycle Event)", "", 0},
    {"2025-06-03 04:22:11.230 6120 WARNING nova.compute.manager [req-fdfc3405-7576-4668-9ed2-2f1066b0356f - - - - -] [instance: 9dc239b9-2f45-45fa-aa55-7de2d9ad4faf] Instance shutdown by itself. Calling the stop API. Current vm_state: active, current task_state: None, original DB power_state: 1, current VM power_state: 4",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 04:22:11.230000", RCA_LVL_WARNING, "nova.compute.manager", 6120, "req-fdfc3405-7576-4668-9ed2-2f1066b0356f", "", "9dc239b9-2f45-45fa-aa55-7de2d9ad4faf",
     "Instance shutdown by itself. Calling the stop API. Current vm_state: active, current task_state: None, original DB power_state: 1, current VM power_state: 4", "", 0},
    {"2025-06-03 03:58:40.102 6120 INFO nova.compute.manager [req-9a82f207-53c2-4345-9636-c1fba5f1c1c0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - default default] [instance: 9dc239b9-2f45-45fa-aa55-7de2d9ad4faf] Took 14.82 seconds to spawn the instance on the hypervisor.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 03:58:40.102000", RCA_LVL_INFO, "nova.compute.manager", 6120, "req-9a82f207-53c2-4345-9636-c1fba5f1c1c0", "", "9dc239b9-2f45-45fa-aa55-7de2d9ad4faf",
     "Took 14.82 seconds to spawn the instance on the hypervisor.", "", 0},
    {"2025-06-03 03:58:40.377 6120 INFO nova.compute.manager [req-9a82f207-53c2-4345-9636-c1fba5f1c1c0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - default default] [instance: 9dc239b9-2f45-45fa-aa55-7de2d9ad4faf] Took 16.07 seconds to build instance.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-03 03:58:40.377000", RCA_LVL_INFO, "nova.compute.manager", 6120, "req-9a82f207-53c2-4345-9636-c1fba5f1c1c0", "", "9dc239b9-2f45-45fa-aa55-7de2d9ad4faf",
     "Took 16.07 seconds to build instance.", "", 0},
    {"2025-03-09 14:02:17.411 61207 WARNING nova.servicegroup.drivers.db [-] Lost connection to nova-conductor for reporting service status.: oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID 2084bb71d4ba4bada52e54e5a3f22ab7",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-03-09 14:02:17.411000", RCA_LVL_WARNING, "nova.servicegroup.drivers.db", 61207, "", "", "",
     "Lost connection to nova-conductor for reporting service status.: oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID 2084bb71d4ba4bada52e54e5a3f22ab7", "", 0},
    {"2025-04-09 15:27:48.203 2876 INFO nova.filters [req-d0968e0a-e393-49cd-bbb2-d528c26df162 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] Filter ComputeFilter returned 0 hosts",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-09 15:27:48.203000", RCA_LVL_INFO, "nova.filters", 2876, "req-d0968e0a-e393-49cd-bbb2-d528c26df162", "", "",
     "Filter ComputeFilter returned 0 hosts", "", 0},
    {"2025-04-09 15:27:48.204 2876 INFO nova.filters [req-d0968e0a-e393-49cd-bbb2-d528c26df162 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] Filtering removed all hosts for the request with instance ID 'dc5c5f26-7c10-4159-a1fe-188793c19ca5'. Filter results: ['AvailabilityZoneFilter: (start: 2, end: 2)', 'ComputeFilter: (start: 2, end: 0)']",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-09 15:27:48.204000", RCA_LVL_INFO, "nova.filters", 2876, "req-d0968e0a-e393-49cd-bbb2-d528c26df162", "", "",
     "Filtering removed all hosts for the request with instance ID 'dc5c5f26-7c10-4159-a1fe-188793c19ca5'. Filter results: ['AvailabilityZoneFilter: (start: 2, end: 2)', 'ComputeFilter: (start: 2, end: 0)']", "", 0},
    {"2025-04-09 15:27:48.290 3311 WARNING nova.scheduler.utils [req-d0968e0a-e393-49cd-bbb2-d528c26df162 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: dc5c5f26-7c10-4159-a1fe-188793c19ca5] Failed to compute_task_build_instances: No valid host was found. There are not enough hosts available.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-09 15:27:48.290000", RCA_LVL_WARNING, "nova.scheduler.utils", 3311, "req-d0968e0a-e393-49cd-bbb2-d528c26df162", "", "dc5c5f26-7c10-4159-a1fe-188793c19ca5",
     "Failed to compute_task_build_instances: No valid host was found. There are not enough hosts available.", "", 0},
    {"2025-04-09 15:27:48.291 3311 WARNING nova.scheduler.utils [req-d0968e0a-e393-49cd-bbb2-d528c26df162 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: dc5c5f26-7c10-4159-a1fe-188793c19ca5] Setting instance to ERROR state.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-09 15:27:48.291000", RCA_LVL_WARNING, "nova.scheduler.utils", 3311, "req-d0968e0a-e393-49cd-bbb2-d528c26df162", "", "dc5c5f26-7c10-4159-a1fe-188793c19ca5",
     "Setting instance to ERROR state.", "", 0},
    {"2025-04-09 15:20:06.551 2876 WARNING nova.scheduler.driver [req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13 5cdd8ec5c2a94196b47391f98483e3c5 ec718563c62c4588a0c8d8b9c2273a78] [instance: 4be01d72-2462-4150-8a35-5d2dfe9e13a0] Setting instance to ERROR state.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-04-09 15:20:06.551000", RCA_LVL_WARNING, "nova.scheduler.driver", 2876, "req-e12d5cfa-d558-4f70-8ea5-5a44a3e39c13", "", "4be01d72-2462-4150-8a35-5d2dfe9e13a0",
     "Setting instance to ERROR state.", "", 0},
    {"2025-08-14 10:22:07.604 31 ERROR nova.scheduler.utils [req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] [instance: e1a2373f-f30f-4029-afa7-1195306f7e02] Error from last host: compute-1 (node compute-1.example.com): [u'Traceback (most recent call last):\\n', u'  File \"/usr/lib/python2.7/site-packages/nova/compute/manager.py\", line 1912, in _do_build_and_run_instance\\n    filter_properties, request_spec)\\n', u'RescheduledException: Build of instance e1a2373f-f30f-4029-afa7-1195306f7e02 was re-scheduled: internal error: qemu unexpectedly closed the monitor: ...\\n']",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-08-14 10:22:07.604000", RCA_LVL_ERROR, "nova.scheduler.utils", 31, "req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a", "", "e1a2373f-f30f-4029-afa7-1195306f7e02",
     "Error from last host: compute-1 (node compute-1.example.com): [u'Traceback (most recent call last):\\n', u'  File \"/usr/lib/python2.7/site-packages/nova/compute/manager.py\", line 1912, in _do_build_and_run_instance\\n    filter_properties, request_spec)\\n', u'RescheduledException: Build of instance e1a2373f-f30f-4029-afa7-1195306f7e02 was re-scheduled: internal error: qemu unexpectedly closed the monitor: ...\\n']", "", 0},
    {"2025-08-14 10:22:07.611 31 DEBUG nova.conductor.manager [None req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a - - - - - -] Rescheduling: True build_instances /usr/lib/python3.9/site-packages/nova/conductor/manager.py:712",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-08-14 10:22:07.611000", RCA_LVL_DEBUG, "nova.conductor.manager", 31, "req-ed89d9bb-de04-4e99-8dd7-b85cfd46672a", "", "",
     "Rescheduling: True build_instances /usr/lib/python3.9/site-packages/nova/conductor/manager.py:712", "", 0},
    {"2025-05-02 10:10:33.642 3094 INFO nova.api.openstack.compute.server_external_events [req-c3be4576-0acd-4687-a2ca-0b969e8418f9 f1744bbea55544e18711beb3fe74ad6f 941e8d342c3b46c4b4dd741f53b44204 - default default] Creating event network-vif-plugged:24129afd-416d-441c-b1ed-83113f9753fb for instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196 on compute-1",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:33.642000", RCA_LVL_INFO, "nova.api.openstack.compute.server_external_events", 3094, "req-c3be4576-0acd-4687-a2ca-0b969e8418f9", "", "",
     "Creating event network-vif-plugged:24129afd-416d-441c-b1ed-83113f9753fb for instance 8e45e1f7-ad4a-4420-aa32-8f6090d6c196 on compute-1", "", 0},
    {"2025-05-02 10:10:44.318 3094 INFO nova.api.openstack.wsgi [req-134feb1b-8c35-42a8-833e-6adc710350ba f1744bbea55544e18711beb3fe74ad6f 941e8d342c3b46c4b4dd741f53b44204 - default default] HTTP exception thrown: No instances found for any event",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:44.318000", RCA_LVL_INFO, "nova.api.openstack.wsgi", 3094, "req-134feb1b-8c35-42a8-833e-6adc710350ba", "", "",
     "HTTP exception thrown: No instances found for any event", "", 0},
    {"2025-03-07 11:05:43.370 4102 ERROR neutron.plugins.ml2.managers [req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] Failed to bind port 524dfe5f-9eed-4457-8271-9397d9a1b616 on host compute-1.example.com for vnic_type normal using segments [{'id': '89e2dcdb-4f90-4ca6-8b58-d0d52603c06f', 'network_type': 'vlan', 'physical_network': 'physnet1', 'segmentation_id': 2104}]",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-03-07 11:05:43.370000", RCA_LVL_ERROR, "neutron.plugins.ml2.managers", 4102, "req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18", "", "",
     "Failed to bind port 524dfe5f-9eed-4457-8271-9397d9a1b616 on host compute-1.example.com for vnic_type normal using segments [{'id': '89e2dcdb-4f90-4ca6-8b58-d0d52603c06f', 'network_type': 'vlan', 'physical_network': 'physnet1', 'segmentation_id': 2104}]", "", 0},
    {"2025-05-02 10:10:21.229 15 DEBUG neutron.plugins.ml2.managers [req-135f5949-91eb-4186-ae0a-abebe0010ed0 req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] Bound port: 24129afd-416d-441c-b1ed-83113f9753fb, host: compute-1, vif_type: ovs, vif_details: {\"port_filter\": true, \"connectivity\": \"l2\", \"bridge_name\": \"br-int\", \"datapath_type\": \"system\"}, binding_levels: [{'bound_driver': 'ovn', 'bound_segment': {'id': 'aef239bc-7889-4432-8b34-17fae7beae37', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': 40213}}] _bind_port_level /usr/lib/python3.9/site-packages/neutron/plugins/ml2/managers.py:947",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:21.229000", RCA_LVL_DEBUG, "neutron.plugins.ml2.managers", 15, "req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18", "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "",
     "Bound port: 24129afd-416d-441c-b1ed-83113f9753fb, host: compute-1, vif_type: ovs, vif_details: {\"port_filter\": true, \"connectivity\": \"l2\", \"bridge_name\": \"br-int\", \"datapath_type\": \"system\"}, binding_levels: [{'bound_driver': 'ovn', 'bound_segment': {'id': 'aef239bc-7889-4432-8b34-17fae7beae37', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': 40213}}] _bind_port_level /usr/lib/python3.9/site-packages/neutron/plugins/ml2/managers.py:947", "", 0},
    {"2025-05-02 10:10:21.871 28 WARNING neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver [req-135f5949-91eb-4186-ae0a-abebe0010ed0 req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] Refusing to bind port 24129afd-416d-441c-b1ed-83113f9753fb due to no OVN chassis for host: compute-1.example.com",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:21.871000", RCA_LVL_WARNING, "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver", 28, "req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18", "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "",
     "Refusing to bind port 24129afd-416d-441c-b1ed-83113f9753fb due to no OVN chassis for host: compute-1.example.com", "", 0},
    {"2025-05-02 10:10:21.874 28 ERROR neutron.plugins.ml2.managers [req-135f5949-91eb-4186-ae0a-abebe0010ed0 req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] Failed to bind port 24129afd-416d-441c-b1ed-83113f9753fb on host compute-1.example.com for vnic_type normal using segments [{'id': 'aef239bc-7889-4432-8b34-17fae7beae37', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': 40213}]",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:21.874000", RCA_LVL_ERROR, "neutron.plugins.ml2.managers", 28, "req-dc127e82-0447-4a4f-bb6d-2aa6f8ed5b18", "req-135f5949-91eb-4186-ae0a-abebe0010ed0", "",
     "Failed to bind port 24129afd-416d-441c-b1ed-83113f9753fb on host compute-1.example.com for vnic_type normal using segments [{'id': 'aef239bc-7889-4432-8b34-17fae7beae37', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': 40213}]", "", 0},
    {"2025-05-02 10:10:33.510 28 INFO neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver [None req-f09ac969-178b-4463-903f-d209afca62a8 - - - - - -] OVN reports status up for port: 24129afd-416d-441c-b1ed-83113f9753fb",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:33.510000", RCA_LVL_INFO, "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver", 28, "req-f09ac969-178b-4463-903f-d209afca62a8", "", "",
     "OVN reports status up for port: 24129afd-416d-441c-b1ed-83113f9753fb", "", 0},
    {"2025-05-02 10:10:33.655 28 INFO neutron.notifiers.nova [-] Nova event matching ['req-c3be4576-0acd-4687-a2ca-0b969e8418f9'] response: {'server_uuid': '8e45e1f7-ad4a-4420-aa32-8f6090d6c196', 'name': 'network-vif-plugged', 'status': 'completed', 'tag': '24129afd-416d-441c-b1ed-83113f9753fb', 'code': 200}",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-05-02 10:10:33.655000", RCA_LVL_INFO, "neutron.notifiers.nova", 28, "", "", "",
     "Nova event matching ['req-c3be4576-0acd-4687-a2ca-0b969e8418f9'] response: {'server_uuid': '8e45e1f7-ad4a-4420-aa32-8f6090d6c196', 'name': 'network-vif-plugged', 'status': 'completed', 'tag': '24129afd-416d-441c-b1ed-83113f9753fb', 'code': 200}", "", 0},
    {"2025-11-23 16:08:51.092 3318 INFO ovsdbapp.backend.ovs_idl.vlog [-] ssl:192.0.2.11:6641: clustered database server is not cluster leader; trying another server",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-11-23 16:08:51.092000", RCA_LVL_INFO, "ovsdbapp.backend.ovs_idl.vlog", 3318, "", "", "",
     "ssl:192.0.2.11:6641: clustered database server is not cluster leader; trying another server", "", 0},
    {"2025-06-14 09:31:47.208 2214 INFO neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.impl_idl_ovn [req-7d75f94c-cb9b-45d4-a247-dbf3428c62c4 - - - - -] Transaction aborted. Reason: OVN revision number for 22ecc830-05aa-478c-b174-aa39c9febcda (type: ports) is equal or higher than the given resource. Skipping update",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-06-14 09:31:47.208000", RCA_LVL_INFO, "neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.impl_idl_ovn", 2214, "req-7d75f94c-cb9b-45d4-a247-dbf3428c62c4", "", "",
     "Transaction aborted. Reason: OVN revision number for 22ecc830-05aa-478c-b174-aa39c9febcda (type: ports) is equal or higher than the given resource. Skipping update", "", 0},
    {"2025-11-03 09:47:12.551 8841 ERROR neutron.agent.dhcp.agent MessagingTimeout: Timed out waiting for a reply to message ID 6adc6fd459724dc687a507b9f76a6e09",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-11-03 09:47:12.551000", RCA_LVL_ERROR, "neutron.agent.dhcp.agent", 8841, "", "", "",
     "MessagingTimeout: Timed out waiting for a reply to message ID 6adc6fd459724dc687a507b9f76a6e09", "", 0},
    {"2025-11-03 09:47:13.902 8841 INFO neutron.agent.dhcp.agent [req-105a3ff3-6d1a-4a63-a231-595a7c594401 - - - - -] Agent has just been revived. Scheduling full sync",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-11-03 09:47:13.902000", RCA_LVL_INFO, "neutron.agent.dhcp.agent", 8841, "req-105a3ff3-6d1a-4a63-a231-595a7c594401", "", "",
     "Agent has just been revived. Scheduling full sync", "", 0},
    {"2025-03-07T08:14:50.102Z|00011|main|INFO|OVNSB IDL reconnected, force recompute.",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.102000", RCA_LVL_INFO, "main", -1, "", "", "",
     "OVNSB IDL reconnected, force recompute.", "", 0},
    {"2025-03-07T08:14:50.102Z|00012|reconnect|INFO|tcp:192.0.2.10:6642: connected",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.102000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: connected", "", 0},
    {"2025-03-07T08:14:50.108Z|00013|chassis|INFO|Need to specify an encap type and ip",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.108000", RCA_LVL_INFO, "chassis", -1, "", "", "",
     "Need to specify an encap type and ip", "", 0},
    {"2025-03-07T08:14:50.108Z|00014|rconn|INFO|unix:/var/run/openvswitch/br-int.mgmt: connecting...",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.108000", RCA_LVL_INFO, "rconn", -1, "", "", "",
     "unix:/var/run/openvswitch/br-int.mgmt: connecting...", "", 0},
    {"2025-03-07T08:14:50.108Z|00015|rconn|WARN|unix:/var/run/openvswitch/br-int.mgmt: connection failed (No such file or directory)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.108000", RCA_LVL_WARNING, "rconn", -1, "", "", "",
     "unix:/var/run/openvswitch/br-int.mgmt: connection failed (No such file or directory)", "", 0},
    {"2025-03-07T08:14:50.102Z|00012|reconnect|INFO|tcp:[192.0.2.10]:6642: connected",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:50.102000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:[192.0.2.10]:6642: connected", "", 0},
    {"2025-03-07T09:20:11.904Z|00031|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 09:20:11.904000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: connection attempt failed (Connection refused)", "", 0},
    {"2025-03-07T09:20:11.904Z|00032|reconnect|INFO|tcp:192.0.2.10:6642: waiting 2 seconds before reconnect",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 09:20:11.904000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: waiting 2 seconds before reconnect", "", 0},
    {"2025-03-07T09:20:19.911Z|00036|reconnect|INFO|tcp:192.0.2.10:6642: continuing to reconnect in the background but suppressing further logging",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 09:20:19.911000", RCA_LVL_INFO, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: continuing to reconnect in the background but suppressing further logging", "", 0},
    {"2025-03-07T09:02:44.118Z|01234|reconnect|ERR|tcp:192.0.2.10:6642: no response to inactivity probe after 60 seconds, disconnecting",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 09:02:44.118000", RCA_LVL_ERROR, "reconnect", -1, "", "", "",
     "tcp:192.0.2.10:6642: no response to inactivity probe after 60 seconds, disconnecting", "", 0},
    {"2025-07-08T15:41:05.212Z|31406|jsonrpc|WARN|tcp:198.51.100.21:47312: send error: Broken pipe",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-07-08 15:41:05.212000", RCA_LVL_WARNING, "jsonrpc", -1, "", "", "",
     "tcp:198.51.100.21:47312: send error: Broken pipe", "", 0},
    {"2025-07-08T15:41:05.215Z|31407|reconnect|WARN|tcp:198.51.100.21:47312: connection dropped (Broken pipe)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-07-08 15:41:05.215000", RCA_LVL_WARNING, "reconnect", -1, "", "", "",
     "tcp:198.51.100.21:47312: connection dropped (Broken pipe)", "", 0},
    {"2025-07-08T15:41:22.640Z|31410|jsonrpc|WARN|Dropped 3 log messages in last 17 seconds (most recently, 12 seconds ago) due to excessive rate",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-07-08 15:41:22.640000", RCA_LVL_WARNING, "jsonrpc", -1, "", "", "",
     "Dropped 3 log messages in last 17 seconds (most recently, 12 seconds ago) due to excessive rate", "", 0},
    {"2025-07-08T15:41:22.640Z|31411|jsonrpc|WARN|tcp:198.51.100.22:39018: receive error: Connection reset by peer",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-07-08 15:41:22.640000", RCA_LVL_WARNING, "jsonrpc", -1, "", "", "",
     "tcp:198.51.100.22:39018: receive error: Connection reset by peer", "", 0},
    {"2025-09-02T18:20:41.337Z|00874|stream_ssl|WARN|SSL_accept: error:0A000415:SSL routines::sslv3 alert certificate expired",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-09-02 18:20:41.337000", RCA_LVL_WARNING, "stream_ssl", -1, "", "", "",
     "SSL_accept: error:0A000415:SSL routines::sslv3 alert certificate expired", "", 0},
    {"2025-09-02T18:20:42.015Z|00052|stream_ssl|WARN|SSL_connect: error:0A000086:SSL routines::certificate verify failed",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-09-02 18:20:42.015000", RCA_LVL_WARNING, "stream_ssl", -1, "", "", "",
     "SSL_connect: error:0A000086:SSL routines::certificate verify failed", "", 0},
    {"2025-03-07T08:14:52.517Z|00427|ovsdb_idl|WARN|transaction error: {\"details\":\"Transaction causes multiple rows in \\\"Encap\\\" table to have identical values (geneve and \\\"198.51.100.21\\\") for index on columns \\\"type\\\" and \\\"ip\\\".  First row, with UUID 9e7dbc72-dfbe-472a-9ba2-245719e0dbfa, existed in the database before this transaction and was not modified by the transaction.  Second row, with UUID b996e8af-5631-4045-9831-47de3b11ccd5, was inserted by this transaction.\",\"error\":\"constraint violation\"}",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.517000", RCA_LVL_WARNING, "ovsdb_idl", -1, "", "", "",
     "transaction error: {\"details\":\"Transaction causes multiple rows in \\\"Encap\\\" table to have identical values (geneve and \\\"198.51.100.21\\\") for index on columns \\\"type\\\" and \\\"ip\\\".  First row, with UUID 9e7dbc72-dfbe-472a-9ba2-245719e0dbfa, existed in the database before this transaction and was not modified by the transaction.  Second row, with UUID b996e8af-5631-4045-9831-47de3b11ccd5, was inserted by this transaction.\",\"error\":\"constraint violation\"}", "", 0},
    {"2025-03-07T08:14:52.517Z|00428|main|INFO|OVNSB commit failed, force recompute next time.",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.517000", RCA_LVL_INFO, "main", -1, "", "", "",
     "OVNSB commit failed, force recompute next time.", "", 0},
    {"2025-03-07T08:14:52.530Z|00429|chassis|WARN|'ba359e52-3d1b-4284-a553-4f93fdfe1d4e' already has encap ip '198.51.100.21' and type 'geneve', cannot duplicate on '00414318-082e-498e-96ef-ce8f0ee19daa'",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-03-07 08:14:52.530000", RCA_LVL_WARNING, "chassis", -1, "", "", "",
     "'ba359e52-3d1b-4284-a553-4f93fdfe1d4e' already has encap ip '198.51.100.21' and type 'geneve', cannot duplicate on '00414318-082e-498e-96ef-ce8f0ee19daa'", "", 0},
    {"2025-02-21T06:48:10.954Z|00517|ovsdb_idl|WARN|transaction error: {\"details\":\"RBAC rules for client \\\"compute-1\\\" role \\\"ovn-controller\\\" prohibit row insertion into table \\\"Encap\\\".\",\"error\":\"permission error\"}",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-02-21 06:48:10.954000", RCA_LVL_WARNING, "ovsdb_idl", -1, "", "", "",
     "transaction error: {\"details\":\"RBAC rules for client \\\"compute-1\\\" role \\\"ovn-controller\\\" prohibit row insertion into table \\\"Encap\\\".\",\"error\":\"permission error\"}", "", 0},
    {"2025-04-01T11:02:09.771Z|00045|ovsdb_cs|WARN|tcp:192.0.2.12:6642: clustered database server has stale data; trying another server",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-04-01 11:02:09.771000", RCA_LVL_WARNING, "ovsdb_cs", -1, "", "", "",
     "tcp:192.0.2.12:6642: clustered database server has stale data; trying another server", "", 0},
    {"2025-05-02T08:10:31.442Z|00120|binding|INFO|Claiming lport 24129afd-416d-441c-b1ed-83113f9753fb for this chassis.",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:10:31.442000", RCA_LVL_INFO, "binding", -1, "", "", "",
     "Claiming lport 24129afd-416d-441c-b1ed-83113f9753fb for this chassis.", "", 0},
    {"2025-05-02T08:10:31.442Z|00121|binding|INFO|24129afd-416d-441c-b1ed-83113f9753fb: Claiming fa:16:3e:5b:9c:21 198.51.100.57",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:10:31.442000", RCA_LVL_INFO, "binding", -1, "", "", "",
     "24129afd-416d-441c-b1ed-83113f9753fb: Claiming fa:16:3e:5b:9c:21 198.51.100.57", "", 0},
    {"2025-05-02T08:10:31.517Z|00124|binding|INFO|Setting lport 24129afd-416d-441c-b1ed-83113f9753fb ovn-installed in OVS",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:10:31.517000", RCA_LVL_INFO, "binding", -1, "", "", "",
     "Setting lport 24129afd-416d-441c-b1ed-83113f9753fb ovn-installed in OVS", "", 0},
    {"2025-05-02T08:10:31.517Z|00125|binding|INFO|Setting lport 24129afd-416d-441c-b1ed-83113f9753fb up in Southbound",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:10:31.517000", RCA_LVL_INFO, "binding", -1, "", "", "",
     "Setting lport 24129afd-416d-441c-b1ed-83113f9753fb up in Southbound", "", 0},
    {"2025-05-02T08:11:02.118Z|00131|pinctrl(ovn_pinctrl0)|INFO|DHCPOFFER fa:16:3e:5b:9c:21 198.51.100.57",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:11:02.118000", RCA_LVL_INFO, "pinctrl", -1, "", "", "",
     "DHCPOFFER fa:16:3e:5b:9c:21 198.51.100.57", "", 0},
    {"2025-05-02T08:11:02.125Z|00132|pinctrl(ovn_pinctrl0)|INFO|DHCPACK fa:16:3e:5b:9c:21 198.51.100.57",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:11:02.125000", RCA_LVL_INFO, "pinctrl", -1, "", "", "",
     "DHCPACK fa:16:3e:5b:9c:21 198.51.100.57", "", 0},
    {"2025-05-02T08:10:22.004Z|00318|northd|WARN|Unknown chassis 'compute-1.example.com' set in options:requested-chassis on LSP '24129afd-416d-441c-b1ed-83113f9753fb'.",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-05-02 08:10:22.004000", RCA_LVL_WARNING, "northd", -1, "", "", "",
     "Unknown chassis 'compute-1.example.com' set in options:requested-chassis on LSP '24129afd-416d-441c-b1ed-83113f9753fb'.", "", 0},
    {"2025-01-27T11:04:18.442Z|00217|bridge|WARN|could not add network device ovn-fea4ee-0 to ofproto (Address family not supported by protocol)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-01-27 11:04:18.442000", RCA_LVL_WARNING, "bridge", -1, "", "", "",
     "could not add network device ovn-fea4ee-0 to ofproto (Address family not supported by protocol)", "", 0},
    {"2025-01-27T11:04:18.443Z|00218|dpif|WARN|system@ovs-system: failed to add ovn-fea4ee-0 as port: Address family not supported by protocol",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-01-27 11:04:18.443000", RCA_LVL_WARNING, "dpif", -1, "", "", "",
     "system@ovs-system: failed to add ovn-fea4ee-0 as port: Address family not supported by protocol", "", 0},
    {"2025-01-27T11:09:55.610Z|00231|tunnel|WARN|ovn-ba359e-0: attempting to add tunnel port with same config as port 'ovn-fea4ee-0' (::->198.51.100.22, key=flow, legacy_l2, dp port=4)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-01-27 11:09:55.610000", RCA_LVL_WARNING, "tunnel", -1, "", "", "",
     "ovn-ba359e-0: attempting to add tunnel port with same config as port 'ovn-fea4ee-0' (::->198.51.100.22, key=flow, legacy_l2, dp port=4)", "", 0},
    {"2025-01-27T11:09:55.611Z|00233|bridge|WARN|could not add network device ovn-ba359e-0 to ofproto (File exists)",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-01-27 11:09:55.611000", RCA_LVL_WARNING, "bridge", -1, "", "", "",
     "could not add network device ovn-ba359e-0 to ofproto (File exists)", "", 0},
    {"2025-01-27T11:10:30.118Z|00240|bridge|INFO|bridge br-int: added interface ovn-fea4ee-0 on port 4",
     RCA_LOG_VLOG, RCA_TS_UTC, "2025-01-27 11:10:30.118000", RCA_LVL_INFO, "bridge", -1, "", "", "",
     "bridge br-int: added interface ovn-fea4ee-0 on port 4", "", 0},
    {"2025-12-05 06:31:09.774 2290 ERROR oslo_messaging._drivers.impl_rabbit [-] [c7893ccd-5c77-4610-8072-8d6cad2dd95e] AMQP server on 192.0.2.10:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-12-05 06:31:09.774000", RCA_LVL_ERROR, "oslo_messaging._drivers.impl_rabbit", 2290, "", "", "",
     "[c7893ccd-5c77-4610-8072-8d6cad2dd95e] AMQP server on 192.0.2.10:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.", "", 0},
    {"2025-12-05 06:31:11.790 2290 INFO oslo_messaging._drivers.impl_rabbit [-] [c7893ccd-5c77-4610-8072-8d6cad2dd95e] Reconnected to AMQP server on 192.0.2.11:5672 via [amqp] client with port 48822.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-12-05 06:31:11.790000", RCA_LVL_INFO, "oslo_messaging._drivers.impl_rabbit", 2290, "", "", "",
     "[c7893ccd-5c77-4610-8072-8d6cad2dd95e] Reconnected to AMQP server on 192.0.2.11:5672 via [amqp] client with port 48822.", "", 0},
    {"2025-12-05 06:31:09.774 2290 ERROR oslo.messaging._drivers.impl_rabbit [req-71fac80a-6545-4839-ab9a-aa97774ade65 - - - - -] AMQP server on 192.0.2.10:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-12-05 06:31:09.774000", RCA_LVL_ERROR, "oslo.messaging._drivers.impl_rabbit", 2290, "req-71fac80a-6545-4839-ab9a-aa97774ade65", "", "",
     "AMQP server on 192.0.2.10:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.", "", 0},
    {"2025-09-19 03:17:44.630 9905 ERROR oslo_db.sqlalchemy.engines [req-badf6462-05be-4023-9a22-efcbe9e3268b - - - - -] Database connection was found disconnected; reconnecting: DBConnectionError: (pymysql.err.OperationalError) (2006, \"MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))\")",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-09-19 03:17:44.630000", RCA_LVL_ERROR, "oslo_db.sqlalchemy.engines", 9905, "req-badf6462-05be-4023-9a22-efcbe9e3268b", "", "",
     "Database connection was found disconnected; reconnecting: DBConnectionError: (pymysql.err.OperationalError) (2006, \"MySQL server has gone away (ConnectionResetError(104, 'Connection reset by peer'))\")", "", 0},
    {"2025-10-13 13:02:18.119 64 ERROR sqlalchemy.pool.impl.QueuePool [req-24cf9fa8-41c4-4e04-958e-caa13a9769a2 39cde576e70743cbad07efe797f58589 cb3b69f9bf764697ba729376aaa1eb4d - default default] Exception during reset or similar: pymysql.err.OperationalError: (2013, 'Lost connection to MySQL server during query')",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-10-13 13:02:18.119000", RCA_LVL_ERROR, "sqlalchemy.pool.impl.QueuePool", 64, "req-24cf9fa8-41c4-4e04-958e-caa13a9769a2", "", "",
     "Exception during reset or similar: pymysql.err.OperationalError: (2013, 'Lost connection to MySQL server during query')", "", 0},
    {"[812345.678901] CPU 3/KVM invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
     RCA_LOG_KERNEL, RCA_TS_BOOT, "+812345.678901", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "CPU 3/KVM invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0", "", 0},
    {"[812345.679120] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0-1,global_oom,task_memcg=/machine.slice/machine-qemu\\x2d7\\x2dinstance\\x2d0000002a.scope,task=qemu-kvm,pid=48213,uid=107",
     RCA_LOG_KERNEL, RCA_TS_BOOT, "+812345.679120", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0-1,global_oom,task_memcg=/machine.slice/machine-qemu\\x2d7\\x2dinstance\\x2d0000002a.scope,task=qemu-kvm,pid=48213,uid=107", "", 0},
    {"[812345.679134] Out of memory: Killed process 48213 (qemu-kvm) total-vm:8812344kB, anon-rss:8391012kB, file-rss:0kB, shmem-rss:4kB, UID:107 pgtables:16892kB oom_score_adj:0",
     RCA_LOG_KERNEL, RCA_TS_BOOT, "+812345.679134", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "Out of memory: Killed process 48213 (qemu-kvm) total-vm:8812344kB, anon-rss:8391012kB, file-rss:0kB, shmem-rss:4kB, UID:107 pgtables:16892kB oom_score_adj:0", "", 0},
    {"Sep 03 02:14:51 compute-1 kernel: [2204117.918233] Out of memory: Kill process 30877 (ovn-controller) score 212 or sacrifice child",
     RCA_LOG_SYSLOG, RCA_TS_LOCAL, "2024-09-03 02:14:51.000000", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "Out of memory: Kill process 30877 (ovn-controller) score 212 or sacrifice child", "compute-1", 0},
    {"Sep 03 02:14:51 compute-1 kernel: [2204117.918702] Killed process 30877 (ovn-controller) total-vm:2203120kB, anon-rss:1804412kB, file-rss:0kB, shmem-rss:0kB",
     RCA_LOG_SYSLOG, RCA_TS_LOCAL, "2024-09-03 02:14:51.000000", RCA_LVL_NONE, "kernel", -1, "", "", "",
     "Killed process 30877 (ovn-controller) total-vm:2203120kB, anon-rss:1804412kB, file-rss:0kB, shmem-rss:0kB", "compute-1", 0},
    {"2025-01-14 08:41:57.336 5127 TRACE oslo.messaging.rpc.dispatcher Stderr: \"/bin/dd: error writing '/dev/mapper/cinder--volumes-volume--b8075ec4--6ad1--4047--b3a2--99ae2831ec4a': No space left on device\\n\"",
     RCA_LOG_OSLO, RCA_TS_LOCAL, "2025-01-14 08:41:57.336000", RCA_LVL_TRACE, "oslo.messaging.rpc.dispatcher", 5127, "", "", "",
     "Stderr: \"/bin/dd: error writing '/dev/mapper/cinder--volumes-volume--b8075ec4--6ad1--4047--b3a2--99ae2831ec4a': No space left on device\\n\"", "", 0},
    {"2025-11-04 17:45:12.308 [info] <0.401.0> Free disk space is insufficient. Free bytes: 41943040. Limit: 50000000",
     RCA_LOG_RABBIT, RCA_TS_LOCAL, "2025-11-04 17:45:12.308000", RCA_LVL_INFO, "", -1, "", "", "",
     "Free disk space is insufficient. Free bytes: 41943040. Limit: 50000000", "", 0},
    {"2025-11-04 17:45:12.308 [warning] <0.393.0> disk resource limit alarm set on node rabbit@controller-0.",
     RCA_LOG_RABBIT, RCA_TS_LOCAL, "2025-11-04 17:45:12.308000", RCA_LVL_WARNING, "", -1, "", "", "",
     "disk resource limit alarm set on node rabbit@controller-0.", "", 0},
    {"=WARNING REPORT==== 19-Oct-2025::04:52:10 ===",
     RCA_LOG_RABBIT, RCA_TS_LOCAL, "2025-10-19 04:52:10.000000", RCA_LVL_WARNING, "", -1, "", "", "",
     "", "", 0},
    {"2025-04-02 19:38:07.652+0000: 51234: error : qemuMonitorIORead:495 : Unable to read from monitor: Connection reset by peer",
     RCA_LOG_LIBVIRT, RCA_TS_UTC, "2025-04-02 19:38:07.652000", RCA_LVL_ERROR, "qemuMonitorIORead", 51234, "", "", "",
     "Unable to read from monitor: Connection reset by peer", "", 0},
};

/* What a row's ts string means in microseconds, computed with the C library's timegm so that the
 * expectation does not share code with the parser. */
static int64_t want_us(const char *ts)
{
    if (!ts)
        return 0;
    long long sec = 0, frac = 0;
    if (ts[0] == '+') {
        sscanf(ts + 1, "%lld.%6lld", &sec, &frac);
        return (int64_t)sec * 1000000 + frac;
    }
    struct tm tm = {0};
    sscanf(ts, "%d-%d-%d %d:%d:%d.%6lld", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
           &tm.tm_min, &tm.tm_sec, &frac);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm) * 1000000 + frac;
}

/* The parser's view of `text` in a buffer of exactly `len` bytes (no terminating NUL), so that
 * AddressSanitizer reports any read past the end. */
static char *exact_copy(const char *text, size_t len)
{
    char *p = malloc(len ? len : 1);
    assert_non_null(p);
    if (len)
        memcpy(p, text, len);
    return p;
}

static int span_is(rca_span s, const char *want)
{
    size_t n = strlen(want);
    return s.n == n && (n == 0 || memcmp(s.p, want, n) == 0);
}

/* 1 if every span lies inside [line, line + len) ("kernel", the parser's own constant, aside). */
static int spans_inside(const rca_logline *l, const char *line, size_t len)
{
    const rca_span *all[] = {&l->logger, &l->req, &l->greq, &l->instance, &l->msg, &l->host};
    for (size_t i = 0; i < RCA_ARRAY_LEN(all); i++) {
        const rca_span *s = all[i];
        if (s->n == 0 || (s == &l->logger && span_is(*s, "kernel")))
            continue;
        if (s->p < line || s->p + s->n > line + len)
            return 0;
    }
    return 1;
}

static void check_row(size_t i, const row *r)
{
    rca_logctx ctx = {YEAR_HINT, MONTH_HINT, RCA_LOG_NONE};
    size_t len = strlen(r->line);
    char *buf = exact_copy(r->line, len);
    rca_logline l;
    rca_logfmt f = rca_parse_log_line(&ctx, buf, len, &l);
    int64_t us = want_us(r->ts);
    int ok = f == r->fmt && l.fmt == r->fmt && l.zone == r->zone && l.ts_us == us &&
             l.level == r->level && span_is(l.logger, r->logger) && l.pid == r->pid &&
             span_is(l.req, r->req) && span_is(l.greq, r->greq) &&
             span_is(l.instance, r->instance) && span_is(l.msg, r->msg) &&
             span_is(l.host, r->host) && l.wrapped == r->wrapped;
    char why[4096] = "";
    if (!ok)
        snprintf(why, sizeof why, "row %zu: %s\n got fmt=%d zone=%d ts=%lld level=%s logger=%.*s pid=%lld req=%.*s "
                 "greq=%.*s instance=%.*s host=%.*s wrapped=%d\n msg=%.*s\n want fmt=%d zone=%d "
                 "ts=%lld level=%s logger=%s pid=%lld req=%s greq=%s instance=%s host=%s "
                 "wrapped=%d\n msg=%s",
                 i, r->line, (int)l.fmt, (int)l.zone, (long long)l.ts_us, rca_level_name(l.level),
                 (int)l.logger.n, l.logger.p, (long long)l.pid, (int)l.req.n, l.req.p,
                 (int)l.greq.n, l.greq.p, (int)l.instance.n, l.instance.p, (int)l.host.n,
                 l.host.p, l.wrapped, (int)l.msg.n, l.msg.p, (int)r->fmt, (int)r->zone,
                 (long long)us, rca_level_name(r->level), r->logger, (long long)r->pid, r->req,
                 r->greq, r->instance, r->host, r->wrapped, r->msg);
    int inside = spans_inside(&l, buf, len);
    free(buf);
    if (!ok)
        fail_msg("%s", why);
    assert_true(inside);
    if (f != RCA_LOG_NONE)
        assert_int_equal(ctx.last, f);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(rows); i++)
        check_row(i, &rows[i]);
}

/* A log cut anywhere (a rotated or truncated file, a line split by a size limit) must never make
 * the parser read past the cut. */
static void test_every_prefix(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "2025-05-02 10:15:29.874 4711 WARNING nova.compute.manager [None req-135f5949-91eb-4186-ae0a-abebe0010ed0 8bca0be07d04445a8dc4d19a5526066c 9926b46c0e1d4d7b9c07a1b867b4a170 - - default default] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] Timeout waiting for events",
        "2025-05-02T08:11:02.118Z|00131|pinctrl(ovn_pinctrl0)|INFO|DHCPOFFER fa:16:3e:5b:9c:21 198.51.100.57",
        "Mar 14 09:12:03 compute-1 nova-compute[4711]: 2025-03-14 09:12:03.441 4711 INFO nova.compute.manager [-] [instance: 8e45e1f7-ad4a-4420-aa32-8f6090d6c196] VM Resumed",
        "2025-06-18T07:12:30.418305271+00:00 stdout F 2025-06-18T07:12:30.417Z|00031|reconnect|INFO|x",
        "2025-05-14T04:26:37.388Z [neutron-server] 2025-05-14 04:26:37.383 18 INFO neutron.common.config [-] Logging enabled!\x1b[00m",
        "2025-04-02 19:38:07.652+0000: 51234: error : qemuMonitorIORead:495 : Unable to read",
        "2025-11-04 17:45:12.308012+00:00 [info] <0.401.0> msg",
        "=INFO REPORT==== 19-Oct-2025::04:52:10 ===",
        "[Thu Feb 10 16:09:19 2022] geneve: module loaded",
        "Sep 03 02:14:51 compute-1 kernel: [2204117.918233] Out of memory",
    };
    for (size_t k = 0; k < RCA_ARRAY_LEN(lines); k++) {
        size_t full = strlen(lines[k]);
        for (size_t n = 0; n <= full; n++) {
            rca_logctx ctx = {YEAR_HINT, MONTH_HINT, RCA_LOG_NONE};
            char *buf = exact_copy(lines[k], n);
            rca_logline l;
            rca_logfmt f = rca_parse_log_line(&ctx, buf, n, &l);
            int inside = spans_inside(&l, buf, n);
            free(buf);
            assert_int_equal(f, l.fmt);
            assert_true(inside);
            if (f == RCA_LOG_NONE)
                assert_true(l.msg.n == n && l.zone == RCA_TS_NONE && l.pid == -1);
            if (n == full && f == RCA_LOG_NONE)
                fail_msg("line %zu not recognised: %s", k, lines[k]);
        }
    }
}

/* A NUL is a byte like any other: it neither ends the line nor stops the parser. */
static void test_nul_bytes(void **state)
{
    (void)state;
    static const char with_nul[] = "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [-] a\0b";
    size_t len = sizeof with_nul - 1;
    char *buf = exact_copy(with_nul, len);
    rca_logline l;
    assert_int_equal(rca_parse_log_line(NULL, buf, len, &l), RCA_LOG_OSLO);
    assert_int_equal(l.msg.n, 3);
    assert_memory_equal(l.msg.p, "a\0b", 3);
    buf[20] = '\0'; /* inside the seconds */
    assert_int_equal(rca_parse_log_line(NULL, buf, len, &l), RCA_LOG_NONE);
    assert_int_equal(l.msg.n, len);
    free(buf);
}

/* Random bytes drawn mostly from the characters envelopes are made of, so that the scanners get
 * deep before they fail. */
static void test_garbage(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789-: .,T|Z+[]()<>=REPORTstdoutFP kernel:req-None"
                                   "INFOERRWARNinfoerror\r\n\x1b\xff";
    uint32_t seed = 12345;
    for (int i = 0; i < 200000; i++) {
        char tmp[96];
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % sizeof tmp;
        /* start most lines with a real envelope prefix, cut and mutated */
        static const char *const starts[] = {"2025-05-02 10:15:29.874 4711 INFO a [",
                                             "2025-05-02T08:11:02.118Z|00131|p(",
                                             "Mar  4 09:12:03 h p[", "[ 12.5] ", "=INFO REPORT==== 1-",
                                             "ovs|1|", "2025-04-02 19:38:07.652+0000: 5: error : "};
        const char *s = starts[(seed >> 8) % RCA_ARRAY_LEN(starts)];
        size_t sl = strlen(s) < n ? strlen(s) : n;
        memcpy(tmp, s, sl);
        for (size_t j = sl; j < n; j++) {
            seed = seed * 1103515245u + 12345u;
            tmp[j] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        if (n) {
            seed = seed * 1103515245u + 12345u;
            tmp[(seed >> 16) % n] = (char)(seed >> 8);
        }
        char *buf = exact_copy(tmp, n);
        rca_logctx ctx = {0, 0, RCA_LOG_NONE};
        rca_logline l;
        rca_logfmt f = rca_parse_log_line(&ctx, buf, n, &l);
        int inside = spans_inside(&l, buf, n);
        free(buf);
        assert_int_equal(f, l.fmt);
        assert_true(inside);
    }
}

/* Lines of many megabytes (a JSON blob logged whole) are parsed in one pass. */
static void test_huge_lines(void **state)
{
    (void)state;
    size_t n = 8u << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    static const char head[] = "2025-05-02 10:15:29.874 4711 DEBUG nova.compute.manager [req-";
    memcpy(buf, head, sizeof head - 1);
    memset(buf + sizeof head - 1, 'x', n - (sizeof head - 1));
    rca_logline l;
    /* a "[req-" that never closes is not a context: the whole rest is the message */
    assert_int_equal(rca_parse_log_line(NULL, buf, n, &l), RCA_LOG_OSLO);
    assert_int_equal(l.msg.n, n - (sizeof head - 1) + 5);
    memset(buf, '[', n);
    assert_int_equal(rca_parse_log_line(NULL, buf, n, &l), RCA_LOG_NONE);
    memset(buf, ' ', n);
    memcpy(buf, "Mar  4 09:12:03 ", 16);
    assert_int_equal(rca_parse_log_line(NULL, buf, n, &l), RCA_LOG_NONE);
    free(buf);
}

/* The year of a syslog line comes from the context; without one, 1970 keeps the order of lines. */
static void test_syslog_year(void **state)
{
    (void)state;
    static const char line[] = "Jan  2 03:04:05 host prog[7]: m";
    rca_logline l;
    rca_logctx none = {0, 0, RCA_LOG_NONE};
    assert_int_equal(rca_parse_log_line(&none, line, sizeof line - 1, &l), RCA_LOG_SYSLOG);
    assert_int_equal(l.ts_us, want_us("1970-01-02 03:04:05.000000"));
    assert_int_equal(none.last, RCA_LOG_SYSLOG);
    rca_logctx no_month = {2022, 0, RCA_LOG_NONE};
    assert_int_equal(rca_parse_log_line(&no_month, line, sizeof line - 1, &l), RCA_LOG_SYSLOG);
    assert_int_equal(l.ts_us, want_us("2022-01-02 03:04:05.000000"));
    /* a report taken on 2022-01-05 holds December lines of 2021 */
    static const char dec[] = "Dec 31 23:00:00 host prog: m";
    rca_logctx jan = {2022, 1, RCA_LOG_NONE};
    assert_int_equal(rca_parse_log_line(&jan, dec, sizeof dec - 1, &l), RCA_LOG_SYSLOG);
    assert_int_equal(l.ts_us, want_us("2021-12-31 23:00:00.000000"));
    assert_int_equal(rca_parse_log_line(NULL, line, sizeof line - 1, &l), RCA_LOG_SYSLOG);
}

/* ctx->last follows the recognised lines and is left alone by continuation lines, so that a
 * caller can tell which kind of record a continuation belongs to. */
static void test_ctx_last(void **state)
{
    (void)state;
    rca_logctx ctx = {2025, 6, RCA_LOG_NONE};
    rca_logline l;
    static const char vlog[] = "2025-03-07T08:14:52.517Z|00427|ovsdb_idl|WARN|x";
    static const char cont[] = "  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\"";
    static const char oslo[] = "2025-05-02 10:15:29.874 4711 INFO nova.compute.manager [-] x";
    rca_parse_log_line(&ctx, vlog, sizeof vlog - 1, &l);
    assert_int_equal(ctx.last, RCA_LOG_VLOG);
    assert_int_equal(rca_parse_log_line(&ctx, cont, sizeof cont - 1, &l), RCA_LOG_NONE);
    assert_int_equal(ctx.last, RCA_LOG_VLOG);
    rca_parse_log_line(&ctx, oslo, sizeof oslo - 1, &l);
    assert_int_equal(ctx.last, RCA_LOG_OSLO);
    assert_int_equal(rca_parse_log_line(&ctx, NULL, 0, &l), RCA_LOG_NONE);
    assert_int_equal(l.msg.n, 0);
}

static void test_level_names(void **state)
{
    (void)state;
    assert_string_equal(rca_level_name(RCA_LVL_NONE), "");
    assert_string_equal(rca_level_name(RCA_LVL_DEBUG), "DEBUG");
    assert_string_equal(rca_level_name(RCA_LVL_INFO), "INFO");
    assert_string_equal(rca_level_name(RCA_LVL_AUDIT), "AUDIT");
    assert_string_equal(rca_level_name(RCA_LVL_WARNING), "WARNING");
    assert_string_equal(rca_level_name(RCA_LVL_ERROR), "ERROR");
    assert_string_equal(rca_level_name(RCA_LVL_CRITICAL), "CRITICAL");
    assert_string_equal(rca_level_name(RCA_LVL_TRACE), "TRACE");
    assert_string_equal(rca_level_name((rca_level)99), "");
}

/* Identities named in the message text: the first of each kind, only right after its keyword. */
typedef struct ids_case {
    const char *msg, *instance, *port, *req;
} ids_case;

#define U1 "e1a2373f-f30f-4029-afa7-1195306f7e02"
#define U2 "24129afd-416d-441c-b1ed-83113f9753fb"
#define U3 "d0968e0a-e393-49cd-bbb2-d528c26df162"

static const ids_case ids_cases[] = {
    /* nova-conductor's MaxRetriesExceeded, no [instance: ] prefix (Queens to Wallaby) */
    {"Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all "
     "hosts available for retrying build failures for instance " U1 ".", U1, NULL, NULL},
    {"Creating event network-vif-plugged:" U2 " for instance " U1 " on cmp-1", U1, U2, NULL},
    {"Filtering removed all hosts for the request with instance ID '" U1 "'. Filter results: []",
     U1, NULL, NULL},
    {"Setting instance vm_state to ERROR: instance_uuid=" U1, U1, NULL, NULL},
    {"Refusing to bind port " U2 " due to no OVN chassis for host: cmp-1", NULL, U2, NULL},
    {"Claiming lport " U2 " for this chassis.", NULL, U2, NULL},
    {"Timeout waiting for [('network-vif-plugged', u'" U2 "')] for instance with vm_state "
     "building", NULL, U2, NULL},
    {"Timeout waiting for ['network-vif-plugged-" U2 "'] for instance with vm_state building",
     NULL, U2, NULL},
    {"Nova event matching ['req-" U3 "'] response: {}", NULL, NULL, "req-" U3},
    /* a UUID with no keyword, a longer token, a keyword inside a word: nothing */
    {"Deleted allocations for " U1, NULL, NULL, NULL},
    {"instance " U1 "0 is longer", NULL, NULL, NULL},
    {"report " U2 " and viewport " U2, NULL, NULL, NULL},
    {"instance " "E1A2373F-F30F-4029-AFA7-1195306F7E02", NULL, NULL, NULL},
    {"", NULL, NULL, NULL},
    {"instance e1a2373f-f30f-4029-afa7", NULL, NULL, NULL},
};

static void test_msg_ids(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ids_cases / sizeof ids_cases[0]; i++) {
        const ids_case *c = &ids_cases[i];
        rca_msg_ids ids;
        rca_parse_msg_ids(c->msg, strlen(c->msg), &ids);
        const rca_span got[] = {ids.instance, ids.port, ids.req};
        const char *want[] = {c->instance, c->port, c->req};
        for (int k = 0; k < 3; k++) {
            if (!want[k] && got[k].n)
                fail_msg("case %zu: found %.*s in \"%s\"", i, (int)got[k].n, got[k].p, c->msg);
            if (want[k] && (got[k].n != strlen(want[k]) || memcmp(got[k].p, want[k], got[k].n)))
                fail_msg("case %zu: expected %s in \"%s\", got \"%.*s\"", i, want[k], c->msg,
                         (int)got[k].n, got[k].p ? got[k].p : "");
        }
    }
    rca_msg_ids none;
    rca_parse_msg_ids(NULL, 0, &none);
    assert_int_equal(none.instance.n + none.port.n + none.req.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_msg_ids),
        cmocka_unit_test(test_table),       cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_nul_bytes),   cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_huge_lines),  cmocka_unit_test(test_syslog_year),
        cmocka_unit_test(test_ctx_last),    cmocka_unit_test(test_level_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
