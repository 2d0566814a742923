/**
 * Tool versions this release of the Action is tested with. They are used when neither an input nor
 * the project names a version. Bump them together with the end-to-end tests.
 */
export const DEFAULT_VERSIONS = {
  uv: "0.13.9",
  workersPy: "1.17.9",
  wrangler: "4.164.0",
  ruff: "0.17.6",
  pytest: "9.2.0",
} as const;

/** Where uv release archives are downloaded from unless `uv-download-url` says otherwise. */
export const DEFAULT_UV_DOWNLOAD_URL = "https://github.com/astral-sh/uv/releases/download";

/** Wrangler needs at least this Node.js (its `engines` field). */
export const MIN_NODE_FOR_WRANGLER = "22.12.0";

/** Where the snapshot check's Pyodide (the npm `pyodide` package) comes from unless `npm-registry-url` says otherwise. */
export const DEFAULT_NPM_REGISTRY = "https://registry.npmjs.org";

/** The platform's upload limit: 64 MiB uncompressed on every plan since 2026-09-04 (Cloudflare docs, workers limits). */
export const DEFAULT_BUNDLE_SIZE_LIMIT = "64 MiB";

/** The entry's import time under Pyodide above which the snapshot check warns (the platform's startup limit is 1 s of CPU). */
export const DEFAULT_IMPORT_BUDGET_MS = 1000;

/** How long the snapshot check waits for the entry module's import before failing. */
export const SNAPSHOT_TIMEOUT_MS = 120_000;
