// Issue 11 end to end through dist/: mode auto that never fails a PR for what the PR cannot fix,
// pre-/post-deploy commands around the upload, the version-override header through a proxy, a
// project's own older ruff.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(300_000);

let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());

const WORKER = "hello-python-worker";
const quick = { lint: "false", test: "false", "snapshot-check": "false" };

function prEvent(number: number) {
  return {
    action: "opened",
    number,
    pull_request: {
      number,
      head: { ref: "add-ci", sha: "feedc0ffee0123456789abcdef0123456789abcd", repo: { full_name: "octo/hello", fork: false } },
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
  GITHUB_REPOSITORY: "octo/hello",
  ...extra,
});

const notices = (r: { annotations: Array<{ level: string; title?: string }> }) => r.annotations.filter((a) => a.level === "notice" && a.title === "Preview not uploaded");

describe("mode auto on the first pull requests", () => {
  const { workspace } = helloWorker();

  it("the PR adding the workflow (Worker never deployed) succeeds: checks and a dry-run bundle, nothing uploaded, one notice", async () => {
    const r = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/1/merge",
      event: prEvent(1),
      inputs: { "working-directory": "hello", "snapshot-check": "false", ...s.downloads },
      env: cfEnv(),
    });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(s.api.uploads()).toHaveLength(0);
    expect(notices(r)).toHaveLength(1);
    expect(notices(r)[0]).toMatchObject({ message: expect.stringContaining("Deploy it once from the default branch") });
    for (const stage of ["Lint", "Test"]) expect(r.summary).toMatch(new RegExp(`\\| ${stage} \\| ✅ success \\|`));
    expect(r.summary).toContain("> **Nothing uploaded:** Preview not uploaded: the Worker has never been deployed");
    expect(r.summary).toMatch(/\| Preview upload \| ⚠️ warning \| [^|]+ \| bundle .*nothing uploaded: the Worker was never deployed, preview skipped \|/);
    expect(r.summary).toMatch(/\| \*\*Total\*\* \| \| [\d.]+ (s|ms) \| \|/);
    const comment = s.github.comments.find((c: { issue: number }) => c.issue === 1);
    expect(comment?.body).toContain("⏭️ not uploaded");
    expect(comment?.body).toContain("Preview not uploaded: the Worker has never been deployed");
    r.cleanup();
  });

  it("a Dependabot PR without secrets succeeds: checks and a dry-run bundle, nothing sent anywhere, one notice naming Dependabot secrets", async () => {
    const before = { api: s.api.requests.length, gh: s.github.requests.length };
    const r = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/2/merge",
      event: prEvent(2),
      inputs: { "working-directory": "hello", "snapshot-check": "false", ...s.downloads, secrets: "API_KEY" },
      // What Dependabot's run has: no Cloudflare token, no API_KEY value.
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, GITHUB_API_URL: s.github.url, GITHUB_ACTOR: "dependabot[bot]" },
    });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(s.api.requests.length).toBe(before.api);
    expect(s.github.requests.length).toBe(before.gh);
    expect(notices(r)).toHaveLength(1);
    expect(notices(r)[0]).toMatchObject({ message: expect.stringContaining("as Dependabot secrets") });
    expect(r.summary).toContain("> **Nothing uploaded:** Preview not uploaded: Dependabot pull requests get Dependabot secrets only");
    expect(r.summary).toMatch(/\| Deploy \(dry run\) \| ✅ success \|/);
    r.cleanup();
  });

  it("an explicit mode: preview without a token still fails loudly", async () => {
    const r = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/2/merge",
      event: prEvent(2),
      inputs: { "working-directory": "hello", mode: "preview", ...quick, ...s.downloads },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, GITHUB_API_URL: s.github.url },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('::error::api-token: mode "preview" uploads to Cloudflare and needs an API token');
    r.cleanup();
  });
});

describe("pre-deploy and post-deploy", () => {
  const { workspace, project } = helloWorker();
  // Each command leaves a trace in the Cloudflare stand-in's request log, in order with the upload,
  // with the upload's token and account.
  const ping = (name: string) => `curl -s -o /dev/null -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" "$CLOUDFLARE_API_BASE_URL/accounts/$CLOUDFLARE_ACCOUNT_ID/workers/${name}"`;

  it("runs pre-deploy after the checks and before the upload, post-deploy after it, in the Worker's folder, output masked", async () => {
    const before = s.api.requests.length;
    const r = await runAction({
      workspace,
      inputs: {
        "working-directory": "hello",
        mode: "deploy",
        ...quick,
        lint: "true",
        ...s.downloads,
        "pre-deploy": `echo "migrations applied" > marker.txt\n${ping("pre-deploy-marker")}\necho "token is $CLOUDFLARE_API_TOKEN"`,
        "post-deploy": ping("post-deploy-marker"),
      },
      env: cfEnv(),
    });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(project, "marker.txt"), "utf8")).toBe("migrations applied\n");
    const later = s.api.requests.slice(before).map((q) => `${q.method} ${q.path}`);
    const pre = later.findIndex((q) => q.endsWith("/workers/pre-deploy-marker"));
    const upload = later.indexOf(`PUT /client/v4/accounts/abc12300000000000000000000000000/workers/scripts/${WORKER}`);
    const post = later.findIndex((q) => q.endsWith("/workers/post-deploy-marker"));
    expect(pre).toBeGreaterThanOrEqual(0);
    expect([pre < upload, upload < post]).toEqual([true, true]);
    expect(s.api.requests.slice(before).find((q) => q.path.endsWith("/pre-deploy-marker"))?.headers.authorization).toBe(`Bearer ${s.api.token}`);
    expect(r.stdout).toContain("token is ***");
    // `::add-mask::VALUE` is the runner's masking command: the runner consumes it, never shows it.
    expect(
      r.stdout
        .split("\n")
        .filter((l) => !l.startsWith("::add-mask::"))
        .join("\n"),
    ).not.toContain(s.api.token);
    expect(r.stdout).toMatch(/::group::Pre-deploy commands[\s\S]*::endgroup::[\s\S]*::group::Deploy[\s\S]*::group::Post-deploy commands/);
    expect(r.summary).toMatch(/\| Lint \| ✅ success \|[\s\S]*\| Pre-deploy \| ✅ success \| [^|]+ \| 3 command\(s\) ran \|[\s\S]*\| Deploy \| ✅ success \|[\s\S]*\| Post-deploy \| ✅ success \|/);
    r.cleanup();
  });

  it("a failing pre-deploy stops the upload; the later stages are listed as not run", async () => {
    const before = s.api.uploads().length;
    const r = await runAction({
      workspace,
      inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads, "pre-deploy": "echo first\nfalse | cat\necho never" },
      env: cfEnv(),
    });
    expect(r.exitCode).toBe(1);
    expect(s.api.uploads().length).toBe(before);
    expect(r.stdout).toContain("::error::pre-deploy: pre-deploy line 2 (false | cat) failed with exit 1");
    expect(r.stdout).not.toContain("\nnever\n");
    expect(r.summary).toContain("| Deploy | ⬜ not run |  | not run: pre-deploy failed |");
    expect(r.summary).toContain("| Post-deploy | ⬜ not run |");
    r.cleanup();
  });

  it("a failing post-deploy fails the step after the upload, saying the upload stays", async () => {
    const before = s.api.uploads().length;
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads, "post-deploy": "exit 4" }, env: cfEnv() });
    expect(r.exitCode).toBe(1);
    expect(s.api.uploads().length).toBe(before + 1);
    expect(r.stdout).toMatch(/::error::post-deploy: post-deploy line 1 \(exit 4\) failed with exit 4 \(after the upload: version \S+ was uploaded and stays\)/);
    r.cleanup();
  });

  it("a gradual rollout's smoke test reaches the new version (override header), through HTTP_PROXY", async () => {
    const seen: Array<{ url?: string; override?: string }> = [];
    // A loopback forward proxy stand-in: accepts the CONNECT tunnel and answers for the Worker's
    // host itself, recording what it got.
    const tunnels: string[] = [];
    const proxy = http.createServer((q, res) => {
      seen.push({ url: `http://${q.headers.host}${q.url}`, override: q.headers["cloudflare-workers-version-overrides"] as string | undefined });
      res.writeHead(200);
      res.end("ok");
    });
    proxy.on("connect", (q, socket) => {
      tunnels.push(q.url ?? "");
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      proxy.emit("connection", socket);
    });
    await new Promise<void>((ok) => proxy.listen(0, "127.0.0.1", () => ok()));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const r = await runAction({
        workspace,
        inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads, "rollout-percentage": "10", "smoke-test-url": "http://hello.example.test/health" },
        env: cfEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1,localhost" }),
      });
      if (r.exitCode !== 0) process.stdout.write(r.stdout);
      expect(r.exitCode).toBe(0);
      expect(tunnels[0]).toBe("hello.example.test:80");
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(seen[0]).toEqual({ url: "http://hello.example.test/health", override: `${WORKER}="${r.outputs["version-id"]}"` });
      expect(r.summary).toContain(`([Cloudflare dashboard](https://dash.cloudflare.com/abc12300000000000000000000000000/workers/services/view/${WORKER}/production/deployments))`);
      r.cleanup();
    } finally {
      proxy.close();
    }
  });
});

describe("the sticky comment after a failing push", () => {
  it("names the failing stage and tests, and keeps the last good preview marked as older; pytest-args reach pytest", async () => {
    const { workspace, project } = helloWorker();
    const deployed = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "deploy", ...quick, ...s.downloads }, env: cfEnv() });
    expect(deployed.exitCode).toBe(0);
    deployed.cleanup();
    const pr = (sha: string) => ({ ...prEvent(5), pull_request: { ...prEvent(5).pull_request, head: { ...prEvent(5).pull_request.head, sha } } });
    const good = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/5/merge",
      event: pr("1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
      inputs: { "working-directory": "hello", ...quick, ...s.downloads },
      env: cfEnv(),
    });
    if (good.exitCode !== 0) process.stdout.write(good.stdout);
    expect(good.exitCode).toBe(0);
    const aliasUrl = good.outputs["preview-alias-url"];
    expect(aliasUrl).toMatch(/^https:\/\/pr-5-/);
    good.cleanup();

    const test = path.join(project, "tests", "test_greeting.py");
    fs.writeFileSync(test, fs.readFileSync(test, "utf8").replace('== "Hello, Ada!"', '== "Goodbye, Ada!"'));
    const bad = await runAction({
      workspace,
      eventName: "pull_request",
      ref: "refs/pull/5/merge",
      event: pr("2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
      inputs: { "working-directory": "hello", ...quick, test: "true", "pytest-args": "-k 'greet_uses_name'", ...s.downloads },
      env: cfEnv(),
    });
    expect(bad.exitCode).toBe(1);
    // -k selected the one failing test: the other one was deselected.
    expect(bad.summary).toContain("### Tests: 0 passed, 1 failed, 0 errors, 0 skipped");
    const comments = s.github.comments.filter((c: { issue: number }) => c.issue === 5);
    expect(comments).toHaveLength(1);
    const body: string = comments[0].body;
    expect(body).toContain("❌ test failed");
    expect(body).toContain("> **test failed:** pytest: 0 passed, 1 failed");
    expect(body).toContain("- `tests.test_greeting.test_greet_uses_name` ([`hello/tests/test_greeting.py:");
    expect(body).toContain(`> Last good preview (older, commit \`1111111\`): ${aliasUrl}`);
    bad.cleanup();
  });
});

describe("the project's own ruff", () => {
  it("a project pinning ruff 0.11.13 lints with it (format check without --extend-exclude)", async () => {
    const { workspace, project } = helloWorker();
    const pyproject = path.join(project, "pyproject.toml");
    fs.writeFileSync(pyproject, fs.readFileSync(pyproject, "utf8").replace('"ruff>=0.9"', '"ruff==0.11.13"'));
    fs.writeFileSync(path.join(project, "src", "ugly.py"), "x = {  'a':1 }\n");
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "check", ...quick, lint: "true", ...s.downloads }, env: {} });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("ruff 0.11.13 from ruff==0.11.13");
    expect(r.stdout).not.toMatch(/unexpected argument/);
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "error", file: "hello/src/ugly.py", title: "ruff format" }));
    expect(r.stdout).toContain("::error::lint: 0 ruff problem(s), 1 file(s) not formatted");
    r.cleanup();
  });
});
