import type { Stage } from "../pipeline.js";
import { hookSkip, runHooks } from "./hooks.js";

/** The post-deploy commands, after the upload; a failure fails the step, the upload stays. */
export const postDeploy: Stage = {
  name: "post-deploy",
  title: "Post-deploy commands",
  skip: (run) => hookSkip(run, run.plan.inputs.postDeploy, "post-deploy"),
  async run(run) {
    try {
      return { detail: await runHooks(run, run.plan.inputs.postDeploy, "post-deploy") };
    } catch (err) {
      const what = run.report.deploy?.versionId ? `version ${run.report.deploy.versionId} was uploaded and stays` : "the upload happened and stays";
      throw Object.assign(err as Error, { message: `${(err as Error).message} (after the upload: ${what})` });
    }
  },
};
