// Standard-library modules pytest (with pytest-asyncio) imports, measured on Pyodide 0.28.2.
// Pyodide's npm stdlib zip holds sources only, so each run would compile them again (≈1 s of CPU);
// the test runner imports them once before taking its baseline snapshot, so warm runs restore them
// already imported. A name missing from a Python version is skipped.
import crypto from "node:crypto";

export const STDLIB_PRELOAD: readonly string[] = [
  "__future__", "_colorize", "_compression", "argparse", "ast", "asyncio", "asyncio.base_events",
  "asyncio.base_futures", "asyncio.base_subprocess", "asyncio.base_tasks", "asyncio.constants",
  "asyncio.coroutines", "asyncio.events", "asyncio.exceptions", "asyncio.format_helpers", "asyncio.futures",
  "asyncio.locks", "asyncio.log", "asyncio.mixins", "asyncio.protocols", "asyncio.queues", "asyncio.runners",
  "asyncio.selector_events", "asyncio.sslproto", "asyncio.staggered", "asyncio.streams",
  "asyncio.subprocess", "asyncio.taskgroups", "asyncio.tasks", "asyncio.threads", "asyncio.timeouts",
  "asyncio.transports", "asyncio.trsock", "asyncio.unix_events", "base64", "bdb", "bisect", "bz2", "cmd",
  "code", "codeop", "collections", "collections.abc", "concurrent", "concurrent.futures",
  "concurrent.futures._base", "contextlib", "contextvars", "copy", "csv", "dataclasses", "datetime",
  "decimal", "difflib", "dis", "email", "email._encoded_words", "email._parseaddr", "email._policybase",
  "email.base64mime", "email.charset", "email.encoders", "email.errors", "email.feedparser", "email.header",
  "email.iterators", "email.message", "email.parser", "email.quoprimime", "email.utils", "enum", "fnmatch",
  "functools", "gettext", "glob", "hashlib", "heapq", "html", "html.entities", "http", "http.client",
  "importlib", "importlib._abc", "importlib.abc", "importlib.machinery", "importlib.metadata",
  "importlib.metadata._adapters", "importlib.metadata._collections", "importlib.metadata._functools",
  "importlib.metadata._itertools", "importlib.metadata._meta", "importlib.metadata._text",
  "importlib.resources", "importlib.resources._common", "importlib.resources._functional",
  "importlib.resources._itertools", "importlib.resources.abc", "importlib.resources.readers",
  "importlib.util", "inspect", "ipaddress", "json", "json.decoder", "json.encoder", "json.scanner",
  "keyword", "linecache", "locale", "logging", "ntpath", "numbers", "opcode", "operator", "pathlib",
  "pathlib._abc", "pathlib._local", "pdb", "platform", "pprint", "quopri", "random", "re", "re._casefix",
  "re._compiler", "re._constants", "re._parser", "reprlib", "rlcompleter", "selectors", "shlex", "shutil",
  "signal", "socket", "string", "struct", "subprocess", "tempfile", "textwrap", "threading", "token",
  "tokenize", "tomllib", "tomllib._parser", "tomllib._re", "tomllib._types", "traceback", "typing",
  "unittest", "unittest.case", "unittest.loader", "unittest.main", "unittest.result", "unittest.runner",
  "unittest.signals", "unittest.suite", "unittest.util", "urllib", "urllib.parse", "uuid", "warnings",
  "weakref", "xml", "xml.etree", "xml.etree.ElementPath", "xml.etree.ElementTree", "zipfile",
  "zipfile._path", "zipfile._path.glob",
];

/** Part of the baseline snapshot's file name, so a changed list makes a new snapshot. Pure. */
export const preloadTag = (): string => crypto.createHash("sha256").update(STDLIB_PRELOAD.join(",")).digest("hex").slice(0, 8);
