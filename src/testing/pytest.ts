import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { StageFailure } from "../errors.js";
import { findRequirement, type ProjectInfo } from "../project/config.js";
import { parseJUnit } from "../testing/junit.js";
import { run } from "../util/exec.js";
import { workspaceRelative } from "../util/paths.js";
import type { FailedTest, TestCounts } from "./results.js";

export interface TestResult {
  counts: TestCounts;
  failures: FailedTest[];
  /** pytest's exit 5: nothing was collected. */
  noTests: boolean;
}

/**
 * `uv run` arguments for pytest: the project's own pytest when it lists one. `frozen` when there is a
 * uv.lock known to be current (the dependencies were restored on their exact key, which hashes uv.lock
 * and pyproject.toml): uv then installs from it without re-resolving it first. Pure.
 */
export function pytestCommand(project: Pick<ProjectInfo, "requirements">, junitFile: string, frozen = false): string[] {
  const [runArg, ...rest] = testEnvArgs(project);
  return [runArg, ...(frozen ? ["--frozen"] : []), ...rest, "pytest", `--junitxml=${junitFile}`, "-o", "junit_family=xunit1"];
}

/** `uv run` with the project's environment, plus a pinned pytest when the project lists none. Pure. */
export function testEnvArgs(project: Pick<ProjectInfo, "requirements">): string[] {
  const own = findRequirement(project.requirements, "pytest") !== undefined;
  return ["run", ...(own ? [] : ["--with", `pytest==${DEFAULT_VERSIONS.pytest}`])];
}

export async function runTests(project: ProjectInfo, workspace: string, tempDir: string, env: NodeJS.ProcessEnv, lockCurrent = false, extraArgs: string[] = []): Promise<TestResult> {
  fs.mkdirSync(tempDir, { recursive: true });
  const junit = path.join(tempDir, "pytest-junit.xml");
  fs.rmSync(junit, { force: true });
  const res = await run("uv", [...pytestCommand(project, junit, lockCurrent && fs.existsSync(path.join(project.root, "uv.lock"))), ...extraArgs], { cwd: project.root, env });
  if (res.exitCode === 5) {
    return { counts: { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, failures: [], noTests: true };
  }
  if (!fs.existsSync(junit)) {
    throw new StageFailure(`pytest did not run (exit ${res.exitCode}); see the log above.`);
  }
  const parsed = parseJUnit(fs.readFileSync(junit, "utf8"));
  const failures = parsed.failures.map((f) => ({
    ...f,
    file: f.file ? workspaceRelative(f.file, project.root, workspace) : undefined,
  }));
  if (res.exitCode !== 0 && failures.length === 0) {
    throw new StageFailure(`pytest exited with ${res.exitCode} (usage or internal error); see the log above.`);
  }
  core.info(`pytest: ${parsed.counts.passed} passed, ${parsed.counts.failed} failed, ${parsed.counts.errors} errors, ${parsed.counts.skipped} skipped`);
  return { counts: parsed.counts, failures, noTests: false };
}
