import { describe, expect, it } from "@jest/globals";
import { coveredMillis } from "../../src/util/exec.js";

describe("coveredMillis", () => {
  it("measures the union of overlapping intervals once", () => {
    expect(coveredMillis([])).toBe(0);
    expect(coveredMillis([[0, 10]])).toBe(10);
    expect(
      coveredMillis([
        [0, 10],
        [5, 15],
        [20, 30],
      ]),
    ).toBe(25);
    expect(
      coveredMillis([
        [20, 30],
        [0, 100],
        [40, 50],
      ]),
    ).toBe(100);
    expect(
      coveredMillis([
        [0, 1],
        [1, 2],
      ]),
    ).toBe(2);
  });
});
