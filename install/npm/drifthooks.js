#!/usr/bin/env node
// The drifthooks command of the npm package: finds DriftHooks's native executable in this platform's package
// (@drifthooks/<os>-<arch>[-musl], an optional dependency npm installs only where os, cpu and libc match) and runs
// it. Only "drifthooks install" and the companion commands pass through here: the installed git hooks run the
// executable copied into .git/drifthooks/bin, so git never starts Node at commit time.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");

const supported = "linux x64/arm64 (glibc 2.34+ or musl), macOS arm64/x64, Windows x64/arm64";

function fail(message) {
  process.stderr.write(`drifthooks: ${message}\n`);
  process.exit(2);
}

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

function executable() {
  if (process.env.DRIFTHOOKS_BINARY) {
    return process.env.DRIFTHOOKS_BINARY;
  }
  const name = platformPackage();
  if (!name) {
    fail(`there is no native DriftHooks for ${process.platform}-${process.arch} (built for ${supported}). ` +
      "Build it from source (the project README's build section) and set DRIFTHOOKS_BINARY to the drifthooks executable.");
  }
  let folder;
  try {
    folder = path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    fail(`the package ${name}, which holds DriftHooks's native executable for this platform, is not installed. ` +
      "It is an optional dependency of drifthooks: install without --omit=optional / --no-optional, and if the lockfile " +
      "was made on another OS, reinstall so that it records this platform's package (npm install; or delete " +
      `node_modules and the lockfile, then npm install). Or set DRIFTHOOKS_BINARY to a drifthooks executable.`);
  }
  return path.join(folder, "bin", process.platform === "win32" ? "drifthooks.exe" : "drifthooks");
}

const binary = executable();
if (!fs.existsSync(binary)) {
  fail(`${binary} is missing (DRIFTHOOKS_BINARY, or a damaged install): reinstall drifthooks.`);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  fail(`could not run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
