import fs from "node:fs";
import path from "node:path";

/**
 * pywrangler's sync rule: it skips `sync` when both tokens hold its version and are newer than
 * pyproject.toml and pylock.toml. Written once here; the sync stage reads it, the cache writes it.
 */
export const SYNC_TOKENS = ["python_modules/.synced", ".venv-workers/.synced"] as const;
const SYNC_INPUTS = ["pyproject.toml", "pylock.toml"];

/** The newest modification time of the files sync reads (0 when none exists). */
function newestInput(root: string): number {
  let newest = 0;
  for (const f of SYNC_INPUTS) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Would pywrangler skip sync? */
export function syncTokensFresh(root: string, workersPyVersion: string): boolean {
  const newest = newestInput(root);
  return SYNC_TOKENS.every((t) => {
    const p = path.join(root, t);
    try {
      return fs.readFileSync(p, "utf8").trim() === workersPyVersion && fs.statSync(p).mtimeMs >= newest;
    } catch {
      return false;
    }
  });
}

/** Bring the tokens up to date (a restored cache entry's key already proves they match the inputs). */
export function touchSyncTokens(root: string, workersPy: string): void {
  // File times have sub-millisecond precision and utimes takes milliseconds: stay strictly after the inputs.
  const t = new Date(Math.max(Date.now(), Math.ceil(newestInput(root)) + 1));
  for (const token of SYNC_TOKENS) {
    const f = path.join(root, token);
    fs.writeFileSync(f, workersPy);
    fs.utimesSync(f, t, t);
  }
}
