import * as core from "@actions/core";
import { errorMessage, InputError } from "./errors.js";
import { type Plan, plan } from "./plan.js";

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
  core.info(`Mode: ${p.modeLabel}; Worker ${p.project.worker.name} in ${p.project.root}`);
  // The stages and their clients (cache service, GitHub, tool downloads) load after the first line:
  // the bundle splits them into chunks (scripts/bundle.mjs).
  const [{ cancelRun, failRun, finishRun, runStages, startRun }, { PIPELINE }] = await Promise.all([import("./pipeline.js"), import("./stages/index.js")]);
  const r = startRun(p, env);
  // The runner cancels with SIGINT, then SIGTERM ~7.5 s later: stop the children, clean up, say so.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cancelRun(r, signal));
  try {
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
