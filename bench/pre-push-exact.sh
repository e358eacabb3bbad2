#!/usr/bin/env bash
# Times the pre-push hook on a push that adds documenso's last migration (163 committed, 162 applied to production),
# with a shadow server: the history comparison, production's schema check and DH115's exact check all run, warm (their
# templates exist). Given a second build folder (e.g. a copy of artifacts/native built before a change), times both in
# one hyperfine run (one after the other, same warm server) for a before/after figure.
# Needs PostgreSQL (apt-get install postgresql) and hyperfine.
# Usage: bench/pre-push-exact.sh [RUNS] [OTHER_BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-30}; other=${2:-}
bench_needs_corpus
bin="$root/artifacts/native"
bench_needs_native "$bin"
bench_needs_hyperfine
source "$root/bench/postgres.sh"
start_bench_postgres pre-push-exact
psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c 'CREATE DATABASE production'

# The repository: the base commit holds documenso minus its last migration, the pushed head adds it.
repo="$work/repo"; mkdir -p "$repo/prisma"
cp "$corpus/schema.prisma" "$repo/prisma/schema.prisma"; cp -r "$corpus/migrations" "$repo/prisma/migrations"
last=$(ls -d "$repo"/prisma/migrations/*/ | sort | tail -1); mv "$last" "$work/last"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
git -C "$repo" init -q -b main && git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m base
base=$(git -C "$repo" rev-parse HEAD)

# Production applied the base's migrations: each migration.sql, then its history row, as Prisma applies them.
apply="$work/apply.sql"
prisma_deploy_script "$repo/prisma/migrations" "$apply" >/dev/null
psql -d production -f "$apply" >/dev/null 2>"$work/apply.err" || { cat "$work/apply.err" >&2; exit 1; }
mv "$work/last" "$last"; git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m head
echo "refs/heads/main $(git -C "$repo" rev-parse HEAD) refs/heads/main $base" > "$work/refs"

export DRIFTHOOKS_PRODUCTION_URL="postgresql://postgres:$password@127.0.0.1:$port/production"
export DRIFTHOOKS__SHADOW__URL="postgresql://postgres:$password@127.0.0.1:$port/postgres"
cd "$repo"
for b in "$bin" ${other:+"$other"}; do printf 'exec %s/pre-push origin x < %s\n' "$b" "$work/refs" > "$work/push-$(echo "$b" | md5sum | cut -c1-8).sh"; done
echo "== the push, as the hook prints it (cold, then warm) =="
sh "$work/push-$(echo "$bin" | md5sum | cut -c1-8).sh" 2>&1 | grep -E "DH" || true
sh "$work/push-$(echo "$bin" | md5sum | cut -c1-8).sh" 2>&1 | grep -E "DH115" || true
args=(-n "pre-push + schema + exact check, warm ($bin)" "sh $work/push-$(echo "$bin" | md5sum | cut -c1-8).sh")
[ -n "$other" ] && args+=(-n "pre-push + schema + exact check, warm ($other)" "sh $work/push-$(echo "$other" | md5sum | cut -c1-8).sh")
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/push.json" "${args[@]}" >/dev/null
python3 - "$work/push.json" <<'PY'
import json, sys
print(f"{'command':100} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:100} {r['median']*1000:10.1f} {r['min']*1000:8.1f} {r['max']*1000:8.1f}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
