import fs from "node:fs";
import path from "node:path";
import type { DeployOutputs } from "../report/model.js";

export interface WranglerEntry {
  type: string;
  [key: string]: unknown;
}

/** Parse wrangler's ND-JSON output file; lines that are not JSON objects are skipped. Pure. */
export function parseNdjson(text: string): WranglerEntry[] {
  const out: WranglerEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line);
      if (v && typeof v === "object" && typeof v.type === "string") out.push(v);
    } catch {
      // a partial last line (wrangler killed mid-write) is not an error of ours
    }
  }
  return out;
}

/** Read every `wrangler-output-*.json` in a folder (one per wrangler invocation), oldest first. */
export function readOutputDir(dir: string): WranglerEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^wrangler-output-.*\.json$/.test(f))
    .sort()
    .flatMap((f) => parseNdjson(fs.readFileSync(path.join(dir, f), "utf8")));
}

/**
 * A deploy target as a URL with a scheme. workers.dev targets already have one; routes come as
 * `api.example.com/* (zone name: example.com)` or custom domains `shop.example.com (custom domain)`.
 * Wildcards cannot be served as such, so they are dropped. Pure.
 */
export function targetToUrl(target: string): string | undefined {
  const t = target.replace(/\s*\(.*\)\s*$/, "").trim();
  if (!t) return undefined;
  if (/^https?:\/\//.test(t)) return t;
  let host = t.replace(/\*$/, "").replace(/^\*\.?/, "");
  if (!host || host.startsWith("/")) return undefined;
  if (!host.includes("/")) host += "/";
  return `https://${host}`;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The outputs of the last `deploy` or `version-upload` entry. Pure. */
export function deployOutputs(entries: WranglerEntry[]): DeployOutputs | undefined {
  const entry = [...entries].reverse().find((e) => e.type === "deploy" || e.type === "version-upload");
  if (!entry) return undefined;
  const size = (entry.bundle_size ?? {}) as Record<string, unknown>;
  const targets = Array.isArray(entry.targets) ? (entry.targets as unknown[]).filter((t): t is string => typeof t === "string") : [];
  const urls = targets.map(targetToUrl).filter((u): u is string => u !== undefined);
  // Prefer a target that is a URL as served (workers.dev), then the first route.
  const deploymentUrl = targets.find((t) => /^https?:\/\//.test(t)) ?? urls[0];
  return {
    workerName: typeof entry.worker_name === "string" ? entry.worker_name : undefined,
    versionId: typeof entry.version_id === "string" ? entry.version_id : undefined,
    deploymentUrl,
    previewUrl: typeof entry.preview_url === "string" ? entry.preview_url : undefined,
    previewAliasUrl: typeof entry.preview_alias_url === "string" ? entry.preview_alias_url : undefined,
    bundleSize: num(size.raw_bytes),
    bundleSizeGzip: num(size.gzip_bytes),
  };
}

/** The `command-failed` entry, if wrangler wrote one. Pure. */
export function commandFailure(entries: WranglerEntry[]): { code?: number; message: string } | undefined {
  const e = [...entries].reverse().find((x) => x.type === "command-failed");
  if (!e) return undefined;
  return { code: num(e.code), message: typeof e.message === "string" ? e.message : "wrangler failed" };
}
