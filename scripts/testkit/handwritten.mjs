// The hand-written workflow the Action replaces, run the way a runner runs a job's steps, for the
// benchmark (scripts/bench.mjs). Same runner environment, tools and stand-ins as runAction:
//
//   - uses: actions/setup-node (node-version: 24)     emulated: Node 24 from .test-cache put first
//                                                      on PATH, as setup-node does from the runner's
//                                                      tool cache (no process)
//   - uses: astral-sh/setup-uv (version: 0.13.9)       handwritten-steps.mjs setup-uv
//   - uses: actions/cache (path: node_modules)         handwritten-steps.mjs cache-restore
//   - run: uv sync
//   - run: uv run ruff check
//   - run: uv run ruff format --check
//   - run: uv run pytest
//   - uses: cloudflare/wrangler-action (wranglerVersion: 4.164.0; only its version check and install)
//   - run: uv run pywrangler deploy                    (CLOUDFLARE_API_TOKEN / ACCOUNT_ID in env)
//   post: actions/cache save, then setup-uv's save (post steps run in reverse order)
//
// Each `uses:` step is its own Node 24 process running a bundled script (as the anchors ship
// bundled dist/), each `run:` step its own `bash -e`. Between steps GITHUB_ENV / GITHUB_PATH are
// applied and each action's GITHUB_STATE is handed to its post step as STATE_*, as the runner does.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { parseCommandFile, prepareRunner } from "./runner.mjs";
import { ROOT } from "./tools.mjs";

/** Bundle handwritten-steps.mjs into `dir`; returns the script's path. */
export async function bundleSteps(dir) {
  const out = path.join(dir, "hw-steps.mjs");
  await build({
    entryPoints: [path.join(ROOT, "scripts", "testkit", "handwritten-steps.mjs")],
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    outfile: out,
    logLevel: "warning",
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  });
  return out;
}

function runProcess(cmd, args, { cwd, env }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

/**
 * @param {{ workspace: string, project: string, stepsJs: string, uvMirror: string, uvVersion: string,
 *   wranglerVersion: string, runnerRoot?: string, toolCache?: string, env?: Record<string,string|undefined>,
 *   deployEnv?: Record<string,string> }} o
 */
export async function runHandWritten(o) {
  const { tools, files, temp, env: base } = prepareRunner({ workspace: o.workspace, runnerRoot: o.runnerRoot, toolCache: o.toolCache, env: o.env });
  /** @type {Record<string,string>} */
  const env = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith("INPUT_")) env[k] = v;
  // setup-node: Node 24 first on PATH (npm and npx come from the runner's own npm, run by it).
  env.PATH = `${path.dirname(tools.node24)}${path.delimiter}${env.PATH}`;
  Object.assign(env, { HW_PROJECT: o.project, HW_UV_MIRROR: o.uvMirror, HW_UV_VERSION: o.uvVersion, HW_WRANGLER_VERSION: o.wranglerVersion });

  const post = [];
  const steps = [];
  let log = "";
  const started = performance.now();
  const applyFiles = () => {
    const added = fs.readFileSync(path.join(files, "path"), "utf8").split("\n").filter(Boolean);
    for (const p of added.reverse()) env.PATH = `${p}${path.delimiter}${env.PATH}`;
    Object.assign(env, parseCommandFile(fs.readFileSync(path.join(files, "env"), "utf8")));
    for (const f of ["path", "env"]) fs.writeFileSync(path.join(files, f), "");
  };
  const uses = async (name, step, postStep) => {
    fs.writeFileSync(path.join(files, "state"), "");
    const t = performance.now();
    const r = await runProcess(tools.node24, [o.stepsJs, step], { cwd: o.workspace, env });
    steps.push({ name, ms: performance.now() - t });
    log += `## ${name}\n${r.out}`;
    const state = parseCommandFile(fs.readFileSync(path.join(files, "state"), "utf8"));
    if (postStep) post.unshift({ name: `post ${name}`, step: postStep, state });
    applyFiles();
    if (r.code !== 0) throw Object.assign(new Error(`step ${name} failed (exit ${r.code})`), { log });
  };
  const runStep = async (script, extraEnv = {}) => {
    const t = performance.now();
    const r = await runProcess("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script], { cwd: o.project, env: { ...env, ...extraEnv } });
    steps.push({ name: script, ms: performance.now() - t });
    log += `## ${script}\n${r.out}`;
    applyFiles();
    if (r.code !== 0) throw Object.assign(new Error(`step "${script}" failed (exit ${r.code})`), { log });
  };

  let exitCode = 0;
  try {
    await uses("astral-sh/setup-uv", "setup-uv", "setup-uv-post");
    await uses("actions/cache (node_modules)", "cache-restore", "cache-save");
    await runStep("uv sync");
    await runStep("uv run ruff check");
    await runStep("uv run ruff format --check");
    await runStep("uv run pytest");
    await uses("cloudflare/wrangler-action (install)", "wrangler-action");
    await runStep("uv run pywrangler deploy", o.deployEnv);
    for (const p of post) {
      for (const [k, v] of Object.entries(p.state)) env[`STATE_${k}`] = v;
      await uses(p.name, p.step);
      for (const k of Object.keys(p.state)) delete env[`STATE_${k}`];
    }
  } catch (e) {
    exitCode = 1;
    log += `\n${e.message}\n`;
  }
  return { exitCode, millis: performance.now() - started, steps, log, temp };
}
