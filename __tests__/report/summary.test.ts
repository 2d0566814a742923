import { describe, expect, it } from "@jest/globals";
import { newReport } from "../../src/report/model.js";
import { renderSummary } from "../../src/report/summary.js";
import { formatBytes, formatMillis } from "../../src/util/units.js";

describe("renderSummary", () => {
  it("has a row per stage, the URLs and sizes, and no secret values", () => {
    const r = newReport("deploy", "Deploy", "hello", "prod");
    r.stages.push({ name: "setup", outcome: "success", millis: 1200, detail: "uv 0.13.9" });
    r.stages.push({ name: "snapshot", outcome: "skipped", millis: 0, detail: "snapshot-check: false" });
    r.stages.push({ name: "deploy", outcome: "success", millis: 900, detail: "https://hello.sub.workers.dev" });
    r.deploy = { deploymentUrl: "https://hello.sub.workers.dev", versionId: "v-1", bundleSize: 2048, bundleSizeGzip: 512 };
    r.secretNames = ["API_KEY"];
    r.varNames = ["GREETING"];
    const md = renderSummary(r);
    expect(md).toContain("## Python Worker `hello` (env `prod`): deploy ✅ passed");
    expect(md).toContain("| Setup | ✅ success | 1.2 s | uv 0.13.9 |");
    expect(md).toContain("| Snapshot check | ⏭️ skipped |  | snapshot-check: false |");
    expect(md).toContain("| Deploy | ✅ success | 900 ms | https://hello.sub.workers.dev |");
    expect(md).toContain("| Deployment URL | https://hello.sub.workers.dev |");
    expect(md).toContain("| Bundle size | 2.0 KiB (gzip 512 B) |");
    expect(md).toContain("`API_KEY`");
  });
  it("says which stage failed and why, and lists lint problems and failed tests", () => {
    const r = newReport("check", "Upload", "hello", "");
    r.stages.push({ name: "lint", outcome: "failure", millis: 10, detail: "1 ruff problem(s)" });
    r.failure = { stage: "lint", message: "1 ruff problem(s) | pipes" };
    r.lintProblems = [{ level: "error", message: "F401 `os` imported but unused", file: "src/entry.py", line: 1, column: 8 }];
    r.tests = { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0 };
    r.failedTests = [{ name: "t.test_x", file: "tests/t.py", line: 4, message: "assert 1 == 2" }];
    const md = renderSummary(r);
    expect(md).toContain("❌ failed at lint");
    expect(md).toContain("> **Lint failed:** 1 ruff problem(s) \\| pipes");
    expect(md).toContain("- `src/entry.py:1:8` F401 `os` imported but unused");
    expect(md).toContain("- `t.test_x` at `tests/t.py:4`: assert 1 == 2");
  });
  it("lists later stages as not run, the total time, links at the commit, the diff in a details block, the dashboard", () => {
    const r = newReport("deploy", "Deploy", "hello", "");
    r.links = { repoUrl: "https://github.com/octo/hello", sha: "feedbeef" };
    r.stages.push({ name: "test", outcome: "failure", millis: 10, detail: "pytest: 1 failed" });
    r.stages.push({ name: "deploy", outcome: "not run", millis: 0, detail: "not run: test failed" });
    r.failure = { stage: "test", message: "pytest: 1 failed" };
    r.totalMillis = 61_000;
    r.tests = { tests: 1, passed: 0, failed: 1, errors: 0, skipped: 0 };
    r.failedTests = [{ name: "t.test_x", file: "tests/t.py", line: 4, message: "assert 1 == 2", details: "def test_x():\n>       assert 1 == 2\nE       assert 1 == 2" }];
    const md = renderSummary(r);
    expect(md).toContain("| Deploy | ⬜ not run |  | not run: test failed |");
    expect(md).toContain("| **Total** | | 61.0 s |");
    expect(md).toContain("at [`tests/t.py:4`](https://github.com/octo/hello/blob/feedbeef/tests/t.py#L4)");
    expect(md).toContain("<details>\n<summary><code>t.test_x</code> (tests/t.py:4): assert 1 == 2</summary>\n\n```text\ndef test_x():\n>       assert 1 == 2\nE       assert 1 == 2\n```");
    const ok = newReport("deploy", "Deploy", "hello", "");
    ok.accountId = "abc123";
    ok.deploy = { versionId: "v-1" };
    expect(renderSummary(ok)).toContain("| Version | `v-1` ([Cloudflare dashboard](https://dash.cloudflare.com/abc123/workers/services/view/hello/production/deployments)) |");
  });
  it("formats sizes and durations", () => {
    expect(formatBytes(100)).toBe("100 B");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.00 MiB");
    expect(formatMillis(12.4)).toBe("12 ms");
    expect(formatMillis(65_000)).toBe("65.0 s");
  });
});
