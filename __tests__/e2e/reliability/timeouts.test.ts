// Bounded time: a Cloudflare API that never answers the upload ends the deploy stage at deploy-timeout,
// naming the stage, the input and the command, with wrangler's whole process tree stopped; a GitHub
// API that never answers neither holds up nor fails a preview upload.
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "../env.js";
import { processesUnder } from "./procs.js";

jest.setTimeout(180_000);

const ACCOUNT = "abc12300000000000000000000000000";
const quick = { lint: "false", test: "false", "snapshot-check": "false", cache: "false" };
let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());
const longest: Record<string, number> = {};
afterAll(() => console.log(`hang cases (ms): ${JSON.stringify(longest)}`));

describe("a Cloudflare API that never answers the upload", () => {
  it("is stopped at deploy-timeout with its process tree, naming the stage, input and command", async () => {
    const { workspace } = helloWorker();
    s.api.injectFault({ method: "PUT", path: /\/workers\/scripts\/hello-python-worker$/, status: 200, hang: true, times: 1 });
    const r = await runAction({
      workspace,
      timeoutMs: 120_000,
      inputs: { "working-directory": "hello", mode: "deploy", "account-id": ACCOUNT, ...quick, ...s.downloads, "deploy-timeout": "25s", secrets: "API_KEY" },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, API_KEY: "hang-Secret-77" },
    });
    longest["cloudflare upload hang"] = Math.round(r.millis);
    expect(r.exitCode).toBe(1);
    const errors = r.annotations.filter((a) => a.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(
      /^deploy: `npx --yes wrangler deploy --secrets-file \/dev\/stdin .*` timed out after 25 s, the deploy stage's limit \(deploy-timeout\); it had run \d+(\.\d)? s and was stopped with its child processes\.$/,
    );
    expect(r.summary).toContain("timed out after");
    // The upload reached the API (and hung there); the bound held with room for set-up.
    expect(s.api.requests.some((q) => q.method === "PUT")).toBe(true);
    expect(r.millis).toBeLessThan(75_000);
    // Nothing of npx/wrangler is left running in the project.
    expect(processesUnder(workspace)).toEqual([]);
    expect(r.leftovers().filter((f) => f.text.includes("hang-Secret-77"))).toEqual([]);
    r.cleanup();
  });
});

describe("a GitHub API that never answers", () => {
  it("does not hold up or fail a preview upload; it warns, within the request limit", async () => {
    const { workspace } = helloWorker();
    const env = { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, GITHUB_API_URL: s.github.url };
    const first = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", "account-id": ACCOUNT, ...quick, ...s.downloads }, env });
    expect(first.exitCode).toBe(0);
    first.cleanup();
    s.github.faults.hang = true;
    try {
      const r = await runAction({
        workspace,
        timeoutMs: 150_000,
        eventName: "pull_request",
        ref: "refs/pull/41/merge",
        event: {
          number: 41,
          pull_request: {
            number: 41,
            title: "Hang",
            head: { ref: "f", sha: "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", repo: { full_name: "octo/hello", fork: false } },
            base: { ref: "main", repo: { full_name: "octo/hello", fork: false } },
          },
          repository: { full_name: "octo/hello", default_branch: "main" },
        },
        inputs: { "working-directory": "hello", "account-id": ACCOUNT, ...quick, ...s.downloads },
        env,
      });
      longest["github api hang"] = Math.round(r.millis);
      if (r.exitCode !== 0) process.stdout.write(r.stdout);
      expect(r.exitCode).toBe(0);
      expect(r.outputs["preview-alias-url"]).toBe("https://pr-41-hello-python-worker.test-sub.workers.dev");
      // The upload started before the GitHub deployment's request had given up (15 s).
      const uploadAt = r.stdout.indexOf("[command]npx --yes wrangler versions upload");
      const warnAt = r.stdout.indexOf("Could not create a GitHub deployment");
      expect(uploadAt).toBeGreaterThan(-1);
      expect(warnAt).toBeGreaterThan(uploadAt);
      expect(r.annotations).toContainEqual(
        expect.objectContaining({ level: "warning", message: expect.stringMatching(/^Could not create a GitHub deployment: no answer from 127\.0\.0\.1:\d+ within 15 s/) }),
      );
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", message: expect.stringMatching(/^Could not write the preview comment: no answer/) }));
      // Creating the deployment (15 s) and the comment (a read tried twice: 2 × 15 s + 1 s) are bounded.
      expect(r.millis).toBeLessThan(100_000);
      r.cleanup();
    } finally {
      s.github.faults.hang = false;
    }
  });
});
