// A command-line front for the Pyodide test runner, for the integration test and the benchmark
// (bundled by them next to pyodide-test-worker.js; the Action itself calls runPyodideTests).
//   node pyodide-tests.js '{"project": "...", "pyodideDir": "...", "cacheRoot": "...", "timeoutMs": 60000}'
// Prints one JSON line: { deps, result }.
import fs from "node:fs";
import path from "node:path";
import { parseWranglerText } from "../../project/config.js";
import { pyodideFor } from "../../snapshot/versions.js";
import { ensureTestDeps } from "./deps.js";
import { testEnv, wranglerVars } from "./env.js";
import { runPyodideTests, testBaselineFile } from "./run.js";

interface CliOptions {
  project: string;
  /** Folder holding one unpacked npm pyodide per version: <pyodideRoot>/<version>/x64 (a runner tool cache). */
  pyodideRoot: string;
  cacheRoot: string;
  timeoutMs: number;
  environment?: string;
  secrets?: string[];
  junitFile: string;
  /** The worker bundle (default: pyodide-test-worker.js beside this file). */
  workerFile?: string;
}

const opts = JSON.parse(process.argv[2]) as CliOptions;
const configName = ["wrangler.toml", "wrangler.jsonc"].find((f) => fs.existsSync(path.join(opts.project, f))) ?? "wrangler.toml";
const raw = parseWranglerText(fs.readFileSync(path.join(opts.project, configName), "utf8"), configName);
const flags = (raw.compatibility_flags as string[] | undefined) ?? [];
const release = pyodideFor(String(raw.compatibility_date), flags);
const pyodideDir = path.join(opts.pyodideRoot, release.npm, "x64");
const t0 = performance.now();
const deps = await ensureTestDeps({ projectRoot: opts.project, python: release.python, cacheRoot: opts.cacheRoot, env: process.env });
const depsMs = performance.now() - t0;
const cpu0 = process.cpuUsage();
const result = await runPyodideTests({
  pyodideDir,
  projectRoot: opts.project,
  main: String(raw.main),
  flags,
  env: testEnv(wranglerVars(raw, opts.environment ?? ""), opts.secrets ?? []),
  depsDir: deps.dir,
  junitFile: opts.junitFile,
  timeoutMs: opts.timeoutMs,
  baselineFile: testBaselineFile(pyodideDir),
  workerFile: opts.workerFile ?? new URL("./pyodide-test-worker.js", import.meta.url),
});
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ pyodide: release.npm, deps: { ...deps, ms: depsMs }, cpuMs: (cpu.user + cpu.system) / 1000, result })}\n`);
