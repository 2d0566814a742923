import * as core from "@actions/core";
import { errorMessage, InputError } from "./errors.js";
import { cancelRun, failRun, finishRun, runStages, type Stage, startRun } from "./pipeline.js";
import { type Plan, plan } from "./plan.js";
import { cacheRestore } from "./stages/cache.js";
import { deploy } from "./stages/deploy.js";
import { lint } from "./stages/lint.js";
import { setup } from "./stages/setup.js";
import { snapshot } from "./stages/snapshot.js";
import { sync } from "./stages/sync.js";
import { test } from "./stages/test.js";

/** The pipeline, in order. Each stage decides for itself whether it runs (see src/stages/). */
export const PIPELINE: readonly Stage[] = [setup, cacheRestore, sync, lint, test, snapshot, deploy];

/** The plan, or undefined after failing the step on bad input: one line, nothing installed or sent. */
function planOrFail(env: NodeJS.ProcessEnv): Plan | undefined {
  try {
    return plan(env);
  } catch (err) {
    core.setFailed(errorMessage(err));
    if (!(err instanceof InputError)) core.debug(err instanceof Error ? (err.stack ?? "") : "");
    return undefined;
  }
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = performance.now();
  const p = planOrFail(env);
  if (!p) return;
  if (p.apiToken) core.setSecret(p.apiToken);
  for (const v of Object.values(p.secrets)) core.setSecret(v);
  const r = startRun(p, env);
  // The runner cancels with SIGINT, then SIGTERM ~7.5 s later: stop the children, clean up, say so.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cancelRun(r, signal));
  try {
    core.info(`Mode: ${p.modeLabel}; Worker ${p.project.worker.name} in ${p.project.root}`);
    await runStages(PIPELINE, r);
  } catch (err) {
    failRun(r, err);
  } finally {
    await finishRun(PIPELINE, r, started);
    // A request given up on at its time limit (a GitHub API that never answered) may still hold a
    // socket open: everything is written, so end the step instead of waiting on it.
    setTimeout(() => process.exit(), 1000).unref();
  }
}
