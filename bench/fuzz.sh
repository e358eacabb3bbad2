#!/usr/bin/env bash
# A long run of the fuzzing test (tests/DriftHooks.Core.Tests/Fuzzing): every reader of untrusted bytes (schema,
# prisma.config.ts, .env, backup files, git index, loose objects and packs) fed COUNT mutated inputs each.
# Inputs that end in an unexpected exception or a hang are saved under $TMPDIR/drifthooks-fuzz-failures.
# Usage: bench/fuzz.sh [COUNT] [SEED]   (the test suite runs a few hundred to 1,500 per reader with a fixed seed)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export DRIFTHOOKS_FUZZ_COUNT=${1:-20000}
export DRIFTHOOKS_FUZZ_SEED=${2:-$(date +%s)}
echo "fuzz: $DRIFTHOOKS_FUZZ_COUNT inputs per reader, seed $DRIFTHOOKS_FUZZ_SEED"
dotnet test "$root/tests/DriftHooks.Core.Tests" -c Release --nologo \
  --filter "FullyQualifiedName~UntrustedInputFuzzTests&Name!~prisma_validate" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "mutated inputs|Passed!|Failed|threw|did not finish"
