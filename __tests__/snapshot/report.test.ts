import { describe, expect, it } from "@jest/globals";
import { jsGlobalViolations, mapViolations, projectPath, renderSnapshotSection, type SnapshotReport } from "../../src/snapshot/report.js";

describe("projectPath", () => {
  it("maps the runtime layout back to working-directory", () => {
    expect(projectPath("/session/metadata/entry.py", "src")).toBe("src/entry.py");
    expect(projectPath("/session/metadata/pkg/mod.py", "src")).toBe("src/pkg/mod.py");
    expect(projectPath("/session/metadata/python_modules/jinja2/x.py", "src")).toBe("python_modules/jinja2/x.py");
    expect(projectPath("/session/metadata/entry.py", "")).toBe("entry.py");
    expect(projectPath("/lib/python3.13/random.py", "src")).toBeNull();
    expect(projectPath(null, "src")).toBeNull();
  });
});

describe("mapViolations / jsGlobalViolations", () => {
  it("keeps rule, file, line and message; unknown places fall back to the entry", () => {
    expect(
      mapViolations(
        [
          { rule: "entropy", path: "/session/metadata/ids.py", line: 3, message: "OSError: [Errno 29] Cannot get entropy outside of request context", stack: "…" },
          { rule: "weird", path: null, line: null, message: "NameError: x", stack: "" },
        ],
        "src",
        "src/entry.py",
      ),
    ).toEqual([
      { rule: "entropy", file: "src/ids.py", line: 3, message: "OSError: [Errno 29] Cannot get entropy outside of request context" },
      { rule: "import", file: "src/entry.py", line: 1, message: "NameError: x" },
    ]);
    expect(jsGlobalViolations([{ path: "/session/metadata/entry.py", line: 4, label: "CACHE", description: "[object Map]" }], "src", "src/entry.py")[0]).toEqual({
      rule: "js-global",
      file: "src/entry.py",
      line: 4,
      message: expect.stringMatching(/^Can't serialize top-level variable\. .* Description of the value: \[object Map\] \(held in CACHE\)$/),
    });
  });
});

describe("renderSnapshotSection", () => {
  const report: SnapshotReport = {
    ok: false,
    pyodide: "0.28.2",
    python: "3.13",
    entry: "src/entry.py",
    import_ms: 1500,
    bundle: { raw_bytes: 1, gzip_bytes: 1 },
    violations: [{ rule: "entropy", file: "src/entry.py", line: 3, message: "RuntimeError: Cannot use random.random() outside of request context" }],
    notices: [{ rule: "caught-io", file: "src/db.py", line: 9, message: "Error: Disallowed operation called within global scope" }],
    stopped_at: "src/entry.py:3",
    runtime: { pyodide: "0.28.2", dedicated_snapshot: true, process_pth_files: false, check_rng_state: true, legacy_vendor_path: false, global_handlers: false },
  };
  it("lists violations and flags a slow import", () => {
    const md = renderSnapshotSection(report, 1000);
    expect(md).toContain("### Snapshot check: 1 violation(s)");
    expect(md).toContain("import time: 1,500 ms wall time importing `src/entry.py` (CPU time not measurable here");
    expect(renderSnapshotSection({ ...report, import_cpu_ms: 1200 }, 1000)).toContain("import time: ⚠️ 1,200 ms CPU time (1,500 ms wall)");
    expect(md).toContain("| `entropy` | `src/entry.py:3` | RuntimeError: Cannot use random.random() outside of request context |");
    expect(md).toContain("The import stopped at `src/entry.py:3`");
    expect(md).toContain("| `caught-io` | `src/db.py:9` |");
  });
  it("matches the interface's JSON shape", () => {
    expect(Object.keys(report)).toEqual(["ok", "pyodide", "python", "entry", "import_ms", "bundle", "violations", "notices", "stopped_at", "runtime"]);
  });
});
