import * as core from "@actions/core";
import { release } from "../deploy/release.js";
import { errorMessage, StageFailure, WorkerNotDeployed } from "../errors.js";
import { asGitHubDeployment, commentOnPullRequest } from "../github/deployment.js";
import { type Run, required, type Stage } from "../pipeline.js";
import { neverDeployedSkip, type UploadSkip } from "../plan.js";

/** mode auto skipped the upload: one notice, marked in the summary and the PR comment. */
function sayUploadSkipped(run: Run, skip: UploadSkip): void {
  run.report.uploadSkipped = skip.message;
  core.notice(skip.message, { title: skip.title });
}

/** The upload the plan decided (dry run, version upload, deploy, gradual deploy), as a GitHub deployment. */
export const deploy: Stage = {
  name: "deploy",
  title: (run) => run.plan.title,
  skip: (run) => run.plan.noUpload?.reason,
  skipped(run) {
    const notice = run.plan.noUpload?.notice;
    if (!notice) return;
    run.report.notices.push(notice.message);
    core.notice(notice.message, { title: notice.title });
  },
  async run(run) {
    const wr = await required(run.wrangler, "wrangler").catch((err: unknown) => {
      throw new StageFailure(`could not set up wrangler: ${errorMessage(err)}`);
    });
    core.info(`wrangler ${wr.version} (${run.cache.wranglerSource(wr)}) on Node ${process.versions.node}`);
    if (run.plan.uploadSkipped) sayUploadSkipped(run, run.plan.uploadSkipped);
    try {
      const detail = await asGitHubDeployment(run, () => release(run.plan, run.report, run.env, run.temp));
      return { detail: run.plan.uploadSkipped ? `${detail}: upload skipped (see the notice)` : detail };
    } catch (err) {
      const skip = err instanceof WorkerNotDeployed ? neverDeployedSkip(run.plan) : undefined;
      if (!skip) throw err;
      sayUploadSkipped(run, skip);
      const detail = await release({ ...run.plan, upload: "dry-run", smokeTest: false }, run.report, run.env, run.temp);
      return { outcome: "warning", detail: `${detail}: the Worker was never deployed, preview skipped` };
    }
  },
  finish: (run) => commentOnPullRequest(run),
};
