import { describe, expect, it } from "@jest/globals";
import { chooseVersion, exactVersion, pep440ToSemverRange, satisfies } from "../../src/project/versions.js";

describe("pep440ToSemverRange", () => {
  it.each([
    [">=0.5,<0.7", ">=0.5.0 <0.7.0"],
    ["==0.13.9", "0.13.9"],
    ["0.13.9", "0.13.9"],
    ["~=0.12.3", ">=0.12.3 <0.13.0"],
    ["~=1.2", ">=1.2.0 <2.0.0"],
    ["==0.13.*", "0.13.x"],
    ["", "*"],
  ])("%s → %s", (spec, range) => {
    expect(pep440ToSemverRange(spec)).toBe(range);
  });
  it("returns null for what it cannot read", () => {
    expect(pep440ToSemverRange("banana")).toBeNull();
  });
});

describe("satisfies / chooseVersion / exactVersion", () => {
  it("checks PEP 440 and semver specs", () => {
    expect(satisfies("0.13.9", ">=0.12.3")).toBe(true);
    expect(satisfies("0.11.0", ">=0.12.3")).toBe(false);
    expect(satisfies("0.13.9", "^0.13.0")).toBe(true);
    expect(satisfies("0.13.9", "!=0.13.9")).toBe(false);
    expect(satisfies("0.13.9", "nonsense")).toBe(false);
  });
  it("picks an exact version as is, else the best candidate", () => {
    expect(chooseVersion("==0.13.2", [])).toBe("0.13.2");
    expect(chooseVersion(">=0.12,<0.13.5", ["0.12.1", "0.13.4", "0.13.9"])).toBe("0.13.4");
    expect(chooseVersion(">=0.14", ["0.13.9"])).toBeNull();
  });
  it("knows an exact version", () => {
    expect(exactVersion("==1.2.3")).toBe("1.2.3");
    expect(exactVersion("1.2.3")).toBe("1.2.3");
    expect(exactVersion(">=1.2.3")).toBeNull();
  });
});
