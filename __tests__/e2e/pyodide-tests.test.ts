// The Pyodide test runner (src/testing/pyodide) on fixture Workers, with the committed
// dist/pyodide-test-worker.js under Node 24 (JSPI), real pytest wheels from PyPI and the real npm
// pyodide. A small front (cli.ts, bundled here; the Action itself is covered by test-runtime.test.ts)
// drives it; CPython runs are real `uv run pytest`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { build } from "esbuild";
import { copyWorker, makeSynced } from "../../scripts/testkit/fixtures.mjs";
import { CACHE, prepareTools, pythonBinDir, ROOT, uvForFixtures } from "../../scripts/testkit/tools.mjs";
import { compareRuntimes, junitCases } from "../../src/testing/pyodide/compare.js";
import { ensureTestDeps } from "../../src/testing/pyodide/deps.js";
import type { PyodideTestResult } from "../../src/testing/pyodide/run.js";

jest.setTimeout(600_000);

let work: string;
let cli: string;
let node24: string;
// Pyodide as the Action keeps it in the tool cache (<root>/<version>/<arch>/), unpacked here from the
// npm mirror's tarball so the test does not depend on an earlier Action run.
const pyodideRoot = path.join(CACHE, "pyodide-tool-layout");
function unpackPyodide(version: string): void {
  const dir = path.join(pyodideRoot, version, os.arch());
  if (fs.existsSync(path.join(dir, "pyodide.mjs"))) return;
  const tgz = path.join(prepareTools().npmMirror.dir, "pyodide", "-", `pyodide-${version}.tgz`);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["xzf", tgz, "--strip-components=1", "-C", dir]);
}

beforeAll(async () => {
  node24 = prepareTools().node24;
  for (const v of ["0.28.2", "314.0.4"]) unpackPyodide(v);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-pyt-"));
  await build({
    entryPoints: { "pyodide-tests": path.join(ROOT, "src/testing/pyodide/cli.ts") },
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    outdir: work,
    loader: { ".py": "text" },
    mainFields: ["module", "main"],
    logLevel: "warning",
    banner: { js: 'import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);' },
  });
  cli = path.join(work, "pyodide-tests.js");
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const HANDLER = `from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
`;

function fixture(name: string, tests: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(work, `src-${name}-`));
  fs.writeFileSync(
    path.join(dir, "pyproject.toml"),
    `[project]\nname = "fx"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = []\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["src"]\n`,
  );
  fs.writeFileSync(
    path.join(dir, "wrangler.toml"),
    `name = "fx-${name}"\nmain = "src/entry.py"\ncompatibility_date = "2025-11-01"\ncompatibility_flags = ["python_workers"]\n\n[vars]\nGREETING = "Hello"\nLIMIT = 3\n\n[env.staging.vars]\nGREETING = "Hi from staging"\n`,
  );
  fs.mkdirSync(path.join(dir, "src"));
  fs.writeFileSync(path.join(dir, "src", "entry.py"), HANDLER);
  fs.mkdirSync(path.join(dir, "tests"));
  for (const [file, text] of Object.entries(tests)) fs.writeFileSync(path.join(dir, "tests", file), text);
  const w = copyWorker(dir, { name: "fx" });
  makeSynced(w.project);
  return w.project;
}

interface CliOut {
  pyodide: string;
  deps: { dir: string; fresh: boolean; skippedNative: string[]; source: string; ms: number };
  cpuMs: number;
  result: PyodideTestResult;
}

function pyodideRun(project: string, extra: Record<string, unknown> = {}): CliOut {
  const opts = {
    project,
    pyodideRoot,
    cacheRoot: path.join(work, "cache"),
    timeoutMs: 120_000,
    secrets: ["API_TOKEN"],
    junitFile: path.join(project, ".pwa", "pyodide-junit.xml"),
    workerFile: path.join(ROOT, "dist", "pyodide-test-worker.js"),
    ...extra,
  };
  const env = { ...process.env, PATH: `${path.dirname(uvForFixtures())}${path.delimiter}${process.env.PATH}`, UV_CACHE_DIR: path.join(CACHE, "uv-cache") };
  const out = execFileSync(node24, [cli, JSON.stringify(opts)], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!) as CliOut;
}

/** The same suite under CPython: `uv run --with pytest pytest` (what the test stage runs). */
function cpythonRun(project: string): string {
  const junit = path.join(project, ".pwa", "cpython-junit.xml");
  const env = {
    ...process.env,
    PATH: `${path.dirname(uvForFixtures())}${path.delimiter}${pythonBinDir()}${path.delimiter}${process.env.PATH}`,
    UV_CACHE_DIR: path.join(CACHE, "uv-cache"),
  };
  try {
    execFileSync("uv", ["run", "--no-project", "--with", "pytest==9.2.0", "--with", "pytest-asyncio", "pytest", `--junitxml=${junit}`, "-o", "junit_family=xunit1", "-p", "no:cacheprovider"], {
      cwd: project,
      env,
      stdio: "pipe",
    });
  } catch {
    // failing tests exit non-zero; the JUnit file tells
  }
  return fs.readFileSync(junit, "utf8");
}

describe("pytest inside the Worker's Pyodide", () => {
  it("runs a suite that passes on both runtimes: sync, async on WebLoop, env from [vars] with placeholder secrets, no network", () => {
    const project = fixture("clean", {
      "test_basic.py": `import sys


def test_arithmetic():
    assert sum([1, 2, 3]) == 6


def test_runs_where_expected():
    assert sys.version_info >= (3, 12)
`,
      "test_async.py": `import asyncio
import sys

import pytest


@pytest.mark.asyncio
async def test_sleep_and_gather():
    async def twice(x):
        await asyncio.sleep(0.01)
        return 2 * x

    assert await asyncio.gather(twice(1), twice(2)) == [2, 4]
    if sys.platform == "emscripten":
        assert type(asyncio.get_running_loop()).__name__ == "WebLoop"
`,
      "test_env.py": `import sys

import pytest


@pytest.mark.skipif(sys.platform != "emscripten", reason="workers.env exists in the runtime only")
def test_env_from_vars():
    from workers import env

    assert env.GREETING == "Hello"
    assert env.LIMIT == 3
    assert env.API_TOKEN == "placeholder-api-token"


@pytest.mark.skipif(sys.platform != "emscripten", reason="Pyodide only")
@pytest.mark.asyncio
async def test_no_network():
    import socket

    from js import fetch

    with pytest.raises(OSError, match="no network"):
        socket.create_connection(("example.com", 80))
    with pytest.raises(Exception, match="no network"):
        await fetch("https://example.com/")
`,
    });
    const out = pyodideRun(project);
    const r = out.result;
    expect(out.pyodide).toBe("0.28.2");
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(0);
    expect(r.counts).toEqual({ tests: 5, passed: 5, failed: 0, errors: 0, skipped: 0 });
    expect(r.log).toContain("platform emscripten");
    expect(r.log).not.toContain("placeholder-api-token"); // not printed by the runner

    const cp = junitCases(cpythonRun(project));
    const cmp = compareRuntimes(cp, r.cases, r.failures);
    expect(cmp.onlyCPython).toEqual([]);
    expect(cmp.rows).toContainEqual({ id: "tests/test_async.py::test_sleep_and_gather", cpython: "passed", pyodide: "passed" });
    expect(cmp.rows).toContainEqual({ id: "tests/test_env.py::test_env_from_vars", cpython: "skipped", pyodide: "passed" });

    // A second run reuses the installed, byte-compiled test dependencies.
    const warm = pyodideRun(project);
    expect(warm.deps.fresh).toBe(false);
    expect(warm.deps.dir).toBe(out.deps.dir);
    expect(warm.result.counts.passed).toBe(5);
  });

  it("reports tests that pass on CPython but fail on Pyodide (threads, blocking sockets) at the user's line", () => {
    const text = `import socket
import threading


def test_thread():
    seen = []
    t = threading.Thread(target=lambda: seen.append(1))
    t.start()  # <- thread
    t.join()
    assert seen == [1]


def test_blocking_socket():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))  # <- socket
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    conn, _ = server.accept()
    client.sendall(b"ping")
    assert conn.recv(4) == b"ping"
    for s in (client, conn, server):
        s.close()


def test_plain():
    assert True
`;
    const project = fixture("threads", { "test_runtime_limits.py": text });
    const r = pyodideRun(project).result;
    const cmp = compareRuntimes(junitCases(cpythonRun(project)), r.cases, r.failures);
    const line = (marker: string) => text.split("\n").findIndex((l) => l.includes(`# <- ${marker}`)) + 1;
    expect(cmp.rows).toContainEqual({ id: "tests/test_runtime_limits.py::test_plain", cpython: "passed", pyodide: "passed" });
    expect(cmp.onlyCPython.map((x) => x.id).sort()).toEqual(["tests/test_runtime_limits.py::test_blocking_socket", "tests/test_runtime_limits.py::test_thread"]);
    const thread = cmp.onlyCPython.find((x) => x.id.endsWith("test_thread"))!;
    expect(thread).toMatchObject({ file: "tests/test_runtime_limits.py", line: line("thread") });
    expect(thread.message).toMatch(/can't start new thread/);
    const sock = cmp.onlyCPython.find((x) => x.id.endsWith("test_blocking_socket"))!;
    expect(sock).toMatchObject({ file: "tests/test_runtime_limits.py", line: line("socket") });
  });

  it("stops a hung test at the timeout and names it", () => {
    const project = fixture("hang", {
      "test_a_fine.py": "def test_before():\n    assert True\n",
      "test_b_hang.py": "def test_forever():\n    while True:\n        pass\n",
    });
    const started = Date.now();
    const r = pyodideRun(project, { timeoutMs: 30_000 }).result;
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(r.exitCode).toBeNull();
    expect(r.hung).toBe("tests/test_b_hang.py::test_forever");
    expect(r.cases).toEqual([{ id: "tests/test_a_fine.py::test_before", outcome: "passed" }]);
    const cmp = compareRuntimes(
      [
        { id: "tests/test_a_fine.py::test_before", outcome: "passed" },
        { id: "tests/test_b_hang.py::test_forever", outcome: "passed" },
      ],
      r.cases,
      r.failures,
      r.hung,
    );
    expect(cmp.onlyCPython).toEqual([{ id: "tests/test_b_hang.py::test_forever", file: "tests/test_b_hang.py", message: expect.stringMatching(/timeout/) }]);
  });

  it("takes [vars] from the chosen environment", () => {
    const project = fixture("envvars", {
      "test_env.py": `def test_staging_vars():
    from workers import env

    assert env.GREETING == "Hi from staging"
    assert getattr(env, "LIMIT", None) is None  # vars are not inherited by environments
`,
    });
    const r = pyodideRun(project, { environment: "staging" }).result;
    expect(r.counts).toMatchObject({ tests: 1, passed: 1 });
  });
});

describe("test dependencies for Pyodide", () => {
  it("come from the locked dev group as pure wheels; a native one is skipped and named; a second call reuses the folder", async () => {
    const project = fs.mkdtempSync(path.join(work, "deps-"));
    fs.writeFileSync(
      path.join(project, "pyproject.toml"),
      `[project]\nname = "fx"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = []\n\n[dependency-groups]\ndev = ["pytest==9.1.0", "ruff", "workers-runtime-sdk"]\n`,
    );
    const env = {
      ...process.env,
      PATH: `${path.dirname(uvForFixtures())}${path.delimiter}${pythonBinDir()}${path.delimiter}${process.env.PATH}`,
      UV_CACHE_DIR: path.join(CACHE, "uv-cache"),
    };
    execFileSync("uv", ["lock", "--quiet"], { cwd: project, env, stdio: "pipe" });
    const cacheRoot = path.join(work, "deps-cache");
    const deps = await ensureTestDeps({ projectRoot: project, python: "3.13", cacheRoot, env, uv: uvForFixtures() });
    expect(deps.source).toBe("uv.lock dev group");
    expect(deps.fresh).toBe(true);
    expect(deps.skippedNative).toEqual(["ruff"]);
    const installed = fs
      .readdirSync(deps.dir)
      .filter((d) => d.endsWith(".dist-info"))
      .sort();
    expect(installed).toContain("pytest-9.1.0.dist-info"); // the locked pin, not the newest
    expect(installed.some((d) => d.startsWith("pytest_asyncio-"))).toBe(true); // added: the group lacks it
    expect(installed.some((d) => d.startsWith("ruff-") || d.startsWith("workers_runtime_sdk-"))).toBe(false);
    expect(fs.existsSync(path.join(deps.dir, "ruff"))).toBe(false);
    expect(deps.dir.startsWith(path.join(cacheRoot, "pyodide-test-deps"))).toBe(true);

    // Warm: nothing is installed again, even with no index reachable.
    const again = await ensureTestDeps({ projectRoot: project, python: "3.13", cacheRoot, uv: uvForFixtures(), env: { ...env, UV_INDEX_URL: "http://127.0.0.1:9/simple", UV_OFFLINE: "1" } });
    expect(again).toMatchObject({ dir: deps.dir, fresh: false, skippedNative: ["ruff"] });
  });
});
