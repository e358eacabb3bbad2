#!/usr/bin/env bash
# Windows smoke test under Wine: a win-x64 self-contained (JIT) build of drifthooks, run by Debian's wine64 on a real
# repository made by Linux git: --version, --help, pre-commit refusing DH101 (LF and CRLF schemas alike) and passing
# once the migration is staged, status and check, and output in UTF-8 (the console's code page would print "?").
# Native AOT cannot cross-compile to Windows from Linux, so this is the JIT build of the same code; the release
# workflow's Windows runner runs the whole suite. Prints "windows smoke: N passed, N failed" last; exit 0 when all
# passed, 1 when one failed, 2 when it cannot run here (no wine64: apt-get install wine64).
#   WINDOWS_BUILD=DIR   an existing win-x64 publish folder holding drifthooks.exe (default: build one)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wine=$(command -v wine64 || command -v wine || ls /usr/lib/wine/wine64 2>/dev/null) \
  || { echo "windows smoke: wine64 is needed (apt-get install wine64); not run"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WINEDEBUG=-all WINEPREFIX="$work/wineprefix" NO_COLOR=1
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

build=${WINDOWS_BUILD:-}
if [ -z "$build" ]; then
  # Built from a copy of the sources: a win-x64 restore in the tree would rewrite the Linux build's project.assets.json.
  mkdir -p "$work/src"
  (cd "$root" && tar --exclude=bin --exclude=obj -cf - src hooks Directory.Build.props Directory.Packages.props .editorconfig) | tar -xf - -C "$work/src"
  build="$work/win-x64"
  dotnet publish "$work/src/src/DriftHooks.Cli" -c Release -r win-x64 --self-contained -p:PublishAot=false -o "$build" --nologo -v q >"$work/publish.log" 2>&1 \
    || { tail -20 "$work/publish.log"; echo "windows smoke: 0 passed, 1 failed (the win-x64 build failed)"; exit 1; }
fi
exe="$build/drifthooks.exe"
[ -f "$exe" ] || { echo "windows smoke: $exe is missing; 0 passed, 1 failed"; exit 1; }

passed=0; failed=0
# run NAME EXPECTED_EXIT PATTERN [ARGS…]: runs drifthooks.exe under wine in the repository, checks exit code and output.
run() {
  local name=$1 expected=$2 pattern=$3; shift 3
  local out code
  out=$(cd "$repo" && timeout 120 "$wine" "$exe" "$@" 2>&1); code=$?
  if [ "$code" -eq "$expected" ] && grep -qE -- "$pattern" <<<"$out"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name (exit $code, expected $expected; wanted /$pattern/)"; sed 's/^/     | /' <<<"$out" | head -20
  fi
}

make_repo() { # make_repo DIR EOL: a Prisma project with one committed migration; EOL is "\n" or "\r\n"
  repo=$1
  git init -q -b main "$repo"
  git -C "$repo" config user.email smoke@example.com; git -C "$repo" config user.name smoke
  mkdir -p "$repo/prisma/migrations/20240101000000_init"
  printf "datasource db {$2  provider = \"postgresql\"$2  url      = env(\"DATABASE_URL\")$2}$2$2model User {$2  id    Int    @id @default(autoincrement())$2  email String @unique$2}$2" > "$repo/prisma/schema.prisma"
  printf 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n' \
    > "$repo/prisma/migrations/20240101000000_init/migration.sql"
  printf 'provider = "postgresql"\n' > "$repo/prisma/migrations/migration_lock.toml"
  git -C "$repo" add -A && git -C "$repo" commit -q -m init
}

repo="$work"
run "--version" 0 '^[0-9]+\.[0-9]+\.[0-9]+' --version
run "--help" 0 'status' --help

for eol in LF CRLF; do
  sep='\n'; [ "$eol" = CRLF ] && sep='\r\n'
  make_repo "$work/repo-$eol" "$sep"
  base=$(git -C "$repo" rev-parse HEAD)
  sed -i 's/  email String @unique/  email String @unique\n  name  String?/' "$repo/prisma/schema.prisma"
  [ "$eol" = CRLF ] && sed -i 's/  name  String?$/  name  String?\r/' "$repo/prisma/schema.prisma"
  git -C "$repo" add -A
  run "pre-commit refuses a schema edit without its migration ($eol)" 1 'DH101' hook pre-commit
  run "its message is UTF-8, not the console code page ($eol)" 1 'git commit …' hook pre-commit
  mkdir -p "$repo/prisma/migrations/20240201000000_add_name"
  printf 'ALTER TABLE "User" ADD COLUMN "name" TEXT;\n' > "$repo/prisma/migrations/20240201000000_add_name/migration.sql"
  git -C "$repo" add -A
  run "pre-commit passes once the migration is staged ($eol)" 0 '' hook pre-commit
  git -C "$repo" commit -q --no-verify -m "add name"
  run "status reads the repository ($eol)" 0 '20240201000000_add_name +committed' status
  run "check passes the range ($eol)" 0 '' check --base "$base"
  git -C "$repo" rm -q -r "prisma/migrations/20240101000000_init" && git -C "$repo" commit -q --no-verify -m "delete init"
  run "check refuses a deleted migration ($eol)" 1 'DH' check --base "$base"
done

echo "windows smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
