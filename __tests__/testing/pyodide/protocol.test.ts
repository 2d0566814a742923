import { describe, expect, it } from "@jest/globals";
import { readCurrent, writeCurrent } from "../../../src/testing/pyodide/protocol.js";

describe("the current-test buffer", () => {
  it("round-trips node ids, including non-ASCII, and is cleared between tests", () => {
    const buf = new SharedArrayBuffer(4 + 64);
    expect(readCurrent(buf)).toBe("");
    writeCurrent(buf, "tests/test_ü.py::test_a[x-1]");
    expect(readCurrent(buf)).toBe("tests/test_ü.py::test_a[x-1]");
    writeCurrent(buf, "");
    expect(readCurrent(buf)).toBe("");
  });
  it("truncates an id longer than the buffer instead of overflowing", () => {
    const buf = new SharedArrayBuffer(4 + 8);
    writeCurrent(buf, "tests/test_long.py::test");
    expect(readCurrent(buf)).toBe("tests/te");
  });
});
