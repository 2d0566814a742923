// Example Workers in the synced state pywrangler leaves behind.
//
// `pywrangler sync` cannot run here: it downloads the Pyodide interpreter from GitHub and wheels
// from index.pyodide.org, neither reachable from this workplace. So the tests do what sync would
// have done, from PyPI wheels: pure-Python packages (and the real workers-runtime-sdk) installed
// into python_modules/ for Python 3.13, the empty pyvenv.cfg, and the `.synced` tokens in
// python_modules/ and .venv-workers/ holding the workers-py version, written after pyproject.toml
// so their mtimes are newer. pywrangler then finds nothing to sync, as on a real runner after a
// successful sync; the Action still runs `pywrangler sync` and wrangler's deploy for real.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CACHE, ROOT, uvForFixtures, WORKERS_PY_VERSION } from "./tools.mjs";

export const EXAMPLES = path.join(ROOT, "examples");

/** Copy an example (or fixture) Worker into a fresh workspace folder; returns { workspace, project }. */
export function copyWorker(source, { name = "worker" } = {}) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-ws-"));
  const project = path.join(workspace, name);
  fs.cpSync(source, project, {
    recursive: true,
    filter: (src) => !/(^|\/)(python_modules|\.venv-workers|\.venv|\.wrangler|__pycache__|\.ruff_cache|\.pytest_cache)$/.test(src),
  });
  return { workspace, project };
}

/** The packages listed in [project].dependencies. */
function projectDependencies(project) {
  const text = fs.readFileSync(path.join(project, "pyproject.toml"), "utf8");
  const m = /^dependencies\s*=\s*\[([^\]]*)\]/m.exec(text);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

/** Put `project` in the synced state (see the top of this file). */
export function makeSynced(project, { workersPyVersion = WORKERS_PY_VERSION, extra = [] } = {}) {
  const uv = uvForFixtures();
  const vendor = path.join(project, "python_modules");
  fs.rmSync(vendor, { recursive: true, force: true });
  execFileSync(uv, ["pip", "install", "--quiet", "--target", vendor, "--python-version", "3.13", "--only-binary", ":all:", "workers-runtime-sdk", ...projectDependencies(project), ...extra], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, UV_CACHE_DIR: process.env.PWA_UV_CACHE_DIR || path.join(CACHE, "uv-cache") },
  });
  fs.writeFileSync(path.join(vendor, "pyvenv.cfg"), "");
  const venv = path.join(project, ".venv-workers");
  fs.mkdirSync(venv, { recursive: true });
  for (const token of [path.join(vendor, ".synced"), path.join(venv, ".synced")]) fs.writeFileSync(token, workersPyVersion);
  const later = new Date(Date.now() + 1000);
  for (const token of [path.join(vendor, ".synced"), path.join(venv, ".synced")]) fs.utimesSync(token, later, later);
  return project;
}
