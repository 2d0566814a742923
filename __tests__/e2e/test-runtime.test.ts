// test-runtime end to end: the committed dist/ on Node 24 runs the project's pytest suite under
// CPython (real uv/pytest) and inside the Worker's own Pyodide (real npm pyodide, real PyPI wheels),
// side by side. The runs share the runner tool cache (Pyodide and its baseline snapshots) except
// the cache pair, which starts from an empty runner and a cache-service stand-in.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { startCacheService } from "../../scripts/testkit/cache-service.mjs";
import { copyWorker, EXAMPLES, makeSynced, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(900_000);

let s: StandIns;
let work: string;
beforeAll(async () => {
  s = await startStandIns();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-trt-"));
});
afterAll(async () => {
  await s.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const HANDLER = `from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
`;

/** A synced Worker with these test files (pytest and pytest-asyncio in its dev group). */
function worker(name: string, tests: Record<string, string>): { workspace: string; project: string } {
  const dir = path.join(work, `src-${name}`);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.mkdirSync(path.join(dir, "tests"));
  fs.writeFileSync(
    path.join(dir, "pyproject.toml"),
    `[project]\nname = "${name}"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = []\n\n[dependency-groups]\ndev = ["pytest>=8", "pytest-asyncio"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["src"]\n`,
  );
  fs.writeFileSync(
    path.join(dir, "wrangler.toml"),
    `name = "${name}"\nmain = "src/entry.py"\ncompatibility_date = "2025-11-01"\ncompatibility_flags = ["python_workers"]\n\n[vars]\nGREETING = "Hello"\nLIMIT = 3\n`,
  );
  fs.writeFileSync(path.join(dir, "src", "entry.py"), HANDLER);
  for (const [file, text] of Object.entries(tests)) fs.writeFileSync(path.join(dir, "tests", file), text);
  const w = copyWorker(dir, { name });
  makeSynced(w.project);
  return w;
}

function act(w: { workspace: string; project: string }, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return runAction({
    workspace: w.workspace,
    inputs: { "working-directory": path.basename(w.project), mode: "check", lint: "false", cache: "false", "test-runtime": "both", ...s.downloads, ...inputs },
    env,
  });
}

const stageRow = (summary: string, stage: string) => new RegExp(`^\\| ${stage} \\| (\\S+ \\w+) \\|`, "m").exec(summary)?.[1];

describe("test-runtime: both", () => {
  it("a Worker whose tests pass on both runtimes: async on WebLoop, env from [vars], placeholder secrets", async () => {
    const w = worker("clean", {
      "test_basic.py": `def test_arithmetic():\n    assert sum([1, 2, 3]) == 6\n`,
      "test_async.py": `import asyncio
import sys

import pytest


@pytest.mark.asyncio
async def test_gather_on_the_loop():
    async def twice(x):
        await asyncio.sleep(0.01)
        return 2 * x

    assert await asyncio.gather(twice(1), twice(2)) == [2, 4]
    if sys.platform == "emscripten":
        assert type(asyncio.get_running_loop()).__name__ == "WebLoop"
`,
      "test_env.py": `import sys

import pytest

pyodide_only = pytest.mark.skipif(sys.platform != "emscripten", reason="workers.env exists in the runtime only")


@pyodide_only
def test_env_from_vars():
    from workers import env

    assert env.GREETING == "Hello"
    assert env.LIMIT == 3
    assert env.API_TOKEN == "placeholder-api-token"
`,
    });
    const r = await act(w, { secrets: "API_TOKEN" }, { API_TOKEN: "real-secret-value-123" });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(stageRow(r.summary, "Test")).toBe("✅ success");
    expect(r.summary).toContain("Pyodide 0.28.2 (Python 3.13): 3 passed, 0 failed, 0 errors, 0 skipped; CPython: 2 passed, 0 failed, 0 errors, 1 skipped");
    expect(r.summary).not.toContain("Passes on CPython, fails on Pyodide");
    expect(r.summary).toContain("| `tests/test_async.py::test_gather_on_the_loop` | ✅ passed | ✅ passed |");
    expect(r.summary).toContain("| `tests/test_env.py::test_env_from_vars` | ⏭️ skipped | ✅ passed |");
    // Both JUnit files are outputs, and they outlive the step's scratch folder.
    const cp = r.outputs["test-results-cpython"];
    const py = r.outputs["test-results-pyodide"];
    expect(fs.readFileSync(cp, "utf8")).toContain('name="test_gather_on_the_loop"');
    expect(fs.readFileSync(py, "utf8")).toContain('name="test_env_from_vars"');
    // The real secret reaches neither runtime, the log nor the report.
    for (const text of [r.stdout, r.summary, fs.readFileSync(py, "utf8"), fs.readFileSync(cp, "utf8")]) expect(text).not.toContain("real-secret-value-123");
    r.cleanup();
  });

  it("a test using threads or a blocking socket passes on CPython, fails on Pyodide, and is reported as such", async () => {
    const w = worker("threads", {
      "test_io.py": `import socket
import threading


def test_plain():
    assert "ok".upper() == "OK"


def test_thread():
    seen = []
    t = threading.Thread(target=lambda: seen.append(1))
    t.start()
    t.join()
    assert seen == [1]


def test_blocking_socket():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    client.close()
    server.close()
`,
    });
    const r = await act(w);
    expect(r.exitCode).toBe(1);
    expect(stageRow(r.summary, "Test")).toBe("❌ failure");
    const section = r.summary.slice(r.summary.indexOf("### Tests"));
    // The list leads the Tests section, each entry at the user's line, with the Pyodide traceback.
    expect(section).toMatch(/^### Tests: 3 passed, 0 failed.*\n\n#### ❌ Passes on CPython, fails on Pyodide \(2\)/);
    expect(section).toMatch(/- `tests\/test_io\.py::test_thread` at `threads\/tests\/test_io\.py:12`: RuntimeError/);
    expect(section).toMatch(/- `tests\/test_io\.py::test_blocking_socket` at `threads\/tests\/test_io\.py:(18|19|20|21)`: \w*Error/);
    expect(section).toContain("Pyodide traceback");
    expect(section).toContain("| `tests/test_io.py::test_plain` | ✅ passed | ✅ passed |");
    const ann = r.annotations.filter((a) => a.level === "error" && String(a.title).startsWith("Fails on Pyodide (passes on CPython)"));
    expect(ann.map((a) => `${a.file}:${a.line}`).sort()).toEqual([expect.stringMatching(/^threads\/tests\/test_io\.py:12$/), expect.stringMatching(/^threads\/tests\/test_io\.py:(18|19|20|21)$/)]);
    expect(r.stdout).toContain("::error::test: pytest: CPython: 3 passed, 0 failed, 0 errors, 0 skipped; Pyodide: 1 passed, 2 failed, 0 errors, 0 skipped (2 pass on CPython only)");
    r.cleanup();
  });

  it("a hung test is stopped by test-timeout and named; the tests after it are not run", async () => {
    const w = worker("hang", {
      "test_a_hang.py": `import sys


def test_first():
    assert True


def test_spins():
    while sys.platform == "emscripten":
        pass


def test_after():
    assert True
`,
    });
    const r = await act(w, { "test-timeout": "25s" });
    expect(r.exitCode).toBe(1);
    expect(r.summary).toContain("`tests/test_a_hang.py::test_spins` did not finish within the test timeout (25 s) on Pyodide and was stopped");
    expect(r.summary).toContain("| `tests/test_a_hang.py::test_spins` | ✅ passed | ⏱️ hung |");
    expect(r.summary).toContain("| `tests/test_a_hang.py::test_after` | ✅ passed | – not run |");
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "error", title: "Test hung on Pyodide" }));
    expect(r.stdout).toContain("Pyodide: stopped by test-timeout at tests/test_a_hang.py::test_spins");
    r.cleanup();
  });
});

describe("a warm run with the registries down", () => {
  let svc: Awaited<ReturnType<typeof startCacheService>>;
  let closedPort: number;
  const root = () => path.join(work, "cached");
  beforeAll(async () => {
    svc = await startCacheService();
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => svc.close());

  /** A fresh hosted runner each time (empty tool cache and temp; same paths); only the cache service remembers. */
  function cachedRun(offline: boolean) {
    const workspace = path.join(root(), "work", "repo");
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.cpSync(path.join(EXAMPLES, "hello"), path.join(workspace, "hello"), { recursive: true, filter: (p) => !/(python_modules|\.venv|__pycache__|_cache)/.test(p) });
    if (!offline) makeSynced(path.join(workspace, "hello"));
    const dead = `http://127.0.0.1:${closedPort}`;
    return runAction({
      workspace,
      runnerRoot: path.join(root(), "runner"),
      toolCache: path.join(root(), "runner", "toolcache"),
      inputs: { "working-directory": "hello", mode: "check", lint: "false", "test-runtime": "both", ...(offline ? { "uv-download-url": dead, "npm-registry-url": dead } : s.downloads) },
      // uv's cache in RUNNER_TEMP (as on a fresh runner), not the shared one other checkouts write to.
      env: {
        ...svc.env,
        UV_CACHE_DIR: undefined as unknown as string,
        ...(offline ? { HTTPS_PROXY: dead, HTTP_PROXY: dead, https_proxy: dead, http_proxy: dead, NO_PROXY: "", npm_config_registry: dead } : {}),
      },
    });
  }

  it("run 1 downloads Pyodide, installs the test deps and saves both entries after the Pyodide run", async () => {
    const r = await cachedRun(false);
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Downloading Pyodide 0.28.2");
    expect(r.summary).toContain("Pyodide 0.28.2 (Python 3.13): 2 passed");
    expect(r.summary).toContain("dependencies saved");
    expect(r.summary).toContain("tools saved");
  });

  it("run 2 restores them and runs the Pyodide tests with nothing downloaded", async () => {
    const r = await cachedRun(true);
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(r.outputs["cache-hit"]).toBe("true");
    expect(r.stdout).not.toMatch(/Downloading|uv pip install/);
    expect(r.stdout).toMatch(/Pyodide 0\.28\.2 \(Python 3\.13\): loaded in [\d.]+ m?s from its baseline snapshot/);
    expect(r.summary).toContain("Pyodide 0.28.2 (Python 3.13): 2 passed, 0 failed, 0 errors, 0 skipped; CPython: 2 passed");
    expect(r.summary).toMatch(/\| Pyodide test deps \| [\d.]+ (KiB|MiB) \|/);
    expect(stageRow(r.summary, "Test")).toBe("✅ success");
  });
});
