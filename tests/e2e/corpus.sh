#!/bin/sh
# Run `sosrca analyze` on every real sos report of ../shared/corpus/real (when the folder exists):
# no crash, no build-failure chain (none of them records a failed build), no finding above info
# (none of them holds a failure its own files prove), every warning names the bundle, the entry and
# what was done about it, and what each report lacks is said under "Not examined".
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
  # nothing above info: each real report was read as a support engineer would, and none proves a
  # current failure that the pack covers (compute4's SB errors are dated a week after collection)
  # Real trouble that a report's own files prove is expected, and must be found:
  # - sunbeam: nova-scheduler, nova-conductor, cinder, neutron and placement pod logs all log
  #   DBConnectionError (2003, "Can't connect to MySQL server on '...-mysql-router-service...'
  #   ([Errno 1] EPERM)") from 12:57:46 to 12:59 (e.g. podlogs/nova-0/..._-c_nova-scheduler,
  #   "12:57:46.845 23 ERROR nova.servicegroup.drivers.db [-] Unexpected error while reporting
  #   service status"), after the same at start-up (04:27 "SQL connection failed. 10 attempts left.")
  # - compute4: var/log/nova/nova-compute.log.1.gz line 96 on (2022-02-04 10:06:41 "Timed out
  #   waiting for nova-conductor ... MessagingTimeout"), 126 MessagingTimeouts up to 2022-02-09
  #   23:00, then "Recovered from being unable to report status." (a warning, recovered)
  # - compute4: var/log/neutron/neutron-openvswitch-agent.log.2.gz line 4215 on (2022-02-04
  #   10:59:03 "Failed reporting state!: ...MessagingTimeout"), every minute to 11:32:04, then
  #   SIGTERM and a restart on 2022-02-09 22:38:37 ("Logging enabled!"): a warning, recovered
  above=$(python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
expect = {"sunbeam": [("db-connection-lost", "error")],
          "compute4": [("rpc-timeout", "warning"), ("neutron-agent-dead", "warning")]}
want = [e for k, v in expect.items() if k in sys.argv[2] for e in v]
seen = set()
for f in r["findings"]:
    if f["severity"] != "info" and not f["earlier"]:
        if (f["code"], f["severity"]) in want:
            seen.add((f["code"], f["severity"]))
            continue
        print("%s %s" % (f["severity"], f["title"][:120]))
for w in want:
    if w not in seen:
        print("missing expected finding: %s %s" % (w[1], w[0]))
PY
)
  if [ -n "$above" ]; then
    failed=$((failed + 1)); echo "corpus: FAIL: $name: findings above info:"; echo "$above"; continue
  fi
  # coverage: what the report is known to lack must be said
  want="" miss=""
  # every real report lacks something the pack would read: it must say what
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not all(h["coverage"] for h in r["hosts"]))' \
    "$work/$name.json" || miss=" (an empty Not examined)"
  case $name in
    # compute4 is an ML2/OVS compute: its OVN logs are all dated after its collection (another
    # life of the host), so it is neither an OVN chassis nor a controller. Its ML2/OVS agent logs
    # (10 MB) are read; only neutron-ovs-cleanup's log is a log no rule reads.
    *compute4*) want="logs-not-read:neutron-ovs-cleanup"
      python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(any("agent" in x["title"] for x in r["hosts"][0]["coverage"]))' \
        "$work/$name.json" || miss=" (agent logs listed as not read)"
      python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(r["hosts"][0]["roles"] != "compute")' \
        "$work/$name.json" || miss=" roles(compute)" ;;
    *sunbeam*) want="no-df no-memory" ;;
    *juju*) want="no-openstack-evidence" ;;
  esac
  for w in $want; do
    check=${w%%:*} word=${w#*:}
    [ "$word" = "$w" ] && word=""
    python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
c = [x for h in r["hosts"] for x in h["coverage"] if x["check"] == sys.argv[2] and sys.argv[3] in x["title"]]
sys.exit(0 if c else 1)' "$work/$name.json" "$check" "$word" || miss="$miss $w"
  done
  if [ -n "$miss" ]; then
    failed=$((failed + 1)); echo "corpus: FAIL: $name: Not examined lacks:$miss"; continue
  fi
  passed=$((passed + 1))
done
echo "corpus: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
