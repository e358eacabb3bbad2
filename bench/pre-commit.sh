#!/usr/bin/env bash
# Times the native pre-commit hook on a large repository (20,000 files, 1,000 migrations, a staged schema
# edit with its migration) beside `git diff --cached --name-status` on the same repository, and prints
# medians and peak memory. Needs hyperfine (apt-get update && apt-get install -y hyperfine: a fresh machine knows no package lists) and GNU time (/usr/bin/time).
# Usage: bench/pre-commit.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-200}
hook="$root/artifacts/native/pre-commit"
[ -x "$hook" ] || bash "$root/install/install.sh" --build-only >/dev/null
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get update && apt-get install -y hyperfine: a fresh machine knows no package lists)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/make-repo.sh" "$work/repo"
cd "$work/repo"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
unset GIT_DIR GIT_INDEX_FILE

"$hook" || { echo "bench: the hook refused the benchmark commit; see above" >&2; exit 1; }

# Case 1: staged with `git add`, as a developer does; git's cache-tree is invalid along the changed paths.
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/added.json" \
  -n 'git diff --cached --name-status' 'git diff --cached --name-status' \
  -n 'pre-commit (schema edit + migration staged)' "$hook" >/dev/null

# Case 2: the same change with the index rewritten whole (stash and pop --index): every folder id in the
# cache-tree is valid, the migrations folder's too, so the hook compares that folder entry by entry with HEAD.
git stash -q && git stash pop -q --index
"$hook"
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/whole.json" \
  -n 'git diff --cached --name-status (index rewritten)' 'git diff --cached --name-status' \
  -n 'pre-commit (same, index rewritten)' "$hook" >/dev/null

# Case 3: the same repository with the staged change of a file outside Prisma only.
git stash -q && echo "// touched" >> src/module000/file0000.ts && git add src/module000/file0000.ts
"$hook"
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/other.json" \
  -n 'git diff --cached --name-status (no Prisma file)' 'git diff --cached --name-status' \
  -n 'pre-commit (no Prisma file staged)' "$hook" >/dev/null
git reset -q --hard && git stash pop -q --index
git reset -q && git add prisma/schema.prisma prisma/migrations/20300101000000_add_column/migration.sql

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p'; }
git_kb=$(peak git diff --cached --name-status)
hook_kb=$(peak "$hook")

python3 - "$work/added.json" "$work/whole.json" "$work/other.json" "$git_kb" "$hook_kb" <<'PY'
import json, sys
print(f"repository: 21,003 files, 1,000 migrations; {len(json.load(open(sys.argv[1]))['results'][0]['times'])} runs each")
print(f"{'command':50} {'median ms':>10} {'min ms':>8} {'x git':>6}")
for path in sys.argv[1:4]:
    git, hook = json.load(open(path))["results"]
    for r in (git, hook):
        print(f"{r['command']:50} {r['median']*1000:10.2f} {r['min']*1000:8.2f} {r['median']/git['median']:6.2f}")
print(f"peak memory (case 1): git diff --cached {int(sys.argv[4])/1024:.1f} MiB, pre-commit {int(sys.argv[5])/1024:.1f} MiB")
PY
