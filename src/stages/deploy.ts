import * as core from "@actions/core";
import { release } from "../deploy/release.js";
import { errorMessage, StageFailure } from "../errors.js";
import { asGitHubDeployment, commentOnPullRequest } from "../github/deployment.js";
import { required, type Stage } from "../pipeline.js";

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
    const detail = await asGitHubDeployment(run, () => release(run.plan, run.report, run.env, run.temp));
    return { detail };
  },
  finish: (run) => commentOnPullRequest(run),
};
