// What identifies a snapshot check's verdict, so an earlier run's can be reused (cache/verdicts.ts
// keeps them): a re-run, the push of a merged pull request whose tree was checked already, one
// commit deployed by several jobs. The import under Pyodide is deterministic for given inputs
// (Date.now() is 0, entropy is simulated, PYTHONHASHSEED is fixed), so the key is everything the
// check reads: the Pyodide process's code (dist/snapshot-worker.js, which holds harness.py), the
// Pyodide release, every setting sent to it and every file it copies in. Only timings differ.
import crypto from "node:crypto";
import fs from "node:fs";
import { moduleRootSkip, treeFiles, vendorSkip } from "./tree.js";
import type { WorkerInput } from "./worker-protocol.js";

/** A hash (hex) of the worker's code, the Pyodide release and the input with its files. */
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
  return h.digest("hex").slice(0, 40);
}
