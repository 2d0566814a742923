// `npm run bench`: cold and warm runs of the Action on examples/hello in dry-run mode, through the
// committed dist/ on Node 24, as a runner runs it. Prints medians of:
//   wall   — the whole step, process start to exit
//   tools  — time spent in the tools: child processes (uv, pywrangler, wrangler, ruff, pytest, npm)
//            and Pyodide, which the snapshot check runs in a worker thread
//   own    — the Action's own overhead: wall time covered by no tool and no cache transfer
//            (Node start-up, loading dist/, parsing, bookkeeping). Tools and cache overlap, so
//            the three columns need not add up to wall.
//   cache  — time spent restoring and saving caches (GitHub's cache service stand-in, tar, zstd)
// Each run is a fresh hosted runner (empty tool cache, RUNNER_TEMP, checkout; same paths).
// cold: an empty cache service, so everything is downloaded; warm: the entries run 1 saved.
// own is measured from process start, so it includes Node's start-up and loading dist/.
// Usage: npm run bench [-- --cold N --warm N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXAMPLES, copyWorker, makeSynced } from "./testkit/fixtures.mjs";
import { startCacheService } from "./testkit/cache-service.mjs";
import { startFileServer } from "./testkit/file-server.mjs";
import { runAction } from "./testkit/runner.mjs";
import { prepareTools } from "./testkit/tools.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const COLD = arg("cold", 3);
const WARM = arg("warm", 5);

const tools = prepareTools();
const mirror = await startFileServer(tools.uvMirror.dir);
const registry = await startFileServer(tools.npmMirror.dir);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function once(svc, root, { synced }) {
  const workspace = path.join(root, "work", "repo");
  fs.rmSync(workspace, { recursive: true, force: true });
  const { project } = copyInto(workspace);
  // pywrangler sync cannot reach its index here: a cold run starts from the synced state sync
  // would leave; a warm run starts from a bare checkout and gets it from the cache.
  if (synced) makeSynced(project);
  const r = await runAction({
    workspace,
    runnerRoot: path.join(root, "runner"),
    toolCache: path.join(root, "runner", "toolcache"),
    inputs: { "working-directory": "hello", mode: "dry-run", "uv-download-url": mirror.url, "npm-registry-url": registry.url },
    env: { ...svc.env, npm_config_cache: path.join(root, "npm-cache") },
  });
  if (r.exitCode !== 0) {
    process.stdout.write(r.stdout);
    throw new Error(`run failed (exit ${r.exitCode})`);
  }
  const m = /total_ms=(\d+) child_ms=(\d+) cache_ms=(\d+) own_ms=(-?\d+)/.exec(r.stdout);
  const stages = Object.fromEntries([...r.summary.matchAll(/^\| ([A-Za-z ()]+?) \| \S+ (\w+) \| ([\d.]+ m?s)? \|/gm)].map((x) => [x[1], x[3] ?? ""]));
  const snap = /Pyodide [\d.]+ loaded in (\d+) ms[^(]*(?:\([^)]*\))? ?\(started [\d.]+ s before this stage\); \d+ files; entry imported in (\d+) ms/.exec(r.stdout);
  const tools = Number(m[2]);
  const cache = Number(m[3]);
  // own: the Action's own time in-process (wall covered by no tool or cache transfer, which
  // overlap) plus Node's start-up and loading dist/ (process wall minus the Action's total).
  const own = Number(m[4]) + (r.millis - Number(m[1]));
  return { wall: r.millis, tools, cache, own, hit: r.outputs["cache-hit"], pyodideLoad: Number(snap?.[1] ?? 0), entryImport: Number(snap?.[2] ?? 0), stages };
}

function copyInto(workspace) {
  const project = path.join(workspace, "hello");
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(path.join(EXAMPLES, "hello"), project, { recursive: true, filter: (p) => !/(python_modules|\.venv|__pycache__|_cache)/.test(p) });
  return { project };
}

const cold = [];
for (let i = 0; i < COLD; i++) {
  const svc = await startCacheService();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bench-"));
  cold.push(await once(svc, root, { synced: true }));
  console.log(`cold ${i + 1}/${COLD}: ${Math.round(cold[i].wall)} ms (cache-hit ${cold[i].hit})`);
  await svc.close();
  fs.rmSync(root, { recursive: true, force: true });
}
const svc = await startCacheService();
const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bench-"));
await once(svc, root, { synced: true }); // fills the cache service
const warm = [];
for (let i = 0; i < WARM; i++) {
  warm.push(await once(svc, root, { synced: false }));
  console.log(`warm ${i + 1}/${WARM}: ${Math.round(warm[i].wall)} ms (cache-hit ${warm[i].hit})`);
}
await svc.close();
fs.rmSync(root, { recursive: true, force: true });
const row = (name, runs) => {
  const f = (k) => `${Math.round(median(runs.map((r) => r[k])))} ms`.padStart(9);
  return `${name.padEnd(6)} ${f("wall")} ${f("tools")} ${f("cache")} ${f("own")}   (n=${runs.length})`;
};
console.log("\nexamples/hello, mode dry-run, medians");
console.log(`${"".padEnd(6)} ${"wall".padStart(9)} ${"tools".padStart(9)} ${"cache".padStart(9)} ${"own".padStart(9)}`);
console.log(row("cold", cold));
console.log(row("warm", warm));
const snapRow = (name, runs) => `${name.padEnd(6)} stage ${(runs[runs.length - 1].stages["Snapshot check"] ?? "?")} (Pyodide load ${Math.round(median(runs.map((r) => r.pyodideLoad)))} ms, overlapping lint and tests; entry import ${Math.round(median(runs.map((r) => r.entryImport)))} ms)`;
console.log("\nsnapshot check (medians):");
console.log(snapRow("cold", cold));
console.log(snapRow("warm", warm));
console.log(`warm/cold: ${(median(warm.map((r) => r.wall)) / median(cold.map((r) => r.wall))).toFixed(2)}`);
console.log("\nwarm stage times (last run):", JSON.stringify(warm[warm.length - 1].stages));
console.log("cold stage times (last run):", JSON.stringify(cold[cold.length - 1].stages));
await mirror.close();
await registry.close();
