# Sourced by the record.sh scripts below this folder: what each needs before recording Prisma's verdicts, written once.
#   oracle ARGS…              Prisma's CLI (../shared/prisma-oracle beside the repository), one call at a time on
#                             this machine: the tests take the same lock (PrismaOracle.cs)
#   record_verdict KEY LINE   puts LINE in verdicts.txt in place of KEY's line, sorted, and prints it
#   schema_with_url FROM TO   copies the schema FROM to TO; one without a datasource url (Prisma 7 style) gets
#                             url = env("DATABASE_URL") there, as schema-diff.sh does: no table changes
oracle_cli=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared/prisma-oracle/prisma.sh
[[ -x $oracle_cli ]] || { echo "record.sh: $oracle_cli not found" >&2; exit 3; }
exec 9>"${TMPDIR:-/tmp}/drifthooks-prisma-oracle.lock"
oracle() { flock 9; "$oracle_cli" "$@"; local code=$?; flock -u 9; return $code; }
record_verdict() {
  { grep -v "^$1 " verdicts.txt 2>/dev/null; echo "$2"; } | sort > verdicts.tmp && mv verdicts.tmp verdicts.txt
  echo "$2"
}
schema_with_url() {
  if grep -Eq '^[[:space:]]*url[[:space:]]*=' "$1"; then cp "$1" "$2"
  else sed -E '0,/^[[:space:]]*datasource[[:space:]]+[A-Za-z0-9_]+[[:space:]]*\{/s//&\n  url = env("DATABASE_URL")/' "$1" > "$2"; fi
}
