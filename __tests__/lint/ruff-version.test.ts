import { describe, expect, it } from "@jest/globals";
import { parseRuffVersion, parseShowFiles, ruffCapabilities, ruffCheckArgs, ruffFormatPlan } from "../../src/lint/ruff-version.js";

describe("parseRuffVersion", () => {
  it("reads release and development version lines", () => {
    expect(parseRuffVersion("ruff 0.11.13\n")).toBe("0.11.13");
    expect(parseRuffVersion("ruff 0.5.0+12 (abc123 2024-06-01)")).toBe("0.5.0");
    expect(parseRuffVersion("warning: something\nruff 0.17.6")).toBe("0.17.6");
    expect(parseRuffVersion("error: No such command")).toBeUndefined();
  });
});

describe("ruffCapabilities", () => {
  it("switches at 0.15.21 (format --extend-exclude) and 0.16.0 (format JSON)", () => {
    expect(ruffCapabilities("0.11.13")).toEqual({ formatExtendExclude: false, formatJson: false });
    expect(ruffCapabilities("0.15.20")).toEqual({ formatExtendExclude: false, formatJson: false });
    expect(ruffCapabilities("0.15.21")).toEqual({ formatExtendExclude: true, formatJson: false });
    expect(ruffCapabilities("0.15.22")).toEqual({ formatExtendExclude: true, formatJson: false });
    expect(ruffCapabilities("0.16.0")).toEqual({ formatExtendExclude: true, formatJson: true });
    expect(ruffCapabilities(undefined)).toEqual({ formatExtendExclude: false, formatJson: false });
  });
});

describe("ruffFormatPlan", () => {
  const ex = ["python_modules", ".venv-workers"];
  it("passes --extend-exclude and JSON output to a current ruff", () => {
    expect(ruffFormatPlan("0.17.6", ex)).toEqual({ kind: "direct", json: true, args: ["format", "--check", "--output-format", "json", "--extend-exclude", "python_modules,.venv-workers", "."] });
    expect(ruffFormatPlan("0.15.21", ex)).toEqual({ kind: "direct", json: false, args: ["format", "--check", "--extend-exclude", "python_modules,.venv-workers", "."] });
  });
  it("lists files through ruff check for an older ruff", () => {
    const plan = ruffFormatPlan("0.11.13", ex);
    if (plan.kind !== "listed") throw new Error("expected a listed plan");
    expect(plan.listArgs).toEqual(["check", "--show-files", "--extend-exclude", "python_modules,.venv-workers", "."]);
    expect(plan.formatArgs(["/w/a.py"])).toEqual(["format", "--check", "--force-exclude", "--", "/w/a.py"]);
    expect(plan.formatArgs([])).toBeUndefined();
  });
  it("check args carry the exclusions", () => {
    expect(ruffCheckArgs(ex)).toEqual(["check", "--output-format", "json", "--no-fix", "--extend-exclude", "python_modules,.venv-workers", "."]);
  });
  it("parseShowFiles keeps Python files", () => {
    expect(parseShowFiles("/w/a.py\n/w/b.pyi\n/w/pyproject.toml\n\n")).toEqual(["/w/a.py", "/w/b.pyi"]);
  });
});
