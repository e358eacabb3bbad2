#!/usr/bin/env bash
# Installs DriftHooks from a release archive for this machine, after checking the archive against the release's
# SHA256SUMS: nothing is unpacked unless the checksum matches.
# Usage: install-release.sh --from <release download URL or folder> [--prefix DIR] [--bin DIR]
#   e.g. --from https://github.com/<owner>/<repo>/releases/download/v0.1.0
#   --prefix: where the executable and libgit2 go (default ~/.local/share/drifthooks)
#   --bin:    where the drifthooks link goes (default ~/.local/bin; on Windows, add the prefix to PATH instead)
#   --print-rid: print this machine's runtime identifier (linux-x64, linux-musl-arm64, osx-arm64, win-x64…) and exit
set -euo pipefail
from=""; prefix="$HOME/.local/share/drifthooks"; bin="$HOME/.local/bin"; print_rid=false
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2%/}"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --print-rid) print_rid=true; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install-release.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

case "$(uname -s)" in
  Linux) os=linux; if ldd --version 2>&1 | grep -qi musl; then os=linux-musl; fi ;;
  Darwin) os=osx ;;
  MINGW*|MSYS*|CYGWIN*) os=win ;;
  *) echo "install-release.sh: no DriftHooks build for $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "install-release.sh: no DriftHooks build for $(uname -m)" >&2; exit 2 ;;
esac
rid="$os-$arch"
if [ "$print_rid" = true ]; then echo "$rid"; exit 0; fi
[ -n "$from" ] || { echo "install-release.sh: --from <release URL or folder> is needed (see --help)" >&2; exit 2; }

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fetch() {
  case "$from" in
    http://*|https://*|file://*) curl -fsSL "$from/$1" -o "$work/$1" || { echo "install-release.sh: could not download $from/$1" >&2; exit 1; } ;;
    *) cp "$from/$1" "$work/$1" || { echo "install-release.sh: $from/$1 is missing" >&2; exit 1; } ;;
  esac
}

fetch SHA256SUMS
line="$(grep -E "  drifthooks-[^ ]+-$rid\.tar\.gz$" "$work/SHA256SUMS" | head -n 1 || true)"
[ -n "$line" ] || { echo "install-release.sh: this release has no archive for $rid (see its SHA256SUMS)" >&2; exit 1; }
expected="${line%% *}"; archive="${line##* }"
fetch "$archive"
actual="$( (sha256sum "$work/$archive" 2>/dev/null || shasum -a 256 "$work/$archive") | cut -d' ' -f1)"
if [ "$actual" != "$expected" ]; then
  echo "install-release.sh: $archive does not match SHA256SUMS (expected $expected, got $actual); nothing was installed" >&2
  exit 1
fi

version="${archive#drifthooks-}"; version="${version%-"$rid".tar.gz}"
target="$prefix/$version"
mkdir -p "$target"
tar -xzf "$work/$archive" -C "$target"
exe="$target/drifthooks"; [ "$os" = win ] && exe="$target/drifthooks.exe"
if [ "$os" != win ]; then
  mkdir -p "$bin"
  ln -sf "$exe" "$bin/drifthooks"
  exe="$bin/drifthooks"
fi
echo "installed DriftHooks $("$exe" --version) ($archive, checksum verified) in $target"
echo "protect a repository: cd <repository> && $exe install"
