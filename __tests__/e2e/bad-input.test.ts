// Every bad input fails the step with one line naming the input and the fix, before any tool is
// installed or any request is sent (checked on both stand-ins and on an empty tool cache).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { type CloudflareApi, copyWorker, EXAMPLES, type FileServer, runAction, startStandIns } from "./env.js";

jest.setTimeout(120_000);

let api: CloudflareApi;
let mirror: FileServer;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ api, mirror, close } = await startStandIns());
});
afterAll(async () => close());

type Case = {
  name: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  edit?: (project: string) => void;
  error: RegExp;
};

const wranglerToml = (project: string, from: string, to: string) => {
  const f = path.join(project, "wrangler.toml");
  fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(from, to));
};

const cases: Case[] = [
  { name: "unknown mode", inputs: { mode: "yolo" }, error: /^::error::mode: unknown mode "yolo"\. Use one of: auto, deploy, preview, dry-run, check\.$/m },
  {
    name: "malformed vars line",
    inputs: { vars: "GREETING=hi\nBROKEN LINE" },
    error: /^::error::vars: line 2 is not NAME=value \(got "BROKEN LINE"\)\. Write one variable per line, e\.g\. GREETING=hello\.$/m,
  },
  { name: "invalid secret name", inputs: { secrets: "API-KEY" }, error: /^::error::secrets: line 1: "API-KEY" is not a valid secret name\./m },
  { name: "secret missing from env", inputs: { secrets: "API_KEY\nMISSING_ONE" }, error: /^::error::secrets: no value for MISSING_ONE in the step's environment\. Add it to the step's env:/m },
  {
    name: "missing working-directory",
    inputs: { "working-directory": "nope" },
    error: /^::error::working-directory: ".*\/nope" does not exist\. Set it to the folder that holds pyproject\.toml and wrangler\.toml\.$/m,
  },
  { name: "no pyproject.toml", edit: (p) => fs.rmSync(path.join(p, "pyproject.toml")), error: /^::error::working-directory: no pyproject\.toml in ".*hello"\./m },
  { name: "no wrangler config", edit: (p) => fs.rmSync(path.join(p, "wrangler.toml")), error: /^::error::working-directory: no wrangler\.toml or wrangler\.jsonc in ".*hello"\./m },
  { name: "main not .py", edit: (p) => wranglerToml(p, 'main = "src/entry.py"', 'main = "src/index.js"'), error: /^::error::wrangler\.toml: "main" is "src\/index\.js", which is not a \.py file\./m },
  {
    name: "no python_workers flag",
    edit: (p) => wranglerToml(p, '["python_workers"]', '["nodejs_compat"]'),
    error: /^::error::wrangler\.toml: has no "python_workers" compatibility flag\. Add it: compatibility_flags = \["python_workers"\]\.$/m,
  },
  { name: "no API token for deploy", env: { CLOUDFLARE_API_TOKEN: "" }, error: /^::error::api-token: mode "deploy" uploads to Cloudflare and needs an API token\./m },
  { name: "undefined environment", inputs: { environment: "staging" }, error: /^::error::environment: "staging" is not defined in wrangler\.toml\./m },
  { name: "workers-py range", inputs: { "workers-py-version": ">=1.16" }, error: /^::error::workers-py-version: ">=1\.16" is not an exact version\. Give one such as 1\.17\.9\.$/m },
  { name: "wrangler version typo", inputs: { "wrangler-version": "four" }, error: /^::error::wrangler-version: "four" is not an npm version or range\./m },
  { name: "rollout percentage", inputs: { "rollout-percentage": "150" }, error: /^::error::rollout-percentage: "150" is not a whole percentage from 1 to 100\.$/m },
  { name: "bad boolean", inputs: { lint: "sometimes" }, error: /^::error::lint: expected true or false, got "sometimes"\.$/m },
];

describe("bad input", () => {
  it.each(cases)("$name", async (c) => {
    const { workspace, project } = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
    c.edit?.(project);
    const toolCache = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
    const r = await runAction({
      workspace,
      toolCache,
      inputs: { "working-directory": "hello", mode: "deploy", "uv-download-url": mirror.url, "npm-registry-url": mirror.url, secrets: "API_KEY", ...c.inputs },
      env: { CLOUDFLARE_API_BASE_URL: api.baseUrl, CLOUDFLARE_API_TOKEN: api.token, API_KEY: "value", ...c.env },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(c.error);
    // One error line, no stack trace.
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(api.requests).toHaveLength(0);
    expect(mirror.requests).toHaveLength(0);
    expect(fs.readdirSync(toolCache)).toEqual([]);
    r.cleanup();
  });
});
