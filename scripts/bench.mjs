// `npm run bench`: the Action against the hand-written workflow it replaces, side by side.
//
// Configurations (same Worker, same tools, same stand-ins, both deploying for real to the loopback
// Cloudflare API stand-in):
//   Action        the committed dist/index.js under Node 24, mode deploy (scripts/testkit/runner.mjs)
//   hand-written  setup-uv (install + uv cache restore/save), actions/cache of node_modules, uv sync,
//                 uv run ruff check / ruff format --check, uv run pytest, wrangler-action's version
//                 check and install, uv run pywrangler deploy (scripts/testkit/handwritten.mjs)
// The Worker is scripts/bench-worker (attrs + python-dateutil, 4 tests, uv.lock), in a git checkout.
// Tools: uv 0.13.9 from the uv mirror stand-in, Node 24 from .test-cache, wrangler 4.164.0 and
// workers-py 1.17.9; caches through the GitHub cache service stand-in with @actions/cache.
// Each run is a fresh hosted runner: empty tool cache, RUNNER_TEMP, HOME, npm cache and uv cache
// (same paths every run). cold: an empty cache service; warm: the entries a first run saved.
// The configurations run interleaved (A, B, A, B …), `--rounds` rounds (default 5) cold and warm.
// Warm rounds add a third run: the Action on a commit that changed one source line, so the snapshot
// check runs (on the same commit it reuses its earlier verdict).
//
// wall: process start to exit (hand-written: first step start to last post step end, no runner
//       overhead between steps). CPU: user + sys of the whole process tree (RUSAGE_CHILDREN of this
//       process around the run, from /proc/self/stat: every descendant is waited for, so
//       grandchildren count). The stand-ins run in this process and are not counted.
// The Action's own columns, as before:
//   tools — time in child processes and Pyodide; cache — restore/save; own — wall covered by no
//   tool and no cache transfer, including Node's start-up and loading dist/.
//
// Note: `pywrangler sync` cannot reach its index here, so both configurations start from the
// synced state (scripts/testkit/fixtures.mjs makeSynced). That flatters the hand-written side: on a
// real runner its `pywrangler deploy` re-syncs every fresh checkout, while the Action restores the
// synced state from its cache.
//
// Usage: npm run bench [-- --rounds N] [--cold N] [--warm N] [--no-floor] [--no-settle] [--json FILE]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { commandAlone, firstLines, measured } from "./testkit/bench-measure.mjs";
import { printBenchReport } from "./testkit/bench-report.mjs";
import { startCacheService } from "./testkit/cache-service.mjs";
import { startCloudflareApi } from "./testkit/cloudflare-api.mjs";
import { startFileServer } from "./testkit/file-server.mjs";
import { makeSynced } from "./testkit/fixtures.mjs";
import { bundleSteps, runHandWritten } from "./testkit/handwritten.mjs";
import { prepareRunner, runAction } from "./testkit/runner.mjs";
import { prepareTools, ROOT, UV_VERSION } from "./testkit/tools.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const ROUNDS = arg("rounds", 5);
const COLD = arg("cold", ROUNDS);
const WARM = arg("warm", ROUNDS);
const FLOOR = !process.argv.includes("--no-floor");
const SETTLE = !process.argv.includes("--no-settle");
const jsonOut = process.argv.includes("--json") ? process.argv[process.argv.indexOf("--json") + 1] : undefined;
const WRANGLER = "4.164.0";
const WORKER = path.join(ROOT, "scripts", "bench-worker");
const ACCOUNT = "abc12300000000000000000000000000";

const tools = prepareTools();
const mirror = await startFileServer(tools.uvMirror.dir);
const registry = await startFileServer(tools.npmMirror.dir);
const api = await startCloudflareApi({ token: "cf-bench-token" });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bench-"));
const stepsJs = await bundleSteps(scratch);
const cfEnv = { CLOUDFLARE_API_BASE_URL: api.baseUrl, CLOUDFLARE_API_TOKEN: api.token, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };

/**
 * Earlier runs' folders are moved aside, and deleted only once every timed run is over. This
 * machine's ext4 has no journal, and there every file created scans past the inodes freed in the
 * last minutes (ext4's recently_deleted(), fs/ext4/ialloc.c: 60 s, 360 s while the inode block is
 * dirty): under perf, 70% of a cache restore's tar was that scan right after the previous run's
 * folders were deleted, and each run's CPU grew with the deletions before it. A hosted runner is a
 * fresh VM on a journaled disk: it carries no freed inodes into the job.
 */
const trash = path.join(scratch, "trash");
let trashed = 0;
// About 0.3 GB a run is kept until the end; with too little room, deleted at once as before.
const { bavail, bsize } = fs.statfsSync(scratch);
const keepUntilEnd = bavail * bsize > 16 * 2 ** 30;
if (!keepUntilEnd) console.log("Less than 16 GiB free: earlier runs' folders are deleted between runs (slower file creation on a journal-less ext4).");
function moveAside(dir) {
  if (!fs.existsSync(dir)) return;
  if (!keepUntilEnd) return fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(trash, { recursive: true });
  fs.renameSync(dir, path.join(trash, String(++trashed)));
}

// Files deleted just before the bench (an earlier bench's folders, a test run) slow its file
// creation for a minute once flushed (see above); start after that minute.
if (SETTLE) {
  console.log("Settling: disk flushed, then 65 s before the first run (--no-settle skips).");
  execFileSync("sync");
  await new Promise((r) => setTimeout(r, 65_000));
}

/**
 * A fresh checkout of the bench Worker (a git clone's state), synced: <root>/work/repo/worker, on
 * an empty runner folder (the previous run's moved aside) with the disk's dirty data flushed.
 */
function checkout(root) {
  moveAside(path.join(root, "runner"));
  const workspace = path.join(root, "work", "repo");
  moveAside(workspace);
  const project = path.join(workspace, "worker");
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(WORKER, project, { recursive: true, filter: (p) => !/(python_modules|\.venv|__pycache__|_cache|node_modules)/.test(p) });
  execFileSync("sh", ["-c", "git init -q && git add -A && git -c user.name=bench -c user.email=bench@example.invalid commit -qm checkout"], { cwd: workspace });
  // pywrangler sync cannot reach its index here: both configurations start from the synced state.
  makeSynced(project);
  execFileSync("sync");
  return { workspace, project };
}

/** A run's environment on top of the runner's: a fresh runner has no UV_CACHE_DIR and an empty ~/.npm. */
const runEnv = (svc, root) => ({ ...svc.env, UV_CACHE_DIR: undefined, npm_config_cache: path.join(root, "runner", "home", ".npm") });

async function actionOnce(svc, root, extraInputs = {}, round = undefined) {
  const { workspace, project } = checkout(root);
  // A new commit's source: the snapshot check's verdict of an earlier run cannot be reused.
  if (round !== undefined) fs.appendFileSync(path.join(project, "src", "events.py"), `\n\nBENCH_ROUND = ${round}\n`);
  const r = await measured(() =>
    runAction({
      workspace,
      runnerRoot: path.join(root, "runner"),
      toolCache: path.join(root, "runner", "toolcache"),
      inputs: { "working-directory": "worker", mode: "deploy", "account-id": ACCOUNT, "uv-download-url": mirror.url, "npm-registry-url": registry.url, ...extraInputs },
      env: { ...runEnv(svc, root), CLOUDFLARE_API_BASE_URL: api.baseUrl, CLOUDFLARE_API_TOKEN: api.token },
    }),
  );
  if (r.exitCode !== 0) {
    process.stdout.write(r.stdout);
    throw new Error(`Action run failed (exit ${r.exitCode})`);
  }
  const m = /total_ms=(\d+) child_ms=(\d+) cache_ms=(\d+) own_ms=(-?\d+)/.exec(r.stdout);
  const stages = Object.fromEntries([...r.summary.matchAll(/^\| ([A-Za-z ()]+?) \| \S+ (\w+) \| ([\d.]+ m?s)? \|/gm)].map((x) => [x[1], x[3] ?? ""]));
  const snap = /Pyodide [\d.]+ loaded in (\d+) ms[^(]*(?:\([^)]*\))? ?\(started [\d.]+ s before this stage\); \d+ files; entry imported in (\d+) ms/.exec(r.stdout);
  // own: the Action's own time in-process (wall covered by no tool or cache transfer, which
  // overlap) plus Node's start-up and loading dist/ (process wall minus the Action's total).
  const own = Number(m[4]) + (r.millis - Number(m[1]));
  // The Pyodide test run (test-runtime: both), beside CPython's pytest: its own wall and CPU.
  const ms = (v, u) => Number(v) * (u === "s" ? 1000 : 1);
  const pyt = /Pyodide [\d.]+ \(Python [\d.]+\): loaded in .*?; CPU ([\d.]+) (m?s), wall ([\d.]+) (m?s)\./.exec(r.stdout);
  return {
    wall: r.millis,
    cpu: r.cpu,
    tools: Number(m[2]),
    cache: Number(m[3]),
    own,
    first: r.firstOutputMs,
    hit: r.outputs["cache-hit"],
    pyodideLoad: Number(snap?.[1] ?? 0),
    entryImport: Number(snap?.[2] ?? 0),
    pyodideTestsCpu: pyt ? ms(pyt[1], pyt[2]) : 0,
    pyodideTestsWall: pyt ? ms(pyt[3], pyt[4]) : 0,
    stages,
  };
}

async function handOnce(svc, root) {
  const { workspace, project } = checkout(root);
  const r = await measured(() =>
    runHandWritten({
      workspace,
      project,
      stepsJs,
      uvMirror: mirror.url,
      uvVersion: UV_VERSION,
      wranglerVersion: WRANGLER,
      runnerRoot: path.join(root, "runner"),
      toolCache: path.join(root, "runner", "toolcache"),
      env: runEnv(svc, root),
      deployEnv: cfEnv,
    }),
  );
  if (r.exitCode !== 0) {
    process.stdout.write(r.log.slice(-8000));
    throw new Error("hand-written run failed");
  }
  return { wall: r.millis, cpu: r.cpu, steps: Object.fromEntries(r.steps.map((s) => [s.name, s.ms])), project };
}

const CONFIGS = { action: actionOnce, hand: handOnce };
const runs = { cold: { action: [], hand: [] }, warm: { action: [], hand: [] } };
const say = (phase, name, i, n, r) =>
  console.log(`${phase} ${name.padEnd(6)} ${i}/${n}: wall ${Math.round(r.wall)} ms, CPU ${Math.round(r.cpu)} ms${r.hit !== undefined ? ` (cache-hit ${r.hit})` : ""}`);

// ---- first log line: dist/index.js under Node 24, alone, against an empty script ----------------
// Measured before the runs: after some thirty of them this machine starts any process slower (an
// empty `node -e` took 57-62 ms there against 30-48 ms before). The warm runs' own first line is
// reported too.
const probeRoot = path.join(scratch, "probe");
const probe = checkout(probeRoot);
const probeRunner = prepareRunner({
  workspace: probe.workspace,
  runnerRoot: path.join(probeRoot, "runner"),
  inputs: { "working-directory": "worker", mode: "dry-run" },
  env: { UV_CACHE_DIR: undefined },
});
const { dist: firstDist, empty: firstEmpty } = await firstLines(tools.node24, path.join(ROOT, "dist", "index.js"), probeRunner.env, probe.workspace, 9);

for (let i = 0; i < COLD; i++) {
  for (const [name, fn] of Object.entries(CONFIGS)) {
    const svc = await startCacheService();
    const root = path.join(scratch, `cold-${name}`);
    const r = await fn(svc, root);
    runs.cold[name].push(r);
    say("cold", name, i + 1, COLD, r);
    await svc.close();
    moveAside(root);
  }
}
const warmSvc = {};
for (const name of Object.keys(CONFIGS)) {
  warmSvc[name] = await startCacheService();
  await CONFIGS[name](warmSvc[name], path.join(scratch, `warm-${name}`)); // fills the cache service
}
// Warm, interleaved: the Action on the same commit (its snapshot verdict reusable), the Action on a
// commit that changed a source line (the snapshot check runs), the hand-written workflow.
runs.warm.changed = [];
for (let i = 0; i < WARM; i++) {
  const round = {
    action: () => actionOnce(warmSvc.action, path.join(scratch, "warm-action")),
    changed: () => actionOnce(warmSvc.action, path.join(scratch, "warm-action"), {}, i),
    hand: () => handOnce(warmSvc.hand, path.join(scratch, "warm-hand")),
  };
  for (const [name, fn] of Object.entries(round)) {
    const r = await fn();
    runs.warm[name].push(r);
    say("warm", name, i + 1, WARM, r);
  }
}
for (const s of Object.values(warmSvc)) await s.close();

// ---- test-runtime: both, warm: what the Pyodide test run adds to the Action (default: cpython) ----
const PYT = Math.min(WARM, 3);
const bothRuns = [];
if (PYT > 0) {
  const svc = await startCacheService();
  const root = path.join(scratch, "warm-both");
  await actionOnce(svc, root, { "test-runtime": "both" });
  for (let i = 0; i < PYT; i++) {
    const r = await actionOnce(svc, root, { "test-runtime": "both" });
    bothRuns.push(r);
    say("warm", "both", i + 1, PYT, r);
  }
  await svc.close();
}

// ---- the floor: ruff, pytest and the upload alone, warm (the hand-written run's checkout) -----
const floor = {};
if (FLOOR) {
  const project = runs.warm.hand.at(-1)?.project ?? path.join(scratch, "warm-hand", "work", "repo", "worker");
  const env = { ...process.env, ...cfEnv, PATH: `${path.dirname(tools.node24)}:${process.env.PATH}`, WRANGLER_SEND_METRICS: "false", CI: "true" };
  delete env.UV_CACHE_DIR;
  const wrangler = path.join(project, "node_modules", "wrangler", "bin", "wrangler.js");
  const bin = (tool) => path.join(project, ".venv", "bin", tool);
  const cmds = {
    "ruff check": [bin("ruff"), ["check", "."]],
    "ruff format --check": [bin("ruff"), ["format", "--check", "."]],
    pytest: [bin("python"), ["-m", "pytest", "-q"]],
    "wrangler deploy (upload)": [tools.node24, [wrangler, "deploy"]],
  };
  for (const [name, [cmd, args]] of Object.entries(cmds)) floor[name] = await commandAlone(name, cmd, args, { cwd: project, env }, 3);
}

await mirror.close();
await registry.close();
await api.close();
fs.rmSync(scratch, { recursive: true, force: true });

// ---- report ----------------------------------------------------------------------------------
printBenchReport({ runs, bothRuns, floor, firstDist, firstEmpty, warm: WARM, cold: COLD, jsonOut });
