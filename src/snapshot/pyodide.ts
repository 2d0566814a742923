import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import * as tc from "@actions/tool-cache";
import { StageFailure } from "../errors.js";
import { download, downloadFailure } from "../util/download.js";
import type { PyodideRelease } from "./versions.js";

/** Check an npm `dist.integrity` value (sha512-<base64>) against a file. */
export async function integrityMatches(file: string, integrity: string): Promise<boolean> {
  const [algo, expected] = integrity.split("-", 2);
  const hash = crypto.createHash(algo);
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("base64") === expected;
}

/** The npm `pyodide` package for a release, from the tool cache or the registry (verified). */
export async function ensurePyodide(release: PyodideRelease, registry: string): Promise<{ dir: string }> {
  const hit = tc.find("pyodide", release.npm);
  if (hit && fs.existsSync(path.join(hit, "pyodide.mjs"))) return { dir: hit };
  const url = `${registry}/pyodide/-/pyodide-${release.npm}.tgz`;
  core.info(`Downloading Pyodide ${release.npm} from ${url}`);
  let tgz: string;
  try {
    tgz = await download(url);
  } catch (err) {
    throw downloadFailure(`Pyodide ${release.npm}`, err, "Set npm-registry-url to a reachable registry, or snapshot-check: false.");
  }
  if (!(await integrityMatches(tgz, release.integrity))) {
    throw new StageFailure(`Pyodide ${release.npm} from ${url} does not match its npm integrity ${release.integrity}. Nothing was installed.`);
  }
  const extracted = await tc.extractTar(tgz);
  fs.rmSync(tgz, { force: true });
  const dir = await tc.cacheDir(path.join(extracted, "package"), "pyodide", release.npm);
  return { dir };
}

/** Standard-library modules the runtime provides that this npm package ships only as separate wheels. */
export function unvendoredStdlib(pyodideDir: string): string[] {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
    const out: string[] = [];
    for (const pkg of Object.values<any>(lock.packages ?? {})) {
      if (pkg.package_type !== "cpython_module") continue;
      if (fs.existsSync(path.join(pyodideDir, pkg.file_name))) continue;
      out.push(...(pkg.imports ?? []));
    }
    return out;
  } catch {
    return ["ssl", "_ssl", "sqlite3", "_sqlite3", "lzma", "_lzma", "_hashlib"];
  }
}
