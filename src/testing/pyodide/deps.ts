// The test dependencies inside Pyodide: pytest and friends from the project's locked dev group
// (uv.lock) where possible, installed as pure-Python wheels into a folder of their own that is
// never uploaded. A dev dependency with native code cannot load in Pyodide: it is left out and named.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { normalizeName } from "../../project/config.js";
import { run } from "../../util/exec.js";

/** What pytest needs in Pyodide, whether or not the project's dev group lists it. */
export const REQUIRED_TEST_DEPS = ["pytest", "pluggy", "iniconfig", "packaging", "pygments", "pytest-asyncio"] as const;

/** Provided by the runtime (Pyodide's own `pyodide`, the SDK in python_modules): never installed over it. */
export const RUNTIME_PROVIDED = new Set(["pyodide-py", "workers-runtime-sdk"]);

/** Bump when the folder's layout or selection rules change, so cached folders are rebuilt. */
const LAYOUT = "pyodide-test-deps-v1";

export interface Requirement {
  name: string;
  /** A requirements-file line: `name==1.2.3 ; marker` or just `name`. */
  line: string;
}

/** `uv export --no-hashes` output → requirements (comments, editable and path lines dropped). Pure. */
export function parseExport(text: string): Requirement[] {
  const out: Requirement[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#") || line.startsWith("-") || line.startsWith(".") || /\s@\s/.test(line)) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (m) out.push({ name: normalizeName(m[1]), line });
  }
  return out;
}

/**
 * The requirements to install: the locked dev group (minus what the runtime provides), plus any
 * of REQUIRED_TEST_DEPS it lacks, unpinned (typing-extensions too below Python 3.13, for
 * pytest-asyncio). Sorted, so the content key does not depend on the export's order. Pure.
 */
export function selectTestDeps(locked: Requirement[], python: string): Requirement[] {
  const chosen = locked.filter((r) => !RUNTIME_PROVIDED.has(r.name));
  const have = new Set(chosen.map((r) => r.name));
  const required: string[] = [...REQUIRED_TEST_DEPS];
  if (compareVersions(python, "3.13") < 0) required.push("typing-extensions");
  for (const name of required) if (!have.has(name)) chosen.push({ name, line: name });
  return chosen.sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The cache key of a deps folder: what is installed, for which Python. Pure. */
export function testDepsKey(reqs: Requirement[], python: string): string {
  const h = crypto.createHash("sha256").update(`${LAYOUT}\npython ${python}\n`);
  for (const r of [...reqs].map((x) => x.line).sort()) h.update(`${r}\n`);
  return h.digest("hex").slice(0, 20);
}

/** Where the folder for a key lives (deterministic, so it can be cached with the deps entry). */
export const testDepsDir = (cacheRoot: string, key: string): string => path.join(cacheRoot, "pyodide-test-deps", key);

/** A wheel's WHEEL metadata: pure Python when it is purelib and every tag is `*-none-any`. Pure. */
export function isPureWheel(wheelMetadata: string): boolean {
  const purelib = /^Root-Is-Purelib:\s*true\s*$/im.test(wheelMetadata);
  const tags = [...wheelMetadata.matchAll(/^Tag:\s*(\S+)\s*$/gim)].map((m) => m[1]);
  return purelib && tags.length > 0 && tags.every((t) => t.endsWith("-none-any"));
}

export interface TestDeps {
  dir: string;
  key: string;
  /** Installed now (byte-compile it in Pyodide once); false when the folder was already there. */
  fresh: boolean;
  /** Dev dependencies left out because they hold native code. */
  skippedNative: string[];
  /** Where the list came from. */
  source: "uv.lock dev group" | "defaults";
}

interface Manifest {
  key: string;
  skippedNative: string[];
  source: TestDeps["source"];
}

/** Remove an installed distribution's files (from its RECORD), leaving its neighbours alone. */
function removeDistribution(target: string, distInfo: string): void {
  const record = path.join(target, distInfo, "RECORD");
  const files = fs.existsSync(record)
    ? fs
        .readFileSync(record, "utf8")
        .split("\n")
        .map((l) => l.split(",")[0])
        .filter(Boolean)
    : [];
  const dirs = new Set<string>();
  for (const f of files) {
    const p = path.resolve(target, f);
    if (!p.startsWith(path.resolve(target) + path.sep)) continue;
    fs.rmSync(p, { force: true });
    dirs.add(path.dirname(p));
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      if (d !== path.resolve(target)) fs.rmdirSync(d);
    } catch {
      // not empty: another distribution's files are there too
    }
  }
  fs.rmSync(path.join(target, distInfo), { recursive: true, force: true });
}

/** Install (or find) the test dependencies for a project and Python version. */
export async function ensureTestDeps(opts: {
  projectRoot: string;
  /** The Worker's Python (pyodideFor(...).python). */
  python: string;
  cacheRoot: string;
  env: NodeJS.ProcessEnv;
  /** The uv executable (default: `uv` on PATH). */
  uv?: string;
  /**
   * Read the dev group from uv.lock (default: when there is one). The Action passes whether the
   * checkout had one, so a uv.lock that `uv run` writes during the run does not change the key.
   */
  useLock?: boolean;
}): Promise<TestDeps> {
  const uv = opts.uv ?? "uv";
  let locked: Requirement[] = [];
  let source: TestDeps["source"] = "defaults";
  if (opts.useLock ?? fs.existsSync(path.join(opts.projectRoot, "uv.lock"))) {
    const res = await run(uv, ["export", "--only-group", "dev", "--no-hashes", "--no-emit-project", "--frozen", "--offline", "--no-header", "--no-annotate"], {
      cwd: opts.projectRoot,
      env: opts.env,
      silent: true,
    });
    if (res.exitCode === 0) {
      locked = parseExport(res.stdout);
      source = "uv.lock dev group";
    }
  }
  const reqs = selectTestDeps(locked, opts.python);
  const key = testDepsKey(reqs, opts.python);
  const dir = testDepsDir(opts.cacheRoot, key);
  const manifestFile = path.join(dir, ".pwa-test-deps.json");
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
    return { dir, key, fresh: false, skippedNative: m.skippedNative, source: m.source };
  }
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const reqFile = `${tmp}.txt`;
  fs.writeFileSync(reqFile, `${reqs.map((r) => r.line).join("\n")}\n`);
  const res = await run(uv, ["pip", "install", "--quiet", "--target", tmp, "--python-version", opts.python, "--only-binary", ":all:", "--no-deps", "--no-compile", "-r", reqFile], {
    cwd: opts.projectRoot,
    env: opts.env,
  });
  fs.rmSync(reqFile, { force: true });
  if (res.exitCode !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`could not install the test dependencies for Pyodide (uv pip install exited with ${res.exitCode}); see the log above.`);
  }
  const skippedNative: string[] = [];
  for (const d of fs.readdirSync(tmp).filter((x) => x.endsWith(".dist-info"))) {
    const wheel = path.join(tmp, d, "WHEEL");
    if (fs.existsSync(wheel) && isPureWheel(fs.readFileSync(wheel, "utf8"))) continue;
    skippedNative.push(normalizeName(d.replace(/-[^-]+\.dist-info$/, "")));
    removeDistribution(tmp, d);
  }
  fs.rmSync(path.join(tmp, "bin"), { recursive: true, force: true });
  skippedNative.sort();
  const manifest: Manifest = { key, skippedNative, source };
  fs.writeFileSync(path.join(tmp, ".pwa-test-deps.json"), `${JSON.stringify(manifest)}\n`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // another run made it first
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, key, fresh: true, skippedNative, source };
}
