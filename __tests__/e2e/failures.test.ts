// A failing stage stops the run before anything is uploaded, with annotations on the user's lines.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, jest } from "@jest/globals";
import { runnerPath } from "../../scripts/testkit/runner.mjs";
import { prepareTools } from "../../scripts/testkit/tools.mjs";
import { helloWorker, runAction, useStandIns } from "./env.js";

jest.setTimeout(300_000);

const standIns = useStandIns();

const deployInputs = () => ({ "working-directory": "hello", mode: "deploy", "account-id": "abc12300000000000000000000000000", ...standIns().downloads, secrets: "API_KEY" });
const deployEnv = () => ({ CLOUDFLARE_API_BASE_URL: standIns().api.baseUrl, CLOUDFLARE_API_TOKEN: standIns().api.token, API_KEY: "k-123" });

describe("lint failure", () => {
  it("fails the step with an annotation on the offending line and sends nothing", async () => {
    const { workspace, project } = helloWorker();
    const entry = path.join(project, "src", "entry.py");
    fs.writeFileSync(entry, `import os\n${fs.readFileSync(entry, "utf8")}`);
    const r = await runAction({ workspace, inputs: deployInputs(), env: deployEnv() });
    expect(r.exitCode).toBe(1);
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "error", file: "hello/src/entry.py", line: 1, title: "Ruff (F401)" }));
    expect(r.stdout).toContain("::error::lint: 1 ruff problem(s), 0 file(s) not formatted");
    expect(r.summary).toContain("❌ failed at lint");
    // The finding links to its line at the commit; the later stages are listed as not run.
    expect(r.summary).toContain("- [`hello/src/entry.py:1:8`](https://github.com/octo/hello/blob/0123456789abcdef0123456789abcdef01234567/hello/src/entry.py#L1) F401");
    expect(r.summary).toContain("| Test | ⬜ not run |  | not run: lint failed |");
    expect(r.summary).toContain("| Deploy | ⬜ not run |");
    expect(standIns().api.requests).toHaveLength(0);
    r.cleanup();
  });

  it("lists files ruff format would change", async () => {
    const { workspace, project } = helloWorker();
    // Trailing whitespace is not in the example's selected rules (E, F, I, B): only the formatter objects.
    fs.writeFileSync(path.join(project, "src", "greeting.py"), 'def greet(greeting: str, name: str) -> str:\n    return f"{greeting}, {name}!"  \n\n\n\n');
    const r = await runAction({ workspace, inputs: deployInputs(), env: deployEnv() });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("Would reformat: hello/src/greeting.py");
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "error", file: "hello/src/greeting.py", line: 2, title: "ruff format" }));
    expect(r.stdout).toContain("::error::lint: 0 ruff problem(s), 1 file(s) not formatted");
    expect(standIns().api.requests).toHaveLength(0);
    r.cleanup();
  });
});

describe("test failure", () => {
  it("annotates the failing assertion's line, counts tests in the summary and sends nothing", async () => {
    const { workspace, project } = helloWorker();
    const test = path.join(project, "tests", "test_greeting.py");
    fs.writeFileSync(test, fs.readFileSync(test, "utf8").replace('== "Hello, Ada!"', '== "Goodbye, Ada!"'));
    const r = await runAction({ workspace, inputs: deployInputs(), env: deployEnv() });
    expect(r.exitCode).toBe(1);
    const lineNo =
      fs
        .readFileSync(test, "utf8")
        .split("\n")
        .findIndex((l) => l.includes("Goodbye")) + 1;
    expect(r.annotations).toContainEqual(
      expect.objectContaining({ level: "error", file: "hello/tests/test_greeting.py", line: lineNo, title: "Test failed: tests.test_greeting.test_greet_uses_name" }),
    );
    // pytest's assertion diff arrives with real line breaks (JUnit entities decoded), not `&#10;`.
    const failed = r.annotations.find((a: { title?: string }) => a.title === "Test failed: tests.test_greeting.test_greet_uses_name")!;
    expect(failed.message).not.toContain("&#10;");
    expect(failed.message.split("\n")).toEqual(expect.arrayContaining([expect.stringMatching(/^\s*- Goodbye, Ada!$/), expect.stringMatching(/^\s*\+ Hello, Ada!$/)]));
    expect(r.summary).toContain("### Tests: 1 passed, 1 failed, 0 errors, 0 skipped");
    expect(r.summary).toContain("❌ failed at test");
    // The summary carries the assertion diff as a code block inside <details>, with real line breaks.
    const details = /<details>\n<summary><code>tests\.test_greeting\.test_greet_uses_name<\/code>[^\n]*<\/summary>\n\n```text\n([\s\S]*?)\n```/.exec(r.summary);
    expect(details?.[1].split("\n")).toEqual(expect.arrayContaining([expect.stringMatching(/^E\s+- Goodbye, Ada!$/), expect.stringMatching(/^E\s+\+ Hello, Ada!$/)]));
    expect(r.summary).not.toContain("&#10;");
    expect(standIns().api.requests).toHaveLength(0);
    r.cleanup();
  });

  it("treats 'no tests collected' as a warning, not a failure", async () => {
    const { workspace, project } = helloWorker();
    fs.rmSync(path.join(project, "tests"), { recursive: true });
    const r = await runAction({ workspace, inputs: { ...deployInputs(), mode: "dry-run" }, env: deployEnv() });
    expect(r.exitCode).toBe(0);
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "No tests" }));
    expect(r.summary).toContain("| Test | ⚠️ warning |");
    r.cleanup();
  });
});

describe("uv download", () => {
  it("refuses an archive whose sha256 does not match, installing nothing", async () => {
    const { workspace } = helloWorker();
    const toolCache = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
    standIns().mirror.faults.corrupt = true;
    try {
      const r = await runAction({ workspace, toolCache, inputs: { ...deployInputs(), mode: "dry-run" }, env: deployEnv() });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(
        /::error::setup: uv archive checksum mismatch for http:\/\/127\.0\.0\.1:\d+\/0\.13\.9\/uv-x86_64-unknown-linux-gnu\.tar\.gz: expected [0-9a-f]{64}, got [0-9a-f]{64}\. Nothing was installed\./,
      );
      expect(fs.existsSync(path.join(toolCache, "uv"))).toBe(false);
      r.cleanup();
    } finally {
      standIns().mirror.faults.corrupt = false;
    }
  });

  it("uses a uv already on PATH that satisfies the request, downloading nothing", async () => {
    const { workspace } = helloWorker();
    const toolCache = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
    const before = standIns().mirror.requests.length;
    const uvDir = path.dirname(prepareTools().uv);
    const r = await runAction({
      workspace,
      toolCache,
      inputs: { "working-directory": "hello", mode: "check", lint: "false", test: "false", "snapshot-check": "false", ...standIns().downloads, "uv-version": ">=0.13.4" },
      env: { PATH: `${uvDir}:${runnerPath(prepareTools())}` },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Using uv 0.13.9 from PATH (${uvDir}).`);
    expect(r.outputs["uv-version"]).toBe("0.13.9");
    expect(standIns().mirror.requests.length).toBe(before);
    expect(fs.existsSync(path.join(toolCache, "uv"))).toBe(false);
    r.cleanup();
  });

  it("downloads uv into an empty tool cache and uses the cached copy afterwards", async () => {
    const { workspace } = helloWorker();
    const toolCache = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-tc-"));
    const before = standIns().mirror.requests.length;
    const r = await runAction({ workspace, toolCache, inputs: { "working-directory": "hello", mode: "check", lint: "false", test: "false", ...standIns().downloads } });
    expect(r.exitCode).toBe(0);
    expect(standIns().mirror.requests.slice(before)).toEqual(["/0.13.9/uv-x86_64-unknown-linux-gnu.tar.gz.sha256", "/0.13.9/uv-x86_64-unknown-linux-gnu.tar.gz"]);
    expect(fs.existsSync(path.join(toolCache, "uv", "0.13.9", "x64", "uv"))).toBe(true);
    expect(r.addedPath).toContain(path.join(toolCache, "uv", "0.13.9", "x64"));
    expect(r.summary).toContain("| Upload | ⏭️ skipped |  | mode check: nothing is uploaded |");
    const again = await runAction({ workspace, toolCache, inputs: { "working-directory": "hello", mode: "check", lint: "false", test: "false", ...standIns().downloads } });
    expect(again.exitCode).toBe(0);
    expect(standIns().mirror.requests.length).toBe(before + 2);
    r.cleanup();
    again.cleanup();
  });
});
