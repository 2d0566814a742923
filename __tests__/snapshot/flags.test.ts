import { describe, expect, it } from "@jest/globals";
import { pythonFlags } from "../../src/snapshot/flags.js";
import { globToRegExp } from "../../src/snapshot/rules.js";
import { pyodideFor } from "../../src/snapshot/versions.js";

describe("pythonFlags (compatibility-date.capnp)", () => {
  it("applies enable dates and disable flags", () => {
    expect(pythonFlags("2025-08-13", ["python_workers"]).noGlobalHandlers).toBe(false);
    expect(pythonFlags("2025-08-14", ["python_workers"]).noGlobalHandlers).toBe(true);
    expect(pythonFlags("2025-09-01", ["python_workers", "disable_python_no_global_handlers"]).noGlobalHandlers).toBe(false);
    expect(pythonFlags("2025-08-10", ["python_workers"]).forceNewVendorPath).toBe(false);
    expect(pythonFlags("2025-08-11", ["python_workers"]).forceNewVendorPath).toBe(true);
    expect(pythonFlags("2026-05-25", ["python_workers"]).processPthFiles).toBe(false);
    expect(pythonFlags("2026-05-26", ["python_workers"]).processPthFiles).toBe(true);
  });
  it("implies flags after a date only when the implying flag is on", () => {
    // python_dedicated_snapshot: implied by python_workers_20250116 after 2025-10-16
    expect(pythonFlags("2025-10-16", ["python_workers"]).dedicatedSnapshot).toBe(true);
    expect(pythonFlags("2025-10-15", ["python_workers"]).dedicatedSnapshot).toBe(false);
    expect(pythonFlags("2025-11-01", ["python_workers", "no_python_workers_20250116"]).dedicatedSnapshot).toBe(false);
    expect(pythonFlags("2025-11-01", ["python_workers", "disable_python_dedicated_snapshot"]).dedicatedSnapshot).toBe(false);
    // python_check_rng_state: implied by python_workers after 2025-12-16
    expect(pythonFlags("2025-12-16", ["python_workers"]).checkRngState).toBe(true);
    expect(pythonFlags("2025-12-15", ["python_workers"]).checkRngState).toBe(false);
    expect(pythonFlags("2026-01-01", ["python_workers", "disable_python_check_rng_state"]).checkRngState).toBe(false);
  });
});

describe("pyodideFor", () => {
  it("picks the newest release flag that is on, honouring no_python_workers_*", () => {
    expect(pyodideFor("2025-06-01", ["python_workers"]).runtime).toBe("0.26.0a2");
    expect(pyodideFor("2025-09-29", ["python_workers"]).runtime).toBe("0.28.2");
    expect(pyodideFor("2025-11-01", ["python_workers", "no_python_workers_20250116"]).runtime).toBe("0.26.0a2");
    expect(pyodideFor("2025-06-01", ["python_workers", "python_workers_20260610"]).runtime).toBe("314.0.4");
    expect(pyodideFor("2025-06-01", ["python_workers", "python_workers_20250116", "python_workers_20260817"]).runtime).toBe("314.0.5");
  });
});

describe("globToRegExp (wrangler's python_modules.exclude)", () => {
  it("matches as glob-to-regexp with globstar does", () => {
    const pyc = globToRegExp("**/*.pyc");
    expect(pyc.test("a.pyc")).toBe(true);
    expect(pyc.test("pkg/sub/a.pyc")).toBe(true);
    expect(pyc.test("pkg/a.py")).toBe(false);
    const tests = globToRegExp("**/tests/**");
    expect(tests.test("numpy/tests/test_a.py")).toBe(true);
    expect(tests.test("numpy/testsuite/a.py")).toBe(false);
    expect(globToRegExp("django/*.txt").test("django/a/b.txt")).toBe(false);
    expect(globToRegExp("a?b").test("axb")).toBe(false);
  });
});
