import { describe, expect, it } from "@jest/globals";
import { handlerViolations, harnessConfig, mapNotices, rngViolation, SECRET_PLACEHOLDER, snapshotStageOutcome, stoppedAt, topLevelEnv } from "../../src/snapshot/outcome.js";
import type { SnapshotReport } from "../../src/snapshot/report.js";
import { PYODIDE_RELEASES } from "../../src/snapshot/versions.js";

const cls = (name: string, kind: "WorkerEntrypoint" | "DurableObject" | "WorkflowEntrypoint" = "WorkerEntrypoint") => ({ name, kind, binding: name });

describe("handlerViolations (python-entrypoint-helper.ts, introspection.py)", () => {
  const none = { classes: [], functions: [], lines: {} };
  it("accepts a Default class, a named WorkerEntrypoint alone, or a Durable Object alone, at any date", () => {
    for (const c of [cls("Default"), cls("Api"), cls("Counter", "DurableObject")]) {
      expect(handlerViolations({ classes: [c], functions: [], lines: {} }, "src/entry.py", "entry.py", "2026-01-01", ["python_workers"])).toEqual([]);
    }
  });
  it("accepts on_fetch without python_no_global_handlers and flags it with it, at its line", () => {
    const old = { classes: [], functions: ["on_fetch"], lines: { on_fetch: 7 } };
    expect(handlerViolations(old, "src/entry.py", "entry.py", "2025-06-01", ["python_workers"])).toEqual([]);
    expect(handlerViolations(old, "src/entry.py", "entry.py", "2025-11-01", ["python_workers", "disable_python_no_global_handlers"])).toEqual([]);
    expect(handlerViolations(old, "src/entry.py", "entry.py", "2025-06-01", ["python_workers", "python_no_global_handlers"])).toHaveLength(1);
    expect(handlerViolations(old, "src/entry.py", "entry.py", "2025-11-01", ["python_workers"])).toEqual([
      { rule: "handler", file: "src/entry.py", line: 7, message: expect.stringContaining('Python entrypoint "entry.py" does not export a handler named "Default"') },
    ]);
  });
  it("flags an entry that exports nothing the runtime can call", () => {
    expect(handlerViolations(none, "src/entry.py", "entry.py", "2025-11-01", [])[0]).toMatchObject({ rule: "handler", line: 1 });
  });
  it("says nothing when the entry did not import (that is an import violation)", () => {
    expect(handlerViolations(null, "src/entry.py", "entry.py", "2025-11-01", [])).toEqual([]);
  });
});

describe("harnessConfig", () => {
  const r028 = PYODIDE_RELEASES.find((r) => r.runtime === "0.28.2")!;
  const r026 = PYODIDE_RELEASES.find((r) => r.runtime === "0.26.0a2")!;
  it("resolves the Python layer's switches from date and flags", () => {
    expect(harnessConfig(r028, "2025-11-01", ["python_workers"], ["ssl"])).toEqual({
      runtime_version: "0.28.2",
      legacy_vendor_path: false,
      process_pth_files: false,
      check_rng_state: false,
      dedicated_snapshot: true,
      standins: ["ssl"],
    });
    expect(harnessConfig(r028, "2026-06-01", ["python_workers"], []).process_pth_files).toBe(true);
    expect(harnessConfig(r028, "2026-06-01", ["python_workers", "disable_python_process_pth_files"], []).process_pth_files).toBe(false);
    expect(harnessConfig(r028, "2026-01-01", ["python_workers", "disable_python_dedicated_snapshot"], []).dedicated_snapshot).toBe(false);
  });
  it("reports the runtime's version string and no dedicated snapshot on 0.26.0a2", () => {
    const c = harnessConfig(r026, "2025-06-01", ["python_workers", "python_dedicated_snapshot"], []);
    expect(c.runtime_version).toBe("0.26.0a2");
    expect(c.dedicated_snapshot).toBe(false);
    expect(c.legacy_vendor_path).toBe(true);
  });
});

describe("topLevelEnv", () => {
  it("has vars, the vars input on top, an object per binding and a placeholder per secret", () => {
    const env = topLevelEnv({ GREETING: "Hello", CFG: { a: 1 } }, [["GREETING", "Hi"]], [{ name: "DB", type: "d1_databases" }], ["API_KEY"]);
    expect(env).toEqual({ DB: {}, GREETING: "Hi", CFG: { a: 1 }, API_KEY: SECRET_PLACEHOLDER });
  });
});

describe("notices, rng-state and where the import stopped", () => {
  it("maps caught errors to notices; clock reads without a Python caller are not reported", () => {
    const n = mapNotices(
      { notices: [{ rule: "caught-entropy", path: "/session/metadata/entry.py", line: 4, message: "OSError: [Errno 29] Cannot get entropy outside of request context", stack: "" }], clockReads: 2 },
      "src",
      "src/entry.py",
    );
    expect(n[0]).toMatchObject({ rule: "caught-entropy", file: "src/entry.py", line: 4 });
    expect(n[0].message).toMatch(/caught by the Worker: not a failure/);
    expect(n).toHaveLength(1);
  });
  it("reports random seed in bad state as rng-state", () => {
    expect(rngViolation("random seed in bad state", "src/entry.py")).toEqual([{ rule: "rng-state", file: "src/entry.py", line: 1, message: "RuntimeError: random seed in bad state" }]);
    expect(rngViolation(null, "src/entry.py")).toEqual([]);
  });
  it("names the line where an escaping error stopped the import", () => {
    expect(
      stoppedAt([
        { rule: "size", file: "src/entry.py", line: 1, message: "" },
        { rule: "io", file: "src/db.py", line: 3, message: "" },
      ]),
    ).toBe("src/db.py:3");
    expect(stoppedAt([{ rule: "handler", file: "src/entry.py", line: 1, message: "" }])).toBeNull();
  });
});

describe("snapshotStageOutcome", () => {
  const base: SnapshotReport = {
    ok: true,
    pyodide: "0.28.2",
    python: "3.13",
    entry: "src/entry.py",
    import_ms: 40,
    bundle: { raw_bytes: 1, gzip_bytes: 1 },
    violations: [],
    notices: [{ rule: "clock", file: "src/entry.py", line: 1, message: "clock" }],
    stopped_at: null,
    runtime: { pyodide: "0.28.2", dedicated_snapshot: true, process_pth_files: false, check_rng_state: false, legacy_vendor_path: false, global_handlers: false },
  };
  const rel = (f: string) => `w/${f}`;
  it("passes with notices as notice annotations", () => {
    const o = snapshotStageOutcome(base, 1000, rel);
    expect(o.failure).toBeUndefined();
    expect(o.detail).toBe("Pyodide 0.28.2: src/entry.py imported in 40 ms (wall), no violations, 1 notice(s)");
    expect(o.annotations).toEqual([{ level: "notice", title: "Snapshot check: clock", message: "clock", file: "w/src/entry.py", line: 1 }]);
  });
  it("fails on a violation with the runtime's text and a one-line fix", () => {
    const o = snapshotStageOutcome({ ...base, ok: false, violations: [{ rule: "entropy", file: "src/entry.py", line: 3, message: "RuntimeError: x" }] }, 1000, rel);
    expect(o.failure).toBe("1 violation(s); first: entropy at src/entry.py:3: RuntimeError: x");
    expect(o.annotations[0]).toMatchObject({ level: "error", title: "Snapshot check: entropy", file: "w/src/entry.py", line: 3 });
    expect(o.annotations[0].message).toMatch(/^RuntimeError: x\nFix: Call it inside a handler/);
  });
  it("judges the import on the thread's CPU time when it was measured", () => {
    const slow = snapshotStageOutcome({ ...base, import_ms: 2600, import_cpu_ms: 1200 }, 1000, rel);
    expect(slow.slow).toMatch(/took 1,200 ms of CPU time under Pyodide, over the 1,000 ms budget/);
    expect(slow.detail).toContain("imported in 1200 ms CPU (2600 ms wall)");
    // A busy runner: long wall time, little CPU: no warning.
    expect(snapshotStageOutcome({ ...base, import_ms: 2600, import_cpu_ms: 300 }, 1000, rel).slow).toBeUndefined();
  });
  it("on wall time alone warns only well above the budget", () => {
    expect(snapshotStageOutcome({ ...base, import_ms: 1500 }, 1000, rel).slow).toBeUndefined();
    expect(snapshotStageOutcome({ ...base, import_ms: 2500 }, 1000, rel).slow).toMatch(/took 2,500 ms \(wall time\) under Pyodide, more than 2× the 1,000 ms budget/);
  });
});
