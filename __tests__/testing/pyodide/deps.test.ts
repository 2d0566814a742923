import { describe, expect, it } from "@jest/globals";
import { isPureWheel, parseExport, selectTestDeps, testDepsDir, testDepsKey } from "../../../src/testing/pyodide/deps.js";

// `uv export --only-group dev --no-hashes --no-emit-project --frozen --no-header --no-annotate`
// of examples/hello's dev group (uv 0.13.9).
const EXPORT = `click==8.5.1
colorama==0.4.6 ; sys_platform == 'win32'
iniconfig==2.3.1
markdown-it-py==4.3.0
packaging==26.4
pluggy==1.7.0
pygments==2.21.0
pyjson5==2.0.1
pyodide-py==0.29.5 ; python_full_version == '3.13.*'
pytest==9.2.0
ruff==0.17.6
workers-py==1.17.9
workers-runtime-sdk==1.9.5
-e ./libs/local
./wheels/thing.whl
mylib @ git+https://example.com/mylib  # a comment
`;

describe("parseExport", () => {
  it("keeps pinned requirement lines with their markers, by normalized name", () => {
    const reqs = parseExport(EXPORT);
    expect(reqs.map((r) => r.name)).toEqual([
      "click",
      "colorama",
      "iniconfig",
      "markdown-it-py",
      "packaging",
      "pluggy",
      "pygments",
      "pyjson5",
      "pyodide-py",
      "pytest",
      "ruff",
      "workers-py",
      "workers-runtime-sdk",
    ]);
    expect(reqs[1].line).toBe("colorama==0.4.6 ; sys_platform == 'win32'");
  });
});

describe("selectTestDeps", () => {
  it("uses the locked pins, drops what the runtime provides and adds the missing pytest plugin", () => {
    const lines = selectTestDeps(parseExport(EXPORT), "3.13").map((r) => r.line);
    expect(lines).toContain("pytest==9.2.0");
    expect(lines).toContain("pluggy==1.7.0");
    expect(lines).toContain("pytest-asyncio");
    expect(lines.some((l) => l.startsWith("pyodide-py"))).toBe(false);
    expect(lines.some((l) => l.startsWith("workers-runtime-sdk"))).toBe(false);
    expect(lines.filter((l) => l.startsWith("pytest==")).length).toBe(1);
    expect(lines).not.toContain("typing-extensions");
  });

  it("falls back to unpinned defaults without a lock, with typing-extensions below 3.13", () => {
    expect(selectTestDeps([], "3.12").map((r) => r.line)).toEqual(["iniconfig", "packaging", "pluggy", "pygments", "pytest", "pytest-asyncio", "typing-extensions"]);
    expect(selectTestDeps([], "3.14").map((r) => r.line)).not.toContain("typing-extensions");
  });
});

describe("testDepsKey", () => {
  const a = selectTestDeps(parseExport(EXPORT), "3.13");
  it("depends on the requirements and the Python version, not their order", () => {
    expect(testDepsKey(a, "3.13")).toBe(testDepsKey([...a].reverse(), "3.13"));
    expect(testDepsKey(a, "3.13")).not.toBe(testDepsKey(a, "3.12"));
    const bumped = a.map((r) => (r.name === "pytest" ? { ...r, line: "pytest==9.2.1" } : r));
    expect(testDepsKey(bumped, "3.13")).not.toBe(testDepsKey(a, "3.13"));
    expect(testDepsKey(a, "3.13")).toMatch(/^[0-9a-f]{20}$/);
  });

  it("names a deterministic folder under the cache root", () => {
    expect(testDepsDir("/c", "abc")).toBe("/c/pyodide-test-deps/abc");
  });
});

describe("isPureWheel", () => {
  it("accepts purelib py3-none-any wheels only", () => {
    expect(isPureWheel("Wheel-Version: 1.0\nGenerator: hatchling 1.27.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")).toBe(true);
    expect(isPureWheel("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n")).toBe(true);
    // ruff: a binary in .data/scripts, platform tag
    expect(isPureWheel("Wheel-Version: 1.0\nGenerator: maturin (1.9.4)\nRoot-Is-Purelib: false\nTag: py3-none-manylinux_2_17_x86_64\n")).toBe(false);
    expect(isPureWheel("Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp313-cp313-manylinux_2_17_x86_64\n")).toBe(false);
    expect(isPureWheel("Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")).toBe(false);
  });
});
