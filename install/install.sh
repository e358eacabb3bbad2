#!/usr/bin/env bash
# Builds DriftHooks's native-AOT executable into artifacts/native/ (drifthooks, and pre-commit and pre-push: the same
# file under the hooks' names) and, unless --build-only is given,
# installs the hooks into the git repository of the current directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/native"
build_only=false
for arg in "$@"; do
  case "$arg" in
    --build-only) build_only=true ;;
    -h|--help) echo "usage: install/install.sh [--build-only]"; exit 0 ;;
    *) echo "install.sh: unknown argument '$arg' (usage: install/install.sh [--build-only])" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null || { echo "install.sh: the .NET SDK (dotnet) is needed to build DriftHooks" >&2; exit 2; }

mkdir -p "$out"
echo "building src/DriftHooks.Cli (native AOT)…"
# ContinuousIntegrationBuild maps source paths away: two clones of one commit build byte-identical executables.
dotnet publish "$root/src/DriftHooks.Cli" -c Release -o "$out" --nologo -v quiet -p:DebugType=none -p:DebugSymbols=false \
  -p:ContinuousIntegrationBuild=true >/dev/null \
  || { echo "install.sh: building DriftHooks failed; run 'dotnet publish src/DriftHooks.Cli -c Release' to see why" >&2; exit 1; }
rm -f "$out"/*.dbg "$out"/*.pdb
# One executable is drifthooks and every hook; under a hook's name it runs that hook (hard links: no copies).
exe=""; [ -f "$out/drifthooks.exe" ] && exe=".exe"   # Windows (Git Bash)
for hook in pre-commit pre-push; do
  ln -f "$out/drifthooks$exe" "$out/$hook$exe"
done
echo "built: $(cd "$out" && ls | tr '\n' ' ')in $out"

if [ "$build_only" = false ]; then
  if git rev-parse --git-dir >/dev/null 2>&1; then
    "$out/drifthooks" install
  else
    echo "not inside a git repository: run '$out/drifthooks install' inside the repository to protect"
  fi
fi
