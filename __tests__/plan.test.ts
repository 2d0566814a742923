// plan() across events, modes, fork and token combinations, with @actions/* mocked (no subprocess).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, jest } from "@jest/globals";

let inputs: Record<string, string> = {};
const context = { eventName: "push", ref: "refs/heads/main", sha: "abc1234def", payload: {} as Record<string, unknown>, runId: 7, serverUrl: "https://github.com" };
jest.unstable_mockModule("@actions/core", () => ({
  getInput: (name: string) => inputs[name] ?? "",
  getBooleanInput: (name: string) => inputs[name] === "true",
  getMultilineInput: (name: string) => (inputs[name] ?? "").split("\n").filter(Boolean),
}));

const { plan, decideUpload } = await import("../src/plan.js");

const WORKSPACE = path.resolve("examples");
const eventFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-plan-")), "event.json");
/** The runner's variables for `context` (the event payload written where GITHUB_EVENT_PATH points). */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  fs.writeFileSync(eventFile, JSON.stringify(context.payload));
  const { eventName, ref, sha, runId, serverUrl } = context;
  const runner = { GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref, GITHUB_SHA: sha, GITHUB_RUN_ID: String(runId), GITHUB_SERVER_URL: serverUrl, GITHUB_EVENT_PATH: eventFile };
  return { GITHUB_WORKSPACE: WORKSPACE, GITHUB_REPOSITORY: "octo/hello", ...runner, ...extra };
};
const repo = (full: string, fork = false) => ({ full_name: full, fork });
const pullRequest = (fork: boolean) => ({
  number: 12,
  pull_request: { number: 12, title: "Add X", head: { sha: "feedbeef", repo: repo(fork ? "someone/hello" : "octo/hello", fork) }, base: { repo: repo("octo/hello") } },
});

beforeEach(() => {
  inputs = { "working-directory": "hello", "api-token": "tok" };
  Object.assign(context, { eventName: "push", ref: "refs/heads/main", sha: "abc1234def", payload: { repository: { default_branch: "main" } } });
});

describe("plan(): the upload decision", () => {
  it("deploys a push to the default branch, as a production GitHub deployment", () => {
    const p = plan(env());
    expect([p.mode, p.upload, p.label, p.title]).toEqual(["deploy", "deploy", "Deploy", "Deploy"]);
    expect(p).toMatchObject({ needsWrangler: true, needsSecrets: true, needsToken: true, smokeTest: false, prComment: false });
    expect(p.githubDeployment).toEqual({ environment: "production", description: "hello-python-worker: deploy by python-workers-action", transient: false, production: true });
    expect(p.runUrl).toBe("https://github.com/octo/hello/actions/runs/7");
  });

  it("only checks a push to another branch: no wrangler, no secrets, no token needed", () => {
    context.ref = "refs/heads/feature";
    inputs["api-token"] = "";
    const p = plan(env());
    expect([p.mode, p.upload, p.label]).toEqual(["check", "none", "Upload"]);
    expect(p.noUpload).toEqual({ reason: "mode check: nothing is uploaded" });
    expect(p).toMatchObject({ needsWrangler: false, needsSecrets: false, needsToken: false, githubDeployment: undefined, secrets: {} });
  });

  it("uploads a preview version for a pull request, with an alias, a transient deployment and a comment", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(false) });
    const p = plan(env());
    expect([p.mode, p.upload, p.previewAlias, p.title]).toEqual(["preview", "version-upload", "pr-12", "Preview upload (alias pr-12)"]);
    expect(p).toMatchObject({ prComment: true, prNumber: 12, sha: "feedbeef", forkPr: false, message: "Add X", tag: "feedbee" });
    expect(p.githubDeployment).toMatchObject({ environment: "preview/pr-12", transient: true, production: false });
  });

  it("mode auto on a fork's pull request: a dry-run bundle, no token needed, no comment, one notice", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(true) });
    inputs["api-token"] = "";
    inputs.secrets = "API_KEY";
    const p = plan(env());
    expect([p.mode, p.upload, p.forkPr, p.prComment, p.needsWrangler, p.needsToken]).toEqual(["preview", "dry-run", true, false, true, false]);
    expect(p.uploadSkipped?.message).toMatch(/^Preview not uploaded: pull request from a fork/);
    expect(p.githubDeployment).toBeUndefined();
    expect(p.secrets).toEqual({});
  });

  it("mode auto without a token (a repository without the secret yet): dry run, and the notice says to add the secret", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(false) });
    inputs["api-token"] = "";
    const p = plan({ ...env(), CLOUDFLARE_API_TOKEN: "" });
    expect([p.upload, p.needsToken, p.prComment, p.label]).toEqual(["dry-run", false, true, "Deploy (dry run)"]);
    expect(p.uploadSkipped?.message).toMatch(/add the repository secret CLOUDFLARE_API_TOKEN/);
  });

  it("mode auto on a Dependabot pull request: dry run, Dependabot secrets named, no comment (read-only token)", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(false) });
    inputs["api-token"] = "";
    const p = plan({ ...env(), CLOUDFLARE_API_TOKEN: "", GITHUB_ACTOR: "dependabot[bot]" });
    expect([p.upload, p.prComment]).toEqual(["dry-run", false]);
    expect(p.uploadSkipped?.message).toMatch(/as Dependabot secrets/);
  });

  it("an explicit mode: preview without a token still fails loudly", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(false) });
    inputs["api-token"] = "";
    inputs.mode = "preview";
    expect(() => plan({ ...env(), CLOUDFLARE_API_TOKEN: "" })).toThrow(/api-token: mode "preview" uploads to Cloudflare and needs an API token/);
  });

  it("an explicit mode: preview on a fork uploads nothing and says so", () => {
    Object.assign(context, { eventName: "pull_request", ref: "refs/pull/12/merge", payload: pullRequest(true) });
    inputs["api-token"] = "";
    inputs.mode = "preview";
    inputs.secrets = "API_KEY";
    const p = plan(env());
    expect([p.upload, p.uploadSkipped]).toEqual(["none", undefined]);
    expect(p.noUpload?.notice?.message).toMatch(/^Preview upload skipped: pull request from a fork/);
  });

  it("deploys gradually below 100 %, with a smoke test when asked", () => {
    Object.assign(inputs, { mode: "deploy", "rollout-percentage": "25", "smoke-test-path": "/health" });
    const p = plan(env());
    expect([p.upload, p.smokeTest, p.label]).toEqual(["gradual", true, "Deploy"]);
  });

  it("runs a dry run without a token but with the secrets' names checked", () => {
    Object.assign(inputs, { mode: "dry-run", "api-token": "", secrets: "API_KEY" });
    const p = plan(env({ API_KEY: "v" }));
    expect([p.upload, p.needsToken, p.needsWrangler, p.githubDeployment, p.label]).toEqual(["dry-run", false, true, undefined, "Deploy (dry run)"]);
    expect(p.secrets).toEqual({ API_KEY: "v" });
  });

  it("takes the token from the environment, and fails without one when uploading", () => {
    inputs["api-token"] = "";
    expect(plan(env({ CLOUDFLARE_API_TOKEN: "from-env" })).apiToken).toBe("from-env");
    expect(() => plan(env())).toThrow(/^api-token: mode "deploy" uploads to Cloudflare and needs an API token\./);
  });

  it("rejects an environment the wrangler config does not define", () => {
    inputs.environment = "staging";
    expect(() => plan(env())).toThrow(/^environment: "staging" is not defined in wrangler\.toml\./);
  });

  it("needs a preview alias outside a pull request", () => {
    inputs.mode = "preview";
    expect(() => plan(env())).toThrow(/^preview-alias: mode preview outside a pull_request event needs a preview-alias\./);
    inputs["preview-alias"] = "Feature/X";
    expect(plan(env()).previewAlias).toBe("feature-x");
  });
});

describe("decideUpload", () => {
  it.each([
    ["check", false, 100, "none"],
    ["check", true, 100, "none"],
    ["preview", false, 100, "version-upload"],
    ["preview", true, 100, "none"],
    ["dry-run", true, 100, "dry-run"],
    ["deploy", false, 100, "deploy"],
    ["deploy", false, 99, "gradual"],
  ] as const)("%s, fork %s, %d %% → %s", (mode, fork, pct, upload) => {
    expect(decideUpload(mode, fork, pct).upload).toBe(upload);
  });
});

describe("mode auto's upload skips (pure)", () => {
  it("softens only mode auto on a pull request", async () => {
    const { autoUploadSkip, neverDeployedSkip } = await import("../src/plan.js");
    expect(autoUploadSkip("preview", "preview", { forkPr: false, hasToken: false })).toBeUndefined();
    expect(autoUploadSkip("auto", "deploy", { forkPr: false, hasToken: false })).toBeUndefined();
    expect(autoUploadSkip("auto", "preview", { forkPr: false, hasToken: true })).toBeUndefined();
    expect(autoUploadSkip("auto", "preview", { forkPr: true, hasToken: true })?.comment).toBe(false);
    expect(neverDeployedSkip({ inputs: { mode: "auto" } as never, upload: "version-upload", forkPr: false })?.message).toMatch(/Deploy it once from the default branch/);
    expect(neverDeployedSkip({ inputs: { mode: "preview" } as never, upload: "version-upload", forkPr: false })).toBeUndefined();
  });
});
