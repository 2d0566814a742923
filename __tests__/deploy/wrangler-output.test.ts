import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { commandFailure, deployOutputs, parseNdjson, readOutputDir, replacedSplit, targetToUrl } from "../../src/deploy/wrangler-output.js";

// Entries as wrangler 4.164 writes them (shared/reference/cloudflare-api-and-wrangler.md §4).
const session = '{"type":"wrangler-session","version":1,"wrangler_version":"4.164.0","command_line_args":["deploy"],"timestamp":"t"}';
const deploy =
  '{"type":"deploy","version":1,"worker_name":"hello-py","worker_tag":"tag-hello-py","version_id":"b1aa188a-bf95-4ba1-bf9f-61ebf409b721","targets":["https://hello-py.test-sub.workers.dev"],"worker_name_overridden":false,"bundle_size":{"raw_bytes":235,"gzip_bytes":172},"timestamp":"t"}';
const upload =
  '{"type":"version-upload","version":1,"worker_name":"hello-py","worker_tag":"tag-hello-py","version_id":"66edaaeb-938f-427c-9049-07ef9320109b","preview_url":"https://66edaaeb-hello-py.test-sub.workers.dev","preview_alias_url":"https://pr-1-hello-py.test-sub.workers.dev","worker_name_overridden":false,"bundle_size":{"raw_bytes":235,"gzip_bytes":172},"timestamp":"t"}';
const failed = '{"type":"command-failed","version":1,"code":10021,"message":"A request to the Cloudflare API (/accounts/abc/workers/scripts/hello-js/versions) failed.","timestamp":"t"}';

describe("parseNdjson", () => {
  it("skips blank and partial lines", () => {
    expect(parseNdjson(`${session}\n\n${deploy}\n{"type":"depl`).map((e) => e.type)).toEqual(["wrangler-session", "deploy"]);
  });
});

describe("deployOutputs", () => {
  it("reads a deploy entry", () => {
    expect(deployOutputs(parseNdjson(`${session}\n${deploy}`))).toEqual({
      workerName: "hello-py",
      versionId: "b1aa188a-bf95-4ba1-bf9f-61ebf409b721",
      deploymentUrl: "https://hello-py.test-sub.workers.dev",
      previewUrl: undefined,
      previewAliasUrl: undefined,
      bundleSize: 235,
      bundleSizeGzip: 172,
    });
  });
  it("reads a version-upload entry's preview URLs", () => {
    expect(deployOutputs(parseNdjson(upload))).toMatchObject({
      previewUrl: "https://66edaaeb-hello-py.test-sub.workers.dev",
      previewAliasUrl: "https://pr-1-hello-py.test-sub.workers.dev",
      deploymentUrl: undefined,
    });
  });
  it("handles a dry run (null version, no targets) and 4.86 (no bundle_size)", () => {
    expect(deployOutputs(parseNdjson('{"type":"deploy","version_id":null,"bundle_size":{"raw_bytes":5,"gzip_bytes":3}}'))).toMatchObject({
      versionId: undefined,
      deploymentUrl: undefined,
      bundleSize: 5,
    });
    expect(deployOutputs(parseNdjson('{"type":"deploy","version_id":"v","targets":["https://a.b.workers.dev"]}'))).toMatchObject({ bundleSize: undefined });
  });
  it("gives a route-only deploy a URL with a scheme", () => {
    expect(deployOutputs(parseNdjson('{"type":"deploy","targets":["api.example.com/* (zone name: example.com)"]}'))?.deploymentUrl).toBe("https://api.example.com/");
  });
  it("returns undefined without an entry, and finds command-failed", () => {
    expect(deployOutputs(parseNdjson(session))).toBeUndefined();
    expect(commandFailure(parseNdjson(`${session}\n${failed}`))).toEqual({ code: 10021, message: expect.stringContaining("failed.") });
  });
});

describe("targetToUrl", () => {
  it.each([
    ["https://w.sub.workers.dev", "https://w.sub.workers.dev"],
    ["api.example.com/* (zone name: example.com)", "https://api.example.com/"],
    ["shop.example.com (custom domain)", "https://shop.example.com/"],
    ["*.example.com/api/*", "https://example.com/api/"],
    ["example.com/v1", "https://example.com/v1"],
  ])("%s → %s", (target, url) => {
    expect(targetToUrl(target)).toBe(url);
  });
});

describe("readOutputDir", () => {
  it("reads every wrangler-output-*.json in order, ignoring other files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-out-"));
    fs.writeFileSync(path.join(dir, "wrangler-output-2026-01-01_00-00-00_000-aaaaaa.json"), `${session}\n${deploy}\n`);
    fs.writeFileSync(path.join(dir, "wrangler-output-2026-01-01_00-00-01_000-bbbbbb.json"), `${session}\n${upload}\n`);
    fs.writeFileSync(path.join(dir, "notes.json"), failed);
    expect(readOutputDir(dir).map((e) => e.type)).toEqual(["wrangler-session", "deploy", "wrangler-session", "version-upload"]);
    expect(readOutputDir(path.join(dir, "missing"))).toEqual([]);
  });
});

describe("replacedSplit", () => {
  // wrangler 4.164.0 `deploy` over a 10/90 split, in CI (captured from the credentials e2e test).
  const log = `│ Total (34 modules) │        │ 111.31 KiB │
└────────────────────┴────────┴────────────┘
╭  WARNING  Your last deployment has multiple versions. To progress that deployment use "wrangler versions deploy" instead.
│
├ Your last deployment has 2 version(s):
│
│ \u001b[36m(10%)\u001b[39m af085e6b-c335-4ca3-9bea-3a785d6b897c
│       Created:  2026-11-29T02:54:35.320Z
│           Tag:  0123456
│       Message:  (42%) 7416c5aa is not a version line
│
│ (90%) a5aeee3f-4483-411a-89fb-b1165c4a7d0a
│       Created:  2026-11-29T02:54:32.848Z
│
├ "wrangler deploy" will upload a new version and deploy it globally immediately.
Are you sure you want to continue?
│ yes
Uploaded hello-python-worker (0.10 sec)`;
  it("reads each version and its share from wrangler's warning", () => {
    expect(replacedSplit(log)).toEqual([
      { version_id: "af085e6b-c335-4ca3-9bea-3a785d6b897c", percentage: 10 },
      { version_id: "a5aeee3f-4483-411a-89fb-b1165c4a7d0a", percentage: 90 },
    ]);
  });
  it("is empty when wrangler did not warn (a single version, or a first deploy)", () => {
    expect(replacedSplit("│ (100%) a5aeee3f-4483-411a-89fb-b1165c4a7d0a\nUploaded w (0.1 sec)")).toEqual([]);
    expect(replacedSplit("")).toEqual([]);
  });
});
