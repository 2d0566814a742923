import type { Stage } from "../pipeline.js";
import { hookSkip, runHooks } from "./hooks.js";

/** The pre-deploy commands (e.g. D1 migrations), after every check and before the upload; a failure stops the upload. */
export const preDeploy: Stage = {
  name: "pre-deploy",
  title: "Pre-deploy commands",
  skip: (run) => hookSkip(run, run.plan.inputs.preDeploy, "pre-deploy"),
  async run(run) {
    return { detail: await runHooks(run, run.plan.inputs.preDeploy, "pre-deploy") };
  },
};
