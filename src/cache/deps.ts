import fs from "node:fs";
import path from "node:path";
import { linkTree, moveTree, restoreEntry, saveEntry, tally } from "./store.js";

/** The project folders pywrangler sync builds; cached through a staging copy (see below). */
export const PROJECT_DIRS = ["python_modules", ".venv-workers"] as const;
const TOKENS = ["python_modules/.synced", ".venv-workers/.synced"];

export interface DepsPaths {
  /** Outside the checkout: the project folders pass through here, never straight into the project. */
  staging: string;
  uvCache: string;
  uvPython: string;
}

export interface Manifest {
  workersPy: string;
  dirs: Record<string, { files: number; bytes: number }>;
}

export interface DepsRestore {
  hit: boolean;
  matchedKey?: string;
  /** Set when an entry was restored but failed its check, and was discarded. */
  corrupted?: string;
  problem?: string;
  sizes: Record<string, number>;
}

const entryPaths = (p: DepsPaths) => [p.staging, p.uvCache, p.uvPython];

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
  for (const dir of PROJECT_DIRS) {
    const want = manifest.dirs[dir];
    const got = tally(path.join(staging, dir));
    if (!want) return `${dir} not recorded`;
    if (got.files !== want.files || got.bytes !== want.bytes) {
      return `${dir} incomplete (${got.files} files, ${got.bytes} bytes; saved ${want.files} files, ${want.bytes} bytes)`;
    }
  }
  for (const t of TOKENS) {
    const f = path.join(staging, t);
    if (!fs.existsSync(f) || fs.readFileSync(f, "utf8").trim() !== workersPy) return `${t} missing or stale`;
  }
  return undefined;
}

/** Bring pywrangler's tokens up to date: the key already proves they match pyproject and pylock. */
export function touchTokens(root: string, workersPy: string): void {
  // pywrangler re-syncs when pyproject.toml or pylock.toml is newer than a token. File times have
  // sub-millisecond precision and utimes takes milliseconds: stay strictly after the inputs.
  let when = Date.now();
  for (const input of ["pyproject.toml", "pylock.toml"]) {
    const f = path.join(root, input);
    if (fs.existsSync(f)) when = Math.max(when, Math.ceil(fs.statSync(f).mtimeMs) + 1);
  }
  const t = new Date(when);
  for (const token of TOKENS) {
    const f = path.join(root, token);
    fs.writeFileSync(f, workersPy);
    fs.utimesSync(f, t, t);
  }
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
  const sizes: Record<string, number> = {};
  for (const dir of PROJECT_DIRS) {
    sizes[dir] = tally(path.join(paths.staging, dir)).bytes;
    moveTree(path.join(paths.staging, dir), path.join(root, dir));
  }
  sizes["uv cache"] = tally(paths.uvCache).bytes;
  sizes["uv Pythons"] = tally(paths.uvPython).bytes;
  fs.rmSync(paths.staging, { recursive: true, force: true });
  touchTokens(root, workersPy);
  return { hit: true, matchedKey: r.matchedKey, sizes };
}

/** Stage the project folders (hard links) with a manifest, and save them with the uv folders. */
export async function saveDeps(root: string, key: string, paths: DepsPaths, workersPy: string): Promise<{ saved: boolean; problem?: string; sizes: Record<string, number> }> {
  fs.rmSync(paths.staging, { recursive: true, force: true });
  const manifest: Manifest = { workersPy, dirs: {} };
  const sizes: Record<string, number> = {};
  for (const dir of PROJECT_DIRS) {
    const src = path.join(root, dir);
    if (fs.existsSync(src)) linkTree(src, path.join(paths.staging, dir));
    else fs.mkdirSync(path.join(paths.staging, dir), { recursive: true });
    manifest.dirs[dir] = tally(path.join(paths.staging, dir));
    sizes[dir] = manifest.dirs[dir].bytes;
  }
  fs.writeFileSync(path.join(paths.staging, "manifest.json"), JSON.stringify(manifest));
  fs.mkdirSync(paths.uvCache, { recursive: true });
  fs.mkdirSync(paths.uvPython, { recursive: true });
  sizes["uv cache"] = tally(paths.uvCache).bytes;
  sizes["uv Pythons"] = tally(paths.uvPython).bytes;
  try {
    const r = await saveEntry(entryPaths(paths), key);
    return { ...r, sizes };
  } finally {
    fs.rmSync(paths.staging, { recursive: true, force: true });
  }
}
