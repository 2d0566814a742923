import { describe, expect, it } from "@jest/globals";
import { InputError } from "../src/errors.js";
import { getInputFromEnv, loadInputs, parseBoolean, parseMillis, parseMode, parsePercentage, parseSaveCache, parseSecretNames, parseSizeInput, parseSmokePath, parseVars } from "../src/inputs.js";

describe("parseMode", () => {
  it("defaults to auto and accepts every documented mode", () => {
    expect(parseMode("")).toBe("auto");
    for (const m of ["auto", "deploy", "preview", "dry-run", "check"]) expect(parseMode(m)).toBe(m);
  });
  it("names the input and the choices for an unknown mode", () => {
    expect(() => parseMode("ship-it")).toThrow(InputError);
    expect(() => parseMode("ship-it")).toThrow(/^mode: unknown mode "ship-it"\. Use one of: auto, deploy, preview, dry-run, check\.$/);
  });
});

describe("parseVars", () => {
  it("parses NAME=value lines, keeping = in values and skipping blanks and comments", () => {
    expect(parseVars("A=1\n\n# note\nB = x=y \nC=")).toEqual([
      ["A", "1"],
      ["B", "x=y"],
      ["C", ""],
    ]);
  });
  it("lets a later line override an earlier one", () => {
    expect(parseVars("A=1\nA=2")).toEqual([["A", "2"]]);
  });
  it("rejects a line without = with its line number", () => {
    expect(() => parseVars("A=1\nGREETING hello")).toThrow(/^vars: line 2 is not NAME=value \(got "GREETING hello"\)/);
  });
  it("rejects an invalid name", () => {
    expect(() => parseVars("1A=x")).toThrow(/vars: line 1/);
  });
});

describe("parseSecretNames", () => {
  it("parses names, dropping duplicates", () => {
    expect(parseSecretNames("API_KEY\nDB_URL\nAPI_KEY")).toEqual(["API_KEY", "DB_URL"]);
  });
  it("rejects NAME=value with a hint to use env:", () => {
    expect(() => parseSecretNames("API_KEY=abc")).toThrow(/secrets: line 1 looks like NAME=value.*env:/);
  });
  it("rejects invalid names", () => {
    expect(() => parseSecretNames("my-key")).toThrow(/secrets: line 1: "my-key" is not a valid secret name/);
  });
});

describe("parseBoolean", () => {
  it("accepts YAML-ish booleans and falls back when empty", () => {
    expect(parseBoolean("lint", "", true)).toBe(true);
    expect(parseBoolean("lint", "false", true)).toBe(false);
    expect(parseBoolean("lint", "TRUE", false)).toBe(true);
    expect(() => parseBoolean("lint", "maybe", true)).toThrow(/^lint: expected true or false/);
  });
});

describe("loadInputs", () => {
  it("reads INPUT_* variables like the runner sets them and resolves the working directory", () => {
    const env = { "INPUT_WORKING-DIRECTORY": "app", INPUT_MODE: "dry-run", INPUT_VARS: "A=1", INPUT_LINT: "false", "INPUT_UV-DOWNLOAD-URL": "http://127.0.0.1:9/uv/" };
    const inputs = loadInputs(getInputFromEnv(env), "/ws");
    expect(inputs.workingDirectory).toBe("/ws/app");
    expect(inputs.mode).toBe("dry-run");
    expect(inputs.vars).toEqual([["A", "1"]]);
    expect(inputs.lint).toBe(false);
    expect(inputs.test).toBe(true);
    expect(inputs.uvDownloadUrl).toBe("http://127.0.0.1:9/uv");
  });
  it("rejects a download URL that is not http(s)", () => {
    expect(() => loadInputs(getInputFromEnv({ "INPUT_UV-DOWNLOAD-URL": "ftp://x" }), "/ws")).toThrow(/^uv-download-url:/);
  });
});

describe("snapshot check inputs", () => {
  it("reads the size limit with units, defaulting to 64 MiB", () => {
    expect(parseSizeInput("")).toBe(64 * 1024 * 1024);
    expect(parseSizeInput("10 MB")).toBe(10_000_000);
    expect(() => parseSizeInput("huge")).toThrow(/^bundle-size-limit: "huge" is not a size/);
  });
  it("reads the import budget in ms or s", () => {
    expect(parseMillis("import-time-budget", "", 1000)).toBe(1000);
    expect(parseMillis("import-time-budget", "250", 1000)).toBe(250);
    expect(parseMillis("import-time-budget", "1.5s", 1000)).toBe(1500);
    expect(() => parseMillis("import-time-budget", "soon", 1000)).toThrow(/^import-time-budget: "soon" is not a duration/);
  });
});

describe("release and cache inputs", () => {
  it("reads a rollout percentage", () => {
    expect(parsePercentage("")).toBe(100);
    expect(parsePercentage("25%")).toBe(25);
    expect(() => parsePercentage("0")).toThrow(/^rollout-percentage: "0" is not a whole percentage from 1 to 100\.$/);
    expect(() => parsePercentage("12.5")).toThrow(/rollout-percentage/);
  });
  it("wants a smoke-test path that starts with /", () => {
    expect(parseSmokePath("/health")).toBe("/health");
    expect(() => parseSmokePath("health")).toThrow(/^smoke-test-path: "health" must start with \//);
  });
  it("reads save-cache", () => {
    expect(parseSaveCache("")).toBe("auto");
    expect(parseSaveCache("FALSE")).toBe("false");
    expect(() => parseSaveCache("sometimes")).toThrow(/^save-cache: expected auto, true or false/);
  });
});
