import path from "node:path";
import type { Stage } from "../pipeline.js";
import { setupTools } from "../setup/index.js";

/** uv, workers-py and (in the background) wrangler, restored from the cache where it can. */
export const setup: Stage = {
  name: "setup",
  title: "Set up uv, workers-py and wrangler",
  skip: () => undefined,
  async run(run) {
    const { plan, report, cache } = run;
    const restored = await cache.restoreTools();
    const wrangler = plan.needsWrangler ? plan.wrangler : undefined;
    const tools = await setupTools(plan.inputs, plan.project, wrangler, path.join(run.temp, "bin"), cache.env, restored.wranglerRestored);
    run.tools = tools;
    run.env = tools.env;
    report.versions = { uv: tools.uvVersion, workersPy: tools.workersPyVersion };
    run.wrangler = tools.wrangler?.then((w) => {
      report.versions.wrangler = w.version;
      return w;
    });
    run.wrangler?.catch(() => undefined); // reported by the deploy stage
    return { detail: tools.detail + restored.detail };
  },
  // A background wrangler set-up finishes before the step ends.
  async finish(run) {
    await run.wrangler?.catch(() => undefined);
  },
};
