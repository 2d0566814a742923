import { describe, expect, it } from "@jest/globals";
import { parseCacheMode, parseCacheSizeLimit, parseCommands, parsePytestArgs, shellSplit } from "../src/controls.js";

describe("pytest-args", () => {
  it("splits shell-like words without a shell, and keeps one-a-line arguments whole", () => {
    expect(parsePytestArgs(`-m "not slow" -k 'api and not db'\n# a comment\n--maxfail=2`)).toEqual(["-m", "not slow", "-k", "api and not db", "--maxfail=2"]);
    expect(parsePytestArgs("$(rm -rf /) `x` ; echo")).toEqual(["$(rm", "-rf", "/)", "`x`", ";", "echo"]);
    expect(shellSplit(String.raw`a\ b "c \"d\"" ''`, "pytest-args")).toEqual(["a b", 'c "d"', ""]);
  });
  it("names the input on an unclosed quote", () => {
    expect(() => parsePytestArgs(`-k "api`)).toThrow(/^pytest-args: unclosed " in: -k "api/);
  });
});

describe("pre-deploy / post-deploy", () => {
  it("keeps one command a line, dropping blanks and comments", () => {
    expect(parseCommands("pywrangler d1 migrations apply DB --remote\n\n  # later\necho done | tee x")).toEqual(["pywrangler d1 migrations apply DB --remote", "echo done | tee x"]);
  });
});

describe("cache auto", () => {
  it("is on on GitHub-hosted runners and off on self-hosted ones unless asked for", () => {
    expect(parseCacheMode("auto", "github-hosted")).toEqual({ cache: true });
    expect(parseCacheMode("auto", undefined)).toEqual({ cache: true });
    expect(parseCacheMode("auto", "self-hosted")).toMatchObject({ cache: false, reason: expect.stringMatching(/self-hosted runner/) });
    expect(parseCacheMode("true", "self-hosted")).toEqual({ cache: true });
    expect(parseCacheMode("false", "github-hosted").cache).toBe(false);
    expect(() => parseCacheMode("yes", "github-hosted")).toThrow(/^cache: expected auto, true or false, got "yes"/);
  });
  it("reads the size bound", () => {
    expect(parseCacheSizeLimit("0")).toBe(0);
    expect(parseCacheSizeLimit("2 GiB")).toBe(2 * 1024 ** 3);
    expect(() => parseCacheSizeLimit("big")).toThrow(/^cache-size-limit: "big" is not a size/);
  });
});
