// What test-runtime: both adds to a warm run of the Action on examples/hello, against cpython:
// per configuration a cache-service stand-in, one run to fill it, then N warm runs (fresh runner,
// same paths), interleaved. Reports medians of the process wall, the process tree's CPU, and the
// Test stage's wall. Usage: node scripts/measure-test-runtime.mjs [--runs N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCacheService } from "./testkit/cache-service.mjs";
import { startFileServer } from "./testkit/file-server.mjs";
import { EXAMPLES, makeSynced } from "./testkit/fixtures.mjs";
import { runAction } from "./testkit/runner.mjs";
import { prepareTools } from "./testkit/tools.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i === -1 ? 5 : Number(process.argv[i + 1]);
const tools = prepareTools();
const mirror = await startFileServer(tools.uvMirror.dir);
const registry = await startFileServer(tools.npmMirror.dir);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-mtr-"));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function childrenCpuMs() {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
}
const ms = (v, u) => Number(v) * (u === "s" ? 1000 : 1);
async function once(name, svc) {
  const root = path.join(scratch, name);
  const workspace = path.join(root, "work", "repo");
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(path.join(EXAMPLES, "hello"), path.join(workspace, "hello"), { recursive: true, filter: (p) => !/(python_modules|\.venv|__pycache__|_cache)/.test(p) });
  makeSynced(path.join(workspace, "hello"));
  const cpu0 = childrenCpuMs();
  const r = await runAction({
    workspace,
    runnerRoot: path.join(root, "runner"),
    toolCache: path.join(root, "runner", "toolcache"),
    inputs: { "working-directory": "hello", mode: "check", "test-runtime": name, "uv-download-url": mirror.url, "npm-registry-url": registry.url },
    env: { ...svc.env, UV_CACHE_DIR: undefined },
  });
  const cpu = childrenCpuMs() - cpu0;
  if (r.exitCode !== 0) {
    process.stdout.write(r.stdout);
    throw new Error(`${name} failed`);
  }
  const t = /^\| Test \| \S+ \w+ \| ([\d.]+) (m?s) \|/m.exec(r.summary);
  const p = /Pyodide [\d.]+ \(Python [\d.]+\): loaded in .*?; CPU ([\d.]+) (m?s), wall ([\d.]+) (m?s)\./.exec(r.stdout);
  return { wall: r.millis, cpu, test: t ? ms(t[1], t[2]) : 0, pyCpu: p ? ms(p[1], p[2]) : 0, pyWall: p ? ms(p[3], p[4]) : 0, hit: r.outputs["cache-hit"] };
}
const names = ["cpython", "both"];
const svc = {};
for (const n of names) {
  svc[n] = await startCacheService();
  await once(n, svc[n]);
}
const res = { cpython: [], both: [] };
for (let k = 0; k < RUNS; k++) {
  for (const n of names) {
    const r = await once(n, svc[n]);
    res[n].push(r);
    console.log(
      `${n.padEnd(7)} ${k + 1}/${RUNS}: wall ${Math.round(r.wall)} ms, CPU ${Math.round(r.cpu)} ms, test stage ${Math.round(r.test)} ms${r.pyWall ? `, Pyodide run wall ${Math.round(r.pyWall)} ms CPU ${Math.round(r.pyCpu)} ms` : ""} (cache-hit ${r.hit})`,
    );
  }
}
for (const n of names) await svc[n].close();
await mirror.close();
await registry.close();
fs.rmSync(scratch, { recursive: true, force: true });
const m = (n, k) => median(res[n].map((r) => r[k]));
console.log(`\nwarm medians (n=${RUNS}), examples/hello:`);
for (const k of ["wall", "cpu", "test"])
  console.log(`  ${k.padEnd(5)} cpython ${Math.round(m("cpython", k))} ms, both ${Math.round(m("both", k))} ms, added ${Math.round(m("both", k) - m("cpython", k))} ms`);
console.log(`  Pyodide run itself: wall ${Math.round(m("both", "pyWall"))} ms, CPU ${Math.round(m("both", "pyCpu"))} ms`);
console.log(
  `  load average: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
