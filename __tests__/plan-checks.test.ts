// The checks the plan makes before anything runs: real files and symlinks in a temp folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { checkAccountId, checkExplicitAlias, checkMainExists, checkNameClash, checkSingleLine, checkWorkingDirectory, stripControl } from "../src/plan-checks.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "pwa-checks-"));

describe("checkSingleLine", () => {
  it("passes printable text, unicode included", () => {
    expect(checkSingleLine("message", "Fix: naïve café ✓ (#12)")).toBe("Fix: naïve café ✓ (#12)");
  });
  it.each([
    ["a\n::warning::x", /message: contains a newline at character 2\./],
    ["a\rb", /carriage return at character 2/],
    ["tab\there", /a tab/],
    ["esc\u001b[31m", /U\+001B/],
    ["nel\u0085x", /U\+0085/],
    ["ls\u2028x", /U\+2028/],
  ])("refuses %j, naming the input and not repeating the value", (value, error) => {
    expect(() => checkSingleLine("message", value)).toThrow(error);
    try {
      checkSingleLine("message", value);
    } catch (e) {
      expect((e as Error).message).not.toContain(value);
    }
  });
  it("strips control characters from derived text", () => {
    expect(stripControl("Title\r::set-output name=x::y")).toBe("Title ::set-output name=x::y");
  });
});

describe("checkAccountId", () => {
  it("accepts 32 hex characters or nothing", () => {
    expect(() => checkAccountId("0123456789abcdefABCDEF0123456789", false)).not.toThrow();
    expect(() => checkAccountId("", false)).not.toThrow();
  });
  it.each(["123", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0"])("refuses %s with the expected shape", (id) => {
    expect(() => checkAccountId(id, false)).toThrow(/^account-id: account-id is not a Cloudflare account ID \(got \d+ characters; expected 32 hexadecimal/);
  });
  it("says when the bad value came from the environment", () => {
    expect(() => checkAccountId("nope", true)).toThrow(/CLOUDFLARE_ACCOUNT_ID environment variable/);
  });
});

describe("checkWorkingDirectory", () => {
  it("resolves a folder inside the workspace", () => {
    const ws = tmp();
    fs.mkdirSync(path.join(ws, "w"));
    expect(checkWorkingDirectory("w", ws)).toBe(fs.realpathSync(path.join(ws, "w")));
    expect(checkWorkingDirectory(".", ws)).toBe(fs.realpathSync(ws));
  });
  it("refuses ../.. and absolute paths outside", () => {
    const ws = tmp();
    expect(() => checkWorkingDirectory("../..", ws)).toThrow(/^working-directory: "\.\.\/\.\." resolves to ".*", outside the workspace/);
    expect(() => checkWorkingDirectory("/etc", ws)).toThrow(/outside the workspace/);
  });
  it("refuses a symlink that leads outside, even to a missing child", () => {
    const ws = tmp();
    const outside = tmp();
    fs.symlinkSync(outside, path.join(ws, "link"));
    expect(() => checkWorkingDirectory("link", ws)).toThrow(/outside the workspace .*\(through a symlink\)/);
    expect(() => checkWorkingDirectory("link/missing", ws)).toThrow(/outside the workspace/);
  });
  it("accepts a workspace that is itself reached through a symlink", () => {
    const real = tmp();
    fs.mkdirSync(path.join(real, "w"));
    const alias = path.join(tmp(), "ws");
    fs.symlinkSync(real, alias);
    expect(checkWorkingDirectory("w", alias)).toBe(fs.realpathSync(path.join(real, "w")));
  });
  it("reports a file as a file", () => {
    const ws = tmp();
    fs.writeFileSync(path.join(ws, "wrangler.toml"), "");
    expect(() => checkWorkingDirectory("wrangler.toml", ws)).toThrow(/is a file, not a folder/);
  });
  it("leaves a missing folder inside the workspace to the project reader", () => {
    const ws = tmp();
    expect(checkWorkingDirectory("nope", ws)).toBe(path.join(ws, "nope"));
  });
});

describe("checkNameClash", () => {
  it("refuses a name in both secrets and vars", () => {
    expect(() => checkNameClash(["API_KEY"], [["API_KEY", "x"]])).toThrow(/^vars: API_KEY is also listed in secrets/);
  });
  it("passes distinct names", () => {
    expect(() => checkNameClash(["API_KEY"], [["GREETING", "x"]])).not.toThrow();
  });
});

describe("checkMainExists", () => {
  it("refuses a missing main and a folder", () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, "src"));
    expect(() => checkMainExists(root, "src/entry.py", "wrangler.toml")).toThrow(/^wrangler\.toml: "main" is "src\/entry\.py", but no such file exists/);
    expect(() => checkMainExists(root, "src", "wrangler.toml")).toThrow(/that is a folder/);
    fs.writeFileSync(path.join(root, "src", "entry.py"), "");
    expect(() => checkMainExists(root, "src/entry.py", "wrangler.toml")).not.toThrow();
  });
});

describe("checkExplicitAlias", () => {
  it("refuses an alias that would need shortening, with the limit", () => {
    expect(() => checkExplicitAlias("a".repeat(100), "hello")).toThrow(/^preview-alias: is 100 characters long; for Worker "hello" an alias may have at most 57/);
  });
  it("passes one that fits once normalised", () => {
    expect(() => checkExplicitAlias("Feature/X", "hello")).not.toThrow();
    expect(() => checkExplicitAlias("a".repeat(57), "hello")).not.toThrow();
  });
});
