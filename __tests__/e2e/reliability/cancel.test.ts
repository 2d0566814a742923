// Cancellation as the runner does it: SIGINT to the Action mid-upload (then SIGTERM 7.5 s later if it
// is still there). The Action stops wrangler's process tree, leaves no secret on disk, writes a
// summary that says "cancelled" and exits non-zero, within a few seconds.
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "../env.js";
import { filesHolding, killAll, processesUnder } from "./procs.js";

jest.setTimeout(180_000);

const ACCOUNT = "abc12300000000000000000000000000";
const SECRET = "cancel-Secret-$`\"'\\-5150";
let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());

describe("SIGINT mid-upload", () => {
  it("stops the children, leaves no secret, says cancelled, exits 1", async () => {
    const { workspace, project } = helloWorker();
    s.api.injectFault({ method: "PUT", path: /\/workers\/scripts\/hello-python-worker$/, status: 200, hang: true, times: 1 });
    let signalledAt = 0;
    let exitedAt = 0;
    const r = await runAction({
      workspace,
      timeoutMs: 120_000,
      inputs: { "working-directory": "hello", mode: "deploy", "account-id": ACCOUNT, lint: "false", test: "false", "snapshot-check": "false", cache: "false", ...s.downloads, secrets: "API_KEY" },
      env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, API_KEY: SECRET },
      onSpawn(child) {
        // Once the upload is waiting on the API, cancel as the runner does.
        const poll = setInterval(() => {
          if (!s.api.requests.some((q) => q.method === "PUT")) return;
          clearInterval(poll);
          signalledAt = performance.now();
          child.kill("SIGINT");
          setTimeout(() => child.exitCode === null && child.kill("SIGTERM"), 7500).unref();
        }, 100);
        child.on("exit", () => {
          clearInterval(poll);
          exitedAt = performance.now();
        });
      },
    });
    const left = processesUnder(workspace);
    killAll(left);
    expect(signalledAt).toBeGreaterThan(0);
    expect(r.exitCode).toBe(1);
    // Well before the runner's SIGTERM (7.5 s): SIGTERM to the group, SIGKILL after 2 s at most.
    expect(exitedAt - signalledAt).toBeLessThan(6000);
    expect(r.stdout).toMatch(/::error::deploy: cancelled \(SIGINT\) during deploy; stopped 1 running command\(s\) and their child processes\./);
    expect(r.summary).toContain("cancelled (SIGINT) during deploy");
    expect(r.summary).toContain("❌ failed at deploy");
    expect(left).toEqual([]);
    expect(filesHolding(r.runnerTemp, "cancel-Secret")).toEqual([]);
    expect(filesHolding(project, "cancel-Secret")).toEqual([]);
    expect(filesHolding(r.home, "cancel-Secret")).toEqual([]);
    r.cleanup();
  });
});
