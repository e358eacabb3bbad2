#!/usr/bin/env bash
# Times the native pre-commit hook on a large repository (20,000 files, 1,000 migrations, a staged schema
# edit with its migration) beside `git diff --cached --name-status` on the same repository, and prints
# medians and peak memory. Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
# Usage: bench/pre-commit.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-200}
hook="$root/artifacts/native/pre-commit"
[ -x "$hook" ] || bash "$root/install/install.sh" --build-only >/dev/null
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/make-repo.sh" "$work/repo"
cd "$work/repo"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
unset GIT_DIR GIT_INDEX_FILE

"$hook" || { echo "bench: the hook refused the benchmark commit; see above" >&2; exit 1; }
# A second case: the same repository with the staged change of a file outside Prisma only.
git stash -q && echo "// touched" >> src/module000/file0000.ts && git add src/module000/file0000.ts
"$hook"
git reset -q --hard && git stash pop -q --index

hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/staged.json" \
  -n 'git diff --cached --name-status' 'git diff --cached --name-status' \
  -n 'pre-commit (schema edit + migration staged)' "$hook" >/dev/null

git stash -q && echo "// touched" >> src/module000/file0000.ts && git add src/module000/file0000.ts
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/other.json" \
  -n 'pre-commit (no Prisma file staged)' "$hook" >/dev/null
git reset -q --hard && git stash pop -q --index

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p'; }
git_kb=$(peak git diff --cached --name-status)
hook_kb=$(peak "$hook")

python3 - "$work/staged.json" "$work/other.json" "$git_kb" "$hook_kb" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
git = rows[0]["median"]
print(f"repository: 21,003 files, 1,000 migrations; {rows[0]['times'].__len__()} runs each")
print(f"{'command':45} {'median ms':>10} {'min ms':>8} {'x git':>6}")
for r in rows:
    print(f"{r['command']:45} {r['median']*1000:10.2f} {r['min']*1000:8.2f} {r['median']/git:6.2f}")
print(f"peak memory: git diff --cached {int(sys.argv[3])/1024:.1f} MiB, pre-commit {int(sys.argv[4])/1024:.1f} MiB")
PY
