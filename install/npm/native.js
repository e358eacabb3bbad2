// Finds DriftHooks's native executable for the npm package: DRIFTHOOKS_BINARY, else this platform's package
// (@drifthooks/<os>-<arch>[-musl], an optional dependency npm installs only where os, cpu and libc match).
// Shared by the drifthooks command (bin/drifthooks.js) and the prepare entry (prepare.js).
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const supported = "linux x64/arm64 (glibc 2.34+ or musl), macOS arm64/x64, Windows x64/arm64";

function isMusl() {
  // Node's own report says which C library it runs on; glibcVersionRuntime is absent under musl.
  const report = typeof process.report?.getReport === "function" ? process.report.getReport() : null;
  return report ? !report.header.glibcVersionRuntime : fs.existsSync("/etc/alpine-release");
}

function platformPackage() {
  const os = { linux: "linux", darwin: "darwin", win32: "win32" }[process.platform];
  const cpu = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!os || !cpu) {
    return null;
  }
  return `@drifthooks/${os}-${cpu}${os === "linux" && isMusl() ? "-musl" : ""}`;
}

// { binary } or { missing: why there is none, what to do }.
function find() {
  if (process.env.DRIFTHOOKS_BINARY) {
    return found(process.env.DRIFTHOOKS_BINARY, "DRIFTHOOKS_BINARY");
  }
  const name = platformPackage();
  if (!name) {
    return { missing: `there is no native DriftHooks for ${process.platform}-${process.arch} (built for ${supported}). ` +
      "Build it from source (the project README's build section) and set DRIFTHOOKS_BINARY to the drifthooks executable." };
  }
  let folder;
  try {
    folder = path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return { missing: `the package ${name}, which holds DriftHooks's native executable for this platform, is not installed. ` +
      "It is an optional dependency of drifthooks: install without --omit=optional / --no-optional, and if the lockfile " +
      "was made on another OS, reinstall so that it records this platform's package (npm install; or delete " +
      "node_modules and the lockfile, then npm install). Or set DRIFTHOOKS_BINARY to a drifthooks executable." };
  }
  return found(path.join(folder, "bin", process.platform === "win32" ? "drifthooks.exe" : "drifthooks"), "a damaged install");
}

function found(binary, origin) {
  return fs.existsSync(binary) ? { binary } : { missing: `${binary} is missing (${origin}): reinstall drifthooks.` };
}

module.exports = { find };
