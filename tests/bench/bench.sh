#!/bin/sh
# tests/bench/bench.sh BIN - the benchmark of issue 3 (`make bench`).
#
# Generates a deterministic multi-host bundle of BENCH_SIZE bytes (default 1 GiB) with
# tests/bench/gen.c, packs it as .tar.xz, .tar.gz and .tar.zst, and times, BENCH_RUNS times each
# (default 3): `bsdtar -xOf` (libarchive's decompression, the floor), the matching `xz/gzip/zstd
# -dc`, and `sosrca analyze` on each archive and on the folder; the same for the real compute4
# report when ../shared/corpus/real has it; the shipped rule pack against it plus 200 and 500
# generated rules; and the database size. Prints a table to stdout and build/bench/results.txt.
# wall_s is the median wall time, spread its max - min over the runs, MB = 10^6 bytes, RSS the
# peak resident set (the largest of the runs) and x_floor = wall / bsdtar's wall on the same file.
set -eu
BIN=${1:-build/sosrca}
SIZE=${BENCH_SIZE:-1073741824}
RUNS=${BENCH_RUNS:-3}
B=${BENCH_DIR:-build/bench} # where the bundle, its packs and the results go
REAL=../shared/corpus/real/sosreport-compute4-2022-02-10-hotsosa.tar.xz
export LC_ALL=C

# ---- tools: install what is missing (as root, or with password-less sudo), like .ci/deps.sh
need=""
command -v bsdtar >/dev/null 2>&1 || need="$need libarchive-tools"
[ -x /usr/bin/time ] || need="$need time"
command -v zstd >/dev/null 2>&1 || need="$need zstd"
command -v xz >/dev/null 2>&1 || need="$need xz-utils"
command -v gzip >/dev/null 2>&1 || need="$need gzip"
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
  else echo "bench: missing tools; please install:$need" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null; } ||
    { echo "bench: apt-get install$need failed" >&2; exit 1; }
  echo "bench: installed:$need" >&2
fi

# ---- a snapshot of the binary and the shipped pack: the tree may be rebuilt during a long run
mkdir -p $B
cp "$BIN" $B/sosrca && rm -rf $B/rules && cp -R rules $B/rules
BIN=$B/sosrca
SOSRCA_RULES=$B/rules && export SOSRCA_RULES
REV=$(git describe --always --dirty 2>/dev/null || echo unknown)

# ---- the bundle and its archives (kept between runs of the same BENCH_SIZE)
cc -std=c11 -O2 -o $B/gen tests/bench/gen.c
if [ "$(cat $B/bundle/.size 2>/dev/null)" != "$SIZE" ]; then
  rm -rf $B/bundle $B/bundle.tar.xz $B/bundle.tar.gz $B/bundle.tar.zst
  echo "bench: generating $SIZE bytes in $B/bundle" >&2
  $B/gen --out $B/bundle --size "$SIZE"
  echo "$SIZE" > $B/bundle/.size
fi
pack() { # EXT COMPRESSOR...
  f=$B/bundle.tar.$1; shift
  [ -s "$f" ] && return 0
  echo "bench: packing $f" >&2
  tar --sort=name --exclude=./.size -C $B/bundle -cf - . | "$@" > "$f.tmp"
  mv "$f.tmp" "$f"
}
pack xz xz -3 -T2
pack gz gzip -6
pack zst zstd -q -3
if [ -f "$REAL" ] && [ ! -f $B/compute4/.done ]; then
  rm -rf $B/compute4 && mkdir -p $B/compute4
  tar -xJf "$REAL" -C $B/compute4 && : > $B/compute4/.done
fi
sync # no write-back of the fresh files during the timings

# "LINES BYTES" of every regular file under a folder, counted once
count() { find "$1" -type f ! -name .size ! -name .done -print0 | xargs -0 cat | wc -lc | awk '{print $1, $2}'; }

MAXRSS=0 # KiB, the largest peak RSS of any sosrca run
RES=$B/results.tmp
: > $RES
# shellcheck disable=SC2059
out() { printf "$@" | tee -a $RES; }
hr() { out '%s\n' "----------------------------------------------------------------------------------------------"; }

# measure FORM TOOL LINES BYTES FLOOR CMD...: BENCH_RUNS runs; a table row; LAST = median wall
measure() {
  form=$1 tool=$2 lines=$3 bytes=$4 floor=$5; shift 5
  : > $B/times
  i=0
  while [ $i -lt "$RUNS" ]; do
    rc=0
    /usr/bin/time -f '%e %M' -o $B/time.out "$@" > /dev/null 2> $B/stderr || rc=$?
    if [ $rc -gt 1 ] || { [ $rc = 1 ] && [ "$1" != "$BIN" ]; }; then
      echo "bench: $* exited with $rc" >&2; cat $B/stderr >&2; exit 1
    fi
    tail -n 1 $B/time.out >> $B/times
    i=$((i + 1))
  done
  LAST=$(sort -n $B/times | awk -v n="$RUNS" 'NR == int((n + 1) / 2) {print $1}')
  rss=$(sort -k2 -n $B/times | tail -n 1 | awk '{print $2}')
  [ "$1" = "$BIN" ] && [ "$rss" -gt "$MAXRSS" ] && MAXRSS=$rss
  spread=$(sort -n $B/times | awk 'NR == 1 {lo = $1} {hi = $1} END {print hi - lo}')
  out '%s\n' "$(awk -v f="$form" -v t="$tool" -v s="$LAST" -v l="$lines" -v b="$bytes" -v r="$rss" \
      -v fl="$floor" -v d="$spread" 'BEGIN { w = s > 0 ? s : 0.01;
        x = fl == "-" ? "-" : sprintf("%.2f", w / (fl > 0 ? fl : 0.01));
        printf "%-22s %-21s %7.2f %6.2f %8.1f %9.3f %7.1f %7s", f, t, s, d, b / 1e6 / w, l / 1e6 / w, r / 1024, x }')"
}
header() {
  out '%-22s %-21s %7s %6s %8s %9s %7s %7s\n' form tool wall_s spread MB/s Mlines/s RSS_MiB x_floor; hr
}

# archive NAME FILE DECOMPRESSOR LINES BYTES: floor, decompressor, sosrca on one archive
archive() {
  measure "$1" "bsdtar -xOf (floor)" "$4" "$5" - bsdtar -xOf "$2"; fl=$LAST
  measure "$1" "$3 -dc" "$4" "$5" "$fl" "$3" -dc "$2"
  measure "$1" "sosrca analyze" "$4" "$5" "$fl" "$BIN" analyze --format json --no-timing "$2"
  FLOOR=$fl
}

c=$(count $B/bundle); LINES=${c% *} BYTES=${c#* }
host=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
out 'sosrca benchmark  %s (%s)  %s  nproc=%s  %s\n' "$("$BIN" --version)" "$REV" \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$host"
out 'bundle: BENCH_SIZE=%s, %s reports, %s text bytes, %s lines, median of %s runs\n' "$SIZE" \
 "$(find $B/bundle -maxdepth 1 -name 'sosreport-*' | wc -l)" "$BYTES" "$LINES" "$RUNS"
for e in xz gz zst; do
  out '  bundle.tar.%-3s %11s bytes  (%.1fx)\n' $e "$(wc -c < $B/bundle.tar.$e)" \
    "$(awk -v a="$BYTES" -v b="$(wc -c < $B/bundle.tar.$e)" 'BEGIN {print a / b}')"
done
out '\n'; header
archive bundle.tar.xz $B/bundle.tar.xz xz "$LINES" "$BYTES"; FLOOR_XZ=$FLOOR
archive bundle.tar.gz $B/bundle.tar.gz gzip "$LINES" "$BYTES"
archive bundle.tar.zst $B/bundle.tar.zst zstd "$LINES" "$BYTES"; ZST_ONLY=$LAST
measure "bundle/ (folder)" "sosrca analyze" "$LINES" "$BYTES" - "$BIN" analyze --format json --no-timing $B/bundle
DIR_WALL=$LAST

if [ -f $B/compute4/.done ]; then
  c=$(count $B/compute4); CL=${c% *} CB=${c#* }
  hr
  archive compute4.tar.xz "$REAL" xz "$CL" "$CB"; C4_XZ=$LAST
  measure "compute4/ (folder)" "sosrca analyze" "$CL" "$CB" - "$BIN" analyze --format json --no-timing $B/compute4
  out 'compute4: %s text bytes in %s lines, %s tar entries, %s bytes as tar\n' "$CB" "$CL" \
    "$(tar -tJf "$REAL" | wc -l)" "$(xz -dc "$REAL" | wc -c)"
  C4_DIR=$LAST
fi

# ---- rule scaling: the shipped pack plus generated line rules of realistic shape
genrules() { # N: anchored literals, alternations, named captures, over five services
  awk -v n="$1" 'BEGIN {
    nv = split("frobnicate reconcile synchronize provision resize rebuild evacuate quiesce snapshot attach " \
      "detach migrate rebalance refresh validate register reclaim prune rotate throttle schedule claim " \
      "release fence drain", V, " ")
    nn = split("widget gadget sprocket volume allocation aggregate hypervisor flavor image keypair quota " \
      "server_group cell_mapping port_chain trunk segment router subnet_pool lease", N, " ")
    ns = split("nova-compute neutron-server nova-api nova-conductor nova-scheduler", S, " ")
    split("nova.compute.manager neutron.plugins.ml2.managers nova.api.openstack.wsgi nova.conductor.manager " \
      "nova.scheduler.manager", L, " ")
    u = "3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f"
    pre = "2025-03-03 15:04:05.123 4711 WARNING %s [None req-6f9a1c2e-8d3b-4e5f-9a7b-1c2d3e4f5a6b " \
      "0123456789abcdef0123456789abcdef fedcba9876543210fedcba9876543210 - - default default] "
    for (i = 0; i < n; i++) {
      v = V[i % nv + 1]; a = N[int(i / nv) % nn + 1]; b = N[(int(i / nv) + 3) % nn + 1]
      c = N[(int(i / nv) + 7) % nn + 1]; s = (i % ns) + 1; p = sprintf(pre, L[s]); k = i % 5
      if (k == 0) {
        m = "^Failed to " v " (?<thing>" a "|" b "|" c ") (?<id>[0-9a-f-]{36}) on host (?<h>\\S+)"
        y = "Failed to " v " " b " " u " on host cmp-1"; z = "Failed to " v " gizmo " u " on host cmp-1"
      } else if (k == 1) {
        m = "^Unable to " v " " a " for instance (?<inst>[0-9a-f-]{36}): (?<reason>Timeout|Connection refused|Permission denied)$"
        y = "Unable to " v " " a " for instance " u ": Timeout"; z = "Unable to " v " " a " for instance " u ": Success"
      } else if (k == 2) {
        m = v " " a " request (?<req>req-[0-9a-f-]{36}) timed out after (?<secs>\\d+) seconds"
        y = "Periodic " v " " a " request req-" u " timed out after 60 seconds"
        z = "Periodic " v " " a " request req-" u " completed after 60 seconds"
      } else if (k == 3) {
        m = "^Exception in " a " " v " loop: (?<exc>[A-Za-z_.]+(?:Error|Exception|Timeout))"
        y = "Exception in " a " " v " loop: oslo_messaging.exceptions.MessagingTimeout"
        z = "Exception in " a " " v " loop: none"
      } else {
        m = "^" a " (?<id>[0-9a-f-]{36}) is in state (?<state>ERROR|DEGRADED|UNKNOWN) after " v "$"
        y = a " " u " is in state ERROR after " v; z = a " " u " is in state ACTIVE after " v
      }
      printf "rule bench-%03d\n  code      rpc-timeout\n  severity  warning\n", i
      printf "  files     service:%s\n", S[s]
      if (i % 2 == 0) printf "  level     WARNING ERROR\n"
      printf "  match     %s\n  title     bench rule %03d fired on {host}\n", m, i
      printf "  explain   Generated by tests/bench/bench.sh to measure rule scaling.\n"
      printf "  sample    %s%s\n  nosample  %s%s\n\n", p, y, p, z
    }
  }'
}
for n in 200 500; do
  rm -rf $B/rules$n && cp -R $B/rules $B/rules$n && mkdir -p $B/rules$n/bench
  genrules $n > $B/rules$n/bench/extra.rules
  "$BIN" rules lint $B/rules$n > $B/lint.out 2>&1 || { cat $B/lint.out >&2; exit 1; }
done
hr
measure bundle.tar.zst "sosrca shipped pack" "$LINES" "$BYTES" - \
  "$BIN" analyze --format json --no-timing $B/bundle.tar.zst; ZST_WALL=$LAST
measure bundle.tar.zst "sosrca +500 rules" "$LINES" "$BYTES" - \
  "$BIN" analyze --format json --no-timing --rules $B/rules500 $B/bundle.tar.zst; R500=$LAST
measure bundle.tar.xz "sosrca +200 rules" "$LINES" "$BYTES" "$FLOOR_XZ" \
  "$BIN" analyze --format json --no-timing --rules $B/rules200 $B/bundle.tar.xz; XZ200=$LAST
out 'rules: +500 generated rules cost %s of the shipped pack'"'"'s wall on bundle.tar.zst (%s s vs %s s)\n' \
  "$(awk -v a="$R500" -v b="$ZST_WALL" 'BEGIN {printf "%+.0f%%", (a / (b > 0 ? b : 0.01) - 1) * 100}')" "$R500" "$ZST_WALL"

# ---- database size
rm -f $B/b.db
/usr/bin/time -f '%e %M' -o $B/time.out "$BIN" analyze --format json --no-timing --db $B/b.db --force \
  $B/bundle.tar.zst > /dev/null 2> $B/stderr || [ $? = 1 ] || { cat $B/stderr >&2; exit 1; }
DB=$(wc -c < $B/b.db)
out 'database: %s bytes for %s text bytes = %.3fx (--db run: %s s)\n' "$DB" "$BYTES" \
  "$(awk -v a="$DB" -v b="$BYTES" 'BEGIN {print a / b}')" "$(tail -n 1 $B/time.out | awk '{print $1}')"
DBWALL=$(tail -n 1 $B/time.out | awk '{print $1}')

# ---- the optional full-text index (--fts): what it costs on top, and its size (one run)
rm -f $B/f.db
/usr/bin/time -f '%e %M' -o $B/time.out "$BIN" analyze --format json --no-timing --fts --db $B/f.db \
  --force $B/bundle.tar.zst > /dev/null 2> $B/stderr || [ $? = 1 ] || { cat $B/stderr >&2; exit 1; }
FTSWALL=$(tail -n 1 $B/time.out | awk '{print $1}')
out 'full-text index (--fts): %s s against %s s without it (%.1fx); database %s bytes = %.3fx the text\n' \
  "$FTSWALL" "$DBWALL" "$(awk -v a="$FTSWALL" -v b="$DBWALL" 'BEGIN {print a / (b > 0 ? b : 0.01)}')" \
  "$(wc -c < $B/f.db)" "$(awk -v a="$(wc -c < $B/f.db)" -v b="$BYTES" 'BEGIN {print a / b}')"
rm -f $B/f.db

# ---- issue 3's targets, each with what this run measured
# target NAME VALUE OP LIMIT UNIT: one line, "yes" when VALUE OP LIMIT holds
target() {
  out '%s\n' "$(awk -v n="$1" -v v="$2" -v op="$3" -v l="$4" -v u="$5" 'BEGIN {
    ok = op == "<=" ? v <= l : v >= l
    printf "  %-50s %10.3f %s %-8s %-6s %s", n, v, op, l, u, ok ? "yes" : "NO" }')"
}
hr
out 'targets (issue 3)                                   measured    target          holds\n'
target ".tar.xz +200 rules, wall / bsdtar -xOf" "$(awk -v a="$XZ200" -v b="$FLOOR_XZ" 'BEGIN {print a / b}')" "<=" 1.3 x
target ".tar.zst, M log lines/s, every line stored" "$(awk -v l="$LINES" -v w="$ZST_ONLY" 'BEGIN {print l / 1e6 / w}')" ">=" 1 M/s
target "folder, M log lines/s, every line stored" "$(awk -v l="$LINES" -v w="$DIR_WALL" 'BEGIN {print l / 1e6 / w}')" ">=" 1 M/s
[ -n "${C4_XZ:-}" ] && target "compute4 .tar.xz, wall" "$C4_XZ" "<=" 1.5 s
[ -n "${C4_DIR:-}" ] && target "compute4 folder, wall" "$C4_DIR" "<=" 0.6 s
target "+500 rules, wall / shipped pack (.tar.zst)" "$(awk -v a="$R500" -v b="$ZST_WALL" 'BEGIN {print a / b}')" "<=" 1.3 x
target "peak RSS of any sosrca run" "$(awk -v k="$MAXRSS" 'BEGIN {print k * 1024 / 1e6}')" "<=" 300 MB
target "database / text it holds" "$(awk -v a="$DB" -v b="$BYTES" 'BEGIN {print a / b}')" "<=" 1.2 x
mv $RES $B/results.txt
rm -f $B/times $B/time.out $B/stderr $B/lint.out
