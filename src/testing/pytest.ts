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
  return [runArg, ...(frozen ? ["--frozen"] : []), ...rest, "pytest", ...junitArgs(junitFile)];
}

/** pytest's own arguments: JUnit XML in the format the report reads. Pure. */
const junitArgs = (junitFile: string) => [`--junitxml=${junitFile}`, "-o", "junit_family=xunit1"];

/** `uv run` with the project's environment, plus a pinned pytest when the project lists none. Pure. */
export function testEnvArgs(project: Pick<ProjectInfo, "requirements">): string[] {
  const own = findRequirement(project.requirements, "pytest") !== undefined;
  return ["run", ...(own ? [] : ["--with", `pytest==${DEFAULT_VERSIONS.pytest}`])];
}

/** What is known of the test environment when the stage starts. */
export interface TestEnvState {
  /** The dependencies were restored on their exact key (which hashes uv.lock and pyproject.toml). */
  lockCurrent: boolean;
  /** uv's project environment (.venv) came back with them, built from that uv.lock at this path. */
  envRestored: boolean;
}

/**
 * How pytest starts: `uv run` (pytestCommand); or, when the restored environment is the one `uv run
 * --frozen` would find in sync (restored on the exact key of uv.lock, at the path it was built at,
 * with the project's own pytest in it), that environment's `pytest` script with VIRTUAL_ENV and
 * PATH set as uv sets them — the same interpreter, script and sys.path, without uv's start and its
 * interpreter query (~70 ms before pytest starts). Pure.
 */
export function pytestInvocation(
  project: Pick<ProjectInfo, "requirements">,
  junitFile: string,
  state: TestEnvState & { hasLock: boolean; envPytest?: string },
): { cmd: string; args: string[]; env?: Record<string, string> } {
  const own = findRequirement(project.requirements, "pytest") !== undefined;
  const frozen = state.lockCurrent && state.hasLock;
  if (frozen && state.envRestored && own && state.envPytest) {
    const venv = path.dirname(path.dirname(state.envPytest));
    return { cmd: state.envPytest, args: junitArgs(junitFile), env: { VIRTUAL_ENV: venv } };
  }
  return { cmd: "uv", args: pytestCommand(project, junitFile, frozen) };
}

export async function runTests(
  project: ProjectInfo,
  workspace: string,
  tempDir: string,
  env: NodeJS.ProcessEnv,
  state: TestEnvState = { lockCurrent: false, envRestored: false },
  extraArgs: string[] = [],
): Promise<TestResult> {
  fs.mkdirSync(tempDir, { recursive: true });
  const junit = path.join(tempDir, "pytest-junit.xml");
  fs.rmSync(junit, { force: true });
  // The script, and the interpreter it names (a symlink to the Python the environment was built
  // with: gone when the runner image changed it, and then uv run rebuilds the environment).
  const envBin = path.join(project.root, ".venv", "bin");
  const envPytest = fs.existsSync(path.join(envBin, "pytest")) && fs.existsSync(path.join(envBin, "python")) ? path.join(envBin, "pytest") : undefined;
  const how = pytestInvocation(project, junit, { ...state, hasLock: fs.existsSync(path.join(project.root, "uv.lock")), envPytest });
  const runEnv = how.env ? { ...env, ...how.env, PATH: `${path.dirname(how.cmd)}${path.delimiter}${env.PATH ?? ""}` } : env;
  const res = await run(how.cmd, [...how.args, ...extraArgs], { cwd: project.root, env: runEnv });
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
