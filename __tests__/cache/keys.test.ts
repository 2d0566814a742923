import { describe, expect, it } from "@jest/globals";
import { CACHE_PREFIX, depsKey, generationKey, hashProjectFiles, isHitFor, toolsKey } from "../../src/cache/keys.js";
import { saveAllowed } from "../../src/cache/policy.js";

const deps = {
  platform: "linux",
  arch: "x64",
  uv: "0.13.9",
  workersPy: "1.17.9",
  wrangler: "4.164.0",
  filesHash: "abc123",
  compatibilityDate: "2025-11-01",
  compatibilityFlags: ["python_workers"],
  lint: true,
  test: true,
  suffix: "",
};

describe("depsKey", () => {
  it("holds OS, arch, tool versions, the compatibility settings and the files hash", () => {
    const key = depsKey(deps);
    expect(key.startsWith(`${CACHE_PREFIX}-deps-linux-x64-uv0.13.9-wp1.17.9-wr4.164.0-2025-11-01-`)).toBe(true);
    expect(key.endsWith("-lt-abc123")).toBe(true);
    // The entry also holds the Pyodide test run's dependencies (test-runtime pyodide | both).
    expect(depsKey({ ...deps, pyodideTests: true }).endsWith("-ltp-abc123")).toBe(true);
  });
  it("changes with every input that changes what sync or the tool envs produce", () => {
    const base = depsKey(deps);
    const variants = [
      { arch: "arm64" },
      { platform: "darwin" },
      { uv: "0.13.8" },
      { workersPy: "1.17.8" },
      { wrangler: "4.163.0" },
      { filesHash: "def456" },
      { compatibilityDate: "2026-01-01" },
      { compatibilityFlags: ["python_workers", "python_workers_20250116"] },
      { lint: false },
      { test: false },
      { pyodideTests: true },
      { suffix: "matrix-a" },
    ];
    const keys = variants.map((v) => depsKey({ ...deps, ...v }));
    for (const k of keys) expect(k).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("does not depend on the order of the flags, and URL-encodes the suffix", () => {
    expect(depsKey({ ...deps, compatibilityFlags: ["b", "a"] })).toBe(depsKey({ ...deps, compatibilityFlags: ["a", "b"] }));
    expect(depsKey({ ...deps, suffix: "py 3.13, linux" })).toMatch(/-py%203\.13%2C%20linux$/);
  });
});

describe("toolsKey", () => {
  it("depends only on tool versions, platform and suffix", () => {
    const k = toolsKey({ group: "tools", platform: "linux", arch: "x64", uv: "0.13.9", workersPy: "1.17.9", wrangler: "^4.100.0", pyodide: "0.28.2", suffix: "" });
    expect(k).toBe(`${CACHE_PREFIX}-tools-linux-x64-uv0.13.9-wp1.17.9-wr%5E4.100.0-pyo0.28.2`);
    expect(toolsKey({ group: "tools", platform: "linux", arch: "x64", uv: "0.13.9", workersPy: "1.17.9", wrangler: "4.164.0", suffix: "" })).toContain("-pyonone");
  });
  it("names the group in the key", () => {
    const k = toolsKey({ group: "wrangler", platform: "linux", arch: "x64", uv: "-", workersPy: "-", wrangler: "4.164.0", pyodide: "-", suffix: "m1" });
    expect(k).toBe(`${CACHE_PREFIX}-wrangler-linux-x64-uv--wp--wr4.164.0-pyo--m1`);
  });
});

describe("hashProjectFiles", () => {
  it("tells content, absence and names apart", () => {
    const a = hashProjectFiles([
      { name: "pyproject.toml", content: Buffer.from("x") },
      { name: "uv.lock", content: null },
    ]);
    expect(
      hashProjectFiles([
        { name: "pyproject.toml", content: Buffer.from("x") },
        { name: "uv.lock", content: null },
      ]),
    ).toBe(a);
    expect(
      hashProjectFiles([
        { name: "pyproject.toml", content: Buffer.from("y") },
        { name: "uv.lock", content: null },
      ]),
    ).not.toBe(a);
    expect(
      hashProjectFiles([
        { name: "pyproject.toml", content: Buffer.from("x") },
        { name: "uv.lock", content: Buffer.from("") },
      ]),
    ).not.toBe(a);
  });
});

describe("generations", () => {
  it("saves under key-run-attempt and counts any generation of the key as a hit", () => {
    expect(generationKey("k", { runId: "42", runAttempt: "2", suffix: "" })).toBe("k-42-2");
    expect(isHitFor("k", "k-42-2")).toBe(true);
    expect(isHitFor("k", "k")).toBe(true);
    expect(isHitFor("k", "kx-1-1")).toBe(false);
    expect(isHitFor("k", undefined)).toBe(false);
  });
});

describe("saveAllowed", () => {
  it("saves by default on ordinary events", () => {
    expect(saveAllowed("auto", "push", "refs/heads/main").save).toBe(true);
    expect(saveAllowed("auto", "pull_request", "refs/pull/1/merge").save).toBe(true);
  });
  it("never saves on poisoning-prone events unless opted in", () => {
    for (const [event, ref] of [
      ["pull_request_target", "refs/heads/main"],
      ["release", "refs/tags/v1"],
      ["workflow_run", "refs/heads/main"],
      ["push", "refs/tags/v1.0.0"],
    ]) {
      expect(saveAllowed("auto", event, ref)).toEqual({ save: false, reason: expect.stringContaining("set save-cache: true to opt in") });
      expect(saveAllowed("true", event, ref).save).toBe(true);
    }
  });
  it("never saves with save-cache: false", () => {
    expect(saveAllowed("false", "push", "refs/heads/main").save).toBe(false);
  });
});
