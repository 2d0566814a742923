import { afterEach, describe, expect, it } from "@jest/globals";
import { InputError } from "../src/errors.js";
import { loadInputs, parseDuration, parseMillis, parseMode, parsePercentage, parseSaveCache, parseSecretNames, parseSizeInput, parseSmokePath, parseTestRuntime, parseVars } from "../src/inputs.js";

/** Lines as core.getMultilineInput gives them: trimmed, blank lines dropped. */
const ml = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

describe("parseMode", () => {
  it("accepts every documented mode", () => {
    for (const m of ["auto", "deploy", "preview", "dry-run", "check"]) expect(parseMode(m)).toBe(m);
  });
  it("names the input and the choices for an unknown mode", () => {
    expect(() => parseMode("ship-it")).toThrow(InputError);
    expect(() => parseMode("ship-it")).toThrow(/^mode: unknown mode "ship-it"\. Use one of: auto, deploy, preview, dry-run, check\.$/);
  });
});

describe("parseVars", () => {
  it("parses NAME=value lines, keeping = in values and skipping comments", () => {
    expect(parseVars(ml("A=1\n\n# note\nB = x=y \nC="))).toEqual([
      ["A", "1"],
      ["B", "x=y"],
      ["C", ""],
    ]);
  });
  it("lets a later line override an earlier one", () => {
    expect(parseVars(ml("A=1\nA=2"))).toEqual([["A", "2"]]);
  });
  it("rejects a line without = with its line number", () => {
    expect(() => parseVars(ml("A=1\nGREETING hello"))).toThrow(/^vars: line 2 is not NAME=value \(got "GREETING hello"\)/);
  });
  it("rejects an invalid name", () => {
    expect(() => parseVars(ml("1A=x"))).toThrow(/vars: line 1/);
  });
});

describe("parseSecretNames", () => {
  it("parses names, dropping duplicates", () => {
    expect(parseSecretNames(ml("API_KEY\nDB_URL\nAPI_KEY"))).toEqual(["API_KEY", "DB_URL"]);
  });
  it("rejects NAME=value with a hint to use env:", () => {
    expect(() => parseSecretNames(ml("API_KEY=abc"))).toThrow(/secrets: line 1 looks like NAME=value.*env:/);
  });
  it("rejects invalid names", () => {
    expect(() => parseSecretNames(ml("my-key"))).toThrow(/secrets: line 1: "my-key" is not a valid secret name/);
  });
});

describe("loadInputs (through @actions/core)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith("INPUT_")) delete process.env[k];
    Object.assign(process.env, saved);
  });
  const given = (inputs: Record<string, string>) => {
    for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  };

  it("reads INPUT_* variables like the runner sets them and resolves the working directory", () => {
    given({ "working-directory": "app", mode: "dry-run", vars: "A=1\n\nB=2", lint: "false", "uv-download-url": "http://127.0.0.1:9/uv/" });
    const inputs = loadInputs("/ws");
    expect(inputs.workingDirectory).toBe("/ws/app");
    expect(inputs.mode).toBe("dry-run");
    expect(inputs.vars).toEqual([
      ["A", "1"],
      ["B", "2"],
    ]);
    expect(inputs.lint).toBe(false);
    expect(inputs.test).toBe(true);
    expect(inputs.uvDownloadUrl).toBe("http://127.0.0.1:9/uv");
  });
  it("takes every default from action.yml", () => {
    const inputs = loadInputs("/ws");
    expect(inputs.workingDirectory).toBe("/ws");
    expect(inputs.mode).toBe("auto");
    expect(inputs.saveCache).toBe("auto");
    expect(inputs.bundleSizeLimit).toBe(64 * 1024 * 1024);
    expect(inputs.importTimeBudgetMs).toBe(1000);
    expect(inputs.smokeTestTimeoutMs).toBe(60_000);
    expect(inputs.rolloutPercentage).toBe(100);
    expect(inputs.npmRegistryUrl).toBe("https://registry.npmjs.org");
    expect(inputs.uvDownloadUrl).toBe("https://github.com/astral-sh/uv/releases/download");
    expect(inputs.githubToken).toBe("");
  });
  it("keeps the one-line error for a bad boolean", () => {
    given({ lint: "sometimes" });
    expect(() => loadInputs("/ws")).toThrow(/^lint: expected true or false, got "sometimes"\.$/);
    given({ lint: "TRUE" });
    expect(loadInputs("/ws").lint).toBe(true);
  });
  it("rejects a download URL that is not http(s)", () => {
    given({ "uv-download-url": "ftp://x" });
    expect(() => loadInputs("/ws")).toThrow(/^uv-download-url:/);
  });
  it("names what each URL input is for", () => {
    given({ "npm-registry-url": "not a url" });
    expect(() => loadInputs("/ws")).toThrow(/^npm-registry-url: "not a url" is not a URL\. Give the base URL of an npm registry\.$/);
    delete process.env["INPUT_NPM-REGISTRY-URL"];
    given({ "smoke-test-url": "nope" });
    expect(() => loadInputs("/ws")).toThrow(/^smoke-test-url: "nope" is not a URL\. Give the full URL the smoke test should GET\.$/);
  });
});

describe("snapshot check inputs", () => {
  it("reads the size limit with units", () => {
    expect(parseSizeInput("64 MiB")).toBe(64 * 1024 * 1024);
    expect(parseSizeInput("10 MB")).toBe(10_000_000);
    expect(() => parseSizeInput("huge")).toThrow(/^bundle-size-limit: "huge" is not a size/);
  });
  it("reads the import budget in ms or s", () => {
    expect(parseMillis("import-time-budget", "250")).toBe(250);
    expect(parseMillis("import-time-budget", "1.5s")).toBe(1500);
    expect(() => parseMillis("import-time-budget", "soon")).toThrow(/^import-time-budget: "soon" is not a duration/);
  });
});

describe("release and cache inputs", () => {
  it("reads a rollout percentage", () => {
    expect(parsePercentage("100")).toBe(100);
    expect(parsePercentage("25%")).toBe(25);
    expect(() => parsePercentage("0")).toThrow(/^rollout-percentage: "0" is not a whole percentage from 1 to 100\.$/);
    expect(() => parsePercentage("12.5")).toThrow(/rollout-percentage/);
  });
  it("wants a smoke-test path that starts with /", () => {
    expect(parseSmokePath("/health")).toBe("/health");
    expect(() => parseSmokePath("health")).toThrow(/^smoke-test-path: "health" must start with \//);
  });
  it("reads save-cache", () => {
    expect(parseSaveCache("auto")).toBe("auto");
    expect(parseSaveCache("FALSE")).toBe("false");
    expect(() => parseSaveCache("sometimes")).toThrow(/^save-cache: expected auto, true or false/);
  });
});

describe("test-runtime and test-timeout", () => {
  it("accepts cpython, pyodide and both (any case)", () => {
    expect(parseTestRuntime("cpython")).toBe("cpython");
    expect(parseTestRuntime(" Pyodide ")).toBe("pyodide");
    expect(parseTestRuntime("both")).toBe("both");
  });
  it("names the input and the choices otherwise", () => {
    expect(() => parseTestRuntime("wasm")).toThrow(/^test-runtime: expected cpython, pyodide or both, got "wasm"\.$/);
  });
  it("reads bare seconds and durations", () => {
    expect(parseDuration("test-timeout", "300")).toBe(300_000);
    expect(parseDuration("test-timeout", "5m")).toBe(300_000);
    expect(parseDuration("test-timeout", "90s")).toBe(90_000);
    expect(parseDuration("test-timeout", "1h")).toBe(3_600_000);
    expect(parseDuration("test-timeout", "1500ms")).toBe(1500);
  });
  it("rejects zero and text, naming the input", () => {
    expect(() => parseDuration("test-timeout", "0")).toThrow(/^test-timeout: "0" is not a duration/);
    expect(() => parseDuration("test-timeout", "ten minutes")).toThrow(/^test-timeout: "ten minutes" is not a duration\. Write seconds \(300\) or e\.g\. 90s, 5m\.$/);
  });
});
