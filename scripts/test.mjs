// `npm test`: type check, lint the workflows/README snippets/action.yml, check that the committed dist/ is a fresh build of src/, set up the test
// tools (downloads happen here), then every jest test: unit and end-to-end.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CACHE, prepareTools, ROOT } from "./testkit/tools.mjs";

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

// Unit tests in parallel. End-to-end tests one file at a time, in two groups side by side: the
// reliability suite (mostly waiting: hangs, time limits, retries) beside everything else (mostly
// CPU), so a 2-core machine is kept busy. The groups share the runner tool cache (as jobs on one
// self-hosted runner would) but not the uv cache: the reliability group gets a hard-linked copy, so
// one group's uv never changes a folder the other's Action is archiving.
const RELIABILITY = "__tests__/e2e/reliability/";
const jestArgs = (project, results, extra) => [
  "--experimental-vm-modules",
  "--no-warnings=ExperimentalWarning",
  path.join(ROOT, "node_modules", "jest", "bin", "jest.js"),
  "--selectProjects",
  project,
  ...extra,
  "--json",
  `--outputFile=${results}`,
  ...process.argv.slice(2),
];
const resultsFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-jest-")), "results.json");
let passed = 0;
let failed = 0;
let status = 0;
function tally(results, code) {
  if (fs.existsSync(results)) {
    const j = JSON.parse(fs.readFileSync(results, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
  }
  if (code !== 0) status = code ?? 1;
}

console.log("\n▶ jest: unit tests");
const unit = resultsFile();
tally(unit, spawnSync(process.execPath, jestArgs("unit", unit, []), { cwd: ROOT, stdio: "inherit" }).status);

// A filter on the command line (e.g. a file) runs one group, in the foreground.
const filtered = process.argv.slice(2).some((a) => !a.startsWith("-"));
let side;
if (!filtered) {
  const uvCopy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-uv-")), "uv-cache");
  spawnSync("cp", ["-al", path.join(CACHE, "uv-cache"), uvCopy]);
  const results = resultsFile();
  const log = path.join(path.dirname(results), "reliability.log");
  const out = fs.openSync(log, "w");
  console.log(`\n▶ jest: end-to-end reliability suite (beside the others; its log follows theirs)`);
  const child = spawn(process.execPath, jestArgs("e2e", results, ["--runInBand", RELIABILITY]), { cwd: ROOT, stdio: ["ignore", out, out], env: { ...process.env, PWA_UV_CACHE_DIR: uvCopy } });
  side = { results, log, done: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}
console.log("\n▶ jest: end-to-end tests");
const e2e = resultsFile();
const main = spawn(process.execPath, jestArgs("e2e", e2e, ["--runInBand", ...(side ? ["--testPathIgnorePatterns", RELIABILITY] : [])]), { cwd: ROOT, stdio: "inherit" });
tally(e2e, await new Promise((resolve) => main.on("exit", (code) => resolve(code))));
if (side) {
  const code = await side.done;
  console.log("\n▶ jest: end-to-end reliability suite (ran beside the others)");
  process.stdout.write(fs.readFileSync(side.log));
  tally(side.results, code);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
