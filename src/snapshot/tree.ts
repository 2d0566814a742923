// The files the snapshot check copies into Pyodide's file system (worker.ts) and hashes for its
// verdict key (verdict-key.ts): one rule for both, so the key covers exactly what is imported.
import fs from "node:fs";
import path from "node:path";

/** Skipped under the module root: python_modules (copied on its own), bytecode, wrangler's state. */
export const moduleRootSkip =
  (vendorDir: string) =>
  (p: string): boolean =>
    p === vendorDir || /(__pycache__|\.pyc|\.wrangler)$/.test(p);

/** Skipped under python_modules: bytecode. */
export const vendorSkip = (p: string): boolean => p.endsWith(".pyc") || p.endsWith("__pycache__");

/**
 * Every regular file under `src` not skipped, as [path relative to `src`, absolute path], in a
 * stable order (symbolic links are left out, as the copy leaves them out).
 */
export function treeFiles(src: string, skip: (p: string) => boolean, rel = ""): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const entries = fs.readdirSync(src, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const s = path.join(src, e.name);
    if (skip(s)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...treeFiles(s, skip, r));
    else if (e.isFile()) out.push([r, s]);
  }
  return out;
}
