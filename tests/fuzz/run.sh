#!/bin/sh
# Run the libFuzzer targets built by `make fuzz`:
#   run.sh FUZZDIR SECONDS [TARGET...]     (default: every fuzz_* binary in FUZZDIR)
# Each target first replays its regression inputs (tests/fuzz/regress/<target>/: crashes found
# earlier, which must stay fixed), then fuzzes for SECONDS from the seeds (FUZZDIR/seeds/<target>/,
# made by seeds.sh) and its own growing corpus (FUZZDIR/corpus/<target>/). Crash inputs are saved
# as FUZZDIR/crashes/<target>/crash-*; add them to tests/fuzz/regress/<target>/ once fixed.
# The libFuzzer log of each run is FUZZDIR/logs/<target>.log; one line per target sums it up
# (executions, coverage, crashes). FUZZ_NICE=19 runs the fuzzers at the lowest priority.
set -u
dir=$1 secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ $# -eq 0 ]; then
  for b in "$dir"/fuzz_*; do [ -x "$b" ] && set -- "$@" "${b##*/fuzz_}"; done
fi
nice="nice -n ${FUZZ_NICE:-0}"
mkdir -p "$dir/logs"
failed=0
for t in "$@"; do
  bin="$dir/fuzz_$t"
  reg="$here/regress/$t"
  mkdir -p "$dir/corpus/$t" "$dir/crashes/$t" "$dir/seeds/$t"
  # 1. regressions: each input once
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg" 2>/dev/null)" ]; then
    if ! SOSRCA_SRCDIR="$top" $nice "$bin" -rss_limit_mb=2048 "$reg"/* > "$dir/logs/$t.regress.log" 2>&1; then
      echo "fuzz: $t: a regression input fails again (see $dir/logs/$t.regress.log)"
      tail -n 30 "$dir/logs/$t.regress.log"
      failed=1
      continue
    fi
  fi
  # 2. fuzzing
  SOSRCA_SRCDIR="$top" $nice "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/crashes/$t/" \
    "$dir/corpus/$t" "$dir/seeds/$t" > "$dir/logs/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/logs/$t.log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$dir/logs/$t.log" | tail -n 1)
  cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  crashes=$(find "$dir/crashes/$t" -type f | wc -l)
  echo "fuzz: $t: ${execs:-?} executions in ${secs}s, cov ${cov:-?}, ft ${ft:-?}, crash files $crashes (exit $rc)"
  if [ $rc -ne 0 ]; then
    failed=1
    grep -E 'ERROR: |SUMMARY: |check failed' "$dir/logs/$t.log" | head -n 5
  fi
done
exit $failed
