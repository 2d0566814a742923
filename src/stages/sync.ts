import fs from "node:fs";
import path from "node:path";
import { StageFailure } from "../errors.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

/** Would pywrangler skip sync? (both tokens hold this version and are newer than the inputs) */
export function syncTokensFresh(root: string, workersPyVersion: string): boolean {
  let newest = 0;
  for (const f of ["pyproject.toml", "pylock.toml"]) {
    const p = path.join(root, f);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return ["python_modules/.synced", ".venv-workers/.synced"].every((t) => {
    const p = path.join(root, t);
    try {
      return fs.readFileSync(p, "utf8").trim() === workersPyVersion && fs.statSync(p).mtimeMs >= newest;
    } catch {
      return false;
    }
  });
}

export interface SyncResult {
  /** false when pywrangler found everything up to date. */
  ran: boolean;
  detail: string;
}

/** `pywrangler sync`: vendor the dependencies into python_modules/ and build .venv-workers/. */
export async function runSync(root: string, workersPyVersion: string, env: NodeJS.ProcessEnv): Promise<SyncResult> {
  const fresh = syncTokensFresh(root, workersPyVersion);
  const res = await run("pywrangler", ["sync"], { cwd: root, env });
  if (res.exitCode !== 0) {
    const reason = lastErrorLine(res.stdout + "\n" + res.stderr);
    throw new StageFailure(`pywrangler sync failed (exit ${res.exitCode})${reason ? `: ${reason}` : ""}`);
  }
  return { ran: !fresh, detail: fresh ? "up to date, nothing to sync" : "python_modules/ and .venv-workers/ synced" };
}
