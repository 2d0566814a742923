import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import * as io from "@actions/io";
import semver from "semver";
import { DEFAULT_VERSIONS, MIN_NODE_FOR_WRANGLER } from "../defaults.js";
import { InputError, StageFailure } from "../errors.js";
import { findLockedWrangler, type LockfileName, repositoryRoot } from "../project/node-lockfiles.js";
import { downloadTimeoutMs } from "../util/download.js";
import { type RunResult, run, TimeoutFailure } from "../util/exec.js";
import { NETWORK_LOG_PRELOAD } from "../util/network-log.js";
import { isComplete, markComplete, toolCacheRoot, toolDir } from "./tool-dir.js";
import { pruneTree, stubWorkerd, wranglerCompileCache } from "./wrangler-tree.js";

export type WranglerSource = "wrangler-version" | "node_modules" | LockfileName | "package.json" | "default";

export interface WranglerRequest {
  spec: string;
  source: WranglerSource;
  /** An installed copy of the project's own, when it satisfies the request. */
  installedDir?: string;
}

function readJson(file: string): Record<string, any> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Ancestors of `dir` (itself first), as npx searches them for node_modules. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    out.push(d);
    if (path.dirname(d) === d) return out;
  }
}

/**
 * input → the project's installed wrangler → a lockfile (npm, pnpm, yarn, bun) in the project's
 * folder or above it up to the repository root → package.json → tested default. Reads only local files.
 */
export function wranglerRequest(input: string, projectDir: string, env: NodeJS.ProcessEnv = process.env): WranglerRequest {
  let installed: { dir: string; version: string } | undefined;
  for (const d of ancestors(projectDir)) {
    const pkg = readJson(path.join(d, "node_modules", "wrangler", "package.json"));
    if (pkg && typeof pkg.version === "string") {
      installed = { dir: path.join(d, "node_modules", "wrangler"), version: pkg.version };
      break;
    }
  }
  if (input) {
    if (!semver.validRange(input) && input !== "latest") {
      throw new InputError("wrangler-version", `"${input}" is not an npm version or range. Give one such as ${DEFAULT_VERSIONS.wrangler}.`);
    }
    const fits = installed && input !== "latest" && semver.satisfies(installed.version, input);
    return { spec: input, source: "wrangler-version", installedDir: fits ? installed?.dir : undefined };
  }
  if (installed) return { spec: installed.version, source: "node_modules", installedDir: installed.dir };
  const pkg = readJson(path.join(projectDir, "package.json"));
  const declared = pkg?.devDependencies?.wrangler ?? pkg?.dependencies?.wrangler;
  const locked = findLockedWrangler(projectDir, repositoryRoot(projectDir, env), typeof declared === "string" ? declared : undefined);
  if (locked) return { spec: locked.version, source: locked.file };
  if (typeof declared === "string" && semver.validRange(declared)) return { spec: declared, source: "package.json" };
  return { spec: DEFAULT_VERSIONS.wrangler, source: "default" };
}

export interface WranglerSetup {
  version: string;
  /** wrangler's `bin/wrangler.js`. */
  entry: string;
  /** Folder with `node` (≥ 22.12) and the `npx` shim; put it first on PATH for pywrangler. */
  shimDir: string;
  source: WranglerSource | "tool-cache";
}

/** The `npx` pywrangler calls: `npx --yes [--silent] wrangler …` runs our wrangler, the rest the real npx. Pure. */
export function npxShim(node: string, wranglerEntry: string, realNpx: string | null, compileCache?: string, preload?: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    "#!/bin/sh",
    "# Written by python-workers-action: pywrangler runs `npx --yes wrangler`; this runs the",
    "# wrangler the Action resolved, on a Node.js that wrangler supports, without a download.",
    "wr=",
    'for a in "$@"; do',
    '  case "$a" in',
    "    --yes|-y|--silent|-q) continue ;;",
    "    wrangler) wr=1; break ;;",
    "    *) break ;;",
    "  esac",
    "done",
    'if [ -n "$wr" ]; then',
    '  while [ "$1" != "wrangler" ]; do shift; done',
    "  shift",
    // Node's compile cache (kept in the tool cache entry) spares wrangler's processes re-compiling its bundle.
    ...(compileCache ? [`  [ -n "$NODE_COMPILE_CACHE" ] || NODE_COMPILE_CACHE=${q(compileCache)}`, "  export NODE_COMPILE_CACHE"] : []),
    // The preload records failed requests' causes for the failure message (src/util/network-log.ts).
    `  exec ${q(node)}${preload ? ` --require ${q(preload)}` : ""} ${q(wranglerEntry)} "$@"`,
    "fi",
    realNpx ? `exec ${q(node)} ${q(realNpx)} "$@"` : 'echo "npx is not available on this runner (python-workers-action shim)" >&2; exit 127',
    "",
  ].join("\n");
}

function nodeOk(version: string): boolean {
  return semver.gte(version, MIN_NODE_FOR_WRANGLER);
}

/** npm's install is stopped, with its process tree, after this many download-timeouts. */
export const NPM_INSTALL_TIMEOUTS = 10;

/**
 * `npm install` bounded like the Action's own downloads: each request waits at most `timeoutMs`
 * (npm's fetch-timeout) and is tried 3 times with a short backoff. Pure.
 */
export function npmInstallArgs(prefix: string, spec: string, timeoutMs: number): string[] {
  const fetch = [`--fetch-timeout=${Math.round(timeoutMs)}`, "--fetch-retries=2", "--fetch-retry-factor=2", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=10000"];
  return ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", "--loglevel=error", ...fetch, "--prefix", prefix, `wrangler@${spec}`];
}

/**
 * npm's reason from its stderr: the error code and the line that explains it, e.g. `ECONNRESET:
 * request to https://registry.npmjs.org/wrangler failed, reason: socket hang up`. Pure.
 */
export function npmErrorReason(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).flatMap((l) => {
    const m = /^npm (?:error|ERR!)\s?(.*)$/.exec(l.trim());
    return m ? [m[1].trim()] : [];
  });
  const code = lines.map((l) => /^code (\S+)$/.exec(l)?.[1]).find(Boolean);
  const noise = /^$|^(code|errno|syscall) \S+$|^A complete log|^network( (This is a problem|In most cases|If you are behind).*)?$/;
  const why = lines.find((l) => !noise.test(l))?.replace(/^network /, "");
  if (!code && !why) return undefined;
  return [code, why].filter(Boolean).join(": ");
}

async function npmInstall(spec: string, env: NodeJS.ProcessEnv): Promise<{ version: string; dir: string }> {
  const staging = path.join(toolCacheRoot(), "wrangler", `.staging-${process.pid}-${Date.now()}`);
  fs.mkdirSync(staging, { recursive: true });
  const perRequest = downloadTimeoutMs();
  let res: RunResult;
  try {
    res = await run("npm", npmInstallArgs(staging, spec, perRequest), { env, timeoutMs: NPM_INSTALL_TIMEOUTS * perRequest });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!(err instanceof TimeoutFailure)) throw err;
    throw new StageFailure(
      `npm install of wrangler@${spec} was stopped after ${(NPM_INSTALL_TIMEOUTS * perRequest) / 1000} s (${NPM_INSTALL_TIMEOUTS} × download-timeout) with its child processes. Check that the npm registry (${env.npm_config_registry || "registry.npmjs.org"}) is reachable, or raise download-timeout.`,
    );
  }
  if (res.exitCode !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    const reason = npmErrorReason(res.stderr);
    const slow = /timeout|ETIMEDOUT/i.test(reason ?? "") ? `; each request waits at most download-timeout (${perRequest / 1000} s)` : "";
    throw new StageFailure(`npm could not install wrangler@${spec} (exit ${res.exitCode}${reason ? `: ${reason}` : ""}${slow}). Check wrangler-version and that the npm registry is reachable.`);
  }
  const version = readJson(path.join(staging, "node_modules", "wrangler", "package.json"))?.version as string;
  const freed = stubWorkerd(staging);
  const pruned = pruneTree(staging);
  core.info(`Deploy-only wrangler: workerd (${Math.round(freed / 2 ** 20)} MiB) replaced by a stub, ${pruned} declaration, source map and doc files removed.`);
  const dir = toolDir("wrangler", version);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(staging, dir);
  markComplete(dir);
  return { version, dir };
}

function cachedWrangler(spec: string): string | undefined {
  const base = path.join(toolCacheRoot(), "wrangler");
  if (!fs.existsSync(base)) return undefined;
  const versions = fs.readdirSync(base).filter((v) => semver.valid(v) && isComplete(toolDir("wrangler", v)));
  const best = spec === "latest" ? null : semver.maxSatisfying(versions, spec);
  return best ?? undefined;
}

/**
 * Resolve wrangler (project copy, tool cache, or one npm install per version) and write the npx
 * shim so pywrangler's `npx --yes wrangler` runs it on this Node (the Action runs on Node 24).
 */
export async function setupWrangler(req: WranglerRequest, shimDir: string, env: NodeJS.ProcessEnv): Promise<WranglerSetup> {
  const node = process.execPath;
  if (!nodeOk(process.versions.node)) {
    throw new StageFailure(`wrangler needs Node.js ≥ ${MIN_NODE_FOR_WRANGLER}, but the Action runs on ${process.version}. Run it with runs.using: node24.`);
  }
  fs.mkdirSync(shimDir, { recursive: true });
  const nodeLink = path.join(shimDir, "node");
  fs.rmSync(nodeLink, { force: true });
  fs.symlinkSync(node, nodeLink);
  const childEnv = { ...env, PATH: `${shimDir}${path.delimiter}${env.PATH ?? ""}` };

  let version: string;
  let dir: string;
  let source: WranglerSetup["source"];
  let compileCache: string | undefined;
  if (req.installedDir) {
    dir = req.installedDir;
    version = readJson(path.join(dir, "package.json"))?.version;
    source = req.source;
    core.info(`Using the project's wrangler ${version} (${dir}).`);
  } else {
    const cached = cachedWrangler(req.spec);
    if (cached) {
      version = cached;
      dir = path.join(toolDir("wrangler", cached), "node_modules", "wrangler");
      source = "tool-cache";
      compileCache = wranglerCompileCache(toolDir("wrangler", cached));
      core.info(`Using wrangler ${version} from the tool cache.`);
    } else {
      core.info(`Installing wrangler@${req.spec} (${req.source}) into the tool cache.`);
      const installed = await npmInstall(req.spec, childEnv);
      version = installed.version;
      dir = path.join(installed.dir, "node_modules", "wrangler");
      source = req.source;
      compileCache = wranglerCompileCache(installed.dir);
    }
  }
  const entry = path.join(dir, "bin", "wrangler.js");
  if (!fs.existsSync(entry)) throw new StageFailure(`wrangler ${version} at ${dir} has no bin/wrangler.js.`);

  const realNpx = await io.which("npx", false);
  let realNpxJs: string | null = null;
  if (realNpx) {
    // Run npm's own npx-cli.js with our Node, so a stray `npx` call also gets Node ≥ 22.
    const candidate = path.join(path.dirname(fs.realpathSync(realNpx)), "npx-cli.js");
    realNpxJs = fs.existsSync(candidate) ? candidate : fs.realpathSync(realNpx);
  }
  const preload = path.join(shimDir, "network-log.cjs");
  fs.writeFileSync(preload, NETWORK_LOG_PRELOAD);
  const shim = path.join(shimDir, "npx");
  fs.writeFileSync(shim, npxShim(node, entry, realNpxJs, compileCache, preload), { mode: 0o755 });
  return { version, entry, shimDir, source };
}
