import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ProjectInfo } from "../project/config.js";
import { SYNC_TOKENS, touchSyncTokens } from "../project/sync-tokens.js";
import { type CacheRun, depsKey, hashProjectFiles } from "./keys.js";
import { linkTree, moveTree, restoreEntry, saveEntry, tally } from "./store.js";

/** The project folders pywrangler sync builds; cached through a staging copy (see below). */
export const PROJECT_DIRS = ["python_modules", ".venv-workers"] as const;

/**
 * uv's project environment (the test stage's), cached with the bytecode its first imports wrote,
 * so pytest starts without compiling itself (0.9 → 0.4 s CPU for the bench Worker). Its scripts
 * and pyvenv.cfg name the folder it was built in: it is put back only at that same path.
 */
export const PROJECT_ENV = ".venv";

export interface DepsPaths {
  /** Outside the checkout: the project folders pass through here, never straight into the project. */
  staging: string;
  uvCache: string;
  uvPython: string;
  /** The Pyodide test run's pure-Python test dependencies (never uploaded with the Worker). */
  pyodideTestDeps: string;
}

export interface Manifest {
  workersPy: string;
  /** The project folder the entry was saved from (where PROJECT_ENV works). */
  root?: string;
  dirs: Record<string, { files: number; bytes: number }>;
  /** Bytes of the uv folders when saved, for the report (no walk on restore). */
  sizes?: Record<string, number>;
}

export interface DepsRestore {
  hit: boolean;
  /** uv's project environment (PROJECT_ENV) was put back, at the path it was built at. */
  envRestored?: boolean;
  matchedKey?: string;
  /** Set when an entry was restored but failed its check, and was discarded. */
  corrupted?: string;
  problem?: string;
  sizes: Record<string, number>;
}

const entryPaths = (p: DepsPaths) => [p.staging, p.uvCache, p.uvPython, p.pyodideTestDeps];

/** Where uv keeps its cache and its Pythons for this run (the user's settings win). */
export function depsPaths(env: NodeJS.ProcessEnv, temp: string): DepsPaths {
  return {
    staging: path.join(temp, "python-workers-cache-staging"),
    uvCache: env.UV_CACHE_DIR || path.join(temp, "python-workers-uv-cache"),
    uvPython: env.UV_PYTHON_INSTALL_DIR || path.join(temp, "python-workers-uv-python"),
    pyodideTestDeps: path.join(temp, "python-workers-pyodide-test-deps"),
  };
}

export interface DepsVersions {
  uv: string;
  workersPy: string;
  /** The requested wrangler (version or range); the installed one is in the wrangler entry's key. */
  wrangler: string;
}

/** The dependency entry's key, from the project files, the tool versions and the stages that run. */
export function depsCacheKey(project: ProjectInfo, v: DepsVersions, stages: { lint: boolean; test: boolean; pyodideTests?: boolean }, run: CacheRun): string {
  const files = ["pyproject.toml", "uv.lock", "pylock.toml"].map((name) => {
    const f = path.join(project.root, name);
    return { name, content: fs.existsSync(f) ? fs.readFileSync(f) : null };
  });
  return depsKey({
    platform: process.platform,
    arch: os.arch(),
    ...v,
    filesHash: hashProjectFiles(files),
    compatibilityDate: project.worker.compatibilityDate,
    compatibilityFlags: project.worker.compatibilityFlags,
    ...stages,
    suffix: run.suffix,
  });
}

/**
 * Does a restored staging folder hold exactly what was saved? Checks the manifest, every folder's
 * file count and size, and the sync tokens. Returns the problem, or undefined when complete.
 */
export function checkStaging(staging: string, workersPy: string): string | undefined {
  const manifestFile = path.join(staging, "manifest.json");
  if (!fs.existsSync(manifestFile)) return "manifest.json missing";
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    return "manifest.json unreadable";
  }
  if (manifest.workersPy !== workersPy) return `entry built by workers-py ${manifest.workersPy}, not ${workersPy}`;
  for (const dir of [...PROJECT_DIRS, ...(manifest.dirs[PROJECT_ENV] ? [PROJECT_ENV] : [])]) {
    const want = manifest.dirs[dir];
    const got = tally(path.join(staging, dir));
    if (!want) return `${dir} not recorded`;
    if (got.files !== want.files || got.bytes !== want.bytes) {
      return `${dir} incomplete (${got.files} files, ${got.bytes} bytes; saved ${want.files} files, ${want.bytes} bytes)`;
    }
  }
  for (const t of SYNC_TOKENS) {
    const f = path.join(staging, t);
    if (!fs.existsSync(f) || fs.readFileSync(f, "utf8").trim() !== workersPy) return `${t} missing or stale`;
  }
  return undefined;
}

/**
 * The staged folders to put into the project: pywrangler's always; uv's environment only when it was
 * saved from this same folder and the checkout has none of its own. Pure.
 */
export function dirsToRestore(manifest: Manifest, root: string, envInCheckout: boolean): string[] {
  const env = manifest.dirs[PROJECT_ENV] && manifest.root === root && !envInCheckout;
  return [...PROJECT_DIRS, ...(env ? [PROJECT_ENV] : [])];
}

export async function restoreDeps(root: string, key: string, paths: DepsPaths, workersPy: string): Promise<DepsRestore> {
  fs.rmSync(paths.staging, { recursive: true, force: true });
  const r = await restoreEntry(entryPaths(paths), key);
  if (!r.matchedKey) return { hit: false, problem: r.problem, sizes: {} };
  const problem = checkStaging(paths.staging, workersPy);
  if (problem) {
    fs.rmSync(paths.staging, { recursive: true, force: true });
    return { hit: false, matchedKey: r.matchedKey, corrupted: problem, sizes: {} };
  }
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(paths.staging, "manifest.json"), "utf8"));
  const sizes: Record<string, number> = {};
  const dirs = dirsToRestore(manifest, root, fs.existsSync(path.join(root, PROJECT_ENV)));
  for (const dir of dirs) {
    sizes[dir] = manifest.dirs[dir].bytes;
    moveTree(path.join(paths.staging, dir), path.join(root, dir));
  }
  Object.assign(sizes, manifest.sizes ?? {});
  fs.rmSync(paths.staging, { recursive: true, force: true });
  touchSyncTokens(root, workersPy);
  return { hit: true, matchedKey: r.matchedKey, sizes, envRestored: dirs.includes(PROJECT_ENV) };
}

/** Stage the project folders (hard links) with a manifest, and save them with the uv folders. */
export async function saveDeps(root: string, key: string, paths: DepsPaths, workersPy: string): Promise<{ saved: boolean; problem?: string; sizes: Record<string, number> }> {
  fs.rmSync(paths.staging, { recursive: true, force: true });
  const manifest: Manifest = { workersPy, root, dirs: {} };
  const sizes: Record<string, number> = {};
  const env = fs.existsSync(path.join(root, PROJECT_ENV, "pyvenv.cfg")) ? [PROJECT_ENV] : [];
  for (const dir of [...PROJECT_DIRS, ...env]) {
    const src = path.join(root, dir);
    if (fs.existsSync(src)) linkTree(src, path.join(paths.staging, dir));
    else fs.mkdirSync(path.join(paths.staging, dir), { recursive: true });
    manifest.dirs[dir] = tally(path.join(paths.staging, dir));
    sizes[dir] = manifest.dirs[dir].bytes;
  }
  fs.mkdirSync(paths.uvCache, { recursive: true });
  fs.mkdirSync(paths.uvPython, { recursive: true });
  fs.mkdirSync(paths.pyodideTestDeps, { recursive: true });
  sizes["uv cache"] = tally(paths.uvCache).bytes;
  sizes["uv Pythons"] = tally(paths.uvPython).bytes;
  const testDeps = tally(paths.pyodideTestDeps).bytes;
  if (testDeps) sizes["Pyodide test deps"] = testDeps;
  manifest.sizes = Object.fromEntries(Object.entries(sizes).filter(([k]) => !(k in manifest.dirs)));
  fs.writeFileSync(path.join(paths.staging, "manifest.json"), JSON.stringify(manifest));
  try {
    const r = await saveEntry(entryPaths(paths), key);
    return { ...r, sizes };
  } finally {
    fs.rmSync(paths.staging, { recursive: true, force: true });
  }
}
