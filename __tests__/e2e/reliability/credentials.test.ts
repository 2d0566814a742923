// One credentials path: the token and account given as inputs (the README's recipe) or as env reach
// every wrangler call a run makes — the upload, `deployments status`, `versions deploy`, `rollback` —
// checked on the Cloudflare API stand-in's requests (each one's Authorization and account path).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "../env.js";

jest.setTimeout(240_000);

const ACCOUNT = "abc12300000000000000000000000000";
const WORKER = "hello-python-worker";
let s: StandIns;
let failing: http.Server;
let failingUrl: string;
beforeAll(async () => {
  s = await startStandIns();
  failing = http.createServer((_q, res) => res.writeHead(500).end("boom"));
  await new Promise<void>((r) => failing.listen(0, "127.0.0.1", r));
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await s.close();
  await new Promise((r) => failing.close(r));
});

const quick = { lint: "false", test: "false", "snapshot-check": "false", cache: "false", "deploy-timeout": "90s" };
/** Credentials as inputs (nothing in env), or as env (no inputs). */
const VIA = {
  inputs: () => ({ inputs: { "api-token": s.api.token, "account-id": ACCOUNT }, env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, GITHUB_API_URL: s.github.url } }),
  env: () => ({ inputs: {}, env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, GITHUB_API_URL: s.github.url, CLOUDFLARE_API_TOKEN: s.api.token, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } }),
};

async function go(via: keyof typeof VIA, workspace: string, inputs: Record<string, string>, extra: Partial<Parameters<typeof runAction>[0]> = {}) {
  const c = VIA[via]();
  const before = s.api.requests.length;
  const r = await runAction({ workspace, inputs: { "working-directory": "hello", ...quick, ...s.downloads, ...c.inputs, ...inputs }, env: c.env, ...extra });
  const api = s.api.requests.slice(before);
  // Every request carried the token, on the account given.
  for (const q of api) {
    expect(q.headers.authorization).toBe(`Bearer ${s.api.token}`);
    if (q.path.includes("/accounts/")) expect(q.path).toContain(`/accounts/${ACCOUNT}/`);
  }
  return { r, api };
}

const deployments = () => s.api.workers.get(WORKER)?.deployments ?? [];

for (const via of ["inputs", "env"] as const) {
  describe(`credentials as ${via}`, () => {
    const { workspace } = helloWorker();
    const worker = `${WORKER}`;

    it("deploys, then rolls out 10 % sharing traffic with the deployed version", async () => {
      s.api.workers.delete(worker);
      const first = await go(via, workspace, { mode: "deploy" });
      expect(first.r.exitCode).toBe(0);
      const deployed = deployments()[0].versions[0].version_id;
      const { r, api } = await go(via, workspace, { mode: "deploy", "rollout-percentage": "10" });
      if (r.exitCode !== 0) process.stdout.write(r.stdout);
      expect(r.exitCode).toBe(0);
      // The look-up, the version upload and the split all went out with the token.
      expect(api.some((q) => q.method === "GET" && q.path.endsWith(`/scripts/${worker}/deployments`))).toBe(true);
      expect(api.some((q) => q.method === "POST" && q.path.endsWith(`/scripts/${worker}/versions`))).toBe(true);
      const split = deployments()[0].versions;
      expect(split).toEqual([
        { version_id: r.outputs["version-id"], percentage: 10 },
        { version_id: deployed, percentage: 90 },
      ]);
      expect(r.summary).toContain(`gets 10% of traffic, ${deployed} the rest`);
      first.r.cleanup();
      r.cleanup();
    });

    it("a 100 % deploy over that split warns in the summary that it replaced the rollout", async () => {
      const { r } = await go(via, workspace, { mode: "deploy" });
      expect(r.exitCode).toBe(0);
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "Gradual rollout replaced" }));
      expect(r.summary).toMatch(/replaced a gradual rollout in progress \([0-9a-f-]+@10%, [0-9a-f-]+@90%\)/);
      r.cleanup();
    });

    it("a failed smoke test rolls back to the version that served before", async () => {
      const before = deployments()[0].versions[0].version_id;
      const { r, api } = await go(via, workspace, { mode: "deploy", "smoke-test-url": failingUrl, "smoke-test-timeout": "3s" });
      expect(r.exitCode).toBe(1);
      const rolled = api.filter((q) => q.method === "POST" && q.path.endsWith(`/scripts/${worker}/deployments`));
      expect(rolled.length).toBeGreaterThanOrEqual(1);
      expect(deployments()[0].versions).toEqual([{ version_id: before, percentage: 100 }]);
      expect(r.stdout).toMatch(
        new RegExp(`::error::deploy: smoke test failed: GET ${failingUrl.replace(/\/$/, "")}/? gave HTTP 500 .*; rolled ${worker} back from version [0-9a-f-]+ to the previous version ${before}\\.`),
      );
      r.cleanup();
    });

    it("uploads a preview of a pull request", async () => {
      const { r, api } = await go(
        via,
        workspace,
        {},
        {
          eventName: "pull_request",
          ref: "refs/pull/31/merge",
          event: {
            number: 31,
            pull_request: {
              number: 31,
              title: "Preview",
              head: { ref: "f", sha: "abababababababababababababababababababab", repo: { full_name: "octo/hello", fork: false } },
              base: { ref: "main", repo: { full_name: "octo/hello", fork: false } },
            },
            repository: { full_name: "octo/hello", default_branch: "main" },
          },
        },
      );
      if (r.exitCode !== 0) process.stdout.write(r.stdout);
      expect(r.exitCode).toBe(0);
      expect(r.outputs["preview-alias-url"]).toBe(`https://pr-31-${worker}.test-sub.workers.dev`);
      expect(api.filter((q) => q.method === "POST" && q.path.endsWith("/versions"))).toHaveLength(1);
      r.cleanup();
    });
  });
}

describe("a refused token", () => {
  it("fails the rollout's look-up with the authentication reason, never 'has none'", async () => {
    const { workspace } = helloWorker();
    const r = await runAction({
      workspace,
      inputs: { "working-directory": "hello", ...quick, ...s.downloads, mode: "deploy", "rollout-percentage": "10", "api-token": "wrong-token", "account-id": ACCOUNT },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token },
    });
    expect(r.exitCode).toBe(1);
    const errors = r.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^deploy: wrangler deployments status failed \(exit 1, API code 10000\): authentication: the token was refused; check api-token, its scopes and its account/);
    expect(errors[0].message).not.toMatch(/has none|\bat .*cli\.js/);
    r.cleanup();
  });
});
