#!/bin/sh
# Run `sosrca analyze` on every real sos report of ../shared/corpus/real (when the folder exists):
# no crash, no build-failure chain (none of them records a failed build), and every warning names
# the bundle, the entry and what was done about it.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
corpus=${SOSRCA_CORPUS:-$here/../../../shared/corpus/real}
if [ ! -d "$corpus" ]; then
  echo "corpus: skipped: $corpus not found (the real sos reports live in shared/corpus/real)"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0 failed=0
for f in "$corpus"/*.tar.xz; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .tar.xz)
  "$bin" analyze --format json --no-timing "$f" > "$work/$name.json" 2> "$work/$name.err"
  rc=$?
  if [ $rc -gt 1 ]; then
    failed=$((failed + 1)); echo "corpus: FAIL: $name: exit code $rc"; cat "$work/$name.err"; continue
  fi
  if ! grep -q '"root_causes": \[\]' "$work/$name.json"; then
    failed=$((failed + 1)); echo "corpus: FAIL: $name: reports a root cause chain"
    sed -n '/"root_causes"/,/"ruled_out"/p' "$work/$name.json" | head -n 40; continue
  fi
  # warnings: each must say where and what was done
  bad=$(sed -n '/"warnings": \[/,/\]/p' "$work/$name.json" | grep '^    "' |
        grep -v -E '(skipped|kept|not read|not followed|cut|read the first|partially read|stopped)')
  if [ -n "$bad" ]; then
    failed=$((failed + 1)); echo "corpus: FAIL: $name: warnings that do not say what was done:"
    echo "$bad" | head -n 10; continue
  fi
  passed=$((passed + 1))
done
echo "corpus: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
