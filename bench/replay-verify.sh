#!/usr/bin/env bash
# Checks every refusal of a replay with Prisma's own CLI (../shared/prisma-oracle beside the repository, Prisma 6.19.3):
# DH100 with `validate`, DH101 and DH115 with `migrate diff --from-migrations … --exit-code` at the commit and its
# parent, each on a fresh database of a throwaway PostgreSQL cluster; the integrity rules (DH102-DH114) are counted as
# right by design. Writes OUT_DIR/verified.tsv, prints the figures, exits 1 when a refusal is wrong.
# Usage: bench/replay-verify.sh OUT_DIR   (the folder bench/replay-history.sh wrote; REPLAY_VERIFY_PARENT=0: not at the parent)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$root/bench/postgres.sh"
[ $# -eq 1 ] && [ -f "$1/results.tsv" ] || { echo "usage: bench/replay-verify.sh OUT_DIR (holding bench/replay-history.sh's results.tsv)" >&2; exit 2; }
oracle="$shared/prisma-oracle"
if [ ! -x "$oracle/prisma.sh" ]; then
  echo "replay-verify: skipped: Prisma's CLI is needed as the judge, at ../shared/prisma-oracle beside the repository" >&2
  exit 0
fi
command -v psql >/dev/null || { echo "replay-verify: psql is needed (apt-get install postgresql-client)" >&2; exit 2; }
start_bench_postgres replay-verify
python3 "$root/bench/replay-verify.py" "$(cd "$1" && pwd)" "$(cd "$oracle" && pwd)" "$port"
