# Runs inside Pyodide (python-workers-action's "test under the runtime"). Runs the project's pytest
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
