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
# timedatectl, by the etc/localtime link alone, by etc/timezone alone.
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
if a != b:
    ra, rb = a["root_causes"], b["root_causes"]
    print("  root causes: %s, expected %s" % ([(x["root"]["code"], x["root"]["host"], x["root"]["first_ts"]) for x in rb],
                                             [(x["root"]["code"], x["root"]["host"], x["root"]["first_ts"]) for x in ra]))
    sys.exit(1)
PY
}
for how in timedatectl localtime timezone; do
  dst_case "$how" || ko "dst-$how: the bundle could not be made"
  if analyze "dst-$how" 1 "$work/dst-$how"; then
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
if analyze dst-unknown 1 "$work/dst-unknown"; then
  grep -q 'sosreport-cmp-1-2025-03-03-ydkrmlu/sos_commands/systemd/timedatectl: time zone \\"Mars/Olympus_Mons\\" cannot be loaded (no such zone in /usr/share/zoneinfo); fixed offset +0200 used' \
    "$work/dst-unknown.json" && ok || ko "dst-unknown: no warning about the zone that cannot be loaded"
fi
dst_case hostile || ko "dst-hostile: the bundle could not be made"
if analyze dst-hostile 1 "$work/dst-hostile"; then
  grep -q 'etc/timezone: time zone \\"../../../etc/passwd\\" cannot be loaded (not a zone name); fixed offset +0200 used' \
    "$work/dst-hostile.json" && ok || ko "dst-hostile: no warning about the refused zone name"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
