import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { lintAnnotations, ruffSpec } from "../../src/lint/run.js";
import { pytestCommand } from "../../src/testing/pytest.js";

describe("ruffSpec", () => {
  it("uses the locked version, then the project's requirement, then ours", () => {
    expect(ruffSpec({ locked: new Map([["ruff", "0.14.1"]]), requirements: ["ruff>=0.9"] })).toBe("ruff==0.14.1");
    expect(ruffSpec({ locked: new Map(), requirements: ["ruff >= 0.9 ; python_version >= '3.12'"] })).toBe("ruff>=0.9");
    expect(ruffSpec({ locked: new Map(), requirements: ["pytest"] })).toBe(`ruff==${DEFAULT_VERSIONS.ruff}`);
  });
});

describe("lintAnnotations", () => {
  it("annotates unformatted files too", () => {
    expect(lintAnnotations({ ruff: "ruff", problems: [], unformatted: [{ file: "app/x.py" }, { file: "app/y.py", line: 7 }] })).toEqual([
      { level: "error", title: "ruff format", message: "File would be reformatted by `ruff format`.", file: "app/x.py", line: 1 },
      { level: "error", title: "ruff format", message: "File would be reformatted by `ruff format`.", file: "app/y.py", line: 7 },
    ]);
  });
});

describe("pytestCommand", () => {
  it("uses the project's pytest when it lists one, else a pinned one", () => {
    expect(pytestCommand({ requirements: ["pytest>=8"] }, "/t/j.xml")).toEqual(["run", "pytest", "--junitxml=/t/j.xml", "-o", "junit_family=xunit1"]);
    expect(pytestCommand({ requirements: [] }, "/t/j.xml").slice(0, 3)).toEqual(["run", "--with", `pytest==${DEFAULT_VERSIONS.pytest}`]);
    // A lock known to be current (exact-key restore) is used as is, without re-resolving it.
    expect(pytestCommand({ requirements: ["pytest>=8"] }, "/t/j.xml", true).slice(0, 3)).toEqual(["run", "--frozen", "pytest"]);
    expect(pytestCommand({ requirements: [] }, "/t/j.xml", true).slice(0, 4)).toEqual(["run", "--frozen", "--with", `pytest==${DEFAULT_VERSIONS.pytest}`]);
  });
});
