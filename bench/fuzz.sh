#!/usr/bin/env bash
# A long run of the fuzzing tests (tests/DriftHooks.Core.Tests/Fuzzing): every reader of untrusted bytes (schema,
# prisma.config.ts, .env, backup files, git index, loose objects and packs) fed COUNT mutated inputs each; the one
# file reader (RegularFile) fed every kind of thing a clone can put at a path (regular files around its size limit,
# FIFOs, links to FIFOs and devices, dangling links, link loops, folders); both parsers' nesting bounds (the schema's
# lists and calls, migration.sql's parentheses) fed mutated deep nesting.
# Inputs that end in an unexpected exception or a hang are saved under $TMPDIR/drifthooks-fuzz-failures.
# Exits non-zero when any reader failed.
# Usage: bench/fuzz.sh [COUNT] [SEED]   (the test suite runs a few hundred to 1,500 per reader with a fixed seed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DRIFTHOOKS_FUZZ_COUNT=${1:-20000}
export DRIFTHOOKS_FUZZ_SEED=${2:-$(date +%s)}
echo "fuzz: $DRIFTHOOKS_FUZZ_COUNT inputs per reader, seed $DRIFTHOOKS_FUZZ_SEED"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test "$root/tests/DriftHooks.Core.Tests" -c Release --nologo \
  --filter "(FullyQualifiedName~UntrustedInputFuzzTests&Name!~prisma_validate)|FullyQualifiedName~FileAndNestingFuzzTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
grep -E "mutated inputs|Passed!|Test Run|Total tests|Failed|threw|did not finish" "$log" | sort -u || true
if [ "$status" -ne 0 ]; then
  echo "fuzz: failures (exit $status); the full log:" >&2
  tail -50 "$log" >&2
fi
exit "$status"
