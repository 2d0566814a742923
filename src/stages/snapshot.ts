import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import type { ProjectInfo } from "../project/config.js";
import { ensurePyodide, unvendoredStdlib } from "../snapshot/pyodide.js";
import { handlerViolations, jsGlobalViolations, mapViolations, type SnapshotReport } from "../snapshot/report.js";
import { measureBundle, scanNativeExtensions, type Violation } from "../snapshot/rules.js";
import { pyodideFor } from "../snapshot/versions.js";
import type { WorkerInput, WorkerResult } from "../snapshot/worker-protocol.js";
import { addToolMillis } from "../util/exec.js";

export interface SnapshotOptions {
  registry: string;
  sizeLimit: number;
  importBudgetMs: number;
  timeoutMs: number;
  reportFile: string;
}

export interface SnapshotResult {
  report: SnapshotReport;
  reportFile: string;
  pyodideDownloaded: boolean;
  millis: { load: number; import: number };
}

function runWorker(input: WorkerInput, timeoutMs: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./snapshot-worker.js", import.meta.url), { workerData: input, stdout: true, stderr: true });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new StageFailure(`importing the entry module did not finish within ${Math.round(timeoutMs / 1000)} s (a loop or a blocking call at the top level?).`));
    }, timeoutMs);
    worker.once("message", (m: { ok: boolean; result?: WorkerResult; error?: string; log?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok && m.result) resolve(m.result);
      else {
        if (m.log) core.info(m.log);
        reject(new StageFailure(`the snapshot check could not run Pyodide: ${m.error}`));
      }
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(new StageFailure(`the snapshot check failed: ${e.message}`));
    });
  });
}

/**
 * Import the entry module under Pyodide the way the deploy snapshot does and check the static rules
 * (native extensions, size). Writes the JSON report; never uploads anything.
 */
export async function runSnapshotCheck(project: ProjectInfo, opts: SnapshotOptions): Promise<SnapshotResult> {
  const { worker: cfg, root } = project;
  const release = pyodideFor(cfg.compatibilityDate, cfg.compatibilityFlags);
  const entry = path.posix.normalize(cfg.main.replace(/\\/g, "/"));
  const moduleRoot = path.dirname(path.resolve(root, cfg.main));
  const moduleRootRel = path.relative(root, moduleRoot).split(path.sep).join("/");
  const violations: Violation[] = [];

  violations.push(...scanNativeExtensions(root));
  const bundle = measureBundle(root, cfg.main);
  if (bundle.raw > opts.sizeLimit) {
    violations.push({
      rule: "size",
      file: entry,
      line: 1,
      message: `Your Worker exceeded the size limit: the upload is ${bundle.raw} bytes uncompressed (${bundle.gzip} gzip), over the limit of ${opts.sizeLimit} bytes. Remove unused dependencies from python_modules.`,
    });
  }

  const { dir, downloaded } = await ensurePyodide(release, opts.registry);
  const input: WorkerInput = {
    pyodideDir: dir,
    moduleRoot,
    vendorDir: path.join(root, "python_modules"),
    entryName: path.basename(cfg.main, ".py"),
    flags: cfg.compatibilityFlags,
    runtimeModules: unvendoredStdlib(dir),
    snapshot: !release.npm.startsWith("0.26."),
  };
  const workerStarted = performance.now();
  const result = await runWorker(input, opts.timeoutMs).finally(() => addToolMillis(performance.now() - workerStarted));
  if (result.traceback) core.info(`Python traceback of the import:\n${result.traceback}`);
  for (const v of result.violations) if (v.stack) core.info(`${v.rule}: ${v.message}\n${v.stack}`);
  if (result.log.trim()) core.info(`Output of the import:\n${result.log}`);

  violations.push(...mapViolations(result.violations, moduleRootRel, entry));
  violations.push(...jsGlobalViolations(result.jsGlobals, moduleRootRel, entry));
  violations.push(...handlerViolations(result.handlers, entry, path.basename(cfg.main), cfg.compatibilityDate, cfg.compatibilityFlags));

  const report: SnapshotReport = {
    ok: violations.length === 0,
    pyodide: release.npm,
    python: release.python,
    entry,
    import_ms: result.imported ? Math.round(result.importMs) : null,
    bundle: { raw_bytes: bundle.raw, gzip_bytes: bundle.gzip },
    violations,
  };
  fs.mkdirSync(path.dirname(opts.reportFile), { recursive: true });
  fs.writeFileSync(opts.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  core.info(`Pyodide ${release.npm} loaded in ${Math.round(result.loadMs)} ms; ${result.files} files; entry imported in ${Math.round(result.importMs)} ms (${result.modules.length} project modules).`);
  return { report, reportFile: opts.reportFile, pyodideDownloaded: downloaded, millis: { load: result.loadMs, import: result.importMs } };
}
