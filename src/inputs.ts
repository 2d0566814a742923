import path from "node:path";
import { InputError } from "./errors.js";
import { DEFAULT_BUNDLE_SIZE_LIMIT, DEFAULT_IMPORT_BUDGET_MS, DEFAULT_NPM_REGISTRY, DEFAULT_UV_DOWNLOAD_URL } from "./defaults.js";
import { parseSize } from "./snapshot/rules.js";
import type { SaveSetting } from "./cache/policy.js";

export const MODES = ["auto", "deploy", "preview", "dry-run", "check"] as const;
export type Mode = (typeof MODES)[number];
export type ResolvedMode = Exclude<Mode, "auto">;

export interface ActionInputs {
  /** Absolute path of the Worker project. */
  workingDirectory: string;
  mode: Mode;
  environment: string;
  apiToken: string;
  accountId: string;
  /** Secret names, in the order given. Values are read from the environment later. */
  secrets: string[];
  /** Plain-text variables, in the order given. */
  vars: Array<[name: string, value: string]>;
  lint: boolean;
  test: boolean;
  snapshotCheck: boolean;
  cache: boolean;
  cacheSuffix: string;
  saveCache: SaveSetting;
  uvVersion: string;
  workersPyVersion: string;
  wranglerVersion: string;
  uvDownloadUrl: string;
  npmRegistryUrl: string;
  /** Bytes; the snapshot check's `size` rule. */
  bundleSizeLimit: number;
  importTimeBudgetMs: number;
  previewAlias: string;
  githubToken: string;
  /** Percentage of traffic the new version gets on deploy (100: a plain deploy). */
  rolloutPercentage: number;
  smokeTestPath: string;
  smokeTestUrl: string;
  smokeTestTimeoutMs: number;
  message: string;
  tag: string;
}

export type GetInput = (name: string) => string;

/** Read `INPUT_<NAME>` the way @actions/core does (spaces to underscores, upper case, trimmed). */
export function getInputFromEnv(env: NodeJS.ProcessEnv): GetInput {
  return (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

export function parseMode(raw: string): Mode {
  const value = (raw || "auto").toLowerCase();
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  throw new InputError("mode", `unknown mode "${raw}". Use one of: ${MODES.join(", ")}.`);
}

export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  if (raw === "") return fallback;
  if (/^(true|yes|on|1)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  throw new InputError(name, `expected true or false, got "${raw}".`);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function lines(raw: string): Array<{ text: string; lineNo: number }> {
  return raw
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), lineNo: i + 1 }))
    .filter((l) => l.text !== "" && !l.text.startsWith("#"));
}

/** `secrets`: one name per line. Values come from the step's `env:`. */
export function parseSecretNames(raw: string): string[] {
  const names: string[] = [];
  for (const { text, lineNo } of lines(raw)) {
    if (text.includes("=")) {
      throw new InputError(
        "secrets",
        `line ${lineNo} looks like NAME=value. List only names here and pass the values in the step's env: (e.g. env: { ${text.split("=")[0].trim() || "NAME"}: \${{ secrets.… }} }).`,
      );
    }
    if (!NAME.test(text)) {
      throw new InputError(
        "secrets",
        `line ${lineNo}: "${text}" is not a valid secret name. Use letters, digits and underscores, not starting with a digit.`,
      );
    }
    if (!names.includes(text)) names.push(text);
  }
  return names;
}

/** `vars`: one `NAME=value` per line. */
export function parseVars(raw: string): Array<[string, string]> {
  const vars: Array<[string, string]> = [];
  for (const { text, lineNo } of lines(raw)) {
    const eq = text.indexOf("=");
    const name = eq === -1 ? text : text.slice(0, eq).trim();
    if (eq === -1 || !NAME.test(name)) {
      throw new InputError(
        "vars",
        `line ${lineNo} is not NAME=value (got "${text}"). Write one variable per line, e.g. GREETING=hello.`,
      );
    }
    const value = text.slice(eq + 1).trim();
    const existing = vars.findIndex(([n]) => n === name);
    if (existing !== -1) vars.splice(existing, 1);
    vars.push([name, value]);
  }
  return vars;
}

export function parseDownloadUrl(name: string, raw: string, fallback: string): string {
  const value = (raw || fallback).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(name, `"${raw}" is not a URL. Give the base URL of a uv release mirror.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(name, `"${raw}" must be an http(s) URL.`);
  }
  return value;
}

export function parsePercentage(raw: string): number {
  if (raw === "") return 100;
  const n = Number(raw.replace(/%$/, ""));
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InputError("rollout-percentage", `"${raw}" is not a whole percentage from 1 to 100.`);
  return n;
}

export function parseSmokePath(raw: string): string {
  if (raw === "") return "";
  if (!raw.startsWith("/")) throw new InputError("smoke-test-path", `"${raw}" must start with /, e.g. /health.`);
  return raw;
}

export function parseSaveCache(raw: string): SaveSetting {
  const v = (raw || "auto").toLowerCase();
  if (v === "auto" || v === "true" || v === "false") return v;
  throw new InputError("save-cache", `expected auto, true or false, got "${raw}".`);
}

export function parseSizeInput(raw: string): number {
  const n = parseSize(raw || DEFAULT_BUNDLE_SIZE_LIMIT);
  if (n === null || n <= 0) throw new InputError("bundle-size-limit", `"${raw}" is not a size. Write e.g. 64 MiB, 10MB or 5000000.`);
  return n;
}

export function parseMillis(name: string, raw: string, fallback: number): number {
  if (raw === "") return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(raw);
  if (!m) throw new InputError(name, `"${raw}" is not a duration. Write milliseconds (e.g. 1000) or seconds (e.g. 1.5s).`);
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
}

/**
 * Read and check every input. Nothing here touches the network or the project files: problems are
 * reported before any tool is installed.
 */
export function loadInputs(getInput: GetInput, workspace: string): ActionInputs {
  const wd = getInput("working-directory") || ".";
  return {
    workingDirectory: path.resolve(workspace, wd),
    mode: parseMode(getInput("mode")),
    environment: getInput("environment"),
    apiToken: getInput("api-token"),
    accountId: getInput("account-id"),
    secrets: parseSecretNames(getInput("secrets")),
    vars: parseVars(getInput("vars")),
    lint: parseBoolean("lint", getInput("lint"), true),
    test: parseBoolean("test", getInput("test"), true),
    snapshotCheck: parseBoolean("snapshot-check", getInput("snapshot-check"), true),
    cache: parseBoolean("cache", getInput("cache"), true),
    cacheSuffix: getInput("cache-suffix"),
    saveCache: parseSaveCache(getInput("save-cache")),
    uvVersion: getInput("uv-version"),
    workersPyVersion: getInput("workers-py-version"),
    wranglerVersion: getInput("wrangler-version"),
    uvDownloadUrl: parseDownloadUrl("uv-download-url", getInput("uv-download-url"), DEFAULT_UV_DOWNLOAD_URL),
    npmRegistryUrl: parseDownloadUrl("npm-registry-url", getInput("npm-registry-url"), DEFAULT_NPM_REGISTRY),
    bundleSizeLimit: parseSizeInput(getInput("bundle-size-limit")),
    importTimeBudgetMs: parseMillis("import-time-budget", getInput("import-time-budget"), DEFAULT_IMPORT_BUDGET_MS),
    previewAlias: getInput("preview-alias"),
    rolloutPercentage: parsePercentage(getInput("rollout-percentage")),
    smokeTestPath: parseSmokePath(getInput("smoke-test-path")),
    smokeTestUrl: getInput("smoke-test-url") ? parseDownloadUrl("smoke-test-url", getInput("smoke-test-url"), "") : "",
    smokeTestTimeoutMs: parseMillis("smoke-test-timeout", getInput("smoke-test-timeout"), 60_000),
    githubToken: getInput("github-token"),
    message: getInput("message"),
    tag: getInput("tag"),
  };
}
