#!/usr/bin/env bash
# Times the native pre-commit hook on a large repository (20,000 files, 1,000 migrations, a staged schema
# edit with its migration) beside `git diff --cached --name-status` on the same repository, and prints
# medians and peak memory. Needs hyperfine (apt-get update && apt-get install -y hyperfine: a fresh machine knows no package lists) and GNU time (/usr/bin/time).
# The hook is timed as git runs it: installed by `drifthooks install`, the hook script that execs the executable.
# Usage: bench/pre-commit.sh [RUNS]
#   DRIFTHOOKS_BIN=DIR       the drifthooks to install (default artifacts/native; e.g. an unpacked npm package's bin)
#   DRIFTHOOKS_BASELINE=EXE  also time another build's pre-commit executable in the same rounds (run directly, as
#                            older installs linked it), to compare two builds on the same moments of the machine
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs=${1:-200}
bin="${DRIFTHOOKS_BIN:-$root/artifacts/native}"
baseline="${DRIFTHOOKS_BASELINE:-}"
bench_needs_native "$bin"
bench_needs_hyperfine

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/make-repo.sh" "$work/repo"
cd "$work/repo"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1
unset GIT_DIR GIT_INDEX_FILE
"$bin/drifthooks" install >/dev/null
hook="$PWD/.git/hooks/pre-commit"
echo "$(du -b "$bin/drifthooks" | cut -f1) bytes: $bin/drifthooks ($("$bin/drifthooks" --version))"

"$hook" || { echo "bench: the hook refused the benchmark commit; see above" >&2; exit 1; }

# Each case in rounds of hyperfine: git's command, then the hook. The machine's speed drifts over a minute, so the
# ratio is taken round by round (the two measured moments apart, not a minute apart) and its median is reported.
rounds=10
timed() { # case-file, git label, hook label
  local extra=()
  [ -n "$baseline" ] && extra=(-n "baseline ${3%% (*}" "$baseline")
  for round in $(seq 1 "$rounds"); do
    hyperfine -N --warmup 5 --runs "$(( (runs + rounds - 1) / rounds ))" --export-json "$work/$1.$round.json" \
      -n "$2" 'git diff --cached --name-status' -n "$3" "$hook" "${extra[@]}" >/dev/null
  done
}

# Case 1: staged with `git add`, as a developer does; git's cache-tree is invalid along the changed paths.
timed added 'git diff --cached --name-status' 'pre-commit (schema edit + migration staged)'

# Case 2: the same change with the index rewritten whole (stash and pop --index): every folder id in the
# cache-tree is valid, the migrations folder's too, so the hook compares that folder entry by entry with HEAD.
git stash -q && git stash pop -q --index
"$hook"
timed whole 'git diff --cached --name-status (index rewritten)' 'pre-commit (same, index rewritten)'

# Case 3: the same repository with the staged change of a file outside Prisma only.
git stash -q && echo "// touched" >> src/module000/file0000.ts && git add src/module000/file0000.ts
"$hook"
timed other 'git diff --cached --name-status (no Prisma file)' 'pre-commit (no Prisma file staged)'
git reset -q --hard && git stash pop -q --index
git reset -q && git add prisma/schema.prisma prisma/migrations/20230101000000_add_column/migration.sql

# Case 4: a schema edit of 50 columns and 50 indexes with its 100-statement migration: DH115 replays every statement
# on HEAD's schema model and compares the result with the staged schema's.
git stash -q
awk '{ print } /^  tags      Tag\[\]$/ { for (i = 1; i <= 50; i++) printf "  extra%02d String?\n", i; for (i = 1; i <= 50; i++) printf "\n  @@index([extra%02d])", i; print "" }' \
  prisma/schema.prisma >prisma/schema.prisma.wide && mv prisma/schema.prisma.wide prisma/schema.prisma
mkdir -p prisma/migrations/20230102000000_wide
for i in $(seq -w 1 50); do printf -- '-- AlterTable\nALTER TABLE "Post" ADD COLUMN "extra%s" TEXT;\n\n' "$i"; done >prisma/migrations/20230102000000_wide/migration.sql
for i in $(seq -w 1 50); do printf -- '-- CreateIndex\nCREATE INDEX "Post_extra%s_idx" ON "Post"("extra%s");\n\n' "$i" "$i"; done >>prisma/migrations/20230102000000_wide/migration.sql
git add prisma/schema.prisma prisma/migrations/20230102000000_wide/migration.sql
"$hook" || { echo "bench: the hook refused the 100-statement migration; see above" >&2; exit 1; }
timed wide 'git diff --cached --name-status (100-statement migration)' 'pre-commit (100-statement migration staged)'
git reset -q --hard && rm -rf prisma/migrations/20230102000000_wide && git stash pop -q --index
git reset -q && git add prisma/schema.prisma prisma/migrations/20230101000000_add_column/migration.sql

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p'; }
git_kb=$(peak git diff --cached --name-status)
hook_kb=$(peak "$hook")

python3 - "$work" "$rounds" "$git_kb" "$hook_kb" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def load(case):
    results = [json.load(open(f"{work}/{case}.{r}.json"))["results"] for r in range(1, rounds + 1)]
    git = [t for res in results for t in res[0]["times"]]
    hook = [t for res in results for t in res[1]["times"]]
    ratios = [res[1]["median"] / res[0]["median"] for res in results]
    base = None
    if len(results[0]) > 2:
        base = ([t for res in results for t in res[2]["times"]], [res[2]["median"] / res[0]["median"] for res in results],
                [res[1]["median"] / res[2]["median"] for res in results])
    return results[0][0]["command"], results[0][1]["command"], git, hook, ratios, base
print(f"repository: 21,003 files, 1,000 migrations; {rounds} rounds per case, {len(load('added')[2])} runs of each command")
print(f"{'command':50} {'median ms':>10} {'min ms':>8} {'x git':>6} {'rounds':>12}")
for case in ("added", "whole", "other", "wide"):
    git_name, hook_name, git, hook, ratios, base = load(case)
    print(f"{git_name:50} {statistics.median(git)*1000:10.2f} {min(git)*1000:8.2f} {1:6.2f}")
    print(f"{hook_name:50} {statistics.median(hook)*1000:10.2f} {min(hook)*1000:8.2f} {statistics.median(ratios):6.2f} {min(ratios):5.2f}-{max(ratios):.2f}")
    if base:
        times, base_ratios, paired = base
        print(f"{'baseline (DRIFTHOOKS_BASELINE)':50} {statistics.median(times)*1000:10.2f} {min(times)*1000:8.2f} {statistics.median(base_ratios):6.2f} {min(base_ratios):5.2f}-{max(base_ratios):.2f}")
        print(f"{'  hook / baseline, round by round':50} {'':10} {'':8} {statistics.median(paired):6.2f} {min(paired):5.2f}-{max(paired):.2f}")
print("x git: the median over the rounds of (hook median / git median) within a round; rounds: its lowest and highest")
print(f"peak memory (case 1): git diff --cached {int(sys.argv[3])/1024:.1f} MiB, pre-commit {int(sys.argv[4])/1024:.1f} MiB")
PY
