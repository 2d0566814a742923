// Shared set-up for the end-to-end tests: the tools (Node 24, a uv release mirror built from the
// PyPI wheel), a loopback file server for that mirror, and the Cloudflare API stand-in.
import path from "node:path";
import { afterAll, beforeAll } from "@jest/globals";
import { startCacheService } from "../../scripts/testkit/cache-service.mjs";
import { startCloudflareApi } from "../../scripts/testkit/cloudflare-api.mjs";
import { startFileServer } from "../../scripts/testkit/file-server.mjs";
import { copyWorker, EXAMPLES, makeSynced } from "../../scripts/testkit/fixtures.mjs";
import { startGitHubApi } from "../../scripts/testkit/github-api.mjs";
import { runAction } from "../../scripts/testkit/runner.mjs";
import { prepareTools } from "../../scripts/testkit/tools.mjs";

export { copyWorker, EXAMPLES, makeSynced, runAction };

export type CloudflareApi = Awaited<ReturnType<typeof startCloudflareApi>>;
export type FileServer = Awaited<ReturnType<typeof startFileServer>>;
export type GitHubApi = Awaited<ReturnType<typeof startGitHubApi>>;

export interface StandIns {
  api: CloudflareApi;
  /** uv release downloads. */
  mirror: FileServer;
  /** The npm registry's tarballs (the snapshot check's Pyodide). */
  registry: FileServer;
  github: GitHubApi;
  /** Inputs that point the Action's downloads at the stand-ins. */
  downloads: Record<string, string>;
  close: () => Promise<void>;
}

export type CacheService = Awaited<ReturnType<typeof startCacheService>>;
export type StandInsWithCache = StandIns & { cache: CacheService };

/** The stand-ins; with `{ cache: true }` also a GitHub cache service stand-in (`s.cache`, closed with the rest). */
export async function startStandIns(): Promise<StandIns>;
export async function startStandIns(o: { cache: true }): Promise<StandInsWithCache>;
export async function startStandIns(o: { cache?: boolean } = {}): Promise<StandIns | StandInsWithCache> {
  const s = await startCoreStandIns();
  if (!o.cache) return s;
  const cache = await startCacheService();
  return { ...s, cache, close: async () => void (await Promise.all([s.close(), cache.close()])) };
}

async function startCoreStandIns(): Promise<StandIns> {
  const tools = prepareTools();
  const api = await startCloudflareApi({ token: "cf-test-token" });
  const mirror = await startFileServer(tools.uvMirror.dir);
  const registry = await startFileServer(tools.npmMirror.dir);
  const github = await startGitHubApi();
  return {
    api,
    mirror,
    registry,
    github,
    downloads: { "uv-download-url": mirror.url, "npm-registry-url": registry.url },
    close: async () => void (await Promise.all([api.close(), mirror.close(), registry.close(), github.close()])),
  };
}

/** Start the stand-ins before a test file's tests and stop them after; returns a getter. */
export function useStandIns(): () => StandIns {
  let s: StandIns | undefined;
  beforeAll(async () => {
    s = await startStandIns();
  });
  afterAll(async () => s?.close());
  return () => s!;
}

/** A synced copy of examples/hello in a fresh workspace, at `<workspace>/hello`. */
export function helloWorker(): { workspace: string; project: string } {
  const w = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
  makeSynced(w.project);
  return w;
}
