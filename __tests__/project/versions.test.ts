import { describe, expect, it } from "@jest/globals";
import { chooseVersion, exactVersion, satisfies } from "../../src/project/versions.js";

describe("satisfies / chooseVersion / exactVersion", () => {
  it("checks PEP 440 and semver specs", () => {
    expect(satisfies("0.13.9", ">=0.12.3")).toBe(true);
    expect(satisfies("0.11.0", ">=0.12.3")).toBe(false);
    expect(satisfies("0.13.9", "^0.13.0")).toBe(true);
    expect(satisfies("0.13.9", "!=0.13.9")).toBe(false);
    expect(satisfies("0.13.9", "nonsense")).toBe(false);
  });
  it.each([
    ["0.6.1", ">=0.5,<0.7", true],
    ["0.7.0", ">=0.5,<0.7", false],
    ["0.12.9", "~=0.12.3", true],
    ["0.13.0", "~=0.12.3", false],
    ["1.9.0", "~=1.2", true],
    ["0.13.4", "==0.13.*", true],
    ["0.14.0", "==0.13.*", false],
    ["0.13.9", "0.13.9", true],
    ["0.13.9", "", true],
    ["0.13.9", "latest", true],
  ])("%s satisfies %s: %s", (version, spec, ok) => {
    expect(satisfies(version, spec)).toBe(ok);
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
