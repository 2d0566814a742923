import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as core from "@actions/core";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { InputError, StageFailure } from "../errors.js";
import { type LockedPackage, readLockedPackage } from "../project/lock.js";
import { exactVersion } from "../project/versions.js";
import { run } from "../util/exec.js";
import { installInPlace, isComplete, toolDir } from "./tool-dir.js";

export interface WorkersPyChoice {
  /** Names the install in the tool cache, cache keys and sync tokens (`1.18.0+git.<sha12>` for a git pin). */
  version: string;
  source: string;
  /** What `uv tool install` gets. */
  spec: string;
  /** False for a local source tree or file, whose content can change under the same version. */
  cacheable: boolean;
}

const short = (s: string) => crypto.createHash("sha256").update(s).digest("hex").slice(0, 12);
const FIX = "Set workers-py-version to a released version to install that from the package index instead";

/** workers-py from a non-registry source recorded in uv.lock. Pure. */
function fromLockSource(pkg: LockedPackage, lockDir: string | undefined): WorkersPyChoice | undefined {
  const src = pkg.source;
  const base = pkg.version ?? "0";
  switch (src.kind) {
    case "registry":
      return undefined;
    case "git": {
      if (!src.commit) throw new InputError("uv.lock", `pins workers-py from git (${src.repository}) without a commit. Run \`uv lock\` to record one, or: ${FIX}.`);
      const repo = src.repository.startsWith("git+") ? src.repository : `git+${src.repository}`;
      return {
        version: `${base}+git.${src.commit.slice(0, 12)}`,
        source: `uv.lock (git ${src.repository}${src.reference ? ` ${src.reference}` : ""} @ ${src.commit.slice(0, 12)})`,
        spec: `workers-py @ ${repo}@${src.commit}${src.subdirectory ? `#subdirectory=${src.subdirectory}` : ""}`,
        cacheable: true,
      };
    }
    case "url":
      return {
        version: `${base}+url.${short(src.url)}`,
        source: `uv.lock (${src.url})`,
        spec: `workers-py @ ${src.url}${src.subdirectory ? `#subdirectory=${src.subdirectory}` : ""}`,
        cacheable: true,
      };
    case "path":
    case "directory":
    case "editable": {
      if (!lockDir) throw new InputError("uv.lock", `pins workers-py to the local ${src.kind} ${src.path}, which cannot be located. ${FIX}.`);
      const abs = path.resolve(lockDir, src.path);
      return { version: `${base}+local.${short(abs)}`, source: `uv.lock (${src.kind} ${src.path})`, spec: `workers-py @ ${pathToFileURL(abs).href}`, cacheable: false };
    }
    default:
      throw new InputError("uv.lock", `pins workers-py from a source the Action cannot install (${src.raw}). ${FIX}.`);
  }
}

/**
 * input → uv.lock → tested default. Only exact versions from the input or a registry: the tool cache
 * is keyed by them. When uv.lock records workers-py from git, a URL or a local path, the install
 * comes from there (never from PyPI under the same version number). Pure.
 */
export function workersPyVersion(input: string, locked: Map<string, string>, lockedSource?: LockedPackage, lockDir?: string): WorkersPyChoice {
  if (input) {
    const v = exactVersion(input);
    if (!v) throw new InputError("workers-py-version", `"${input}" is not an exact version. Give one such as ${DEFAULT_VERSIONS.workersPy}.`);
    return { version: v, source: "workers-py-version", spec: `workers-py==${v}`, cacheable: true };
  }
  const pinned = lockedSource ? fromLockSource(lockedSource, lockDir) : undefined;
  if (pinned) return pinned;
  const lockedVersion = locked.get("workers-py");
  if (lockedVersion) return { version: lockedVersion, source: "uv.lock", spec: `workers-py==${lockedVersion}`, cacheable: true };
  return { version: DEFAULT_VERSIONS.workersPy, source: "default", spec: `workers-py==${DEFAULT_VERSIONS.workersPy}`, cacheable: true };
}

/** `workersPyVersion` for a project, reading where its uv.lock (in `lockDir`, default the project root) gets workers-py from. */
export function workersPyForProject(input: string, project: { root: string; locked: Map<string, string> }, lockDir = project.root): WorkersPyChoice {
  let pkg: LockedPackage | undefined;
  try {
    pkg = readLockedPackage(lockDir, "workers-py");
  } catch (err) {
    throw new InputError("uv.lock", `cannot be read: ${err instanceof Error ? err.message.split("\n")[0] : err}. Regenerate it with \`uv lock\`.`);
  }
  return workersPyVersion(input, project.locked, pkg, lockDir);
}

export interface WorkersPySetup {
  version: string;
  /** Folder holding the `pywrangler` executable. */
  binDir: string;
  cached: boolean;
}

/** Install workers-py as a uv tool into the runner's tool cache (once per version). */
export async function setupWorkersPy(
  version: string,
  env: NodeJS.ProcessEnv,
  choice: Pick<WorkersPyChoice, "spec" | "cacheable" | "source"> = { spec: `workers-py==${version}`, cacheable: true, source: "" },
): Promise<WorkersPySetup> {
  const dir = toolDir("workers-py", version);
  const binDir = path.join(dir, "bin");
  if (choice.cacheable && isComplete(dir) && fs.existsSync(path.join(binDir, "pywrangler"))) {
    core.info(`Using workers-py ${version} from the tool cache.`);
    return { version, binDir, cached: true };
  }
  await installInPlace("workers-py", version, async (target) => {
    const res = await run("uv", ["tool", "install", "--force", choice.spec], {
      env: {
        ...env,
        UV_TOOL_DIR: path.join(target, "tools"),
        UV_TOOL_BIN_DIR: path.join(target, "bin"),
      },
    });
    if (res.exitCode !== 0 && choice.source.startsWith("uv.lock (")) {
      throw new StageFailure(
        `could not install workers-py from ${choice.source} with uv (exit ${res.exitCode}). Check that source in pyproject.toml ([tool.uv.sources]) and run \`uv lock\`, or set workers-py-version to install a release from the package index.`,
      );
    }
    if (res.exitCode !== 0) {
      throw new StageFailure(`could not install workers-py ${version} with uv (exit ${res.exitCode}). Check workers-py-version and that the package index is reachable.`);
    }
  });
  return { version, binDir, cached: false };
}
