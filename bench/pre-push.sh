#!/usr/bin/env bash
# Times the native pre-push hook against a local PostgreSQL "production" holding 1,000 applied migrations
# (tables created, rows in Prisma's form), beside the real `prisma migrate status` (../shared/prisma-oracle)
# on the same folder and database. Needs PostgreSQL server binaries (apt-get install postgresql), hyperfine,
# and for the Prisma figure Node/npm. Usage: bench/pre-push.sh [RUNS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-100}
hook="$root/artifacts/native/pre-push"
bench_needs_native "$(dirname "$hook")"
bench_needs_hyperfine
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { as_pg "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir "$work/pg" && [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
echo "bench-pw" > "$work/pw" && chmod 644 "$work/pw"
as_pg "$bin/initdb" -D "$work/pg" -U postgres -A scram-sha-256 --pwfile="$work/pw" >/dev/null
as_pg "$bin/pg_ctl" -D "$work/pg" -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" -l "$work/pg/log" -w start >/dev/null
url="postgresql://postgres:bench-pw@127.0.0.1:$port/postgres"

"$root/bench/make-repo.sh" "$work/repo"
cd "$work/repo"
git -c core.hooksPath=/dev/null commit -q -m "add column" # the staged change becomes the pushed commit

# Production: every committed migration applied as Prisma applies it: its SQL, then its row.
{
  echo "$prisma_migrations_ddl"
  for dir in prisma/migrations/*/; do
    name=$(basename "$dir")
    [ "$name" = 20230101000000_add_column ] && continue
    cat "$dir/migration.sql"
    sum=$(sha256sum "$dir/migration.sql" | cut -d' ' -f1)
    echo "INSERT INTO \"_prisma_migrations\" VALUES (gen_random_uuid(), '$sum', now(), '$name', NULL, NULL, now(), 1);"
  done
} | PGPASSWORD=bench-pw psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null

export DRIFTHOOKS_PRODUCTION_URL="$url" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
echo "refs/heads/main $(git rev-parse HEAD) refs/heads/main $(printf '0%.0s' {1..40})" > "$work/refs"
"$hook" origin x < "$work/refs" || { echo "bench: the hook blocked the benchmark push; see above" >&2; exit 1; }

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/hook.json" \
  -n 'sh -c true (shell start, included below)' "sh -c true" \
  -n 'pre-push (1,000 applied + 1 pending)' "sh -c 'exec $hook origin x < $work/refs'" >/dev/null
hook_kb=$(/usr/bin/time -v sh -c "exec $hook origin x < $work/refs" 2>&1 >/dev/null | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p')

prisma_json=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  export ORACLE_DATABASE_URL="$url" ORACLE_SCHEMA="$work/repo/prisma/schema.prisma" ORACLE_MIGRATIONS="$work/repo/prisma/migrations"
  oracle="$shared/prisma-oracle/prisma.sh"
  if [ -x "$oracle" ] || [ -f "$oracle" ]; then
    bash "$oracle" migrate status >/dev/null 2>&1 || true # installs its packages on first use
    hyperfine -i --warmup 1 --runs 5 --export-json "$work/prisma.json" -n 'prisma migrate status' "bash $oracle migrate status" >/dev/null
    prisma_json="$work/prisma.json"
  fi
fi

python3 - "$work/hook.json" "$hook_kb" "$prisma_json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
if sys.argv[3]:
    rows += json.load(open(sys.argv[3]))["results"]
print("production: 1,000 applied migrations on a local PostgreSQL; the pushed commit adds 1 pending")
print(f"{'command':45} {'median ms':>10} {'min ms':>8}")
for r in rows:
    print(f"{r['command']:45} {r['median']*1000:10.2f} {r['min']*1000:8.2f}")
hook = rows[1]["median"]
if len(rows) > 2:
    print(f"pre-push is {rows[2]['median']/hook:.0f}x faster than prisma migrate status")
print(f"pre-push peak memory: {int(sys.argv[2])/1024:.1f} MiB")
PY
