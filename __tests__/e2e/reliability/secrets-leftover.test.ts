// Secrets never left on disk: they reach wrangler through a pipe (`--secrets-file /dev/stdin`), so
// even a kill -9 of the Action mid-upload (no clean-up can run) leaves no file holding a secret in
// RUNNER_TEMP, the runner's home, the project or /tmp. And they still arrive byte-exact.
import crypto from "node:crypto";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { helloWorker, runAction, type StandIns, startStandIns } from "../env.js";
import { filesHolding, killAll, processesTracked, processesUnder } from "./procs.js";

jest.setTimeout(180_000);

const ACCOUNT = "abc12300000000000000000000000000";
const MARK = "leftover-Secret-9f3e";
// Shell and JSON metacharacters and a newline.
const SECRET = `${MARK} $HOME \`id\` "q" 'q' \\ {"a":1}\nline2`;
let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());

const inputs = () => ({
  "working-directory": "hello",
  mode: "deploy",
  "account-id": ACCOUNT,
  lint: "false",
  test: "false",
  "snapshot-check": "false",
  cache: "false",
  ...s.downloads,
  secrets: "API_KEY",
});
const env = () => ({ CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, API_KEY: SECRET });

describe("secrets through a pipe", () => {
  it("uploads the secret byte-exact with no secrets file", async () => {
    const { workspace } = helloWorker();
    const r = await runAction({ workspace, inputs: inputs(), env: env() });
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(s.api.uploads().at(-1)?.metadata.bindings).toContainEqual({ type: "secret_text", name: "API_KEY", text: SECRET });
    expect(r.stdout).toMatch(/\[command\]npx --yes wrangler deploy .*--secrets-file \/dev\/stdin/);
    // Only the mask registration (which the runner hides) holds it.
    expect(r.stdout.split("\n").filter((l) => l.includes(MARK) && !l.startsWith("::add-mask::"))).toEqual([]);
    r.cleanup();
  });

  it("a kill -9 mid-upload leaves no file holding the secret anywhere", async () => {
    const { workspace, project } = helloWorker();
    const since = Date.now();
    s.api.injectFault({ method: "POST", path: /\/workers\/scripts\/hello-python-worker\/versions$/, status: 200, hang: true, times: 1 });
    s.api.injectFault({ method: "PUT", path: /\/workers\/scripts\/hello-python-worker$/, status: 200, hang: true, times: 1 });
    const before = s.api.requests.length;
    let killed = false;
    const tracking = `github_${crypto.randomUUID()}`;
    const r = await runAction({
      workspace,
      timeoutMs: 120_000,
      inputs: inputs(),
      env: { ...env(), RUNNER_TRACKING_ID: tracking },
      onSpawn(child) {
        const poll = setInterval(() => {
          // The upload carrying the secret has reached the API (and hangs there): wrangler has read it.
          if (!s.api.requests.slice(before).some((q) => q.metadata?.bindings?.some((b: { name: string }) => b.name === "API_KEY"))) return;
          clearInterval(poll);
          killed = child.kill("SIGKILL");
        }, 100);
        child.on("exit", () => clearInterval(poll));
      },
    });
    // wrangler, holding the secret in memory, was orphaned by the kill -9. Every orphan carries the
    // job's RUNNER_TRACKING_ID, so the runner's orphan clean-up at the end of the job stops it: done
    // here the same way, nothing of the run is left.
    const orphans = processesUnder(workspace);
    expect(orphans.length).toBeGreaterThan(0);
    killAll(processesTracked(tracking));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const untracked = processesUnder(workspace);
    killAll(untracked);
    expect(untracked).toEqual([]);
    expect(killed).toBe(true);
    expect(r.exitCode).toBe(-1);
    expect(filesHolding(r.runnerTemp, MARK)).toEqual([]);
    expect(filesHolding(r.home, MARK)).toEqual([]);
    expect(filesHolding(project, MARK)).toEqual([]);
    // /tmp: files written since the run began.
    expect(filesHolding(os.tmpdir(), MARK, since)).toEqual([]);
    r.cleanup();
  });
});
