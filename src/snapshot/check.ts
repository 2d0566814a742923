// The snapshot check's run: download Pyodide, start its process while lint and tests run, collect
// the import's findings into the report the `snapshot-report` output points at.
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import type { ProjectInfo } from "../project/config.js";
import { addToolMillis } from "../util/exec.js";
import { handlerViolations, harnessConfig, mapNotices, rngViolation, stoppedAt, topLevelEnv } from "./outcome.js";
import { ensurePyodide, unvendoredStdlib } from "./pyodide.js";
import { jsGlobalViolations, mapViolations, type SnapshotReport } from "./report.js";
import { measureBundle, scanNativeExtensions, type Violation } from "./rules.js";
import { verdictKey } from "./verdict-key.js";
import { classHandlersRequired, type PyodideRelease, pyodideFor } from "./versions.js";
import type { WorkerInput, WorkerResult } from "./worker-protocol.js";

export interface SnapshotOptions {
  registry: string;
  sizeLimit: number;
  timeoutMs: number;
  reportFile: string;
  /** The Action's `vars` input (deployed with the Worker), visible in top-level `env`. */
  vars?: Array<[string, string]>;
  /** Secret names: top-level `env` gets a placeholder for each, never the value. */
  secretNames?: string[];
  /** Where verdicts are kept between runs (the cache session); none: every run imports afresh. */
  verdicts?: VerdictStore;
}

/** Results of earlier checks by key (verdict-key.ts; kept by cache/verdicts.ts): a hit means nothing the check reads changed. */
export interface VerdictStore {
  restore(key: string): Promise<WorkerResult | undefined>;
  /** Keep a fresh result (in the background), once `lookup` has come back without one. */
  save(key: string, result: WorkerResult, lookup: Promise<WorkerResult | undefined>): void;
}

/**
 * How long the Pyodide process waits for the verdict look-up before it starts anyway: a cache
 * service answers in tens of ms on a hit (a few hundred on a hosted runner), and a slow or hanging
 * one delays the check by no more than this.
 */
export const LOOKUP_GRACE_MS = 250;
const graceOver = (ms: number) =>
  new Promise<undefined>((resolve) => {
    const timer: NodeJS.Timeout = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });

/** The Pyodide process's code, beside the Action's (dist/). */
const WORKER_FILE = () => fileURLToPath(new URL("./snapshot-worker.js", import.meta.url));

export interface SnapshotResult {
  report: SnapshotReport;
  reportFile: string;
}

type WorkerMessage = { ready?: boolean; done?: boolean; ok?: boolean; result?: WorkerResult; error?: string; log?: string };

/**
 * V8 flags for the Pyodide process: Liftoff only, no optimising tier. Pyodide's start-up and a
 * Worker's import run mostly cold code, where TurboFan's compile time is not paid back (issue 12:
 * process CPU of boot + a small import 1.61 → 1.20 s; set from inside a running process, the flag
 * had no effect, hence a child process rather than a worker thread).
 */
export const PYODIDE_V8_FLAGS = ["--liftoff-only"];

/** A child process that loads Pyodide and imports the entry at once; the stage collects the result. */
class SnapshotWorker {
  private readonly worker: ChildProcess;
  private readonly done: Promise<WorkerResult>;
  private timer?: NodeJS.Timeout;
  loadedAt?: number;
  /** Settles once Pyodide is loaded (and a new baseline snapshot written), or the worker ended. */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => undefined;

  constructor(input: WorkerInput, timeoutMs: number) {
    this.worker = fork(WORKER_FILE(), [], {
      execArgv: PYODIDE_V8_FLAGS,
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced",
    });
    this.worker.send(input);
    this.loaded = new Promise<void>((resolve) => {
      this.markLoaded = resolve;
      this.worker.once("exit", () => resolve());
    });
    this.done = new Promise<WorkerResult>((resolve, reject) => {
      this.worker.on("message", (msg) => {
        const m = msg as WorkerMessage;
        if (m.ready) {
          // Loaded: the import starts now, under its time limit (a loop at the top level).
          this.loadedAt = performance.now();
          this.timer = setTimeout(() => this.worker.kill(), timeoutMs);
          this.markLoaded();
          return;
        }
        if (!m.done) return;
        clearTimeout(this.timer);
        this.worker.kill();
        if (m.ok && m.result) resolve(m.result);
        else {
          if (m.log) core.info(m.log);
          reject(new StageFailure(`the snapshot check could not run Pyodide: ${m.error}`));
        }
      });
      this.worker.once("error", (e) => {
        clearTimeout(this.timer);
        reject(new StageFailure(`the snapshot check failed: ${e.message}`));
      });
      // Settled already when the result came first; otherwise the time limit ended it.
      this.worker.once("exit", () => reject(new StageFailure(`importing the entry module did not finish within ${Math.round(timeoutMs / 1000)} s (a loop or a blocking call at the top level?).`)));
    });
    this.done.catch(() => undefined); // reported when awaited
  }

  /** The import's result (it started as soon as Pyodide was loaded). */
  result(): Promise<WorkerResult> {
    return this.done;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.worker.kill();
  }
}

export interface PreparedSnapshotCheck {
  project: ProjectInfo;
  opts: SnapshotOptions;
  release: PyodideRelease;
  started: number;
  /**
   * Resolves once Pyodide is on disk and either its worker has started loading it, or the verdict
   * look-up answered in time with an earlier run's result (`verdict`: no worker is started).
   * `reused` is that look-up (a later hit stops the worker).
   */
  worker: Promise<{ key?: string; reused: Promise<WorkerResult | undefined> } & ({ worker: SnapshotWorker } | { verdict: WorkerResult })>;
  /** Settles once the tool folder is final: Pyodide downloaded and its baseline snapshot written. */
  settled: Promise<void>;
  cancel(): void;
}

/**
 * Start the check while lint and tests run: download Pyodide if needed, then load it and import the
 * entry in a child process. runSnapshotCheck() collects the result.
 */
export function prepareSnapshotCheck(project: ProjectInfo, opts: SnapshotOptions): PreparedSnapshotCheck {
  const { worker: cfg, root } = project;
  const release = pyodideFor(cfg.compatibilityDate, cfg.compatibilityFlags);
  const started = performance.now();
  let created: SnapshotWorker | undefined;
  const worker: PreparedSnapshotCheck["worker"] = ensurePyodide(release, opts.registry).then(async ({ dir }) => {
    const harness = harnessConfig(release, cfg.compatibilityDate, cfg.compatibilityFlags, unvendoredStdlib(dir));
    const input: WorkerInput = {
      pyodideDir: dir,
      moduleRoot: path.dirname(path.resolve(root, cfg.main)),
      vendorDir: path.join(root, "python_modules"),
      entryName: path.basename(cfg.main, ".py"),
      flags: cfg.compatibilityFlags,
      runtimeModules: harness.standins,
      harness,
      env: topLevelEnv(cfg.vars, opts.vars ?? [], cfg.bindings, opts.secretNames ?? []),
      // Unserializable JS globals matter only when a dedicated snapshot is taken (snapshot.ts:844-853).
      snapshot: harness.dedicated_snapshot,
      // Booted with the runtime's PYTHONHASHSEED and HOME ("-rt1"); older baselines are not reused.
      baselineFile: path.join(dir, `baseline-node${process.versions.node.split(".")[0]}-rt1.snapshot`),
    };
    const key = opts.verdicts ? verdictKey(input, fs.readFileSync(WORKER_FILE()), release) : undefined;
    const reused = key && opts.verdicts ? opts.verdicts.restore(key).catch(() => undefined) : Promise.resolve(undefined);
    const baseline = input.baselineFile !== undefined && fs.existsSync(input.baselineFile);
    // A look-up that answers within LOOKUP_GRACE_MS with a verdict spares starting Pyodide at all
    // (a new baseline snapshot still gets written: without one, the worker runs its load).
    const verdict = key && baseline ? await Promise.race([reused, graceOver(LOOKUP_GRACE_MS)]) : undefined;
    if (verdict) return { key, reused, verdict };
    // Otherwise the worker starts; a later hit stops it (after its load when it is writing a new
    // baseline snapshot, so the tool cache never keeps half a file).
    const w = new SnapshotWorker(input, opts.timeoutMs);
    created = w;
    reused.then((hit) => {
      if (!hit) return;
      if (baseline) w.cancel();
      else w.loaded.then(() => w.cancel());
    });
    return { worker: w, key, reused };
  });
  worker.catch(() => undefined); // reported when the stage awaits it
  const settled = worker.then(
    (w) => ("worker" in w ? w.worker.loaded : undefined),
    () => undefined,
  );
  return { project, opts, release, started, worker, settled, cancel: () => created?.cancel() };
}

/**
 * Import the entry module under Pyodide the way the deploy snapshot does and check the static rules
 * (native extensions, size). Writes the JSON report; never uploads anything.
 */
export async function runSnapshotCheck(prepared: PreparedSnapshotCheck): Promise<SnapshotResult> {
  const { project, opts, release } = prepared;
  const { worker: cfg, root } = project;
  const entry = path.posix.normalize(cfg.main.replace(/\\/g, "/"));
  const moduleRootRel = path
    .relative(root, path.dirname(path.resolve(root, cfg.main)))
    .split(path.sep)
    .join("/");
  const violations: Violation[] = [];

  violations.push(...scanNativeExtensions(root));
  const bundle = measureBundle(root, cfg.main, cfg.pythonModulesExclude);
  if (bundle.raw > opts.sizeLimit) {
    violations.push({
      rule: "size",
      file: entry,
      line: 1,
      message: `Your Worker exceeded the size limit: the upload is ${bundle.raw} bytes uncompressed (${bundle.gzip} gzip), over the limit of ${opts.sizeLimit} bytes. Remove unused dependencies from python_modules, or exclude files with python_modules.exclude.`,
    });
  }

  const started = await prepared.worker;
  const { key, reused } = started;
  const waited = performance.now();
  let result: WorkerResult;
  let reusedVerdict = true;
  if ("verdict" in started) result = started.verdict;
  else {
    // Whichever comes first: the import's result, or an earlier run's from the verdict store (a
    // slow or hanging cache service never holds the check up).
    const fresh = started.worker.result();
    fresh.catch(() => undefined);
    const earlier = await Promise.race([
      reused,
      fresh.then(
        () => undefined,
        () => undefined,
      ),
    ]);
    if (earlier) result = earlier;
    else {
      reusedVerdict = false;
      try {
        result = await fresh;
      } finally {
        // Pyodide's time counts as tool time, whether it overlapped lint and tests or not.
        addToolMillis(waited);
      }
      if (key) opts.verdicts?.save(key, result, reused);
    }
  }
  if (reusedVerdict) core.info(`Verdict reused: an earlier check read exactly these files and settings (verdict ${key}); Pyodide was not run again. Its timings below are that run's.`);
  if (result.traceback) core.info(`Python traceback of the import:\n${result.traceback}`);
  for (const v of result.violations) if (v.stack) core.info(`${v.rule}: ${v.message}\n${v.stack}`);
  if (result.log.trim()) core.info(`Output of the import:\n${result.log}`);

  violations.push(...mapViolations(result.violations, moduleRootRel, entry));
  violations.push(...jsGlobalViolations(result.jsGlobals, moduleRootRel, entry));
  violations.push(...handlerViolations(result.handlers, entry, path.basename(cfg.main), cfg.compatibilityDate, cfg.compatibilityFlags));
  violations.push(...rngViolation(result.rng, entry));
  const h = harnessConfig(release, cfg.compatibilityDate, cfg.compatibilityFlags, []);

  const report: SnapshotReport = {
    ok: violations.length === 0,
    pyodide: release.npm,
    python: release.python,
    entry,
    import_ms: result.imported ? Math.round(result.importMs) : null,
    import_cpu_ms: result.imported && result.importCpuMs !== undefined ? Math.round(result.importCpuMs) : null,
    bundle: { raw_bytes: bundle.raw, gzip_bytes: bundle.gzip },
    violations,
    notices: mapNotices(result, moduleRootRel, entry),
    stopped_at: stoppedAt(violations),
    ...(reusedVerdict ? { reused: true } : {}),
    runtime: {
      pyodide: release.runtime,
      dedicated_snapshot: h.dedicated_snapshot,
      process_pth_files: h.process_pth_files,
      check_rng_state: h.check_rng_state,
      legacy_vendor_path: h.legacy_vendor_path,
      global_handlers: !classHandlersRequired(cfg.compatibilityDate, cfg.compatibilityFlags),
    },
  };
  fs.mkdirSync(path.dirname(opts.reportFile), { recursive: true });
  fs.writeFileSync(opts.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  core.info(
    `Pyodide ${release.npm} loaded in ${Math.round(result.loadMs)} ms${result.baseline === "loaded" ? " from its baseline snapshot" : result.baseline === "made" ? " (baseline snapshot saved for next time)" : ""} (started ${Math.round(((waited - prepared.started) / 1000) * 10) / 10} s before this stage); ${result.files} files; entry imported in ${Math.round(result.importMs)} ms (${result.modules.length} project modules); Pyodide process CPU ${result.cpuMs} ms.`,
  );
  return { report, reportFile: opts.reportFile };
}
