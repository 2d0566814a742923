import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  blockedIo,
  installTopLevelRestrictions,
  plainGlobals,
  workersGlobals
} from "./chunk-E4YJOWAS.js";
import {
  moduleRootSkip,
  treeFiles,
  vendorSkip
} from "./chunk-D7HICUN2.js";
import {
  SESSION_ROOT,
  threadCpuClock
} from "./chunk-NLCH7DFL.js";
import {
  errorTail
} from "./chunk-BAB4QEES.js";
import "./chunk-LVHE7N22.js";

// src/snapshot/worker.ts
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// src/snapshot/harness.py
var harness_default = `# Runs inside Pyodide (python-workers-action's snapshot check). A model of the Workers runtime's
# Python layer at deploy time (workerd src/pyodide/, Release 2026-08-22): the same sys.path, the
# same top-level entropy patches keyed on the module being executed, the same exceptions with the
# same texts, then the entry module is imported. Whatever escapes the import is what the runtime's
# upload would fail on; an entropy or I/O error the Worker caught is only a notice.
#
# Citations are "file:line" in cloudflare/workerd at Release 2026-08-22; "internal/" means
# src/pyodide/internal/ and "tle/" means src/pyodide/internal/topLevelEntropy/.
import ast
import builtins
import importlib
import importlib.machinery
import os
import sys
import traceback
import types
from array import array
from contextlib import contextmanager, nullcontext
from functools import wraps

ROOT = "/session/metadata"
PYTHON_MODULES = ROOT + "/python_modules"  # internal/setup_python_search_path.py:5
VENDOR = ROOT + "/vendor"  # internal/setup_python_search_path.py:4

ENTROPY_TEXT = "Cannot get entropy outside of request context"  # tle/allow_entropy.py:31-34
IO_TEXT = "Disallowed operation called within global scope"

_events = []  # what the model raised: {rule, exc, path, line, message, stack}
_importing = False


def _is_user(filename):
    return filename.startswith(ROOT + "/") and not filename.startswith(
        (PYTHON_MODULES + "/", VENDOR + "/")
    )


def _is_project(filename):
    return filename.startswith(ROOT + "/")


def _locate(frames):
    """The user's own frame nearest the failing call, else the nearest vendored one."""
    frames = list(frames)
    for pick in (_is_user, _is_project):
        for fs in reversed(frames):
            if pick(fs.filename):
                return fs.filename, fs.lineno
    return None, None


def _caller_frames():
    return [
        f
        for f in traceback.extract_stack()[:-1]
        if not f.filename.endswith("/harness.py") and f.filename != "<exec>"
    ]


def _event(rule, message, exc=None, frames=None):
    frames = _caller_frames() if frames is None else frames
    path, line = _locate(frames)
    _events.append(
        {
            "rule": rule,
            "exc": exc,
            "path": path,
            "line": line,
            "message": message,
            "stack": "".join(traceback.format_list(frames)),
        }
    )


FATAL = "fatal"


def record_from_js(rule, message):
    """Called by the JS stand-ins (fetch, timers, connect) just before they throw, and by the
    crypto.getRandomValues stand-in, which in the runtime throws a PythonUserError that ends the
    interpreter (tle/lib.ts:63-83): that one is fatal whatever the Worker catches."""
    if not _importing:
        return False
    _event(rule, message, FATAL if rule == "entropy" else None)
    return True


def record_clock():
    """Called by the Date.now stand-in: top-level code read the clock (a notice, not a failure)."""
    if not _importing:
        return False
    frames = _caller_frames()
    # Only when the Worker's own code asked (not the SDK, a package or the file system).
    project = [f for f in frames if _is_project(f.filename)]
    if not project or not _is_user(project[-1].filename):
        return True
    path, line = project[-1].filename, project[-1].lineno
    if not any(e["rule"] == "clock" and e["path"] == path and e["line"] == line for e in _events):
        _event("clock", "clock read at the top level", None, frames)
    return True


def _fatal_entropy(what):
    # tle/lib.ts:63-83: getentropy() at the top level throws out of the interpreter.
    _event("entropy", "PythonUserError: Disallowed operation called within global scope (" + what + ")", FATAL)
    raise _Fatal(what)


class _Fatal(BaseException):
    pass


# -- runtime-provided modules the npm package leaves out (unvendored stdlib wheels) ---------------
_standins_used = []


def _standin_type(modname, attr):
    def __init__(self, *args, **kwargs):
        _standins_used.append(modname + "." + attr)

    return type(attr, (), {"__module__": modname, "__init__": __init__})


# Version of the runtime's SQLite is not published; 3.45.x is in line with the Emscripten
# port Pyodide 0.26-0.28 builds against (approximate, and said so in the report).
_SQLITE = {"sqlite_version": "3.45.1", "sqlite_version_info": (3, 45, 1)}


_SSL_CONSTANTS = {
    "OPENSSL_VERSION": "OpenSSL 1.1.1w  11 Sep 2023",
    "OPENSSL_VERSION_INFO": (1, 1, 1, 23, 15),
    "OPENSSL_VERSION_NUMBER": 0x1010117F,
    "CERT_NONE": 0, "CERT_OPTIONAL": 1, "CERT_REQUIRED": 2,
    "PROTOCOL_SSLv23": 2, "PROTOCOL_TLS": 2, "PROTOCOL_TLS_CLIENT": 16, "PROTOCOL_TLS_SERVER": 17,
    "OP_ALL": 0x80000054, "OP_NO_SSLv2": 0, "OP_NO_SSLv3": 0x2000000, "OP_NO_TLSv1": 0x4000000,
    "OP_NO_TLSv1_1": 0x10000000, "OP_NO_TLSv1_2": 0x8000000, "OP_NO_TLSv1_3": 0x20000000,
    "OP_NO_COMPRESSION": 0x20000, "OP_NO_TICKET": 0x4000, "OP_NO_RENEGOTIATION": 0x40000000,
    "OP_CIPHER_SERVER_PREFERENCE": 0x400000, "OP_SINGLE_DH_USE": 0, "OP_SINGLE_ECDH_USE": 0,
    "OP_ENABLE_MIDDLEBOX_COMPAT": 0x100000,
    "VERIFY_DEFAULT": 0, "VERIFY_CRL_CHECK_LEAF": 4, "VERIFY_CRL_CHECK_CHAIN": 12,
    "VERIFY_X509_STRICT": 32, "VERIFY_X509_TRUSTED_FIRST": 32768, "VERIFY_X509_PARTIAL_CHAIN": 0x80000,
    "HAS_SNI": True, "HAS_ALPN": True, "HAS_ECDH": True, "HAS_NPN": False, "HAS_TLSv1_3": True,
    "HAS_NEVER_CHECK_COMMON_NAME": True, "HAS_SSLv2": False, "HAS_SSLv3": False,
    "HAS_TLSv1": True, "HAS_TLSv1_1": True, "HAS_TLSv1_2": True,
}
_TLS_VERSIONS = {
    "MINIMUM_SUPPORTED": -2, "SSLv3": 768, "TLSv1": 769, "TLSv1_1": 770, "TLSv1_2": 771,
    "TLSv1_3": 772, "MAXIMUM_SUPPORTED": -1,
}


class _StandInFinder:
    # Last on sys.meta_path: only what nothing else can import. C accelerators (_hashlib, _ssl,
    # _sqlite3, _lzma) get none: the stdlib falls back when they are missing (hashlib uses its
    # built-in digests), and the stand-ins below replace the modules that would import them.
    def __init__(self, names):
        self.names = {n for n in names if not n.startswith("_")}

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.names:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        module.__path__ = []
        if name in ("sqlite3", "_sqlite3"):
            vars(module).update(_SQLITE)
            module.version = "2.6.0"
            module.PARSE_DECLTYPES, module.PARSE_COLNAMES = 1, 2
            for exc in ("Warning", "Error"):
                setattr(module, exc, type(exc, (Exception,), {"__module__": name}))
            for exc in ("InterfaceError", "DatabaseError"):
                setattr(module, exc, type(exc, (module.Error,), {"__module__": name}))
            for exc in ("DataError", "OperationalError", "IntegrityError", "InternalError",
                        "ProgrammingError", "NotSupportedError"):
                setattr(module, exc, type(exc, (module.DatabaseError,), {"__module__": name}))
            import datetime

            module.apilevel, module.threadsafety, module.paramstyle = "2.0", 1, "qmark"
            module.Binary, module.Date, module.Time = memoryview, datetime.date, datetime.time
            module.Timestamp = datetime.datetime
            module.dbapi2 = module  # \`from sqlite3 import dbapi2\`: the same names
            sys.modules[name + ".dbapi2"] = module
        if name in ("ssl", "_ssl"):
            # Creating an SSL context seeds OpenSSL from getentropy(): fatal at the top level,
            # the reason for the runtime's no_ssl patches (entropy_import_context_packages.py:127-172).
            def create_default_context(*a, **k):
                _fatal_entropy("ssl.create_default_context()")

            class SSLContext:
                __module__ = name

                def __init__(self, *a, **k):
                    _fatal_entropy("ssl.SSLContext()")

            module.create_default_context = create_default_context
            module.SSLContext = SSLContext
            module.SSLError = type("SSLError", (OSError,), {"__module__": name})
            # Constants packages read at import (urllib3, httpx, requests, aiohttp), with CPython's
            # values; the OpenSSL version is Pyodide's 1.1.1 build (approximate).
            import enum

            vars(module).update(_SSL_CONSTANTS)
            module.TLSVersion = enum.IntEnum("TLSVersion", _TLS_VERSIONS, module=name)
            module.Purpose = enum.Enum(
                "Purpose", {"SERVER_AUTH": "1.3.6.1.5.5.7.3.1", "CLIENT_AUTH": "1.3.6.1.5.5.7.3.2"}, module=name
            )
            module.VerifyMode = enum.IntEnum("VerifyMode", {"CERT_NONE": 0, "CERT_OPTIONAL": 1, "CERT_REQUIRED": 2}, module=name)
            for exc in ("SSLZeroReturnError", "SSLWantReadError", "SSLWantWriteError", "SSLSyscallError",
                        "SSLEOFError", "SSLCertVerificationError"):
                setattr(module, exc, type(exc, (module.SSLError,), {"__module__": name}))
            module.CertificateError = module.SSLCertVerificationError

        def __getattr__(attr, _name=name):
            if attr.startswith("__"):
                raise AttributeError(attr)
            value = _standin_type(_name, attr)
            _standins_used.append(_name + "." + attr)
            setattr(module, attr, value)
            return value

        module.__getattr__ = __getattr__


# -- allow_entropy: the budget of entropy calls (tle/allow_entropy.py) ----------------------------
# One byte, as the runtime's (allow_entropy.py:6). The runtime decrements it from JS once per
# C-level getentropy() (tle/lib.ts:41-48, 63-83); so does the Pyodide process here, from its hook on
# Emscripten's entropy source (crypto.getRandomValues on 0.26, node:crypto randomFillSync from 0.28),
# at the address bad_entropy_flag_addr() gives it, as get_bad_entropy_flag does (allow_entropy.py:37-41).
ALLOWED_ENTROPY_CALLS = array("b", [0])


def bad_entropy_flag_addr():
    return ALLOWED_ENTROPY_CALLS.buffer_info()[0]


def _raise_unless_entropy_allowed():
    # tle/allow_entropy.py:20-34 (never in request context during the import)
    if ALLOWED_ENTROPY_CALLS[0] > 0:
        return
    exc = OSError(29, ENTROPY_TEXT)
    _event("entropy", "OSError: [Errno 29] " + ENTROPY_TEXT, exc)
    raise exc


@contextmanager
def allow_bad_entropy_calls(n):
    # tle/allow_entropy.py:51-60: calls left when the module's import ends raise, and (as there)
    # the old budget is then not restored.
    old = ALLOWED_ENTROPY_CALLS[0]
    ALLOWED_ENTROPY_CALLS[0] = n
    yield
    if ALLOWED_ENTROPY_CALLS[0] > 0:
        exc = RuntimeError(f"{ALLOWED_ENTROPY_CALLS[0]} unexpected leftover getentropy calls ")
        _event("entropy", f"RuntimeError: {exc.args[0].strip()}", exc)
        raise exc
    ALLOWED_ENTROPY_CALLS[0] = old


_real_urandom = os.urandom


@wraps(_real_urandom)
def _patched_urandom(*args):
    # tle/entropy_patches.py:44-50: only checks; the C getentropy() calls it makes spend the budget.
    _raise_unless_entropy_allowed()
    return _real_urandom(*args)


# -- import_patch_manager: patches keyed on the module being executed -----------------------------
class _PatchInfo:
    def __init__(self):
        self.create = nullcontext
        self.exec = nullcontext
        self.after_snapshot = None


_patches = {}  # tle/import_patch_manager.py:46
_after_snapshot = []  # tle/import_patch_manager.py:113
_blocked = {}  # name -> original module (ORIG_MODULES, import_patch_manager.py:202)


def _register(kind):
    def register(name, fn=None):
        if fn is None:
            return lambda f: register(name, f)
        setattr(_patches.setdefault(name, _PatchInfo()), kind, fn)
        return fn

    return register


register_create_patch = _register("create")  # import_patch_manager.py:56-69
register_exec_patch = _register("exec")  # import_patch_manager.py:72-85
register_after_snapshot = _register("after_snapshot")  # import_patch_manager.py:94-99


def register_before_first_request(name, fn=None):
    # import_patch_manager.py:102-110: runs before the first request, not at deploy.
    return (lambda f: f) if fn is None else fn


class _PatchLoader:
    # import_patch_manager.py:117-137
    def __init__(self, loader, info):
        self._loader = loader
        self._info = info

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        with self._info.create(spec):
            return self._loader.create_module(spec)

    def exec_module(self, module):
        if self._info.after_snapshot:
            _after_snapshot.append((self._info.after_snapshot, module))
        with self._info.exec(module):
            self._loader.exec_module(module)


class _PatchFinder:
    # import_patch_manager.py:140-176: keyed on the full name of the module being found, so a
    # relative \`from . import process\` inside multiprocessing is patched like \`import ...\`.
    def invalidate_caches(self):
        pass

    def find_spec(self, fullname, path, target=None):
        info = _patches.get(fullname)
        if info is None:
            return None
        for finder in sys.meta_path:
            if isinstance(finder, _PatchFinder) or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec:
                break
        else:
            return None
        spec.loader = _PatchLoader(spec.loader, info)
        return spec


class _BlockedCallModule:
    # import_patch_manager.py:205-274: callables not on the allow list raise when called.
    def __init__(self, module, allowlist):
        object.__setattr__(self, "_mod", module)
        object.__setattr__(self, "_allow_list", allowlist)

    def __getattribute__(self, key):
        mod = object.__getattribute__(self, "_mod")
        orig = getattr(mod, key)
        if not callable(orig) or key in object.__getattribute__(self, "_allow_list"):
            return orig

        @wraps(orig)
        def wrapper(*args, **kwargs):
            if _importing:
                exc = RuntimeError(f"Cannot use {mod.__name__}.{key}() outside of request context")
                _event("entropy", f"RuntimeError: {exc.args[0]}", exc)
                raise exc
            return orig(*args, **kwargs)

        return wrapper

    def __setattr__(self, key, val):
        setattr(object.__getattribute__(self, "_mod"), key, val)

    def __dir__(self):
        return dir(object.__getattribute__(self, "_mod"))


def block_calls(module, *, allowlist=()):
    sys.modules[module.__name__] = _BlockedCallModule(module, allowlist)
    _blocked[module.__name__] = module


# -- the standard library's patches (tle/entropy_import_context.py) -------------------------------
RANDOM_STATE = None


def _random_after_exec(random):
    # entropy_import_context.py:48-62 (the 10 calls random's own import makes are allowed).
    global RANDOM_STATE
    RANDOM_STATE = random.getstate()
    block_calls(random, allowlist=("Random", "SystemRandom"))


def _random_exec(random):
    with allow_bad_entropy_calls(10):
        yield
    _random_after_exec(random)


def _random_after_snapshot(random):
    # entropy_import_context.py:65-72
    if random.getstate() != RANDOM_STATE:
        raise RuntimeError("random seed in bad state")


def _patch_random_seed(_random):
    # entropy_import_context.py:83-100: Random.seed(None) raises instead of reading entropy.
    orig = _random.Random.seed

    @wraps(orig)
    def patched_seed(self, val):
        if val is None:
            _raise_unless_entropy_allowed()
        return orig(self, val)

    _random.Random.seed = patched_seed


def _random_c_exec(_random):
    yield
    _patch_random_seed(_random)


class DeterministicRandomNameSequence:
    # entropy_import_context.py:108-128: tempfile names at the top level are a fixed sequence.
    characters = "abcdefghijklmnopqrstuvwxyz0123456789_"

    def __init__(self):
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.index += 1
        idx, out = self.index, []
        for _ in range(8):
            out.append(self.characters[idx % len(self.characters)])
            idx //= len(self.characters)
        return "".join(out)


def _tempfile_after_exec(module):
    module._RandomNameSequence = DeterministicRandomNameSequence  # entropy_import_context.py:131-136


def _tempfile_exec(module):
    yield
    _tempfile_after_exec(module)


def _mp_process_exec(module):
    with allow_bad_entropy_calls(1):  # entropy_import_context.py:145-151
        yield


def _register_exec_patches(table):
    """Each module name's generator as an exec patch (import_patch_manager.py register_exec_patch)."""
    for name, gen in table.items():
        register_exec_patch(name, contextmanager(gen))


def _install_stdlib_patches():
    stdlib = {
        "random": _random_exec,
        "_random": _random_c_exec,
        "tempfile": _tempfile_exec,
        "multiprocessing.process": _mp_process_exec,
    }
    _register_exec_patches(stdlib)
    register_after_snapshot("random", _random_after_snapshot)
    # npm Pyodide imports these while it boots; in the runtime they are imported by the Worker,
    # after the patch manager is in place (entropy_patches.py:69-71). Apply the effect of their
    # exec patches to the loaded modules, as the runtime's import would have.
    if "_random" in sys.modules:
        _patch_random_seed(sys.modules["_random"])
    if "random" in sys.modules:
        random = sys.modules["random"]
        random._urandom = _patched_urandom  # random.py binds os.urandom when it is imported
        _random_after_exec(random)
        _after_snapshot.append((_random_after_snapshot, random))
    if "tempfile" in sys.modules:
        _tempfile_after_exec(sys.modules["tempfile"])


# -- the runtime's bundled package patches, used before python_process_pth_files ------------------
# tle/entropy_import_context_packages.py (loaded only without the flag, tle/lib.ts:100-105;
# entropy_import_context.py:19-26). Written here from what that file does.
_rust_seen = [False]


def _rust_package(module):
    # entropy_import_context_packages.py:25-43
    if sys.version_info >= (3, 13) and _rust_seen[0]:
        yield
        return
    _rust_seen[0] = True
    with allow_bad_entropy_calls(1):
        yield


def _one_call(module):
    with allow_bad_entropy_calls(1):
        yield


def _numpy_random(module):
    yield
    block_calls(module, allowlist=("default_rng", "RandomState"))  # :49-61


def _numpy_mtrand(module):
    with allow_bad_entropy_calls(1):  # :78-88
        yield
    block_calls(module, allowlist=("RandomState",))


def _aiohttp_websocket(module):
    # :110-124: random.Random() at aiohttp's top level gets the random module instead.
    random = _blocked.get("random") or importlib.import_module("random")
    orig = random.Random
    random.Random = lambda: sys.modules["random"]
    try:
        yield
    finally:
        random.Random = orig


class _NoSslFinder:
    def find_spec(self, fullname, path, target=None):
        if fullname == "ssl":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname) from None


def _no_ssl(module):
    # :127-172: the module is imported as if ssl did not exist (its fallback avoids entropy).
    finder = _NoSslFinder()
    ssl = sys.modules.pop("ssl", None)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        if ssl:
            sys.modules["ssl"] = ssl


def _langchain_openai(module):
    if sys.version_info >= (3, 13):  # :184-192
        with allow_bad_entropy_calls(1):
            yield
    else:
        yield


def _install_bundled_package_patches():
    rust = contextmanager(_rust_package)
    register_create_patch("tiktoken._tiktoken", rust)
    for name in ("cryptography.exceptions", "jiter"):
        register_exec_patch(name, rust)
    table = {
        "numpy.random": _numpy_random,
        "numpy.random.mtrand": _numpy_mtrand,
        "pydantic_core": _one_call,
        "aiohttp.http_websocket": _aiohttp_websocket,
        "aiohttp.connector": _no_ssl,
        "requests.adapters": _no_ssl,
        "urllib3.util.ssl_": _no_ssl,
        "langsmith._internal._constants": _one_call,
        "langchain_openai.chat_models.base": _langchain_openai,
    }
    _register_exec_patches(table)


def _install_cloudflare_package():
    """The runtime's \`_cloudflare\` package (tle/lib.ts:90-112), for the SDK's .pth patches."""
    pkg = types.ModuleType("_cloudflare")
    pkg.__path__ = []
    allow = types.ModuleType("_cloudflare.allow_entropy")
    allow.allow_bad_entropy_calls = allow_bad_entropy_calls
    allow.raise_unless_entropy_allowed = _raise_unless_entropy_allowed
    manager = types.ModuleType("_cloudflare.import_patch_manager")
    for name in (
        "register_create_patch",
        "register_exec_patch",
        "register_after_snapshot",
        "register_before_first_request",
        "block_calls",
    ):
        setattr(manager, name, globals()[name])
    for mod in (pkg, allow, manager):
        mod.__spec__ = importlib.machinery.ModuleSpec(mod.__name__, None, is_package=mod is pkg)
        sys.modules[mod.__name__] = mod
    pkg.allow_entropy = allow
    pkg.import_patch_manager = manager


# -- sys.path (internal/setupPackages.ts:161-167, internal/setup_python_search_path.py:8-39) -------
def _setup_search_path(legacy_vendor_path, process_pth_files):
    sys.path.append(ROOT)  # adjustSysPath appends /session/metadata after the stdlib
    for i, p in enumerate(sys.path):
        if "site-packages" in p:
            if legacy_vendor_path:
                sys.path.insert(i, VENDOR)
            sys.path.insert(i, PYTHON_MODULES)
            break
    else:
        sys.path.insert(len(sys.path) - 1, PYTHON_MODULES)
    if process_pth_files and os.path.isdir(PYTHON_MODULES):
        import site

        site.addsitedir(PYTHON_MODULES)


# -- after the import -----------------------------------------------------------------------------
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
    """What the runtime finds in the main module (internal/introspection.py collect_classes;
    python-entrypoint-helper.ts:560-623): exported WorkerEntrypoint / DurableObject /
    WorkflowEntrypoint subclasses by class name, and callable top-level on_<handler>."""
    kinds = {}
    workers = sys.modules.get("workers")
    for kind in ("WorkerEntrypoint", "DurableObject", "WorkflowEntrypoint"):
        base = getattr(workers, kind, None) if workers else None
        if isinstance(base, type):
            kinds[kind] = base
    keys = getattr(entry, "__all__", None)
    if keys is None:
        keys = [k for k in dir(entry) if not k.startswith("_")]
    classes = []
    for key in keys:
        val = getattr(entry, key, None)
        for kind, base in kinds.items():
            if isinstance(val, type) and issubclass(val, base) and val is not base:
                classes.append({"name": val.__name__, "kind": kind, "binding": key})
    # python-entrypoint-helper.ts:534-541 and 607-622: typeof mainModule["on_" + name] ===
    # "function", and a top-level test() (legacy handlers only).
    functions = [
        name
        for name in ["on_" + h for h in ("fetch", "alarm", "scheduled", "trace", "queue", "pubsub")]
        + ["test"]
        if callable(getattr(entry, name, None))
    ]
    lines = _assign_lines(_module_file(entry)) if _module_file(entry) else {}
    return {
        "classes": classes,
        "functions": functions,
        "lines": {n: lines.get(n, 1) for n in [c["binding"] for c in classes] + functions},
    }


def _patch_run_sync(runtime_version):
    """import_from_javascript() of other modules at the top level (workers/_workers.py:58-95 in
    workerd's SDK, the same in workers-runtime-sdk): on 0.26.0a2 JSPI has no suspender at the top
    level, so it raises RuntimeError("No suspender"), which the SDK turns into ImportError; from
    0.28 it works. Node has no stack switching, so the check answers with the stand-in module the
    Pyodide process returned (approximate: the runtime's cloudflare:* modules have their real export
    names there, with inert classes and functions; other modules are empty)."""
    import pyodide.ffi as ffi

    orig = getattr(ffi, "run_sync", None)

    def run_sync(x):
        if _importing:
            if runtime_version.startswith("0.26."):
                raise RuntimeError("No suspender")
            value = getattr(x, "pwaModule", None)
            if value is not None:
                _standins_used.append("import_from_javascript")
                return value
        return orig(x)

    ffi.run_sync = run_sync


def _exc_text(exc):
    return "".join(traceback.format_exception_only(exc)).strip().splitlines()[-1]


def _outcome(error):
    """Violations (what escaped the import) and notices (what the Worker caught)."""
    violations, notices = [], []
    chain, e = [], error
    while e is not None and len(chain) < 20:
        chain.append(e)
        e = e.__cause__ or e.__context__
    hit = next((ev for ev in _events if ev["exc"] == FATAL), None)
    if hit is not None:
        # The runtime stopped here; what came after did not run there.
        return [{k: v for k, v in hit.items() if k != "exc"}], []
    if error is not None:
        hit = next((ev for ev in _events if ev["exc"] is not None and ev["exc"] is error), None)
        if hit is None and IO_TEXT in str(error):
            hit = next((ev for ev in reversed(_events) if ev["rule"] == "io"), None)
        if hit is None and type(error).__name__ == "PythonUserError":
            hit = next((ev for ev in _events if ev["rule"] == "entropy"), None)
    for ev in _events:
        out = dict(ev)
        out.pop("exc")
        if ev["rule"] == "clock":
            notices.append(out)
        elif ev is hit:
            violations.append(out)
        else:
            out["rule"] = "caught-" + ev["rule"]
            notices.append(out)
    if error is not None and hit is None:
        frames = traceback.extract_tb(error.__traceback__)
        if isinstance(error, SyntaxError) and error.filename and _is_project(error.filename):
            path, line = error.filename, error.lineno
        else:
            path, line = _locate(frames)
        violations.append(
            {
                "rule": "import",
                "path": path,
                "line": line,
                "message": _exc_text(error),
                "stack": "".join(traceback.format_list(frames)),
            }
        )
    return violations, notices


def run(entry_name, cfg):
    """Import the entry module under the runtime's rules. Returns a dict for the Action."""
    global _importing
    cfg = dict(cfg)
    sys.dont_write_bytecode = True
    if cfg.get("runtime_version"):
        import pyodide

        pyodide.__version__ = cfg["runtime_version"]  # what the runtime's Pyodide reports
    _install_cloudflare_package()
    # entropy_patches.py:69-71 before_top_level: os.urandom patched, patch manager installed.
    os.urandom = _patched_urandom
    sys.meta_path.insert(0, _PatchFinder())
    sys.meta_path.append(_StandInFinder(cfg.get("standins", ())))
    _install_stdlib_patches()
    if not cfg.get("process_pth_files"):
        _install_bundled_package_patches()
    _setup_search_path(cfg.get("legacy_vendor_path", False), cfg.get("process_pth_files", False))
    _patch_run_sync(cfg.get("runtime_version") or "")

    error = None
    _importing = True
    try:
        entry = importlib.import_module(entry_name)
    except BaseException as e:  # noqa: BLE001 - everything the runtime would fail on
        entry = None
        error = e
    finally:
        _importing = False
    tb_text = "".join(traceback.format_exception(error)) if error is not None else ""
    violations, notices = _outcome(error)

    rng = None
    # The after-snapshot check runs when a dedicated snapshot is collected (internal/snapshot.ts:
    # 820 entropyAfterSnapshot; tle/lib.ts:143-155 only with python_check_rng_state).
    if entry is not None and cfg.get("check_rng_state") and cfg.get("dedicated_snapshot"):
        for handler, module in _after_snapshot:
            try:
                handler(module)
            except RuntimeError as e:
                rng = str(e)
                break
    if _standins_used:
        notices.append(
            {
                "rule": "approximate",
                "path": None,
                "line": None,
                "message": "the check used a stand-in (npm Pyodide lacks the module, or Node "
                "lacks JSPI for import_from_javascript) for "
                + ", ".join(sorted(set(_standins_used))[:8])
                + " (the runtime has the real module)",
                "stack": "",
            }
        )
    info = _handler_info(entry) if entry is not None else None
    return {
        "imported": entry is not None,
        "traceback": tb_text,
        "violations": violations,
        "notices": notices,
        "rng": rng,
        "handlers": info,
        "sys_path": list(sys.path),
        "modules": sorted(
            m
            for m, mod in list(sys.modules.items())
            if _module_file(mod) and _is_project(_module_file(mod))
        ),
    }
`;

// src/snapshot/js-modules.ts
var CLOUDFLARE_MODULE_EXPORTS = {
  // ai.ts:5-33 (re-exports of cloudflare-internal:ai-api, aig-api, autorag-api, to-markdown-api)
  "cloudflare:ai": [
    "InferenceUpstreamError",
    "Ai",
    "AiGateway",
    "AiGatewayInternalError",
    "AiGatewayLogNotFound",
    "AutoRAG",
    "AutoRAGInternalError",
    "AutoRAGNotFoundError",
    "AutoRAGUnauthorizedError",
    "ToMarkdownService"
  ],
  "cloudflare:br": ["BrowserRendering"],
  // br.ts:8
  "cloudflare:email": ["EmailMessage"],
  // email.ts:7
  "cloudflare:node": ["handleAsNodeRequest", "httpServerHandler"],
  // node.ts:29,55
  "cloudflare:pipelines": ["PipelineTransformationEntrypoint"],
  // pipelines.ts:7
  "cloudflare:sockets": ["connect", "internalNewHttpClient"],
  // sockets.ts:10,17
  "cloudflare:vectorize": ["KnownModel", "DistanceMetric", "MetadataRetrievalLevel"],
  // vectorize.ts:9,21,30
  // workers.ts:12-211
  "cloudflare:workers": [
    "WorkerEntrypoint",
    "DurableObject",
    "RpcStub",
    "RpcPromise",
    "RpcProperty",
    "RpcTarget",
    "ServiceStub",
    "WorkflowEntrypoint",
    "restore",
    "withEnv",
    "withExports",
    "withEnvAndExports",
    "env",
    "exports",
    "waitUntil",
    "cache",
    "tracing",
    "abortIsolate"
  ],
  "cloudflare:workflows": ["NonRetryableError"]
  // workflows.ts:5
};
var CONSTANTS = {
  KnownModel: {
    "openai/text-embedding-ada-002": "openai/text-embedding-ada-002",
    "cohere/embed-multilingual-v2.0": "cohere/embed-multilingual-v2.0",
    "@cf/baai/bge-small-en-v1.5": "@cf/baai/bge-small-en-v1.5",
    "@cf/baai/bge-base-en-v1.5": "@cf/baai/bge-base-en-v1.5",
    "@cf/baai/bge-large-en-v1.5": "@cf/baai/bge-large-en-v1.5"
  },
  DistanceMetric: { EUCLIDEAN: "euclidean", COSINE: "cosine", DOT_PRODUCT: "dot-product" },
  MetadataRetrievalLevel: { ALL: "all", INDEXED: "indexed", NONE: "none" }
};
var OBJECTS = /* @__PURE__ */ new Set(["env", "exports", "cache", "tracing"]);
var isClassName = (name) => /^[A-Z]/.test(name);
function standIn(name) {
  if (CONSTANTS[name]) return Object.freeze({ ...CONSTANTS[name] });
  if (OBJECTS.has(name)) return {};
  if (isClassName(name)) {
    return { [name]: class {
    } }[name];
  }
  return { [name]: () => void 0 }[name];
}
function cloudflareModule(name, overrides = {}) {
  const names = CLOUDFLARE_MODULE_EXPORTS[name];
  if (!names) return void 0;
  const mod = {};
  for (const n of names) mod[n] = n in overrides ? overrides[n] : standIn(n);
  return mod;
}

// src/snapshot/worker.ts
var input = await new Promise((resolve) => process.once("message", (m) => resolve(m)));
var post = (m) => process.send?.(m);
var log = [];
function copyTree(py, src, dst, skip) {
  const files = treeFiles(src, skip);
  for (const [rel, abs] of files) {
    const to = `${dst}/${rel}`;
    py.FS.mkdirTree(to.slice(0, to.lastIndexOf("/")));
    py.FS.writeFile(to, fs.readFileSync(abs));
  }
  py.FS.mkdirTree(dst);
  return files.length;
}
async function main() {
  plainGlobals();
  workersGlobals();
  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(input.pyodideDir, "pyodide.mjs")).href);
  const options = {
    indexURL: input.pyodideDir + path.sep,
    _makeSnapshot: input.snapshot,
    // PYTHONHASHSEED as the runtime sets it (internal/pool/emscriptenSetup.ts:174-178).
    env: { PYTHONDONTWRITEBYTECODE: "1", HOME: "/session", PYTHONHASHSEED: "111" },
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
  const record = (rule, message) => recordFromJs?.(rule, message) ?? false;
  const env = input.env;
  const workersModule = cloudflareModule("cloudflare:workers", {
    WorkerEntrypoint: class WorkerEntrypoint {
    },
    DurableObject: class DurableObject {
    },
    WorkflowEntrypoint: class WorkflowEntrypoint {
    },
    env
  });
  const sockets = cloudflareModule("cloudflare:sockets", { connect: blockedIo(record, "connect()") });
  const imported = /* @__PURE__ */ new Map([
    ["cloudflare:workers", workersModule],
    ["cloudflare:sockets", sockets]
  ]);
  const helper = {
    cloudflareWorkersModule: workersModule,
    cloudflareSocketsModule: sockets,
    // Other JS modules at the top level: a marker the harness's run_sync stand-in unwraps (a
    // returned Promise would reach Python as a future, without the module). The runtime's
    // built-in cloudflare:* modules get their export names (js-modules.ts); anything else an
    // empty stand-in (reported as approximate by the harness).
    doAnImport: (name) => {
      let mod = imported.get(name);
      if (!mod) {
        mod = cloudflareModule(name) ?? {};
        imported.set(name, mod);
        for (const v of reachable(mod)) serializable.add(v);
      }
      const marker = { pwaModule: mod };
      serializable.add(marker);
      return marker;
    },
    patchWaitUntil: () => void 0,
    patch_env_helper: () => void 0
  };
  py.registerJsModule("_cloudflare_compat_flags", compatFlags);
  py.registerJsModule("_pyodide_entrypoint_helper", helper);
  const serializable = /* @__PURE__ */ new Set([compatFlags, helper, ...reachable(workersModule), ...reachable(sockets), ...Object.values(helper), ...reachable(env)]);
  const copied = copyTree(py, input.moduleRoot, SESSION_ROOT, moduleRootSkip(input.vendorDir)) + (fs.existsSync(input.vendorDir) ? copyTree(py, input.vendorDir, `${SESSION_ROOT}/python_modules`, vendorSkip) : 0);
  py.FS.mkdirTree("/pwa");
  py.FS.writeFile("/pwa/harness.py", harness_default);
  py.runPython("import sys; sys.path.insert(0, '/pwa'); import harness; sys.path.remove('/pwa')");
  const h = py.pyimport("harness");
  recordFromJs = (rule, message) => h.record_from_js(rule, message);
  post({ ready: true });
  let located = true;
  const restrictions = installTopLevelRestrictions({
    record,
    // Python holds the GIL through time.time()/datetime.now(): ask it where the call came from.
    clock: () => {
      if (!located) return;
      try {
        h.record_clock();
      } catch {
        located = false;
      }
    },
    module: py._module,
    budgetAddr: Number(h.bad_entropy_flag_addr())
  });
  let clockReads = 0;
  let outcome;
  let importMs = 0;
  let importCpuMs;
  try {
    const cfg = py.toPy(input.harness);
    const t0 = performance.now();
    const cpu = threadCpuClock();
    try {
      outcome = h.run(input.entryName, cfg).toJs({ dict_converter: Object.fromEntries });
    } finally {
      importMs = performance.now() - t0;
      importCpuMs = cpu?.();
      cfg.destroy();
    }
  } finally {
    clockReads = restrictions.restore();
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
    importMs,
    importCpuMs,
    loadMs,
    cpuMs: (() => {
      const c = process.cpuUsage();
      return Math.round((c.user + c.system) / 1e3);
    })(),
    baseline,
    files: copied,
    traceback: outcome.traceback,
    violations: outcome.violations,
    notices: outcome.notices,
    rng: outcome.rng ?? null,
    clockReads,
    sysPath: outcome.sys_path,
    handlers: outcome.handlers ?? null,
    modules: outcome.modules,
    jsGlobals,
    log: log.join("\n")
  };
}
function reachable(value, out = []) {
  if (value && (typeof value === "object" || typeof value === "function") && !out.includes(value)) {
    out.push(value);
    for (const v of Object.values(value)) reachable(v, out);
  }
  return out;
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
  (r) => post({ done: true, ok: true, result: r }),
  (e) => post({
    done: true,
    ok: false,
    error: errorTail(e),
    log: log.join("\n")
  })
);
