// Runs in a worker thread (dist/pyodide-test-worker.js): loads the Worker's Pyodide, lays the
// project out as the runtime does (module root at /session/metadata, python_modules beside it),
// registers the runtime's JS modules so `import workers` and `workers.env` work, puts the test
// dependencies on sys.path from a folder that is never uploaded, and runs pytest. A worker thread
// keeps the Action's globals untouched and lets a hung test be stopped (terminate()).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { workersGlobals } from "../../snapshot/top-level-js.js";
import { errorTail } from "../../util/output.js";
import { DEPS_DIR, JUNIT_DIR, MODULE_DIR, PROJECT_DIR, type PyodideTestInput, type PyodideTestOutcome, writeCurrent } from "./protocol.js";
import runnerPy from "./runner.py";
import { registerRuntimeModules } from "./runtime-modules.js";
import { STDLIB_PRELOAD } from "./stdlib-preload.js";

const input = workerData as PyodideTestInput;
const log: string[] = [];
const out = (s: string) => {
  log.push(s);
  parentPort?.postMessage({ out: s });
};

/** Node defines some globals as getters, which Pyodide's snapshot proxies reject (ERR_INVALID_THIS). */
function plainGlobals(): void {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(globalThis))) {
    if (!d.get || !d.configurable) continue;
    try {
      Object.defineProperty(globalThis, k, { value: (globalThis as any)[k], writable: true, configurable: true, enumerable: d.enumerable });
    } catch {
      // leave it as it is
    }
  }
}

/** Folders a Worker upload never holds, and caches. */
const SKIP = /(^|[\\/])(\.git|\.venv[^\\/]*|node_modules|__pycache__|\.pytest_cache|\.ruff_cache|\.wrangler|\.mypy_cache)$|\.pyc$/;

function copyTree(py: any, src: string, dst: string, skip: (p: string) => boolean): number {
  let count = 0;
  py.FS.mkdirTree(dst);
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    if (skip(s) || SKIP.test(s)) continue;
    if (e.isDirectory()) count += copyTree(py, s, `${dst}/${e.name}`, skip);
    else if (e.isFile()) {
      py.FS.writeFile(`${dst}/${e.name}`, fs.readFileSync(s));
      count++;
    }
  }
  return count;
}

/** fetch() reaches loopback only: tests may stand up local servers, nothing else. */
function blockNetwork(): void {
  const g = globalThis as any;
  const realFetch = g.fetch;
  g.fetch = (resource: unknown, init?: unknown) => {
    const url = new URL(typeof resource === "string" ? resource : String((resource as any)?.url ?? resource));
    if (!/^(127\.|localhost$|\[::1\]$)/.test(url.hostname)) {
      return Promise.reject(new TypeError(`python-workers-action: no network in the Pyodide test run (fetch ${url.origin}). Stand in for remote services in the test.`));
    }
    return realFetch(resource, init);
  };
}

/** CPU time of this thread, in ms (Node ≥ 23.9; else the process's). */
function cpuMs(): number {
  const p = process as unknown as { threadCpuUsage?: () => NodeJS.CpuUsage };
  const u = p.threadCpuUsage ? p.threadCpuUsage() : process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function main(): Promise<PyodideTestOutcome> {
  plainGlobals();
  workersGlobals();
  const started = performance.now();
  const cpuStarted = cpuMs();
  const { loadPyodide } = await import(pathToFileURL(path.join(input.pyodideDir, "pyodide.mjs")).href);
  const options = {
    indexURL: input.pyodideDir + path.sep,
    env: { PYTHONDONTWRITEBYTECODE: "1", HOME: "/home/pyodide" },
    // asyncio.run() and loop.run_until_complete() block on the task (JSPI), as tests expect.
    enableRunUntilComplete: true,
    stdout: out,
    stderr: out,
  };
  let py: any;
  let baseline: PyodideTestOutcome["baseline"] = "none";
  if (input.baselineFile && fs.existsSync(input.baselineFile)) {
    try {
      py = await loadPyodide({ ...options, _loadSnapshot: fs.readFileSync(input.baselineFile) });
      baseline = "loaded";
    } catch (err) {
      out(`(the baseline snapshot could not be loaded; booting Pyodide: ${String(err).slice(0, 200)})`);
      fs.rmSync(input.baselineFile, { force: true });
    }
  }
  if (!py) {
    // Boot, and keep a snapshot of the fresh interpreter so later runs restore it (~5x faster).
    py = await loadPyodide({ ...options, _makeSnapshot: Boolean(input.baselineFile) });
    if (input.baselineFile) {
      try {
        // The stdlib modules pytest needs, compiled once and kept in the snapshot.
        py.globals.set("pwa_preload", py.toPy(STDLIB_PRELOAD));
        py.runPython("for _n in pwa_preload:\n    try:\n        __import__(_n)\n    except Exception:\n        pass\ndel pwa_preload, _n");
        const tmp = `${input.baselineFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, py.makeMemorySnapshot());
        fs.renameSync(tmp, input.baselineFile);
        baseline = "made";
      } catch (err) {
        out(`(no baseline snapshot: ${String(err).slice(0, 200)})`);
      }
    }
  }
  // A restored interpreter would repeat the snapshot's random state: reseed, as a fresh one would be.
  py.runPython("import random; random.seed()");
  const loadMs = performance.now() - started;
  const loadCpuMs = cpuMs() - cpuStarted;

  registerRuntimeModules(py, input.flags, input.env);
  blockNetwork();
  copyTree(py, input.moduleRoot, MODULE_DIR, (p) => p === input.vendorDir);
  if (fs.existsSync(input.vendorDir)) copyTree(py, input.vendorDir, `${MODULE_DIR}/python_modules`, () => false);
  copyTree(py, input.projectRoot, PROJECT_DIR, (p) => p === input.vendorDir || p === input.depsDir);
  py.FS.mkdirTree(DEPS_DIR);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: input.depsDir }, DEPS_DIR);
  py.FS.mkdirTree(JUNIT_DIR);
  py.FS.mkdirTree("/pwa/lib");
  py.FS.writeFile("/pwa/lib/pwa_pyodide_tests.py", runnerPy);

  const runStarted = performance.now();
  const runCpuStarted = cpuMs();
  const scope = py.toPy({
    paths: [MODULE_DIR, `${MODULE_DIR}/python_modules`, DEPS_DIR, "/pwa/lib"],
    project: PROJECT_DIR,
    deps: DEPS_DIR,
    compile_first: input.compileDeps,
    // --capture=sys: Pyodide has no real file descriptors to redirect.
    args: ["-p", "no:cacheprovider", "--capture=sys", `--junitxml=${JUNIT_DIR}/junit.xml`, "-o", "junit_family=xunit1", ...input.pytestArgs],
  });
  scope.set("report", (nodeid: string) => {
    writeCurrent(input.current, nodeid);
  });
  scope.set("record", (nodeid: string, outcome: string) => parentPort?.postMessage({ test: { id: nodeid, outcome } }));
  const exitCode = await py.runPythonAsync(
    `
import sys
sys.path[:0] = [p for p in paths if p not in sys.path]
import pwa_pyodide_tests
if compile_first:
    pwa_pyodide_tests.compile_deps(deps)
pwa_pyodide_tests.run(project, args, report, record)
`,
    { globals: scope },
  );
  const runMs = performance.now() - runStarted;
  const runCpuMs = cpuMs() - runCpuStarted;
  const xml = `${JUNIT_DIR}/junit.xml`;
  if (py.FS.analyzePath(xml).exists) {
    fs.mkdirSync(path.dirname(input.junitFile), { recursive: true });
    fs.writeFileSync(input.junitFile, py.FS.readFile(xml));
  }
  return { exitCode: Number(exitCode), loadMs, runMs, loadCpuMs, runCpuMs, baseline, log: log.join("\n") };
}

main().then(
  (r) => parentPort?.postMessage({ done: true, ok: true, result: r }),
  (e) =>
    parentPort?.postMessage({
      done: true,
      ok: false,
      error: errorTail(e),
    }),
);
