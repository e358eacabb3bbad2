#!/usr/bin/env bash
# Records Prisma's verdict on whether a project's migrations produce its schema: for every line of verdicts.txt,
# `PROJECT SCHEMA LAST VERDICT`, the migrations of PROJECT/migrations up to LAST (by name) are replayed by Prisma
# 6.19.3 (../../../../../shared/prisma-oracle) on a fresh, empty database, `migrate diff --from-migrations …
# --to-schema-datamodel SCHEMA --exit-code`, and VERDICT becomes its exit code: 0 they produce it, 2 they do not.
# Needs ORACLE_DATABASE_URL: a PostgreSQL where that user may create databases (one is made and dropped per line).
# Usage: record.sh   (rewrites verdicts.txt)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../oracle.sh"
: "${ORACLE_DATABASE_URL:?set ORACLE_DATABASE_URL to a PostgreSQL whose user may create databases}"
export PGOPTIONS="-c client_min_messages=warning"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$here"
: > "$tmp/verdicts"
while read -r -u 3 project schema last _; do
  rm -rf "$tmp/migrations"; mkdir "$tmp/migrations"
  for folder in "$project"/migrations/*/; do
    name=$(basename "$folder"); [[ "$name" > "$last" ]] || cp -r "$folder" "$tmp/migrations/$name"
  done
  cp "$project/migrations/migration_lock.toml" "$tmp/migrations/"
  database="record_$$"; url="${ORACLE_DATABASE_URL%/*}/$database"
  psql "$ORACLE_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null || exit 3
  schema_with_url "$schema" "$tmp/schema.prisma"
  vars=$(grep -oE 'env\("[A-Za-z_][A-Za-z0-9_]*"\)' "$tmp/schema.prisma" | sed -E 's/env\("(.*)"\)/\1/' | sort -u)
  (for v in $vars; do export "$v=$url"; done
   ORACLE_DATABASE_URL=$url ORACLE_SCHEMA="$tmp/schema.prisma" ORACLE_MIGRATIONS="$tmp/migrations" \
     oracle migrate diff --from-migrations "$tmp/migrations" --to-schema-datamodel "$tmp/schema.prisma" --exit-code) >"$tmp/out" 2>&1
  verdict=$?
  psql "$ORACLE_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $database" >/dev/null
  [[ $verdict == [02] ]] || { tail -5 "$tmp/out" >&2; echo "record.sh: Prisma exited $verdict on $schema" >&2; exit 3; }
  echo "$project $schema $last $verdict" | tee -a "$tmp/verdicts"
done 3< verdicts.txt
cp "$tmp/verdicts" verdicts.txt
