// Runs the committed dist/index.js the way a GitHub runner does: under Node 24, with INPUT_* for
// every input (action.yml defaults filled in, as the runner does), the GITHUB_* files and
// variables, RUNNER_TEMP and RUNNER_TOOL_CACHE. Returns the exit code, logs, parsed outputs,
// summary and annotations.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { CACHE, prepareTools, ROOT } from "./tools.mjs";

const ACTION = parseYaml(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));

/**
 * The shared, pre-filled tool cache as the Action keeps it: wrangler's tree as a hard-link copy whose
 * workerd binary is a stub and without type declarations, source maps and docs (the Action does both at install; see src/setup/wrangler-tree.ts), every
 * other tool a link to the shared folder. Also keeps what the Action writes into wrangler's folder
 * (its compile cache) out of the shared cache. One per process, in the temp folder.
 */
let deployOnly;
export function testToolCache() {
  const dir = path.join(os.tmpdir(), `pwa-toolcache-${process.pid}`);
  if (deployOnly === dir && fs.existsSync(path.join(dir, ".ready"))) return dir;
  const shared = path.join(CACHE, "runner-tool-cache");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const tool of fs.existsSync(shared) ? fs.readdirSync(shared) : []) {
    if (tool === "wrangler") execFileSync("cp", ["-al", path.join(shared, tool), path.join(dir, tool)]);
    else fs.symlinkSync(path.join(shared, tool), path.join(dir, tool));
  }
  const wr = path.join(dir, "wrangler");
  for (const version of fs.existsSync(wr) ? fs.readdirSync(wr) : []) {
    const scope = path.join(wr, version, os.arch(), "node_modules", "@cloudflare");
    for (const pkg of fs.existsSync(scope) ? fs.readdirSync(scope) : []) {
      const bin = path.join(scope, pkg, "bin", "workerd");
      if (!pkg.startsWith("workerd-") || !fs.existsSync(bin)) continue;
      fs.rmSync(bin); // a hard link: unlink, never write through it
      fs.writeFileSync(bin, "#!/bin/sh\necho 'workerd stub (test tool cache)' >&2\nexit 1\n", { mode: 0o755 });
    }
  }
  // …and without what Node never loads, as the Action prunes it (src/setup/wrangler-tree.ts). On a
  // fresh clone there is no shared wrangler yet: the first run installs it here, pruned by the Action.
  if (fs.existsSync(wr)) pruneWranglerTree(wr);
  fs.writeFileSync(path.join(dir, ".ready"), "");
  deployOnly = dir;
  return dir;
}

function pruneWranglerTree(wr) {
  execFileSync("find", [
    wr,
    "-type",
    "f",
    "(",
    "-name",
    "*.d.ts",
    "-o",
    "-name",
    "*.d.mts",
    "-o",
    "-name",
    "*.d.cts",
    "-o",
    "-name",
    "*.map",
    "-o",
    "-name",
    "*.md",
    "-o",
    "-name",
    "*.markdown",
    ")",
    "-delete",
  ]);
}

/** Parse a GITHUB_OUTPUT / GITHUB_ENV file (`name<<delim` blocks or `name=value` lines). */
export function parseCommandFile(text) {
  /** @type {Record<string, string>} */
  const out = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
      out[m[1]] = value.join("\n");
    } else if (lines[i].includes("=")) {
      const k = lines[i].slice(0, lines[i].indexOf("="));
      out[k] = lines[i].slice(k.length + 1);
    }
  }
  return out;
}

/** `::error file=a.py,line=3,title=T::message` lines of a log. */
export function parseAnnotations(log) {
  /** @type {Array<{level: string, message: string, file?: string, line?: number, title?: string, col?: string}>} */
  const out = [];
  for (const line of log.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    /** @type {Record<string, string>} */
    const props = {};
    for (const kv of (m[2] ?? "").split(",")) {
      const i = kv.indexOf("=");
      if (i > 0)
        props[kv.slice(0, i)] = decodeURIComponent(
          kv
            .slice(i + 1)
            .replace(/%2C/g, ",")
            .replace(/%3A/g, ":"),
        );
    }
    out.push({ level: m[1], ...props, line: props.line ? Number(props.line) : undefined, message: m[3].replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%") });
  }
  return out;
}

/** A PATH like a runner's, but with only this machine's Node 20 on it (older than wrangler needs). */
export function runnerPath(tools) {
  return [tools.pythonBin, path.dirname(process.execPath), "/usr/local/sbin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");
}

/** This machine's proxy and CA settings, as a self-hosted runner would have them. */
function machineNetworkEnv() {
  const keep =
    /^(SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|PIP_CERT|PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|UV_INDEX_URL|UV_DEFAULT_INDEX|npm_config_registry|(HTTPS?|NO|ALL)_PROXY)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => keep.test(k)));
}

/**
 * @param {{ workspace: string, inputs?: Record<string,string>, env?: Record<string,string>,
 *   event?: object, eventName?: string, ref?: string, sha?: string, toolCache?: string, timeoutMs?: number,
 *   runnerRoot?: string, runId?: string }} o
 */
export function prepareRunner(o) {
  const tools = prepareTools();
  // o.runnerRoot: a fixed folder, emptied first, so consecutive runs see the same paths as jobs on
  // fresh hosted runners do (the cache service keys entries on their paths).
  const home = o.runnerRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "pwa-run-"));
  if (o.runnerRoot) fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const files = path.join(home, "files");
  const temp = path.join(home, "runner-temp");
  fs.mkdirSync(files);
  fs.mkdirSync(temp);
  for (const f of ["output", "summary", "env", "path", "state"]) fs.writeFileSync(path.join(files, f), "");
  const eventName = o.eventName ?? "push";
  const event = o.event ?? {
    ref: o.ref ?? "refs/heads/main",
    repository: { default_branch: "main", full_name: "octo/hello" },
    head_commit: { id: "0123456789abcdef0123456789abcdef01234567", message: "Add greeting\n\nbody" },
  };
  fs.writeFileSync(path.join(files, "event.json"), JSON.stringify(event));

  /** @type {Record<string, string>} */
  const env = {
    PATH: runnerPath(tools),
    HOME: path.join(home, "home"),
    LANG: "C.UTF-8",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: path.join(files, "event.json"),
    GITHUB_REF: o.ref ?? "refs/heads/main",
    GITHUB_SHA: o.sha ?? "0123456789abcdef0123456789abcdef01234567",
    GITHUB_REPOSITORY: "octo/hello",
    GITHUB_SERVER_URL: "https://github.com",
    // The GitHub API: tests that check PR comments and deployments pass their stand-in's URL;
    // elsewhere a closed port, so nothing leaves this machine.
    GITHUB_API_URL: "http://127.0.0.1:9",
    GITHUB_RUN_ID: o.runId ?? String(Date.now()),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_OUTPUT: path.join(files, "output"),
    GITHUB_STEP_SUMMARY: path.join(files, "summary"),
    GITHUB_ENV: path.join(files, "env"),
    GITHUB_PATH: path.join(files, "path"),
    GITHUB_STATE: path.join(files, "state"),
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: o.toolCache ?? testToolCache(),
    // Shared between runs so PyPI wheels are fetched once per test session. PWA_UV_CACHE_DIR: a
    // private one, for a machine where other checkouts write the shared one during a cache save.
    UV_CACHE_DIR: process.env.PWA_UV_CACHE_DIR || path.join(CACHE, "uv-cache"),
    npm_config_cache: path.join(CACHE, "npm-cache"),
    ...machineNetworkEnv(),
    ...o.env,
  };
  fs.mkdirSync(env.HOME, { recursive: true });
  const inputs = { ...o.inputs };
  for (const [name, spec] of Object.entries(ACTION.inputs ?? {})) {
    const value = name in inputs ? inputs[name] : String(spec.default ?? "").replace("${{ github.token }}", "ghs_test_token");
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  return { tools, home, files, temp, env };
}

/**
 * @param {{ workspace: string, inputs?: Record<string,string>, env?: Record<string,string>,
 *   event?: object, eventName?: string, ref?: string, sha?: string, toolCache?: string, timeoutMs?: number,
 *   runnerRoot?: string, runId?: string, onSpawn?: (child: import("node:child_process").ChildProcess, log: () => string) => void }} o
 */
export async function runAction(o) {
  const { tools, home, files, temp, env } = prepareRunner(o);
  const started = performance.now();
  // PWA_DIST: another build of the Action (e.g. of a commit, while the worktree is mid-edit).
  const dist = process.env.PWA_DIST || path.join(ROOT, "dist");
  const child = spawn(tools.node24, [path.join(dist, "index.js")], { cwd: o.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  /** ms from spawn to the first byte on stdout (the Action's first log line). */
  let firstOutputMs;
  child.stdout.on("data", (d) => {
    firstOutputMs ??= performance.now() - started;
    stdout += d;
  });
  child.stderr.on("data", (d) => (stderr += d));
  // o.onSpawn: a test's hook on the running Action (send it a signal, watch its log).
  o.onSpawn?.(child, () => stdout);
  const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 240_000);
  const exitCode = await new Promise((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  clearTimeout(timer);
  const millis = performance.now() - started;

  const read = (f) => fs.readFileSync(path.join(files, f), "utf8");
  return {
    exitCode,
    stdout,
    stderr,
    millis,
    firstOutputMs,
    outputs: parseCommandFile(read("output")),
    summary: read("summary"),
    addedPath: read("path"),
    annotations: parseAnnotations(stdout),
    runnerTemp: temp,
    home,
    env,
    /** Every file left under RUNNER_TEMP, with its contents. */
    leftovers() {
      const out = [];
      const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.isFile()) out.push({ path: p, text: fs.readFileSync(p, "latin1") });
        }
      };
      walk(temp);
      return out;
    },
    cleanup: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}
