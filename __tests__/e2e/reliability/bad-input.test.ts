// Bad inputs, table-driven: each fails the step in the plan with one `::error::` line that names the
// input (or file) and the fix, no stack trace, fast, and before anything is installed or sent: no
// request reaches the Cloudflare API, the GitHub API, the cache service, the uv mirror or the npm
// registry stand-in, and the tool cache stays empty.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { copyWorker, EXAMPLES, runAction, type StandInsWithCache, startStandIns } from "../env.js";

jest.setTimeout(60_000);

let s: StandInsWithCache;
beforeAll(async () => {
  s = await startStandIns({ cache: true });
});
afterAll(async () => {
  await s.close();
});

/** A run of a bad input ends within this (Node start-up + the plan; generous for a loaded 2-core machine). */
const FAST_MS = 5000;
const longest = { name: "", ms: 0 };

type Case = {
  name: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Change the copied project (at `<workspace>/hello`). */
  edit?: (project: string, workspace: string) => void;
  eventName?: string;
  event?: object;
  error: RegExp;
  /** Text that must not appear anywhere in the output (e.g. a token with a newline). */
  hidden?: string;
};

const replaceIn = (file: string, from: string, to: string) => fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(from, to));
const toml = (p: string, from: string, to: string) => replaceIn(path.join(p, "wrangler.toml"), from, to);
const pr = {
  number: 7,
  pull_request: { number: 7, title: "Add X", head: { sha: "feedbeef00", repo: { full_name: "octo/hello", fork: false } }, base: { repo: { full_name: "octo/hello", fork: false } } },
};
const injected = "\n::warning title=x::owned";

const cases: Case[] = [
  // mode and booleans
  { name: "unknown mode", inputs: { mode: "yolo" }, error: /^::error::mode: unknown mode "yolo"\. Use one of: auto, deploy, preview, dry-run, check\.$/m },
  { name: "bad boolean: lint", inputs: { lint: "sometimes" }, error: /^::error::lint: expected true or false, got "sometimes"\.$/m },
  { name: "bad value: cache", inputs: { cache: "yes please" }, error: /^::error::cache: expected auto, true or false/m },
  { name: "bad boolean: snapshot-check", inputs: { "snapshot-check": "1" }, error: /^::error::snapshot-check: expected true or false/m },
  { name: "bad save-cache", inputs: { "save-cache": "always" }, error: /^::error::save-cache: expected auto, true or false, got "always"\.$/m },
  // secrets and vars
  { name: "malformed vars line", inputs: { vars: "GREETING=hi\nBROKEN LINE" }, error: /^::error::vars: line 2 is not NAME=value \(got "BROKEN LINE"\)/m },
  { name: "invalid var name", inputs: { vars: "1X=a" }, error: /^::error::vars: line 1 is not NAME=value/m },
  { name: "invalid secret name", inputs: { secrets: "API-KEY" }, error: /^::error::secrets: line 1: "API-KEY" is not a valid secret name\./m },
  { name: "secret given as NAME=value", inputs: { secrets: "API_KEY=hunter2" }, error: /^::error::secrets: line 1 looks like NAME=value\. List only names here/m, hidden: "hunter2" },
  { name: "secret missing from env", inputs: { secrets: "API_KEY\nMISSING_ONE" }, error: /^::error::secrets: no value for MISSING_ONE in the step's environment\./m },
  { name: "secret and var with the same name", inputs: { secrets: "API_KEY", vars: "API_KEY=plain" }, error: /^::error::vars: API_KEY is also listed in secrets;.*Rename the variable/m },
  { name: "control character in a var value", inputs: { vars: "COLOR=\u001b[31mred" }, error: /^::error::vars: contains control character U\+001B/m },
  // the project's location
  { name: "missing working-directory", inputs: { "working-directory": "nope" }, error: /^::error::working-directory: ".*\/nope" does not exist\./m },
  {
    name: "working-directory ../.. (outside the workspace)",
    inputs: { "working-directory": "../.." },
    error: /^::error::working-directory: "\.\.\/\.\." resolves to ".*", outside the workspace ".*"\. Give a folder inside the checked-out repository/m,
  },
  { name: "absolute working-directory outside", inputs: { "working-directory": "/etc" }, error: /^::error::working-directory: "\/etc" resolves to "\/etc", outside the workspace/m },
  {
    name: "working-directory through a symlink to outside",
    inputs: { "working-directory": "linked" },
    edit: (_p, ws) => fs.symlinkSync(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-outside-")), path.join(ws, "linked")),
    error: /^::error::working-directory: "linked" resolves to ".*pwa-outside-.*", outside the workspace .*\(through a symlink\)/m,
  },
  {
    name: "working-directory is a file",
    inputs: { "working-directory": "hello/wrangler.toml" },
    error: /^::error::working-directory: ".*\/hello\/wrangler\.toml" is a file, not a folder\..*\(e\.g\. "hello"\)/m,
  },
  { name: "working-directory with a newline", inputs: { "working-directory": `hello${injected}` }, error: /^::error::working-directory: contains a newline at character 6\./m },
  // the project's files
  { name: "no pyproject.toml", edit: (p) => fs.rmSync(path.join(p, "pyproject.toml")), error: /^::error::working-directory: no pyproject\.toml in ".*hello"\./m },
  { name: "no wrangler config", edit: (p) => fs.rmSync(path.join(p, "wrangler.toml")), error: /^::error::working-directory: no wrangler\.toml or wrangler\.jsonc in ".*hello"\./m },
  { name: "wrangler.toml not TOML", edit: (p) => fs.appendFileSync(path.join(p, "wrangler.toml"), "\n[[[broken\n"), error: /^::error::wrangler\.toml: is not valid TOML/m },
  { name: "main not .py", edit: (p) => toml(p, 'main = "src/entry.py"', 'main = "src/index.js"'), error: /^::error::wrangler\.toml: "main" is "src\/index\.js", which is not a \.py file\./m },
  {
    name: "main names a missing file",
    edit: (p) => toml(p, 'main = "src/entry.py"', 'main = "src/missing.py"'),
    error: /^::error::wrangler\.toml: "main" is "src\/missing\.py", but no such file exists in ".*hello"\. Point main at the entry module/m,
  },
  { name: "no python_workers flag", edit: (p) => toml(p, '["python_workers"]', '["nodejs_compat"]'), error: /^::error::wrangler\.toml: has no "python_workers" compatibility flag\./m },
  { name: "undefined environment", inputs: { environment: "staging" }, error: /^::error::environment: "staging" is not defined in wrangler\.toml\./m },
  // credentials
  { name: "no API token for deploy", env: { CLOUDFLARE_API_TOKEN: "" }, error: /^::error::api-token: mode "deploy" uploads to Cloudflare and needs an API token\./m },
  {
    name: "account-id too short",
    inputs: { "account-id": "12345" },
    error: /^::error::account-id: account-id is not a Cloudflare account ID \(got 5 characters; expected 32 hexadecimal characters\)/m,
  },
  { name: "account-id not hex", inputs: { "account-id": "z".repeat(32) }, error: /^::error::account-id: account-id is not a Cloudflare account ID \(got 32 characters/m },
  {
    name: "CLOUDFLARE_ACCOUNT_ID malformed",
    env: { CLOUDFLARE_ACCOUNT_ID: "my-account" },
    error: /^::error::account-id: the CLOUDFLARE_ACCOUNT_ID environment variable is not a Cloudflare account ID/m,
  },
  { name: "api-token with a newline (not echoed)", inputs: { "api-token": "tok-secret\nsecond-half" }, error: /^::error::api-token: contains a newline at character 11\./m, hidden: "second-half" },
  // versions and downloads
  { name: "workers-py range", inputs: { "workers-py-version": ">=1.16" }, error: /^::error::workers-py-version: ">=1\.16" is not an exact version\./m },
  { name: "wrangler version typo", inputs: { "wrangler-version": "four" }, error: /^::error::wrangler-version: "four" is not an npm version or range\./m },
  { name: "wrangler version with a newline", inputs: { "wrangler-version": `4${injected}` }, error: /^::error::wrangler-version: contains a newline/m },
  { name: "uv-version with a newline", inputs: { "uv-version": `0.9${injected}` }, error: /^::error::uv-version: contains a newline/m },
  { name: "uv-download-url not http", inputs: { "uv-download-url": "ftp://mirror.example/uv" }, error: /^::error::uv-download-url: "ftp:\/\/mirror\.example\/uv" must be an http\(s\) URL\.$/m },
  { name: "npm-registry-url not a URL", inputs: { "npm-registry-url": "registry" }, error: /^::error::npm-registry-url: "registry" is not a URL\. Give the base URL of an npm registry\.$/m },
  { name: "npm-registry-url with a newline", inputs: { "npm-registry-url": `https://r.example${injected}` }, error: /^::error::npm-registry-url: contains a newline/m },
  // snapshot check and release
  { name: "bundle-size-limit not a size", inputs: { "bundle-size-limit": "huge" }, error: /^::error::bundle-size-limit: "huge" is not a size\./m },
  { name: "import-time-budget not a duration", inputs: { "import-time-budget": "soon" }, error: /^::error::import-time-budget: "soon" is not a duration\./m },
  { name: "rollout percentage 150", inputs: { "rollout-percentage": "150" }, error: /^::error::rollout-percentage: "150" is not a whole percentage from 1 to 100\.$/m },
  { name: "rollout percentage 0", inputs: { "rollout-percentage": "0" }, error: /^::error::rollout-percentage: "0" is not a whole percentage/m },
  { name: "smoke-test-path without /", inputs: { "smoke-test-path": "health" }, error: /^::error::smoke-test-path: "health" must start with \/, e\.g\. \/health\.$/m },
  { name: "smoke-test-url not a URL", inputs: { "smoke-test-url": "example.com/health" }, error: /^::error::smoke-test-url: "example\.com\/health" is not a URL\./m },
  { name: "smoke-test-timeout not a duration", inputs: { "smoke-test-timeout": "1 minute" }, error: /^::error::smoke-test-timeout: "1 minute" is not a duration/m },
  // single-line text that reaches wrangler's command line
  { name: "message with a newline and a workflow command", inputs: { message: `Release${injected}` }, error: /^::error::message: contains a newline at character 8\. It must be a single line/m },
  { name: "message with ::set-output after a CR", inputs: { message: "x\r::set-output name=a::b" }, error: /^::error::message: contains a carriage return at character 2\./m },
  { name: "tag with a newline", inputs: { tag: `v1${injected}` }, error: /^::error::tag: contains a newline at character 3\./m },
  { name: "environment with a newline", inputs: { environment: `prod${injected}` }, error: /^::error::environment: contains a newline/m },
  { name: "cache-suffix with a newline", inputs: { "cache-suffix": `a${injected}` }, error: /^::error::cache-suffix: contains a newline/m },
  // previews
  {
    name: "explicit preview-alias of 100 characters",
    inputs: { mode: "preview", "preview-alias": "a".repeat(100) },
    eventName: "pull_request",
    event: pr,
    error: /^::error::preview-alias: is 100 characters long; for Worker "hello-python-worker" an alias may have at most 43 .*Give a shorter preview-alias\.$/m,
  },
  { name: "preview-alias with a newline", inputs: { mode: "preview", "preview-alias": `x${injected}` }, eventName: "pull_request", event: pr, error: /^::error::preview-alias: contains a newline/m },
  { name: "preview outside a pull request without an alias", inputs: { mode: "preview" }, error: /^::error::preview-alias: mode preview outside a pull_request event needs a preview-alias\.$/m },
];

describe("bad input (reliability)", () => {
  it("has at least 35 cases", () => expect(cases.length).toBeGreaterThanOrEqual(35));

  it.each(cases)("$name", async (c) => {
    const { workspace, project } = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
    c.edit?.(project, workspace);
    const toolCache = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
    const before = { api: s.api.requests.length, gh: s.github.requests.length, cache: s.cache.hits, mirror: s.mirror.requests.length, registry: s.registry.requests.length };
    const r = await runAction({
      workspace,
      toolCache,
      timeoutMs: 30_000,
      eventName: c.eventName,
      event: c.event,
      inputs: { "working-directory": "hello", mode: "deploy", ...s.downloads, secrets: "API_KEY", ...c.inputs },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, API_KEY: "value", GITHUB_API_URL: s.github.url, ...s.cache.env, ...c.env },
    });
    try {
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(c.error);
      // One error line, nothing else that the runner would execute, no stack trace.
      const commands = r.stdout.split("\n").filter((l) => l.startsWith("::") && !l.startsWith("::debug::"));
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatch(/^::error::/);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
      if (c.hidden) expect(r.stdout + r.stderr + r.summary).not.toContain(c.hidden);
      // Nothing reached a stand-in, nothing was installed.
      expect({ api: s.api.requests.length, gh: s.github.requests.length, cache: s.cache.hits, mirror: s.mirror.requests.length, registry: s.registry.requests.length }).toEqual(before);
      expect(fs.readdirSync(toolCache)).toEqual([]);
      expect(r.millis).toBeLessThan(FAST_MS);
      if (r.millis > longest.ms) Object.assign(longest, { name: c.name, ms: Math.round(r.millis) });
    } finally {
      r.cleanup();
      fs.rmSync(path.dirname(project), { recursive: true, force: true });
      fs.rmSync(toolCache, { recursive: true, force: true });
    }
  });

  afterAll(() => console.log(`bad input: ${cases.length} cases refused before any request; longest ${longest.ms} ms (${longest.name})`));
});
