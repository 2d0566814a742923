import { describe, expect, it } from "@jest/globals";
import { renderRuntimeSection, runtimeCommentLines, runtimeTests, tracebackTail } from "../../../src/testing/pyodide/report.js";

const counts = (passed: number, failed: number) => ({ tests: passed + failed, passed, failed, errors: 0, skipped: 0 });
const info = { pyodide: "0.28.2", python: "3.13", timeoutMs: 600_000, skippedNative: ["ruff"], wallMs: 2100, cpuMs: 800 };
const rel = (f: string) => `w/${f}`;

describe("runtimeTests", () => {
  const failure = {
    name: "tests.test_io.test_thread",
    file: "w/tests/test_io.py",
    line: 12,
    message: "RuntimeError: can't start new thread",
    details: "    def test_thread():\n>       t.start()\nE       RuntimeError: can't start new thread\n\ntests/test_io.py:12: RuntimeError\n\n----- Captured stdout -----\nnoise",
  };
  const t = runtimeTests({
    cpython: [
      { id: "tests/test_io.py::test_thread", outcome: "passed" },
      { id: "tests/test_io.py::test_plain", outcome: "passed" },
      { id: "tests/test_io.py::test_spin", outcome: "passed" },
    ],
    cpythonCounts: counts(3, 0),
    pyodide: [
      { id: "tests/test_io.py::test_thread", outcome: "failed" },
      { id: "tests/test_io.py::test_plain", outcome: "passed" },
    ],
    failures: [failure],
    counts: counts(1, 1),
    hung: "tests/test_io.py::test_spin",
    rel,
    info,
  });

  it("lists what passes on CPython only, at the user's line, with the traceback without captured output", () => {
    expect(t.onlyCPython).toEqual([
      {
        id: "tests/test_io.py::test_thread",
        file: "w/tests/test_io.py",
        line: 12,
        message: "RuntimeError: can't start new thread",
        traceback: expect.stringContaining("tests/test_io.py:12: RuntimeError"),
      },
      { id: "tests/test_io.py::test_spin", file: "w/tests/test_io.py", line: undefined, message: expect.stringContaining("did not finish"), traceback: undefined },
    ]);
    expect(t.onlyCPython[0].traceback).not.toContain("noise");
  });

  it("renders the list first, the hang, the versions, the left-out deps and every row", () => {
    const md = renderRuntimeSection(t).join("\n");
    expect(md).toMatch(/^#### ❌ Passes on CPython, fails on Pyodide \(2\)\n/);
    expect(md).toContain("- `tests/test_io.py::test_thread` at `w/tests/test_io.py:12`: RuntimeError: can't start new thread");
    expect(md).toContain("`tests/test_io.py::test_spin` did not finish within the test timeout (600 s) on Pyodide");
    expect(md).toContain("Pyodide 0.28.2 (Python 3.13): 1 passed, 1 failed, 0 errors, 0 skipped; CPython: 3 passed");
    expect(md).toContain("Left out of the Pyodide run (native code): `ruff`.");
    expect(md).toContain("| `tests/test_io.py::test_spin` | ✅ passed | ⏱️ hung |");
  });

  it("names them in the PR comment", () => {
    const lines = runtimeCommentLines(t);
    expect(lines[0]).toBe("**Passes on CPython, fails on Pyodide** (2):");
    expect(lines).toContain("- `tests/test_io.py::test_thread` (`w/tests/test_io.py:12`): RuntimeError: can't start new thread");
    expect(runtimeCommentLines(undefined)).toEqual([]);
  });

  it("with Pyodide only, lists nothing as CPython-only and marks CPython not run", () => {
    const p = runtimeTests({ pyodide: [{ id: "a.py::t", outcome: "failed" }], failures: [], counts: counts(0, 1), rel, info });
    expect(p.runtime).toBe("pyodide");
    expect(p.onlyCPython).toEqual([]);
    expect(p.rows).toEqual([{ id: "a.py::t", cpython: "not run", pyodide: "failed" }]);
  });
});

describe("tracebackTail", () => {
  it("keeps the last lines before the captured output", () => {
    expect(tracebackTail("a\nb\nc\n----- Captured stderr -----\nx", 2)).toBe("b\nc");
  });
});
