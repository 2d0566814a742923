import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import type { Plan } from "../plan.js";
import { currentVersion, rolloutSpecs, smokeCheck, trafficSplit, versionOverrideHeader } from "../release/smoke.js";
import type { RunReport } from "../report/model.js";
import { formatBytes } from "../util/units.js";
import { cloudflareEnv } from "./credentials.js";
import { runDeploy } from "./upload.js";
import { failureMessage, throwFailure, wrangler } from "./wrangler-call.js";

const envArgs = (environment: string) => (environment ? ["--env", environment] : []);

/** Where a call runs: the project, the run's credentials env, the scratch folder. */
export interface CallContext {
  root: string;
  environment: string;
  env: NodeJS.ProcessEnv;
  tempDir: string;
}

export interface DeployedState {
  /** The version serving most traffic, or undefined for a Worker never deployed. */
  version?: string;
  /** Every version with its share, when traffic is split. */
  split: Array<{ version_id?: string; percentage?: number }>;
}

/**
 * What serves traffic now. A Worker never deployed is `{ split: [] }`; any other failure of the
 * look-up is an error with wrangler's reason (a refused token is not "no deployed version").
 */
export async function deployedState(c: CallContext): Promise<DeployedState> {
  const call = await wrangler(["deployments", "status", "--json", ...envArgs(c.environment)], { root: c.root, env: { ...c.env, WRANGLER_LOG: "log" }, tempDir: c.tempDir, silent: true });
  const { res } = call;
  if (res.exitCode !== 0) {
    if (/does not exist|not found|10007|10090|no deployments/i.test(res.stderr + res.stdout)) return { split: [] };
    await throwFailure("deployments status", call, c.env);
  }
  const start = res.stdout.indexOf("{");
  const json = start === -1 ? "" : res.stdout.slice(start);
  return { version: currentVersion(json), split: trafficSplit(json) };
}

/** `versions deploy new@p% previous@(100-p)%`. */
export async function deployGradually(c: CallContext, version: string, previous: string, percentage: number, message: string | undefined): Promise<void> {
  const args = ["versions", "deploy", ...rolloutSpecs(version, previous, percentage), "--yes", ...envArgs(c.environment), ...(message ? ["--message", message] : [])];
  const call = await wrangler(args, { root: c.root, env: c.env, tempDir: c.tempDir });
  if (call.res.exitCode !== 0) await throwFailure("versions deploy", call, c.env);
}

/** Roll back to `to`; undefined when done, else the reason it failed. */
export async function rollback(c: CallContext, to: string, message: string): Promise<string | undefined> {
  const call = await wrangler(["rollback", to, "--message", message, "--yes", ...envArgs(c.environment)], { root: c.root, env: c.env, tempDir: c.tempDir });
  return call.res.exitCode === 0 ? undefined : failureMessage("rollback", call, c.env);
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
  call: CallContext;
  workerName: string;
  version?: string;
  previous?: string;
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
  const failed = await rollback(opts.call, opts.previous, `python-workers-action: ${what}`.slice(0, 100));
  if (failed) throw new StageFailure(`${what}; rolling ${opts.workerName} back to version ${opts.previous} FAILED as well (${failed}): check the Worker now.`);
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
  // One credentials env for every call of this release: the upload, the look-up, the rollout, the rollback.
  const c: CallContext = { root: project.root, environment: inputs.environment, env: upload === "dry-run" ? env : cloudflareEnv(plan, env), tempDir };
  // The version serving now: a gradual rollout shares traffic with it, a failed smoke test rolls back to it.
  const previous = gradual || plan.smokeTest ? (await deployedState(c)).version : undefined;
  if (gradual && !previous) {
    throw new StageFailure(`rollout-percentage ${inputs.rolloutPercentage} needs a deployed version to share traffic with, and ${project.worker.name} has none. Deploy it once at 100 first.`);
  }
  const { outputs: d, replaced } = await runDeploy(
    {
      upload,
      root: project.root,
      environment: inputs.environment,
      vars: inputs.vars,
      secrets: plan.secrets,
      message: plan.message,
      tag: plan.tag,
      previewAlias: plan.previewAlias,
      tempDir,
    },
    c.env,
  );
  report.deploy = d;
  if (replaced.length > 1) {
    const split = replaced.map((v) => `${v.version_id}@${v.percentage}%`).join(", ");
    const warning = `This deploy replaced a gradual rollout in progress (${split}): the new version now serves 100 %. Use rollout-percentage to keep splitting traffic.`;
    report.notices.push(`⚠️ ${warning}`);
    core.warning(warning, { title: "Gradual rollout replaced" });
  }
  if (gradual && d.versionId && previous) {
    await deployGradually(c, d.versionId, previous, inputs.rolloutPercentage, plan.message);
    report.notices.push(`Gradual rollout: version ${d.versionId} gets ${inputs.rolloutPercentage}% of traffic, ${previous} the rest.`);
  }
  let smokeDetail = "";
  if (plan.smokeTest) {
    const url = inputs.smokeTestUrl || (d.deploymentUrl ? new URL(inputs.smokeTestPath || "/", d.deploymentUrl).href : "");
    if (!url) throw new StageFailure("the smoke test has no URL to call: wrangler reported no deployment URL. Set smoke-test-url.");
    const outcome = await smokeTestOrRollback({
      url,
      timeoutMs: inputs.smokeTestTimeoutMs,
      call: c,
      workerName: project.worker.name,
      version: d.versionId,
      previous,
      overrideVersion: gradual,
    });
    smokeDetail = `, ${outcome.detail}`;
  }
  const size = d.bundleSize !== undefined ? `${formatBytes(d.bundleSize)} (gzip ${formatBytes(d.bundleSizeGzip ?? 0)})` : "";
  if (upload === "dry-run") return `bundle ${size}, nothing uploaded`;
  const where = d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl;
  return `${where ?? "uploaded"}${d.versionId ? `, version ${d.versionId.slice(0, 8)}` : ""}${size ? `, ${size}` : ""}${smokeDetail}`;
}
