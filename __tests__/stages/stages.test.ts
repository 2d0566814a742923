// Each stage's skip, run and failure paths, and the runner, with @actions/core and the tool
// runners mocked: no subprocess.
import { beforeEach, describe, expect, it, jest } from "@jest/globals";

const calls: Array<[string, string, unknown?]> = [];
const noop = () => undefined;
// Every export of @actions/core (modules further down import them), the logging ones recorded.
const coreExports =
  "ExitCode addPath endGroup exportVariable getBooleanInput getIDToken getInput getMultilineInput getState isDebug markdownSummary platform saveState setCommandEcho setOutput setSecret startGroup summary toPlatformPath toPosixPath toWin32Path";
jest.unstable_mockModule("@actions/core", () => ({
  ...Object.fromEntries(coreExports.split(" ").map((k) => [k, noop])),
  group: async (title: string, fn: () => Promise<unknown>) => {
    calls.push(["group", title]);
    return fn();
  },
  info: (m: string) => calls.push(["info", m]),
  warning: (m: string, p?: unknown) => calls.push(["warning", m, p]),
  error: (m: string, p?: unknown) => calls.push(["error", m, p]),
  notice: (m: string, p?: unknown) => calls.push(["notice", m, p]),
  debug: () => undefined,
  setFailed: (m: string) => calls.push(["setFailed", m]),
}));
const runLint = jest.fn<(...a: unknown[]) => Promise<unknown>>();
jest.unstable_mockModule("../../src/lint/run.js", () => ({
  runLint,
  ruffSpec: () => "ruff",
  lintAnnotations: (r: { problems: unknown[] }) => r.problems,
}));
const runTests = jest.fn<(...a: unknown[]) => Promise<unknown>>();
jest.unstable_mockModule("../../src/testing/pytest.js", () => ({ runTests, testEnvArgs: () => [] }));
const runPyodideSuite = jest.fn<(...a: unknown[]) => Promise<unknown>>();
jest.unstable_mockModule("../../src/testing/pyodide/stage.js", () => ({
  runPyodideSuite,
  junitPaths: (dir: string) => ({ cpython: `${dir}/pytest-junit.xml`, pyodide: `${dir}/pytest-junit-pyodide.xml` }),
}));
const runSync = jest.fn<(...a: unknown[]) => Promise<string>>();
jest.unstable_mockModule("../../src/setup/sync.js", () => ({ runSync }));
const release = jest.fn<(...a: unknown[]) => Promise<string>>();
jest.unstable_mockModule("../../src/deploy/release.js", () => ({ release }));
jest.unstable_mockModule("../../src/github/deployment.js", () => ({
  asGitHubDeployment: (_run: unknown, fn: () => Promise<unknown>) => fn(),
  commentOnPullRequest: async () => undefined,
}));

const { runStages, failRun } = await import("../../src/pipeline.js");
const { lint } = await import("../../src/stages/lint.js");
const { test } = await import("../../src/stages/test.js");
const { sync } = await import("../../src/stages/sync.js");
const { cacheRestore } = await import("../../src/stages/cache.js");
const { deploy } = await import("../../src/stages/deploy.js");
const { newReport } = await import("../../src/report/model.js");
const { outputValues } = await import("../../src/report/outputs.js");
type Run = import("../../src/pipeline.js").Run;

const tools = { uvVersion: "0.13.9", workersPyVersion: "1.17.9", env: {}, detail: "", fetched: false };
const cache = {
  off: undefined as string | undefined,
  restored: { hit: false, sizes: {} } as { hit: boolean; corrupted?: string; matchedKey?: string; sizes: Record<string, number> },
  restoreDeps: async () => cache.restored,
  describe: () => "described",
  saveDeps: async () => "; saved",
  wranglerSource: () => "npm",
  testsFinished: () => undefined,
};

function fakeRun(plan: Record<string, unknown> = {}, inputs: Record<string, unknown> = {}): Run {
  return {
    plan: {
      workspace: "/ws",
      project: { root: "/ws/p", worker: { name: "hello" } },
      upload: "deploy",
      title: "Deploy",
      inputs: {
        lint: true,
        ruffCheck: true,
        ruffFormat: true,
        test: true,
        testRuntime: "cpython",
        testTimeoutMs: 60_000,
        snapshotCheck: true,
        pytestArgs: [],
        preDeploy: [],
        postDeploy: [],
        ...inputs,
      },
      ...plan,
    },
    report: newReport("deploy", "Deploy", "hello", ""),
    cache,
    github: {},
    temp: "/tmp/x",
    tools,
    env: { A: "1" },
    depsRestored: false,
  } as unknown as Run;
}

beforeEach(() => {
  calls.length = 0;
  cache.off = undefined;
  cache.restored = { hit: false, sizes: {} };
  for (const m of [runLint, runTests, runSync, release, runPyodideSuite]) m.mockReset();
});

describe("runStages", () => {
  it("records skips with their reason, runs the rest in log groups, and starts background work after the named stage", async () => {
    const r = fakeRun({}, { lint: false });
    runTests.mockResolvedValue({ counts: { tests: 1, passed: 1, failed: 0, errors: 0, skipped: 0 }, failures: [], noTests: false });
    const started: string[] = [];
    const marker = { name: "snapshot" as const, title: "x", skip: () => "off", run: async () => ({ detail: "" }), startsAfter: "lint" as const, start: () => started.push("after lint") };
    await runStages([lint, test, marker], r);
    expect(r.report.stages.map((s) => [s.name, s.outcome, s.detail])).toEqual([
      ["lint", "skipped", "lint: false"],
      ["test", "success", "1 passed, 0 failed, 0 errors, 0 skipped"],
      ["snapshot", "skipped", "off"],
    ]);
    expect(started).toEqual(["after lint"]);
    expect(calls.filter((c) => c[0] === "group").map((c) => c[1])).toEqual(["Test (pytest)"]);
  });

  it("stops at the first failure, records it, and fails the step naming the stage", async () => {
    const r = fakeRun();
    runLint.mockResolvedValue({ problems: [{ level: "error", message: "F401", file: "a.py", line: 1 }], unformatted: [], ruff: "ruff==0.17.6" });
    await expect(runStages([lint, test], r)).rejects.toThrow("1 ruff problem(s), 0 file(s) not formatted");
    expect(runTests).not.toHaveBeenCalled();
    expect(r.report.failure).toEqual({ stage: "lint", message: "1 ruff problem(s), 0 file(s) not formatted" });
    expect(calls).toContainEqual(["error", "F401", { title: undefined, file: "a.py", startLine: 1, startColumn: undefined }]);
    failRun(r, new Error("1 ruff problem(s), 0 file(s) not formatted"));
    expect(calls).toContainEqual(["setFailed", "lint: 1 ruff problem(s), 0 file(s) not formatted"]);
  });
});

describe("test stage", () => {
  it("warns when pytest collects nothing", async () => {
    runTests.mockResolvedValue({ counts: { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, failures: [], noTests: true });
    expect(await test.run(fakeRun())).toEqual({ outcome: "warning", detail: "no tests collected" });
  });
  it("fails on a failing test and annotates it", async () => {
    runTests.mockResolvedValue({ counts: { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0 }, failures: [{ name: "t_x", message: "boom", file: "tests/t.py", line: 3 }], noTests: false });
    const r = fakeRun();
    await expect(test.run(r)).rejects.toThrow("pytest: 1 passed, 1 failed, 0 errors, 0 skipped");
    expect(r.report.failedTests).toHaveLength(1);
    expect(calls.find((c) => c[0] === "error")?.[1]).toBe("boom");
  });
});

describe("test stage with test-runtime: both", () => {
  const junit = (cases: string) => `<testsuites><testsuite name="pytest">${cases}</testsuite></testsuites>`;
  const pass = (f: string, n: string) => `<testcase classname="tests.${f}" name="${n}" file="tests/${f}.py" line="1"/>`;
  const counts = (passed: number, failed: number) => ({ tests: passed + failed, passed, failed, errors: 0, skipped: 0 });
  const pyodideSuite = (failures: unknown[], c = counts(1, 1), hung?: string) => ({
    result: {
      cases: [
        { id: "tests/test_a.py::test_ok", outcome: "passed" },
        { id: "tests/test_a.py::test_thread", outcome: hung ? "not run" : "failed" },
      ],
      failures,
      counts: c,
      hung,
      wallMs: 1000,
      loadCpuMs: 300,
      runCpuMs: 500,
      exitCode: hung ? null : 1,
    },
    junitFile: "/x",
    pyodide: "0.28.2",
    python: "3.13",
    skippedNative: ["ruff"],
  });

  it("runs both, lists the test that passes on CPython only, annotates its Pyodide line and fails", async () => {
    runTests.mockImplementation(async (...a: unknown[]) => {
      const fs = await import("node:fs");
      fs.writeFileSync(`${a[2]}/pytest-junit.xml`, junit(pass("test_a", "test_ok") + pass("test_a", "test_thread")));
      return { counts: counts(2, 0), failures: [], noTests: false };
    });
    runPyodideSuite.mockResolvedValue(
      pyodideSuite([{ name: "tests.test_a.test_thread", message: "RuntimeError: can't start new thread", file: "p/tests/test_a.py", line: 8, details: "tests/test_a.py:8: RuntimeError" }]),
    );
    const r = fakeRun({}, { testRuntime: "both" });
    await expect(test.run(r)).rejects.toThrow("pytest: CPython: 2 passed, 0 failed, 0 errors, 0 skipped; Pyodide: 1 passed, 1 failed, 0 errors, 0 skipped (1 pass on CPython only)");
    expect(runTests).toHaveBeenCalledTimes(1);
    expect(r.report.runtimeTests?.onlyCPython).toEqual([expect.objectContaining({ id: "tests/test_a.py::test_thread", file: "p/tests/test_a.py", line: 8 })]);
    expect(r.report.runtimeTests?.rows).toContainEqual({ id: "tests/test_a.py::test_thread", cpython: "passed", pyodide: "failed" });
    const err = calls.find((c) => c[0] === "error");
    expect(err?.[2]).toEqual(expect.objectContaining({ title: "Fails on Pyodide (passes on CPython): tests/test_a.py::test_thread", file: "p/tests/test_a.py", startLine: 8 }));
    expect(r.report.testResults?.cpython).toMatch(/python-workers-tests-hello\/pytest-junit\.xml$/);
  });

  it("names the test a timeout stopped on Pyodide", async () => {
    runPyodideSuite.mockResolvedValue(pyodideSuite([], counts(1, 0), "tests/test_a.py::test_thread"));
    const r = fakeRun({}, { testRuntime: "pyodide" });
    await expect(test.run(r)).rejects.toThrow("Pyodide: stopped by test-timeout at tests/test_a.py::test_thread; 1 passed");
    expect(runTests).not.toHaveBeenCalled();
    expect(calls).toContainEqual(["error", "tests/test_a.py::test_thread did not finish within 60 s on Pyodide and was stopped (test-timeout).", { title: "Test hung on Pyodide" }]);
  });

  it("passes when both runtimes pass", async () => {
    runTests.mockResolvedValue({ counts: counts(2, 0), failures: [], noTests: false });
    const ok = pyodideSuite([], counts(2, 0));
    ok.result.cases = ok.result.cases.map((c) => ({ ...c, outcome: "passed" }));
    runPyodideSuite.mockResolvedValue(ok);
    expect(await test.run(fakeRun({}, { testRuntime: "both" }))).toEqual({ detail: "CPython: 2 passed, 0 failed, 0 errors, 0 skipped; Pyodide: 2 passed, 0 failed, 0 errors, 0 skipped" });
  });
});

describe("cache and sync stages", () => {
  it("skip when the cache is off, saying why", () => {
    cache.off = "cache: false";
    expect(cacheRestore.skip(fakeRun())).toBe("cache: false");
  });
  it("on a hit: uv goes offline and sync is skipped", async () => {
    cache.restored = { hit: true, sizes: {} };
    const r = fakeRun();
    expect(sync.skip(r)).toBeUndefined();
    await cacheRestore.run(r);
    expect(r.env.UV_OFFLINE).toBe("1");
    expect(sync.skip(r)).toMatch(/^restored from the cache/);
  });
  it("a corrupted entry is a warning and a rebuild", async () => {
    cache.restored = { hit: false, corrupted: "manifest.json missing", matchedKey: "k-1-1", sizes: {} };
    const r = fakeRun();
    expect((await cacheRestore.run(r)).outcome).toBe("warning");
    expect(r.depsRestored).toBe(false);
  });
  it("sync saves the dependency entry right after it ran", async () => {
    runSync.mockResolvedValue("synced");
    expect(await sync.run(fakeRun())).toEqual({ detail: "synced; saved" });
  });
});

describe("deploy stage", () => {
  it("is skipped with the plan's reason, and a fork's skip is a notice", () => {
    const r = fakeRun({ upload: "none", noUpload: { reason: "fork", notice: { title: "Fork pull request", message: "Preview upload skipped: fork." } } });
    expect(deploy.skip(r)).toBe("fork");
    deploy.skipped?.(r, "fork");
    expect(r.report.notices).toEqual(["Preview upload skipped: fork."]);
    expect(calls).toContainEqual(["notice", "Preview upload skipped: fork.", { title: "Fork pull request" }]);
  });
  it("fails clearly when wrangler could not be set up", async () => {
    const r = fakeRun();
    r.wrangler = Promise.reject(new Error("npm said no"));
    await expect(deploy.run(r)).rejects.toThrow("could not set up wrangler: npm said no");
    expect(release).not.toHaveBeenCalled();
  });
  it("releases once wrangler is there", async () => {
    const r = fakeRun();
    r.wrangler = Promise.resolve({ version: "4.164.0", source: "npm" } as never);
    release.mockResolvedValue("https://hello.workers.dev, version abcdef12");
    expect(await deploy.run(r)).toEqual({ detail: "https://hello.workers.dev, version abcdef12" });
  });
});

describe("outputs", () => {
  it("sets what the report holds, cache-hit always", () => {
    const r = fakeRun().report;
    r.versions = { uv: "0.13.9" };
    r.deploy = { versionId: "v1", bundleSize: 10 };
    const v = outputValues(r);
    expect(v).toMatchObject({ "uv-version": "0.13.9", "version-id": "v1", "bundle-size": "10", "cache-hit": "false" });
    expect(v["deployment-url"]).toBeUndefined();
  });
});
