import { describe, expect, it } from "@jest/globals";
import { classHandlersRequired, PYODIDE_RELEASES, pyodideFor } from "../../src/snapshot/versions.js";

describe("pyodideFor (workerd python_metadata.bzl)", () => {
  it.each([
    ["2025-01-01", ["python_workers"], "0.26.0a2", "0.26.0", "3.12"],
    ["2025-09-28", ["python_workers"], "0.26.0a2", "0.26.0", "3.12"],
    ["2025-09-29", ["python_workers"], "0.28.2", "0.28.2", "3.13"],
    ["2025-01-01", ["python_workers", "python_workers_20250116"], "0.28.2", "0.28.2", "3.13"],
    ["2026-07-01", ["python_workers", "python_workers_20260610"], "314.0.4", "314.0.4", "3.14"],
    ["2026-09-01", ["python_workers", "python_workers_20260817"], "314.0.5", "314.0.5", "3.14"],
    ["2026-11-01", ["python_workers"], "0.28.2", "0.28.2", "3.13"],
  ])("%s %j → runtime %s (npm %s, Python %s)", (date, flags, runtime, npm, python) => {
    expect(pyodideFor(date, flags)).toMatchObject({ runtime, npm, python });
  });
  it("pins an sha512 integrity for every npm version", () => {
    for (const r of PYODIDE_RELEASES) expect(r.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });
});

describe("classHandlersRequired", () => {
  it("follows python_no_global_handlers (2025-08-14) and its disable flag", () => {
    expect(classHandlersRequired("2025-08-13", ["python_workers"])).toBe(false);
    expect(classHandlersRequired("2025-08-14", ["python_workers"])).toBe(true);
    expect(classHandlersRequired("2025-01-01", ["python_workers", "python_no_global_handlers"])).toBe(true);
    expect(classHandlersRequired("2026-01-01", ["python_workers", "disable_python_no_global_handlers"])).toBe(false);
  });
});
