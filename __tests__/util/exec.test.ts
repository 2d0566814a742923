import { describe, expect, it } from "@jest/globals";
import { commandLine, coveredMillis, KILL_GRACE_MS, neutraliseLine, run, stopAllChildren, TimeoutFailure, withDeadline } from "../../src/util/exec.js";

describe("coveredMillis", () => {
  it("measures the union of overlapping intervals once", () => {
    expect(coveredMillis([])).toBe(0);
    expect(coveredMillis([[0, 10]])).toBe(10);
    expect(
      coveredMillis([
        [0, 10],
        [5, 15],
        [20, 30],
      ]),
    ).toBe(25);
    expect(
      coveredMillis([
        [20, 30],
        [0, 100],
        [40, 50],
      ]),
    ).toBe(100);
    expect(
      coveredMillis([
        [0, 1],
        [1, 2],
      ]),
    ).toBe(2);
  });
});

describe("commandLine and neutraliseLine", () => {
  it("keeps every argument on the [command] line, escaped like toCommandValue", () => {
    expect(commandLine("pywrangler", ["deploy", "--message", "fix\n::warning title=x::owned", "100%"])).toBe("pywrangler deploy --message fix%0A::warning title=x::owned 100%25");
  });
  it("wraps a tool's line that could be a workflow command in a stop-commands block", () => {
    expect(neutraliseLine("  ::error::from pytest", "tok")).toBe("::stop-commands::tok\n  ::error::from pytest\n::tok::\n");
    expect(neutraliseLine("plain output :: fine", "tok")).toBe("plain output :: fine\n");
  });
});

describe("run", () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it("returns the exit code and output, and passes input on stdin", async () => {
    const r = await run("sh", ["-c", "cat; echo err >&2; exit 3"], { silent: true, input: Buffer.from("hello") });
    expect(r).toMatchObject({ exitCode: 3, stdout: "hello", stderr: "err\n" });
  });

  it("stops the whole process tree at its time limit and names the command", async () => {
    const started = performance.now();
    // The shell starts a grandchild that ignores SIGTERM and prints its pid: SIGKILL must reach it too.
    let pid = 0;
    const p = run("sh", ["-c", "sh -c 'trap \"\" TERM; echo $$; sleep 60' & wait"], { silent: true, timeoutMs: 300 });
    await expect(p).rejects.toThrow(TimeoutFailure);
    await p.catch((e: Error) => expect(e.message).toMatch(/^`sh -c .*` timed out after 0\.3 s, its limit; it had run 0\.\d s and was stopped with its child processes\.$/));
    expect(performance.now() - started).toBeLessThan(KILL_GRACE_MS + 2000);
    // give SIGKILL a moment, then no process of the group is left
    await new Promise((r) => setTimeout(r, KILL_GRACE_MS + 300));
    const out = await run("sh", ["-c", "pgrep -f 'sleep 60' || true"], { silent: true });
    pid = Number(out.stdout.trim().split("\n")[0] || 0);
    expect(pid === 0 || !alive(pid)).toBe(true);
  }, 15_000);

  it("applies the stage's deadline to every command inside it, naming the stage's input", async () => {
    const p = withDeadline("test", "test-timeout", 200, () => run("sleep", ["30"], { silent: true }));
    await expect(p).rejects.toThrow(/`sleep 30` timed out after 0\.2 s, the test stage's limit \(test-timeout\); it had run 0\.\d s/);
    const ok = await withDeadline("test", "test-timeout", 5000, () => run("true", [], { silent: true }));
    expect(ok.exitCode).toBe(0);
  });

  it("stopAllChildren ends every running command (cancellation)", async () => {
    const p = run("sleep", ["30"], { silent: true });
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    expect(await stopAllChildren(1000)).toBe(1);
    const r = await p;
    expect(r.exitCode).not.toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
