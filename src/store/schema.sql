-- sosrca database schema. One database per analysis; every row names the host (report) it came from.
-- Documented for users in README.md ("Database schema"); keep the two in step.
-- Command-output tables carry (host_id, file_id, lineno) so every fact cites its evidence.

CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE bundle(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,            -- as given on the command line
  status TEXT NOT NULL DEFAULT 'ok', -- ok | partial | unreadable
  message TEXT                   -- why it is partial or unreadable
);

CREATE TABLE host(
  id INTEGER PRIMARY KEY,
  bundle_id INTEGER NOT NULL REFERENCES bundle(id),
  report TEXT NOT NULL,          -- the report's top directory (or nested archive) inside the bundle
  hostname TEXT,                 -- from sos_commands/host/hostname, etc/hostname, or the report name
  fqdn TEXT,                     -- from hostname -f / OVS external_ids:hostname when known
  roles TEXT,                    -- comma list: controller, network, compute
  collected_at REAL,             -- collection time, UTC epoch seconds
  tz TEXT,                       -- time zone name or abbreviation as the report says
  utc_offset INTEGER,            -- seconds east of UTC used for local-time logs (NULL: assumed 0)
  kernel TEXT,                   -- uname -r
  sos_version TEXT,
  system_id TEXT                 -- OVS external_ids:system-id (= OVN chassis name)
);

CREATE TABLE file(
  id INTEGER PRIMARY KEY,
  host_id INTEGER NOT NULL REFERENCES host(id),
  path TEXT NOT NULL,            -- path inside the report, e.g. var/log/nova/nova-compute.log.1.gz
  parser TEXT NOT NULL,          -- log | df | free | ... (rules/layout.map)
  service TEXT,                  -- nova-compute, neutron-server, ovn-controller, ... (rules/layout.map)
  via TEXT,                      -- the symlink it was reached through, if any
  bytes INTEGER,                 -- uncompressed bytes read
  lines INTEGER,
  first_ts REAL, last_ts REAL,   -- UTC epoch seconds of the first/last timestamped line (logs)
  line_base INTEGER,             -- rowid in `line_data` of this file's line 1 (line n is line_base+n-1)
  status TEXT NOT NULL DEFAULT 'ok' -- ok | truncated | partial
);

CREATE TABLE link(
  host_id INTEGER NOT NULL,
  path TEXT NOT NULL,            -- the symlink inside the report
  target TEXT NOT NULL,          -- as stored in the archive
  resolved TEXT,                 -- normalised path inside the report, NULL if it leaves the report
  status TEXT NOT NULL           -- ok | dangling | outside | loop
);

-- Every log line (and every line of a command output), one row per physical line, stored
-- compactly: a file's lines are consecutive rowids from file.line_base, so the line number is
-- implied; logger, request ids and instance are ids into `word`. Read it through the `line` and
-- `log` views (views.sql), which give the text back.
CREATE TABLE line_data(
  file_id INTEGER NOT NULL,
  ts_ms INTEGER,                 -- UTC epoch milliseconds; NULL when the line (or its record) has none
  src INTEGER,                   -- src.id: who wrote it (level, logger, pid); NULL when none
  req INTEGER,                   -- word.id: local request id (req-...)
  greq INTEGER,                  -- word.id: global request id (oslo.log >= 4.8)
  instance INTEGER,              -- word.id: instance UUID of "[instance: ...]"
  pos INTEGER NOT NULL,          -- msg_off, the byte offset of the message inside raw, when the
                                 -- line starts its record; -(back * 2^32 + msg_off) - 1 when it
                                 -- continues the record that began `back` lines before (one
                                 -- column, not two: a column costs a byte on every row)
  raw TEXT NOT NULL              -- the line as written (without the newline)
);

-- Who wrote a line: its level (1 DEBUG 2 INFO 3 AUDIT 4 WARNING 5 ERROR 6 CRITICAL 7 TRACE),
-- logger (oslo logger / vlog module / syslog program, a word.id) and process id. Lines share
-- few of them. The same triple may have more than one id.
CREATE TABLE src(id INTEGER PRIMARY KEY, level INTEGER, logger INTEGER, pid INTEGER);

-- Made before the bulk insert, not after: word ids grow as new requests appear, so these are
-- nearly appends, where building them afterwards would read all of line_data once per index.
CREATE INDEX line_instance ON line_data(instance) WHERE instance IS NOT NULL;
CREATE INDEX line_req ON line_data(req) WHERE req IS NOT NULL;

-- Texts that many lines share (loggers, request ids, instance UUIDs). A text may have more
-- than one id.
CREATE TABLE word(id INTEGER PRIMARY KEY, text TEXT NOT NULL);

CREATE TABLE df(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- blocks | inodes
  filesystem TEXT, fstype TEXT,
  total INTEGER, used INTEGER, avail INTEGER, -- 1K blocks (blocks) or inode counts (inodes)
  use_pct INTEGER,               -- NULL when df printed '-'
  mount TEXT
);

CREATE TABLE mem(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  source TEXT NOT NULL,          -- free | meminfo
  total_kb INTEGER, used_kb INTEGER, free_kb INTEGER, shared_kb INTEGER, cache_kb INTEGER,
  available_kb INTEGER, swap_total_kb INTEGER, swap_free_kb INTEGER
);

CREATE TABLE ovs_bridge(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  name TEXT NOT NULL, fail_mode TEXT, datapath_type TEXT,
  controller TEXT, controller_connected INTEGER -- from "Controller" / "is_connected: true"
);

CREATE TABLE ovs_port(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  bridge TEXT NOT NULL, port TEXT NOT NULL, interface TEXT,
  type TEXT,                     -- geneve, vxlan, patch, internal, NULL for system ports
  remote_ip TEXT,                -- options:remote_ip of tunnels
  peer TEXT,                     -- options:peer of patch ports
  options TEXT,                  -- the options map as printed
  error TEXT                     -- "error:" line of the interface, if any
);

-- Rows of OVSDB tables, one row per (record, column, map key / set element), from `ovs-vsctl list`,
-- `ovn-sbctl list`, `ovn-nbctl list`, `ovsdb-client dump`, `ovn-[ns]bctl show`, and the database
-- files sos copies (conf.db, ovnsb_db.db, ovnnb_db.db).
CREATE TABLE ovsdb(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  db TEXT NOT NULL,              -- Open_vSwitch | OVN_Southbound | OVN_Northbound
  tbl TEXT NOT NULL,             -- Chassis, Port_Binding, Logical_Switch_Port, ...
  uuid TEXT NOT NULL,            -- the record's _uuid ("show:<name>" for records seen in a show output)
  col TEXT NOT NULL,
  key TEXT,                      -- map key; NULL for scalars and sets
  value TEXT                     -- unquoted atom; NULL for an empty set/map
);

-- Single facts about a host read from small files: hostname, date, time zone, kernel, sos version,
-- nova's host option, ... (key, value), for host identity and for checks.
CREATE TABLE fact(
  host_id INTEGER NOT NULL, file_id INTEGER NOT NULL, lineno INTEGER NOT NULL,
  key TEXT NOT NULL, value TEXT
);

-- Rule matches (line rules during ingest, checks afterwards), findings built from them, and the
-- causal links between findings.
CREATE TABLE hit(
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  grp TEXT,                      -- grouping key: hits with the same grp make one finding
  host_id INTEGER, file_id INTEGER, lineno INTEGER,
  ts REAL,
  fields TEXT                    -- JSON object of named captures / check columns
);

-- Rule matches on lines dated outside their host's collection window (after the report was
-- collected, or implausibly long before it): kept for queries, never evidence
-- (rca_store_set_aside_out_of_window).
CREATE TABLE hit_outside(
  id INTEGER PRIMARY KEY, rule TEXT NOT NULL, grp TEXT, host_id INTEGER, file_id INTEGER,
  lineno INTEGER, ts REAL, fields TEXT
);

CREATE TABLE finding(
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL, code TEXT NOT NULL, class TEXT NOT NULL, severity TEXT NOT NULL,
  host_id INTEGER, title TEXT NOT NULL,
  first_ts REAL, last_ts REAL, count INTEGER NOT NULL,
  fields TEXT                    -- JSON object
);

CREATE TABLE evidence(
  finding_id INTEGER NOT NULL, host_id INTEGER, file_id INTEGER, lineno INTEGER, text TEXT
);

CREATE TABLE cause(
  cause_id INTEGER NOT NULL, effect_id INTEGER NOT NULL,
  key TEXT                       -- what joined them, e.g. "port=24129afd-..."
);
