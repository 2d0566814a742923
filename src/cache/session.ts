import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { errorMessage } from "../errors.js";
import type { Plan } from "../plan.js";
import { exactVersion } from "../project/versions.js";
import type { RunReport } from "../report/model.js";
import type { Toolchain } from "../setup/index.js";
import { runnerTemp } from "../setup/tool-dir.js";
import { isLatest, resolveUvRequest, uvRequest } from "../setup/uv.js";
import { workersPyForProject } from "../setup/workers-py.js";
import type { WranglerSetup } from "../setup/wrangler.js";
import type { VerdictStore } from "../snapshot/check.js";
import { pyodideFor } from "../snapshot/versions.js";
import { ensureTestDeps } from "../testing/pyodide/deps.js";
import { timedCache } from "../util/exec.js";
import { describeSizes, formatBytes } from "../util/units.js";
import { type DepsPaths, type DepsRestore, depsCacheKey, depsPaths, restoreDeps, saveDeps } from "./deps.js";
import { type IndexSettings, indexSettingsFiles, indexSettingsFingerprint } from "./index-settings.js";
import { type CacheRun, generationKey, type ToolGroup } from "./keys.js";
import { saveAllowed } from "./policy.js";
import { prefetchToolEnvs } from "./prefetch.js";
import { cacheServiceAvailable, setCacheTimeout, tally } from "./store.js";
import { restoreTools, saveTools, type ToolsSpec } from "./tools.js";
import { restoreVerdict, saveVerdict, verdictEntryKey, verdictFile } from "./verdicts.js";

const warn = (what: string) => (err: unknown) => {
  core.warning(`Could not ${what}: ${errorMessage(err)}`, { title: "Cache" });
};

/**
 * The run's caches, decided from the plan: the tool entries (`tools` from the start, `wrangler` in
 * the background), the dependency entry (restored early when uv is exact, saved right after sync
 * so a failing lint still warms it), the tool saves once their folders are final, and the drain
 * before the step ends. Owns `report.cache`; every transfer counts as cache-service time.
 */
export class CacheSession {
  /** Why the cache is off, or undefined when it is on. */
  readonly off?: string;
  /** uv's cache and Pythons where the entry finds them (empty when the cache is off). */
  readonly env: NodeJS.ProcessEnv = {};
  private readonly save: { save: boolean; reason: string };
  private readonly spec: ToolsSpec;
  private readonly run: CacheRun;
  private readonly paths: DepsPaths;
  private toolsHit = false;
  private wranglerHit = false;
  private early?: { key: string; result: Promise<DepsRestore> };
  private key = "";
  private readonly background: Array<Promise<unknown>> = [];
  private wranglerSave?: () => Promise<unknown>;
  /** uv's index settings (env, [tool.uv], uv.toml): a cache built against another index is no hit. */
  private readonly index: IndexSettings;
  /** The Pyodide test run needs its test dependencies (in the dependency entry). */
  readonly pyodideTests: boolean;
  /** Settles when the Pyodide test run is over (its deps byte-compiled, its baseline snapshot written). */
  private readonly testsSettled: Promise<void>;
  /** The test stage calls this when the Pyodide run is over, or will not happen. */
  readonly testsFinished: () => void;

  constructor(
    private readonly plan: Plan,
    private readonly report: RunReport,
    env: NodeJS.ProcessEnv,
  ) {
    const { inputs, project } = plan;
    setCacheTimeout(inputs.cacheTimeoutMs);
    this.index = indexSettingsFingerprint(env, indexSettingsFiles(project.root, env));
    this.off = !inputs.cache ? (inputs.cacheOffReason ?? "cache: false") : !cacheServiceAvailable() ? "the GitHub cache service is not available to this step" : undefined;
    this.save = saveAllowed(inputs.saveCache, plan.eventName, plan.ref);
    this.run = { runId: env.GITHUB_RUN_ID ?? "", runAttempt: env.GITHUB_RUN_ATTEMPT ?? "", suffix: inputs.cacheSuffix };
    this.paths = depsPaths(env, runnerTemp());
    if (!this.off) this.env = { UV_CACHE_DIR: this.paths.uvCache, UV_PYTHON_INSTALL_DIR: this.paths.uvPython };
    this.pyodideTests = inputs.test && inputs.testRuntime !== "cpython";
    let settle: () => void = () => undefined;
    this.testsSettled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.testsFinished = settle;
    if (!this.pyodideTests) settle();
    const { worker } = project;
    this.spec = {
      uv: uvRequest(inputs.uvVersion, project.uvRequiredVersion).spec,
      workersPy: workersPyForProject(inputs.workersPyVersion, project).version,
      wrangler: plan.wrangler.installedDir ? undefined : plan.wrangler.spec,
      pyodide: inputs.snapshotCheck || this.pyodideTests ? pyodideFor(worker.compatibilityDate, worker.compatibilityFlags).npm : undefined,
    };
  }

  private depsKey(uv: string): string {
    const { inputs, project, wrangler } = this.plan;
    const key = depsCacheKey(project, { uv, workersPy: this.spec.workersPy, wrangler: wrangler.spec }, { lint: inputs.lint, test: inputs.test, pyodideTests: this.pyodideTests }, this.run);
    return `${key}-ix${this.index.fingerprint}`;
  }

  /** Where the Pyodide test run keeps its test dependencies (in the dependency entry when cached). */
  get pyodideTestDepsRoot(): string {
    return this.paths.pyodideTestDeps;
  }

  /**
   * Restore the tool entries: wrangler's from now on in the background (the promise setup waits
   * for), and with an exact uv the dependency entry together with the tools (nothing installs into
   * the uv cache until both are in place). Resolves once the `tools` entry is in place.
   */
  async restoreTools(): Promise<{ wranglerRestored?: Promise<void>; detail: string }> {
    if (this.off) return { detail: "" };
    const wranglerRestored =
      this.plan.needsWrangler && this.spec.wrangler
        ? timedCache(restoreTools(this.spec, "wrangler", this.run)).then(
            (r) => {
              this.wranglerHit = r.hit;
            },
            () => undefined,
          )
        : undefined;
    if (isLatest(this.spec.uv)) this.spec.uv = (await resolveUvRequest({ spec: this.spec.uv, source: "uv-version" }, this.plan.inputs.uvDownloadUrl)).spec;
    const uvExact = exactVersion(this.spec.uv);
    if (uvExact) {
      const key = this.depsKey(uvExact);
      this.early = { key, result: timedCache(restoreDeps(this.plan.project.root, key, this.paths, this.spec.workersPy)) };
      this.early.result.catch(() => undefined); // reported by restoreDeps()
    }
    const [r] = await Promise.all([timedCache(restoreTools(this.spec, "tools", this.run)), this.early?.result.catch(() => undefined)]);
    this.toolsHit = r.hit;
    return { wranglerRestored, detail: r.hit ? `; tools restored from the cache (${formatBytes(r.bytes)})` : "" };
  }

  /** Where wrangler came from, for the log. */
  wranglerSource(w: WranglerSetup): string {
    return `${w.source}${this.wranglerHit ? ", restored from the cache" : ""}`;
  }

  /** Restore the dependency entry (the early restore when its key still holds); a failure is a miss. */
  async restoreDeps(tools: Toolchain): Promise<DepsRestore> {
    this.key = this.depsKey(tools.uvVersion);
    core.info(`Dependency cache key: ${this.key}`);
    let r: DepsRestore;
    try {
      r = this.early?.key === this.key ? await this.early.result : await timedCache(restoreDeps(this.plan.project.root, this.key, this.paths, tools.workersPyVersion));
    } catch (err) {
      warn("restore the dependency cache")(err);
      r = { hit: false, problem: errorMessage(err), sizes: {} };
    }
    this.report.cache = { hit: r.hit, key: this.key, sizes: r.sizes, corrupted: r.corrupted, toolsHit: this.toolsHit };
    return r;
  }

  /** One line for the cache stage. */
  describe(r: DepsRestore): string {
    if (r.corrupted) return `restored entry discarded: ${r.corrupted}; rebuilding`;
    if (r.hit) return `hit: restored ${describeSizes(r.sizes)}${this.toolsHit ? "; tools too" : ""}`;
    return `miss${r.problem ? ` (${r.problem})` : ""}${this.toolsHit ? "; tools restored" : ""}`;
  }

  /** Save the dependency entry right after sync (the save policy permitting); returns the detail. */
  async saveDeps(tools: Toolchain, env: NodeJS.ProcessEnv): Promise<string> {
    if (this.off) return "";
    if (!this.save.save) {
      this.report.notices.push(`Cache not saved: ${this.save.reason}.`);
      return `; dependency cache not saved: ${this.save.reason}`;
    }
    const { inputs, project } = this.plan;
    const tooBig = entryTooBig(inputs.cacheSizeLimit, [path.join(project.root, "python_modules"), path.join(project.root, ".venv-workers"), this.paths.uvCache, this.paths.uvPython]);
    if (tooBig) {
      this.report.notices.push(`Cache not saved: ${tooBig}.`);
      return `; dependency cache not saved: ${tooBig}`;
    }
    await prefetchToolEnvs(project, { lint: inputs.lint, test: inputs.test }, env);
    const key = generationKey(this.key, this.run);
    if (this.pyodideTests) {
      // Install the Pyodide test dependencies now; save once the test run has byte-compiled them.
      const python = pyodideFor(project.worker.compatibilityDate, project.worker.compatibilityFlags).python;
      await ensureTestDeps({ projectRoot: project.root, python, cacheRoot: this.paths.pyodideTestDeps, env, useLock: project.locked.size > 0 }).catch((err: unknown) =>
        core.info(`Could not prefetch the Pyodide test dependencies (${errorMessage(err)}); the test stage will install them.`),
      );
      this.background.push(this.testsSettled.then(() => this.saveDepsNow(tools, key)));
      return "; dependency cache saved after the tests";
    }
    return this.saveDepsNow(tools, key);
  }

  private async saveDepsNow(tools: Toolchain, key: string): Promise<string> {
    const { project } = this.plan;
    const saved = await timedCache(saveDeps(project.root, key, this.paths, tools.workersPyVersion)).catch((err: unknown) => {
      warn("save the dependency cache")(err);
      return { saved: false, problem: errorMessage(err), sizes: {} };
    });
    if (this.report.cache) this.report.cache.saved = saved.saved;
    return saved.saved ? `; dependency cache saved (${describeSizes(saved.sizes)})` : `; dependency cache not saved${saved.problem ? `: ${saved.problem}` : ""}`;
  }

  /**
   * Save the tool entries in the background once their folders are final: `tools` when Pyodide's
   * baseline snapshot is written (`toolsFinal`), `wrangler` when the step ends. An entry restored on
   * its key and left untouched is not saved again.
   */
  saveToolsWhenSettled(tools: Toolchain, toolsFinal: Promise<unknown>, wrangler?: Promise<WranglerSetup>): void {
    if (this.off || !this.save.save) return;
    const final = Promise.all([toolsFinal, this.testsSettled]);
    if (!this.toolsHit || tools.fetched) this.background.push(final.then(() => this.saveTools("tools", "Tools")));
    if (wrangler && this.spec.wrangler) {
      // Saved at the end (see drain): by then the upload has filled wrangler's compile cache.
      this.wranglerSave = () =>
        wrangler.then(
          (w) => (this.wranglerHit && w.source === "tool-cache" ? undefined : this.saveTools("wrangler", "wrangler")),
          () => undefined,
        );
    }
  }

  private async saveTools(group: ToolGroup, what: string): Promise<void> {
    try {
      const r = await saveTools(this.spec, group, this.run);
      core.info(r.saved ? `${what} cache saved (${formatBytes(r.bytes)}).` : `${what} cache not saved${r.problem ? `: ${r.problem}` : ""}.`);
      if (this.report.cache) this.report.cache.toolsSaved = (this.report.cache.toolsSaved ?? true) && r.saved;
    } catch (err) {
      warn(`save the ${what} cache`)(err);
    }
  }

  /** Snapshot verdicts kept between runs (keyed by snapshot/verdict-key.ts, stored by verdicts.ts); none when the cache is off. */
  verdicts(): VerdictStore | undefined {
    if (this.off) return undefined;
    const file = verdictFile(runnerTemp());
    return {
      restore: (hash) => timedCache(restoreVerdict(verdictEntryKey(hash), file)),
      save: (hash, result, lookup) => {
        if (!this.save.save) return;
        const saved = lookup.then((hit) => (hit ? undefined : timedCache(saveVerdict(verdictEntryKey(hash), file, result))));
        this.background.push(saved.catch(warn("save the snapshot check's verdict")));
      },
    };
  }

  /** Wait for every background save: they finish before the step ends. */
  async drain(): Promise<void> {
    if (this.wranglerSave) this.background.push(this.wranglerSave());
    await timedCache(Promise.allSettled(this.background));
  }
}

/** Over cache-size-limit (0: no bound): why the entry is not saved, else undefined. */
export function entryTooBig(limit: number, dirs: string[]): string | undefined {
  if (!limit) return undefined;
  const bytes = dirs.reduce((n, d) => n + (fs.existsSync(d) ? tally(d).bytes : 0), 0);
  return bytes > limit ? `the entry would be ${formatBytes(bytes)}, over cache-size-limit ${formatBytes(limit)}` : undefined;
}
