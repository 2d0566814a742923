import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { pytestCommand, pytestInvocation } from "../../src/testing/pytest.js";

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
