// The snapshot check's verdict, reused when nothing it depends on changed: a re-run, the push of a
// merged pull request whose tree was checked already, one commit deployed by several jobs. The
// import under Pyodide is deterministic for given inputs (Date.now() is 0, entropy is simulated,
// PYTHONHASHSEED is fixed), so the key is everything the check reads: the Pyodide process's code
// (dist/snapshot-worker.js, which holds harness.py), the Pyodide release, every setting sent to it
// and every file it copies in. Only timings differ between two runs of the same check.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CACHE_PREFIX } from "../cache/keys.js";
import { restoreEntry, saveEntry } from "../cache/store.js";
import { moduleRootSkip, treeFiles, vendorSkip } from "./tree.js";
import type { WorkerInput, WorkerResult } from "./worker-protocol.js";

/** The key: a hash of the worker's code, the Pyodide release and the input with its files. */
export function verdictKey(input: WorkerInput, workerCode: Buffer, release: { npm: string; integrity: string }): string {
  const h = crypto.createHash("sha256");
  const part = (label: string, data: string | Buffer) => {
    h.update(`${label}\0${data.length}\0`);
    h.update(data);
  };
  part("worker", workerCode);
  part("pyodide", `${release.npm} ${release.integrity}`);
  // Settings, without the folders' absolute paths (their contents are hashed below).
  const { pyodideDir: _p, moduleRoot: _m, vendorDir: _v, baselineFile: _b, ...settings } = input;
  part("settings", JSON.stringify(settings));
  const trees: Array<[string, string, (p: string) => boolean]> = [["root", input.moduleRoot, moduleRootSkip(input.vendorDir)]];
  if (fs.existsSync(input.vendorDir)) trees.push(["vendor", input.vendorDir, vendorSkip]);
  for (const [label, dir, skip] of trees) {
    for (const [rel, abs] of treeFiles(dir, skip)) {
      part(`${label}:${rel}`, fs.readFileSync(abs));
    }
  }
  return `${CACHE_PREFIX}-verdict-${h.digest("hex").slice(0, 40)}`;
}

/** The file an entry holds (the same path on every run: the cache service keys entries on paths). */
export const verdictFile = (temp: string) => path.join(temp, "python-workers-verdict", "result.json");

/** The result saved under `key`, or undefined (a miss, an unreadable entry, a service problem). */
export async function restoreVerdict(key: string, file: string): Promise<WorkerResult | undefined> {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const r = await restoreEntry([path.dirname(file)], key);
  if (r.matchedKey !== key) return undefined;
  try {
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { key: string; result: WorkerResult };
    return saved.key === key ? saved.result : undefined;
  } catch {
    return undefined;
  }
}

/** Save a fresh result under `key`. */
export async function saveVerdict(key: string, file: string, result: WorkerResult): Promise<boolean> {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ key, result }));
  return (await saveEntry([path.dirname(file)], key)).saved;
}
