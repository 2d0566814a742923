// Caching end to end: the committed dist/ on Node 24 with the real @actions/cache against a
// stand-in of GitHub's cache service (v2: Twirp + blob upload/download) on 127.0.0.1. Each run is a
// fresh hosted runner: same paths, empty RUNNER_TEMP, tool cache and checkout; only the cache
// service remembers.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { startCacheService } from "../../scripts/testkit/cache-service.mjs";
import { CACHE, pythonBinDir, uvForFixtures } from "../../scripts/testkit/tools.mjs";
import { EXAMPLES, makeSynced, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(600_000);

let s: StandIns;
let svc: Awaited<ReturnType<typeof startCacheService>>;
let closedPort: number;
/** Every download, registry and proxy URL of the offline runs: a port that takes each connection, counts it and drops it. */
let deadProxy: net.Server;
let deadConnections = 0;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-cache-"));
const workspace = path.join(root, "work", "repo");
const project = path.join(workspace, "hello");

beforeAll(async () => {
  s = await startStandIns();
  svc = await startCacheService();
  // Every download, registry and proxy URL of run 2 points here: nothing outside loopback is reachable,
  // and any attempt to reach it is counted.
  deadProxy = net.createServer((socket) => {
    deadConnections++;
    socket.destroy();
  });
  await new Promise<void>((r) => deadProxy.listen(0, "127.0.0.1", () => r()));
  closedPort = (deadProxy.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await Promise.all([s.close(), svc.close(), new Promise((r) => deadProxy.close(r))]);
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh checkout of the example (no python_modules, no .venv-workers: they are gitignored). */
function checkout(edit?: (p: string) => void): void {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(path.join(EXAMPLES, "hello"), project, { recursive: true, filter: (p) => !/(python_modules|\.venv|__pycache__|_cache)/.test(p) });
  edit?.(project);
}

/**
 * pywrangler sync needs index.pyodide.org and GitHub, which this workplace cannot reach: where a
 * real runner would sync, the tests put the checkout in the state sync leaves (see fixtures.mjs).
 */
const syncedHere = () => makeSynced(project);

function run(opts: { offline?: boolean; event?: string; ref?: string; inputs?: Record<string, string> } = {}) {
  const dead = `http://127.0.0.1:${closedPort}`; // the counting dead proxy
  return runAction({
    workspace,
    runnerRoot: path.join(root, "runner"),
    toolCache: path.join(root, "runner", "toolcache"),
    eventName: opts.event ?? "push",
    ref: opts.ref,
    inputs: {
      "working-directory": "hello",
      mode: "dry-run",
      // The caches are under test, not the import time (a loaded machine can exceed the default).
      "import-time-budget": "20000",
      ...(opts.offline ? { "uv-download-url": dead, "npm-registry-url": dead } : s.downloads),
      ...opts.inputs,
    },
    env: {
      ...svc.env,
      ...(opts.offline ? { HTTPS_PROXY: dead, HTTP_PROXY: dead, https_proxy: dead, http_proxy: dead, NO_PROXY: "", npm_config_registry: dead } : {}),
    },
  });
}

const allKeys = () => [...svc.entries.values()].filter((e) => e.finalized).map((e) => e.key);
/** The tool and dependency entries (snapshot verdicts are asserted on their own). */
const entryKeys = () => allKeys().filter((k) => !k.includes("-verdict-"));
const stageRow = (summary: string, stage: string) => new RegExp(`^\\| ${stage} \\| (\\S+ \\w+) \\|`, "m").exec(summary)?.[1];

describe("dependency and tool caches", () => {
  it("run 1 (miss) syncs and saves the tools and the dependencies", async () => {
    checkout();
    syncedHere();
    const r = await run();
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(stageRow(r.summary, "Sync")).toBe("✅ success");
    expect(stageRow(r.summary, "Cache")).toBe("✅ success");
    expect(r.summary).toContain("### Cache: miss");
    const keys = entryKeys();
    expect(keys.filter((k) => k.startsWith("python-workers-1-deps-linux-"))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith("python-workers-1-tools-linux-"))).toHaveLength(1);
    expect(r.summary).toContain("dependencies saved");
    expect(r.summary).toContain("tools saved");
  });

  it("run 2 (hit) restores everything, skips sync and needs no network at all", async () => {
    checkout();
    expect(fs.existsSync(path.join(project, "python_modules"))).toBe(false);
    const saved = entryKeys().length;
    deadConnections = 0;
    const startedAt = Date.now();
    const r = await run({ offline: true });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("true");
    expect(stageRow(r.summary, "Sync")).toBe("⏭️ skipped");
    // uv's test environment came back with the bytecode run 1 compiled: pytest's own .pyc files
    // predate this run (uv building the environment afresh would leave none, pytest new ones).
    expect(r.summary).toMatch(/^\| \.venv \| [\d.]+ MiB \|$/m);
    const site = path.join(project, ".venv", "lib", fs.readdirSync(path.join(project, ".venv", "lib"))[0], "site-packages", "_pytest", "__pycache__");
    const pyc = fs.readdirSync(site).filter((f) => f.endsWith(".pyc"));
    expect(pyc.length).toBeGreaterThan(10);
    expect(pyc.filter((f) => fs.statSync(path.join(site, f)).mtimeMs < startedAt).length).toBeGreaterThan(10);
    // Without a uv.lock, uv resolves again: pytest still goes through `uv run` (see the locked case below).
    expect(r.stdout).toContain("[command]uv run pytest --junitxml=");
    expect(r.stdout).not.toContain("pywrangler sync\n");
    expect(r.summary).toContain("### Cache: hit");
    expect(r.summary).toMatch(/\| python_modules \| [\d.]+ KiB \|/);
    expect(r.summary).toMatch(/\| uv cache \| [\d.]+ MiB \|/);
    expect(r.summary).toContain("tools restored from the cache");
    // Everything ran for real from the restored folders: lint, tests, snapshot check, wrangler.
    for (const stage of ["Lint", "Test", "Snapshot check", "Deploy \\(dry run\\)"]) expect(stageRow(r.summary, stage)).toBe("✅ success");
    expect(Number(r.outputs["bundle-size"])).toBeGreaterThan(100_000);
    // pywrangler's tokens are current: a `pywrangler deploy` in a later step would not re-sync.
    expect(fs.readFileSync(path.join(project, "python_modules", ".synced"), "utf8")).toBe("1.17.9");
    expect(r.stdout).not.toMatch(/Downloading|Installing wrangler/);
    // Pyodide's baseline memory snapshot (made by run 1) came back with the tools.
    expect(fs.readdirSync(path.join(root, "runner", "toolcache", "pyodide", "0.28.2", "x64")).filter((f) => f.startsWith("baseline-"))).not.toEqual([]);
    // Nothing the snapshot check reads changed since run 1: its verdict was reused, Pyodide stopped.
    expect(r.stdout).toMatch(/^Verdict reused: an earlier check read exactly these files and settings \(verdict [0-9a-f]{40}\)/m);
    expect(r.summary).toMatch(/\| Snapshot check \| ✅ success \| [^|]+ \| .*no violations \(verdict reused: same files and settings as an earlier run\) \|/);
    expect(entryKeys()).toHaveLength(saved);
    // Not one connection left loopback: none was even attempted through the dead proxies or registry.
    expect(deadConnections).toBe(0);
  });

  it("checks a changed source afresh, and reuses a rejecting verdict as it stands", async () => {
    // Randomness at the top level, lint-clean (the stages stay as in run 2: the same dependency key).
    const edit = (p: string) => {
      const f = path.join(p, "src", "entry.py");
      const text = fs.readFileSync(f, "utf8").replace("from urllib.parse", "import random\nfrom urllib.parse").replace("\n\n\nclass Default", "\n\nSEED = random.random()\n\n\nclass Default");
      fs.writeFileSync(f, text);
    };
    const seedLine = () =>
      fs
        .readFileSync(path.join(project, "src", "entry.py"), "utf8")
        .split("\n")
        .findIndex((l) => l.startsWith("SEED")) + 1;
    const verdicts = () => allKeys().filter((k) => k.includes("-verdict-"));
    const before = verdicts().length;
    checkout(edit);
    const fresh = await run();
    expect(seedLine()).toBeGreaterThan(5);
    expect(fresh.stdout).not.toMatch(/^Verdict reused/m);
    expect(fresh.stdout).toMatch(/Pyodide 0\.28\.2 loaded in \d+ ms from its baseline snapshot/);
    expect(fresh.exitCode).toBe(1);
    const rejected = fresh.annotations.filter((a) => a.level === "error" && a.title?.startsWith("Snapshot check"));
    expect(rejected).toContainEqual(expect.objectContaining({ file: "hello/src/entry.py", line: seedLine() }));
    expect(verdicts()).toHaveLength(before + 1);

    checkout(edit);
    const again = await run();
    expect(again.stdout).toMatch(/^Verdict reused/m);
    expect(again.exitCode).toBe(1);
    expect(again.annotations.filter((a) => a.level === "error" && a.title?.startsWith("Snapshot check"))).toEqual(rejected);
    expect(verdicts()).toHaveLength(before + 1);
  });

  it("a changed pyproject.toml misses and re-syncs, keeping the tools", async () => {
    checkout((p) => fs.appendFileSync(path.join(p, "pyproject.toml"), "\n# changed\n"));
    syncedHere();
    const before = entryKeys();
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(stageRow(r.summary, "Sync")).toBe("✅ success");
    expect(r.summary).toContain("tools restored from the cache");
    const added = entryKeys().filter((k) => !before.includes(k));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^python-workers-1-deps-/);
  });

  it("detects an incomplete restore, discards it and saves a rebuilt entry that later runs use", async () => {
    const deps = [...svc.entries.values()].filter((e) => e.finalized && e.key.startsWith("python-workers-1-deps-")).sort((a, b) => b.created - a.created)[0];
    // Take pywrangler's token out of the archive: a partial entry as an interrupted upload leaves.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-zst-"));
    const blob = svc.blobs.get(deps.blob)!;
    // @actions/cache compresses with zstd where the runner has it, else gzip.
    const z = blob[0] === 0x28 && blob[1] === 0xb5 ? "zstd -q" : "gzip";
    fs.writeFileSync(path.join(work, "a.archive"), blob);
    execFileSync("sh", ["-c", `${z} -d -c a.archive > a.tar && tar --delete -f a.tar --wildcards '*python_modules/.synced' && ${z} -c a.tar > b.archive`], { cwd: work });
    svc.replaceBlob(deps.key, fs.readFileSync(path.join(work, "b.archive")));
    fs.rmSync(work, { recursive: true, force: true });

    checkout((p) => fs.appendFileSync(path.join(p, "pyproject.toml"), "\n# changed\n"));
    syncedHere();
    const before = entryKeys();
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "Cache entry discarded", message: expect.stringContaining("python_modules incomplete") }));
    expect(stageRow(r.summary, "Cache")).toBe("⚠️ warning");
    expect(stageRow(r.summary, "Sync")).toBe("✅ success");
    const added = entryKeys().filter((k) => !before.includes(k));
    expect(added).toHaveLength(1);

    // The next run restores the rebuilt generation, not the broken one.
    checkout((p) => fs.appendFileSync(path.join(p, "pyproject.toml"), "\n# changed\n"));
    const next = await run({ offline: true });
    expect(next.exitCode).toBe(0);
    expect(next.outputs["cache-hit"]).toBe("true");
    expect(next.stdout).toContain(`Cache hit for restore-key: ${added[0]}`);
  });

  it("does not save on pull_request_target (cache poisoning)", async () => {
    checkout();
    syncedHere();
    const before = entryKeys().length;
    const r = await run({ event: "pull_request_target", inputs: { "cache-suffix": "prt" } });
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("false");
    expect(r.summary).toContain("Cache not saved: not saved on pull_request_target events (cache poisoning); set save-cache: true to opt in.");
    expect(entryKeys()).toHaveLength(before);
  });

  it("treats a cache service failure as a warning, not a failed step", async () => {
    checkout();
    syncedHere();
    // A non-retryable error: @actions/cache retries 5xx with back-off for about half a minute a call.
    svc.faults.status = 400;
    try {
      const r = await run({ inputs: { "cache-suffix": "broken-service" } });
      expect(r.exitCode).toBe(0);
      expect(r.outputs["cache-hit"]).toBe("false");
      expect(r.summary).toContain("dry-run ✅ passed");
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", message: expect.stringMatching(/Failed to (restore|save)/) }));
    } finally {
      svc.faults.status = 0;
    }
  });

  it("a locked project: on a hit, pytest starts from the restored environment without uv", async () => {
    // examples/hello has no uv.lock (uv would re-resolve): lock it once, the same lock in both runs.
    checkout();
    execFileSync(uvForFixtures(), ["lock", "--quiet", "--no-python-downloads"], {
      cwd: project,
      env: { ...process.env, PATH: `${pythonBinDir()}${path.delimiter}${process.env.PATH}`, UV_CACHE_DIR: process.env.PWA_UV_CACHE_DIR || path.join(CACHE, "uv-cache") },
    });
    const lock = fs.readFileSync(path.join(project, "uv.lock"));
    const locked = () => fs.writeFileSync(path.join(project, "uv.lock"), lock);
    syncedHere();
    const first = await run({ inputs: { "cache-suffix": "locked" } });
    if (first.exitCode !== 0) process.stdout.write(first.stdout);
    expect(first.exitCode).toBe(0);
    expect(first.outputs["cache-hit"]).toBe("false");
    expect(first.stdout).toContain("[command]uv run pytest --junitxml=");

    checkout(locked);
    syncedHere();
    const r = await run({ offline: true, inputs: { "cache-suffix": "locked" } });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("true");
    // The environment `uv run --frozen` would find in sync (same uv.lock, same path): its own pytest.
    expect(r.stdout).toContain(`[command]${path.join(project, ".venv", "bin", "pytest")} --junitxml=`);
    expect(r.stdout).not.toContain("[command]uv run");
    expect(r.stdout).toMatch(/^pytest: 2 passed, 0 failed/m);
    expect(stageRow(r.summary, "Test")).toBe("✅ success");
  });
});
