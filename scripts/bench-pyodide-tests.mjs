// `node scripts/bench-pyodide-tests.mjs [--runs N]`: what running examples/hello's pytest suite
// inside Pyodide (src/testing/pyodide) costs, warm: test dependencies installed and byte-compiled,
// Pyodide and its baseline snapshot in the tool cache. Run 1 warms; the medians are of the rest.
// Until the stage is wired into the Action (and so into `npm run bench`), this drives the runner
// through its command-line front (cli.ts, bundled here) with the committed dist/pyodide-test-worker.js.
//   pyodide wall — the worker thread, start to exit (load from the baseline snapshot + pytest)
//   pyodide cpu  — the worker thread's CPU time: load + pytest (what it adds on a busy 2-core runner)
//   cpython wall — `uv run --with pytest pytest` on the same suite, for scale
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { copyWorker, EXAMPLES, makeSynced } from "./testkit/fixtures.mjs";
import { CACHE, prepareTools, pythonBinDir, ROOT, uvForFixtures } from "./testkit/tools.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i === -1 ? 6 : Number(process.argv[i + 1]);
const tools = prepareTools();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-bench-pyt-"));
await build({
  entryPoints: { "pyodide-tests": path.join(ROOT, "src/testing/pyodide/cli.ts") },
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  outdir: work,
  loader: { ".py": "text" },
  mainFields: ["module", "main"],
  logLevel: "warning",
  banner: { js: 'import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);' },
});
const { project } = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
makeSynced(project);
const env = {
  ...process.env,
  PATH: `${path.dirname(uvForFixtures())}${path.delimiter}${pythonBinDir()}${path.delimiter}${process.env.PATH}`,
  UV_CACHE_DIR: path.join(CACHE, "uv-cache"),
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
for (let run = 0; run < RUNS; run++) {
  const opts = {
    project,
    pyodideRoot: path.join(CACHE, "runner-tool-cache", "pyodide"),
    cacheRoot: path.join(work, "cache"),
    timeoutMs: 120_000,
    junitFile: path.join(work, "pyodide-junit.xml"),
    workerFile: path.join(ROOT, "dist", "pyodide-test-worker.js"),
  };
  const out = JSON.parse(
    execFileSync(tools.node24, [path.join(work, "pyodide-tests.js"), JSON.stringify(opts)], { env, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop(),
  );
  const r = out.result;
  if (r.exitCode !== 0) throw new Error(`the Pyodide run failed: ${r.error ?? r.exitCode}\n${r.log.slice(-2000)}`);
  const t0 = performance.now();
  execFileSync("uv", ["run", "--no-project", "--with", "pytest==9.2.0", "pytest", "-q", "-p", "no:cacheprovider"], { cwd: project, env, stdio: "ignore" });
  const cpython = performance.now() - t0;
  rows.push({ wall: r.wallMs, cpu: r.loadCpuMs + r.runCpuMs, loadCpu: r.loadCpuMs, runCpu: r.runCpuMs, cpython, fresh: out.deps.fresh });
  console.log(
    `run ${run + 1}${run === 0 ? " (warms)" : ""}: pyodide wall ${Math.round(r.wallMs)} ms, cpu ${Math.round(r.loadCpuMs)} load + ${Math.round(r.runCpuMs)} pytest; cpython wall ${Math.round(cpython)} ms; load average ${os.loadavg()[0].toFixed(1)}`,
  );
}
const warm = rows.slice(1);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`\nwarm medians over ${warm.length} runs on examples/hello (${os.cpus().length} cores):`);
console.log(
  `  pyodide wall ${fmt(median(warm.map((r) => r.wall)))}   pyodide cpu ${fmt(median(warm.map((r) => r.cpu)))} (load ${fmt(median(warm.map((r) => r.loadCpu)))}, pytest ${fmt(median(warm.map((r) => r.runCpu)))})   cpython wall ${fmt(median(warm.map((r) => r.cpython)))}`,
);
fs.rmSync(work, { recursive: true, force: true });
fs.rmSync(path.dirname(project), { recursive: true, force: true });
