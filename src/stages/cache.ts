import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { depsKey, generationKey, hashProjectFiles, isHitFor, toolsKey } from "../cache/keys.js";
import { restoreDeps, saveDeps, type DepsPaths } from "../cache/deps.js";
import { restoreEntry, saveEntry, tally } from "../cache/store.js";
import type { ProjectInfo } from "../project/config.js";
import { formatBytes } from "../report/summary.js";
import { toolCacheRoot } from "../setup/tool-dir.js";
import { run } from "../util/exec.js";
import { ruffSpec } from "./lint.js";
import { testEnvArgs } from "./test.js";

export interface CacheContext {
  runId: string;
  runAttempt: string;
  suffix: string;
}

/** Where uv keeps its cache and its Pythons for this run (the user's settings win). */
export function depsPaths(env: NodeJS.ProcessEnv, temp: string): DepsPaths {
  return {
    staging: path.join(temp, "python-workers-cache-staging"),
    uvCache: env.UV_CACHE_DIR || path.join(temp, "python-workers-uv-cache"),
    uvPython: env.UV_PYTHON_INSTALL_DIR || path.join(temp, "python-workers-uv-python"),
  };
}

export function projectFilesHash(root: string): string {
  return hashProjectFiles(
    ["pyproject.toml", "uv.lock", "pylock.toml"].map((name) => {
      const f = path.join(root, name);
      return { name, content: fs.existsSync(f) ? fs.readFileSync(f) : null };
    }),
  );
}

// ---- tools -----------------------------------------------------------------------------------

export interface ToolsSpec {
  uv: string;
  workersPy: string;
  wrangler?: string;
  pyodide?: string;
}

/** The tool-cache folders the tools entry holds (whole tool folders: versions resolve inside). */
export function toolsPaths(spec: ToolsSpec): string[] {
  const root = toolCacheRoot();
  const tools = ["uv", "workers-py", ...(spec.wrangler ? ["wrangler"] : []), ...(spec.pyodide ? ["pyodide"] : [])];
  return tools.map((t) => path.join(root, t));
}

export function toolsCacheKey(spec: ToolsSpec, ctx: CacheContext): string {
  return toolsKey({ platform: process.platform, arch: os.arch(), uv: spec.uv, workersPy: spec.workersPy, wrangler: spec.wrangler ?? "project", pyodide: spec.pyodide, suffix: ctx.suffix });
}

export async function restoreTools(spec: ToolsSpec, ctx: CacheContext): Promise<{ key: string; hit: boolean; bytes: number; problem?: string }> {
  const key = toolsCacheKey(spec, ctx);
  const r = await restoreEntry(toolsPaths(spec), key);
  const hit = isHitFor(key, r.matchedKey);
  const bytes = hit ? toolsPaths(spec).reduce((n, p) => n + tally(p).bytes, 0) : 0;
  return { key, hit, bytes, problem: r.problem };
}

export async function saveTools(spec: ToolsSpec, ctx: CacheContext): Promise<{ saved: boolean; bytes: number; problem?: string }> {
  const paths = toolsPaths(spec);
  for (const p of paths) fs.mkdirSync(p, { recursive: true });
  // Leftovers of interrupted installs are not worth caching.
  for (const p of paths) for (const f of fs.readdirSync(p)) if (f.startsWith(".staging-")) fs.rmSync(path.join(p, f), { recursive: true, force: true });
  const bytes = paths.reduce((n, p) => n + tally(p).bytes, 0);
  const r = await saveEntry(paths, generationKey(toolsCacheKey(spec, ctx), ctx.runId, ctx.runAttempt));
  return { ...r, bytes };
}

// ---- dependencies ---------------------------------------------------------------------------

export interface DepsVersions {
  uv: string;
  workersPy: string;
  wrangler: string;
}

export function depsCacheKey(project: ProjectInfo, v: DepsVersions, stages: { lint: boolean; test: boolean }, ctx: CacheContext): string {
  return depsKey({
    platform: process.platform,
    arch: os.arch(),
    uv: v.uv,
    workersPy: v.workersPy,
    wrangler: v.wrangler,
    filesHash: projectFilesHash(project.root),
    compatibilityDate: project.worker.compatibilityDate,
    compatibilityFlags: project.worker.compatibilityFlags,
    lint: stages.lint,
    test: stages.test,
    suffix: ctx.suffix,
  });
}

export { restoreDeps };

/**
 * Fill the uv cache with what lint and test will need (ruff, the project's test environment), so
 * the entry saved now lets the next run work offline.
 */
export async function prefetchToolEnvs(project: ProjectInfo, stages: { lint: boolean; test: boolean }, env: NodeJS.ProcessEnv): Promise<void> {
  if (stages.lint) {
    const r = await run("uv", ["tool", "run", "--from", ruffSpec(project), "ruff", "--version"], { cwd: project.root, env, silent: true });
    if (r.exitCode !== 0) core.info(`Could not prefetch ruff (${r.stderr.trim().split("\n").pop()}); lint will fetch it.`);
  }
  if (stages.test) {
    const r = await run("uv", [...testEnvArgs(project), "python", "-c", "import pytest"], { cwd: project.root, env, silent: true });
    if (r.exitCode !== 0) core.info(`Could not prefetch the test environment (${r.stderr.trim().split("\n").pop()}); the test stage will build it.`);
  }
}

export async function saveDepsEntry(project: ProjectInfo, key: string, paths: DepsPaths, workersPy: string, ctx: CacheContext) {
  return saveDeps(project.root, generationKey(key, ctx.runId, ctx.runAttempt), paths, workersPy);
}

export function describeSizes(sizes: Record<string, number>): string {
  return Object.entries(sizes)
    .map(([k, v]) => `${k} ${formatBytes(v)}`)
    .join(", ");
}
