import crypto from "node:crypto";

/** Bump to invalidate every cache entry this Action wrote. */
export const CACHE_VERSION = "1";
export const CACHE_PREFIX = `python-workers-${CACHE_VERSION}`;

const sha = (text: string, n = 16) => crypto.createHash("sha256").update(text).digest("hex").slice(0, n);

/**
 * Two tool entries: `tools` (uv, workers-py, Pyodide: needed from the start) and `wrangler` (large,
 * needed only by the upload, so restored in the background).
 */
export type ToolGroup = "tools" | "wrangler";

/** What every key and generation takes from the run. */
export interface CacheRun {
  runId: string;
  runAttempt: string;
  /** The cache-suffix input. */
  suffix: string;
}

export interface ToolsKeyInput {
  group: ToolGroup;
  platform: string;
  arch: string;
  uv: string;
  workersPy: string;
  wrangler: string;
  pyodide?: string;
  suffix: string;
}

export interface DepsKeyInput {
  platform: string;
  arch: string;
  uv: string;
  workersPy: string;
  wrangler: string;
  /** sha256 over pyproject.toml, uv.lock and pylock.toml (see hashProjectFiles). */
  filesHash: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** Which tool environments the entry must hold (lint → ruff, test → the project's test env). */
  lint: boolean;
  test: boolean;
  /** The entry also holds the Pyodide test run's dependencies. */
  pyodideTests?: boolean;
  suffix: string;
}

const suffixPart = (s: string) => (s ? `-${encodeURIComponent(s)}` : "");

/** The tool binaries' entry: changes only when a tool version does. Pure. */
export function toolsKey(k: ToolsKeyInput): string {
  const versions = `uv${k.uv}-wp${k.workersPy}-wr${encodeURIComponent(k.wrangler)}-pyo${k.pyodide ?? "none"}`;
  return `${CACHE_PREFIX}-${k.group}-${k.platform}-${k.arch}-${versions}${suffixPart(k.suffix)}`;
}

/** The dependency entry (python_modules, .venv-workers, uv cache, uv's Pythons). Pure. */
export function depsKey(k: DepsKeyInput): string {
  const compat = sha(`${k.compatibilityDate}|${[...k.compatibilityFlags].sort().join(",")}`, 8);
  const stages = `${k.lint ? "l" : ""}${k.test ? "t" : ""}${k.pyodideTests ? "p" : ""}` || "none";
  return `${CACHE_PREFIX}-deps-${k.platform}-${k.arch}-uv${k.uv}-wp${k.workersPy}-wr${encodeURIComponent(k.wrangler)}-${k.compatibilityDate}-${compat}-${stages}-${k.filesHash}${suffixPart(k.suffix)}`;
}

/** Hash the files that decide what sync installs; a missing file hashes as absent. Pure. */
export function hashProjectFiles(files: Array<{ name: string; content: Buffer | null }>): string {
  const h = crypto.createHash("sha256");
  for (const f of files) {
    h.update(`${f.name}\0`);
    h.update(f.content === null ? "<absent>" : f.content);
    h.update("\0");
  }
  return h.digest("hex").slice(0, 24);
}

/**
 * Entries are saved as `<key>-<run id>-<attempt>` and restored by the `<key>-` prefix, so the
 * newest generation wins: a rebuilt entry replaces a corrupted one (cache entries are immutable).
 * A match on the prefix is an exact hit on the content key. Pure.
 */
export function generationKey(key: string, run: CacheRun): string {
  return `${key}-${run.runId || "0"}-${run.runAttempt || "1"}`;
}

export function isHitFor(key: string, matched: string | undefined): boolean {
  return matched !== undefined && (matched === key || matched.startsWith(`${key}-`));
}
