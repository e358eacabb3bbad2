#!/usr/bin/env bash
# Times DH115's exact check (`drifthooks check` with a shadow server: the head commit's migrations replayed on a
# template database of the shadow server, its catalog compared with the schema) on documenso's history (163
# migrations, the last one added by the head commit), cold and warm, against Prisma's own differ doing the same
# judgement in the same run: `prisma migrate diff --from-migrations DIR --to-schema-datamodel FILE --exit-code`
# through ../shared/prisma-oracle (Prisma 6.19.3; it replays into the database it is given, a fresh one per call,
# created outside the timing). Also times `drifthooks check` without a shadow server (the offline rules alone).
# Needs PostgreSQL (apt-get install postgresql), hyperfine, node/npm for the oracle.
# Usage: bench/exact-check.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-10}
bench_needs_corpus
oracle="$shared/prisma-oracle/prisma.sh"
[ -x "$oracle" ] || { echo "bench: the Prisma oracle is needed (../shared/prisma-oracle)" >&2; exit 2; }
bin="$root/artifacts/native"
bench_needs_native "$bin"
bench_needs_hyperfine
source "$root/bench/postgres.sh"
start_bench_postgres exact-check
server="postgresql://postgres:$password@127.0.0.1:$port"
q="$pgbin/psql -X -q -h 127.0.0.1 -p $port -U postgres -d postgres"

# The repository: the base holds documenso minus its last migration, the head adds it.
repo="$work/repo"; mkdir -p "$repo/prisma"
cp "$corpus/schema.prisma" "$repo/prisma/schema.prisma"; cp -r "$corpus/migrations" "$repo/prisma/migrations"
last=$(ls -d "$repo"/prisma/migrations/*/ | sort | tail -1); mv "$last" "$work/last"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
git -C "$repo" init -q -b main && git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m base
mv "$work/last" "$last"; git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m head
count=$(ls -d "$repo"/prisma/migrations/*/ | wc -l)

cd "$repo"
cat > "$work/exact.sh" <<SH
DRIFTHOOKS__SHADOW__URL=$server/postgres exec $bin/drifthooks check --base HEAD~1 > $work/exact.out
SH
cat > "$work/offline.sh" <<SH
exec $bin/drifthooks check --base HEAD~1 > /dev/null
SH
cat > "$work/prune.sh" <<SH
DRIFTHOOKS__SHADOW__URL=$server/postgres exec $bin/drifthooks drift --prune > /dev/null
SH
cat > "$work/fresh.sh" <<SH
$q -c 'DROP DATABASE IF EXISTS oracle' -c 'CREATE DATABASE oracle' > /dev/null
SH
cat > "$work/oracle.sh" <<SH
ORACLE_DATABASE_URL=$server/oracle ORACLE_SCHEMA=$repo/prisma/schema.prisma ORACLE_MIGRATIONS=$repo/prisma/migrations \
  exec $oracle migrate diff --from-migrations $repo/prisma/migrations --to-schema-datamodel $repo/prisma/schema.prisma --exit-code > $work/oracle.out 2>&1
SH

echo "== what each prints (documenso, $count migrations) =="
sh "$work/prune.sh"; sh "$work/exact.sh" || true; grep -E "DH115" "$work/exact.out" || cat "$work/exact.out"
sh "$work/exact.sh" || true; grep -E "DH115" "$work/exact.out"
sh "$work/fresh.sh"; sh "$work/oracle.sh" && echo "oracle: exit 0 (the migrations produce the schema)" || { echo "oracle: exit $?"; cat "$work/oracle.out"; }

echo; echo "== $runs runs each =="
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/warm.json" \
  -n "drifthooks check, no shadow server (offline rules only)" "sh $work/offline.sh" \
  -n "drifthooks check + exact, warm (template of the set exists)" "sh $work/exact.sh" >/dev/null
hyperfine -N --runs "$runs" --export-json "$work/cold.json" \
  -n "drifthooks check + exact, cold (templates pruned)" --prepare "sh $work/prune.sh" "sh $work/exact.sh" \
  -n "prisma migrate diff --from-migrations --exit-code (fresh db)" --prepare "sh $work/fresh.sh" "sh $work/oracle.sh" >/dev/null
python3 - "$work/warm.json" "$work/cold.json" <<'PY'
import json, sys
print(f"{'command':64} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']:64} {r['median']*1000:10.1f} {r['min']*1000:8.1f} {r['max']*1000:8.1f}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
