import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { npxShim } from "../../src/setup/wrangler.js";
import { isUnusedAtRuntime, pruneTree, stubWorkerd, WORKERD_STUB, workerdBinaries } from "../../src/setup/wrangler-tree.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "pwa-wrt-"));

describe("stubWorkerd", () => {
  it("replaces each platform's workerd binary with the stub, leaving the rest of the tree", () => {
    const prefix = tmp();
    const bin = path.join(prefix, "node_modules", "@cloudflare", "workerd-linux-64", "bin", "workerd");
    const other = path.join(prefix, "node_modules", "@cloudflare", "kv-asset-handler", "bin", "workerd");
    for (const f of [bin, other]) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, Buffer.alloc(4096, 1), { mode: 0o755 });
    }
    expect(workerdBinaries(prefix)).toEqual([bin]);
    expect(stubWorkerd(prefix)).toBe(4096 - WORKERD_STUB.length);
    expect(fs.readFileSync(bin, "utf8")).toBe(WORKERD_STUB);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    expect(fs.statSync(other).size).toBe(4096);
    // Run, the stub says why and fails; a second pass finds nothing left to replace.
    expect(() => execFileSync(bin, ["--version"], { stdio: "pipe" })).toThrow(/workerd is not in this copy of wrangler/);
    expect(stubWorkerd(prefix)).toBe(0);
  });

  it("does not write through a hard link shared with another tree", () => {
    const a = tmp();
    const b = tmp();
    const rel = path.join("node_modules", "@cloudflare", "workerd-linux-arm64", "bin", "workerd");
    fs.mkdirSync(path.dirname(path.join(a, rel)), { recursive: true });
    fs.mkdirSync(path.dirname(path.join(b, rel)), { recursive: true });
    fs.writeFileSync(path.join(a, rel), Buffer.alloc(1000, 7));
    fs.linkSync(path.join(a, rel), path.join(b, rel));
    stubWorkerd(b);
    expect(fs.statSync(path.join(a, rel)).size).toBe(1000);
    expect(fs.readFileSync(path.join(b, rel), "utf8")).toBe(WORKERD_STUB);
  });

  it("finds nothing in a tree without @cloudflare", () => {
    expect(stubWorkerd(tmp())).toBe(0);
  });
});

describe("pruneTree", () => {
  it("removes declarations, source maps and docs under node_modules, and nothing Node loads", () => {
    const prefix = tmp();
    const keep = ["wrangler/wrangler-dist/cli.js", "wrangler/package.json", "unenv/dist/index.mjs", "esbuild/LICENSE.md.js", "blake3-wasm/dist/wasm/nodejs/blake3_js_bg.wasm", "miniflare/LICENSE"];
    const drop = ["wrangler/wrangler-dist/cli.js.map", "wrangler/README.md", "unenv/dist/index.d.mts", "miniflare/dist/src/index.d.ts", "x/y.d.cts"];
    for (const f of [...keep, ...drop]) {
      fs.mkdirSync(path.dirname(path.join(prefix, "node_modules", f)), { recursive: true });
      fs.writeFileSync(path.join(prefix, "node_modules", f), "x");
    }
    expect(pruneTree(prefix)).toBe(drop.length);
    for (const f of keep) expect(fs.existsSync(path.join(prefix, "node_modules", f))).toBe(true);
    for (const f of drop) expect(fs.existsSync(path.join(prefix, "node_modules", f))).toBe(false);
    expect(isUnusedAtRuntime("types.ts")).toBe(false);
  });
});

describe("npxShim and Node's compile cache", () => {
  const dir = tmp();
  const env = path.join(dir, "env.cjs");
  fs.writeFileSync(env, "console.log(process.env.NODE_COMPILE_CACHE ?? '')");
  const shim = (cache?: string) => {
    const f = path.join(dir, `npx-${cache ? "cc" : "plain"}`);
    fs.writeFileSync(f, npxShim(process.execPath, env, null, cache), { mode: 0o755 });
    return f;
  };
  const { NODE_COMPILE_CACHE: _, ...clean } = process.env;
  const call = (file: string, extra: NodeJS.ProcessEnv = {}) => execFileSync(file, ["--yes", "wrangler", "deploy"], { encoding: "utf8", env: { ...clean, ...extra } }).trim();

  it("points wrangler's processes at the cache in its tool folder, unless the caller chose one", () => {
    const cache = path.join(dir, "it's here", ".node-compile-cache");
    expect(call(shim(cache))).toBe(cache);
    expect(call(shim(cache), { NODE_COMPILE_CACHE: "/elsewhere" })).toBe("/elsewhere");
    expect(call(shim())).toBe("");
  });
});
