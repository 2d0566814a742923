import { StageFailure } from "../errors.js";
import { syncTokensFresh } from "../project/sync-tokens.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

/** `pywrangler sync`: vendor the dependencies into python_modules/ and build .venv-workers/. */
export async function runSync(root: string, workersPyVersion: string, env: NodeJS.ProcessEnv): Promise<string> {
  const fresh = syncTokensFresh(root, workersPyVersion);
  const res = await run("pywrangler", ["sync"], { cwd: root, env });
  if (res.exitCode !== 0) {
    const reason = lastErrorLine(`${res.stdout}\n${res.stderr}`);
    throw new StageFailure(`pywrangler sync failed (exit ${res.exitCode})${reason ? `: ${reason}` : ""}`);
  }
  return fresh ? "up to date, nothing to sync" : "python_modules/ and .venv-workers/ synced";
}
