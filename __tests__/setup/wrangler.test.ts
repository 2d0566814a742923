import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { npxShim, wranglerRequest } from "../../src/setup/wrangler.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "pwa-wr-"));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

describe("wranglerRequest", () => {
  it("uses the tested default for a project without Node files", () => {
    expect(wranglerRequest("", tmp())).toEqual({ spec: DEFAULT_VERSIONS.wrangler, source: "default" });
  });
  it("prefers package-lock.json over package.json", () => {
    const dir = tmp();
    write(path.join(dir, "package.json"), JSON.stringify({ devDependencies: { wrangler: "^4.100.0" } }));
    expect(wranglerRequest("", dir)).toEqual({ spec: "^4.100.0", source: "package.json" });
    write(path.join(dir, "package-lock.json"), JSON.stringify({ packages: { "node_modules/wrangler": { version: "4.150.1" } } }));
    expect(wranglerRequest("", dir)).toEqual({ spec: "4.150.1", source: "package-lock.json" });
  });
  it("uses an installed copy in the project or an ancestor, and the input when it differs", () => {
    const root = tmp();
    const dir = path.join(root, "apps", "worker");
    fs.mkdirSync(dir, { recursive: true });
    write(path.join(root, "node_modules", "wrangler", "package.json"), JSON.stringify({ version: "4.160.0" }));
    expect(wranglerRequest("", dir)).toEqual({ spec: "4.160.0", source: "node_modules", installedDir: path.join(root, "node_modules", "wrangler") });
    expect(wranglerRequest("^4.150.0", dir).installedDir).toBe(path.join(root, "node_modules", "wrangler"));
    expect(wranglerRequest("4.164.0", dir)).toEqual({ spec: "4.164.0", source: "wrangler-version", installedDir: undefined });
  });
  it("rejects an input that is not a version or range", () => {
    expect(() => wranglerRequest("four", tmp())).toThrow(/^wrangler-version: "four" is not an npm version or range/);
  });
});

describe("npxShim", () => {
  // The shim is a real sh script: run it with stand-ins for wrangler and npx that echo their argv.
  const dir = tmp();
  const echo = (name: string) => {
    const f = path.join(dir, `${name}.cjs`);
    fs.writeFileSync(f, `console.log(JSON.stringify({ who: ${JSON.stringify(name)}, args: process.argv.slice(2) }))`);
    return f;
  };
  const shim = path.join(dir, "npx");
  fs.writeFileSync(shim, npxShim(process.execPath, echo("wrangler"), echo("real-npx")), { mode: 0o755 });
  const call = (...args: string[]) => JSON.parse(execFileSync(shim, args, { encoding: "utf8" }));

  it("runs our wrangler for pywrangler's calls, keeping arguments intact", () => {
    expect(call("--yes", "wrangler", "deploy", "--message", "two words", "--var", "A:b c")).toEqual({ who: "wrangler", args: ["deploy", "--message", "two words", "--var", "A:b c"] });
    expect(call("--yes", "--silent", "wrangler", "--version")).toEqual({ who: "wrangler", args: ["--version"] });
  });
  it("hands anything else to the real npx unchanged", () => {
    expect(call("--yes", "create-cloudflare", "--lang=python")).toEqual({ who: "real-npx", args: ["--yes", "create-cloudflare", "--lang=python"] });
  });
});
