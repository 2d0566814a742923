import path from "node:path";
import * as core from "@actions/core";
import type { ActionInputs } from "../inputs.js";
import type { ProjectInfo } from "../project/config.js";
import { setupUv, uvRequest } from "./uv.js";
import { setupWorkersPy, workersPyForProject } from "./workers-py.js";
import { setupWrangler, type WranglerRequest, type WranglerSetup } from "./wrangler.js";

export interface Toolchain {
  uvVersion: string;
  workersPyVersion: string;
  /**
   * wrangler is only needed by the upload; it is set up (restored or installed) in the background
   * while sync, lint, test and the snapshot check run. Undefined when the mode uploads nothing.
   */
  wrangler?: Promise<WranglerSetup>;
  /** Environment for every child process: PATH with Node ≥ 22 + npx shim, pywrangler, uv first. */
  env: NodeJS.ProcessEnv;
  detail: string;
  /** Whether uv or workers-py was downloaded or installed (rather than found in a cache). */
  fetched: boolean;
}

/** Variables that would point uv at the wrong interpreter or break Pyodide downloads. */
const UV_POISON = ["VIRTUAL_ENV", "CONDA_PREFIX", "UV_PYTHON", "UV_PROJECT_ENVIRONMENT", "PYTHONHOME", "UV_PYTHON_INSTALL_MIRROR"];

export async function setupTools(
  inputs: ActionInputs,
  project: ProjectInfo,
  wrangler: WranglerRequest | undefined,
  shimDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  /** Settles once wrangler's cache entry is restored (or not): its set-up waits for it. */
  wranglerRestored?: Promise<unknown>,
): Promise<Toolchain> {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const k of UV_POISON) delete baseEnv[k];
  // Keep GitHub's own INPUT_* variables (secrets among them) away from the tools.
  for (const k of Object.keys(baseEnv)) if (k.startsWith("INPUT_")) delete baseEnv[k];

  const uv = await setupUv(uvRequest(inputs.uvVersion, project.uvRequiredVersion), inputs.uvDownloadUrl);
  core.addPath(uv.binDir);
  baseEnv.PATH = `${uv.binDir}${path.delimiter}${baseEnv.PATH ?? ""}`;

  const wp = workersPyForProject(inputs.workersPyVersion, project);
  const workersPy = await setupWorkersPy(wp.version, baseEnv, wp);
  core.addPath(workersPy.binDir);

  let wranglerReady: Promise<WranglerSetup> | undefined;
  if (wrangler) {
    wranglerReady = (async () => {
      await wranglerRestored;
      return setupWrangler(wrangler, shimDir, baseEnv);
    })();
    wranglerReady.catch(() => undefined); // reported where it is awaited
  }

  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    // The shim folder (node ≥ 22 and the npx shim) is filled by the wrangler set-up before any upload.
    PATH: [shimDir, workersPy.binDir, uv.binDir, process.env.PATH ?? ""].join(path.delimiter),
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    NO_UPDATE_NOTIFIER: "1",
  };
  const detail = `uv ${uv.version} (${uv.source}), workers-py ${workersPy.version} (${workersPy.cached ? "tool cache" : "installed"}), Node ${process.versions.node}${wrangler ? `; wrangler ${wrangler.spec} (${wrangler.source}) set up in the background` : ""}`;
  core.info(detail);
  const fetched = uv.source === "download" || !workersPy.cached;
  return { uvVersion: uv.version, workersPyVersion: workersPy.version, wrangler: wranglerReady, env, detail, fetched };
}
