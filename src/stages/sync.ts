import { required, type Stage } from "../pipeline.js";
import { runSync } from "../setup/sync.js";

/** `pywrangler sync`, then the dependency cache is saved at once, so a failing lint still warms it. */
export const sync: Stage = {
  name: "sync",
  title: "pywrangler sync",
  skip: (run) => (run.depsRestored ? "restored from the cache on its exact key; pywrangler's tokens brought up to date" : undefined),
  async run(run) {
    const tools = required(run.tools, "the toolchain");
    const detail = await runSync(run.plan.project.root, tools.workersPyVersion, run.env);
    return { detail: detail + (await run.cache.saveDeps(tools, run.env)) };
  },
};
