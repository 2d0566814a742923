// Previews and releases end to end: event payloads as GitHub writes them (GITHUB_EVENT_PATH), the
// Cloudflare API stand-in and a GitHub API stand-in (GITHUB_API_URL) on 127.0.0.1.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(300_000);

let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());

const WORKER = "hello-python-worker";
const SECRET = "preview-Secret-91c2";

function prEvent(number: number, opts: { fork?: boolean; sha?: string } = {}) {
  const head = opts.fork ? "someone/hello" : "octo/hello";
  return {
    action: "synchronize",
    number,
    pull_request: {
      number,
      title: "Add a greeting",
      head: { ref: "feature/greeting", sha: opts.sha ?? "feedc0ffee0123456789abcdef0123456789abcd", repo: { full_name: head, fork: Boolean(opts.fork) } },
      base: { ref: "main", sha: "0000000000000000000000000000000000000000", repo: { full_name: "octo/hello", fork: false } },
    },
    repository: { full_name: "octo/hello", default_branch: "main" },
  };
}

const cfEnv = (extra: Record<string, string> = {}) => ({
  CLOUDFLARE_API_BASE_URL: s.api.baseUrl,
  CLOUDFLARE_ACCOUNT_ID: "abc12300000000000000000000000000",
  CLOUDFLARE_API_TOKEN: s.api.token,
  GITHUB_API_URL: s.github.url,
  API_KEY: SECRET,
  ...extra,
});
const quick = { lint: "false", test: "false", "snapshot-check": "false" };

describe("previews", () => {
  const { workspace } = helloWorker();

  it("refuses an explicit preview of a Worker that was never deployed, saying to deploy first", async () => {
    const r = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/6/merge",
      event: prEvent(6),
      inputs: { "working-directory": "hello", mode: "preview", ...quick, ...s.downloads, secrets: "API_KEY" },
      env: cfEnv(),
    });
    expect(r.exitCode).toBe(1);
    // The PR comment says so too.
    expect(s.github.comments.find((c: { issue: number }) => c.issue === 6)?.body).toContain("❌ deploy failed");
    expect(r.stdout).toMatch(/::error::deploy: the Worker has never been deployed: previews and gradual rollouts upload a new version of an existing Worker\. Deploy it once first \(mode: deploy\)/);
    expect(s.api.uploads()).toHaveLength(0);
    r.cleanup();
  });

  it("uploads a version with the alias and the secrets, and keeps one sticky PR comment", async () => {
    const first = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads }, env: cfEnv() });
    expect(first.exitCode).toBe(0);
    const before = s.api.uploads().length;

    const runs = [];
    for (const sha of ["1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]) {
      const r = await runAction({
        workspace,
        eventName: "pull_request",
        ref: "refs/pull/7/merge",
        event: prEvent(7, { sha }),
        inputs: { "working-directory": "hello", ...quick, ...s.downloads, secrets: "API_KEY" },
        env: cfEnv(),
      });
      if (r.exitCode !== 0) process.stdout.write(r.stdout);
      expect(r.exitCode).toBe(0);
      runs.push(r);
    }
    const uploads = s.api.uploads().slice(before);
    expect(uploads).toHaveLength(2);
    for (const u of uploads) {
      expect(u.method).toBe("POST");
      expect(u.path).toBe(`/client/v4/accounts/abc12300000000000000000000000000/workers/scripts/${WORKER}/versions`);
      expect(u.metadata.annotations["workers/alias"]).toBe("pr-7");
      expect(u.metadata.annotations["workers/message"]).toBe("Add a greeting");
      expect(u.metadata.bindings).toContainEqual({ type: "secret_text", name: "API_KEY", text: SECRET });
    }
    expect(uploads[1].metadata.annotations["workers/tag"]).toBe("2222222");
    // Nothing was deployed by a preview.
    expect(s.api.requests.filter((r) => r.method === "POST" && r.path.endsWith("/deployments"))).toHaveLength(0);

    const r = runs[1];
    expect(r.outputs["preview-alias-url"]).toBe(`https://pr-7-${WORKER}.test-sub.workers.dev`);
    expect(r.outputs["preview-url"]).toMatch(new RegExp(`^https://[0-9a-f]{8}-${WORKER}\\.test-sub\\.workers\\.dev$`));
    expect(r.outputs["version-id"]).toBe(s.api.workers.get(WORKER)?.versions.at(-1)?.id);

    // Exactly one comment, created by the first run and updated by the second.
    const comments = s.github.comments.filter((c: { issue: number }) => c.issue === 7);
    expect(comments).toHaveLength(1);
    expect(s.github.requests.filter((q: { method: string; path: string }) => q.method === "POST" && q.path.endsWith("/issues/7/comments"))).toHaveLength(1);
    expect(s.github.requests.filter((q: { method: string; path: string }) => q.method === "PATCH" && /\/issues\/comments\/\d+$/.test(q.path))).toHaveLength(1);
    const body = comments[0].body as string;
    expect(body).toContain(`<!-- python-workers-action:preview:${WORKER} -->`);
    expect(body).toContain(`https://pr-7-${WORKER}.test-sub.workers.dev`);
    expect(body).toContain(r.outputs["preview-url"]);
    expect(body).toContain("`2222222`");
    expect(body).toMatch(/✅ setup .* ✅ deploy/);

    // A transient GitHub deployment per run, in progress then successful, pointing at the alias.
    const deps = s.github.deployments.filter((d: { environment: string }) => d.environment === "preview/pr-7");
    expect(deps).toHaveLength(2);
    expect(deps[1]).toMatchObject({ ref: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", transient_environment: true, production_environment: false });
    expect(deps[1].statuses.map((x: { state: string }) => x.state)).toEqual(["in_progress", "success"]);
    expect(deps[1].statuses[1].environment_url).toBe(`https://pr-7-${WORKER}.test-sub.workers.dev`);
    for (const x of runs) x.cleanup();
  });

  it("runs everything but the upload for a fork's pull request, and succeeds", async () => {
    const before = { uploads: s.api.uploads().length, api: s.api.requests.length, gh: s.github.requests.length };
    const r = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/9/merge",
      event: prEvent(9, { fork: true }),
      inputs: { "working-directory": "hello", ...s.downloads, secrets: "API_KEY" },
      // What a fork's run has: no Cloudflare token, no secrets.
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, GITHUB_API_URL: s.github.url },
    });
    expect(r.exitCode).toBe(0);
    expect(s.api.requests.length).toBe(before.api);
    expect(s.github.requests.length).toBe(before.gh);
    expect(r.annotations.filter((a: { level: string }) => a.level === "notice")).toEqual([expect.objectContaining({ title: "Preview not uploaded" })]);
    expect(r.summary).toContain("Preview not uploaded: pull request from a fork");
    expect(r.summary).toMatch(/\| Deploy \(dry run\) \| ✅ success \|/);
    for (const stage of ["Lint", "Test", "Snapshot check"]) expect(r.summary).toMatch(new RegExp(`\\| ${stage} \\| ✅ success \\|`));
    r.cleanup();
  });

  it("warns, naming the permission, when the token may not comment or deploy", async () => {
    s.github.faults.readOnly = true;
    try {
      const r = await runAction({
        workspace,
        eventName: "pull_request",
        ref: "refs/pull/8/merge",
        event: prEvent(8),
        inputs: { "working-directory": "hello", ...quick, ...s.downloads, secrets: "API_KEY" },
        env: cfEnv(),
      });
      expect(r.exitCode).toBe(0);
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "GitHub permission", message: expect.stringContaining("`pull-requests: write`") }));
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "GitHub permission", message: expect.stringContaining("`deployments: write`") }));
      r.cleanup();
    } finally {
      s.github.faults.readOnly = false;
    }
  });
});

describe("releases", () => {
  const { workspace } = helloWorker();

  it("deploys a release with its tag and name, and records a production deployment", async () => {
    const event = { action: "published", release: { tag_name: "v1.2.0", name: "Release 1.2", target_commitish: "main" }, repository: { full_name: "octo/hello", default_branch: "main" } };
    const before = s.api.uploads().length;
    const r = await runAction({ workspace, eventName: "release", ref: "refs/tags/v1.2.0", event, inputs: { "working-directory": "hello", ...quick, ...s.downloads }, env: cfEnv() });
    expect(r.exitCode).toBe(0);
    const up = s.api.uploads().slice(before);
    expect(up).toHaveLength(1);
    expect(up[0].metadata.annotations).toEqual({ "workers/message": "Release 1.2", "workers/tag": "v1.2.0" });
    const d = s.github.deployments.at(-1);
    expect(d).toMatchObject({ environment: "production", production_environment: true, transient_environment: false });
    expect(d.statuses.map((x: { state: string }) => x.state)).toEqual(["in_progress", "success"]);
    expect(d.statuses[1].environment_url).toBe(`https://${WORKER}.test-sub.workers.dev`);
    r.cleanup();
  });

  it("rolls back when the smoke test fails, and fails the step saying what was rolled back", async () => {
    const unhealthy = http.createServer((_q, res) => {
      res.writeHead(500);
      res.end("boom");
    });
    await new Promise<void>((r) => unhealthy.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(unhealthy.address() as { port: number }).port}/health`;
    const previous = s.api.workers.get(WORKER)?.deployments[0].versions[0].version_id;
    const before = s.api.requests.length;
    try {
      const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads, "smoke-test-url": url, "smoke-test-timeout": "3s" }, env: cfEnv() });
      expect(r.exitCode).toBe(1);
      const newVersion = s.api.workers.get(WORKER)?.versions.at(-1)?.id;
      expect(r.stdout).toContain(`::error::deploy: smoke test failed: GET ${url} gave HTTP 500 after`);
      expect(r.stdout).toContain(`rolled ${WORKER} back from version ${newVersion} to the previous version ${previous}.`);
      // The rollback reached the API: a deployment putting all traffic on the previous version.
      const deployments = s.api.requests.slice(before).filter((q) => q.method === "POST" && q.path.endsWith(`/scripts/${WORKER}/deployments`));
      expect(deployments.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(deployments.at(-1)?.body!).versions).toEqual([{ version_id: previous, percentage: 100 }]);
      expect(s.github.deployments.at(-1).statuses.map((x: { state: string }) => x.state)).toEqual(["in_progress", "failure"]);
      r.cleanup();
    } finally {
      unhealthy.close();
    }
  });

  it("rolls out gradually: the new version gets its share, the deployed one the rest", async () => {
    const previous = s.api.workers.get(WORKER)?.deployments[0].versions.find((v: { percentage: number }) => v.percentage === 100)?.version_id;
    const before = s.api.requests.length;
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads, "rollout-percentage": "10" }, env: cfEnv() });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    const later = s.api.requests.slice(before);
    expect(later.some((q) => q.method === "POST" && q.path.endsWith("/versions"))).toBe(true);
    const dep = later.filter((q) => q.method === "POST" && q.path.endsWith(`/scripts/${WORKER}/deployments`)).at(-1)!;
    expect(JSON.parse(dep.body!).versions).toEqual([
      { version_id: r.outputs["version-id"], percentage: 10 },
      { version_id: previous, percentage: 90 },
    ]);
    expect(r.summary).toContain(`Gradual rollout: version ${r.outputs["version-id"]} gets 10% of traffic`);
    r.cleanup();
  });
});
