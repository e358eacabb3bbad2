# Sourced first by every benchmark script: what each of them needs before its own work, written once.
#   root       the repository
#   shared     ../shared beside the repository, found relative to it only (never a path of one machine)
#   bench_needs_native DIR   builds artifacts/native when DIR holds no drifthooks yet
#   bench_needs_hyperfine    exits 2, saying how to get it, when hyperfine is missing
#   bench_needs_corpus       sets corpus to ../shared/corpus/documenso, or exits 2 saying it is needed
#   prisma_migrations_ddl    Prisma's history table as `migrate deploy` creates it
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared"

bench_needs_native() {
  [ -x "$1/drifthooks" ] || bash "$root/install/install.sh" --build-only >/dev/null
}

bench_needs_hyperfine() {
  command -v hyperfine >/dev/null \
    || { echo "bench: hyperfine is needed (apt-get update && apt-get install -y hyperfine: a fresh machine knows no package lists)" >&2; exit 2; }
}

bench_needs_corpus() {
  corpus="$shared/corpus/documenso"
  [ -d "$corpus/migrations" ] || { echo "bench: the documenso corpus is needed (../shared/corpus/documenso beside the repository)" >&2; exit 2; }
}

prisma_migrations_ddl='CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);'

# Writes to OUT a psql script that applies each migration of the folder MIGRATIONS as `migrate deploy` does: the
# history table, then each migration.sql (\i) followed by its finished history row. Prints how many it holds.
prisma_deploy_script() {
  local migrations=$1 out=$2 dir name sum count=0
  echo "$prisma_migrations_ddl" > "$out"
  for dir in $(ls -d "$migrations"/*/ | sort); do
    name=$(basename "$dir"); [ -f "$dir/migration.sql" ] || continue
    sum=$(sha256sum "$dir/migration.sql" | cut -d' ' -f1)
    printf '\\i %s\nINSERT INTO "_prisma_migrations" VALUES (gen_random_uuid()::text, %s, clock_timestamp(), %s, NULL, NULL, clock_timestamp(), 1);\n' \
      "$dir/migration.sql" "'$sum'" "'$name'" >> "$out"
    count=$((count + 1))
  done
  echo "$count"
}
