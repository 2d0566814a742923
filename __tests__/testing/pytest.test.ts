import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, jest } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";

/** Every command runTests starts: answered with pytest's "no tests collected" (exit 5). */
const started: Array<{ cmd: string; args: string[]; env?: NodeJS.ProcessEnv }> = [];
const exec = await import("../../src/util/exec.js");
jest.unstable_mockModule("../../src/util/exec.js", () => ({
  ...exec,
  run: async (cmd: string, args: string[], o: { env?: NodeJS.ProcessEnv }) => {
    started.push({ cmd, args, env: o.env });
    return { exitCode: 5, stdout: "", stderr: "" };
  },
}));
const { pytestCommand, pytestInvocation, runTests } = await import("../../src/testing/pytest.js");

describe("pytestCommand", () => {
  it("uses the project's pytest when it lists one, else a pinned one", () => {
    expect(pytestCommand({ requirements: ["pytest>=8"] }, "/t/j.xml")).toEqual(["run", "pytest", "--junitxml=/t/j.xml", "-o", "junit_family=xunit1"]);
    expect(pytestCommand({ requirements: [] }, "/t/j.xml").slice(0, 3)).toEqual(["run", "--with", `pytest==${DEFAULT_VERSIONS.pytest}`]);
    // A lock known to be current (exact-key restore) is used as is, without re-resolving it.
    expect(pytestCommand({ requirements: ["pytest>=8"] }, "/t/j.xml", true).slice(0, 3)).toEqual(["run", "--frozen", "pytest"]);
    expect(pytestCommand({ requirements: [] }, "/t/j.xml", true).slice(0, 4)).toEqual(["run", "--frozen", "--with", `pytest==${DEFAULT_VERSIONS.pytest}`]);
  });
});

describe("pytestInvocation", () => {
  const own = { requirements: ["pytest>=8"] };
  const restored = { lockCurrent: true, envRestored: true, hasLock: true, envPytest: "/w/proj/.venv/bin/pytest" };

  it("starts the restored environment's own pytest script when uv run --frozen would find it in sync", () => {
    expect(pytestInvocation(own, "/t/j.xml", restored)).toEqual({
      cmd: "/w/proj/.venv/bin/pytest",
      args: ["--junitxml=/t/j.xml", "-o", "junit_family=xunit1"],
      env: { VIRTUAL_ENV: "/w/proj/.venv" },
    });
  });

  it("goes through uv run otherwise", () => {
    const uv = (o: Partial<typeof restored>, req = own) => pytestInvocation(req, "/t/j.xml", { ...restored, ...o });
    // Dependencies rebuilt (no exact-key restore): uv resolves.
    expect(uv({ lockCurrent: false })).toEqual({ cmd: "uv", args: pytestCommand(own, "/t/j.xml") });
    // The environment was not restored (another path, or the checkout brings its own .venv).
    expect(uv({ envRestored: false })).toEqual({ cmd: "uv", args: pytestCommand(own, "/t/j.xml", true) });
    // No uv.lock: nothing to hold the environment to.
    expect(uv({ hasLock: false })).toEqual({ cmd: "uv", args: pytestCommand(own, "/t/j.xml") });
    // The environment has no pytest script.
    expect(uv({ envPytest: undefined })).toEqual({ cmd: "uv", args: pytestCommand(own, "/t/j.xml", true) });
    // The project lists no pytest: ours comes through `uv run --with`.
    expect(uv({}, { requirements: [] })).toEqual({ cmd: "uv", args: pytestCommand({ requirements: [] }, "/t/j.xml", true) });
  });
});

describe("runTests", () => {
  /** A project whose restored .venv has a pytest script; `python` a link to `interpreter`. */
  function restoredProject(interpreter: string): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-pytest-"));
    fs.writeFileSync(path.join(root, "uv.lock"), "version = 1\n");
    const bin = path.join(root, ".venv", "bin");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "pytest"), "#!/bin/sh\n", { mode: 0o755 });
    fs.symlinkSync(interpreter, path.join(bin, "python"));
    return root;
  }
  const runIn = (root: string) =>
    runTests(
      { root, requirements: ["pytest>=8"] } as unknown as import("../../src/project/config.js").ProjectInfo,
      root,
      path.join(root, "t"),
      { PATH: "/usr/bin" },
      { lockCurrent: true, envRestored: true },
    );

  it("starts the restored environment's pytest, with VIRTUAL_ENV and its bin first on PATH", async () => {
    started.length = 0;
    const root = restoredProject(process.execPath);
    expect((await runIn(root)).noTests).toBe(true);
    expect(started).toHaveLength(1);
    expect(started[0].cmd).toBe(path.join(root, ".venv", "bin", "pytest"));
    expect(started[0].env?.VIRTUAL_ENV).toBe(path.join(root, ".venv"));
    expect(started[0].env?.PATH).toBe(`${path.join(root, ".venv", "bin")}${path.delimiter}/usr/bin`);
  });

  it("goes through uv run when the environment's interpreter is gone (a runner image with another Python)", async () => {
    started.length = 0;
    const root = restoredProject("/nonexistent/python3.13");
    await runIn(root);
    expect(started.map((x) => [x.cmd, ...x.args.slice(0, 3)])).toEqual([["uv", "run", "--frozen", "pytest"]]);
    expect(started[0].env?.VIRTUAL_ENV).toBeUndefined();
  });
});
