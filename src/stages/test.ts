import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import { type Stage, unlessTurnedOff } from "../pipeline.js";
import { annotate } from "../report/write.js";
import { runTests } from "../testing/pytest.js";

/** pytest: a failing test or an error fails the step; no tests at all is a warning. */
export const test: Stage = {
  name: "test",
  title: "Test (pytest)",
  skip: unlessTurnedOff("test", "test"),
  async run({ plan, report, env, temp, depsRestored }) {
    const r = await runTests(plan.project, plan.workspace, temp, env, depsRestored, plan.inputs.pytestArgs);
    report.tests = r.counts;
    report.failedTests = r.failures;
    if (r.noTests) {
      core.warning("pytest collected no tests (exit 5). Add tests under tests/, or set test: false.", { title: "No tests" });
      return { outcome: "warning", detail: "no tests collected" };
    }
    for (const f of r.failures) annotate({ level: "error", title: `Test failed: ${f.name}`, message: f.message, file: f.file, line: f.line });
    const c = r.counts;
    const line = `${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped`;
    if (c.failed || c.errors) throw new StageFailure(`pytest: ${line}`);
    return { detail: line };
  },
};
