import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import { type Stage, unlessTurnedOff } from "../pipeline.js";
import { annotate } from "../report/write.js";
import { runnerTemp } from "../setup/tool-dir.js";
import { junitCases } from "../testing/pyodide/compare.js";
import { runtimeTests } from "../testing/pyodide/report.js";
import { junitPaths, type PyodideSuite, runPyodideSuite } from "../testing/pyodide/stage.js";
import { runTests, type TestResult } from "../testing/pytest.js";
import { workspaceRelative } from "../util/paths.js";

const countsLine = (c: { passed: number; failed: number; errors: number; skipped: number }) => `${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped`;

/** Both settled, then the first failure (a run that could not start) is thrown. */
async function both<A, B>(a: Promise<A> | undefined, b: Promise<B> | undefined): Promise<[A | undefined, B | undefined]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === "rejected") throw ra.reason;
  if (rb.status === "rejected") throw rb.reason;
  return [ra.value, rb.value];
}

/**
 * pytest under CPython and/or inside the Worker's Pyodide (test-runtime), side by side: a failing
 * test or an error in either fails the step; no tests at all is a warning.
 */
export const test: Stage = {
  name: "test",
  title: (run) => (run.plan.inputs.testRuntime === "cpython" ? "Test (pytest)" : `Test (pytest: ${run.plan.inputs.testRuntime === "both" ? "CPython and Pyodide" : "Pyodide"})`),
  skip: unlessTurnedOff("test", "test"),
  async run(run) {
    const { plan, report, env } = run;
    const rt = plan.inputs.testRuntime;
    // Outside the run's scratch folder: the test-results-* outputs point here after the step.
    const dir = path.join(runnerTemp(), `python-workers-tests-${plan.project.worker.name}`);
    fs.mkdirSync(dir, { recursive: true });
    const junit = junitPaths(dir);
    for (const f of Object.values(junit)) fs.rmSync(f, { force: true });
    const [cp, py] = await both<TestResult, PyodideSuite>(
      rt !== "pyodide" ? runTests(plan.project, plan.workspace, dir, env, { lockCurrent: run.depsRestored, envRestored: run.testEnvRestored }, plan.inputs.pytestArgs) : undefined,
      rt !== "cpython" ? runPyodideSuite(run, junit.pyodide) : undefined,
    );
    report.testResults = { cpython: cp && fs.existsSync(junit.cpython) ? junit.cpython : undefined, pyodide: py && fs.existsSync(junit.pyodide) ? junit.pyodide : undefined };
    if (cp) {
      report.tests = cp.counts;
      report.failedTests = cp.failures;
      for (const f of cp.failures) annotate({ level: "error", title: `Test failed: ${f.name}`, message: f.message, file: f.file, line: f.line });
    }
    const parts: string[] = [];
    let failed = cp ? cp.counts.failed + cp.counts.errors > 0 : false;
    if (cp) parts.push(`${py ? "CPython: " : ""}${cp.noTests ? "no tests collected" : countsLine(cp.counts)}`);
    if (py) {
      const r = py.result;
      const t = runtimeTests({
        cpython: cp ? (cp.noTests || !report.testResults.cpython ? [] : junitCases(fs.readFileSync(junit.cpython, "utf8"))) : undefined,
        cpythonCounts: cp?.counts,
        pyodide: r.cases,
        failures: r.failures,
        counts: r.counts,
        hung: r.hung,
        rel: (f) => workspaceRelative(f, plan.project.root, plan.workspace),
        info: { pyodide: py.pyodide, python: py.python, timeoutMs: plan.inputs.testTimeoutMs, skippedNative: py.skippedNative, wallMs: r.wallMs, cpuMs: r.loadCpuMs + r.runCpuMs },
      });
      report.runtimeTests = t;
      if (!cp) {
        report.tests = r.counts;
        report.failedTests = r.failures;
        for (const f of r.failures) annotate({ level: "error", title: `Test failed on Pyodide: ${f.name}`, message: f.message, file: f.file, line: f.line });
      }
      for (const x of t.onlyCPython) {
        annotate({ level: "error", title: `Fails on Pyodide (passes on CPython): ${x.id}`, message: `${x.message}${x.traceback ? `\n\n${x.traceback}` : ""}`, file: x.file, line: x.line });
      }
      if (r.hung !== undefined) {
        const name = r.hung || "a test (between tests)";
        core.error(`${name} did not finish within ${Math.round(plan.inputs.testTimeoutMs / 1000)} s on Pyodide and was stopped (test-timeout).`, { title: "Test hung on Pyodide" });
      }
      const only = t.onlyCPython.length ? ` (${t.onlyCPython.length} pass on CPython only)` : "";
      parts.push(`Pyodide: ${r.hung !== undefined ? `stopped by test-timeout at ${r.hung || "a test"}; ` : ""}${countsLine(r.counts)}${only}`);
      failed ||= r.counts.failed + r.counts.errors > 0 || r.hung !== undefined;
    }
    const line = parts.join("; ");
    if (failed) throw new StageFailure(`pytest: ${line}`);
    const noTests = cp ? cp.noTests : py?.result.exitCode === 5;
    if (noTests && (!py || py.result.counts.tests === 0)) {
      core.warning("pytest collected no tests (exit 5). Add tests under tests/, or set test: false.", { title: "No tests" });
      return { outcome: "warning", detail: "no tests collected" };
    }
    return { detail: line };
  },
  finish(run) {
    // The Pyodide run is over or will not happen (lint failed first): the caches may be saved.
    run.cache.testsFinished();
  },
};
