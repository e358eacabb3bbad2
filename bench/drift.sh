#!/usr/bin/env bash
# Times `drifthooks drift` (schema drift: replay production's applied migrations on a shadow database and
# compare catalogs) on the documenso history (163 migrations). Starts a throwaway PostgreSQL cluster (initdb/pg_ctl
# as user postgres, default durability settings), applies the history there as "production" the way Prisma does
# (script, then its _prisma_migrations row), then runs the native binary and prints its phase timings and the
# wall time (hyperfine). Needs PostgreSQL (apt-get install postgresql) and hyperfine.
# Usage: bench/drift.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-10}
bench_needs_corpus
bin="$root/artifacts/native/drifthooks"
bench_needs_native "$(dirname "$bin")"
bench_needs_hyperfine
source "$root/bench/postgres.sh"
start_bench_postgres drift
psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c 'CREATE DATABASE production' -c 'CREATE DATABASE development'

# Production: each migration.sql as sent by Prisma, followed by its history row.
script="$work/apply.sql"
count=$(prisma_deploy_script "$corpus/migrations" "$script")
start=$(date +%s.%N)
psql -d production -f "$script" >/dev/null 2>"$work/apply.err" || { cat "$work/apply.err" >&2; exit 1; }
echo "production: $count migrations applied in $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s"
unset PGPASSWORD

export DRIFTHOOKS_PRODUCTION_URL="postgresql://postgres:$password@127.0.0.1:$port/production"
export DATABASE_URL="postgresql://postgres:$password@127.0.0.1:$port/development"
export NO_COLOR=1
cd "$work"
echo; echo "== drifthooks drift (one run, phase timings) =="
"$bin" drift --verbose --migrations "$corpus/migrations"
echo; echo "== peak memory =="
/usr/bin/time -v "$bin" drift --migrations "$corpus/migrations" 2>&1 >/dev/null | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1 kB/p'
echo; echo "== wall time, $runs runs =="
hyperfine -N --warmup 1 --runs "$runs" "$bin drift --migrations $corpus/migrations"
left=$(PGPASSWORD="$password" "$pgbin/psql" -X -At -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'drifthooks_shadow_%'" 2>/dev/null <<<"" || true)
echo "shadow databases left behind: ${left:-?}"
