import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  workersGlobals
} from "./chunk-E4YJOWAS.js";
import {
  DEPS_DIR,
  JUNIT_DIR,
  MODULE_DIR,
  PROJECT_DIR,
  STDLIB_PRELOAD,
  writeCurrent
} from "./chunk-VVQTSFRZ.js";
import {
  errorTail
} from "./chunk-BAB4QEES.js";
import "./chunk-LVHE7N22.js";

// src/testing/pyodide/worker.ts
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

// src/testing/pyodide/runner.py
var runner_default = `# Runs inside Pyodide (python-workers-action's "test under the runtime"). Runs the project's pytest
# suite the way workerd's own pytest test does (pytest.main inside the Worker's Pyodide), with:
#   - asyncio shims so pytest-asyncio's Runner works on Pyodide's WebLoop (blocking on a task via
#     JSPI's run_sync, as WebLoop.run_until_complete does when enabled);
#   - no network: sockets fail (the runtime has none), DNS answers loopback only, and fetch()
#     reaches loopback only (set in worker.ts);
#   - a plugin that writes the test being run to a JS callback, so a hung test can be named.
import asyncio
import asyncio.runners
import os
import socket
import sys

_LOOPBACK = ("127.", "::1", "localhost")
NETWORK_MESSAGE = (
    "python-workers-action: no network in the Pyodide test run (%s %r). "
    "The Workers runtime has no sockets: use fetch() (or the SDK) in the Worker, "
    "and stand in for remote services in the test."
)


def _loopback(host):
    return isinstance(host, str) and host.startswith(_LOOPBACK)


def _install_asyncio_shims():
    from pyodide.webloop import WebLoop

    try:
        from pyodide.ffi import run_sync
    except ImportError:  # Pyodide 0.26 has no JSPI support: async tests fail there, sync ones run
        return

    async def noop(*args):
        pass

    # pytest-asyncio's Runner calls these; WebLoop has no lifecycle to manage.
    WebLoop.shutdown_asyncgens = noop
    WebLoop.shutdown_default_executor = noop
    WebLoop.set_debug = lambda self, enabled: None

    def run(self, coro, *, context=None):
        # A WebLoop marks itself running when created, which Runner.run refuses; block via JSPI.
        self._lazy_init()
        if context is None:
            task = self._loop.create_task(coro)
        else:
            try:
                task = self._loop.create_task(coro, context=context)
            except TypeError:  # Pyodide 0.26's WebLoop: the task runs in a copy of the context
                task = context.run(self._loop.create_task, coro)
        try:
            return run_sync(task)
        except RuntimeError as e:
            if "stack switching" not in str(e):
                raise
            task.cancel()
            raise RuntimeError(
                "python-workers-action: async tests need JSPI (stack switching), which this Pyodide "
                "lacks here (Pyodide 0.26: the python_workers flag before 2025-09-29). Use a "
                "compatibility date from 2025-09-29 or the python_workers_20250116 flag."
            ) from None

    asyncio.runners.Runner.run = run


def _install_network_guards():
    # The Workers runtime has no sockets (Emscripten's would even abort the run from Node), so every
    # socket operation fails as a Python OSError; DNS answers loopback names only.
    real_getaddrinfo = socket.getaddrinfo

    def blocked(what):
        def method(self, *args, **kwargs):
            raise OSError(NETWORK_MESSAGE % ("socket." + what, args[0] if args else None))

        return method

    for what in ("bind", "listen", "connect", "connect_ex", "accept", "sendto", "sendmsg"):
        setattr(socket.socket, what, blocked(what))

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            raise socket.gaierror(NETWORK_MESSAGE % ("getaddrinfo", host))
        return real_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


class CurrentTest:
    """Reports each test's node id before it runs (so the Action can name a test that hangs) and
    its outcome after (so the tests before a hang still count: JUnit is written only at the end)."""

    def __init__(self, report, record):
        self.report = report
        self.record = record
        self.outcomes = {}

    def pytest_runtest_logstart(self, nodeid, location):
        self.report(nodeid)

    def pytest_runtest_logreport(self, report):
        if report.failed:
            outcome = "failed" if report.when == "call" else "error"
        elif report.skipped:
            outcome = "skipped"
        elif report.when == "call":
            outcome = "passed"
        else:
            return
        if self.outcomes.get(report.nodeid) in (None, "passed"):
            self.outcomes[report.nodeid] = outcome

    def pytest_runtest_logfinish(self, nodeid, location):
        self.report("")
        self.record(nodeid, self.outcomes.get(nodeid, "passed"))


def run(project_dir, args, report_current, record_outcome):
    """pytest.main(args) in project_dir; returns pytest's exit code."""
    # pytest rewrites the asserts of plugins (pytest-asyncio) too; writing bytecode keeps that
    # rewrite in the test-deps folder, so later runs skip it. The project's own files are copies
    # in memory, so nothing is written into the project.
    sys.dont_write_bytecode = False
    _install_asyncio_shims()
    _install_network_guards()
    import pytest

    os.chdir(project_dir)
    return int(pytest.main(list(args), plugins=[CurrentTest(report_current, record_outcome)]))


def compile_deps(deps_dir):
    """Byte-compile the test dependencies once (the folder is cached), so warm runs import fast."""
    import compileall

    sys.dont_write_bytecode = False
    try:
        compileall.compile_dir(deps_dir, quiet=1, workers=1)
    finally:
        sys.dont_write_bytecode = True
`;

// src/testing/pyodide/runtime-modules.ts
function workersModule(env) {
  const pending = [];
  const mod = {
    env,
    WorkerEntrypoint: class WorkerEntrypoint {
    },
    DurableObject: class DurableObject {
    },
    WorkflowEntrypoint: class WorkflowEntrypoint {
    },
    waitUntil: (p) => void pending.push(p),
    /** Run fn with env's keys replaced by `patch` (as the runtime's withEnv does). */
    withEnv: async (patch, fn) => {
      const saved = mod.env;
      mod.env = { ...env, ...patch instanceof Map ? Object.fromEntries(patch) : patch };
      try {
        return await fn();
      } finally {
        mod.env = saved;
      }
    }
  };
  return mod;
}
function registerRuntimeModules(py, flags, env) {
  const set = new Set(flags);
  const compatFlags = new Proxy({}, { get: (_t, k) => typeof k === "string" ? set.has(k) : void 0, has: () => true });
  const workers = workersModule({ ...env });
  const sockets = {
    connect: () => {
      throw new Error("python-workers-action: no network in the Pyodide test run (cloudflare:sockets connect()). Stand in for remote services in the test.");
    }
  };
  const helper = {
    cloudflareWorkersModule: workers,
    cloudflareSocketsModule: sockets,
    doAnImport: async (name) => {
      if (name === "cloudflare:workers") return workers;
      if (name === "cloudflare:sockets") return sockets;
      throw new Error(`Cannot import "${name}" in the Pyodide test run (only cloudflare:workers and cloudflare:sockets are emulated).`);
    },
    patchWaitUntil: () => void 0,
    /** workers.patch_env(): a generator that swaps env's values in and back out. */
    *patch_env_helper(patch) {
      const current = workers.env;
      const entries = patch instanceof Map ? [...patch.entries()] : Object.entries(patch);
      const saved = new Map(entries.map(([k]) => [k, [k in current, current[k]]]));
      for (const [k, v] of entries) current[k] = v;
      try {
        yield;
      } finally {
        for (const [k, [had, v]] of saved) {
          if (had) current[k] = v;
          else delete current[k];
        }
      }
    }
  };
  py.registerJsModule("_cloudflare_compat_flags", compatFlags);
  py.registerJsModule("_pyodide_entrypoint_helper", helper);
}

// src/testing/pyodide/worker.ts
var input = workerData;
var log = [];
var out = (s) => {
  log.push(s);
  parentPort?.postMessage({ out: s });
};
function plainGlobals() {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(globalThis))) {
    if (!d.get || !d.configurable) continue;
    try {
      Object.defineProperty(globalThis, k, { value: globalThis[k], writable: true, configurable: true, enumerable: d.enumerable });
    } catch {
    }
  }
}
var SKIP = /(^|[\\/])(\.git|\.venv[^\\/]*|node_modules|__pycache__|\.pytest_cache|\.ruff_cache|\.wrangler|\.mypy_cache)$|\.pyc$/;
function copyTree(py, src, dst, skip) {
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
function blockNetwork() {
  const g = globalThis;
  const realFetch = g.fetch;
  g.fetch = (resource, init) => {
    const url = new URL(typeof resource === "string" ? resource : String(resource?.url ?? resource));
    if (!/^(127\.|localhost$|\[::1\]$)/.test(url.hostname)) {
      return Promise.reject(new TypeError(`python-workers-action: no network in the Pyodide test run (fetch ${url.origin}). Stand in for remote services in the test.`));
    }
    return realFetch(resource, init);
  };
}
function cpuMs() {
  const p = process;
  const u = p.threadCpuUsage ? p.threadCpuUsage() : process.cpuUsage();
  return (u.user + u.system) / 1e3;
}
async function main() {
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
    stderr: out
  };
  let py;
  let baseline = "none";
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
    py = await loadPyodide({ ...options, _makeSnapshot: Boolean(input.baselineFile) });
    if (input.baselineFile) {
      try {
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
  py.FS.writeFile("/pwa/lib/pwa_pyodide_tests.py", runner_default);
  const runStarted = performance.now();
  const runCpuStarted = cpuMs();
  const scope = py.toPy({
    paths: [MODULE_DIR, `${MODULE_DIR}/python_modules`, DEPS_DIR, "/pwa/lib"],
    project: PROJECT_DIR,
    deps: DEPS_DIR,
    compile_first: input.compileDeps,
    // --capture=sys: Pyodide has no real file descriptors to redirect.
    args: ["-p", "no:cacheprovider", "--capture=sys", `--junitxml=${JUNIT_DIR}/junit.xml`, "-o", "junit_family=xunit1", ...input.pytestArgs]
  });
  scope.set("report", (nodeid) => {
    writeCurrent(input.current, nodeid);
  });
  scope.set("record", (nodeid, outcome) => parentPort?.postMessage({ test: { id: nodeid, outcome } }));
  const exitCode = await py.runPythonAsync(
    `
import sys
sys.path[:0] = [p for p in paths if p not in sys.path]
import pwa_pyodide_tests
if compile_first:
    pwa_pyodide_tests.compile_deps(deps)
pwa_pyodide_tests.run(project, args, report, record)
`,
    { globals: scope }
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
  (e) => parentPort?.postMessage({
    done: true,
    ok: false,
    error: errorTail(e)
  })
);
