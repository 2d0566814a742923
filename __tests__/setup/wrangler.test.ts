import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { NPM_INSTALL_TIMEOUTS, npmErrorReason, npmInstallArgs, npxShim, wranglerRequest } from "../../src/setup/wrangler.js";

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

describe("npxShim with the network-log preload", () => {
  it("loads the preload into wrangler's Node only", () => {
    const dir = tmp();
    const who = (name: string) => {
      const f = path.join(dir, `${name}.cjs`);
      fs.writeFileSync(f, `console.log(JSON.stringify({ who: ${JSON.stringify(name)}, preloaded: Boolean(globalThis.__preloaded) }))`);
      return f;
    };
    const preload = path.join(dir, "pre load.cjs");
    fs.writeFileSync(preload, "globalThis.__preloaded = true;");
    const shim = path.join(dir, "npx");
    fs.writeFileSync(shim, npxShim(process.execPath, who("wrangler"), who("real-npx"), undefined, preload), { mode: 0o755 });
    const call = (...args: string[]) => JSON.parse(execFileSync(shim, args, { encoding: "utf8" }));
    expect(call("--yes", "wrangler", "deploy")).toEqual({ who: "wrangler", preloaded: true });
    expect(call("--yes", "cowsay")).toEqual({ who: "real-npx", preloaded: false });
  });
});

describe("npm install of wrangler", () => {
  it("bounds each request by download-timeout, 3 tries with a short backoff, and the whole install by 10 of them", () => {
    expect(npmInstallArgs("/tc/wrangler/.staging", "4.164.0", 60_000)).toEqual([
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--no-package-lock",
      "--loglevel=error",
      "--fetch-timeout=60000",
      "--fetch-retries=2",
      "--fetch-retry-factor=2",
      "--fetch-retry-mintimeout=1000",
      "--fetch-retry-maxtimeout=10000",
      "--prefix",
      "/tc/wrangler/.staging",
      "wrangler@4.164.0",
    ]);
    expect(NPM_INSTALL_TIMEOUTS).toBe(10);
  });

  // npm 11.19's stderr, as printed against a registry on 127.0.0.1 that never answers and one that drops the connection.
  const HANG = `npm error code FETCH_ERROR
npm error errno FETCH_ERROR
npm error network timeout at: http://127.0.0.1:37049/wrangler
npm error A complete log of this run can be found in: /tmp/npmc/_logs/2026-11-29T02_50_57_221Z-debug-0.log`;
  const RESET = `npm error code ECONNRESET
npm error errno ECONNRESET
npm error network request to http://127.0.0.1:44275/wrangler failed, reason: socket hang up
npm error network This is a problem related to network connectivity.
npm error network In most cases you are behind a proxy or have bad network settings.
npm error network
npm error network If you are behind a proxy, please make sure that the 'proxy' config is set properly.  See: 'npm help config'
npm error A complete log of this run can be found in: /tmp/npmc/_logs/2026-11-29T02_51_05_303Z-debug-0.log`;
  const MISSING = `npm error code ETARGET
npm error notarget No matching version found for wrangler@99.0.0.
npm error notarget In most cases you or one of your dependencies are requesting
npm error A complete log of this run can be found in: /tmp/x.log`;

  it("names npm's code and the request that failed, without its advice", () => {
    expect(npmErrorReason(HANG)).toBe("FETCH_ERROR: timeout at: http://127.0.0.1:37049/wrangler");
    expect(npmErrorReason(RESET)).toBe("ECONNRESET: request to http://127.0.0.1:44275/wrangler failed, reason: socket hang up");
    expect(npmErrorReason(MISSING)).toBe("ETARGET: notarget No matching version found for wrangler@99.0.0.");
    expect(npmErrorReason("npm ERR! code E404\nnpm ERR! 404 Not Found - GET http://r/wrangler - Not found")).toBe("E404: 404 Not Found - GET http://r/wrangler - Not found");
    expect(npmErrorReason("something else entirely")).toBeUndefined();
  });
});
