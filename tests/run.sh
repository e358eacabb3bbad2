#!/usr/bin/env bash
# The test command: builds the native executables the end-to-end tests run, then runs every NUnit test.
# Its last line is dotnet test's own totals, as "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash install/install.sh --build-only || { echo "0 passed, 1 failed"; exit 1; }
# The package tests install what install/pack.sh builds. Built here, before dotnet test builds the test projects:
# built from inside a running test, it would rebuild DriftHooks.Core while the other test project is being built.
if command -v node >/dev/null && command -v npm >/dev/null; then
  bash install/pack.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test DriftHooks.sln -c Release --nologo --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results.log"
status=${PIPESTATUS[0]}

# Sum the totals dotnet test printed per test assembly ("Passed!  - Failed: 0, Passed: 27, …").
passed=0; failed=0
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -nE 's/.*Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),.*/\1 \2/p' "$results.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
