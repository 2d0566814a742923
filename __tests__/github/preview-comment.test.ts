import { describe, expect, it } from "@jest/globals";
import { commentMarker, renderPreviewComment } from "../../src/github/preview-comment.js";
import { newReport } from "../../src/report/model.js";

describe("renderPreviewComment", () => {
  it("carries the marker, the URLs, the commit and the stage results", () => {
    const r = newReport("preview", "Preview upload", "hello", "");
    r.stages.push({ name: "lint", outcome: "success", millis: 1, detail: "" }, { name: "deploy", outcome: "success", millis: 1, detail: "" });
    r.deploy = { previewAliasUrl: "https://pr-7-hello.sub.workers.dev", previewUrl: "https://abcdef12-hello.sub.workers.dev", versionId: "abcdef12-0000" };
    const body = renderPreviewComment(r, { sha: "1234567890", alias: "pr-7", runUrl: "https://github.com/o/r/actions/runs/1" });
    expect(body.startsWith(commentMarker("hello", ""))).toBe(true);
    expect(body).toContain("### Preview of `hello`: ✅ deployed");
    expect(body).toContain("| Preview (alias `pr-7`) | https://pr-7-hello.sub.workers.dev |");
    expect(body).toContain("| This version | https://abcdef12-hello.sub.workers.dev |");
    expect(body).toContain("| Commit | `1234567` |");
    expect(body).toContain("✅ lint · ✅ deploy");
  });
  it("says which stage failed", () => {
    const r = newReport("preview", "Preview upload", "hello", "staging");
    r.failure = { stage: "test", message: "pytest: 1 failed" };
    const body = renderPreviewComment(r, { sha: "abc" });
    expect(body).toContain("<!-- python-workers-action:preview:hello:staging -->");
    expect(body).toContain("❌ test failed");
    expect(body).toContain("> **test failed:** pytest: 1 failed");
  });
  it("names the tests that pass on CPython and fail on Pyodide", () => {
    const r = newReport("preview", "Preview upload", "hello", "");
    r.failure = { stage: "test", message: "pytest: …" };
    r.runtimeTests = {
      runtime: "both",
      pyodide: "0.28.2",
      python: "3.13",
      counts: { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0 },
      rows: [],
      onlyCPython: [{ id: "tests/test_io.py::test_thread", file: "hello/tests/test_io.py", line: 12, message: "RuntimeError: can't start new thread" }],
      onlyPyodide: [],
      timeoutMs: 600_000,
      skippedNative: [],
      wallMs: 1,
      cpuMs: 1,
    };
    const body = renderPreviewComment(r, { sha: "abc" });
    expect(body).toContain("**Passes on CPython, fails on Pyodide** (1):");
    expect(body).toContain("- `tests/test_io.py::test_thread` (`hello/tests/test_io.py:12`): RuntimeError: can't start new thread");
  });
});
