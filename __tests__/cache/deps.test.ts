import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { checkStaging, dirsToRestore, type Manifest } from "../../src/cache/deps.js";
import { linkTree, tally } from "../../src/cache/store.js";
import { touchSyncTokens as touchTokens } from "../../src/project/sync-tokens.js";

function staging(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-stage-"));
  for (const [f, t] of Object.entries({
    "python_modules/.synced": "1.17.9",
    "python_modules/pkg/__init__.py": "x = 1\n",
    ".venv-workers/.synced": "1.17.9",
    ".venv-workers/pyvenv.cfg": "home = /usr\n",
  })) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), t);
  }
  const dirs = Object.fromEntries(["python_modules", ".venv-workers"].map((x) => [x, tally(path.join(d, x))]));
  fs.writeFileSync(path.join(d, "manifest.json"), JSON.stringify({ workersPy: "1.17.9", dirs }));
  return d;
}

describe("checkStaging", () => {
  it("accepts a complete entry", () => {
    expect(checkStaging(staging(), "1.17.9")).toBeUndefined();
  });
  it("finds a missing token, a missing file, a changed size, a missing manifest and a version change", () => {
    let d = staging();
    fs.rmSync(path.join(d, "python_modules", ".synced"));
    expect(checkStaging(d, "1.17.9")).toMatch(/^python_modules incomplete \(1 files, 6 bytes; saved 2 files, 12 bytes\)$/);
    d = staging();
    fs.appendFileSync(path.join(d, ".venv-workers", "pyvenv.cfg"), "x");
    expect(checkStaging(d, "1.17.9")).toMatch(/^\.venv-workers incomplete/);
    d = staging();
    fs.rmSync(path.join(d, "manifest.json"));
    expect(checkStaging(d, "1.17.9")).toBe("manifest.json missing");
    expect(checkStaging(staging(), "1.17.8")).toBe("entry built by workers-py 1.17.9, not 1.17.8");
  });
});

describe("the project's uv environment in the entry", () => {
  const withEnv = (d: string) => {
    fs.mkdirSync(path.join(d, ".venv", "lib", "__pycache__"), { recursive: true });
    fs.writeFileSync(path.join(d, ".venv", "pyvenv.cfg"), "home = /usr/bin\n");
    fs.writeFileSync(path.join(d, ".venv", "lib", "__pycache__", "pytest.cpython-313.pyc"), "bytecode");
    const m: Manifest = JSON.parse(fs.readFileSync(path.join(d, "manifest.json"), "utf8"));
    m.dirs[".venv"] = tally(path.join(d, ".venv"));
    m.root = "/home/runner/work/app/app";
    fs.writeFileSync(path.join(d, "manifest.json"), JSON.stringify(m));
    return m;
  };
  it("is checked like the others when recorded", () => {
    const d = staging();
    withEnv(d);
    expect(checkStaging(d, "1.17.9")).toBeUndefined();
    fs.rmSync(path.join(d, ".venv", "lib", "__pycache__", "pytest.cpython-313.pyc"));
    expect(checkStaging(d, "1.17.9")).toMatch(/^\.venv incomplete \(1 files/);
  });
  it("goes back only to the folder it was built in, and never over the checkout's own", () => {
    const m = withEnv(staging());
    expect(dirsToRestore(m, "/home/runner/work/app/app", false)).toEqual(["python_modules", ".venv-workers", ".venv"]);
    expect(dirsToRestore(m, "/home/runner/work/app/app/worker", false)).toEqual(["python_modules", ".venv-workers"]);
    expect(dirsToRestore(m, "/home/runner/work/app/app", true)).toEqual(["python_modules", ".venv-workers"]);
    expect(dirsToRestore({ workersPy: "1.17.9", dirs: {} }, "/x", false)).toEqual(["python_modules", ".venv-workers"]);
  });
});

describe("touchTokens", () => {
  it("writes the version and makes the tokens newer than pyproject.toml", () => {
    const d = staging();
    // A restored token is older than the fresh checkout's pyproject.toml: pywrangler would re-sync.
    const old = new Date(Date.now() - 3_600_000);
    for (const t of ["python_modules/.synced", ".venv-workers/.synced"]) fs.utimesSync(path.join(d, t), old, old);
    fs.writeFileSync(path.join(d, "pyproject.toml"), "");
    const checkedOut = fs.statSync(path.join(d, "pyproject.toml")).mtimeMs;
    expect(fs.statSync(path.join(d, "python_modules", ".synced")).mtimeMs).toBeLessThan(checkedOut);
    touchTokens(d, "1.17.9");
    for (const t of ["python_modules/.synced", ".venv-workers/.synced"]) expect(fs.statSync(path.join(d, t)).mtimeMs).toBeGreaterThanOrEqual(checkedOut);
    // Also when the checkout is "in the future" (a clock skew or the same millisecond).
    const ahead = new Date(Date.now() + 5_000.7);
    fs.utimesSync(path.join(d, "pyproject.toml"), ahead, ahead);
    touchTokens(d, "1.17.9");
    const inputTime = fs.statSync(path.join(d, "pyproject.toml")).mtimeMs;
    for (const t of ["python_modules/.synced", ".venv-workers/.synced"]) expect(fs.statSync(path.join(d, t)).mtimeMs).toBeGreaterThan(inputTime);
    expect(fs.readFileSync(path.join(d, ".venv-workers", ".synced"), "utf8")).toBe("1.17.9");
  });
});

describe("linkTree", () => {
  it("copies a tree as hard links, keeping symlinks", () => {
    const d = staging();
    fs.symlinkSync("/usr/bin/python3", path.join(d, ".venv-workers", "python"));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-link-")), "copy");
    linkTree(path.join(d, ".venv-workers"), out);
    expect(fs.statSync(path.join(out, "pyvenv.cfg")).ino).toBe(fs.statSync(path.join(d, ".venv-workers", "pyvenv.cfg")).ino);
    expect(fs.readlinkSync(path.join(out, "python"))).toBe("/usr/bin/python3");
  });
});
