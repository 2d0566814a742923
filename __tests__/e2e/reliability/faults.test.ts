// Injected faults: the Cloudflare API, the GitHub API and the cache service stand-ins answering 5xx,
// 429, nothing, a reset, invalid JSON or an auth error; a test that never ends; ruff failing to start.
// Each run either recovers or fails cleanly: the exit, the one-line message, the summary, what
// reached the stand-ins, and the time bound are asserted. Stage limits are short (deploy-timeout,
// test-timeout) so the whole file stays within a few minutes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { startCloudflareApi } from "../../../scripts/testkit/cloudflare-api.mjs";
import { type CloudflareApi, helloWorker, runAction, type StandInsWithCache, startStandIns } from "../env.js";

jest.setTimeout(300_000);

const ACCOUNT = "abc12300000000000000000000000000";
const UPLOAD = /\/workers\/scripts\/hello-python-worker$/;
const fail = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

let s: StandInsWithCache;
beforeAll(async () => {
  s = await startStandIns({ cache: true });
});
afterAll(async () => {
  await s.close();
  console.log(`faults:\n${results.map((r) => `  ${r.name}: exit ${r.exit}, ${r.ms} ms (bound ${r.bound} ms)${r.error ? ` — ${r.error.slice(0, 200)}` : ""}`).join("\n")}`);
});
const results: Array<{ name: string; exit: number; ms: number; bound: number; error?: string }> = [];

interface Run {
  name: string;
  /** Faults for this run's own Cloudflare API stand-in (a fresh one: no Worker yet, no faults left over). */
  fault?: (api: CloudflareApi) => void;
  inputs?: Record<string, string>;
  edit?: (project: string) => void;
  /** Bound on the whole run (ms). */
  bound: number;
}

/** Deploy examples/hello with lint, tests and the snapshot check off (unless asked), against the stand-ins. */
async function go(o: Run) {
  const { workspace, project } = helloWorker();
  o.edit?.(project);
  const cf = await startCloudflareApi({ token: "cf-test-token" });
  o.fault?.(cf);
  const before = { gh: s.github.requests.length, cache: s.cache.hits };
  const r = await runAction({
    workspace,
    timeoutMs: o.bound + 60_000,
    inputs: {
      "working-directory": "hello",
      mode: "deploy",
      "account-id": ACCOUNT,
      lint: "false",
      test: "false",
      "snapshot-check": "false",
      cache: "false",
      "deploy-timeout": "45s",
      ...s.downloads,
      ...o.inputs,
    },
    env: { CLOUDFLARE_API_BASE_URL: cf.baseUrl, CLOUDFLARE_API_TOKEN: cf.token, GITHUB_API_URL: s.github.url, ...s.cache.env },
  });
  await cf.close();
  results.push({ name: o.name, exit: r.exitCode, ms: Math.round(r.millis), bound: o.bound, error: r.annotations.find((a) => a.level === "error")?.message });
  const api = cf.requests;
  const gh = s.github.requests.slice(before.gh);
  const errors = r.annotations.filter((a) => a.level === "error");
  // Whatever happened: no stack trace in any annotation, at most one error line, within the bound.
  for (const a of r.annotations) expect(a.message).not.toMatch(/\n\s+at .*:\d+/);
  expect(errors.length).toBeLessThanOrEqual(1);
  expect(r.millis).toBeLessThan(o.bound);
  return { r, api, gh, cacheHits: s.cache.hits - before.cache, error: errors[0]?.message ?? "", cleanup: () => r.cleanup() };
}

const uploads = (api: Array<{ method: string; path: string }>) => api.filter((q) => q.method === "PUT" && UPLOAD.test(q.path));

describe("Cloudflare API faults", () => {
  it("a 502 on the first upload: wrangler's retry recovers, or the step fails naming the upload", async () => {
    const x = await go({ fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 502, times: 1 }), name: "CF 502 once", bound: 60_000 });
    if (x.r.exitCode === 0) {
      expect(uploads(x.api).length).toBe(2);
      expect(x.r.outputs["deployment-url"]).toMatch(/^https:\/\//);
      expect(x.r.summary).not.toContain("❌");
    } else {
      expect(x.error).toMatch(/^deploy: .*(502|5\d\d)/);
      expect(x.r.summary).toContain("❌ failed at deploy");
    }
    x.cleanup();
  });

  it("a 500 on every upload fails the step cleanly, nothing deployed", async () => {
    const x = await go({ fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 500, times: 50 }), name: "CF 500 always", bound: 90_000 });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/^deploy: /);
    expect(x.r.summary).toContain("❌ failed at deploy");
    expect(x.r.outputs["deployment-url"] ?? "").toBe("");
    expect(uploads(x.api).length).toBeGreaterThanOrEqual(1);
    x.cleanup();
  });

  it("429 with Retry-After on every upload: rate-limited, the API's reason and retry advice", async () => {
    const x = await go({
      fault: (api) =>
        api.injectFault({ method: "PUT", path: UPLOAD, status: 429, times: 50, headers: { "retry-after": "1" }, body: fail(971, "Please wait and consider throttling your request speed") }),
      name: "CF 429 always (Retry-After: 1)",
      inputs: { "deploy-timeout": "90s" },
      bound: 150_000,
    });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/rate-limited/i);
    expect(x.error).toContain("Please wait and consider throttling your request speed");
    expect(x.error).toMatch(/retry|re-run/i);
    expect(x.r.summary).toContain("❌ failed at deploy");
    x.cleanup();
  });

  it("429 once with Retry-After: wrangler waits and the deploy goes through", async () => {
    const x = await go({
      fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 429, times: 1, headers: { "retry-after": "1" }, body: fail(971, "slow down") }),
      name: "CF 429 once",
      inputs: { "deploy-timeout": "60s" },
      bound: 90_000,
    });
    if (x.r.exitCode === 0) {
      expect(uploads(x.api).length).toBe(2);
      expect(x.r.outputs["deployment-url"]).toMatch(/^https:\/\//);
    } else {
      expect(x.error).toMatch(/rate-limited/i);
    }
    x.cleanup();
  });

  it("an upload that never answers is stopped at deploy-timeout, naming the stage and the command", async () => {
    const x = await go({
      fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 200, times: 1, hang: true }),
      name: "CF upload hangs (deploy-timeout 30s)",
      inputs: { "deploy-timeout": "30s" },
      bound: 70_000,
    });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/timed out after [\d.]+ s/);
    expect(x.error).toMatch(/after 30 s, the deploy stage's limit/);
    expect(x.error).toMatch(/deploy-timeout/);
    expect(x.error).toMatch(/wrangler|pywrangler/);
    expect(x.r.summary).toContain("❌ failed at deploy");
    expect(uploads(x.api).length).toBe(1);
    x.cleanup();
  });

  it("a connection reset on every upload fails, naming the host and the cause", async () => {
    const x = await go({ fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 0, times: 50, reset: true }), name: "CF reset always", bound: 90_000 });
    expect(x.r.exitCode).toBe(1);
    // The host and the cause wrangler's own text leaves out ("fetch failed"), recorded from its requests.
    expect(x.error).toMatch(/could not reach the Cloudflare API at 127\.0\.0\.1:\d+ \((UND_ERR_SOCKET: other side closed|(read )?ECONNRESET[^)]*)\)/);
    expect(x.r.summary).toContain("❌ failed at deploy");
    x.cleanup();
  });

  it("invalid JSON from the API fails cleanly", async () => {
    const x = await go({ fault: (api) => api.injectFault({ method: "PUT", path: UPLOAD, status: 200, times: 50, raw: "<html>gateway</html>" }), name: "CF invalid JSON", bound: 90_000 });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/^deploy: /);
    expect(x.r.summary).toContain("❌ failed at deploy");
    x.cleanup();
  });

  it("a refused token (10000) says authentication and points at api-token", async () => {
    const x = await go({ fault: (api) => api.injectFault({ path: /\/workers\//, status: 403, times: 50, body: fail(10000, "Authentication error") }), name: "CF auth error 10000", bound: 60_000 });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/authentication/i);
    expect(x.error).toMatch(/api-token/);
    expect(x.r.stdout).not.toMatch(/^\s+at .*\.js:\d+:\d+\)?$/m);
    expect(uploads(x.api).length).toBe(0);
    x.cleanup();
  });

  it("an API nobody listens on fails fast, naming the host and the errno", async () => {
    const { workspace } = helloWorker();
    // A port that was just free: connection refused (not a port fetch refuses to use, like 9).
    const probe = await startCloudflareApi();
    const closed = new URL(probe.baseUrl).port;
    await probe.close();
    const started = performance.now();
    const r = await runAction({
      workspace,
      timeoutMs: 120_000,
      inputs: { "working-directory": "hello", mode: "deploy", "account-id": ACCOUNT, lint: "false", test: "false", "snapshot-check": "false", cache: "false", ...s.downloads },
      env: { CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${closed}/client/v4`, CLOUDFLARE_API_TOKEN: "t", GITHUB_API_URL: s.github.url },
    });
    results.push({ name: "CF connection refused", exit: r.exitCode, ms: Math.round(r.millis), bound: 90_000 });
    expect(r.exitCode).toBe(1);
    const error = r.annotations.find((a) => a.level === "error")?.message ?? "";
    expect(error).toContain(`127.0.0.1:${closed}`);
    expect(error).toMatch(/ECONNREFUSED/);
    expect(performance.now() - started).toBeLessThan(90_000);
    r.cleanup();
  });
});

describe("GitHub API faults never block or fail an upload", () => {
  afterAll(() => {
    Object.assign(s.github.faults, { status: 0, hang: false, readOnly: false });
  });

  it.each([
    ["5xx", { status: 502 }, 60_000],
    ["403 (read-only token)", { readOnly: true }, 60_000],
    ["hang", { hang: true }, 60_000],
  ] as const)("GitHub API %s: deployed, with a warning", async (label, fault, bound) => {
    Object.assign(s.github.faults, { status: 0, hang: false, readOnly: false }, fault);
    const x = await go({ name: `GitHub API ${label}`, bound });
    Object.assign(s.github.faults, { status: 0, hang: false, readOnly: false });
    expect(x.r.exitCode).toBe(0);
    expect(uploads(x.api).length).toBe(1);
    expect(x.r.outputs["deployment-url"]).toMatch(/^https:\/\//);
    expect(x.gh.length).toBeGreaterThanOrEqual(1);
    expect(x.r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: expect.stringMatching(/^GitHub/) }));
    expect(x.r.summary).not.toContain("❌");
    x.cleanup();
  });
});

describe("cache service faults never fail the run", () => {
  it.each([
    // @actions/cache retries 5xx with backoff; cache-timeout (here 10 s) bounds each restore and save.
    ["5xx", { status: 500 }, 90_000],
    ["hang", { hang: true }, 90_000],
  ] as const)("cache service %s: deployed, with a warning", async (label, fault, bound) => {
    Object.assign(s.cache.faults, fault);
    const x = await go({ name: `cache service ${label}`, inputs: { cache: "true", "cache-timeout": "10s" }, bound });
    Object.assign(s.cache.faults, { status: 0, hang: false });
    expect(x.r.exitCode).toBe(0);
    expect(x.cacheHits).toBeGreaterThanOrEqual(1);
    expect(uploads(x.api).length).toBe(1);
    expect(x.r.annotations.some((a) => a.level === "warning")).toBe(true);
    x.cleanup();
  });
});

describe("tool faults", () => {
  it("a test that never ends is stopped at test-timeout, with its process tree", async () => {
    const x = await go({
      name: "pytest hang (test-timeout 4s)",
      inputs: { mode: "check", test: "true", "test-timeout": "4s" },
      edit: (p) => fs.writeFileSync(path.join(p, "tests", "test_hang.py"), "import time\n\n\ndef test_forever():\n    time.sleep(10**6)\n"),
      bound: 40_000,
    });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/^test: /);
    expect(x.error).toMatch(/timed out after 4 s, the test stage's limit \(test-timeout\)/);
    expect(x.error).toMatch(/pytest/);
    expect(x.r.summary).toContain("❌ failed at test");
    // Nothing of the run is left: no process runs the hanging test.
    const left = fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(x.r.env.GITHUB_WORKSPACE) || fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(x.r.env.GITHUB_WORKSPACE);
        } catch {
          return false;
        }
      });
    expect(left).toEqual([]);
    expect(x.api).toHaveLength(0);
    x.cleanup();
  });

  it("ruff that cannot read its configuration (exit 2) fails lint cleanly, naming ruff", async () => {
    const x = await go({
      name: "ruff crash (bad ruff.toml)",
      inputs: { mode: "check", lint: "true" },
      edit: (p) => fs.writeFileSync(path.join(p, "ruff.toml"), 'line-length = "very long"\n'),
      bound: 40_000,
    });
    expect(x.r.exitCode).toBe(1);
    expect(x.error).toMatch(/^lint: /);
    expect(x.error).toMatch(/ruff/);
    expect(x.r.summary).toContain("❌ failed at lint");
    expect(x.api).toHaveLength(0);
    x.cleanup();
  });
});
