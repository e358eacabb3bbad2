#!/usr/bin/env bash
# Times the pre-push hook with production's schema check (the default once a shadow server is at hand) on the
# documenso history (163 migrations), beside its floors measured in the same run:
#   - psql reading production's _prisma_migrations (the least any history check costs);
#   - the plain pre-push (history only: no shadow server);
#   - warm: pre-push with the schema check once the template for production's history exists (nothing replayed);
#   - cold: pre-push with the schema check after `drifthooks drift --prune` (every migration replayed), beside
#     psql creating a database and running the 163 scripts in it with synchronous_commit off, as the replay does
#     (the least any replay costs: PostgreSQL executing the DDL).
# Production and the local development database are databases of one throwaway cluster (initdb/pg_ctl, default
# durability); the project's datasource reads NEXT_PRIVATE_DATABASE_URL, which is where the hook finds the shadow
# server, as Prisma finds its database. Needs PostgreSQL (apt-get install postgresql) and hyperfine.
# Usage: bench/schema-check.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-30}
bench_needs_corpus
bin="$root/artifacts/native"
bench_needs_native "$bin"
bench_needs_hyperfine
source "$root/bench/postgres.sh"
start_bench_postgres schema-check
psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c 'CREATE DATABASE production' -c 'CREATE DATABASE development'

# Production: each migration.sql, then its history row, as Prisma applies them. replay.sql: the scripts alone.
apply="$work/apply.sql"; replay="$work/replay.sql"
count=$(prisma_deploy_script "$corpus/migrations" "$apply")
{ echo 'SET synchronous_commit TO off;'; grep '^\\i ' "$apply"; } > "$replay"
psql -d production -f "$apply" >/dev/null 2>"$work/apply.err" || { cat "$work/apply.err" >&2; exit 1; }

# The repository: documenso's schema and migrations, committed; the push of main is what the hook judges.
repo="$work/repo"; mkdir -p "$repo/prisma"
cp "$corpus/schema.prisma" "$repo/prisma/schema.prisma"; cp -r "$corpus/migrations" "$repo/prisma/migrations"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
git -C "$repo" init -q -b main && git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m documenso
echo "refs/heads/main $(git -C "$repo" rev-parse HEAD) refs/heads/main $(printf '0%.0s' {1..40})" > "$work/refs"

export DRIFTHOOKS_PRODUCTION_URL="postgresql://postgres:$password@127.0.0.1:$port/production"
export NEXT_PRIVATE_DATABASE_URL="postgresql://postgres:$password@127.0.0.1:$port/development"
cd "$repo"
hook="$bin/pre-push"
# Every timed command is a small sh script, so each pays the same shell start.
q="$pgbin/psql -X -q -h 127.0.0.1 -p $port -U postgres"
cat > "$work/read-history.sh" <<SH
exec $q -At -d production -c 'SELECT * FROM "_prisma_migrations" ORDER BY started_at' > /dev/null
SH
cat > "$work/plain.sh" <<SH
NEXT_PRIVATE_DATABASE_URL= exec $hook origin x < $work/refs 2> /dev/null
SH
cat > "$work/checked.sh" <<SH
exec $hook origin x < $work/refs
SH
cat > "$work/replay-floor.sh" <<SH
$q -d postgres -c 'CREATE DATABASE floor_replay' && exec $q -v ON_ERROR_STOP=1 -d floor_replay -f $replay > /dev/null
SH
cat > "$work/drop-floor.sh" <<SH
exec $q -d postgres -c 'DROP DATABASE IF EXISTS floor_replay'
SH

"$bin/drifthooks" drift --prune >/dev/null
echo "== a cold and a warm push, as the hook prints them =="
sh "$work/checked.sh" || { echo "bench: the hook blocked the benchmark push" >&2; exit 1; }
sh "$work/checked.sh"
echo "(nothing printed: no drift, nothing pending)"
echo; echo "== where a warm check's time goes (drifthooks drift, same server and template) =="
"$bin/drifthooks" drift --verbose --migrations "$repo/prisma/migrations" 2>&1 | tail -n 12
echo; echo "== production: $count migrations; $runs runs each (cold: at most 10) =="
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/warm.json" \
  -n "psql: read production's history (floor)" "sh $work/read-history.sh" \
  -n "pre-push, history only (no shadow server)" "sh $work/plain.sh" \
  -n "pre-push + schema check, warm (template exists)" "sh $work/checked.sh" >/dev/null
cold_runs=$(( runs < 10 ? runs : 10 ))
hyperfine -N --runs "$cold_runs" --export-json "$work/cold.json" \
  -n "psql: create a database, run the $count scripts (floor)" --prepare "sh $work/drop-floor.sh" "sh $work/replay-floor.sh" \
  -n "pre-push + schema check, cold (templates pruned)" --prepare "$bin/drifthooks drift --prune" "sh $work/checked.sh" >/dev/null

python3 - "$work/warm.json" "$work/cold.json" <<'PY'
import json, sys
print(f"{'command':58} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:58} {r['median']*1000:10.1f} {r['min']*1000:8.1f} {r['max']*1000:8.1f}")
PY
left=$(psql -d postgres -At -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'drifthooks_build_%' OR datname LIKE 'drifthooks_shadow_%'")
echo "build or shadow databases left behind: $left"
