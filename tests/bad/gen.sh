#!/bin/sh
# Generate damaged and hostile inputs for sosrca into a folder:
#   gen.sh OUTDIR
# Damaged archives are cut or corrupted copies of testdata's cmp-1 report; hostile content and
# malformed outputs are small synthetic reports (cmp-1's identity files plus the one bad thing);
# bad rule packs are the shipped pack plus one bad file. Nothing here is committed: tests/bad/run.sh
# makes the corpus afresh in a temporary folder and says what each input must do (exit code and
# message); docs/robustness.md lists them. POSIX sh and tar, xz, gzip, zstd, bzip2, dd, printf,
# head, split, tr, mkfifo only. Takes some 20 seconds (most of it the 100 000-entry archive and
# the 1.2 GB outer bomb).
#
# Names: OUTDIR/<case>.tar.* or OUTDIR/<case>/ (a bundle folder) for `analyze`, OUTDIR/pack-<case>/
# for `rules lint` and `analyze --rules`.
# shellcheck disable=SC2086 # $taropts is a list of options, split on purpose
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cmp=$(ls -d "$top"/testdata/incident-ovn-chassis/sosreport-cmp-1-*)
ctl=$(ls -d "$top"/testdata/incident-ovn-chassis/sosreport-ctl-1-*)
R=$(basename "$cmp")
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "gen.sh: $out is not empty" >&2
  exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
w="$out/.work"
rm -rf "$w"
mkdir -p "$w"
taropts="--sort=name --mtime=2025-03-03T14:40:12Z --owner=0 --group=0 --numeric-owner"
ESC=$(printf '\033')

# ------------------------------------------------------------------ helpers

# tarc DIR NAME [TAR OPTIONS...] : an uncompressed tar of DIR/NAME on stdout
tarc() {
  d=$1 n=$2
  shift 2
  tar $taropts "$@" -C "$d" -cf - "$n"
}

# cut_at FILE PERCENT > OUT : the first PERCENT % of FILE
cut_at() {
  size=$(wc -c < "$1")
  head -c $((size * $2 / 100)) "$1"
}

# flip FILE OFFSET : overwrite 64 bytes at OFFSET with a fixed junk pattern (in place)
flip() {
  printf '\377\000\252\125%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 |
    dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# mini NAME : a small report OUTDIR/.work/NAME with cmp-1's identity, df, free and ovs show;
# prints its folder. The hostile part is added by the caller.
mini() {
  m="$w/$1"
  rm -rf "$m"
  for f in version.txt sos_commands/host/hostname sos_commands/date/date \
           sos_commands/date/date_--utc sos_commands/systemd/timedatectl \
           sos_commands/kernel/uname_-a sos_commands/filesys/df_-al_-x_autofs \
           sos_commands/memory/free sos_commands/openvswitch/ovs-vsctl_-t_5_show; do
    mkdir -p "$(dirname "$m/$f")"
    cp "$cmp/$f" "$m/$f"
  done
  mkdir -p "$m/var/log/nova" "$m/var/log/ovn"
  echo "$m"
}

# A line that makes the shipped rule ovn-controller-sb-unreachable fire (critical: exit 1).
SB_REFUSED='2025-03-03T14:02:11.422Z|00007|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)'

# ------------------------------------------------------------------ damaged archives

tarc "$(dirname "$cmp")" "$R" > "$w/cmp.tar"
xz -T1 -3 -c "$w/cmp.tar" > "$w/cmp.tar.xz"
gzip -n -c "$w/cmp.tar" > "$w/cmp.tar.gz"
zstd -q -c "$w/cmp.tar" > "$w/cmp.tar.zst"
bzip2 -c "$w/cmp.tar" > "$w/cmp.tar.bz2"
tarc "$(dirname "$ctl")" "$(basename "$ctl")" | xz -T1 -3 -c > "$out/good-ctl-1.tar.xz"

cut_at "$w/cmp.tar.xz" 1 > "$out/trunc-xz-01.tar.xz"
cut_at "$w/cmp.tar.xz" 50 > "$out/trunc-xz-50.tar.xz"
cut_at "$w/cmp.tar.xz" 95 > "$out/trunc-xz-95.tar.xz"
cut_at "$w/cmp.tar.gz" 30 > "$out/trunc-gz-30.tar.gz"
cut_at "$w/cmp.tar.gz" 80 > "$out/trunc-gz-80.tar.gz"
cut_at "$w/cmp.tar.zst" 50 > "$out/trunc-zst-50.tar.zst"
cut_at "$w/cmp.tar.bz2" 50 > "$out/trunc-bz2-50.tar.bz2"
# a plain tar cut inside an entry's data, and one cut on a block boundary
head -c 900001 "$w/cmp.tar" > "$out/trunc-tar-mid.tar"
head -c $((512 * 1500)) "$w/cmp.tar" > "$out/trunc-tar-block.tar"
# flipped bytes in the middle of the compressed stream, and over a tar header
for z in xz gz zst bz2; do
  cp "$w/cmp.tar.$z" "$out/flip-$z.tar.$z"
  flip "$out/flip-$z.tar.$z" $(($(wc -c < "$w/cmp.tar.$z") / 2))
done
cp "$w/cmp.tar" "$out/flip-tar-header.tar"
# the header of the 20th entry: find it by name, so that the junk hits a header block
hdr=$(tar -tvf "$w/cmp.tar" --block-number 2>/dev/null | sed -n '20s/^block \([0-9]*\):.*/\1/p')
flip "$out/flip-tar-header.tar" $((${hdr:-300} * 512 + 100))
# not an archive, empty, an xz stream of nothing, pseudo-random bytes
cp "$cmp/var/log/nova/nova-compute.log" "$out/not-an-archive.tar.xz"
: > "$out/empty.tar.xz"
: > "$out/empty.tar"
: | xz -c > "$out/xz-of-nothing.tar.xz"
tail -c +4097 "$w/cmp.tar.xz" | head -c 65536 > "$out/random.tar.gz"
printf 'hello\n' > "$out/plain-file"
# a sos collect tar holding a good report and a cut one
mkdir -p "$w/collect/sos-collector-cut"
cp "$out/good-ctl-1.tar.xz" "$w/collect/sos-collector-cut/$(basename "$ctl").tar.xz"
cp "$out/trunc-xz-50.tar.xz" "$w/collect/sos-collector-cut/$R.tar.xz"
tarc "$w/collect" sos-collector-cut > "$out/collect-cut.tar"
# a report whose rotated log (a .gz inside the archive) is corrupt, and one cut short
m=$(mini sosreport-rotcorrupt-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
head -c 20000 "$cmp/var/log/nova/nova-compute.log.1.gz" > "$m/var/log/nova/nova-compute.log.1.gz"
tail -c +1001 "$cmp/var/log/nova/nova-compute.log.1.gz" > "$m/var/log/nova/nova-compute.log.2.gz"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/rotated-corrupt.tar.xz"
# more warnings than the report lists (200): 250 rotated logs named .gz that are not compressed,
# then the plain tar cut inside a member after them, so that the bundle's damage comes last
m=$(mini sosreport-manywarn-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
i=1
while [ $i -le 250 ]; do
  printf '2025-03-03 14:00:00.000 3112 INFO nova.compute.manager rotated %d\n' $i \
    > "$m/var/log/nova/nova-compute.log.$i.gz"
  i=$((i + 1))
done
head -c 200000 /dev/zero | tr '\0' 'j' > "$m/var/zz-junk"
tarc "$w" "$(basename "$m")" > "$w/manywarn.tar"
head -c $(($(wc -c < "$w/manywarn.tar") - 100000)) "$w/manywarn.tar" > "$out/many-warnings.tar"
rm -rf "$m"
# a folder holding no report
mkdir -p "$out/no-report-dir/junk"
echo "not a report" > "$out/no-report-dir/junk/readme"

# ------------------------------------------------------------------ hostile archive content

# absolute member names (GNU tar keeps them with -P): a report with two of them slipped in, and one
# made of nothing else
m=$(mini sosreport-abs-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
echo "evil-absolute" > "$m/var/log/nova/nova-compute.log"
echo "evil-absolute" > "$m/var/log/nova/nova-api.log"
tarc "$w" "$(basename "$m")" -P --transform 's,^sosreport-abs-2025-03-03-aaaaaaa/var/log/nova/,/,' \
  | xz -T1 -0 -c > "$out/abs-paths.tar.xz"
tarc "$w" "$(basename "$m")" -P --transform 's,^,/,' | xz -T1 -0 -c > "$out/abs-only.tar.xz"

# ".." members that climb out of the bundle, and one that stays inside
m=$(mini sosreport-dotdot-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
echo "escaped" > "$m/var/log/nova/escape.log"
echo "inside" > "$m/var/log/nova/inside.log"
tarc "$w" "$(basename "$m")" -P \
  --transform 's,/var/log/nova/escape.log$,/../../../../tmp/sosrca-bad-escape.log,' \
  --transform 's,/var/log/nova/inside.log$,/var/log/../log/nova/nova-api.log,' \
  | xz -T1 -0 -c > "$out/dotdot.tar.xz"

# symlinks: a loop on a wanted path, a link out of the report, an absolute link, a long chain,
# a dangling one, and a hard link whose target climbs out
m=$(mini sosreport-links-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
ln -s nova-loop-b "$m/var/log/nova/nova-compute.log"
ln -s nova-compute.log "$m/var/log/nova/nova-loop-b"
ln -s ../../../../../../../etc/passwd "$m/var/log/nova/nova-api.log"
ln -s /etc/shadow "$m/var/log/nova/nova-scheduler.log"
ln -s missing.log "$m/var/log/nova/nova-conductor.log"
i=0
while [ $i -lt 45 ]; do ln -s "chain-$((i + 1))" "$m/var/log/chain-$i"; i=$((i + 1)); done
ln -s ../chain-0 "$m/var/log/ovn/ovn-northd.log"
echo "real" > "$m/var/log/real.log"
ln "$m/var/log/real.log" "$m/var/log/hard.log"
tarc "$w" "$(basename "$m")" -P \
  --transform 's,^sosreport-links-2025-03-03-aaaaaaa/var/log/hard.log$,../../../etc/passwd,RSh' \
  | xz -T1 -0 -c > "$out/symlinks.tar.xz"
# the same report as a folder, plus a link through a folder link that leaves the report: the
# path looks inside (etc/passwd) but etc/ is a link to the host's /etc
cp -R "$m" "$out/symlinks-dir"
ln -s /etc "$out/symlinks-dir/etc"
ln -s ../../../etc/passwd "$out/symlinks-dir/var/log/nova/nova-api.log.1"
ln -s ../../etc/hostname "$out/symlinks-dir/sos_commands/host/hostname_-f"

# a fifo and a character device on wanted paths (tar stores them; nothing must block on them)
m=$(mini sosreport-special-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkfifo "$m/var/log/nova/nova-compute.log"
tar $taropts -C "$w" -cf "$w/special.tar" "$(basename "$m")"
tar $taropts -P -rf "$w/special.tar" \
  --transform "s,^/dev/null\$,$(basename "$m")/var/log/syslog," /dev/null
xz -T1 -0 -c "$w/special.tar" > "$out/fifo-device.tar.xz"
# the fifo in an unpacked report: reading it would hang for ever
cp -R "$m" "$out/fifo-dir" 2>/dev/null || { rm -rf "$out/fifo-dir"; mkdir -p "$out/fifo-dir"
  (cd "$m" && tar -cf - .) | (cd "$out/fifo-dir" && tar -xf -); }
[ -p "$out/fifo-dir/var/log/nova/nova-compute.log" ] || {
  rm -f "$out/fifo-dir/var/log/nova/nova-compute.log"
  mkfifo "$out/fifo-dir/var/log/nova/nova-compute.log"; }

# an unpacked report with folders 1000 deep
m=$(mini deepdir)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
d="$m/var/log/deep"
mkdir -p "$d"
i=0
while [ $i -lt 10 ]; do
  (cd "$d" && mkdir -p d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d)
  d="$d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d"
  i=$((i + 1))
done
mv "$m" "$out/deep-dir"

# 100 000 tiny entries
m=$(mini sosreport-many-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkdir -p "$m/sos_commands/many"
head -c 100000 /dev/zero | (cd "$m/sos_commands/many" && split -b 1 -a 5 - f)
tarc "$w" "$(basename "$m")" | zstd -q -1 -c > "$out/many-entries.tar.zst"
rm -rf "$m/sos_commands/many"

# a single 100 MB line (no newline at all) in a wanted log
m=$(mini sosreport-longline-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
{ printf '2025-03-03 14:00:00.000 3112 ERROR nova.compute.manager '
  head -c 100000000 /dev/zero | tr '\0' 'a'; } > "$m/var/log/nova/nova-compute.log"
tarc "$w" "$(basename "$m")" | zstd -q -1 -c > "$out/long-line.tar.zst"
rm -f "$m/var/log/nova/nova-compute.log"

# NUL bytes, invalid UTF-8, CRLF, and terminal escape sequences inside log lines; every kind is
# on a line that makes a rule fire, so that it reaches the report as evidence
m=$(mini sosreport-junk-2025-03-03-aaaaaaa)
{ printf '%s\r\n' "$SB_REFUSED"
  printf '2025-03-03T14:02:12.425Z|00013|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Refused \000 with NUL)\n'
  printf '2025-03-03T14:02:13.425Z|00014|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (bad \377\376 utf8 \300\257 \355\240\200)\n'
  printf '\000\000\000\377\376garbage line\r\n\r\n\r\n'
  head -c 3000 /dev/zero
  printf '\n'; } > "$m/var/log/ovn/ovn-controller.log"
printf '2025-03-03 14:02:11.000 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] \000\377\r\n' \
  > "$m/var/log/nova/nova-compute.log"
# a command output with CRLF line ends
sed 's/$/\r/' "$cmp/sos_commands/filesys/df_-al_-x_autofs" > "$m/sos_commands/filesys/df_-al_-x_autofs"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/nul-utf8-crlf.tar.xz"
m=$(mini sosreport-ansi-2025-03-03-aaaaaaa)
printf '2025-03-03T14:02:11.422Z|00007|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (%s[31mConnection refused%s[0m%s]0;pwned%s%s[2J%s[1A)\n' \
  "$ESC" "$ESC" "$ESC" "$(printf '\007')" "$ESC" "$ESC" > "$m/var/log/ovn/ovn-controller.log"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/ansi.tar.xz"
# escapes and a newline in member names (they show in warnings and host names)
m=$(mini "sosreport-esc${ESC}[2Jname-2025-03-03-aaaaaaa")
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
ln -s "../../../../x${ESC}]0;title$(printf '\007')" "$m/var/log/nova/nova-compute.log"
tarc "$w" "$(basename "$m")" -P \
  --transform "s,/sos_commands/memory/free\$,/../../../${ESC}[31mred\nline," \
  | xz -T1 -0 -c > "$out/esc-names.tar.xz"
# a member name longer than PATH_MAX
m=$(mini sosreport-longname-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
long=$(head -c 5000 /dev/zero | tr '\0' 'n')
tarc "$w" "$(basename "$m")" --transform "s,/sos_commands/memory/free\$,/$long," \
  | xz -T1 -0 -c > "$out/long-name.tar.xz"

# archives inside archives, deeper than the nesting limit (4): a packed folder in a packed folder...
m=$(mini sosreport-nested-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkdir -p "$w/nest"
echo "innermost" > "$w/nest/data.txt"
prev=data.txt
for lvl in 1 2 3 4 5 6 7; do
  tar $taropts -C "$w/nest" -czf "$w/nest/level$lvl.tar.gz" "$prev"
  prev=level$lvl.tar.gz
done
cp "$w/nest/$prev" "$m/var/log/packed.tar.gz"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/nested-deep.tar.xz"
# and a report holding a report holding a report ... (sosreport-nK/sosreport-n<K-1>.tar), the
# innermost ones deeper than the limit
cp "$out/nested-deep.tar.xz" "$w/nest/sosreport-n0.tar.xz"
prev=sosreport-n0.tar.xz
for lvl in 1 2 3 4 5; do
  mkdir -p "$w/nest/sosreport-n$lvl"
  mv "$w/nest/$prev" "$w/nest/sosreport-n$lvl/"
  cp "$cmp/version.txt" "$w/nest/sosreport-n$lvl/"
  tar $taropts -C "$w/nest" -cf "$w/nest/sosreport-n$lvl.tar" "sosreport-n$lvl"
  prev=sosreport-n$lvl.tar
done
cp "$w/nest/$prev" "$out/nested-reports.tar"
# a tar of reports packed directly inside each other, which leaves no report sosrca can place
tar $taropts -C "$out" -cf "$w/nest/inner.tar" nested-deep.tar.xz
tar $taropts -C "$w/nest" -cf "$out/no-report-inside.tar" inner.tar
# a damaged packed folder inside a good report: the entries after it are still read
m=$(mini sosreport-packedcut-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkdir -p "$m/sos_commands/aaa"
cut_at "$w/cmp.tar.gz" 50 > "$m/sos_commands/aaa/packed.tar.gz"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/packed-cut.tar.xz"

# a decompression bomb: 2 GB of zeros as a rotated log compressed inside the report. xz reads
# concatenated streams, so 32 copies of one 64 MiB stream make it in a second.
m=$(mini sosreport-bomb-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
head -c 67108864 /dev/zero | xz -T1 -0 -c > "$w/z64.xz"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32; do
  cat "$w/z64.xz"
done > "$m/var/log/nova/nova-compute.log.1.xz"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/bomb.tar.xz"
# and a bomb made of the archive itself: 1.2 GB of zeros in an entry nobody reads (the ratio is
# checked past 1 GiB)
m=$(mini sosreport-outerbomb-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkdir -p "$m/sos_commands/aaa"
dd if=/dev/zero of="$m/sos_commands/aaa/zeros" bs=1 count=0 seek=1200000000 2>/dev/null
tarc "$w" "$(basename "$m")" | zstd -q -1 -c > "$out/outer-bomb.tar.zst"
rm -f "$m/sos_commands/aaa/zeros"

# ------------------------------------------------------------------ malformed content

m=$(mini sosreport-malformed-2025-03-03-aaaaaaa)
printf '%s\n' "$SB_REFUSED" > "$m/var/log/ovn/ovn-controller.log"
mkdir -p "$m/etc/openvswitch" "$m/var/lib/openvswitch" "$m/var/lib/ovn"
# conf.db: not JSON after a good schema record; ovnsb_db.db cut inside its second record
schema='{"name":"Open_vSwitch","version":"8.3.0","tables":{"Open_vSwitch":{"columns":{"external_ids":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}}}}}}'
txn='{"Open_vSwitch":{"5c1e5d2a-3f6b-4f8e-9a51-0d6c2b7e8f10":{"external_ids":["map",[["system-id","cmp-1"],["hostname","cmp-1"]]]}}}'
{ printf 'OVSDB JSON %d 0\n%s\n' ${#schema} "$schema"
  printf 'OVSDB JSON %d 0\n%s\n' ${#txn} "$txn"
  printf 'OVSDB JSON 40 0\n{"Open_vSwitch": {"5c1e": [[[[ not json\n'; } > "$m/etc/openvswitch/conf.db"
{ printf 'OVSDB JSON %d 0\n%s\n' ${#schema} "$schema"
  printf 'OVSDB JSON %d 0\n%s\n' ${#txn} "$txn" | head -c 60; } > "$m/var/lib/ovn/ovnsb_db.db"
printf 'OVSDB JSON 99999999999999999999 zz\n\n\n' > "$m/var/lib/ovn/ovnnb_db.db"
# ovs-vsctl show cut in the middle of a bridge (and of a quoted value)
head -n 9 "$cmp/sos_commands/openvswitch/ovs-vsctl_-t_5_show" > "$m/sos_commands/openvswitch/ovs-vsctl_-t_5_show"
printf '        Port "tap-cut\n            Interface "tap' >> "$m/sos_commands/openvswitch/ovs-vsctl_-t_5_show"
# df: a long device name wrapped onto its own line, odd extra columns, junk numbers
cat > "$m/sos_commands/filesys/df_-al_-x_autofs" <<'EOF'
Filesystem     1K-blocks     Used Available Use% Mounted on
/dev/mapper/a-very-long-volume-group-name-lv_root
               205314024 73900000 121148323  38% /
tmpfs            1635324     2212   1633112   1% /run   extra columns here
overlay  x y z w% /var/lib/containers/storage/overlay/abc/merged
/dev/sdb1 99999999999999999999999999 1 1 101% /data
/dev/sdc1 -5 -3 -2 -1% /neg
EOF
printf 'Mem:\n' > "$m/sos_commands/memory/free"
# logs: times out of range, going backwards, none at all
cat > "$m/var/log/nova/nova-compute.log" <<'EOF'
9999-99-99 99:99:99.999 3112 ERROR nova.compute.manager out of range
0000-01-01 00:00:00.000 3112 ERROR nova.compute.manager year zero
2025-02-30 25:61:61.000 3112 ERROR nova.compute.manager February 30th
2025-03-03 15:00:00.000 3112 INFO nova.compute.manager later
2025-03-03 14:00:00.000 3112 INFO nova.compute.manager earlier (time went backwards)
1970-01-01 00:00:00.000 3112 INFO nova.compute.manager epoch
2200-01-01 00:00:00.000 3112 INFO nova.compute.manager far future
EOF
printf 'no timestamp here\njust words\n\n\n' > "$m/var/log/nova/nova-api.log"
printf 'Feb 30 25:99:99 cmp-1 kernel: impossible\nDec 31 23:59:59 cmp-1 kernel: new year\nJan  1 00:00:01 cmp-1 kernel: next\n' > "$m/var/log/syslog"
printf '[99999999999.999999] huge uptime\n[-1.0] negative\n' > "$m/var/log/kern.log"
printf 'Mon Feb 31 99:99:99 XYZ 99999\n' > "$m/sos_commands/date/date"
printf '      Time zone: Mars/Olympus (MST, +9999)\n Universal time: Mon 2025-13-45 99:00:00 UTC\n' > "$m/sos_commands/systemd/timedatectl"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/malformed.tar.xz"

# ------------------------------------------------------------------ bad rule packs

# pack NAME : a copy of the shipped pack plus OUTDIR/pack-NAME/bad/bad.rules from stdin
pack() {
  p="$out/pack-$1"
  rm -rf "$p"
  cp -R "$top/rules" "$p"
  mkdir -p "$p/bad"
  cat > "$p/bad/bad.rules"
}
SAMPLE='2025-03-07T09:20:11.904Z|00031|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)'
NOSAMPLE='2025-03-07T08:14:50.102Z|00012|reconnect|INFO|tcp:192.0.2.10:6642: connected'
rule() { # NAME MATCH [extra lines...]
  n=$1 re=$2
  shift 2
  printf 'rule %s\n  code      ovn-sb-unreachable\n  severity  warning\n' "$n"
  printf '  files     service:ovn-controller\n  match     %s\n  key       host\n' "$re"
  printf '  title     test rule %s on {host}\n' "$n"
  for l in "$@"; do printf '  %s\n' "$l"; done
  printf '  sample    %s\n  nosample  %s\n\n' "$SAMPLE" "$NOSAMPLE"
}
rule bad-regex '^(?<remote>tcp:[^ ]+: connection attempt failed (' | pack bad-regex
rule unknown-key 'connection attempt failed' 'colour    red' | pack unknown-key
{ rule dup-id 'connection attempt failed'; rule dup-id 'attempt failed'; } | pack dup-id
{ rule loop-a 'connection attempt failed' 'explains  loop-b on host'
  rule loop-b 'attempt failed' 'explains  loop-a on host'; } | pack cause-loop
# a loop through the shipped pack, by codes: ovn-controller-sb-unreachable explains vif-plug-timeout
rule loop-code 'connection attempt failed' 'explains  ovn-sb-unreachable on host' |
  sed 's/^  code      ovn-sb-unreachable$/  code      vif-plug-timeout/' | pack cause-loop-code
# a renamed rule: the check that reads its hits by name (and its fixture rows) still say the old one
pack renamed-rule < /dev/null
sed 's/^rule neutron-bind-refused-no-chassis$/rule neutron-bind-refused-nochassis/' \
  "$top/rules/neutron/binding.rules" > "$out/pack-renamed-rule/neutron/binding.rules"
# a truncated capture: the port of nova's VIF plug timeout cut to its first 8 hex digits; the
# samples still fire, but no longer yield the port they state
pack cut-capture < /dev/null
sed 's/(?<port>\[0-9a-f\]{8}-[^)]*)/(?<port>[0-9a-f]{8})/' \
  "$top/rules/nova/build.rules" > "$out/pack-cut-capture/nova/build.rules"
rule no-samples 'connection attempt failed' | sed -e '/^  sample/d' -e '/^  nosample/d' | pack no-samples
printf 'rule broken\n  this is not a key value line\n\x00\xff\n' | pack garbage
# catastrophic backtracking: (a+)+$ against a long run of a's that ends in b
printf 'rule backtrack\n  code      ovn-sb-unreachable\n  severity  warning\n  files     service:nova-compute\n  match     ^(?<x>(a+)+)$\n  key       host\n  title     backtracking on {host}\n  sample    2025-03-03 14:00:00.000 1 ERROR nova.compute.manager aaaa\n  nosample  2025-03-03 14:00:00.000 1 ERROR nova.compute.manager b\n' \
  | pack backtrack
m=$(mini sosreport-backtrack-2025-03-03-aaaaaaa)
{ printf '2025-03-03 14:00:00.000 3112 ERROR nova.compute.manager '
  head -c 30000 /dev/zero | tr '\0' 'a'; printf 'b\n'; } > "$m/var/log/nova/nova-compute.log"
tarc "$w" "$(basename "$m")" | xz -T1 -0 -c > "$out/backtrack-log.tar.xz"
# a pack with no codes.list, and an empty folder
pack no-codes < /dev/null
rm -f "$out/pack-no-codes/codes.list" "$out/pack-no-codes/bad/bad.rules"
mkdir -p "$out/pack-empty"

rm -rf "$w"
echo "gen: $(find "$out" -mindepth 1 -maxdepth 1 | wc -l) inputs in $out"
