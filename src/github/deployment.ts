import * as core from "@actions/core";
import type { Run } from "../pipeline.js";
import type { DeployOutputs } from "../report/model.js";
import { finishDeployment, startDeployment, upsertStickyComment } from "./client.js";
import { renderPreviewComment } from "./preview-comment.js";

/**
 * Run an upload as a GitHub deployment (when the plan records one and a token allows it). The
 * deployment is created alongside the upload, never before it: a slow or failing GitHub API only
 * warns (every request is time-limited, see client.ts) and never holds up or fails the upload.
 */
export async function asGitHubDeployment<T>(run: Run, upload: () => Promise<T>): Promise<T> {
  const { plan } = run;
  const { octokit, repo } = run.github;
  const spec = plan.githubDeployment;
  const started = spec && octokit && repo ? startDeployment(octokit, repo, { ref: plan.sha || "HEAD", ...spec, logUrl: plan.runUrl }) : Promise.resolve(undefined);
  const done = async (state: "success" | "failure", d?: DeployOutputs) => {
    const deployment = await started;
    if (deployment && octokit && repo) await finishDeployment(octokit, repo, deployment, state, d && (d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl), plan.runUrl);
  };
  try {
    const result = await upload();
    await done("success", run.report.deploy);
    return result;
  } catch (err) {
    await done("failure");
    throw err;
  }
}

/** The sticky preview comment on the pull request, whatever the outcome (when the plan wants one). */
export async function commentOnPullRequest(run: Run): Promise<void> {
  const { plan, report } = run;
  const { octokit, repo } = run.github;
  if (!plan.prComment || plan.prNumber === undefined || !octokit || !repo) return;
  const body = (previous: string | undefined) => renderPreviewComment(report, { sha: plan.sha, runUrl: plan.runUrl, alias: plan.previewAlias, previous });
  const done = await upsertStickyComment(octokit, repo, plan.prNumber, plan.project.worker.name, plan.inputs.environment, body);
  if (done) core.info(`Preview comment ${done} on pull request #${plan.prNumber}.`);
}
