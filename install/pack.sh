#!/usr/bin/env bash
# Builds every DriftHooks package for this machine's platform into artifacts/packages/:
#   npm:     drifthooks-<v>.tgz (JavaScript only: the bin shim and prepare.js) and drifthooks-<os>-<arch>[-musl]-<v>.tgz
#            (@drifthooks/<os>-<arch>[-musl]: the native executable and libgit2, selected by os/cpu/libc, no scripts)
#   dotnet:  DriftHooks.<v>.nupkg (the tool's pointer package) and DriftHooks.<rid>.<v>.nupkg (native AOT, that RID)
#   archive: drifthooks-<v>-<rid>.tar.gz, and SHA256SUMS over the archives (install/install-release.sh verifies it)
# Usage: install/pack.sh [--rid RID]   (default: this machine's; cross-OS builds need that OS: see the release workflow)
# DRIFTHOOKS_TOOL_RIDS: the RIDs the dotnet tool's pointer package lists (default: the one built here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/packages"
rid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "pack.sh: unknown argument '$1' (usage: install/pack.sh [--rid RID])" >&2; exit 2 ;;
  esac
done
for tool in dotnet npm node tar; do
  command -v "$tool" >/dev/null || { echo "pack.sh: $tool is needed to build the packages" >&2; exit 2; }
done

# This machine's runtime identifier (decided in one place: the release installer's), and npm's names for it.
[ -n "$rid" ] || rid="$(bash "$root/install/install-release.sh" --print-rid)"
case "$rid" in
  linux-x64|linux-arm64) npm_os=linux; npm_libc='"libc": ["glibc"],' ;;
  linux-musl-x64|linux-musl-arm64) npm_os=linux; npm_libc='"libc": ["musl"],' ;;
  osx-x64|osx-arm64) npm_os=darwin; npm_libc='' ;;
  win-x64|win-arm64) npm_os=win32; npm_libc='' ;;
  *) echo "pack.sh: no package layout for RID '$rid'" >&2; exit 2 ;;
esac
npm_cpu="${rid##*-}"
npm_name="$npm_os-$npm_cpu$([ "${rid#linux-musl}" != "$rid" ] && echo -musl || true)"
exe=drifthooks; [ "$npm_os" = win32 ] && exe=drifthooks.exe

publish="$root/artifacts/publish/$rid"
rm -rf "$publish" "$out" "$root/artifacts/npm"
mkdir -p "$publish" "$out"
echo "pack.sh: building drifthooks for $rid (native AOT)…"
dotnet publish "$root/src/DriftHooks.Cli" -c Release -r "$rid" -o "$publish" --nologo -v quiet \
  -p:DebugType=none -p:DebugSymbols=false -p:ContinuousIntegrationBuild=true >/dev/null \
  || { echo "pack.sh: the build failed; run 'dotnet publish src/DriftHooks.Cli -c Release -r $rid' to see why" >&2; exit 1; }
rm -f "$publish"/*.dbg "$publish"/*.pdb
full_version="$("$publish/$exe" --version)"   # 0.1.0+<commit>: packages carry the version, the binary both
version="${full_version%%+*}"

# npm: the platform package (binaries only), then the main package naming every platform at this exact version.
platform="$root/artifacts/npm/$npm_name"
mkdir -p "$platform/bin"
cp "$publish/$exe" "$publish"/*git2* "$platform/bin/"
cat > "$platform/package.json" <<JSON
{
  "name": "@drifthooks/$npm_name",
  "version": "$version",
  "description": "DriftHooks's native executable for $rid (built from $full_version); installed by the drifthooks package",
  "license": "UNLICENSED",
  "os": ["$npm_os"],
  "cpu": ["$npm_cpu"],
  $npm_libc
  "preferUnplugged": true,
  "files": ["bin/"]
}
JSON
main="$root/artifacts/npm/drifthooks"
mkdir -p "$main/bin"
cp "$root/install/npm/drifthooks.js" "$root/install/npm/native.js" "$main/bin/"
cp "$root/install/npm/prepare.js" "$main/prepare.js"
cp "$root/install/npm/README.md" "$main/README.md"
node - "$main/package.json" "$version" <<'JS'
const [file, version] = process.argv.slice(2);
const platforms = ["linux-x64", "linux-arm64", "linux-x64-musl", "linux-arm64-musl", "darwin-arm64", "darwin-x64", "win32-x64", "win32-arm64"];
const pkg = {
  name: "drifthooks",
  version,
  description: "Git hooks that stop Prisma migration drift: pre-commit (offline) and pre-push (production, read-only)",
  license: "UNLICENSED",
  keywords: ["prisma", "migrations", "git-hooks", "pre-commit", "pre-push", "drift"],
  bin: { drifthooks: "bin/drifthooks.js" },
  files: ["bin/", "prepare.js", "README.md"],
  engines: { node: ">=18" },
  optionalDependencies: Object.fromEntries(platforms.map(p => [`@drifthooks/${p}`, version])),
};
require("node:fs").writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
JS
chmod +x "$main/bin/drifthooks.js"
(cd "$platform" && npm pack --silent --pack-destination "$out" >/dev/null)
(cd "$main" && npm pack --silent --pack-destination "$out" >/dev/null)

# dotnet tool: the package for this RID, and the pointer package that names the RID packages.
tool_props=(-p:DriftHooksTool=true "-p:ToolPackageRuntimeIdentifiers=\"${DRIFTHOOKS_TOOL_RIDS:-$rid}\"" -p:DebugType=none -p:DebugSymbols=false -p:ContinuousIntegrationBuild=true)
dotnet pack "$root/src/DriftHooks.Cli" -c Release -r "$rid" -o "$out" --nologo -v quiet "${tool_props[@]}" >/dev/null \
  || { echo "pack.sh: dotnet pack -r $rid failed; run it without -v quiet to see why" >&2; exit 1; }
dotnet pack "$root/src/DriftHooks.Cli" -c Release -o "$out" --nologo -v quiet "${tool_props[@]}" >/dev/null \
  || { echo "pack.sh: dotnet pack (the tool's pointer package) failed; run it without -v quiet to see why" >&2; exit 1; }

# Release archive and its checksum.
archive="drifthooks-$version-$rid.tar.gz"
tar -czf "$out/$archive" -C "$publish" "$exe" $(cd "$publish" && ls | grep git2)
(cd "$out" && if command -v sha256sum >/dev/null; then sha256sum drifthooks-*.tar.gz; else shasum -a 256 drifthooks-*.tar.gz; fi) > "$out/SHA256SUMS"

echo "pack.sh: $full_version for $rid in $out:"
(cd "$out" && ls -l | awk 'NR > 1 { printf "  %-48s %6.1f MB\n", $9, $5 / 1048576 }')
