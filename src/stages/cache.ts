import * as core from "@actions/core";
import { required, type Stage } from "../pipeline.js";

/** The dependency entry (python_modules, .venv-workers, uv's cache and Pythons). */
export const cacheRestore: Stage = {
  name: "cache",
  title: "Restore the dependency cache",
  skip: (run) => run.cache.off,
  async run(run) {
    const r = await run.cache.restoreDeps(required(run.tools, "the toolchain"));
    const detail = run.cache.describe(r);
    if (r.corrupted) {
      core.warning(`The cache entry ${r.matchedKey} was incomplete (${r.corrupted}); it was discarded and the dependencies are rebuilt.`, { title: "Cache entry discarded" });
      return { outcome: "warning", detail };
    }
    if (r.hit) {
      // Everything lint and test need is in the restored uv cache: stay offline.
      run.depsRestored = true;
      run.testEnvRestored = r.envRestored === true;
      run.env = { ...run.env, UV_OFFLINE: "1" };
    }
    return { detail };
  },
  // The tool folders do not change during lint and test: save them meanwhile. The Pyodide folder is
  // final once its baseline snapshot is written; the snapshot stage starts after sync too, in the
  // same turn, so its promise is read a microtask later.
  startsAfter: "sync",
  start(run) {
    if (run.tools)
      run.cache.saveToolsWhenSettled(
        run.tools,
        Promise.resolve().then(() => run.snapshot?.settled),
        run.wrangler,
      );
  },
  finish: (run) => run.cache.drain(),
};
