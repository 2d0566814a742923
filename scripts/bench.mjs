// `npm run bench`: cold and warm runs of the Action on examples/hello in dry-run mode, through the
// committed dist/ on Node 24, as a runner runs it. Prints medians of:
//   wall   — the whole step, process start to exit
//   tools  — time spent in the tools: child processes (uv, pywrangler, wrangler, ruff, pytest, npm)
//            and Pyodide, which the snapshot check runs in a worker thread
//   own    — the Action's own overhead: wall minus tools (Node start-up, parsing, bookkeeping)
// cold: empty tool cache, uv cache and npm cache (everything downloaded); warm: all three kept.
// Usage: npm run bench [-- --cold N --warm N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXAMPLES, copyWorker, makeSynced } from "./testkit/fixtures.mjs";
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

async function once(caches) {
  const { workspace, project } = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
  makeSynced(project);
  const r = await runAction({
    workspace,
    toolCache: caches.toolCache,
    inputs: { "working-directory": "hello", mode: "dry-run", "uv-download-url": mirror.url, "npm-registry-url": registry.url },
    env: { UV_CACHE_DIR: caches.uvCache, npm_config_cache: caches.npmCache },
  });
  if (r.exitCode !== 0) {
    process.stdout.write(r.stdout);
    throw new Error(`run failed (exit ${r.exitCode})`);
  }
  const m = /total_ms=(\d+) child_ms=(\d+)/.exec(r.stdout);
  const stages = Object.fromEntries([...r.summary.matchAll(/^\| ([A-Za-z ()]+?) \| \S+ (\w+) \| ([\d.]+ m?s)? \|/gm)].map((x) => [x[1], x[3] ?? ""]));
  r.cleanup();
  fs.rmSync(workspace, { recursive: true, force: true });
  const snap = /Pyodide [\d.]+ loaded in (\d+) ms \(started [\d.]+ s before this stage\); \d+ files; entry imported in (\d+) ms/.exec(r.stdout);
  const snapshotMs = Number((/\| Snapshot check \| \S+ \w+ \| ([\d.]+) (m?s) \|/.exec(r.summary) ?? []).slice(1).reduce((v, u, i) => (i === 0 ? Number(u) : u === "s" ? v * 1000 : v), 0));
  return { wall: r.millis, inAction: Number(m[1]), tools: Number(m[2]), own: r.millis - Number(m[2]), snapshot: snapshotMs, pyodideLoad: Number(snap?.[1] ?? 0), entryImport: Number(snap?.[2] ?? 0), stages };
}

const fresh = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bench-"));
  return { root: d, toolCache: path.join(d, "tool-cache"), uvCache: path.join(d, "uv-cache"), npmCache: path.join(d, "npm-cache") };
};

const cold = [];
for (let i = 0; i < COLD; i++) {
  const c = fresh();
  cold.push(await once(c));
  fs.rmSync(c.root, { recursive: true, force: true });
  console.log(`cold ${i + 1}/${COLD}: ${Math.round(cold[i].wall)} ms`);
}
const warmCaches = fresh();
await once(warmCaches); // fill the caches
const warm = [];
for (let i = 0; i < WARM; i++) {
  warm.push(await once(warmCaches));
  console.log(`warm ${i + 1}/${WARM}: ${Math.round(warm[i].wall)} ms`);
}
fs.rmSync(warmCaches.root, { recursive: true, force: true });
await mirror.close();
await registry.close();

const row = (name, runs) => {
  const f = (k) => `${Math.round(median(runs.map((r) => r[k])))} ms`.padStart(9);
  return `${name.padEnd(6)} ${f("wall")} ${f("tools")} ${f("own")}   (n=${runs.length})`;
};
console.log("\nexamples/hello, mode dry-run, medians");
console.log(`${"".padEnd(6)} ${"wall".padStart(9)} ${"tools".padStart(9)} ${"own".padStart(9)}`);
console.log(row("cold", cold));
console.log(row("warm", warm));
const snapRow = (name, runs) => `${name.padEnd(6)} stage ${Math.round(median(runs.map((r) => r.snapshot)))} ms (Pyodide load ${Math.round(median(runs.map((r) => r.pyodideLoad)))} ms, overlapping lint and tests; entry import ${Math.round(median(runs.map((r) => r.entryImport)))} ms)`;
console.log("\nsnapshot check (medians):");
console.log(snapRow("cold", cold));
console.log(snapRow("warm", warm));
console.log(`warm/cold: ${(median(warm.map((r) => r.wall)) / median(cold.map((r) => r.wall))).toFixed(2)}`);
console.log("\nwarm stage times (last run):", JSON.stringify(warm[warm.length - 1].stages));
console.log("cold stage times (last run):", JSON.stringify(cold[cold.length - 1].stages));
