// The prepare entry: "prepare": "node -e \"import('drifthooks/prepare.js').catch(()=>{})\"" in a project's
// package.json. Where drifthooks is not installed (npm ci --omit=dev, NODE_ENV=production npm ci: it is a
// devDependency) the import fails and the line does nothing, silently; everywhere else this runs "drifthooks
// install", which itself skips in one line outside git and in CI. A real failure to install is not swallowed: its
// message is printed and the install fails, as it would with "prepare": "drifthooks install".
"use strict";
const { spawnSync } = require("node:child_process");
const { find } = require("./bin/native.js");

const { binary, missing } = find();
if (missing) {
  // npm install --omit=optional, a lockfile from another OS: one line, the install goes on.
  process.stdout.write(`drifthooks install: skipped, the hooks are not installed: ${missing}\n`);
} else {
  const result = spawnSync(binary, ["install"], { stdio: "inherit" });
  if (result.error) {
    process.stderr.write(`drifthooks install: could not run ${binary}: ${result.error.message}\n`);
  }
  process.exitCode = result.error ? 2 : result.status ?? 1;
}
