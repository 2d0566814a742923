import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { InputError, StageFailure } from "../errors.js";
import { exactVersion } from "../project/versions.js";
import { run } from "../util/exec.js";
import { installInPlace, isComplete, toolDir } from "./tool-dir.js";

/** input → uv.lock → tested default. Only exact versions: the tool cache is keyed by them. Pure. */
export function workersPyVersion(input: string, locked: Map<string, string>): { version: string; source: string } {
  if (input) {
    const v = exactVersion(input);
    if (!v) throw new InputError("workers-py-version", `"${input}" is not an exact version. Give one such as ${DEFAULT_VERSIONS.workersPy}.`);
    return { version: v, source: "workers-py-version" };
  }
  const lockedVersion = locked.get("workers-py");
  if (lockedVersion) return { version: lockedVersion, source: "uv.lock" };
  return { version: DEFAULT_VERSIONS.workersPy, source: "default" };
}

export interface WorkersPySetup {
  version: string;
  /** Folder holding the `pywrangler` executable. */
  binDir: string;
  cached: boolean;
}

/** Install workers-py as a uv tool into the runner's tool cache (once per version). */
export async function setupWorkersPy(version: string, env: NodeJS.ProcessEnv): Promise<WorkersPySetup> {
  const dir = toolDir("workers-py", version);
  const binDir = path.join(dir, "bin");
  if (isComplete(dir) && fs.existsSync(path.join(binDir, "pywrangler"))) {
    core.info(`Using workers-py ${version} from the tool cache.`);
    return { version, binDir, cached: true };
  }
  await installInPlace("workers-py", version, async (target) => {
    const res = await run("uv", ["tool", "install", "--force", `workers-py==${version}`], {
      env: {
        ...env,
        UV_TOOL_DIR: path.join(target, "tools"),
        UV_TOOL_BIN_DIR: path.join(target, "bin"),
      },
    });
    if (res.exitCode !== 0) {
      throw new StageFailure(`could not install workers-py ${version} with uv (exit ${res.exitCode}). Check workers-py-version and that the package index is reachable.`);
    }
  });
  return { version, binDir, cached: false };
}
