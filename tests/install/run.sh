#!/bin/sh
# The install test (`make install-check`): builds with Debian's hardening flags (dpkg-buildflags) in
# a build folder of its own, stages `make install DESTDIR=... PREFIX=/usr`, and from another folder
# runs the staged binary on the testdata incident and on the real reports of ../shared/corpus/real
# (skipped with a message when absent); checks --version, the hardening of the binary, the man page
# (groff -ww), the bash completion (bash -n), a relocated install (PREFIX elsewhere) that finds its
# rule pack with no help, and that `make uninstall` leaves nothing behind.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
corpus=${SOSRCA_CORPUS:-$top/../shared/corpus/real}
work=$(mktemp -d "${TMPDIR:-/tmp}/sosrca-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "install: ok: $1"; }
ko() { failed=$((failed + 1)); echo "install: FAIL: $1"; }
check() { name=$1; shift; if "$@" > "$work/last.out" 2>&1; then ok "$name"; else ko "$name"; sed -n 1,20p "$work/last.out"; fi; }

if command -v dpkg-buildflags >/dev/null 2>&1; then
  export DEB_BUILD_MAINT_OPTIONS=hardening=+all
  cppflags=$(dpkg-buildflags --get CPPFLAGS) cflags=$(dpkg-buildflags --get CFLAGS)
  ldflags=$(dpkg-buildflags --get LDFLAGS)
else
  echo "install: dpkg-buildflags not found (package dpkg-dev): its flags written out instead"
  cppflags="-Wdate-time -D_FORTIFY_SOURCE=2" ldflags="-Wl,-z,relro -Wl,-z,now"
  cflags="-g -O2 -fstack-protector-strong -Wformat -Werror=format-security -fcf-protection"
fi
stage=$work/stage
mk() { make -C "$top" --no-print-directory BUILD="$work/build" PREFIX=/usr \
         CPPFLAGS="$cppflags" CFLAGS="$cflags" LDFLAGS="$ldflags" "$@"; }
if mk -j"$(nproc 2>/dev/null || echo 2)" install DESTDIR="$stage" > "$work/make.out" 2>&1; then
  ok "make install DESTDIR=... PREFIX=/usr with dpkg-buildflags' CPPFLAGS, CFLAGS, LDFLAGS"
else
  ko "make install"; tail -n 30 "$work/make.out"
  echo "install: $passed passed, $failed failed"; exit 1
fi
bin=$stage/usr/bin/sosrca
for f in usr/bin/sosrca usr/share/sosrca/rules/codes.list usr/share/sosrca/rules/layout.map \
         usr/share/man/man1/sosrca.1 usr/share/bash-completion/completions/sosrca \
         usr/share/zsh/vendor-completions/_sosrca usr/share/doc/sosrca/README.md usr/share/doc/sosrca/LICENSE; do
  if [ -e "$stage/$f" ]; then ok "installed: /$f"; else ko "not installed: /$f"; fi
done

# Hardening, as hardening-check (devscripts) sees it when installed, else with readelf.
if command -v hardening-check >/dev/null 2>&1; then
  # Control-flow protection is required only when the flags ask for it (bookworm's dpkg-buildflags
  # has no -fcf-protection; trixie's has).
  case " $cflags " in *" -fcf-protection"*) hc="" ;; *) hc=--nocfprotection ;; esac
  check "hardening-check $hc" hardening-check $hc "$bin"
else
  echo "install: hardening-check (devscripts) not installed: checked with readelf instead"
  h=$work/elf; readelf -W -h -l -d -s --dyn-syms "$bin" > "$h" 2>/dev/null
  check "PIE" grep -q 'Type: *DYN' "$h"
  check "RELRO" grep -q GNU_RELRO "$h"
  check "BIND_NOW" grep -Eq 'BIND_NOW|FLAGS_1.*NOW' "$h"
  check "stack protector" grep -q __stack_chk_fail "$h"
  check "fortify" grep -Eq '__[a-z]+_chk' "$h"
fi

# Run from another folder, so that nothing comes from the checkout.
run=$work/run; mkdir -p "$run"; cd "$run" || exit 2
check "--version names the libraries" sh -c "'$bin' --version | grep -q libarchive && '$bin' -V |
  grep -q SQLite && '$bin' -V | grep -q PCRE2 && '$bin' -V | grep -q jansson && '$bin' -V |
  grep -q 'rules: /usr/share/sosrca/rules'"
if [ ! -d /usr/share/sosrca/rules ]; then
  "$bin" rules lint > "$work/nf.out" 2>&1; rc=$?
  if [ $rc = 3 ] && grep -q 'rule pack not found at /usr/share/sosrca/rules' "$work/nf.out"; then
    ok "a missing rule pack is said as such"; else ko "missing rule pack: exit $rc"; cat "$work/nf.out"; fi
fi
export SOSRCA_RULES="$stage/usr/share/sosrca/rules"
check "rules lint of the staged pack" "$bin" rules lint
sh "$top/tests/e2e/pack.sh" "$top/testdata/incident-ovn-chassis" "$work/demo" >/dev/null
"$bin" analyze --format json --no-timing "$work/demo"/*.tar.xz > "$work/demo.json" 2> "$work/demo.err"
rc=$?
if [ $rc = 1 ] && grep -q '"ovn-sb-unreachable"' "$work/demo.json"; then
  ok "staged binary on testdata/incident-ovn-chassis (exit 1, root cause found)"
else
  ko "staged binary on testdata/incident-ovn-chassis: exit $rc"; head -n 20 "$work/demo.err"
fi
if [ -d "$corpus" ]; then
  for f in "$corpus"/*.tar.xz; do
    [ -f "$f" ] || continue
    "$bin" analyze --no-timing "$f" > "$work/c.out" 2> "$work/c.err"; rc=$?
    if [ $rc -le 1 ]; then ok "staged binary on $(basename "$f")"
    else ko "staged binary on $(basename "$f"): exit $rc"; head -n 10 "$work/c.err"; fi
  done
else
  echo "install: real reports skipped: $corpus not found (they live in shared/corpus/real)"
fi
unset SOSRCA_RULES

man=$stage/usr/share/man/man1/sosrca.1
check "man page: groff -ww -z -man, no warning" sh -c "groff -ww -z -man '$man' 2>&1 | grep . && exit 1; exit 0"
check "man page names the installed rule pack" grep -q '/usr/share/sosrca/rules' "$man"
if command -v man >/dev/null 2>&1; then
  check "man -l renders" sh -c "MANWIDTH=80 man -l '$man' 2>&1 >/dev/null | grep . && exit 1; exit 0"
fi
check "bash completion: bash -n" bash -n "$stage/usr/share/bash-completion/completions/sosrca"
check "bash completion completes commands" bash -c ". '$stage/usr/share/bash-completion/completions/sosrca'
  COMP_WORDS=(sosrca an); COMP_CWORD=1; _sosrca; [ \"\${COMPREPLY[*]}\" = analyze ]"

if command -v zsh >/dev/null 2>&1; then
  check "zsh completion: zsh -n" zsh -n "$stage/usr/share/zsh/vendor-completions/_sosrca"
else
  echo "install: zsh not installed: the zsh completion's syntax not checked"
fi

check "make uninstall" mk uninstall DESTDIR="$stage"
left=$(find "$stage" -type f -o -type l)
if [ -z "$left" ]; then ok "uninstall leaves no file"; else ko "uninstall left:"; echo "$left" | head; fi

# A relocated install finds its rule pack with no --rules and no SOSRCA_RULES.
p=$work/prefix
if mk install PREFIX="$p" > "$work/make2.out" 2>&1; then
  cd "$run" && check "relocated install (PREFIX=$p) finds its rules" "$p/bin/sosrca" rules lint
  check "relocated install analyzes" sh -c "'$p/bin/sosrca' analyze --no-timing '$work/demo'/*.tar.xz >/dev/null; [ \$? = 1 ]"
  mk uninstall PREFIX="$p" > /dev/null 2>&1
else
  ko "make install PREFIX=$p"; tail -n 20 "$work/make2.out"
fi

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
