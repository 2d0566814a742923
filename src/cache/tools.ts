import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { toolCacheRoot } from "../setup/tool-dir.js";
import { type CacheRun, generationKey, isHitFor, type ToolGroup, toolsKey } from "./keys.js";
import { restoreEntry, saveEntry, tally } from "./store.js";

/** The tool versions the tool entries hold (requested specs: versions resolve inside the folders). */
export interface ToolsSpec {
  uv: string;
  workersPy: string;
  /** Undefined when the project brings its own wrangler (node_modules). */
  wrangler?: string;
  pyodide?: string;
}

/** Whole tool folders of the runner's tool cache. Pure. */
export function toolsPaths(spec: ToolsSpec, group: ToolGroup): string[] {
  const root = toolCacheRoot();
  const tools = group === "tools" ? ["uv", "workers-py", ...(spec.pyodide ? ["pyodide"] : [])] : spec.wrangler ? ["wrangler"] : [];
  return tools.map((t) => path.join(root, t));
}

export function toolsCacheKey(spec: ToolsSpec, group: ToolGroup, run: CacheRun): string {
  const core = group === "tools";
  return toolsKey({
    group,
    platform: process.platform,
    arch: os.arch(),
    uv: core ? spec.uv : "-",
    workersPy: core ? spec.workersPy : "-",
    wrangler: core ? "-" : (spec.wrangler ?? "project"),
    pyodide: core ? spec.pyodide : "-",
    suffix: run.suffix,
  });
}

const folderBytes = (paths: string[]) => paths.reduce((n, p) => n + tally(p).bytes, 0);

export async function restoreTools(spec: ToolsSpec, group: ToolGroup, run: CacheRun): Promise<{ hit: boolean; bytes: number }> {
  const paths = toolsPaths(spec, group);
  if (paths.length === 0) return { hit: false, bytes: 0 };
  const key = toolsCacheKey(spec, group, run);
  const r = await restoreEntry(paths, key);
  const hit = isHitFor(key, r.matchedKey);
  return { hit, bytes: hit ? folderBytes(paths) : 0 };
}

export async function saveTools(spec: ToolsSpec, group: ToolGroup, run: CacheRun): Promise<{ saved: boolean; bytes: number; problem?: string }> {
  const paths = toolsPaths(spec, group);
  if (paths.length === 0) return { saved: false, bytes: 0 };
  for (const p of paths) fs.mkdirSync(p, { recursive: true });
  // Leftovers of interrupted installs are not worth caching.
  for (const p of paths) for (const f of fs.readdirSync(p)) if (f.startsWith(".staging-")) fs.rmSync(path.join(p, f), { recursive: true, force: true });
  const bytes = folderBytes(paths);
  const r = await saveEntry(paths, generationKey(toolsCacheKey(spec, group, run), run));
  return { ...r, bytes };
}
