import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import { currentVersion, rolloutSpecs, smokeCheck } from "../release/smoke.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

const envArgs = (environment: string) => (environment ? ["--env", environment] : []);

/** The version serving most traffic now, or undefined for a Worker never deployed. */
export async function deployedVersion(root: string, environment: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await run("pywrangler", ["deployments", "status", "--json", ...envArgs(environment)], { cwd: root, env: { ...env, WRANGLER_LOG: "log" }, silent: true });
  if (r.exitCode !== 0) return undefined;
  const start = r.stdout.indexOf("{");
  return start === -1 ? undefined : currentVersion(r.stdout.slice(start));
}

/** `versions deploy new@p% previous@(100-p)%`. */
export async function deployGradually(root: string, environment: string, version: string, previous: string, percentage: number, message: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const args = ["versions", "deploy", ...rolloutSpecs(version, previous, percentage), "--yes", ...envArgs(environment), ...(message ? ["--message", message] : [])];
  const r = await run("pywrangler", args, { cwd: root, env });
  if (r.exitCode !== 0) throw new StageFailure(`versions deploy failed (exit ${r.exitCode}): ${lastErrorLine(r.stderr) ?? lastErrorLine(r.stdout) ?? "see the log"}`);
}

export async function rollback(root: string, environment: string, to: string, message: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const r = await run("pywrangler", ["rollback", to, "--message", message, "--yes", ...envArgs(environment)], { cwd: root, env });
  return r.exitCode === 0;
}

export interface SmokeOutcome {
  url: string;
  ok: boolean;
  detail: string;
}

/** GET the deployed URL; on failure roll back to `previous` and throw, saying what was rolled back. */
export async function smokeTestOrRollback(opts: {
  url: string;
  timeoutMs: number;
  root: string;
  environment: string;
  workerName: string;
  version?: string;
  previous?: string;
  env: NodeJS.ProcessEnv;
}): Promise<SmokeOutcome> {
  core.info(`Smoke test: GET ${opts.url} (expecting 2xx within ${Math.round(opts.timeoutMs / 1000)} s)`);
  const r = await smokeCheck(opts.url, opts.timeoutMs);
  if (r.ok) return { url: opts.url, ok: true, detail: `smoke test passed (${r.last}, ${r.attempts} attempt(s))` };
  const what = `smoke test failed: GET ${opts.url} gave ${r.last} after ${r.attempts} attempt(s)`;
  if (!opts.previous) throw new StageFailure(`${what}; there is no previous version to roll back to, so version ${opts.version ?? "?"} stays deployed.`);
  const rolled = await rollback(opts.root, opts.environment, opts.previous, `python-workers-action: ${what}`.slice(0, 100), opts.env);
  if (!rolled) throw new StageFailure(`${what}; rolling ${opts.workerName} back to version ${opts.previous} FAILED as well: check the Worker now.`);
  throw new StageFailure(`${what}; rolled ${opts.workerName} back from version ${opts.version ?? "?"} to the previous version ${opts.previous}.`);
}
