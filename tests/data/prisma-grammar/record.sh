#!/usr/bin/env bash
# Records Prisma's verdict on every case of this folder: `prisma migrate diff --from-empty --to-schema-datamodel
# CASE --script` (Prisma 6.19.3, ../../../../shared/prisma-oracle). A schema Prisma accepts gets CASE.sql, the DDL
# Prisma would create; verdicts.txt lists `CASE valid|invalid`. Needs ORACLE_DATABASE_URL (any reachable PostgreSQL).
# Usage: record.sh [CASE.prisma…]  (all cases without arguments)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../oracle.sh"
empty=$(mktemp -d); trap 'rm -rf "$empty"' EXIT
cd "$here"
(( $# )) || set -- *.prisma
for file in "$@"; do
  name=${file%.prisma}
  if out=$(ORACLE_SCHEMA="$here/$file" ORACLE_MIGRATIONS="$empty" oracle migrate diff --from-empty --to-schema-datamodel "$here/$file" --script 2>/dev/null); then
    printf '%s\n' "$out" | sed -n '/^-- /,$p' > "$name.sql"; verdict=valid
  else
    rm -f "$name.sql"; verdict=invalid
  fi
  record_verdict "$name" "$name $verdict"
done
