import * as core from "@actions/core";
import { ruffSpec } from "../lint/run.js";
import type { ProjectInfo } from "../project/config.js";
import { testEnvArgs } from "../testing/pytest.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

/**
 * Fill the uv cache with what lint and test will need (ruff, the project's test environment), so
 * the entry saved now lets the next run work offline.
 */
export async function prefetchToolEnvs(project: ProjectInfo, stages: { lint: boolean; test: boolean }, env: NodeJS.ProcessEnv): Promise<void> {
  if (stages.lint) {
    const r = await run("uv", ["tool", "run", "--from", ruffSpec(project), "ruff", "--version"], { cwd: project.root, env, silent: true });
    if (r.exitCode !== 0) core.info(`Could not prefetch ruff (${lastErrorLine(r.stderr)}); lint will fetch it.`);
  }
  if (stages.test) {
    const r = await run("uv", [...testEnvArgs(project), "python", "-c", "import pytest"], { cwd: project.root, env, silent: true });
    if (r.exitCode !== 0) core.info(`Could not prefetch the test environment (${lastErrorLine(r.stderr)}); the test stage will build it.`);
  }
}
