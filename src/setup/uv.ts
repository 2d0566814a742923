import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import * as io from "@actions/io";
import * as tc from "@actions/tool-cache";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { errorMessage, InputError, StageFailure } from "../errors.js";
import { inputDefault } from "../metadata.js";
import { chooseVersion, exactVersion, satisfies } from "../project/versions.js";
import { DownloadError, download, downloadFailure } from "../util/download.js";
import { run } from "../util/exec.js";

export interface UvRequest {
  /** Version or range (PEP 440 or semver). */
  spec: string;
  /** Where the spec came from, for messages. */
  source: "uv-version" | "required-version" | "default";
}

/** input → uv.toml / [tool.uv] required-version → tested default. Pure. */
export function uvRequest(input: string, requiredVersion: string | undefined): UvRequest {
  if (input) return { spec: input, source: "uv-version" };
  if (requiredVersion) return { spec: requiredVersion, source: "required-version" };
  return { spec: DEFAULT_VERSIONS.uv, source: "default" };
}

/** PyPI's JSON API for uv: uv's release job publishes the same version to PyPI and GitHub releases. */
export const PYPI_UV_JSON = "https://pypi.org/pypi/uv/json";

export const isLatest = (spec: string): boolean => spec.trim().toLowerCase() === "latest";

/**
 * Where `uv-version: latest` is looked up, given the download base. With GitHub's releases (the
 * default base) the newest version comes from PyPI's JSON API (no API token or rate limit, unlike
 * GitHub's releases API). A custom mirror has no release listing the Action could read, and a
 * version PyPI knows may not be mirrored yet, so `latest` is refused there. Pure.
 */
export function latestUvLookup(downloadBase: string, pypiJsonUrl = PYPI_UV_JSON): { url: string } | { error: string } {
  if (downloadBase.replace(/\/+$/, "") === inputDefault("uv-download-url").replace(/\/+$/, "")) return { url: pypiJsonUrl };
  return {
    error: `"latest" cannot be resolved with uv-download-url ${downloadBase}: a mirror has no list of releases to read. Give the exact version the mirror holds, such as ${DEFAULT_VERSIONS.uv}.`,
  };
}

/** The newest uv release in PyPI's JSON (`info.version`, when it is a plain release with files not yanked). Pure. */
export function parseLatestFromPyPI(json: string): string | null {
  let doc: { info?: { version?: unknown }; urls?: Array<{ yanked?: boolean }> };
  try {
    doc = JSON.parse(json);
  } catch {
    return null;
  }
  const v = typeof doc.info?.version === "string" ? doc.info.version : "";
  if (!/^\d+\.\d+\.\d+$/.test(v)) return null;
  const files = doc.urls ?? [];
  if (files.length > 0 && files.every((f) => f.yanked === true)) return null;
  return v;
}

/**
 * `latest` → an exact version, read for real (through @actions/tool-cache's HTTP client, which
 * honours HTTPS_PROXY/NO_PROXY); any other request unchanged. Call it before cache keys are made.
 */
const latestSeen = new Map<string, Promise<UvRequest>>();

export async function resolveUvRequest(req: UvRequest, downloadBase: string, pypiJsonUrl = PYPI_UV_JSON): Promise<UvRequest> {
  if (!isLatest(req.spec)) return req;
  // Looked up once a run: the tools cache key and the set-up must agree on the version.
  const key = `${downloadBase}|${pypiJsonUrl}`;
  let seen = latestSeen.get(key);
  if (!seen) {
    seen = lookUpLatestUv(downloadBase, pypiJsonUrl);
    latestSeen.set(key, seen);
  }
  const r = await seen;
  return { spec: r.spec, source: req.source };
}

async function lookUpLatestUv(downloadBase: string, pypiJsonUrl: string): Promise<UvRequest> {
  const req: UvRequest = { spec: "latest", source: "uv-version" };
  const lookup = latestUvLookup(downloadBase, pypiJsonUrl);
  if ("error" in lookup) throw new InputError("uv-version", lookup.error);
  let text: string;
  try {
    const file = await download(lookup.url);
    text = fs.readFileSync(file, "utf8");
    fs.rmSync(file, { force: true });
  } catch (err) {
    const why = err instanceof DownloadError ? `${err.reason}${err.attempts > 1 ? ` (${err.attempts} attempts)` : ""}` : errorMessage(err);
    throw new StageFailure(`could not look up the latest uv at ${lookup.url}: ${why}. Give an exact uv-version such as ${DEFAULT_VERSIONS.uv}.`);
  }
  const version = parseLatestFromPyPI(text);
  if (!version) throw new StageFailure(`${lookup.url} names no usable uv release. Give an exact uv-version such as ${DEFAULT_VERSIONS.uv}.`);
  core.info(`uv-version latest: ${version} (from ${lookup.url}).`);
  return { spec: version, source: req.source };
}

/** The release archive name for this runner (uv's Rust target triples). Pure. */
export function uvTarget(platform: NodeJS.Platform, arch: string): string {
  const cpu = { x64: "x86_64", arm64: "aarch64" }[arch];
  if (!cpu) throw new InputError("uv-version", `no uv build for CPU "${arch}".`);
  if (platform === "linux") return `${cpu}-unknown-linux-gnu`;
  if (platform === "darwin") return `${cpu}-apple-darwin`;
  throw new InputError("uv-version", `no uv build for platform "${platform}".`);
}

/** `uv 0.13.9 (abc 2026-…)` → `0.13.9`. Pure. */
export function parseUvVersion(output: string): string | null {
  const m = /\buv\s+(\d+\.\d+\.\d+)/.exec(output);
  return m ? m[1] : null;
}

/** The sha256 in a `.sha256` sidecar (`<hex>  <name>` or `<hex>`). Pure. */
export function parseSha256File(text: string): string | null {
  const m = /^\s*([0-9a-fA-F]{64})\b/.exec(text);
  return m ? m[1].toLowerCase() : null;
}

export interface UvSetup {
  version: string;
  /** Folder that holds `uv` (and `uvx`). */
  binDir: string;
  source: "path" | "tool-cache" | "download";
}

async function uvOnPath(): Promise<{ version: string; binDir: string } | null> {
  const found = await io.which("uv", false);
  if (!found) return null;
  const out = await run(found, ["--version"], { silent: true });
  const version = out.exitCode === 0 ? parseUvVersion(out.stdout) : null;
  return version ? { version, binDir: path.dirname(found) } : null;
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function downloadUv(version: string, baseUrl: string): Promise<string> {
  const target = uvTarget(process.platform, os.arch());
  const name = `uv-${target}.tar.gz`;
  const url = `${baseUrl}/${version}/${name}`;
  core.info(`Downloading uv ${version} from ${url}`);
  let archive: string;
  let expected: string | null;
  try {
    const sumFile = await download(`${url}.sha256`);
    expected = parseSha256File(fs.readFileSync(sumFile, "utf8"));
    fs.rmSync(sumFile, { force: true });
    archive = await download(url);
  } catch (err) {
    throw downloadFailure(`uv ${version}`, err, "Check uv-version, or set uv-download-url to a reachable mirror.");
  }
  if (!expected) throw new StageFailure(`the checksum file ${url}.sha256 holds no sha256.`);
  const actual = await sha256(archive);
  if (actual !== expected) {
    throw new StageFailure(`uv archive checksum mismatch for ${url}: expected ${expected}, got ${actual}. Nothing was installed.`);
  }
  const extracted = await tc.extractTar(archive);
  fs.rmSync(archive, { force: true });
  // Archives hold `uv-<target>/uv`.
  return tc.cacheDir(path.join(extracted, `uv-${target}`), "uv", version);
}

/** Make a uv that satisfies the request available: PATH, tool cache, or a verified download. */
export async function setupUv(request: UvRequest, baseUrl: string, pypiJsonUrl = PYPI_UV_JSON): Promise<UvSetup> {
  const req = await resolveUvRequest(request, baseUrl, pypiJsonUrl);
  const onPath = await uvOnPath();
  if (onPath && satisfies(onPath.version, req.spec)) {
    core.info(`Using uv ${onPath.version} from PATH (${onPath.binDir}).`);
    return { ...onPath, source: "path" };
  }
  const cached = tc.findAllVersions("uv");
  const version = exactVersion(req.spec) ?? chooseVersion(req.spec, cached) ?? (satisfies(DEFAULT_VERSIONS.uv, req.spec) ? DEFAULT_VERSIONS.uv : null);
  if (!version) {
    const where = req.source === "uv-version" ? "uv-version" : "required-version in uv.toml / [tool.uv]";
    throw new InputError(
      req.source === "uv-version" ? "uv-version" : "required-version",
      `"${req.spec}" (${where}) is not a version or range this Action can resolve offline. Give an exact version such as ${DEFAULT_VERSIONS.uv}.`,
    );
  }
  const hit = tc.find("uv", version);
  if (hit) {
    core.info(`Using uv ${version} from the tool cache.`);
    return { version, binDir: hit, source: "tool-cache" };
  }
  const dir = await downloadUv(version, baseUrl);
  return { version, binDir: dir, source: "download" };
}
