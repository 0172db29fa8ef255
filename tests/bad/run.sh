#!/bin/sh
# Damaged and hostile inputs: make the corpus with gen.sh in a temporary folder, run sosrca on each
# input and check what a user would see: the exit code (a damaged archive is an input error, 2,
# unless --partial-ok; hostile content is analyzed, 0 or 1; a bad rule pack is 3), the message that
# names the bundle, the entry and what was done (on stderr or in the report's warnings), no crash
# or hang (exit 124 and above, or a signal, fail), no terminal escape reaching the text report, and
# nothing written anywhere: each run has an empty working folder and TMPDIR that must stay empty,
# and the inputs must be left as they were.
#   run.sh BIN       prints one line per failure and a closing "bad: N passed, N failed"
# shellcheck disable=SC2086 # $A holds the common analyze options, split on purpose
set -u
bin=$1
case $bin in /*) ;; *) bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-bad.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
in="$work/in" out="$work/out" cwd="$work/cwd" tmp="$work/tmp"
mkdir -p "$out" "$cwd" "$tmp" "$work/db"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "bad: FAIL: $*"; }

if ! sh "$here/gen.sh" "$in" > "$work/gen.log" 2>&1; then
  cat "$work/gen.log"
  echo "bad: gen.sh failed"
  echo "bad: 0 passed, 1 failed"
  exit 1
fi
listing() { (cd "$in" && find . -exec ls -ld {} + | sed 's/  */ /g' | sort); }
listing > "$work/in.before"
escape_log=/tmp/sosrca-bad-escape.log # where the ".." entry of dotdot.tar.xz would land
rm -f "$escape_log" 2>/dev/null

# run NAME "CODES" "PATTERNS" ARGS...
#   Runs `sosrca ARGS...` (in the empty working folder, with TMPDIR empty) into $out/NAME.out and
#   $out/NAME.err. CODES lists the exit codes allowed ("2", "0 1"); PATTERNS holds extended regexes,
#   one per line, each of which must match stderr or stdout.
run() {
  name=$1 codes=$2 pats=$3
  shift 3
  (cd "$cwd" && TMPDIR="$tmp" timeout 60 "$bin" "$@") > "$out/$name.out" 2> "$out/$name.err"
  rc=$?
  if [ $rc -ge 124 ]; then
    ko "$name: exit code $rc (crash, signal or timeout)"; tail -n 5 "$out/$name.err"; return 1
  fi
  # under `make asan` an AddressSanitizer report exits with 1, which would pass for findings
  if grep -q -E 'ERROR: (Address|Leak|Memory)Sanitizer|runtime error:' "$out/$name.err"; then
    ko "$name: sanitizer report"; grep -E -A 8 'Sanitizer|runtime error' "$out/$name.err" | head -n 20
    return 1
  fi
  good=0
  for c in $codes; do [ "$rc" -eq "$c" ] && good=1; done
  if [ $good -eq 0 ]; then
    ko "$name: exit code $rc, expected $codes"; head -c 2000 "$out/$name.err"; return 1
  fi
  miss=0
  while IFS= read -r p; do
    [ -n "$p" ] || continue
    if ! grep -E -q -e "$p" "$out/$name.err" "$out/$name.out"; then
      ko "$name: no message matching: $p"; miss=1
    fi
  done <<EOF
$pats
EOF
  [ $miss -eq 0 ] || { sed -n '/"warnings"/,/\]/p' "$out/$name.out" | head -n 20; head -c 1000 "$out/$name.err"; return 1; }
  if find "$cwd" "$tmp" -mindepth 1 | grep -q .; then
    ko "$name: files were written to the working folder or TMPDIR:"; ls -lA "$cwd" "$tmp"
    rm -rf "${cwd:?}"/* "${tmp:?}"/*; return 1
  fi
  ok
}

# json NAME KEY VALUE: the JSON report of NAME holds "KEY": VALUE
json() {
  if grep -q "\"$2\": $3" "$out/$1.out"; then ok; else ko "$1: the report has no \"$2\": $3"; fi
}

# count NAME DB WANT SQL: the query (SELECT count(*) AS n ...) on the kept database gives WANT
count() {
  n=$("$bin" query --format json "$2" "$4" 2>&1 | sed -n 's/.*"n": "\([0-9]*\)".*/\1/p')
  if [ "$n" = "$3" ]; then ok; else ko "$1: $4 gives ${n:-?}, expected $3"; fi
}

# no_lines NAME DB SQL-LIKE: no stored line of the database matches the LIKE pattern
no_lines() {
  count "$1" "$2" 0 "SELECT count(*) AS n FROM line WHERE raw LIKE '$3'"
}

# named NAME BUNDLE: every warning of the JSON report of NAME starts with the bundle as given, then
# an entry or what happened to the whole bundle
named() {
  bad=$(sed -n '/"warnings": \[/,/\]/p' "$out/$1.out" | grep '^    "' | grep -v -F "    \"$2: ")
  if [ -z "$bad" ]; then ok; else ko "$1: warnings that do not name the bundle $2:"; echo "$bad" | head -n 5; fi
}

# valid_json NAME: the report parses as JSON (where python3 is there to say so)
valid_json() {
  command -v python3 > /dev/null 2>&1 || return 0
  if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out/$1.out" 2> /dev/null; then ok
  else ko "$1: the JSON report does not parse"; fi
}

A="analyze --format json --no-timing"
cmpr='sosreport-cmp-1-2025-03-03-ydkrmlu'

# ------------------------------------------------------------------ damaged archives
for f in trunc-xz-50.tar.xz trunc-xz-95.tar.xz trunc-gz-30.tar.gz trunc-gz-80.tar.gz \
         trunc-zst-50.tar.zst trunc-bz2-50.tar.bz2 trunc-tar-mid.tar trunc-tar-block.tar \
         flip-xz.tar.xz flip-gz.tar.gz flip-zst.tar.zst flip-bz2.tar.bz2 flip-tar-header.tar; do
  if run "$f" 2 "$f: archive $f is damaged \(.+\) after entry $cmpr/[^ ]+, the last one read whole; kept what was read before, the rest of the archive was not read" $A "$in/$f"; then
    json "$f" partial true
  fi
done
for f in trunc-xz-01.tar.xz not-an-archive.tar.xz empty.tar empty.tar.xz xz-of-nothing.tar.xz \
         random.tar.gz plain-file; do
  run "$f" 2 "$f: error: not a readable sos report archive \(.+\); skipped
\"[^\"]*$f: not a readable sos report archive" $A "$in/$f" && json "$f" partial true
done
# what was read before the damage is analyzed: the cut cmp-1 still shows its OVN failure
run partial-ok "0 1" '"code": "vif-plug-timeout"' $A --partial-ok "$in/trunc-xz-50.tar.xz" &&
  json partial-ok partial true
# a damaged bundle does not stop the others
run two-bundles 2 '"name": "ctl-1"
"name": "cmp-1"
trunc-gz-30.tar.gz: archive trunc-gz-30.tar.gz is damaged' $A "$in/good-ctl-1.tar.xz" "$in/trunc-gz-30.tar.gz"
run two-bundles-ok "0 1" '"name": "ctl-1"' $A --partial-ok "$in/good-ctl-1.tar.xz" "$in/trunc-gz-30.tar.gz"
# the text report says PARTIAL in its header, then names the archive and the last good entry
run text-partial 2 '^PARTIAL: 
warning: .*trunc-bz2-50.tar.bz2: archive trunc-bz2-50.tar.bz2 is damaged .* after entry' \
  analyze --no-color --no-timing "$in/trunc-bz2-50.tar.bz2"
# a sos collect tar whose first report is cut: the report after it is still read
run collect-cut 2 "collect-cut.tar: archive $cmpr.tar.xz is damaged .* after entry
\"name\": \"ctl-1\"" $A "$in/collect-cut.tar"
# a damaged packed folder: reported, the bundle is partial, and the entries after it are read
run packed-cut 2 'archive sos_commands/aaa/packed.tar.gz is damaged' $A "$in/packed-cut.tar.xz"
run packed-cut-ok "0 1" '"code": "ovn-sb-unreachable"' $A --partial-ok "$in/packed-cut.tar.xz"
run no-report-dir 2 'no-report-dir: error: no sos report in this folder' $A "$in/no-report-dir"
run no-report-inside 2 'no-report-inside.tar: error: no sos report found in it' $A "$in/no-report-inside.tar"
run missing-path 2 'missing.tar.xz: error: cannot open: No such file or directory' $A "$in/missing.tar.xz"
# a damaged rotated log inside a good archive: a warning and what was read, not a partial bundle
run rotated-corrupt "0 1" 'nova-compute.log.1.gz: data is damaged after [0-9]+ bytes \(.+\); kept what was read before
nova-compute.log.2.gz: is not compressed although its name says so; read as it is' \
  $A "$in/rotated-corrupt.tar.xz" && json rotated-corrupt partial false &&
  named rotated-corrupt "$in/rotated-corrupt.tar.xz"

# more warnings than the report lists: the report says how many more there were, in its last
# warning line and in JSON, and the damage of the bundle, which came after them, is still listed
run many-warnings 2 'many-warnings.tar: sosreport-[^/: ]+/var/log/nova/nova-compute.log.1.gz: is not compressed
many-warnings.tar: archive many-warnings.tar is damaged' $A "$in/many-warnings.tar" &&
  json many-warnings warnings_dropped 50
if run many-warnings-text 2 '^warning: \.\.\. and 50 more warnings, not shown \(--verbose prints every warning on stderr\)$' \
  analyze --no-color --no-timing "$in/many-warnings.tar"; then
  if sed -n '/^warning:/p' "$out/many-warnings-text.out" | tail -n 1 | grep -q '^warning: \.\.\. and 50 more'
  then ok; else ko "many-warnings-text: the count is not the last warning line"; fi
fi
run many-warnings-md 2 '^- \.\.\. and 50 more warnings, not shown' \
  analyze --format md --no-timing "$in/many-warnings.tar"

# ------------------------------------------------------------------ hostile archive content
run abs-paths "0 1" 'abs-paths.tar.xz: /nova-compute.log: entry has an absolute path \(not something sos writes\); skipped
"code": "ovn-sb-unreachable"' $A --db "$work/db/abs.db" "$in/abs-paths.tar.xz" &&
  no_lines abs-paths "$work/db/abs.db" 'evil%'
run abs-only 2 'abs-only.tar.xz: [0-9]+ more entries with an absolute, climbing or too long path; skipped
abs-only.tar.xz: error: no sos report found in it' $A "$in/abs-only.tar.xz"
run dotdot "0 1" 'dotdot.tar.xz: sosreport-dotdot-[^:]*/\.\./\.\./\.\./\.\./tmp/sosrca-bad-escape.log: entry path leaves the bundle or is too long; skipped' \
  $A "$in/dotdot.tar.xz"
if [ -e "$escape_log" ]; then ko "dotdot: $escape_log was written"; else ok; fi
run symlinks "0 1" 'var/log/nova/nova-compute.log: symlink loop \(or a chain of more than 40 links\); not read
var/log/ovn/ovn-northd.log: symlink loop
var/log/nova/nova-api.log: symlink points outside the report \([./]*etc/passwd\); not followed
var/log/nova/nova-scheduler.log: symlink to etc/shadow, which is not in the report; not read
var/log/nova/nova-conductor.log: symlink to var/log/nova/missing.log, which is not in the report; not read
var/log/real.log: hard link whose target leaves the bundle or is too long; skipped' \
  $A --db "$work/db/links.db" "$in/symlinks.tar.xz" && no_lines symlinks "$work/db/links.db" 'root:%'
# an unpacked report: etc/ is a symlink to the host's /etc, so etc/passwd looks inside but is not
run symlinks-dir "0 1" 'var/log/nova/nova-api.log.1: symlink to etc/passwd leads out of the report through a folder symlink; not followed
var/log/nova/nova-compute.log: symlink loop' \
  $A --db "$work/db/dir.db" "$in/symlinks-dir" && no_lines symlinks-dir "$work/db/dir.db" 'root:%'
run fifo-device "0 1" 'var/log/nova/nova-compute.log: is a fifo, not a regular file; skipped
var/log/syslog: is a character device, not a regular file; skipped' $A "$in/fifo-device.tar.xz"
run fifo-dir "0 1" 'var/log/nova/nova-compute.log: is a fifo, not a regular file; skipped' $A "$in/fifo-dir"
run many-entries "0 1" '"code": "ovn-sb-unreachable"' $A "$in/many-entries.tar.zst"
run long-line "0 1" 'var/log/nova/nova-compute.log: line 1: line longer than 1048576 bytes; cut there' \
  $A "$in/long-line.tar.zst"
run long-name "0 1" 'long-name.tar.xz: sosreport-longname-[^:]*/nnnnnnnnnn*: entry path leaves the bundle or is too long; skipped' \
  $A "$in/long-name.tar.xz"
run nul-utf8-crlf "0 1" '"code": "ovn-sb-unreachable"
"count": 3
"text": "[^"]*connection attempt failed \(Refused \\u0000 with NUL\)"' $A --db "$work/db/nul.db" "$in/nul-utf8-crlf.tar.xz" && {
  valid_json nul-utf8-crlf
  # no stored line (log or command output) keeps the \r of its CRLF
  count nul-utf8-crlf "$work/db/nul.db" 0 "SELECT count(*) AS n FROM line WHERE substr(CAST(raw AS BLOB), -1) = CAST(char(13) AS BLOB)"
}
# the text report shows the NUL escaped, and the rest of the line after it; a CRLF line ends
# before its \r (no \x0D at the end of the evidence)
if run nul-utf8-crlf-text "0 1" 'connection attempt failed \(Refused \\x00 with NUL\)$
cmp-1:var/log/ovn/ovn-controller.log:1  .*connection attempt failed \(Connection refused\)$' \
  analyze --no-color --no-timing "$in/nul-utf8-crlf.tar.xz"; then
  if grep -q 'x0D' "$out/nul-utf8-crlf-text.out"; then ko "nul-utf8-crlf-text: a CRLF line shows its \\r"
  else ok; fi
fi
# terminal escapes from a log line and from entry names: shown escaped, never raw
for fmt in text md; do
  for f in ansi esc-names; do
    if run "$f-$fmt" 1 'x1[bB]' analyze --format "$fmt" --no-color --no-timing "$in/$f.tar.xz"; then
      if tr -d -c '\033\007' < "$out/$f-$fmt.out" | grep -q . ||
         tr -d -c '\033\007' < "$out/$f-$fmt.err" | grep -q .; then
        ko "$f-$fmt: a raw escape character reached the report or stderr"
      else ok; fi
    fi
  done
done
run nested-deep "0 1" 'var/log/level3.tar.gz: archive nested 4 deep \(limit 4\); skipped' $A "$in/nested-deep.tar.xz"
run nested-reports "0 1" 'sosreport-n0.tar.xz: archive nested 4 deep \(limit 4\); skipped' $A "$in/nested-reports.tar"
run deep-dir "0 1" 'deep-dir: var/log/deep/[d/]*: folders nested more than 128 deep; skipped' $A "$in/deep-dir"
run bomb "0 1" 'var/log/nova/nova-compute.log.1.xz: decompresses to more than 1000 times its size \(a decompression bomb\?\); stopped after [0-9]+ bytes
"code": "ovn-sb-unreachable"' $A "$in/bomb.tar.xz"
run outer-bomb 2 'archive outer-bomb.tar.zst decompresses to more than 1000 times its size \(a decompression bomb\?\): [0-9]+ bytes from [0-9]+; stopped after entry [^ ]*/zeros, the rest of the bundle was not read' \
  $A "$in/outer-bomb.tar.zst"

# ------------------------------------------------------------------ limits, each reported when hit
run limit-entries 2 'more than 1000 entries \(the entries limit\); the rest of the bundle was not read' \
  $A --limit entries=1000 "$in/many-entries.tar.zst"
run limit-total 2 'reached the total size limit \(200000 bytes read\) at entry [^;]*; the rest of the bundle was not read' \
  $A --limit total=200000 "$in/good-ctl-1.tar.xz"
run limit-total-dir 2 'reached the total size limit \(1000 bytes read\) at entry [^;]*; the rest of the bundle was not read' \
  $A --limit total=1000 "$in/symlinks-dir"
run limit-entry "0 1" 'entry is larger than the per-entry limit \(10240 bytes\); read the first 10240 bytes only' \
  $A --limit entry=10K "$in/good-ctl-1.tar.xz"
run limit-line "0 1" 'line longer than 100 bytes; cut there' $A --limit line=100 "$in/good-ctl-1.tar.xz"
run limit-nesting "0 1" 'archive nested 1 deep \(limit 1\); skipped' $A --limit nesting=1 "$in/nested-deep.tar.xz"
run limit-ratio "0 1" 'decompresses to more than 10 times its size' $A --limit ratio=10 "$in/bomb.tar.xz"
run limit-command "0 1" 'longer than the command output limit \(64 bytes\); read the first 64 bytes only' \
  $A --limit command=64 "$in/good-ctl-1.tar.xz"

# ------------------------------------------------------------------ malformed content
run malformed "0 1" 'malformed.tar.xz: etc/openvswitch/conf.db: line 5: record cut or not valid JSON
malformed.tar.xz: var/lib/ovn/ovnsb_db.db: line 3: record cut or not valid JSON \(premature end of input\); keeping the 1 record
malformed.tar.xz: var/lib/ovn/ovnnb_db.db: line 1: record cut or not valid JSON
malformed.tar.xz: sos_commands/openvswitch/ovs-vsctl_-t_5_show: line 10: skipped 2 cut or ill-formed value
malformed.tar.xz: sos_commands/filesys/df_-al_-x_autofs: line [0-9]+: skipped [0-9]+ unreadable df line
malformed.tar.xz: sos_commands/memory/free: no \\"Mem:\\" line in the free output; no memory row
"code": "ovn-sb-unreachable"' $A --db "$work/db/malformed.db" "$in/malformed.tar.xz" && {
  db="$work/db/malformed.db"
  valid_json malformed
  named malformed "$in/malformed.tar.xz"
  # what could be read is kept: the bridge and its ports, the good df rows, the good log lines
  count malformed "$db" 1 "SELECT count(*) AS n FROM ovs_bridge WHERE name = 'br-int'"
  count malformed "$db" 3 "SELECT count(*) AS n FROM ovs_port WHERE bridge = 'br-int'"
  count malformed "$db" 3 "SELECT count(*) AS n FROM df"
  count malformed "$db" 2 "SELECT count(*) AS n FROM ovsdb WHERE col = 'external_ids'"
  # impossible dates get no time; the +9999 zone of timedatectl is not taken
  count malformed "$db" 3 "SELECT count(*) AS n FROM log WHERE path = 'var/log/nova/nova-compute.log' AND time_utc IS NULL"
  count malformed "$db" 0 "SELECT count(*) AS n FROM fact WHERE key = 'utc_offset' AND value NOT IN ('0')"
}

# ------------------------------------------------------------------ bad rule packs
run pack-bad-regex 3 'bad/bad.rules:5:[0-9]+: error: rule bad-regex: bad regex: missing closing parenthesis' \
  rules lint "$in/pack-bad-regex"
run pack-bad-regex-analyze 3 'the rule pack .*pack-bad-regex has errors' \
  analyze --rules "$in/pack-bad-regex" "$in/good-ctl-1.tar.xz"
run pack-unknown-key 3 "bad/bad.rules:8:3: error: unknown key 'colour'" rules lint "$in/pack-unknown-key"
run pack-dup-id 3 "bad/bad.rules:11:6: error: duplicate rule id 'dup-id' \(first defined at .*bad/bad.rules:1\)" \
  rules lint "$in/pack-dup-id"
run pack-no-samples 3 "error: rule no-samples: needs at least one 'sample'" rules lint "$in/pack-no-samples"
run pack-garbage 3 "bad/bad.rules:3:1: error: expected 'rule <id>'" rules lint "$in/pack-garbage"
run pack-no-codes 3 'codes.list: error: cannot open' rules lint "$in/pack-no-codes"
run pack-empty 3 'error: no \*\.rules files in the pack' rules lint "$in/pack-empty"
# a pattern with catastrophic backtracking on a 30 000-character line: PCRE2's match limit stops it
run pack-backtrack "0 1" 'backtrack-log.tar.xz: sosreport-[^/: ]+/var/log/nova/nova-compute.log: line 1: rule backtrack \([^)]*bad/bad.rules:1\): the regex gave up on this line \(match limit\); treated as no match' \
  $A --rules "$in/pack-backtrack" "$in/backtrack-log.tar.xz" && named pack-backtrack "$in/backtrack-log.tar.xz"
# a cause loop (A explains B explains A) is a pack error naming the rules and their explains lines
run pack-cause-loop 3 'bad/bad.rules:8:1: error: rule loop-a: cause loop: loop-a explains loop-b \([^)]*bad/bad.rules:8\), loop-b explains loop-a \([^)]*bad/bad.rules:19\)' \
  rules lint "$in/pack-cause-loop"
run pack-cause-loop-analyze 3 'bad/bad.rules:8:1: error: rule loop-a: cause loop
the rule pack .*pack-cause-loop has errors' \
  analyze --rules "$in/pack-cause-loop" "$in/good-ctl-1.tar.xz" "$in/ansi.tar.xz"
run pack-cause-loop-code 3 'bad/bad.rules:8:1: error: rule loop-code: cause loop: loop-code explains ovn-sb-unreachable, the code of ovn-controller-sb-unreachable \([^)]*bad/bad.rules:8\), ovn-controller-sb-unreachable explains vif-plug-timeout, the code of loop-code \([^)]*ovn/controller.rules:[0-9]+\)' \
  rules lint "$in/pack-cause-loop-code"
# what breaks chains silently: a renamed rule that a check still reads, a capture cut short
run pack-renamed-rule 3 "ovn/state.rules:[0-9]+:[0-9]+: error: rule ovn-hostname-mismatch: reads 'neutron-bind-refused-no-chassis': no rule, marker or code by that name
ovn/state.rules:[0-9]+:[0-9]+: error: rule ovn-hostname-mismatch: the SQL compares a rule column with 'neutron-bind-refused-no-chassis', which is no rule of the pack
error: rule ovn-hostname-mismatch: the fixture row is a hit of rule 'neutron-bind-refused-no-chassis', which is not in the pack" \
  rules lint "$in/pack-renamed-rule"
run pack-cut-capture 3 'nova/build.rules:[0-9]+:[0-9]+: error: rule nova-vif-plug-timeout: the sample yields port="24129afd", not "24129afd-416d-441c-b1ed-83113f9753fb"' \
  rules lint "$in/pack-cut-capture"

# ------------------------------------------------------------------ nothing changed
listing > "$work/in.after"
if cmp -s "$work/in.before" "$work/in.after"; then ok; else
  ko "the inputs were changed:"; diff "$work/in.before" "$work/in.after" | head -n 10; fi

echo "bad: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
