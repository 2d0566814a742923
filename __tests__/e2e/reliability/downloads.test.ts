// The downloads the Action makes itself are bounded: a uv mirror or an npm registry that accepts the
// connection and never answers ends the step within download-timeout × 3 attempts (plus a short
// backoff), with a message naming the host and the input; a mirror that hangs once is retried and the
// run passes. A tool cache without uv (or without Pyodide) makes the Action download it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { startFileServer } from "../../../scripts/testkit/file-server.mjs";
import { runnerPath } from "../../../scripts/testkit/runner.mjs";
import { prepareTools } from "../../../scripts/testkit/tools.mjs";
import { type FileServer, helloWorker, runAction } from "../env.js";
import { processesUnder } from "./procs.js";

jest.setTimeout(60_000);

const UV_SHA = "/0.13.9/uv-x86_64-unknown-linux-gnu.tar.gz.sha256";
const UV_ARCHIVE = "/0.13.9/uv-x86_64-unknown-linux-gnu.tar.gz";
let mirror: FileServer;
let registry: FileServer;
/** A tool cache the Action filled with uv and workers-py (from the working mirror), for the cases that need them. */
let filled: string;
beforeAll(async () => {
  const tools = prepareTools();
  mirror = await startFileServer(tools.uvMirror.dir);
  registry = await startFileServer(tools.npmMirror.dir);
  filled = toolCache();
  const { workspace } = helloWorker();
  const r = await runAction({ workspace, toolCache: filled, inputs: { ...check, "uv-download-url": mirror.url, "npm-registry-url": registry.url } });
  if (r.exitCode !== 0) throw new Error(`filling the tool cache failed:\n${r.stdout}`);
});
afterAll(async () => {
  await Promise.all([mirror.close(), registry.close()]);
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  console.log(`downloads:\n${figures.map((f) => `  ${f}`).join("\n")}`);
});
const figures: string[] = [];
/** Temporary folders this file made (tool caches, a stand-in npm), removed at the end. */
const made: string[] = [];

/** An empty tool cache, or one with only the named tools of the one filled first (links). */
function toolCache(tools: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
  made.push(dir);
  for (const t of tools) fs.symlinkSync(path.join(filled, t), path.join(dir, t));
  return dir;
}

const host = (s: FileServer) => new URL(s.url).host;
const check = { "working-directory": "hello", mode: "check", lint: "false", test: "false", "snapshot-check": "false", cache: "false", "download-timeout": "2s" };

async function go(name: string, inputs: Record<string, string>, cache: string, env: Record<string, string> = {}) {
  const { workspace } = helloWorker();
  const r = await runAction({ workspace, toolCache: cache, timeoutMs: 50_000, env, inputs: { ...check, "uv-download-url": mirror.url, "npm-registry-url": registry.url, ...inputs } });
  const errors = r.annotations.filter((a) => a.level === "error");
  figures.push(`${name}: exit ${r.exitCode}, ${Math.round(r.millis)} ms${errors[0] ? ` — ${errors[0].message}` : ""}`);
  for (const a of r.annotations) expect(a.message).not.toMatch(/\n\s+at .*:\d+/);
  expect(errors.length).toBeLessThanOrEqual(1);
  return { r, error: errors[0]?.message ?? "" };
}

describe("the Action's own downloads", () => {
  it("a uv mirror that never answers fails the step within 3 × download-timeout, naming the host and the input", async () => {
    const cache = toolCache();
    const before = mirror.requests.length;
    mirror.faults.hang = Number.POSITIVE_INFINITY;
    try {
      const { r, error } = await go("uv mirror hangs (download-timeout 2s)", {}, cache);
      expect(r.exitCode).toBe(1);
      expect(error).toBe(
        `setup: could not download uv 0.13.9 from ${mirror.url}${UV_SHA}: ${host(mirror)} sent no data for 2 s (download-timeout) (3 attempts). Check uv-version, or set uv-download-url to a reachable mirror. A slow server: raise download-timeout.`,
      );
      expect(r.summary).toContain("❌ failed at setup");
      // 3 attempts at the checksum file, nothing after it.
      expect(mirror.requests.slice(before)).toEqual([UV_SHA, UV_SHA, UV_SHA]);
      expect(r.stdout).toMatch(/Attempt 2 of 3 in 1 s\./);
      expect(r.stdout).toMatch(/Attempt 3 of 3 in 2 s\./);
      // 3 × 2 s of silence and 1 + 2 s of backoff: 9 s, with room for start-up on a loaded machine.
      expect(r.millis).toBeGreaterThan(9000);
      expect(r.millis).toBeLessThan(20_000);
      expect(fs.existsSync(path.join(cache, "uv"))).toBe(false);
      r.cleanup();
    } finally {
      mirror.faults.hang = 0;
    }
  });

  it("a uv mirror that hangs once: the second attempt downloads uv and the run passes", async () => {
    const cache = toolCache();
    const before = mirror.requests.length;
    mirror.faults.hang = 1;
    const { r } = await go("uv mirror hangs once (download-timeout 2s)", {}, cache);
    expect(r.exitCode).toBe(0);
    expect(mirror.requests.slice(before)).toEqual([UV_SHA, UV_SHA, UV_ARCHIVE]);
    expect(r.stdout).toContain(`Download of ${mirror.url}${UV_SHA} failed: ${host(mirror)} sent no data for 2 s (download-timeout). Attempt 2 of 3 in 1 s.`);
    expect(fs.existsSync(path.join(cache, "uv", "0.13.9", "x64", "uv"))).toBe(true);
    expect(r.outputs["uv-version"]).toBe("0.13.9");
    expect(r.summary).not.toContain("❌");
    expect(r.millis).toBeLessThan(20_000);
    r.cleanup();
  });

  it("an npm registry that never answers the Pyodide tarball fails the snapshot check within its bound, naming the host and the input", async () => {
    const cache = toolCache(["uv", "workers-py"]);
    const before = registry.requests.length;
    registry.faults.hang = Number.POSITIVE_INFINITY;
    try {
      const { r, error } = await go("npm registry hangs on the Pyodide tarball (download-timeout 2s)", { "snapshot-check": "true" }, cache);
      expect(r.exitCode).toBe(1);
      const tgz = registry.requests.slice(before);
      expect(tgz).toHaveLength(3);
      expect(new Set(tgz).size).toBe(1);
      expect(tgz[0]).toMatch(/^\/pyodide\/-\/pyodide-[\d.]+\.tgz$/);
      const version = /pyodide-([\d.]+)\.tgz$/.exec(tgz[0])?.[1];
      expect(error).toBe(
        `snapshot: could not download Pyodide ${version} from ${registry.url}${tgz[0]}: ${host(registry)} sent no data for 2 s (download-timeout) (3 attempts). Set npm-registry-url to a reachable registry, or snapshot-check: false. A slow server: raise download-timeout.`,
      );
      expect(r.summary).toContain("❌ failed at snapshot");
      expect(r.millis).toBeLessThan(20_000);
      expect(fs.existsSync(path.join(cache, "pyodide"))).toBe(false);
      r.cleanup();
    } finally {
      registry.faults.hang = 0;
    }
  });

  // wrangler is installed with npm when neither the project nor the tool cache has it (here: a tool
  // cache without wrangler, mode dry-run, which bundles with wrangler).
  it("npm's install of wrangler from a registry that never answers fails within its bound, naming the request and download-timeout", async () => {
    const cache = toolCache(["uv", "workers-py"]);
    const before = registry.requests.length;
    registry.faults.hang = Number.POSITIVE_INFINITY;
    try {
      const { r, error } = await go("npm registry hangs on wrangler's install (download-timeout 1s)", { mode: "dry-run", "download-timeout": "1s" }, cache, {
        npm_config_registry: `${registry.url}/`,
      });
      expect(r.exitCode).toBe(1);
      expect(error).toMatch(
        new RegExp(
          `npm could not install wrangler@4\\.164\\.0 \\(exit 1: FETCH_ERROR: timeout at: ${registry.url}/wrangler; each request waits at most download-timeout \\(1 s\\)\\)\\. Check wrangler-version and that the npm registry is reachable\\.$`,
        ),
      );
      // npm's 3 tries at wrangler's packument (fetch-retries 2), then nothing.
      expect(registry.requests.slice(before)).toEqual(["/wrangler", "/wrangler", "/wrangler"]);
      expect(r.millis).toBeLessThan(20_000);
      r.cleanup();
    } finally {
      registry.faults.hang = 0;
    }
  });

  it("an npm that hangs past 10 × download-timeout is stopped with its process tree, naming the input", async () => {
    const cache = toolCache(["uv", "workers-py"]);
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-npm-"));
    made.push(bin);
    // A stand-in for an npm stuck in a way its own timeouts miss: it and its child sleep.
    fs.writeFileSync(path.join(bin, "npm"), "#!/bin/sh\nsleep 600 &\nwait\n", { mode: 0o755 });
    const { workspace } = helloWorker();
    const r = await runAction({
      workspace,
      toolCache: cache,
      timeoutMs: 50_000,
      env: { PATH: `${bin}:${runnerPath(prepareTools())}` },
      inputs: { ...check, mode: "dry-run", "download-timeout": "1s", "uv-download-url": mirror.url, "npm-registry-url": registry.url },
    });
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    figures.push(`npm hangs (download-timeout 1s): exit ${r.exitCode}, ${Math.round(r.millis)} ms — ${error}`);
    expect(r.exitCode).toBe(1);
    expect(error).toMatch(
      /npm install of wrangler@4\.164\.0 was stopped after 10 s \(10 × download-timeout\) with its child processes\. Check that the npm registry \(registry\.npmjs\.org\) is reachable, or raise download-timeout\.$/,
    );
    expect(r.millis).toBeLessThan(25_000);
    expect(processesUnder(workspace)).toEqual([]);
    expect(fs.readdirSync(cache).filter((d) => d === "wrangler" && fs.readdirSync(path.join(cache, d)).length > 0)).toEqual([]);
    r.cleanup();
  });
});
