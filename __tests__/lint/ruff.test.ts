import { describe, expect, it } from "@jest/globals";
import { parseRuffCheck, parseRuffFormatCheck } from "../../src/lint/ruff.js";

describe("parseRuffCheck", () => {
  it("turns ruff's JSON into annotations relative to the workspace", () => {
    const json = JSON.stringify([
      { code: "F401", message: "`os` imported but unused", filename: "/ws/app/src/entry.py", location: { row: 1, column: 8 }, end_location: { row: 1, column: 10 }, url: "u" },
      { code: null, message: "SyntaxError: Expected an expression", filename: "/ws/app/src/bad.py", location: { row: 3, column: 5 } },
    ]);
    expect(parseRuffCheck(json, "/ws/app", "/ws")).toEqual([
      { level: "error", title: "Ruff (F401)", message: "F401 `os` imported but unused", file: "app/src/entry.py", line: 1, column: 8 },
      { level: "error", title: "Ruff", message: "SyntaxError: Expected an expression", file: "app/src/bad.py", line: 3, column: 5 },
    ]);
  });
  it("returns nothing for an empty report", () => {
    expect(parseRuffCheck("[]", "/ws", "/ws")).toEqual([]);
    expect(parseRuffCheck("", "/ws", "/ws")).toEqual([]);
  });
});

describe("parseRuffFormatCheck", () => {
  it("lists the files ruff would reformat", () => {
    const out = "Would reformat: src/entry.py\nWould reformat: tests/test_a.py\n2 files would be reformatted, 3 files already formatted\n";
    expect(parseRuffFormatCheck(out, "/ws/app", "/ws")).toEqual([{ file: "app/src/entry.py" }, { file: "app/tests/test_a.py" }]);
  });
  it("reads the diagnostic form of newer ruff, with the first changed line", () => {
    const out = "unformatted: File would be reformatted\n --> src/greeting.py:2:34\n  |\n1 | def greet():\n  -     return 1  \n2 +     return 1\n  |\n\n1 file would be reformatted\n";
    expect(parseRuffFormatCheck(out, "/ws/app", "/ws")).toEqual([{ file: "app/src/greeting.py", line: 2 }]);
  });
});
