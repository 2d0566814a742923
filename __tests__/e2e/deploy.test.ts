// The committed dist/ under Node 24 with a runner's environment, real uv, workers-py, ruff, pytest
// and wrangler, against the Cloudflare API stand-in on 127.0.0.1.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, useStandIns } from "./env.js";

jest.setTimeout(300_000);

const SECRET = "s3cr3t-Value-7f3a9c";
const OTHER_SECRET = "other-Secret-42d1b0";

const standIns = useStandIns();

describe("deploy", () => {
  const { workspace, project } = helloWorker();
  const deploy = (extra: Record<string, string> = {}) =>
    runAction({
      workspace,
      inputs: {
        "working-directory": "hello",
        mode: "deploy",
        "account-id": "abc12300000000000000000000000000",
        ...standIns().downloads,
        secrets: "API_KEY\nDB_PASSWORD",
        vars: "GREETING=Howdy\nTARGET=world: and beyond",
        ...extra,
      },
      env: { CLOUDFLARE_API_BASE_URL: standIns().api.baseUrl, CLOUDFLARE_API_TOKEN: standIns().api.token, API_KEY: SECRET, DB_PASSWORD: OTHER_SECRET },
    });

  let first: Awaited<ReturnType<typeof runAction>>;

  it("uploads code, vars and secrets as one version on the first deploy", async () => {
    first = await deploy();
    expect(first.exitCode).toBe(0);
    const uploads = standIns().api.uploads();
    expect(uploads).toHaveLength(1);
    const put = uploads[0];
    expect(put.method).toBe("PUT");
    expect(put.path).toBe("/client/v4/accounts/abc12300000000000000000000000000/workers/scripts/hello-python-worker");
    expect(put.headers.authorization).toBe(`Bearer ${standIns().api.token}`);
    expect(put.metadata.main_module).toBe("entry.py");
    expect(put.metadata.compatibility_flags).toEqual(["python_workers"]);
    expect(put.metadata.bindings).toEqual(
      expect.arrayContaining([
        { type: "plain_text", name: "GREETING", text: "Howdy" },
        { type: "plain_text", name: "TARGET", text: "world: and beyond" },
        { type: "secret_text", name: "API_KEY", text: SECRET },
        { type: "secret_text", name: "DB_PASSWORD", text: OTHER_SECRET },
      ]),
    );
    expect(put.metadata.annotations).toEqual({ "workers/message": "Add greeting", "workers/tag": "0123456" });
    // The vendored packages went up with the code.
    expect(put.parts?.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["entry.py", "greeting.py", "python_modules/workers/__init__.py"]));
    // Secrets travelled inside the version: no separate secrets call.
    expect(standIns().api.requests.filter((r) => /\/secrets(-bulk)?$/.test(r.path) && r.method !== "GET")).toEqual([]);
  });

  it("sets the outputs from wrangler's output file", () => {
    const versionId = standIns().api.workers.get("hello-python-worker")?.versions[0].id;
    expect(first.outputs["deployment-url"]).toBe("https://hello-python-worker.test-sub.workers.dev");
    expect(first.outputs["version-id"]).toBe(versionId);
    expect(Number(first.outputs["bundle-size"])).toBeGreaterThan(100_000);
    expect(Number(first.outputs["bundle-size-gzip"])).toBeGreaterThan(10_000);
    expect(Number(first.outputs["bundle-size-gzip"])).toBeLessThan(Number(first.outputs["bundle-size"]));
    expect(first.outputs["uv-version"]).toBe("0.13.9");
    expect(first.outputs["workers-py-version"]).toBe("1.17.9");
    expect(first.outputs["wrangler-version"]).toBe("4.164.0");
    expect(first.summary).toContain("deploy ✅ passed");
    expect(first.summary).toContain("| Deployment URL | https://hello-python-worker.test-sub.workers.dev |");
    for (const stage of ["Setup", "Sync", "Lint", "Test", "Deploy"]) expect(first.summary).toMatch(new RegExp(`\\| ${stage} \\| ✅ success \\|`));
  });

  it("never shows a secret value in logs, summary, outputs or files left in RUNNER_TEMP", () => {
    // `::add-mask::VALUE` is the runner's masking command: the runner consumes it, never shows it.
    const shown = first.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    for (const value of [SECRET, OTHER_SECRET, standIns().api.token]) {
      expect(shown).not.toContain(value);
      expect(first.stderr).not.toContain(value);
      expect(first.summary).not.toContain(value);
      expect(JSON.stringify(first.outputs)).not.toContain(value);
      for (const f of first.leftovers()) expect({ file: f.path, leaked: f.text.includes(value) }).toEqual({ file: f.path, leaked: false });
    }
    // The secrets file was written and removed: the RUNNER_TEMP folder of the Action is gone.
    expect(fs.existsSync(path.join(first.runnerTemp, "python-workers-action"))).toBe(true);
    expect(fs.readdirSync(path.join(first.runnerTemp, "python-workers-action"))).toEqual([]);
    // The values were registered for masking (an `add-mask` command precedes any output of them).
    const masked = first.stdout.split("\n").filter((l) => l.startsWith("::add-mask::"));
    expect(masked.sort()).toEqual([`::add-mask::${standIns().api.token}`, `::add-mask::${OTHER_SECRET}`, `::add-mask::${SECRET}`].sort());
    expect(first.stdout.indexOf("::add-mask::")).toBeLessThan(first.stdout.indexOf("[command]"));
  });

  it("runs wrangler on Node 24 although the runner's PATH has Node 20", () => {
    expect(first.env.PATH.split(":")).toContain(path.dirname(process.execPath));
    expect(process.versions.node.startsWith("20") || process.versions.node.startsWith("22")).toBe(true);
    expect(first.stdout).toContain("wrangler 4.164.0");
    expect(first.stdout).not.toContain("Wrangler requires at least Node.js");
  });

  it("deploys a second time through the versions API", async () => {
    const before = standIns().api.requests.length;
    const second = await deploy({ message: "Second release", tag: "v2" });
    expect(second.exitCode).toBe(0);
    const later = standIns().api.requests.slice(before);
    const versionPost = later.find((r) => r.method === "POST" && r.path.endsWith("/workers/scripts/hello-python-worker/versions"));
    expect(versionPost).toBeDefined();
    expect(versionPost?.metadata.bindings).toEqual(expect.arrayContaining([{ type: "secret_text", name: "API_KEY", text: SECRET }]));
    expect(versionPost?.metadata.annotations).toEqual({ "workers/message": "Second release", "workers/tag": "v2" });
    const deployment = later.find((r) => r.method === "POST" && r.path.endsWith("/deployments"));
    expect(JSON.parse(deployment?.body!)).toMatchObject({ strategy: "percentage", versions: [{ percentage: 100 }] });
    expect(later.some((r) => r.method === "PUT" && r.path.endsWith("/scripts/hello-python-worker"))).toBe(false);
    const versions = standIns().api.workers.get("hello-python-worker")?.versions ?? [];
    expect(second.outputs["version-id"]).toBe(versions[versions.length - 1].id);
    // The tools came from the tool cache this time.
    expect(second.stdout).toContain("Using uv 0.13.9 from the tool cache.");
    expect(second.stdout).toContain("Using workers-py 1.17.9 from the tool cache.");
    expect(second.stdout).toContain("Using wrangler 4.164.0 from the tool cache.");
    second.cleanup();
    first.cleanup();
    fs.rmSync(workspace, { recursive: true, force: true });
    void project;
  });

  it("reports an API failure as a failed deploy stage with the API's code", async () => {
    const { workspace: ws } = helloWorker();
    standIns().api.injectFault({
      method: "PUT",
      path: /\/scripts\/hello-python-worker$/,
      status: 400,
      body: { success: false, errors: [{ code: 10021, message: "Uncaught Error: boom" }], messages: [], result: null },
      times: 1,
    });
    // A fresh stand-in state for this name: the worker exists, so the versions POST is the upload.
    standIns().api.injectFault({
      method: "POST",
      path: /\/scripts\/hello-python-worker\/versions$/,
      status: 400,
      body: { success: false, errors: [{ code: 10021, message: "Uncaught Error: boom" }], messages: [], result: null },
      times: 1,
    });
    const r = await runAction({
      workspace: ws,
      inputs: { "working-directory": "hello", mode: "deploy", "account-id": "abc12300000000000000000000000000", ...standIns().downloads },
      env: { CLOUDFLARE_API_BASE_URL: standIns().api.baseUrl, CLOUDFLARE_API_TOKEN: standIns().api.token },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::deploy: wrangler deploy failed \(exit 1, API code 10021\)/);
    expect(r.summary).toContain("❌ failed at deploy");
    r.cleanup();
  });
});

describe("dry-run", () => {
  it("bundles without credentials and reports the bundle size, sending nothing", async () => {
    const { workspace } = helloWorker();
    const before = standIns().api.requests.length;
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "dry-run", ...standIns().downloads }, env: { CLOUDFLARE_API_BASE_URL: standIns().api.baseUrl } });
    expect(r.exitCode).toBe(0);
    expect(standIns().api.requests.length).toBe(before);
    expect(Number(r.outputs["bundle-size"])).toBeGreaterThan(100_000);
    expect(r.outputs["deployment-url"]).toBeUndefined();
    expect(r.summary).toContain("| Deploy (dry run) | ✅ success |");
    r.cleanup();
  });
});
