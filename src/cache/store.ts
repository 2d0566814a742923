import fs from "node:fs";
import path from "node:path";
import * as cache from "@actions/cache";
import * as core from "@actions/core";
import { errorMessage } from "../errors.js";

export interface RestoreOutcome {
  matchedKey?: string;
  /** Why nothing was restored, when it was not a plain miss. */
  problem?: string;
}

export function cacheServiceAvailable(): boolean {
  try {
    return cache.isFeatureAvailable();
  } catch {
    return false;
  }
}

/**
 * How long a restore may take before the run goes on without it (at most 30 s), and a save before it
 * is given up: the `cache-timeout` input, set once by the cache session.
 */
const limits = { restore: 30_000, save: 120_000 };
export function setCacheTimeout(ms: number): void {
  limits.save = ms;
  limits.restore = Math.min(30_000, ms);
}

/** `work`, or a rejection once `ms` have passed (a cache service that never answers must not hold the run). */
export function withinLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the cache service did not finish the ${what} within ${ms / 1000} s; going on without it`)), ms);
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Restore by key prefix (newest generation); a service error is a warning, never a failure. */
export async function restoreEntry(paths: string[], key: string): Promise<RestoreOutcome> {
  try {
    const matchedKey = await withinLimit(cache.restoreCache(paths, key, [`${key}-`]), limits.restore, "restore");
    return { matchedKey };
  } catch (err) {
    const problem = `cache restore failed: ${errorMessage(err)}`;
    core.warning(problem);
    return { problem };
  }
}

/** Save; a service error or a lost reservation race is a warning, never a failure. */
export async function saveEntry(paths: string[], key: string): Promise<{ saved: boolean; problem?: string }> {
  try {
    const id = await withinLimit(cache.saveCache(paths, key), limits.save, "save");
    return id === -1 ? { saved: false, problem: "the cache service did not accept the entry (see the log)" } : { saved: true };
  } catch (err) {
    const problem = `cache save failed: ${errorMessage(err)}`;
    core.warning(problem);
    return { saved: false, problem };
  }
}

/** Files and bytes under a folder (symlinks counted, not followed). */
export function tally(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        files++;
        if (e.isFile()) bytes += fs.statSync(p).size;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { files, bytes };
}

/** Copy a tree as hard links (cheap, same file system), falling back to a copy. */
export function linkTree(src: string, dst: string): void {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) linkTree(s, d);
    else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(s), d);
    else {
      try {
        fs.linkSync(s, d);
      } catch {
        fs.copyFileSync(s, d);
      }
    }
  }
}

/** Move a folder into place (rename, or copy across file systems). */
export function moveTree(src: string, dst: string): void {
  fs.rmSync(dst, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  try {
    fs.renameSync(src, dst);
  } catch {
    fs.cpSync(src, dst, { recursive: true, verbatimSymlinks: true });
    fs.rmSync(src, { recursive: true, force: true });
  }
}
