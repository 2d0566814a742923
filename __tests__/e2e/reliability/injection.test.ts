// No workflow-command injection: user-controlled text (a commit subject, a PR title, a var value,
// test output) never starts a log line the runner would execute. Lines inside the Action's
// `::stop-commands::<token>` … `::<token>::` blocks are text; every other line starting with `::`
// must be one of the Action's own commands, and none may carry the injected payloads.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, useStandIns } from "../env.js";

jest.setTimeout(240_000);
const standIns = useStandIns();
const ACCOUNT = "abc12300000000000000000000000000";

const PAYLOADS = ["::warning title=x::owned", "::set-output name=pwned::1", "::add-mask::zzz", "::set-env name=PWNED::1", "::error::forged"];
const OWN = /^::(error|warning|notice|debug|group|endgroup|add-mask|stop-commands)(::| )|^::endgroup::$/;

/** The `::` lines the runner would act on: outside stop-commands blocks. */
function liveCommands(log: string): string[] {
  const out: string[] = [];
  let stopToken: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    if (stopToken) {
      if (line.trim() === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const m = /^\s*::stop-commands::(.+)$/.exec(line);
    if (m) {
      stopToken = m[1].trim();
      continue;
    }
    if (line.trimStart().startsWith("::")) out.push(line.trimStart());
  }
  return out;
}

function expectNoInjection(log: string): void {
  const live = liveCommands(log);
  const foreign = live.filter((l) => !OWN.test(l) || PAYLOADS.some((p) => l.startsWith(p)) || /owned|pwned|forged|zzz/.test(l.split("::")[1] ?? ""));
  expect(foreign).toEqual([]);
  // The payloads' own commands never appear live (an add-mask of zzz, an output named pwned…).
  for (const l of live) for (const p of PAYLOADS) expect(l.startsWith(p)).toBe(false);
}

describe("workflow-command injection", () => {
  it("liveCommands treats stop-commands blocks as text", () => {
    expect(liveCommands("a\n::stop-commands::t1\n::warning::x\n::t1::\n::error::y")).toEqual(["::error::y"]);
  });

  it("a commit subject and a var value starting with :: reach wrangler's argv but never start a log line", async () => {
    const { workspace } = helloWorker();
    const s = standIns();
    const r = await runAction({
      workspace,
      event: {
        ref: "refs/heads/main",
        repository: { default_branch: "main", full_name: "octo/hello" },
        head_commit: { id: "0123456789abcdef0123456789abcdef01234567", message: `${PAYLOADS[0]}\n${PAYLOADS.slice(1).join("\n")}` },
      },
      inputs: {
        "working-directory": "hello",
        mode: "deploy",
        "account-id": ACCOUNT,
        lint: "false",
        test: "false",
        "snapshot-check": "false",
        cache: "false",
        vars: `NOTE=${PAYLOADS[1]}`,
        ...s.downloads,
      },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token },
    });
    expect(r.exitCode).toBe(0);
    // The version carries the subject as its message (the argv reached wrangler intact).
    const upload = s.api.uploads().at(-1) as { metadata?: { annotations?: Record<string, string> } } | undefined;
    expect(JSON.stringify(upload?.metadata ?? {})).toContain("owned");
    expectNoInjection(r.stdout);
    expect(r.outputs.pwned).toBeUndefined();
    r.cleanup();
  });

  it("test output that prints workflow commands is shown as text", async () => {
    const { workspace, project } = helloWorker();
    const lines = PAYLOADS.map((p) => `print(${JSON.stringify(p)})`).join("\n    ");
    fs.writeFileSync(path.join(project, "tests", "test_inject.py"), `def test_inject():\n    print()\n    ${lines}\n    assert False, "\\n::warning title=x::owned"\n`);
    const s = standIns();
    const r = await runAction({
      workspace,
      inputs: { "working-directory": "hello", mode: "check", lint: "false", "snapshot-check": "false", cache: "false", ...s.downloads },
    });
    expect(r.exitCode).toBe(1);
    // pytest printed them (captured output of the failing test)…
    expect(r.stdout).toContain(PAYLOADS[0]);
    // …but only inside stop-commands blocks or not at a line start.
    expectNoInjection(r.stdout);
    expect(r.outputs.pwned).toBeUndefined();
    r.cleanup();
  });
});
