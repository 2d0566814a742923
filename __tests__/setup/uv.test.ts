import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { parseSha256File, parseUvVersion, uvRequest, uvTarget } from "../../src/setup/uv.js";

describe("uvRequest", () => {
  it("prefers the input, then required-version, then the tested default", () => {
    expect(uvRequest("0.12.5", ">=0.5")).toEqual({ spec: "0.12.5", source: "uv-version" });
    expect(uvRequest("", ">=0.5")).toEqual({ spec: ">=0.5", source: "required-version" });
    expect(uvRequest("", undefined)).toEqual({ spec: DEFAULT_VERSIONS.uv, source: "default" });
  });
});

describe("uvTarget", () => {
  it("maps runners to uv's release triples", () => {
    expect(uvTarget("linux", "x64")).toBe("x86_64-unknown-linux-gnu");
    expect(uvTarget("linux", "arm64")).toBe("aarch64-unknown-linux-gnu");
    expect(uvTarget("darwin", "arm64")).toBe("aarch64-apple-darwin");
    expect(() => uvTarget("win32", "x64")).toThrow(/no uv build for platform "win32"/);
    expect(() => uvTarget("linux", "ia32")).toThrow(/no uv build for CPU "ia32"/);
  });
});

describe("parsers", () => {
  it("reads uv --version and sha256 sidecars", () => {
    expect(parseUvVersion("uv 0.13.9 (abc123 2026-11-01)\n")).toBe("0.13.9");
    expect(parseUvVersion("something else")).toBeNull();
    const hex = "a".repeat(64);
    expect(parseSha256File(`${hex}  uv-x86_64-unknown-linux-gnu.tar.gz\n`)).toBe(hex);
    expect(parseSha256File(hex.toUpperCase())).toBe(hex);
    expect(parseSha256File("<html>not found</html>")).toBeNull();
  });
});
