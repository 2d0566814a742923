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

/** Wrangler needs at least this Node.js (its `engines` field). */
export const MIN_NODE_FOR_WRANGLER = "22.12.0";

/** How long the snapshot check waits for the entry module's import before failing. */
export const SNAPSHOT_TIMEOUT_MS = 120_000;
