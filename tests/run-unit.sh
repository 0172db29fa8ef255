#!/bin/sh
# Run every cmocka unit-test binary given as arguments and print one closing line
# "N passed, N failed" over all of them. Exits 1 if any test failed or any binary crashed.
passed=0 failed=0 bad=0
for t in "$@"; do
  out=$("$t" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ $rc -ne 0 ] || [ -z "$p$f" ]; then
    bad=1; printf '%s\n' "$out"; echo "unit: $t exited with $rc"
    [ -z "$f" ] && failed=$((failed + 1))
  fi
done
echo "unit: $passed passed, $failed failed"
[ $bad -eq 0 ] && [ $failed -eq 0 ]
