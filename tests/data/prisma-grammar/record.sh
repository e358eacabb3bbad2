#!/usr/bin/env bash
# Records Prisma's verdict on every case of this folder: `prisma migrate diff --from-empty --to-schema-datamodel
# CASE --script` (Prisma 6.19.3, ../../../../shared/prisma-oracle). A schema Prisma accepts gets CASE.sql, the DDL
# Prisma would create; verdicts.txt lists `CASE valid|invalid`. Needs ORACLE_DATABASE_URL (any reachable PostgreSQL).
# Usage: record.sh [CASE.prisma…]  (all cases without arguments)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
oracle=$(cd "$here/../../../.." && pwd)/shared/prisma-oracle/prisma.sh
[[ -x $oracle ]] || { echo "record.sh: $oracle not found" >&2; exit 3; }
# One Prisma call at a time on this machine: the tests take the same lock (PrismaOracle.cs).
exec 9>"${TMPDIR:-/tmp}/drifthooks-prisma-oracle.lock"
oracle() { flock 9; "$oracle" "$@"; local code=$?; flock -u 9; return $code; }
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
  { grep -v "^$name " verdicts.txt 2>/dev/null; echo "$name $verdict"; } | sort > verdicts.tmp && mv verdicts.tmp verdicts.txt
  echo "$name $verdict"
done
