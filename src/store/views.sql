-- Views for people and checks: typed shapes over the generic tables. Created after the bulk insert.
-- Documented in README.md ("Database schema"); keep the two in step.

-- Every stored line as written and parsed (line_data with its line number and texts back).
CREATE VIEW line AS
  SELECT l.file_id, l.rowid - f.line_base + 1 AS lineno, l.ts_ms / 1000.0 AS ts,
         CASE sr.level WHEN 1 THEN 'DEBUG' WHEN 2 THEN 'INFO' WHEN 3 THEN 'AUDIT'
           WHEN 4 THEN 'WARNING' WHEN 5 THEN 'ERROR' WHEN 6 THEN 'CRITICAL' WHEN 7 THEN 'TRACE'
         END AS level,
         wl.text AS logger, sr.pid, wr.text AS req, wg.text AS greq, wi.text AS instance,
         l.rowid - f.line_base + 1 - (CASE WHEN l.pos >= 0 THEN 0 ELSE (-l.pos - 1) >> 32 END) AS rec,
         CASE WHEN l.pos >= 0 THEN l.pos ELSE (-l.pos - 1) & 4294967295 END AS msg_off, l.raw,
         l.rowid AS line_id
  FROM line_data l JOIN file f ON f.id = l.file_id
  LEFT JOIN src sr ON sr.id = l.src LEFT JOIN word wl ON wl.id = sr.logger
  LEFT JOIN word wr ON wr.id = l.req LEFT JOIN word wg ON wg.id = l.greq
  LEFT JOIN word wi ON wi.id = l.instance;

-- Every stored line with its host and file, and the message after the envelope.
CREATE VIEW log AS
  SELECT f.host_id, h.hostname AS host, f.path, f.service, f.parser, l.file_id, l.lineno, l.ts,
         datetime(l.ts, 'unixepoch') AS time_utc, l.level, l.logger, l.pid, l.req, l.greq,
         l.instance, l.rec, substr(l.raw, l.msg_off + 1) AS msg, l.raw, l.line_id
  FROM line l JOIN file f ON f.id = l.file_id JOIN host h ON h.id = f.host_id;

-- The local Open_vSwitch row's external_ids (system-id, hostname, ovn-remote, ovn-encap-ip, ...).
CREATE VIEW ovs_external_ids AS
  SELECT host_id, file_id, lineno, key, value FROM ovsdb
  WHERE db = 'Open_vSwitch' AND tbl = 'Open_vSwitch' AND col = 'external_ids' AND key IS NOT NULL;

-- OVN Southbound chassis as any source shows them (list output, show output, database file).
CREATE VIEW sb_chassis_all AS
  SELECT host_id, uuid, min(file_id) AS file_id, min(lineno) AS lineno,
         max(CASE WHEN col = 'name' THEN value END) AS name,
         max(CASE WHEN col = 'hostname' THEN value END) AS hostname,
         max(CASE WHEN col = 'external_ids' AND key = 'ovn-bridge-mappings' THEN value END)
           AS bridge_mappings,
         max(CASE WHEN col = 'other_config' AND key = 'ovn-bridge-mappings' THEN value END)
           AS bridge_mappings_oc
  FROM ovsdb WHERE db = 'OVN_Southbound' AND tbl = 'Chassis'
  GROUP BY host_id, uuid;

-- Chassis from show outputs only when no list output or database file has them.
CREATE VIEW sb_chassis AS
  SELECT * FROM sb_chassis_all c
  WHERE c.uuid NOT LIKE 'show:%'
     OR NOT EXISTS (SELECT 1 FROM ovsdb o WHERE o.db = 'OVN_Southbound' AND o.tbl = 'Chassis'
                    AND o.col = 'name' AND o.value = c.name AND o.uuid NOT LIKE 'show:%');

CREATE VIEW sb_chassis_private AS
  SELECT host_id, uuid, min(file_id) AS file_id, min(lineno) AS lineno,
         max(CASE WHEN col = 'name' THEN value END) AS name,
         max(CASE WHEN col = 'nb_cfg' THEN CAST(value AS INTEGER) END) AS nb_cfg,
         max(CASE WHEN col = 'nb_cfg_timestamp' THEN CAST(value AS INTEGER) END)
           AS nb_cfg_timestamp
  FROM ovsdb WHERE db = 'OVN_Southbound' AND tbl = 'Chassis_Private'
  GROUP BY host_id, uuid;

CREATE VIEW sb_encap AS
  SELECT e.host_id, e.uuid, min(e.file_id) AS file_id, min(e.lineno) AS lineno,
         max(CASE WHEN e.col = 'type' THEN e.value END) AS type,
         max(CASE WHEN e.col = 'ip' THEN e.value END) AS ip,
         max(CASE WHEN e.col IN ('chassis_name', 'chassis') THEN e.value END) AS chassis_name
  FROM ovsdb e WHERE e.db = 'OVN_Southbound' AND e.tbl = 'Encap'
  GROUP BY e.host_id, e.uuid;

-- Port_Binding with the chassis resolved to its name (list outputs give the Chassis _uuid).
CREATE VIEW sb_port_binding_raw AS
  SELECT host_id, uuid, min(file_id) AS file_id, min(lineno) AS lineno,
         max(CASE WHEN col = 'logical_port' THEN value END) AS logical_port,
         max(CASE WHEN col = 'chassis' THEN value END) AS chassis_ref,
         max(CASE WHEN col = 'chassis' THEN lineno END) AS chassis_lineno,
         max(CASE WHEN col = 'up' THEN value END) AS up,
         max(CASE WHEN col = 'type' THEN value END) AS type,
         max(CASE WHEN col = 'options' AND key = 'requested-chassis' THEN value END)
           AS requested_chassis,
         max(CASE WHEN col = 'external_ids' AND key = 'neutron:device_id' THEN value END)
           AS device_id
  FROM ovsdb WHERE db = 'OVN_Southbound' AND tbl = 'Port_Binding'
  GROUP BY host_id, uuid;

CREATE VIEW sb_port_binding AS
  SELECT pb.host_id, pb.uuid, pb.file_id, pb.lineno, pb.chassis_lineno, pb.logical_port, pb.up,
         pb.type,
         pb.requested_chassis, pb.device_id, pb.chassis_ref,
         coalesce((SELECT c.name FROM sb_chassis c
                   WHERE c.host_id = pb.host_id AND c.uuid = pb.chassis_ref), pb.chassis_ref)
           AS chassis
  FROM sb_port_binding_raw pb
  -- a record seen only in `ovn-sbctl show` is kept when no `list` or database file gives it
  WHERE pb.uuid NOT LIKE 'show:%'
     OR NOT EXISTS (SELECT 1 FROM ovsdb o WHERE o.db = 'OVN_Southbound' AND o.tbl = 'Port_Binding'
                    AND o.col = 'logical_port' AND o.value = pb.logical_port
                    AND o.uuid NOT LIKE 'show:%');

CREATE VIEW nb_lsp AS
  SELECT host_id, uuid, min(file_id) AS file_id, min(lineno) AS lineno,
         max(CASE WHEN col = 'name' THEN value END) AS name,
         max(CASE WHEN col = 'up' THEN value END) AS up,
         max(CASE WHEN col = 'type' THEN value END) AS type,
         max(CASE WHEN col = 'options' AND key = 'requested-chassis' THEN value END)
           AS requested_chassis,
         max(CASE WHEN col = 'external_ids' AND key = 'neutron:device_id' THEN value END)
           AS device_id,
         max(CASE WHEN col = 'external_ids' AND key = 'neutron:host_id' THEN value END)
           AS neutron_host
  FROM ovsdb WHERE db = 'OVN_Northbound' AND tbl = 'Logical_Switch_Port'
  GROUP BY host_id, uuid;

CREATE VIEW nb_global AS
  SELECT host_id, uuid, min(file_id) AS file_id, min(lineno) AS lineno,
         max(CASE WHEN col = 'nb_cfg' THEN CAST(value AS INTEGER) END) AS nb_cfg
  FROM ovsdb WHERE db = 'OVN_Northbound' AND tbl = 'NB_Global'
  GROUP BY host_id, uuid;

-- Hosts as a check sees them: the name, its roles, and whether each kind of evidence was collected.
CREATE VIEW host_view AS
  SELECT h.id AS host_id, h.hostname AS host, h.roles, h.system_id,
         EXISTS (SELECT 1 FROM ovs_port p WHERE p.host_id = h.id) AS has_ovs_show,
         EXISTS (SELECT 1 FROM ovsdb o WHERE o.host_id = h.id AND o.db = 'OVN_Southbound')
           AS has_sb
  FROM host h;

-- Findings with their host name, for people querying a kept database.
CREATE VIEW finding_view AS
  SELECT f.id, f.rule, f.code, f.class, f.severity, h.hostname AS host, f.title,
         datetime(f.first_ts, 'unixepoch') AS first_utc, datetime(f.last_ts, 'unixepoch') AS last_utc,
         f.count, f.fields
  FROM finding f LEFT JOIN host h ON h.id = f.host_id;
