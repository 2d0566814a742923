import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);

// src/snapshot/worker.ts
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

// src/snapshot/harness.py
var harness_default = `# Runs inside Pyodide (python-workers-action's snapshot check). Imports the Worker's entry module
# the way Cloudflare does before it takes the deploy-time memory snapshot, with the runtime's
# top-level restrictions in place, and records each violation at the user's own file and line.
#
# Entropy calls are recorded and answered with deterministic values so that one run finds every
# one of them; I/O calls raise, as in the runtime, since nothing sensible can be returned.
import ast
import builtins
import contextlib
import importlib.abc
import importlib.machinery
import os
import random
import sys
import time
import traceback
import types

ROOT = "/session/metadata"
VENDOR = ROOT + "/python_modules"

ENTROPY_OS = "[Errno 29] Cannot get entropy outside of request context"
IO_MESSAGE = (
    "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or "
    "connect()), setting a timeout, and generating random values are not allowed within global "
    "scope. To fix this error, perform this operation within a handler. "
    "https://developers.cloudflare.com/workers/runtime-apis/handlers/"
)

_violations = []
_seen = set()
_importing = False
_fake_random = random.Random(0)


def _is_user(filename):
    return filename.startswith(ROOT + "/") and not filename.startswith(VENDOR + "/")


def _is_project(filename):
    return filename.startswith(ROOT + "/")


def _locate(frames):
    """The user's own frame nearest the failing call, else the nearest vendored one."""
    frames = list(frames)
    for fs in reversed(frames):
        if _is_user(fs.filename):
            return fs.filename, fs.lineno
    for fs in reversed(frames):
        if _is_project(fs.filename):
            return fs.filename, fs.lineno
    return None, None


def _record(rule, message, frames=None, filename=None, lineno=None):
    if frames is not None:
        filename, lineno = _locate(frames)
    key = (rule, filename, lineno, message)
    if key in _seen:
        return
    _seen.add(key)
    stack = "".join(traceback.format_list(frames)) if frames else ""
    _violations.append(
        {"rule": rule, "path": filename, "line": lineno, "message": message, "stack": stack}
    )


def _caller_frames():
    # Drop this module's own frames.
    return [f for f in traceback.extract_stack()[:-1] if not f.filename.endswith("/harness.py")
            and f.filename != "<exec>"]


# The runtime allows entropy while these stdlib modules are imported (workerd's allow list).
_ENTROPY_OK_MODULES = ("random", "multiprocessing.process")
_import_stack = []


# Entropy calls the workers SDK's package patches allow (allow_bad_entropy_calls(n)).
_allowed_calls = 0


def _entropy_allowed():
    global _allowed_calls
    if _allowed_calls > 0:
        _allowed_calls -= 1
        return True
    return any(m in _ENTROPY_OK_MODULES for m in _import_stack)


# -- entropy -----------------------------------------------------------------------------------
_real_urandom = os.urandom


def _urandom(n):
    if _importing and not _entropy_allowed():
        _record("entropy", "OSError: " + ENTROPY_OS, _caller_frames())
        return bytes(n)
    return _real_urandom(n)


def _blocked_random(name, real):
    fake = getattr(_fake_random, name, None)

    def wrapper(*args, **kwargs):
        if _importing and not _entropy_allowed():
            _record(
                "entropy",
                "RuntimeError: Cannot use random.%s() outside of request context" % name,
                _caller_frames(),
            )
            if fake is not None:
                return fake(*args, **kwargs)
        return real(*args, **kwargs)

    wrapper.__name__ = name
    wrapper.__qualname__ = name
    wrapper.__doc__ = getattr(real, "__doc__", None)
    return wrapper


_real_seed = random.Random.seed


def _seed(self, a=None, version=2):
    if a is None and _importing and not _entropy_allowed() and not isinstance(
        self, random.SystemRandom
    ):
        _record("entropy", "OSError: " + ENTROPY_OS, _caller_frames())
        return _real_seed(self, 0, version)
    return _real_seed(self, a, version)


def _install_entropy_guards():
    os.urandom = _urandom
    # random.py binds os.urandom at its own import (SystemRandom, hence secrets, uses that name).
    random._urandom = _urandom
    random.Random.seed = _seed
    for name in dir(random):
        if name.startswith("_") or name in ("Random", "SystemRandom"):
            continue
        value = getattr(random, name)
        # Module-level functions are bound methods of the hidden Random instance (C or Python).
        if callable(value) and isinstance(getattr(value, "__self__", None), random.Random):
            setattr(random, name, _blocked_random(name, value))


def record_from_js(rule, message):
    """Called by the JS hooks (fetch, timers, connect, crypto.getRandomValues) during the import."""
    if not _importing:
        return False
    _record(rule, message, _caller_frames())
    return True


# -- I/O -----------------------------------------------------------------------------------------
class _IOBlocked(Exception):
    pass


def _block_io(what):
    def blocked(*args, **kwargs):
        if _importing:
            _record("io", "Error: " + IO_MESSAGE + " (" + what + ")", _caller_frames())
            raise OSError(IO_MESSAGE)
        return blocked.real(*args, **kwargs)

    return blocked


def _install_io_guards():
    import socket
    import subprocess
    import threading

    for owner, name, what in (
        (socket.socket, "connect", "socket.connect()"),
        (socket, "create_connection", "socket.create_connection()"),
        (threading.Thread, "start", "threading.Thread.start()"),
        (subprocess.Popen, "__init__", "subprocess.Popen()"),
    ):
        guard = _block_io(what)
        guard.real = getattr(owner, name)
        setattr(owner, name, guard)


# -- import tracking and runtime-provided modules ----------------------------------------------
class _Anything:
    """Stands in for a runtime-provided module the npm Pyodide package leaves out."""

    def __init__(self, name):
        self.__name = name

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return _Anything(self.__name + "." + attr)

    def __call__(self, *args, **kwargs):
        return _Anything(self.__name + "()")

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __mro_entries__(self, bases):
        return (object,)


class _RuntimeModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, names):
        self.names = set(names)

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.names:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda attr: _Anything(spec.name + "." + attr)
        return module

    def exec_module(self, module):
        pass


_real_import = builtins.__import__


def _tracking_import(name, globals=None, locals=None, fromlist=(), level=0):
    _import_stack.append(name)
    try:
        return _real_import(name, globals, locals, fromlist, level)
    finally:
        _import_stack.pop()


# -- the runtime's \`_cloudflare\` package, for the workers SDK's package patches ---------------
# The SDK (python_modules/_workers_sdk_*.py, loaded from a .pth file) adapts packages to the
# runtime, e.g. aiohttp's top-level random.Random(): it registers import patches with the
# runtime's import patch manager. This stand-in applies them the same way, so what the runtime
# allows is allowed here too.
_exec_patches = {}
_create_patches = {}


def _registrar(table):
    def register(name):
        def decorate(fn):
            table.setdefault(name, []).append(fn)
            return fn

        return decorate

    return register


def _ignore(_name):
    return lambda fn: fn


@contextlib.contextmanager
def _allow_bad_entropy_calls(n):
    global _allowed_calls
    before = _allowed_calls
    _allowed_calls += n
    try:
        yield
    finally:
        _allowed_calls = before


def _block_calls(module, allowlist=()):
    for name in dir(module):
        value = getattr(module, name)
        if name.startswith("_") or name in allowlist or not callable(value) or isinstance(value, type):
            continue
        setattr(module, name, _blocked_random(name, value))


class _PatchedLoader(importlib.abc.Loader):
    def __init__(self, real, name):
        self.real = real
        self.name = name

    def create_module(self, spec):
        with contextlib.ExitStack() as stack:
            for patch in _create_patches.get(self.name, []):
                stack.enter_context(patch(spec))
            return self.real.create_module(spec)

    def exec_module(self, module):
        with contextlib.ExitStack() as stack:
            for patch in _exec_patches.get(self.name, []):
                stack.enter_context(patch(module))
            self.real.exec_module(module)


class _PatchFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in _exec_patches and fullname not in _create_patches:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchedLoader(spec.loader, fullname)
                return spec
        return None


def _install_cloudflare_stub():
    pkg = types.ModuleType("_cloudflare")
    pkg.__path__ = []
    allow = types.ModuleType("_cloudflare.allow_entropy")
    allow.allow_bad_entropy_calls = _allow_bad_entropy_calls
    manager = types.ModuleType("_cloudflare.import_patch_manager")
    manager.register_exec_patch = _registrar(_exec_patches)
    manager.register_create_patch = _registrar(_create_patches)
    manager.register_after_snapshot = _ignore
    manager.register_before_first_request = _ignore
    manager.block_calls = _block_calls
    pkg.allow_entropy = allow
    pkg.import_patch_manager = manager
    # importlib.util.find_spec("_cloudflare"), which the SDK's loader asks, needs specs.
    pkg.__spec__ = importlib.machinery.ModuleSpec("_cloudflare", None, is_package=True)
    allow.__spec__ = importlib.machinery.ModuleSpec(allow.__name__, None)
    manager.__spec__ = importlib.machinery.ModuleSpec(manager.__name__, None)
    sys.modules.update({"_cloudflare": pkg, allow.__name__: allow, manager.__name__: manager})
    sys.meta_path.insert(0, _PatchFinder())


def _load_sdk_patches():
    """What the runtime does through python_modules' .pth file: load the SDK's patches."""
    if not os.path.exists(VENDOR + "/_workers_sdk_patch_loader.py"):
        return
    try:
        importlib.import_module("_workers_sdk_patch_loader")
    except Exception:  # noqa: BLE001 - an SDK the check cannot load is the SDK's business
        print("python-workers-action: could not load the workers SDK's package patches:")
        traceback.print_exc()


# -- after the import ----------------------------------------------------------------------------
def _module_file(module):
    f = getattr(module, "__file__", None)
    return f if isinstance(f, str) else None


def _assign_lines(filename):
    """name -> line of its last top-level assignment (or def / class / import)."""
    out = {}
    try:
        with open(filename) as fh:
            tree = ast.parse(fh.read(), filename)
    except (OSError, SyntaxError, ValueError):
        return out
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = node.lineno
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                out[(alias.asname or alias.name).split(".")[0]] = node.lineno
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name):
                    out[n.id] = node.lineno
    return out


def js_global_candidates():
    """Every JS object held in a project module's globals (one container level deep)."""
    from pyodide.ffi import JsProxy

    out = []
    for mod in list(sys.modules.values()):
        f = _module_file(mod)
        if not f or not _is_project(f):
            continue
        lines = None
        for name, value in list(vars(mod).items()):
            held = []
            if isinstance(value, JsProxy):
                held.append((name, value))
            elif isinstance(value, (list, tuple, set)):
                held.extend((name, v) for v in value if isinstance(v, JsProxy))
            elif isinstance(value, dict):
                held.extend((name, v) for v in value.values() if isinstance(v, JsProxy))
            for label, proxy in held:
                if lines is None:
                    lines = _assign_lines(f)
                out.append([f, lines.get(name, 1), label, proxy])
    return out


def _handler_info(entry):
    classes = []
    functions = []
    for name, value in vars(entry).items():
        if isinstance(value, type) and getattr(value, "__module__", None) == entry.__name__:
            if any(b.__name__ == "WorkerEntrypoint" for b in value.__mro__[1:]):
                classes.append(name)
        elif callable(value) and name.startswith("on_") and getattr(value, "__module__", None) == entry.__name__:
            functions.append(name)
    lines = _assign_lines(_module_file(entry)) if _module_file(entry) else {}
    return {
        "classes": classes,
        "functions": functions,
        "lines": {n: lines.get(n, 1) for n in classes + functions},
    }


def run(entry_name, runtime_modules):
    """Import the entry module under the runtime's rules. Returns a dict for the Action."""
    global _importing
    sys.dont_write_bytecode = True
    sys.path[:0] = [ROOT, VENDOR]
    sys.meta_path.append(_RuntimeModuleFinder(runtime_modules))
    _install_cloudflare_stub()
    _load_sdk_patches()
    _install_entropy_guards()
    _install_io_guards()
    builtins.__import__ = _tracking_import
    error = None
    tb_text = ""
    started = time.perf_counter()
    _importing = True
    try:
        entry = importlib.import_module(entry_name)
    except BaseException as e:  # noqa: BLE001 - everything the runtime would fail on
        entry = None
        error = e
        tb_text = "".join(traceback.format_exception(e))
    finally:
        _importing = False
        builtins.__import__ = _real_import
    import_ms = (time.perf_counter() - started) * 1000

    if error is not None and not any(v["rule"] == "io" for v in _violations):
        frames = traceback.extract_tb(error.__traceback__)
        text = "".join(traceback.format_exception_only(error)).strip()
        if isinstance(error, SyntaxError) and error.filename and _is_project(error.filename):
            _record("import", text.splitlines()[-1], filename=error.filename, lineno=error.lineno)
        else:
            _record("import", text.splitlines()[-1], frames)
    info = _handler_info(entry) if entry is not None else None
    return {
        "imported": entry is not None,
        "import_ms": import_ms,
        "traceback": tb_text,
        "violations": _violations,
        "handlers": info,
        "modules": sorted(
            m for m, mod in sys.modules.items() if _module_file(mod) and _is_project(_module_file(mod))
        ),
    }
`;

// src/snapshot/rules.ts
var RUNTIME_TEXT = {
  jsGlobal: "Can't serialize top-level variable. Please review any global variables you or your imported modules create at the top-level of your code, and consider deleting them.",
  io: "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/",
  noHandler: (main2, handler) => `Python entrypoint "${main2}" does not export a handler named "${handler}"`
};
var MAGIC = [
  ["ELF (Linux)", Buffer.from([127, 69, 76, 70])],
  ["Mach-O (macOS)", Buffer.from([207, 250, 237, 254])],
  ["Mach-O (macOS)", Buffer.from([206, 250, 237, 254])],
  ["Mach-O universal (macOS)", Buffer.from([202, 254, 186, 190])],
  ["PE (Windows)", Buffer.from([77, 90])]
];
var WASM = Buffer.from([0, 97, 115, 109]);

// src/snapshot/report.ts
var SESSION_ROOT = "/session/metadata";

// src/snapshot/worker.ts
var input = workerData;
var log = [];
var IO = RUNTIME_TEXT.io;
function plainGlobals() {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(globalThis))) {
    if (!d.get || !d.configurable) continue;
    try {
      const v = globalThis[k];
      Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true, enumerable: d.enumerable });
    } catch {
    }
  }
}
function workersGlobals() {
  const g = globalThis;
  class HTMLRewriter {
    on() {
      return this;
    }
    onDocument() {
      return this;
    }
    transform(r) {
      return r;
    }
  }
  class WebSocketPair {
  }
  g.HTMLRewriter ??= HTMLRewriter;
  g.WebSocketPair ??= WebSocketPair;
  g.caches ??= { default: {}, open: async () => ({}) };
  g.scheduler ??= { wait: async () => void 0 };
}
function copyTree(py, src, dst, skip) {
  let count = 0;
  py.FS.mkdirTree(dst);
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    if (skip(s)) continue;
    if (e.isDirectory()) count += copyTree(py, s, `${dst}/${e.name}`, skip);
    else if (e.isFile()) {
      py.FS.writeFile(`${dst}/${e.name}`, fs.readFileSync(s));
      count++;
    }
  }
  return count;
}
async function main() {
  plainGlobals();
  workersGlobals();
  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(input.pyodideDir, "pyodide.mjs")).href);
  const options = {
    indexURL: input.pyodideDir + path.sep,
    _makeSnapshot: input.snapshot,
    env: { PYTHONDONTWRITEBYTECODE: "1", HOME: "/home/pyodide" },
    stdout: (s) => log.push(s),
    stderr: (s) => log.push(s)
  };
  let baseline = "none";
  let py;
  if (input.snapshot && input.baselineFile && fs.existsSync(input.baselineFile)) {
    try {
      py = await loadPyodide({ ...options, _loadSnapshot: fs.readFileSync(input.baselineFile) });
      baseline = "loaded";
    } catch (err) {
      log.push(`(the baseline snapshot could not be loaded and is rebuilt: ${String(err).slice(0, 200)})`);
      fs.rmSync(input.baselineFile, { force: true });
    }
  }
  if (!py) {
    py = await loadPyodide(options);
    if (input.snapshot && input.baselineFile) {
      try {
        const tmp = `${input.baselineFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, py.makeMemorySnapshot());
        fs.renameSync(tmp, input.baselineFile);
        baseline = "made";
      } catch (err) {
        log.push(`(no baseline snapshot: ${String(err).slice(0, 200)})`);
      }
    }
  }
  const loadMs = performance.now() - started;
  const flags = new Set(input.flags);
  const compatFlags = new Proxy({}, { get: (_t, k) => typeof k === "string" ? flags.has(k) : void 0, has: () => true });
  let recordFromJs;
  const blockedIo = (what) => () => {
    recordFromJs?.("io", `Error: ${IO} (${what})`);
    throw new Error(`${IO} (${what})`);
  };
  const sockets = { connect: blockedIo("connect()") };
  const workersModule = { WorkerEntrypoint: class WorkerEntrypoint {
  }, DurableObject: class DurableObject {
  }, WorkflowEntrypoint: class WorkflowEntrypoint {
  }, env: {} };
  const helper = {
    cloudflareWorkersModule: workersModule,
    cloudflareSocketsModule: sockets,
    doAnImport: (name) => name === "cloudflare:sockets" ? sockets : workersModule,
    patchWaitUntil: () => void 0,
    patch_env_helper: () => void 0
  };
  py.registerJsModule("_cloudflare_compat_flags", compatFlags);
  py.registerJsModule("_pyodide_entrypoint_helper", helper);
  const serializable = /* @__PURE__ */ new Set([compatFlags, helper, sockets, workersModule, ...Object.values(workersModule), ...Object.values(helper), ...Object.values(sockets)]);
  const copied = copyTree(py, input.moduleRoot, SESSION_ROOT, (p) => p === input.vendorDir || /(__pycache__|\.pyc|\.wrangler)$/.test(p)) + (fs.existsSync(input.vendorDir) ? copyTree(py, input.vendorDir, `${SESSION_ROOT}/python_modules`, (p) => p.endsWith(".pyc") || p.endsWith("__pycache__")) : 0);
  py.FS.mkdirTree("/pwa");
  py.FS.writeFile("/pwa/harness.py", harness_default);
  py.runPython("import sys; sys.path.insert(0, '/pwa'); import harness; sys.path.remove('/pwa')");
  const h = py.pyimport("harness");
  recordFromJs = (rule, message) => h.record_from_js(rule, message);
  parentPort.postMessage({ ready: true });
  await new Promise((resolve) => parentPort.once("message", () => resolve()));
  const g = globalThis;
  const saved = { fetch: g.fetch, setTimeout: g.setTimeout, setInterval: g.setInterval, getRandomValues: g.crypto?.getRandomValues };
  g.fetch = blockedIo("fetch()");
  g.setInterval = blockedIo("setInterval()");
  g.setTimeout = (fn, delay, ...args) => {
    if (delay && delay > 0) blockedIo(`setTimeout(\u2026, ${delay})`)();
    return saved.setTimeout(fn, delay, ...args);
  };
  if (g.crypto) {
    g.crypto.getRandomValues = (arr) => {
      recordFromJs?.("entropy", `PythonUserError: Disallowed operation called within global scope (crypto.getRandomValues())`);
      return arr;
    };
  }
  let outcome;
  try {
    outcome = h.run(input.entryName, input.runtimeModules).toJs({ dict_converter: Object.fromEntries });
  } finally {
    g.fetch = saved.fetch;
    g.setTimeout = saved.setTimeout;
    g.setInterval = saved.setInterval;
    if (g.crypto) g.crypto.getRandomValues = saved.getRandomValues;
  }
  const jsGlobals = [];
  if (input.snapshot && outcome.imported) {
    const candidates = h.js_global_candidates().toJs({ depth: 2 });
    const unserializable = [];
    py.makeMemorySnapshot({
      serializer: (obj) => {
        if (!serializable.has(obj)) unserializable.push(obj);
        return { pwa: true };
      }
    });
    for (const obj of unserializable) {
      const c = candidates.find((x) => x[3] === obj);
      const description = describe(obj);
      jsGlobals.push(c ? { path: c[0], line: c[1], label: c[2], description } : { path: null, line: null, label: null, description });
    }
  }
  return {
    imported: outcome.imported,
    importMs: outcome.import_ms,
    loadMs,
    baseline,
    files: copied,
    traceback: outcome.traceback,
    violations: outcome.violations,
    handlers: outcome.handlers ?? null,
    modules: outcome.modules,
    jsGlobals,
    log: log.join("\n")
  };
}
function describe(obj) {
  try {
    const tag = Object.prototype.toString.call(obj);
    const ctor = obj?.constructor?.name;
    const text = typeof obj === "function" ? String(obj).slice(0, 60) : tag;
    return ctor && !text.includes(ctor) ? `${text} (${ctor})` : text;
  } catch {
    return "a JavaScript object";
  }
}
main().then(
  (r) => parentPort.postMessage({ done: true, ok: true, result: r }),
  (e) => parentPort.postMessage({ done: true, ok: false, error: String(e?.message ?? e).split("\n").slice(-20).join("\n").slice(-4e3), log: log.join("\n") })
);
