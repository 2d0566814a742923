// Run the project's pytest suite inside the Worker's own Pyodide, in a worker thread that a
// timeout can stop. Returns pytest's JUnit (parsed), every test's outcome and, for a hang, the test
// that was running.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { parseJUnit } from "../junit.js";
import type { FailedTest, TestCounts } from "../results.js";
import { junitCases, type TestCase } from "./compare.js";
import { type PyodideTestInput, type PyodideTestOutcome, readCurrent } from "./protocol.js";
import { preloadTag } from "./stdlib-preload.js";

export interface PyodideTestOptions {
  /** The unpacked npm `pyodide` for the Worker (ensurePyodide(pyodideFor(date, flags))). */
  pyodideDir: string;
  projectRoot: string;
  /** The Worker's `main`, relative to projectRoot. */
  main: string;
  flags: string[];
  /** testEnv(wranglerVars(...), secretNames): vars and placeholder secrets. */
  env: Record<string, unknown>;
  /** ensureTestDeps(...).dir */
  depsDir: string;
  junitFile: string;
  timeoutMs: number;
  pytestArgs?: string[];
  /** testBaselineFile(pyodideDir): this runner's own baseline snapshot (made on first use). */
  baselineFile?: string;
  /** The bundled worker script; defaults to pyodide-test-worker.js beside this bundle. */
  workerFile?: string | URL;
  /** Each line Pyodide prints, as it comes. */
  onOutput?: (line: string) => void;
}

export interface PyodideTestResult {
  /** pytest's exit code; null when the run was stopped by the timeout or crashed. */
  exitCode: number | null;
  counts: TestCounts;
  failures: FailedTest[];
  cases: TestCase[];
  /** The test running when the timeout stopped the worker (node id), or "" if it hung between tests. */
  hung?: string;
  /** Pyodide could not run at all (the message); the tests' own failures are in failures. */
  error?: string;
  loadMs: number;
  runMs: number;
  loadCpuMs: number;
  runCpuMs: number;
  wallMs: number;
  baseline: "loaded" | "made" | "none";
  log: string;
}

type Message = { out?: string; test?: TestCase; done?: boolean; ok?: boolean; result?: PyodideTestOutcome; error?: string };

/** Where the runner keeps its baseline snapshot: beside Pyodide in the tool cache, per Node major. */
export const testBaselineFile = (pyodideDir: string): string => path.join(pyodideDir, `baseline-tests-${preloadTag()}-node${process.versions.node.split(".")[0]}.snapshot`);

const COMPILED_MARK = ".pwa-compiled";
const EMPTY: TestCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };

export async function runPyodideTests(opts: PyodideTestOptions): Promise<PyodideTestResult> {
  const started = performance.now();
  const current = new SharedArrayBuffer(4 + 4096);
  const compileDeps = !fs.existsSync(path.join(opts.depsDir, COMPILED_MARK));
  fs.rmSync(opts.junitFile, { force: true });
  const input: PyodideTestInput = {
    pyodideDir: opts.pyodideDir,
    projectRoot: path.resolve(opts.projectRoot),
    moduleRoot: path.dirname(path.resolve(opts.projectRoot, opts.main)),
    vendorDir: path.join(path.resolve(opts.projectRoot), "python_modules"),
    depsDir: opts.depsDir,
    compileDeps,
    flags: opts.flags,
    env: opts.env,
    junitFile: opts.junitFile,
    pytestArgs: opts.pytestArgs ?? [],
    baselineFile: opts.baselineFile,
    current,
  };
  const workerFile = opts.workerFile ?? new URL("./pyodide-test-worker.js", import.meta.url);
  const worker = new Worker(workerFile, { workerData: input, stdout: true, stderr: true });
  const log: string[] = [];
  const seen: TestCase[] = [];
  let timer: NodeJS.Timeout | undefined;
  const outcome = await new Promise<{ result?: PyodideTestOutcome; error?: string; timedOut?: boolean }>((resolve) => {
    timer = setTimeout(() => {
      resolve({ timedOut: true });
      void worker.terminate();
    }, opts.timeoutMs);
    worker.on("message", (m: Message) => {
      if (m.out !== undefined) {
        log.push(m.out);
        opts.onOutput?.(m.out);
      }
      if (m.test) seen.push(m.test);
      if (m.done) resolve(m.ok ? { result: m.result } : { error: m.error });
    });
    worker.once("error", (e) => resolve({ error: e.message }));
    worker.once("exit", (code) => resolve({ error: `the Pyodide worker exited (${code}) before pytest finished` }));
  });
  clearTimeout(timer);
  await worker.terminate();
  const wallMs = performance.now() - started;
  const base = {
    loadMs: outcome.result?.loadMs ?? 0,
    runMs: outcome.result?.runMs ?? 0,
    loadCpuMs: outcome.result?.loadCpuMs ?? 0,
    runCpuMs: outcome.result?.runCpuMs ?? 0,
    wallMs,
    baseline: outcome.result?.baseline ?? ("none" as const),
    log: log.join("\n"),
  };

  const parsed = fs.existsSync(opts.junitFile) ? fs.readFileSync(opts.junitFile, "utf8") : undefined;
  const junit = parsed ? parseJUnit(parsed) : { counts: EMPTY, failures: [] };
  const cases = parsed ? junitCases(parsed) : [];
  if (outcome.timedOut) {
    // pytest writes JUnit at the end: the tests finished before the hang come from the plugin.
    return { exitCode: null, ...junit, cases: cases.length > 0 ? cases : seen, hung: readCurrent(current), ...base };
  }
  if (!outcome.result) return { exitCode: null, ...junit, cases, error: outcome.error ?? "unknown failure", ...base };
  if (compileDeps) fs.writeFileSync(path.join(opts.depsDir, COMPILED_MARK), "");
  return { exitCode: outcome.result.exitCode, ...junit, cases, ...base };
}
