#!/usr/bin/env bash
# Records Prisma's verdict on every schema of this corpus: `prisma validate` (Prisma 6.19.3 of ../../../../shared/
# prisma-oracle). verdicts.txt lists `PROJECT/FILE valid|invalid PROVIDER`. Schemas without a datasource url (Prisma 7
# style) get `url = env("DATABASE_URL")` in a temporary copy, as schema-diff.sh does. Needs ORACLE_DATABASE_URL.
# Usage: record.sh [PROJECT/FILE.prisma…]  (all without arguments)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../oracle.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$here"
(( $# )) || set -- */*.prisma
for file in "$@"; do
  provider=$(grep -m1 -oE '^\s*provider\s*=\s*"(postgresql|postgres|mysql|sqlite|mongodb|sqlserver|cockroachdb)"' "$file" | grep -oE '[a-z]+"$' | tr -d '"')
  schema_with_url "$file" "$tmp/schema.prisma"
  # Prisma checks a datasource URL's scheme against its provider: every env("X") the schema names gets one that fits.
  case ${provider:-postgresql} in
    sqlite) url=file:./dev.db ;; mysql) url=mysql://user:pw@localhost:3306/db ;; mongodb) url=mongodb://localhost:27017/db ;;
    sqlserver) url='sqlserver://localhost:1433;database=db;user=sa;password=pw;encrypt=true' ;; *) url=$ORACLE_DATABASE_URL ;;
  esac
  vars=$(grep -oE 'env\("[A-Za-z_][A-Za-z0-9_]*"\)' "$file" | sed -E 's/env\("(.*)"\)/\1/' | sort -u)
  if (for v in $vars; do export "$v=$url"; done; ORACLE_SCHEMA="$tmp/schema.prisma" ORACLE_MIGRATIONS="$tmp" oracle validate) >"$tmp/out" 2>&1; then verdict=valid; else verdict=invalid; tail -5 "$tmp/out" >&2; fi
  record_verdict "$file" "$file $verdict ${provider:-none}"
done
