import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { lintAnnotations, ruffSpec } from "../../src/lint/run.js";

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
