#!/usr/bin/env node
// The drifthooks command of the npm package: finds DriftHooks's native executable (native.js) and runs it. Only
// "drifthooks install" and the companion commands pass through here: the installed git hooks run the executable
// copied into .git/drifthooks/bin, so git never starts Node at commit time.
"use strict";
const { spawnSync } = require("node:child_process");
const { find } = require("./native.js");

const { binary, missing } = find();
if (missing) {
  // Run by an install's lifecycle script ("prepare": "drifthooks install"), a missing executable (npm install
  // --omit=optional) must not fail the whole install: one line, and the hooks are not installed.
  const lifecycle = process.env.npm_lifecycle_event;
  if (process.argv[2] === "install" && (lifecycle === "prepare" || lifecycle === "postinstall")) {
    process.stdout.write(`drifthooks install: skipped, the hooks are not installed: ${missing}\n`);
    process.exit(0);
  }
  process.stderr.write(`drifthooks: ${missing}\n`);
  process.exit(2);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  process.stderr.write(`drifthooks: could not run ${binary}: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
