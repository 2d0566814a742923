import fs from "node:fs";
import path from "node:path";
import * as z from "zod/mini";
import type { DeployOutputs } from "../report/model.js";

/** Any line of wrangler's output file: an object with a `type`, other fields as they come. */
const Entry = z.looseObject({ type: z.string() });
export type WranglerEntry = z.infer<typeof Entry>;

/** A field read leniently: a missing, null or mistyped value is undefined, never a failed parse. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** The `deploy` / `version-upload` entry (wrangler's output-file schema, the fields we use). */
const UploadEntry = z.object({
  worker_name: lenient(z.string()),
  version_id: lenient(z.string()),
  targets: z.catch(z.array(z.unknown()), []),
  preview_url: lenient(z.string()),
  preview_alias_url: lenient(z.string()),
  bundle_size: z.catch(z.object({ raw_bytes: lenient(z.number()), gzip_bytes: lenient(z.number()) }), { raw_bytes: undefined, gzip_bytes: undefined }),
});

/** The `command-failed` entry. */
const FailedEntry = z.object({ code: lenient(z.number()), message: z.catch(z.string(), "wrangler failed") });

/** Parse wrangler's ND-JSON output file; lines that are not JSON objects are skipped. Pure. */
export function parseNdjson(text: string): WranglerEntry[] {
  const out: WranglerEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const entry = Entry.safeParse(JSON.parse(line));
      if (entry.success) out.push(entry.data);
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

/** The outputs of the last `deploy` or `version-upload` entry. Pure. */
export function deployOutputs(entries: WranglerEntry[]): DeployOutputs | undefined {
  const found = [...entries].reverse().find((e) => e.type === "deploy" || e.type === "version-upload");
  if (!found) return undefined;
  const entry = UploadEntry.parse(found);
  const targets = entry.targets.filter((t): t is string => typeof t === "string");
  const urls = targets.map(targetToUrl).filter((u): u is string => u !== undefined);
  return {
    workerName: entry.worker_name,
    versionId: entry.version_id,
    // Prefer a target that is a URL as served (workers.dev), then the first route.
    deploymentUrl: targets.find((t) => /^https?:\/\//.test(t)) ?? urls[0],
    previewUrl: entry.preview_url,
    previewAliasUrl: entry.preview_alias_url,
    bundleSize: entry.bundle_size.raw_bytes,
    bundleSizeGzip: entry.bundle_size.gzip_bytes,
  };
}

/** The `command-failed` entry, if wrangler wrote one. Pure. */
export function commandFailure(entries: WranglerEntry[]): { code?: number; message: string } | undefined {
  const found = [...entries].reverse().find((x) => x.type === "command-failed");
  return found ? FailedEntry.parse(found) : undefined;
}

/** One version of a deployment and its share of traffic. */
export interface VersionShare {
  version_id?: string;
  percentage?: number;
}

/**
 * The split a `deploy` replaced, from wrangler's own log: when the last deployment has two or more
 * versions, `deploy` warns "Your last deployment has multiple versions", prints each as
 * "(P%) <version id>" and, in CI, goes on (confirm-latest-deployment-overwrite.ts in wrangler's
 * deploy helpers). Empty when it did not warn. Pure.
 */
export function replacedSplit(log: string): VersionShare[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are stripped
  const text = log.replace(/\u001b\[[0-9;]*m/g, "");
  const at = text.indexOf("Your last deployment has multiple versions");
  if (at === -1) return [];
  const out: VersionShare[] = [];
  for (const m of text.slice(at).matchAll(/^\W*\((\d+(?:\.\d+)?)%\)\s+([0-9a-f]{8}-[0-9a-f-]{27})\b/gim)) {
    out.push({ version_id: m[2], percentage: Number(m[1]) });
  }
  return out;
}
