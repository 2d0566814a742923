import * as core from "@actions/core";
import type { SaveSetting } from "./cache/policy.js";
import { parseCacheMode, parseCacheSizeLimit, parseCommands, parsePytestArgs } from "./controls.js";
import { InputError } from "./errors.js";
import { inputDefault } from "./metadata.js";
import { checkNameClash, checkSingleLine, checkWorkingDirectory } from "./plan-checks.js";
import { parseSize } from "./util/units.js";

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
  /** Where pytest runs: the runner's CPython, the Worker's Pyodide, or both side by side. */
  testRuntime: TestRuntime;
  /** Each runtime's test run is stopped after this long. */
  testTimeoutMs: number;
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
  /** Stage time limits: commands still running then are stopped (src/util/exec.ts). */
  lintTimeoutMs: number;
  deployTimeoutMs: number;
  /** Each cache save's limit; restores wait at most 30 s (src/cache/store.ts). */
  cacheTimeoutMs: number;
  /** A download the Action makes itself gives up an attempt after this long without data (src/util/download.ts). */
  downloadTimeoutMs: number;
  message: string;
  tag: string;
  /** ruff check / ruff format --check, each under the `lint` master switch. */
  ruffCheck: boolean;
  ruffFormat: boolean;
  /** Extra pytest arguments (argv, no shell). */
  pytestArgs: string[];
  /** Commands run before / after the upload (one per line). */
  preDeploy: string[];
  postDeploy: string[];
  /** Why `cache: auto` turned the cache off (self-hosted runner). */
  cacheOffReason?: string;
  /** Bytes; the largest dependency entry saved (0: no bound). */
  cacheSizeLimit: number;
}

/**
 * An input as given, else its default from action.yml (the one place defaults are written). Every
 * single-line input is refused with a newline or control character in it (workflow-command injection).
 */
function input(name: string): string {
  return checkSingleLine(name, core.getInput(name) || inputDefault(name));
}

/** A multi-line input as given (newlines allowed: one command or argument group a line), else its default. */
function multiline(name: string): string {
  return core.getInput(name) || inputDefault(name);
}

/** A YAML 1.2 boolean (core.getBooleanInput), with our one-line error. */
function booleanInput(name: string): boolean {
  if (core.getInput(name) === "") return inputDefault(name) === "true";
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new InputError(name, `expected true or false, got "${core.getInput(name)}".`);
  }
}

export const TEST_RUNTIMES = ["cpython", "pyodide", "both"] as const;
export type TestRuntime = (typeof TEST_RUNTIMES)[number];

export function parseTestRuntime(raw: string): TestRuntime {
  const v = raw.trim().toLowerCase();
  if ((TEST_RUNTIMES as readonly string[]).includes(v)) return v as TestRuntime;
  throw new InputError("test-runtime", `expected cpython, pyodide or both, got "${raw}".`);
}

/** `test-timeout`: seconds ("300") or a duration ("90s", "5m", "1h", "1500ms"), more than zero. */
export function parseDuration(name: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(raw);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const ms = m ? Number(m[1]) * unit[(m[2] ?? "s").toLowerCase()] : 0;
  if (!m || ms <= 0) throw new InputError(name, `"${raw}" is not a duration. Write seconds (300) or e.g. 90s, 5m.`);
  return ms;
}

export function parseMode(raw: string): Mode {
  const value = raw.toLowerCase();
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  throw new InputError("mode", `unknown mode "${raw}". Use one of: ${MODES.join(", ")}.`);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The entries of a multiline input (core.getMultilineInput: trimmed, blank lines dropped), comments aside. */
function lines(list: string[]): Array<{ text: string; lineNo: number }> {
  return list.map((text, i) => ({ text, lineNo: i + 1 })).filter((l) => !l.text.startsWith("#"));
}

/** `secrets`: one name per line. Values come from the step's `env:`. */
export function parseSecretNames(list: string[]): string[] {
  const names: string[] = [];
  for (const { text, lineNo } of lines(list)) {
    if (text.includes("=")) {
      throw new InputError(
        "secrets",
        `line ${lineNo} looks like NAME=value. List only names here and pass the values in the step's env: (e.g. env: { ${text.split("=")[0].trim() || "NAME"}: \${{ secrets.… }} }).`,
      );
    }
    if (!NAME.test(text)) {
      throw new InputError("secrets", `line ${lineNo}: "${text}" is not a valid secret name. Use letters, digits and underscores, not starting with a digit.`);
    }
    if (!names.includes(text)) names.push(text);
  }
  return names;
}

/** `vars`: one `NAME=value` per line. */
export function parseVars(list: string[]): Array<[string, string]> {
  const vars: Array<[string, string]> = [];
  for (const { text, lineNo } of lines(list)) {
    const eq = text.indexOf("=");
    const name = eq === -1 ? text : text.slice(0, eq).trim();
    if (eq === -1 || !NAME.test(name)) {
      throw new InputError("vars", `line ${lineNo} is not NAME=value (got "${text}"). Write one variable per line, e.g. GREETING=hello.`);
    }
    const value = checkSingleLine("vars", text.slice(eq + 1).trim());
    const existing = vars.findIndex(([n]) => n === name);
    if (existing !== -1) vars.splice(existing, 1);
    vars.push([name, value]);
  }
  return vars;
}

/** What a URL input is for, named in its error. */
const URL_PURPOSE: Record<string, string> = {
  "uv-download-url": "the base URL of a uv release mirror",
  "npm-registry-url": "the base URL of an npm registry",
  "smoke-test-url": "the full URL the smoke test should GET",
};

export function parseUrl(name: string, raw: string): string {
  const value = raw.replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(name, `"${raw}" is not a URL. Give ${URL_PURPOSE[name] ?? "an http(s) URL"}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(name, `"${raw}" must be an http(s) URL.`);
  }
  return value;
}

export function parsePercentage(raw: string): number {
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
  const v = raw.toLowerCase();
  if (v === "auto" || v === "true" || v === "false") return v;
  throw new InputError("save-cache", `expected auto, true or false, got "${raw}".`);
}

export function parseSizeInput(raw: string): number {
  const n = parseSize(raw);
  if (n === null || n <= 0) throw new InputError("bundle-size-limit", `"${raw}" is not a size. Write e.g. 64 MiB, 10MB or 5000000.`);
  return n;
}

export function parseMillis(name: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(raw);
  if (!m) throw new InputError(name, `"${raw}" is not a duration. Write milliseconds (e.g. 1000) or seconds (e.g. 1.5s).`);
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
}

/**
 * Read and check every input (through @actions/core). Nothing here touches the network or the
 * project files: problems are reported before any tool is installed.
 */
export function loadInputs(workspace: string): ActionInputs {
  const smokeTestUrl = input("smoke-test-url");
  const cacheChoice = parseCacheMode(input("cache"), process.env.RUNNER_ENVIRONMENT);
  const secrets = parseSecretNames(core.getMultilineInput("secrets"));
  const vars = parseVars(core.getMultilineInput("vars"));
  checkNameClash(secrets, vars);
  return {
    workingDirectory: checkWorkingDirectory(input("working-directory"), workspace),
    mode: parseMode(input("mode")),
    environment: input("environment"),
    apiToken: input("api-token"),
    accountId: input("account-id"),
    secrets,
    vars,
    lint: booleanInput("lint"),
    test: booleanInput("test"),
    testRuntime: parseTestRuntime(input("test-runtime")),
    testTimeoutMs: parseDuration("test-timeout", input("test-timeout")),
    snapshotCheck: booleanInput("snapshot-check"),
    cache: cacheChoice.cache,
    cacheOffReason: cacheChoice.reason,
    cacheSizeLimit: parseCacheSizeLimit(input("cache-size-limit")),
    cacheSuffix: input("cache-suffix"),
    saveCache: parseSaveCache(input("save-cache")),
    uvVersion: input("uv-version"),
    workersPyVersion: input("workers-py-version"),
    wranglerVersion: input("wrangler-version"),
    uvDownloadUrl: parseUrl("uv-download-url", input("uv-download-url")),
    npmRegistryUrl: parseUrl("npm-registry-url", input("npm-registry-url")),
    bundleSizeLimit: parseSizeInput(input("bundle-size-limit")),
    importTimeBudgetMs: parseMillis("import-time-budget", input("import-time-budget")),
    previewAlias: input("preview-alias"),
    rolloutPercentage: parsePercentage(input("rollout-percentage")),
    smokeTestPath: parseSmokePath(input("smoke-test-path")),
    smokeTestUrl: smokeTestUrl ? parseUrl("smoke-test-url", smokeTestUrl) : "",
    smokeTestTimeoutMs: parseMillis("smoke-test-timeout", input("smoke-test-timeout")),
    lintTimeoutMs: parseMillis("lint-timeout", input("lint-timeout")),
    deployTimeoutMs: parseMillis("deploy-timeout", input("deploy-timeout")),
    cacheTimeoutMs: parseMillis("cache-timeout", input("cache-timeout")),
    downloadTimeoutMs: parseDuration("download-timeout", input("download-timeout")),
    githubToken: input("github-token"),
    message: input("message"),
    tag: input("tag"),
    ruffCheck: booleanInput("ruff-check"),
    ruffFormat: booleanInput("ruff-format"),
    pytestArgs: parsePytestArgs(multiline("pytest-args")),
    preDeploy: parseCommands(multiline("pre-deploy")),
    postDeploy: parseCommands(multiline("post-deploy")),
  };
}
