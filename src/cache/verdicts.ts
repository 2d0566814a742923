// Snapshot verdicts kept between runs (the key: snapshot/verdict-key.ts): one small entry per key,
// a JSON file of the Pyodide process's result.
import fs from "node:fs";
import path from "node:path";
import type { WorkerResult } from "../snapshot/worker-protocol.js";
import { CACHE_PREFIX } from "./keys.js";
import { restoreEntry, saveEntry } from "./store.js";

/** The entry's key for a verdict hash. */
export const verdictEntryKey = (hash: string) => `${CACHE_PREFIX}-verdict-${hash}`;

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
