#!/bin/sh
# End-to-end tests: run the built binary on the testdata bundles and compare the JSON reports with
# the golden files in tests/e2e/golden (UPDATE_GOLDEN=1 rewrites them; review the diff). Every
# archive form of a bundle must give the very same report as the golden one.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "e2e: FAIL: $*"; }

# analyze NAME EXPECTED_EXIT ARGS... : JSON report into $work/NAME.json
analyze() {
  name=$1 want=$2; shift 2
  "$bin" analyze --format json --no-timing "$@" > "$work/$name.json" 2> "$work/$name.err"
  rc=$?
  if [ "$rc" -ne "$want" ]; then
    ko "$name: exit code $rc, expected $want"; cat "$work/$name.err"; return 1
  fi
  return 0
}

golden() {
  name=$1 file=$2
  g="$here/golden/$name.json"
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$file" "$g"; echo "e2e: wrote $g"; ok; return
  fi
  if [ ! -f "$g" ]; then ko "$name: no golden file $g (make update-golden)"; return; fi
  if diff -u "$g" "$file" > "$work/$name.diff"; then ok; else
    ko "$name: report differs from $g"; head -n 60 "$work/$name.diff"; fi
}

same_as() {
  name=$1 ref=$2
  if cmp -s "$work/$ref.json" "$work/$name.json"; then ok; else
    ko "$name: report differs from $ref"; diff -u "$work/$ref.json" "$work/$name.json" | head -n 40; fi
}

inc="$top/testdata/incident-ovn-chassis"
sh "$here/pack.sh" "$inc" "$work/inc" xz gz bz2 zst tar collect
if analyze incident 1 "$work"/inc/sosreport-*.tar.xz; then golden incident "$work/incident.json"; fi
for fmt in gz bz2 zst; do
  analyze "incident-$fmt" 1 "$work"/inc/sosreport-*.tar."$fmt" && same_as "incident-$fmt" incident
done
analyze incident-tar 1 "$work"/inc/sosreport-*.tar && same_as incident-tar incident
analyze incident-collect 1 "$work"/inc/sos-collector-*.tar && same_as incident-collect incident
analyze incident-dir 1 "$inc"/sosreport-* && same_as incident-dir incident
analyze incident-parent 1 "$inc" && same_as incident-parent incident

# The incident must name the VIF-plug failure, caused by the compute's OVN chassis, and rule out
# disk and memory: say so in plain checks too, so that a wrong golden file cannot hide it.
j="$work/incident.json"
grep -q '"code": "vif-plug-timeout"' "$j" && ok || ko "incident: no vif-plug-timeout step"
grep -q '"code": "ovn-sb-unreachable"' "$j" && ok || ko "incident: no ovn-sb-unreachable root"
grep -q '"code": "disk-ok"' "$j" && ok || ko "incident: disk not ruled out"
grep -q '"code": "memory-ok"' "$j" && ok || ko "incident: memory not ruled out"

# The same incident in other deployment layouts must give the same root cause: rules select files
# by service through the layout map, never by one path.
relayout() {
  # relayout NAME: copy the incident and move its files the way that deployment lays them out
  dst="$work/layout-$1"
  rm -rf "$dst"; cp -a "$inc" "$dst"
  for r in "$dst"/sosreport-*; do
    case $1 in
      kolla)
        mv_to() { [ -e "$r/$1" ] || return 0; mkdir -p "$(dirname "$r/$2")"; mv "$r/$1" "$r/$2"; }
        for f in "$r"/var/log/nova/*; do [ -e "$f" ] && mv_to "var/log/nova/$(basename "$f")" "var/log/kolla/nova/$(basename "$f")"; done
        mv_to var/log/neutron/neutron-server.log var/log/kolla/neutron/neutron-server.log
        mv_to var/log/ovn/ovn-controller.log var/log/kolla/openvswitch/ovn-controller.log ;;
      tripleo)
        mv_to() { [ -e "$r/$1" ] || return 0; mkdir -p "$(dirname "$r/$2")"; mv "$r/$1" "$r/$2"; }
        for f in "$r"/var/log/nova/*; do [ -e "$f" ] && mv_to "var/log/nova/$(basename "$f")" "var/log/containers/nova/$(basename "$f")"; done
        mv_to var/log/neutron/neutron-server.log var/log/containers/neutron/server.log
        mv_to var/log/ovn/ovn-controller.log var/log/containers/openvswitch/ovn-controller.log
        for f in "$r"/sos_commands/ovn_central/*; do
          [ -e "$f" ] && mv "$f" "$(dirname "$f")/podman_exec_ovn-dbs-bundle-podman-0_$(basename "$f")"
        done ;;
      snap)
        for f in "$r"/sos_commands/openvswitch/ovs-vsctl_*; do
          [ -e "$f" ] && mv "$f" "$(dirname "$f")/openstack-hypervisor.$(basename "$f")"
        done ;;
    esac
  done
}
for layout in kolla tripleo snap; do
  relayout "$layout"
  if analyze "layout-$layout" 1 "$work/layout-$layout"; then
    j="$work/layout-$layout.json"
    sed -n '/"root_causes"/,/"ruled_out"/p' "$j" > "$j.rc"
    if grep -q '"code": "ovn-sb-unreachable"' "$j.rc" && grep -q '"code": "vif-plug-timeout"' "$j.rc"
    then ok; else ko "layout $layout: the root cause chain is not found"; fi
  fi
done

healthy="$top/testdata/healthy-cloud"
sh "$here/pack.sh" "$healthy" "$work/healthy" xz
if analyze healthy 0 "$work"/healthy/sosreport-*.tar.xz; then
  golden healthy "$work/healthy.json"
  grep -q '"root_causes": \[\]' "$work/healthy.json" && ok || ko "healthy: a root cause was reported"
fi

# An old incident: the healthy cloud with, in a rotated .gz log of its compute, a failed build
# from four weeks before collection (the incident's lines, dated 2025-01-20). It is an earlier
# incident, never the current root cause, and does not fail the exit code; with --max-age 60d it is
# the root cause again.
old="$work/old-incident"
rm -rf "$old"; cp -a "$healthy" "$old"
cmp1=$(ls -d "$inc"/sosreport-cmp-1-*)
c0=$(ls -d "$old"/sosreport-compute-0-*)
grep '41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65' "$cmp1/var/log/nova/nova-compute.log" |
  sed 's/^2025-03-03 /2025-01-20 /' | gzip -n > "$c0/var/log/containers/nova/nova-compute.log.2.gz"
if analyze old-incident 0 "$old"/sosreport-*; then
  python3 - "$work/old-incident.json" <<'PY' && ok || ko "old incident: not reported as an earlier incident only"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["root_causes"] == [], "a root cause was reported"
e = r["earlier_incidents"]
assert e and e[0]["symptom"]["code"] == "build-aborted-network", e
assert e[0]["symptom"]["earlier"] is True
assert any(s["code"] == "vif-plug-timeout" for s in e[0]["chain"])
assert all(f["earlier"] for f in r["findings"] if f["severity"] in ("error", "critical"))
PY
fi
if analyze old-incident-60d 1 --max-age 60d "$old"/sosreport-*; then
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not r["root_causes"] or r["earlier_incidents"] != [])' \
    "$work/old-incident-60d.json" && ok || ko "old incident with --max-age 60d: not the root cause"
fi
"$bin" analyze --format text --no-timing --no-color "$old"/sosreport-* > "$work/old.txt" 2>&1
grep -q '^Earlier incidents (last evidence more than 7 days before collection)' "$work/old.txt" &&
  grep -q '^No root cause found' "$work/old.txt" && ok || ko "old incident: text report lacks its Earlier incidents section"

# The root's remedy names the host it is about ({host} and the rule's fields are filled in, as in
# titles), never a raw placeholder.
"$bin" analyze --format text --no-timing --no-color "$top/testdata/incident-ovs-agent-dead" > "$work/ovsdead.txt" 2>&1
grep -q '^  Fix: Start Open vSwitch on cmp-1 ' "$work/ovsdead.txt" && ! grep -q '{host}' "$work/ovsdead.txt" &&
  ok || ko "ovs-agent-dead: the remedy does not name the host (or shows a {placeholder})"

# A healthy day: the Southbound DB restarted (planned) and every chassis reconnected within
# seconds; RabbitMQ restarted and nova-compute reconnected; and one ovn-controller line is dated a
# week after the report was collected (a wrong clock). Nothing above info, and one warning naming
# the file with the misdated line.
blip="$work/blips"
rm -rf "$blip"; cp -a "$healthy" "$blip"
for r in "$blip"/sosreport-*; do
  cat >> "$r/var/log/containers/openvswitch/ovn-controller.log" <<'LOG'
2025-02-18T14:00:00.102Z|25790|reconnect|INFO|tcp:192.0.2.50:6642: connection closed by peer
2025-02-18T14:00:01.104Z|25791|reconnect|INFO|tcp:192.0.2.50:6642: connecting...
2025-02-18T14:00:01.105Z|25792|reconnect|INFO|tcp:192.0.2.50:6642: connection attempt failed (Connection refused)
2025-02-18T14:00:01.106Z|25793|reconnect|INFO|tcp:192.0.2.50:6642: waiting 2 seconds before reconnect
2025-02-18T14:00:03.108Z|25794|reconnect|INFO|tcp:192.0.2.50:6642: connecting...
2025-02-18T14:00:03.111Z|25795|reconnect|INFO|tcp:192.0.2.50:6642: connected
2025-02-18T14:00:03.119Z|25796|main|INFO|OVNSB IDL reconnected, force recompute.
LOG
done
c0=$(ls -d "$blip"/sosreport-compute-0-*)
echo '2025-02-25T09:00:00.000Z|25797|reconnect|INFO|tcp:192.0.2.50:6642: connection attempt failed (Connection refused)' \
  >> "$c0/var/log/containers/openvswitch/ovn-controller.log"
cat >> "$c0/var/log/containers/nova/nova-compute.log" <<'LOG'
2025-02-18 14:05:10.311 7 ERROR oslo.messaging._drivers.impl_rabbit [-] [3c5bbf8e-5a35-4c0e-9d36-0d0c3c0a8c11] AMQP server on controller-0.internalapi.localdomain:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.: ConnectionRefusedError: [Errno 111] ECONNREFUSED
2025-02-18 14:05:12.402 7 INFO oslo.messaging._drivers.impl_rabbit [-] [3c5bbf8e-5a35-4c0e-9d36-0d0c3c0a8c11] Reconnected to AMQP server on controller-0.internalapi.localdomain:5672 via [amqp] client with port 48212.
LOG
if analyze blips 0 "$blip"/sosreport-*; then
  python3 - "$work/blips.json" <<'PY' && ok || ko "blips: a recovered blip or a misdated line was reported above info"
import json, sys
r = json.load(open(sys.argv[1]))
above = [f["title"] for f in r["findings"] if f["severity"] != "info"]
assert not above, above
assert r["root_causes"] == []
sb = [f for f in r["findings"] if f["code"] == "ovn-sb-unreachable"]
assert len(sb) == 2 and all("recovered after 2s" in f["title"] for f in sb), sb
assert all(f["fields"]["recovered_after"] == "2s" for f in sb)
w = [x for x in r["warnings"] if "dated after the report was collected" in x]
assert len(w) == 1 and "compute-0" in w[0] and "ovn-controller.log: 1 line dated after" in w[0], r["warnings"]
PY
fi

# Coverage: the compute's report alone (no controller: no OVN databases) and without its df
# says what could not be examined, in text and JSON; the full incident says nothing of the kind.
alone="$work/cmp-alone"
rm -rf "$alone"; cp -a "$(ls -d "$inc"/sosreport-cmp-1-*)" "$alone"
rm -f "$alone"/sos_commands/filesys/df_*
"$bin" analyze --format json --no-timing "$alone" > "$work/alone.json" 2>/dev/null
python3 - "$work/alone.json" <<'PY' && ok || ko "coverage: the compute alone does not say what was not examined"
import json, sys
r = json.load(open(sys.argv[1]))
cov = {c["check"]: c["title"] for c in r["hosts"][0]["coverage"]}
assert "no-df" in cov and "cmp-1" in cov["no-df"], cov
assert "no-ovn-databases" in cov, cov
assert [c["check"] for c in r["not_examined"]] == [c for c in cov], r["not_examined"]
PY
"$bin" analyze --no-timing --no-color "$alone" 2>/dev/null | grep -q '^  - no df output in the report of cmp-1' && ok ||
  ko "coverage: the text report has no Not examined line for the missing df"
grep -q '"not_examined": \[\]' "$work/incident.json" && ok || ko "coverage: the full incident lacks something"
# Not proven: without its ovn-controller log and with no controller report, the compute's chain
# stops at the VIF plug timeout, and says which causes could not be looked for and why.
rm -f "$alone"/var/log/ovn/ovn-controller.log*
"$bin" analyze --format json --no-timing "$alone" > "$work/alone2.json" 2>/dev/null
python3 - "$work/alone2.json" <<'PY' && ok || ko "not proven: the chain does not say what is missing"
import json, sys
r = json.load(open(sys.argv[1]))
c = r["root_causes"][0]
assert c["root"]["code"] == "vif-plug-timeout", c["root"]["code"]
np = c["not_proven"]
assert "ovn-sb-unreachable: ovn-controller logs" in np, np
assert any(x.startswith("ovn-port-unbound: ") for x in np), np
PY
grep -q '"not_proven": \[\]' "$work/incident.json" && ok || ko "not proven: the full incident has a gap"
"$bin" analyze --no-timing --no-color "$alone" 2>/dev/null | grep -q '^  Not proven: ovn-sb-unreachable: ovn-controller logs missing$' &&
  ok || ko "not proven: the text report does not say it under the chain"
md=$("$bin" analyze --format md --no-timing "$alone" 2>/dev/null)
printf '%s\n' "$md" | grep -q '^- Not proven: ovn-sb-unreachable: ovn-controller logs missing$' &&
  printf '%s\n' "$md" | grep -q '^## Not examined$' &&
  "$bin" analyze --format md --no-timing "$old"/sosreport-* 2>/dev/null | grep -q '^## Earlier incidents' &&
  ok || ko "Markdown: Not proven, Not examined or Earlier incidents missing"


# The kernel's seconds since boot (dmesg) are dated with the host's collection time and up time,
# whichever of dmesg and uptime the stream gives first: a tar with dmesg as its first entry and the
# unpacked folder give the OOM kill the same first time, the one kern.log's stamp says.
oom="$top/testdata/incident-oom-ovn-controller"
cmp=$(cd "$oom" && ls -d sosreport-cmp-1-*)
(cd "$oom" && tar cf "$work/oom-dmesg-first.tar" "$cmp/sos_commands/kernel/dmesg" \
  --exclude="$cmp/sos_commands/kernel/dmesg" sosreport-*) 2>/dev/null
analyze oom-dmesg-first 1 "$work/oom-dmesg-first.tar"
analyze oom-dir 1 "$oom"
python3 - "$work/oom-dmesg-first.json" "$work/oom-dir.json" <<'PY' && ok || ko "dmesg: seconds since boot not dated the same way in both orders"
import json, sys
def oom(p):
    r = json.load(open(p))
    f = [f for f in r["findings"] if f["code"] == "oom-kill"]
    return f[0] if f else None
a, b = oom(sys.argv[1]), oom(sys.argv[2])
assert a and b, "no oom-kill finding"
ev = {e["path"] for e in a["evidence"]}
assert "sos_commands/kernel/dmesg" in ev, ev
# kern.log says 10:31:12; the boot time is good to the minute uptime prints
assert a["first_ts"] == b["first_ts"] == "2025-08-21T10:31:12Z", (a["first_ts"], b["first_ts"])
assert a["last_ts"] == b["last_ts"], (a["last_ts"], b["last_ts"])
assert a["last_ts"] < "2025-08-21T10:32:13Z", a["last_ts"]
PY

# --db keeps a database that `sosrca query` can read; an existing one is not overwritten.
db="$work/incident.db"
"$bin" analyze --db "$db" "$work"/inc/sosreport-*.tar.xz > /dev/null 2>&1
n=$("$bin" query --format json "$db" "SELECT count(*) AS n FROM finding" 2>/dev/null | grep -c '"n"')
[ "$n" = 1 ] && ok || ko "query: no answer from the kept database"
"$bin" analyze --db "$db" "$work"/inc/sosreport-*.tar.xz > /dev/null 2>&1
[ $? -eq 2 ] && ok || ko "analyze --db: an existing database was overwritten without --force"
"$bin" query "$db" "DELETE FROM finding" > /dev/null 2>&1
[ $? -eq 2 ] && ok || ko "query: a write was accepted"

# --fts adds the full-text index: a word search finds the lines a LIKE scan finds, with their
# place; the report is the same as without it.
fdb="$work/incident-fts.db"
"$bin" analyze --fts --db "$fdb" --format json --no-timing "$work"/inc/sosreport-*.tar.xz \
  > "$work/fts.json" 2> /dev/null
[ $? -eq 1 ] && ok || ko "analyze --fts: unexpected exit code"
golden incident "$work/fts.json"
like=$("$bin" query "$fdb" "SELECT host || ':' || path || ':' || lineno AS at FROM log
  WHERE raw LIKE '%Connection refused%' ORDER BY 1" 2>&1)
fts=$("$bin" query "$fdb" "SELECT g.host || ':' || g.path || ':' || g.lineno AS at FROM line_fts
  JOIN log g ON g.line_id = line_fts.rowid WHERE line_fts MATCH '\"connection refused\"' ORDER BY 1" 2>&1)
if [ -n "$fts" ] && [ "$fts" = "$like" ] && printf '%s' "$fts" | grep -q 'cmp-1:var/log/ovn/ovn-controller.log:555'; then
  ok
else
  ko "--fts: MATCH gave '$fts', LIKE gave '$like'"
fi

# Daylight saving time: the incident (logs of 2025-03-03, CET +0100) collected a month after the
# change of 2025-03-30, in CEST (+0200): only the collection time moves (date, date --utc,
# timedatectl), every log line is kept. Each host's zone is read by name and every local line gets
# the offset of its own date, so the report is the incident's, but for the hosts' collection time
# (and zone name where timedatectl is gone). With one offset taken at collection, as before, the
# oslo.log lines moved an hour away from the OVN (UTC) ones and the chain broke: the second failure
# got another root cause (bind-refused-dead-agent on ctl-1 at 13:20:43Z, an hour early instead of
# ovn-sb-unreachable on cmp-1). Variants: the zone named by
# timedatectl, by the etc/localtime link alone, by etc/timezone alone. Collected a month after the
# incident, they run with --max-age 60d: with the default 7 days the incident is an earlier one.
dst_case() {
  dst="$work/dst-$1"
  rm -rf "$dst"; cp -a "$inc" "$dst"
  for r in "$dst"/sosreport-*; do
    python3 - "$r" "$1" <<'PY' || return 1
import os, sys
r, how = sys.argv[1], sys.argv[2]
def edit(rel, pairs):
    p = os.path.join(r, rel)
    s = open(p).read()
    for a, b in pairs:
        assert a in s, (p, a)
        s = s.replace(a, b)
    open(p, "w").write(s)
edit("sos_commands/date/date", [("Mon Mar  3 15:40:12 CET 2025", "Wed Apr  2 16:40:12 CEST 2025")])
edit("sos_commands/date/date_--utc", [("Mon Mar  3 14:40:12 UTC", "Wed Apr  2 14:40:12 UTC")])
edit("sos_commands/systemd/timedatectl", [("Mon 2025-03-03 15:40:41 CET", "Wed 2025-04-02 16:40:41 CEST"),
     ("Mon 2025-03-03 14:40", "Wed 2025-04-02 14:40"), ("(CET, +0100)", "(CEST, +0200)")])
if how not in ("timedatectl", "unknown"):
    os.remove(os.path.join(r, "sos_commands/systemd/timedatectl"))
    os.remove(os.path.join(r, "date"))  # the root symlink to it
if how == "localtime":
    os.symlink("../usr/share/zoneinfo/Europe/Paris", os.path.join(r, "etc/localtime"))
if how == "timezone":
    open(os.path.join(r, "etc/timezone"), "w").write("Europe/Paris\n")
if how == "hostile":
    open(os.path.join(r, "etc/timezone"), "w").write("../../../etc/passwd\n")
if how == "unknown":
    edit("sos_commands/systemd/timedatectl", [("Europe/Paris", "Mars/Olympus_Mons")])
    open(os.path.join(r, "etc/timezone"), "w").write("../../../etc/passwd\n")
PY
  done
}
# same_but_hosts NAME: NAME's report is the incident's but for the hosts' collected_at and tz
same_but_hosts() {
  python3 - "$work/incident.json" "$work/$1.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for h in a["hosts"] + b["hosts"]:
    h.pop("collected_at", None); h.pop("tz", None)
for d in (a, b):
    d.pop("max_age_s", None)  # the DST twins are collected a month later: --max-age 60d
if a != b:
    ra, rb = a["root_causes"], b["root_causes"]
    print("  root causes: %s, expected %s" % ([(x["root"]["code"], x["root"]["host"], x["root"]["first_ts"]) for x in rb],
                                             [(x["root"]["code"], x["root"]["host"], x["root"]["first_ts"]) for x in ra]))
    sys.exit(1)
PY
}
for how in timedatectl localtime timezone; do
  dst_case "$how" || ko "dst-$how: the bundle could not be made"
  if analyze "dst-$how" 1 --max-age 60d "$work/dst-$how"; then
    if same_but_hosts "dst-$how" && grep -q '"collected_at": "2025-04-02T14:40' "$work/dst-$how.json" &&
       grep -q '"tz": "Europe/Paris"' "$work/dst-$how.json"
    then ok; else ko "dst-$how: the report differs from the incident's (beyond the hosts' collection time)"; fi
  fi
done
# Local times across both changes, in a rotated log of cmp-1: each gets the offset of its own date
# (a repeated time its first instance, a skipped one the offset before), the same whether the zone
# was known when the file was read (timedatectl first in the sorted archive) or only at the end of
# the report (the etc/localtime link, which comes last: the lines are redone then).
probe_want="1 1729987199.0|2 1729989000.0|3 1729994400.0|4 1743294600.0|5 1743298200.0|6 1743298200.25|"
for how in timedatectl localtime; do
  [ -d "$work/dst-$how" ] || continue
  printf '%s 3112 INFO nova.compute.manager [-] probe\n' "2024-10-27 01:59:59.000" \
    "2024-10-27 02:30:00.000" "2024-10-27 03:00:00.000" "2025-03-30 01:30:00.000" \
    "2025-03-30 02:30:00.000" "2025-03-30 03:30:00.250" \
    > "$work/dst-$how/sosreport-cmp-1-2025-03-03-ydkrmlu/var/log/nova/nova-compute.log.1"
  src="$work/dst-$how"
  if [ "$how" = timedatectl ]; then
    sh "$here/pack.sh" "$src" "$work/dst-$how-xz" xz; src=$(ls "$work/dst-$how-xz"/sosreport-cmp-1-*.tar.xz)
  fi
  "$bin" analyze --db "$work/probe-$how.db" "$src" > /dev/null 2>&1
  got=$("$bin" query "$work/probe-$how.db" "SELECT lineno || ' ' || ts AS x FROM line WHERE
    file_id = (SELECT id FROM file WHERE path = 'var/log/nova/nova-compute.log.1') ORDER BY lineno" 2>&1 |
    grep '^[0-9] ' | tr -d ' ' | sed 's/^\([0-9]\)/\1 /' | tr '\n' '|')
  [ "$got" = "$probe_want" ] && ok || ko "dst probe ($how): times $got, expected $probe_want"
done

# A zone that cannot be loaded: said, and the fixed offset of the collection is used.
dst_case unknown || ko "dst-unknown: the bundle could not be made"
if analyze dst-unknown 1 --max-age 60d "$work/dst-unknown"; then
  grep -q 'sosreport-cmp-1-2025-03-03-ydkrmlu/sos_commands/systemd/timedatectl: time zone \\"Mars/Olympus_Mons\\" cannot be loaded (no such zone in /usr/share/zoneinfo); fixed offset +0200 used' \
    "$work/dst-unknown.json" && ok || ko "dst-unknown: no warning about the zone that cannot be loaded"
fi
dst_case hostile || ko "dst-hostile: the bundle could not be made"
if analyze dst-hostile 1 --max-age 60d "$work/dst-hostile"; then
  grep -q 'etc/timezone: time zone \\"../../../etc/passwd\\" cannot be loaded (not a zone name); fixed offset +0200 used' \
    "$work/dst-hostile.json" && ok || ko "dst-hostile: no warning about the refused zone name"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
