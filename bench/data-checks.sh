#!/usr/bin/env bash
# The data check's cost (issue 21). A throwaway PostgreSQL "production" holds "Big", one million rows, and "Ref":
# 1. each kind of question the check asks, as it asks it (read-only transaction, statement_timeout), timed with and
#    without an index that serves it (median of 5);
# 2. what happens at the timeout: the duplicates question over an unindexed column under a 2 s (the default) and a
#    0.2 s statement_timeout;
# 3. the pre-push hook on a risky push whose one question is slow (a unique index over the unindexed column), with the
#    default 2 s and a 0.2 s Production:DataCheckTimeoutSeconds: what it prints, its exit code, how long it takes;
# 4. the pre-push hook on an ordinary push (a migration with no risky statement: nothing is asked), paired with another
#    build given as OTHER_BUILD_DIR (e.g. a copy of artifacts/native from before the check): ten rounds, each timing
#    both (the order alternating), so that every ratio compares neighbouring moments of a machine whose load drifts.
# The tables are VACUUMed and ANALYZEd, as autovacuum leaves a settled production table (index-only scans need it).
# Needs PostgreSQL (apt-get install postgresql) and hyperfine. Usage: bench/data-checks.sh [RUNS] [OTHER_BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-30}; other=${2:-}
bin="$root/artifacts/native"
[ -x "$bin/pre-push" ] || bash "$root/install/install.sh" --build-only >/dev/null
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get update && apt-get install -y hyperfine)" >&2; exit 2; }
source "$root/bench/postgres.sh"
start_bench_postgres data-checks
psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c 'CREATE DATABASE production'
psql -d production <<'SQL'
CREATE TABLE "Ref" ("id" INTEGER PRIMARY KEY, "code" INTEGER NOT NULL);
INSERT INTO "Ref" SELECT g, g FROM generate_series(1, 100000) g;
CREATE TABLE "Big" ("id" SERIAL PRIMARY KEY, "email" TEXT, "email2" TEXT, "ref" INTEGER, "name" VARCHAR(100));
INSERT INTO "Big" ("email", "email2", "ref", "name")
  SELECT 'user' || g || '@example.com', 'user' || g || '@example.com', 1 + g % 100000, 'name ' || g FROM generate_series(1, 1000000) g;
UPDATE "Big" SET "email" = NULL, "email2" = NULL WHERE "id" % 1000 = 0;
CREATE INDEX "Big_email_idx" ON "Big" ("email");  -- "email" has an index, "email2" the same values without one
SQL
psql -d production -c 'VACUUM (ANALYZE)'

# One question as the check sends it: in a read-only transaction, under a savepoint with its own statement_timeout.
ask() { # timeout_ms sql -> prints ms (or "timeout")
  local out
  out=$(psql -d production -t -A 2>&1 <<SQL || true
BEGIN; SET TRANSACTION READ ONLY; SAVEPOINT q; SET LOCAL statement_timeout = $1; SET LOCAL lock_timeout = $1;
\timing on
$2;
\timing off
ROLLBACK;
SQL
)
  if grep -q "canceling statement due to statement timeout" <<<"$out"; then echo timeout; else grep -oE 'Time: [0-9.]+' <<<"$out" | tail -1 | cut -d' ' -f2; fi
}
median() { sort -g | awk '{a[NR]=$1} END {print (a[int((NR+1)/2)])}'; }
time_question() { # label sql
  local times=() t
  for _ in 1 2 3 4 5; do t=$(ask 600000 "$2"); times+=("$t"); done
  printf '%-78s %10s ms\n' "$1" "$(printf '%s\n' "${times[@]}" | median)"
}
cap=10001
count() { echo "SELECT count(*) FROM (SELECT 1 FROM \"Big\"${2:+ WHERE $2} LIMIT $cap) AS in_the_way"; }
echo "== questions on a table of 1,000,000 rows (median of 5, read-only transaction) =="
time_question "1 required column: rows in the table (LIMIT)" "$(count Big)"
time_question "2 SET NOT NULL: NULLs, column with an index" "$(count Big '"email" IS NULL')"
time_question "2 SET NOT NULL: NULLs, column without an index" "$(count Big '"email2" IS NULL')"
time_question "3 unique: duplicates, column with an index" "SELECT count(*) FROM (SELECT 1 FROM \"Big\" WHERE \"email\" IS NOT NULL GROUP BY \"email\" HAVING count(*) > 1 LIMIT $cap) AS in_the_way"
time_question "3 unique: duplicates, column without an index" "SELECT count(*) FROM (SELECT 1 FROM \"Big\" WHERE \"email2\" IS NOT NULL GROUP BY \"email2\" HAVING count(*) > 1 LIMIT $cap) AS in_the_way"
time_question "4 enum value removed: rows holding it (no index)" "$(count Big '"name"::text IN ('"'"'gone'"'"')')"
time_question "5 varchar shrunk: values longer than 5 (no index can serve it)" "$(count Big 'char_length("name") > 5')"
time_question "6 foreign key: orphans, referenced key indexed (primary key)" "SELECT count(*) FROM (SELECT 1 FROM \"Big\" AS s WHERE s.\"ref\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"Ref\" AS r WHERE r.\"id\" = s.\"ref\") LIMIT $cap) AS in_the_way"
time_question "6 foreign key: orphans, referenced column without an index" "SELECT count(*) FROM (SELECT 1 FROM \"Big\" AS s WHERE s.\"ref\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"Ref\" AS r WHERE r.\"code\" = s.\"ref\") LIMIT $cap) AS in_the_way"
time_question "7 CHECK: rows violating char_length(name) > 3" "$(count Big '(char_length("name") > 3) IS FALSE')"
time_question "data loss: non-null values of a dropped column" "$(count Big '"email2" IS NOT NULL')"

echo "== at the timeout: duplicates over the unindexed column =="
printf '%-78s %10s\n' "statement_timeout 2000 ms (the default)" "$(ask 2000 "SELECT count(*) FROM (SELECT 1 FROM \"Big\" WHERE \"email2\" IS NOT NULL GROUP BY \"email2\" HAVING count(*) > 1 LIMIT $cap) AS in_the_way")"
printf '%-78s %10s\n' "statement_timeout 200 ms" "$(ask 200 "SELECT count(*) FROM (SELECT 1 FROM \"Big\" WHERE \"email2\" IS NOT NULL GROUP BY \"email2\" HAVING count(*) > 1 LIMIT $cap) AS in_the_way")"

# An ordinary push: production applied 1 migration creating "Big" and "Ref" (recorded as Prisma does); the push adds
# a nullable column and an index, no statement that can fail on data, so the check asks nothing.
repo="$work/repo"; mkdir -p "$repo/prisma/migrations/20240101000000_init" "$repo/prisma/migrations/20240102000000_plain"
printf 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Ref {\n  id   Int @id\n  code Int\n}\n\nmodel Big {\n  id     Int     @id @default(autoincrement())\n  email  String?\n  email2 String?\n  ref    Int?\n  name   String? @db.VarChar(100)\n  nick   String?\n\n  @@index([email])\n}\n' > "$repo/prisma/schema.prisma"
printf 'provider = "postgresql"\n' > "$repo/prisma/migrations/migration_lock.toml"
echo '-- the tables production holds' > "$repo/prisma/migrations/20240101000000_init/migration.sql"
printf -- '-- AlterTable\nALTER TABLE "Big" ADD COLUMN     "nick" TEXT;\n' > "$repo/prisma/migrations/20240102000000_plain/migration.sql"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
git -C "$repo" init -q -b main && git -C "$repo" add prisma/schema.prisma prisma/migrations/migration_lock.toml prisma/migrations/20240101000000_init
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m base
base=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" add -A && git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m plain
sum=$(sha256sum "$repo/prisma/migrations/20240101000000_init/migration.sql" | cut -d' ' -f1)
psql -d production -c "CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY, \"checksum\" VARCHAR(64) NOT NULL, \"finished_at\" TIMESTAMPTZ, \"migration_name\" VARCHAR(255) NOT NULL, \"logs\" TEXT, \"rolled_back_at\" TIMESTAMPTZ, \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(), \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0);
  INSERT INTO \"_prisma_migrations\" VALUES (gen_random_uuid()::text, '$sum', now(), '20240101000000_init', NULL, NULL, now(), 1);"
echo "refs/heads/main $(git -C "$repo" rev-parse HEAD) refs/heads/main $base" > "$work/refs"
# The risky push: the same, then a unique index over "email2" (a million values, no index to serve the question).
mkdir -p "$repo/prisma/migrations/20240103000000_unique"
printf -- '-- CreateIndex\nCREATE UNIQUE INDEX "Big_email2_key" ON "Big"("email2");\n' > "$repo/prisma/migrations/20240103000000_unique/migration.sql"
sed -i 's/  email2 String?/  email2 String? @unique/' "$repo/prisma/schema.prisma"
git -C "$repo" add -A && git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m unique
echo "refs/heads/main $(git -C "$repo" rev-parse HEAD) refs/heads/main $base" > "$work/refs-risky"
export DRIFTHOOKS_PRODUCTION_URL="postgresql://postgres:$password@127.0.0.1:$port/production"
cd "$repo"

echo "== a risky push whose one question is slow: a unique index over 1,000,000 unindexed values =="
for timeout in 2 0.2; do
  start=$(date +%s%N); code=0
  out=$(DRIFTHOOKS__PRODUCTION__DATACHECKTIMEOUTSECONDS=$timeout "$bin/pre-push" origin x < "$work/refs-risky" 2>&1) || code=$?
  echo "Production:DataCheckTimeoutSeconds $timeout: exit $code after $(( ($(date +%s%N) - start) / 1000000 )) ms"
  grep -E "DH5" <<<"$out" | sed 's/^/  /' || echo "  no data-check finding: production answered within the timeout (no duplicate)"
done

echo "== the ordinary push, as the hook prints it =="
"$bin/pre-push" origin x < "$work/refs" 2>&1 | grep -E "DH" || true
rounds=10; per=$(( (runs + rounds - 1) / rounds ))
this=(-n this "sh -c 'exec $bin/pre-push origin x < $work/refs'")
that=(-n other "sh -c 'exec ${other:-$bin}/pre-push origin x < $work/refs'")
for round in $(seq 1 $rounds); do
  if [ -z "$other" ]; then args=("${this[@]}"); elif [ $((round % 2)) = 0 ]; then args=("${that[@]}" "${this[@]}"); else args=("${this[@]}" "${that[@]}"); fi
  hyperfine -N --warmup 2 --runs "$per" --export-json "$work/push-$round.json" "${args[@]}" >/dev/null
done
python3 - "$work" "$rounds" "$bin" "$other" <<'PY'
import json, statistics, sys
work, rounds, labels = sys.argv[1], int(sys.argv[2]), {"this": sys.argv[3], "other": sys.argv[4]}
times, ratios = {"this": [], "other": []}, []
for r in range(1, rounds + 1):
    results = {x["command"]: x for x in json.load(open(f"{work}/push-{r}.json"))["results"]}
    for name, result in results.items():
        times[name] += result["times"]
    if "other" in results:
        ratios.append(results["this"]["median"] / results["other"]["median"])
print(f"{'pre-push, ordinary push (build)':60} {'median ms':>10} {'min ms':>8} {'runs':>5}")
for name in ("this", "other"):
    if times[name]:
        print(f"{labels[name]:60} {statistics.median(times[name]) * 1000:10.1f} {min(times[name]) * 1000:8.1f} {len(times[name]):5}")
if ratios:
    ratios.sort()
    print(f"this build / the other, median of the {len(ratios)} round ratios: {statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
