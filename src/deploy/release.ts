import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import type { Plan } from "../plan.js";
import { currentVersion, rolloutSpecs, smokeCheck, versionOverrideHeader } from "../release/smoke.js";
import type { RunReport } from "../report/model.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";
import { formatBytes } from "../util/units.js";
import { runDeploy } from "./upload.js";

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
  /** A gradual rollout: send the version-override header so the smoke test reaches the new version. */
  overrideVersion?: boolean;
}): Promise<SmokeOutcome> {
  core.info(`Smoke test: GET ${opts.url} (expecting 2xx within ${Math.round(opts.timeoutMs / 1000)} s)`);
  const headers = opts.overrideVersion && opts.version ? versionOverrideHeader(opts.workerName, opts.version) : {};
  if (headers["Cloudflare-Workers-Version-Overrides"]) core.info(`Smoke test sends Cloudflare-Workers-Version-Overrides: ${headers["Cloudflare-Workers-Version-Overrides"]}`);
  const r = await smokeCheck(opts.url, opts.timeoutMs, undefined, undefined, headers);
  if (r.ok) return { url: opts.url, ok: true, detail: `smoke test passed (${r.last}, ${r.attempts} attempt(s))` };
  const what = `smoke test failed: GET ${opts.url} gave ${r.last} after ${r.attempts} attempt(s)`;
  if (!opts.previous) throw new StageFailure(`${what}; there is no previous version to roll back to, so version ${opts.version ?? "?"} stays deployed.`);
  const rolled = await rollback(opts.root, opts.environment, opts.previous, `python-workers-action: ${what}`.slice(0, 100), opts.env);
  if (!rolled) throw new StageFailure(`${what}; rolling ${opts.workerName} back to version ${opts.previous} FAILED as well: check the Worker now.`);
  throw new StageFailure(`${what}; rolled ${opts.workerName} back from version ${opts.version ?? "?"} to the previous version ${opts.previous}.`);
}

/**
 * The upload the plan decided, and what follows it: the previous version looked up (a gradual
 * rollout shares traffic with it, a failed smoke test rolls back to it), the traffic split, the
 * smoke test. Fills `report.deploy` as soon as the upload is done; returns the stage's detail.
 */
export async function release(plan: Plan, report: RunReport, env: NodeJS.ProcessEnv, tempDir: string): Promise<string> {
  const { inputs, project, upload } = plan;
  if (upload === "none") throw new Error("release() called for a plan that uploads nothing");
  const gradual = upload === "gradual";
  const previous = gradual || plan.smokeTest ? await deployedVersion(project.root, inputs.environment, env) : undefined;
  if (gradual && !previous) {
    throw new StageFailure(`rollout-percentage ${inputs.rolloutPercentage} needs a deployed version to share traffic with, and ${project.worker.name} has none. Deploy it once at 100 first.`);
  }
  const d = await runDeploy(
    {
      upload,
      root: project.root,
      environment: inputs.environment,
      vars: inputs.vars,
      secrets: plan.secrets,
      apiToken: plan.apiToken,
      accountId: plan.accountId,
      message: plan.message,
      tag: plan.tag,
      previewAlias: plan.previewAlias,
      tempDir,
    },
    env,
  );
  report.deploy = d;
  if (gradual && d.versionId && previous) {
    await deployGradually(project.root, inputs.environment, d.versionId, previous, inputs.rolloutPercentage, plan.message, env);
    report.notices.push(`Gradual rollout: version ${d.versionId} gets ${inputs.rolloutPercentage}% of traffic, ${previous} the rest.`);
  }
  let smokeDetail = "";
  if (plan.smokeTest) {
    const url = inputs.smokeTestUrl || (d.deploymentUrl ? new URL(inputs.smokeTestPath || "/", d.deploymentUrl).href : "");
    if (!url) throw new StageFailure("the smoke test has no URL to call: wrangler reported no deployment URL. Set smoke-test-url.");
    const outcome = await smokeTestOrRollback({
      url,
      timeoutMs: inputs.smokeTestTimeoutMs,
      root: project.root,
      environment: inputs.environment,
      workerName: project.worker.name,
      version: d.versionId,
      previous,
      env,
      overrideVersion: gradual,
    });
    smokeDetail = `, ${outcome.detail}`;
  }
  const size = d.bundleSize !== undefined ? `${formatBytes(d.bundleSize)} (gzip ${formatBytes(d.bundleSizeGzip ?? 0)})` : "";
  if (upload === "dry-run") return `bundle ${size}, nothing uploaded`;
  const where = d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl;
  return `${where ?? "uploaded"}${d.versionId ? `, version ${d.versionId.slice(0, 8)}` : ""}${size ? `, ${size}` : ""}${smokeDetail}`;
}
