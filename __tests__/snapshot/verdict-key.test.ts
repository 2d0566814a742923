import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { verdictKey } from "../../src/snapshot/verdict-key.js";
import type { WorkerInput } from "../../src/snapshot/worker-protocol.js";

/** A project laid out as the check reads it: src/ (the module root) and python_modules/. */
function project(): { root: string; input: WorkerInput } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-verdict-"));
  for (const [f, t] of Object.entries({
    "src/entry.py": "from workers import WorkerEntrypoint\n",
    "src/util/helpers.py": "X = 1\n",
    "python_modules/attr/__init__.py": "# attrs\n",
  })) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), t);
  }
  const input: WorkerInput = {
    pyodideDir: path.join(root, "pyodide"),
    moduleRoot: path.join(root, "src"),
    vendorDir: path.join(root, "python_modules"),
    entryName: "entry",
    flags: ["python_workers"],
    runtimeModules: ["ssl"],
    harness: { runtime_version: "0.28.2", legacy_vendor_path: false, process_pth_files: false, check_rng_state: true, dedicated_snapshot: true, standins: ["ssl"] },
    env: { GREETING: "Hello" },
    snapshot: true,
    baselineFile: path.join(root, "pyodide", "baseline.snapshot"),
  };
  return { root, input };
}

const code = Buffer.from("worker code v1");
const release = { npm: "0.28.2", integrity: "sha512-abc" };

describe("verdictKey", () => {
  it("is the same for the same files and settings, wherever the project lies", () => {
    const a = project();
    const b = project();
    expect(verdictKey(a.input, code, release)).toMatch(/^[0-9a-f]{40}$/);
    expect(verdictKey(a.input, code, release)).toBe(verdictKey(b.input, code, release));
  });

  it("changes with every file the check copies in, and with nothing it skips", () => {
    const { root, input } = project();
    const base = verdictKey(input, code, release);
    const changed = (edit: () => void) => {
      edit();
      return verdictKey(input, code, release);
    };
    // Bytecode and wrangler's state are never copied into Pyodide.
    expect(changed(() => fs.mkdirSync(path.join(root, "src", "__pycache__")))).toBe(base);
    expect(changed(() => fs.writeFileSync(path.join(root, "src", "__pycache__", "entry.cpython-313.pyc"), "x"))).toBe(base);
    expect(changed(() => fs.mkdirSync(path.join(root, "src", ".wrangler")))).toBe(base);
    const k1 = changed(() => fs.appendFileSync(path.join(root, "src", "util", "helpers.py"), "Y = 2\n"));
    expect(k1).not.toBe(base);
    const k2 = changed(() => fs.writeFileSync(path.join(root, "python_modules", "attr", "_make.py"), ""));
    expect(k2).not.toBe(k1);
    const k3 = changed(() => fs.renameSync(path.join(root, "src", "util", "helpers.py"), path.join(root, "src", "util", "helper.py")));
    expect(k3).not.toBe(k2);
  });

  it("changes with the settings, the worker's code and the Pyodide release", () => {
    const { input } = project();
    const base = verdictKey(input, code, release);
    expect(verdictKey({ ...input, flags: ["python_workers", "python_dedicated_snapshot"] }, code, release)).not.toBe(base);
    expect(verdictKey({ ...input, env: { GREETING: "Hi" } }, code, release)).not.toBe(base);
    expect(verdictKey({ ...input, entryName: "main" }, code, release)).not.toBe(base);
    expect(verdictKey({ ...input, harness: { ...input.harness, check_rng_state: false } }, code, release)).not.toBe(base);
    expect(verdictKey(input, Buffer.from("worker code v2"), release)).not.toBe(base);
    expect(verdictKey(input, code, { ...release, npm: "0.28.3" })).not.toBe(base);
    // The baseline snapshot only speeds up the load; where it lies is not an input.
    expect(verdictKey({ ...input, baselineFile: "/elsewhere" }, code, release)).toBe(base);
  });
});
