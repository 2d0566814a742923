import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { depsKey, generationKey, hashProjectFiles, isHitFor, toolsKey } from "../cache/keys.js";
import { saveDeps, type DepsPaths } from "../cache/deps.js";
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

/**
 * Two tool entries: `core` (uv, workers-py, Pyodide: needed from the start) and `wrangler` (large,
 * needed only by the upload, so restored in the background). Whole tool folders: versions resolve
 * inside them. Pure.
 */
export type ToolGroup = "core" | "wrangler";

export function toolsPaths(spec: ToolsSpec, group: ToolGroup): string[] {
  const root = toolCacheRoot();
  const tools = group === "core" ? ["uv", "workers-py", ...(spec.pyodide ? ["pyodide"] : [])] : spec.wrangler ? ["wrangler"] : [];
  return tools.map((t) => path.join(root, t));
}

export function toolsCacheKey(spec: ToolsSpec, group: ToolGroup, ctx: CacheContext): string {
  const k = toolsKey({
    platform: process.platform,
    arch: os.arch(),
    uv: group === "core" ? spec.uv : "-",
    workersPy: group === "core" ? spec.workersPy : "-",
    wrangler: group === "wrangler" ? (spec.wrangler ?? "project") : "-",
    pyodide: group === "core" ? spec.pyodide : "-",
    suffix: ctx.suffix,
  });
  return k.replace("-tools-", `-${group === "core" ? "tools" : "wrangler"}-`);
}

export async function restoreTools(spec: ToolsSpec, group: ToolGroup, ctx: CacheContext): Promise<{ key: string; hit: boolean; bytes: number; problem?: string }> {
  const key = toolsCacheKey(spec, group, ctx);
  const paths = toolsPaths(spec, group);
  if (paths.length === 0) return { key, hit: false, bytes: 0 };
  const r = await restoreEntry(paths, key);
  const hit = isHitFor(key, r.matchedKey);
  const bytes = hit ? paths.reduce((n, p) => n + tally(p).bytes, 0) : 0;
  return { key, hit, bytes, problem: r.problem };
}

export async function saveTools(spec: ToolsSpec, group: ToolGroup, ctx: CacheContext): Promise<{ saved: boolean; bytes: number; problem?: string }> {
  const paths = toolsPaths(spec, group);
  if (paths.length === 0) return { saved: false, bytes: 0 };
  for (const p of paths) fs.mkdirSync(p, { recursive: true });
  // Leftovers of interrupted installs are not worth caching.
  for (const p of paths) for (const f of fs.readdirSync(p)) if (f.startsWith(".staging-")) fs.rmSync(path.join(p, f), { recursive: true, force: true });
  const bytes = paths.reduce((n, p) => n + tally(p).bytes, 0);
  const r = await saveEntry(paths, generationKey(toolsCacheKey(spec, group, ctx), ctx.runId, ctx.runAttempt));
  return { ...r, bytes };
}

// ---- dependencies ---------------------------------------------------------------------------

export interface DepsVersions {
  uv: string;
  workersPy: string;
  /** The requested wrangler (version or range); the installed one is in the wrangler entry's key. */
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
