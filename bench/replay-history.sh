#!/usr/bin/env bash
# Replays a real Prisma project's history through the installed native pre-commit hook, commit by commit, each
# judged as git would judge it when its author committed it (its first parent as HEAD, its tree staged), and
# reports which commits were refused and by which codes (bench/replay-history.py does the walking).
# Usage: bench/replay-history.sh GIT_DIR [OUT_DIR [--last N | --from N --limit N | --only SHA…]]
#   GIT_DIR  a clone with full history, bare or not, e.g.
#            git clone --bare https://github.com/triggerdotdev/trigger.dev trigger.dev.git
#   OUT_DIR  where results.tsv and log/<commit>.txt go (default: a temporary folder, printed)
#   --last N the newest N commits touching a Prisma folder; --only SHA… just those commits (replay-history.py --help)
#   bench/replay-verify.sh OUT_DIR then checks every refusal with Prisma's own CLI.
#   DRIFTHOOKS_BIN=DIR   the drifthooks to install (default artifacts/native, built if missing)
#   REPLAY_BRANCH=NAME   the source's default branch (default its HEAD)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ $# -ge 1 ] || { echo "usage: bench/replay-history.sh GIT_DIR [OUT_DIR]" >&2; exit 2; }
source_dir=$1
git -C "$source_dir" rev-parse --git-dir >/dev/null 2>&1 || { echo "replay: $source_dir is not a git repository" >&2; exit 2; }
[ "$(git -C "$source_dir" rev-parse --is-shallow-repository)" = false ] \
  || { echo "replay: $source_dir is shallow; fetch its whole history first (git fetch --unshallow)" >&2; exit 2; }
bin="${DRIFTHOOKS_BIN:-$root/artifacts/native}"
bench_needs_native "$bin"
out=${2:-$(mktemp -d)}
shift $(( $# < 2 ? $# : 2 ))
[ ! -e "$out/repo" ] || { echo "replay: $out already holds a replay; give an empty folder" >&2; exit 2; }
echo "replaying $(git -C "$source_dir" rev-parse --short HEAD) of $source_dir with $("$bin/drifthooks" --version) into $out"
branch=()
[ -z "${REPLAY_BRANCH:-}" ] || branch=(--branch "$REPLAY_BRANCH")
python3 "$root/bench/replay-history.py" "$source_dir" "$bin" "$out" "${branch[@]}" "$@"
