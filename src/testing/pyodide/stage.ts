// The test stage's Pyodide half: the project's pytest suite inside the Worker's own Pyodide, beside
// the CPython run. Reuses the snapshot check's Pyodide download and the caches (test deps in the
// dependency entry, this runner's baseline snapshot in the Pyodide tool folder).
import path from "node:path";
import * as core from "@actions/core";
import { StageFailure } from "../../errors.js";
import type { Run } from "../../pipeline.js";
import { ensurePyodide } from "../../snapshot/pyodide.js";
import { pyodideFor } from "../../snapshot/versions.js";
import { addToolMillis } from "../../util/exec.js";
import { workspaceRelative } from "../../util/paths.js";
import { formatMillis } from "../../util/units.js";
import { ensureTestDeps } from "./deps.js";
import { testEnv } from "./env.js";
import { type PyodideTestResult, runPyodideTests, testBaselineFile } from "./run.js";

export interface PyodideSuite {
  result: PyodideTestResult;
  junitFile: string;
  pyodide: string;
  python: string;
  skippedNative: string[];
}

/** The unpacked Pyodide: the snapshot check's download when it is fetching the same release. */
async function pyodideDir(run: Run, release: ReturnType<typeof pyodideFor>): Promise<string> {
  const snap = run.snapshot;
  if (snap && snap.release.npm === release.npm) await snap.worker.catch(() => undefined);
  return (await ensurePyodide(release, run.plan.inputs.npmRegistryUrl)).dir;
}

/** Run the suite in Pyodide; a failure to start is a StageFailure, the tests' own failures are in the result. */
export async function runPyodideSuite(run: Run, junitFile: string): Promise<PyodideSuite> {
  const { plan } = run;
  const { inputs, project } = plan;
  const cfg = project.worker;
  const started = performance.now();
  const release = pyodideFor(cfg.compatibilityDate, cfg.compatibilityFlags);
  try {
    const dir = await pyodideDir(run, release);
    const deps = await ensureTestDeps({ projectRoot: project.root, python: release.python, cacheRoot: run.cache.pyodideTestDepsRoot, env: run.env, useLock: project.locked.size > 0 }).catch(
      (err: unknown) => {
        throw new StageFailure(`the Pyodide test run could not get its test dependencies: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    for (const name of deps.skippedNative) {
      core.warning(`${name} has native code and cannot load in Pyodide; the Pyodide test run goes without it.`, { title: "Test dependency left out (Pyodide)" });
    }
    const result = await runPyodideTests({
      pyodideDir: dir,
      projectRoot: project.root,
      main: cfg.main,
      flags: cfg.compatibilityFlags,
      env: testEnv({ ...cfg.vars, ...Object.fromEntries(inputs.vars) }, inputs.secrets),
      depsDir: deps.dir,
      junitFile,
      timeoutMs: inputs.testTimeoutMs,
      baselineFile: testBaselineFile(dir),
      onOutput: (l) => core.info(`[pyodide] ${l}`),
    });
    if (result.error !== undefined) throw new StageFailure(`the Pyodide test run could not run: ${result.error}`);
    result.failures = result.failures.map((f) => ({ ...f, file: f.file ? workspaceRelative(f.file, project.root, plan.workspace) : undefined }));
    core.info(
      `Pyodide ${release.npm} (Python ${release.python}): loaded in ${formatMillis(result.loadMs)}${result.baseline === "loaded" ? " from its baseline snapshot" : ""}, pytest ${formatMillis(result.runMs)}; CPU ${formatMillis(result.loadCpuMs + result.runCpuMs)}, wall ${formatMillis(result.wallMs)}.`,
    );
    return { result, junitFile, pyodide: release.npm, python: release.python, skippedNative: deps.skippedNative };
  } finally {
    addToolMillis(started);
    run.cache.testsFinished();
  }
}

export const junitPaths = (dir: string) => ({ cpython: path.join(dir, "pytest-junit.xml"), pyodide: path.join(dir, "pytest-junit-pyodide.xml") });
