#!/bin/sh
# Build the seed corpora of the libFuzzer targets from testdata and the shipped rule pack:
#   seeds.sh OUTDIR      -> OUTDIR/<target>/ for ingest, logline, cmdout, ovsdb, rules
# Seeds are small (libFuzzer mutates short inputs faster): logs and outputs are cut to their first
# lines, and the ingest seeds are a minimal report packed in every archive form that sosrca reads.
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
td="$top/testdata"
rm -rf "$out"
mkdir -p "$out/ingest" "$out/logline" "$out/cmdout" "$out/ovsdb" "$out/rules"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# seed TARGET NAME < content: named after its checksum, so that equal names from several reports
# do not overwrite each other (and a pipeline's subshell needs no counter)
seed() {
  cat > "$tmp/seed"
  mv "$tmp/seed" "$out/$1/$2-$(cksum < "$tmp/seed" | cut -d" " -f1)"
}

# ---- logline: the first lines of every log of the testdata reports
find "$td" -type f \( -name '*.log' -o -name syslog -o -name dmesg -o -name 'kern.log' \) |
  sort | while read -r f; do
    { printf '\351\003'; head -n 40 "$f"; } | head -c 6000 | seed logline "$(basename "$f")"
  done
gzip -dc "$td"/incident-ovn-chassis/sosreport-cmp-1-*/var/log/nova/nova-compute.log.1.gz |
  head -n 40 | seed logline rotated

# ---- cmdout: one leading byte picks the parser, in the order of the registry in
# src/parse/cmdout.c (df free meminfo ovs-vsctl-show ovsdb-list ovsdb-dump ovn-sbctl-show
# ovn-nbctl-show ovsdb-file hostname date timedatectl uname sos-version nova-conf)
cmd() { # INDEX FILE
  # shellcheck disable=SC2059 # the format is the octal escape of the selector byte
  { printf "\\$(printf '%03o' "$1")"; head -c 8000 "$2"; } | seed cmdout "$(basename "$2")"
}
for r in "$td"/*/sosreport-*; do
  for f in "$r"/sos_commands/filesys/df_*; do [ -f "$f" ] && cmd 0 "$f"; done
  [ -f "$r/sos_commands/memory/free" ] && cmd 1 "$r/sos_commands/memory/free"
  [ -f "$r/proc/meminfo" ] && cmd 2 "$r/proc/meminfo"
  for f in "$r"/sos_commands/openvswitch/*ovs-vsctl_-t_5_show; do [ -f "$f" ] && cmd 3 "$f"; done
  for f in "$r"/sos_commands/*/*_list_*; do [ -f "$f" ] && cmd 4 "$f"; done
  for f in "$r"/sos_commands/ovn_central/*sbctl*_show; do [ -f "$f" ] && cmd 6 "$f"; done
  for f in "$r"/sos_commands/ovn_central/*nbctl*_show; do [ -f "$f" ] && cmd 7 "$f"; done
  [ -f "$r/sos_commands/host/hostname" ] && cmd 9 "$r/sos_commands/host/hostname"
  [ -f "$r/sos_commands/date/date" ] && cmd 10 "$r/sos_commands/date/date"
  [ -f "$r/sos_commands/systemd/timedatectl" ] && cmd 11 "$r/sos_commands/systemd/timedatectl"
  [ -f "$r/sos_commands/kernel/uname_-a" ] && cmd 12 "$r/sos_commands/kernel/uname_-a"
  [ -f "$r/version.txt" ] && cmd 13 "$r/version.txt"
  [ -f "$r/etc/nova/nova.conf" ] && cmd 14 "$r/etc/nova/nova.conf"
done
# an ovsdb-client dump, which testdata does not have
printf '\005%s\n' 'Bridge table' '_uuid                                name   fail_mode' \
  '------------------------------------ ------ ---------' \
  '1b8f5e3c-60a4-4d55-9ad4-4c2b1f3c9e01 br-int secure' '' 'Open_vSwitch table' \
  'external_ids' '-----------------------------------------------' \
  '{hostname=cmp-1, ovn-remote="tcp:192.0.2.10:6642", system-id=cmp-1}' | seed cmdout dump

# ---- ovsdb: database files (testdata has none: a standalone conf.db and a clustered SB db)
schema='{"name":"Open_vSwitch","version":"8.3.0","tables":{"Open_vSwitch":{"columns":{"external_ids":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}},"bridges":{"type":{"key":{"type":"uuid","refTable":"Bridge"},"min":0,"max":"unlimited"}},"cur_cfg":{"type":"integer"}},"isRoot":true},"Bridge":{"columns":{"name":{"type":"string"},"fail_mode":{"type":{"key":{"type":"string","enum":["set",["secure","standalone"]]},"min":0,"max":1}},"datapath_type":{"type":"string"}}}}}'
txn1='{"Open_vSwitch":{"5c1e5d2a-3f6b-4f8e-9a51-0d6c2b7e8f10":{"external_ids":["map",[["hostname","cmp-1"],["ovn-remote","tcp:192.0.2.10:6642"],["system-id","cmp-1"]]],"bridges":["set",[["uuid","1b8f5e3c-60a4-4d55-9ad4-4c2b1f3c9e01"]]],"cur_cfg":7}},"Bridge":{"1b8f5e3c-60a4-4d55-9ad4-4c2b1f3c9e01":{"name":"br-int","fail_mode":"secure"}},"_date":1741010000000,"_comment":"ovs-vsctl add-br br-int"}'
txn2='{"Open_vSwitch":{"5c1e5d2a-3f6b-4f8e-9a51-0d6c2b7e8f10":{"external_ids":["map",[["ovn-encap-ip","192.0.2.21"]]],"cur_cfg":8}},"_date":1741010001000,"_is_diff":true}'
txn3='{"Bridge":{"1b8f5e3c-60a4-4d55-9ad4-4c2b1f3c9e01":null},"_date":1741010002000}'
{ printf '\000'
  printf 'OVSDB JSON %d 0000000000000000000000000000000000000000\n%s\n' ${#schema} "$schema"
  printf 'OVSDB JSON %d 0000000000000000000000000000000000000000\n%s\n' ${#txn1} "$txn1"
  printf 'OVSDB JSON %d 0000000000000000000000000000000000000000\n%s\n' ${#txn2} "$txn2"
} | seed ovsdb conf.db
{ printf '\000'
  printf 'OVSDB JSON %d 0\n%s\n' ${#schema} "$schema"
  printf 'OVSDB JSON %d 0\n%s\n' ${#txn1} "$txn1"
  printf 'OVSDB JSON %d 0\n%s\n' ${#txn3} "$txn3"
} | seed ovsdb conf-del.db
sbschema='{"name":"OVN_Southbound","version":"20.33.0","tables":{"Chassis":{"columns":{"name":{"type":"string"},"hostname":{"type":"string"},"encaps":{"type":{"key":{"type":"uuid","refTable":"Encap"},"min":1,"max":"unlimited"}},"other_config":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}}}},"Encap":{"columns":{"type":{"type":"string"},"ip":{"type":"string"},"chassis_name":{"type":"string"}}},"Port_Binding":{"columns":{"logical_port":{"type":"string"},"chassis":{"type":{"key":{"type":"uuid","refTable":"Chassis"},"min":0,"max":1}},"up":{"type":{"key":"boolean","min":0,"max":1}}}}}}'
sbdata='{"Chassis":{"7d1c0a52-2f4e-4a8e-b4f1-3c5e7a9b1d20":{"name":"net-1","hostname":"net-1.example.com","encaps":["uuid","9a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"]}},"Encap":{"9a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d":{"type":"geneve","ip":"192.0.2.31","chassis_name":"net-1"}},"Port_Binding":{"0e7f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b":{"logical_port":"806fd448-15bc-45f8-a6dd-c3098f9c007b","up":false}}}'
hdr='{"cluster_id":"3f2e1d0c-b9a8-4765-8321-0fedcba98765","local_address":"tcp:192.0.2.10:6644","name":"OVN_Southbound","server_id":"a1b2c3d4-e5f6-4789-8abc-def012345678","prev_index":1,"prev_term":1,"prev_servers":{},"prev_data":['"$sbschema"','"$sbdata"']}'
entry='{"term":2,"index":2,"data":[null,{"Port_Binding":{"0e7f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b":{"up":true}}}],"eid":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}'
vote='{"term":2,"vote":"a1b2c3d4-e5f6-4789-8abc-def012345678"}'
{ printf '\001'
  printf 'OVSDB CLUSTER %d 0\n%s\n' ${#hdr} "$hdr"
  printf 'OVSDB CLUSTER %d 0\n%s\n' ${#vote} "$vote"
  printf 'OVSDB CLUSTER %d 0\n%s\n' ${#entry} "$entry"
} | seed ovsdb ovnsb_db.db
# the same files through the command-output target (parser 8 is ovsdb-file)
for f in "$out"/ovsdb/*; do { printf '\010'; tail -c +2 "$f"; } | seed cmdout ovsdb-file; done

# ---- rules: every rule file of the shipped pack
for f in "$top"/rules/*/*.rules; do
  name=$(basename "$f")
  seed rules "$name" < "$f"
done

# ---- ingest: a minimal report (the first lines of cmp-1's files) in every archive form
cmp=$(ls -d "$td"/incident-ovn-chassis/sosreport-cmp-1-*)
name=$(basename "$cmp")
mini="$tmp/$name"
for f in version.txt sos_commands/host/hostname sos_commands/date/date sos_commands/date/date_--utc \
         sos_commands/filesys/df_-al_-x_autofs sos_commands/memory/free \
         sos_commands/openvswitch/ovs-vsctl_-t_5_show sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch \
         var/log/nova/nova-compute.log var/log/ovn/ovn-controller.log; do
  mkdir -p "$(dirname "$mini/$f")"
  head -n 12 "$cmp/$f" > "$mini/$f"
done
head -n 8 "$cmp/var/log/nova/nova-compute.log" | gzip -n > "$mini/var/log/nova/nova-compute.log.1.gz"
mkdir -p "$mini/sos_strings/openvswitch"
ln -s ../../var/log/ovn/ovn-controller.log "$mini/sos_strings/openvswitch/var.log.ovn.ovn-controller.log.tailed"
ln -s ../../../etc/passwd "$mini/var/log/nova/outside.log"
ln -s loop-b "$mini/var/log/nova/nova-api.log"; ln -s nova-api.log "$mini/var/log/nova/loop-b"
taropts="--sort=name --mtime=2025-03-03T14:40:12Z --owner=0 --group=0 --numeric-owner"
# shellcheck disable=SC2086
tar $taropts -C "$tmp" -cf "$tmp/r.tar" "$name"
seed ingest tar < "$tmp/r.tar"
gzip -n -c "$tmp/r.tar" | seed ingest tar.gz
xz -T1 -3 -c "$tmp/r.tar" | seed ingest tar.xz
zstd -q -c "$tmp/r.tar" | seed ingest tar.zst
bzip2 -c "$tmp/r.tar" | seed ingest tar.bz2
# a report with no top folder, a packed folder inside, and a sos collect tar of reports
# shellcheck disable=SC2086
tar $taropts -C "$mini" -cf "$tmp/flat.tar" .
seed ingest flat < "$tmp/flat.tar"
# shellcheck disable=SC2086
tar $taropts -C "$mini/var/log" -czf "$mini/var/log/ovn.tar.gz" ovn
# shellcheck disable=SC2086
tar $taropts -C "$tmp" -cf - "$name" | gzip -n | seed ingest packed
mkdir -p "$tmp/collect/sos-collector-x"
gzip -n -c "$tmp/r.tar" > "$tmp/collect/sos-collector-x/$name.tar.gz"
# shellcheck disable=SC2086
tar $taropts -C "$tmp/collect" -cf - sos-collector-x | seed ingest collect
echo "seeds: $(find "$out" -type f | wc -l) files in $out"
