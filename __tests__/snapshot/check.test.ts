// The snapshot check's use of kept verdicts, with the Pyodide process (fork) and the Pyodide
// download mocked: a verdict that comes back in time spares starting Pyodide at all, a slow look-up
// never holds the check up, and a missing baseline snapshot still gets its load.
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, jest } from "@jest/globals";
import type { WorkerInput, WorkerResult } from "../../src/snapshot/worker-protocol.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-check-"));
const pyodideDir = path.join(tmp, "pyodide");
fs.mkdirSync(pyodideDir);
const workerCode = path.join(tmp, "snapshot-worker.js");
fs.writeFileSync(workerCode, "// the Pyodide process's code\n");
const baseline = path.join(pyodideDir, `baseline-node${process.versions.node.split(".")[0]}-rt1.snapshot`);

const result = (importMs: number): WorkerResult => ({
  imported: true,
  importMs,
  loadMs: 100,
  cpuMs: 200,
  baseline: "loaded",
  files: 3,
  traceback: "",
  violations: [],
  notices: [],
  rng: null,
  clockReads: 0,
  sysPath: [],
  handlers: { classes: [{ name: "Default", kind: "WorkerEntrypoint", binding: "Default" }], functions: [], lines: {} },
  modules: [],
  jsGlobals: [],
  log: "",
});

/** Every fork: a stand-in process that loads and answers at once with a fresh import (7 ms). */
const forks: Array<{ input?: WorkerInput; killed: boolean }> = [];
class FakeChild extends EventEmitter {
  readonly record: { input?: WorkerInput; killed: boolean } = { killed: false };
  send(input: WorkerInput): void {
    this.record.input = input;
    setImmediate(() => {
      this.emit("message", { ready: true });
      setImmediate(() => this.emit("message", { done: true, ok: true, result: result(7) }));
    });
  }
  kill(): void {
    this.record.killed = true;
    setImmediate(() => this.emit("exit", null));
  }
}
const childProcess = await import("node:child_process");
jest.unstable_mockModule("node:child_process", () => ({
  ...childProcess,
  fork: () => {
    const child = new FakeChild();
    forks.push(child.record);
    return child;
  },
}));
jest.unstable_mockModule("../../src/snapshot/pyodide.js", () => ({
  ensurePyodide: async () => ({ dir: pyodideDir }),
  unvendoredStdlib: () => [],
}));
// The worker's code is dist/snapshot-worker.js beside the bundle; here a file of our own.
const url = await import("node:url");
jest.unstable_mockModule("node:url", () => ({
  ...url,
  fileURLToPath: (u: URL | string) => (String(u).endsWith("/snapshot-worker.js") ? workerCode : url.fileURLToPath(u)),
}));

const { LOOKUP_GRACE_MS, prepareSnapshotCheck, runSnapshotCheck } = await import("../../src/snapshot/check.js");

const project = {
  root: path.resolve("examples/hello"),
  worker: {
    name: "hello",
    main: "src/entry.py",
    compatibilityDate: "2025-11-01",
    compatibilityFlags: ["python_workers"],
    vars: {},
    bindings: [],
    pythonModulesExclude: ["**/*.pyc"],
  },
} as unknown as import("../../src/project/config.js").ProjectInfo;

const options = (restore: () => Promise<WorkerResult | undefined>) => {
  const saves: string[] = [];
  return {
    saves,
    opts: {
      registry: "http://127.0.0.1:9",
      sizeLimit: 64 * 2 ** 20,
      timeoutMs: 10_000,
      reportFile: path.join(tmp, "report.json"),
      verdicts: { restore, save: (key: string) => void saves.push(key) },
    },
  };
};

beforeEach(() => {
  forks.length = 0;
  fs.writeFileSync(baseline, "baseline");
});

describe("the snapshot check and kept verdicts", () => {
  it("a verdict that answers within the grace period: Pyodide is never started", async () => {
    const { opts, saves } = options(async () => result(42));
    const r = await runSnapshotCheck(prepareSnapshotCheck(project, opts));
    expect(forks).toEqual([]);
    expect(r.report.reused).toBe(true);
    expect(r.report.import_ms).toBe(42);
    expect(saves).toEqual([]);
  });

  it("a look-up that never answers: Pyodide starts after the grace period and its result counts", async () => {
    const { opts, saves } = options(() => new Promise(() => undefined));
    const t = performance.now();
    const r = await runSnapshotCheck(prepareSnapshotCheck(project, opts));
    expect(performance.now() - t).toBeGreaterThanOrEqual(LOOKUP_GRACE_MS - 5);
    expect(forks).toHaveLength(1);
    expect(r.report.reused).toBeUndefined();
    expect(r.report.import_ms).toBe(7);
    expect(saves).toHaveLength(1);
  });

  it("a miss: Pyodide starts as soon as the look-up says so, and the fresh verdict is kept", async () => {
    const { opts, saves } = options(async () => undefined);
    const t = performance.now();
    const r = await runSnapshotCheck(prepareSnapshotCheck(project, opts));
    expect(performance.now() - t).toBeLessThan(LOOKUP_GRACE_MS);
    expect(forks).toHaveLength(1);
    expect(forks[0].input?.entryName).toBe("entry");
    expect(r.report.import_ms).toBe(7);
    expect(saves).toHaveLength(1);
  });

  it("a verdict but no baseline snapshot yet: Pyodide still loads (the tool cache gets its baseline)", async () => {
    fs.rmSync(baseline);
    const { opts } = options(async () => result(42));
    const r = await runSnapshotCheck(prepareSnapshotCheck(project, opts));
    expect(forks).toHaveLength(1);
    expect(r.report.reused).toBe(true);
  });
});
