#!/bin/sh
# One synthetic incident bundle per causal chain (testdata/<bundle>/, listed in chains.list): the
# JSON report must equal its golden file (tests/e2e/golden/<bundle>.json; UPDATE_GOLDEN=1 rewrites
# it, review the diff) and must say what chains.list expects, checked apart from the golden file so
# that a wrong golden file cannot hide a wrong answer.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-chains.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "chains: FAIL: $*"; }

# expect JSON NAME EXPECTATION...: see chains.list for the words
expect() {
  python3 - "$@" <<'PY'
import json, sys
path, name, words = sys.argv[1], sys.argv[2], sys.argv[3:]
r = json.load(open(path))
bad = []
chains = r["root_causes"]
def codes(c):
    return [s["code"] for s in c["chain"]]
for w in words:
    k, _, v = w.partition("=")
    if k == "root":
        code, _, host = v.partition("@")
        if not chains:
            bad.append("no root cause (wanted %s)" % v)
        elif chains[0]["root"]["code"] != code or (host and chains[0]["root"]["host"] != host):
            bad.append("first root cause is %s@%s, wanted %s" %
                       (chains[0]["root"]["code"], chains[0]["root"]["host"], v))
    elif k == "symptom":
        if not chains or chains[0]["symptom"]["code"] != v:
            bad.append("first symptom is %s, wanted %s" %
                       (chains[0]["symptom"]["code"] if chains else None, v))
    elif k == "steps":
        want = v.split(",")
        got = codes(chains[0]) if chains else []
        if [c for c in got if c in want] != want:
            bad.append("first chain is %s, wanted the steps %s in that order" % (got, want))
    elif k == "no-root":
        if chains:
            bad.append("a root cause was reported: %s" % chains[0]["root"]["title"])
    elif k in ("ruled-out", "not-ruled-out"):
        got = {(f["code"], f["host"]) for f in r["ruled_out"]}
        for c in v.split(","):
            code, _, host = c.partition("@")
            hit = any(g[0] == code and (not host or g[1] == host) for g in got)
            if k == "ruled-out" and not hit:
                bad.append("%s not ruled out (ruled out: %s)" % (c, sorted("%s@%s" % g for g in got)))
            if k == "not-ruled-out" and hit:
                bad.append("%s must not be ruled out" % c)
    elif k == "finding":
        code, _, host = v.partition("@")
        if not any(f["code"] == code and (not host or f["host"] == host) for f in r["findings"]):
            bad.append("no %s finding" % v)
    elif k == "no-finding":
        code, _, host = v.partition("@")
        if any(f["code"] == code and (not host or f["host"] == host) and f["severity"] != "info"
               for f in r["findings"]):
            bad.append("a %s finding above info was reported" % v)
    elif k == "golden":
        pass
    else:
        bad.append("chains.list: unknown expectation %r" % w)
for b in bad:
    print("chains: FAIL: %s: %s" % (name, b))
sys.exit(1 if bad else 0)
PY
}

while read -r bundle want rest; do
  case $bundle in ''|'#'*) continue ;; esac
  dir="$top/testdata/$bundle"
  if [ ! -d "$dir" ]; then ko "$bundle: no bundle $dir"; continue; fi
  # arguments for analyze come after "--" on the line
  args="" words=""
  seen=0
  for w in $rest; do
    if [ "$w" = "--" ]; then seen=1; continue; fi
    if [ $seen = 1 ]; then args="$args $w"; else words="$words $w"; fi
  done
  # shellcheck disable=SC2086
  "$bin" analyze --format json --no-timing $args "$dir" > "$work/$bundle.json" 2> "$work/$bundle.err"
  rc=$?
  if [ "$rc" -ne "$want" ]; then
    ko "$bundle: exit code $rc, expected $want"; head -n 20 "$work/$bundle.err"; continue
  fi
  g="$here/golden/$bundle.json"
  for w in $words; do case $w in golden=*) g="$here/golden/${w#golden=}.json" ;; esac; done
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$work/$bundle.json" "$g"; echo "chains: wrote $g"
  elif [ ! -f "$g" ]; then
    ko "$bundle: no golden file $g (make update-golden)"
  elif diff -u "$g" "$work/$bundle.json" > "$work/$bundle.diff"; then ok; else
    ko "$bundle: report differs from $g"; head -n 60 "$work/$bundle.diff"
  fi
  # shellcheck disable=SC2086
  if expect "$work/$bundle.json" "$bundle" $words; then ok; else failed=$((failed + 1)); fi
done < "$here/chains.list"
echo "chains: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
