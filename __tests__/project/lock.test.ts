import { describe, expect, it } from "@jest/globals";
import { lockedPackage, parseGitSource } from "../../src/project/lock.js";

// [[package]] tables as uv 0.13.9 `uv lock` wrote them for each kind of source.
const lock = (source: string, extra = "") => `version = 1
revision = 3
requires-python = ">=3.11"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "workers-py" },
]

[package.metadata]
requires-dist = [{ name = "workers-py" }]

[[package]]
name = "workers-py"
version = "1.18.0"
source = ${source}
${extra}`;

describe("lockedPackage", () => {
  it("reads each kind of source", () => {
    expect(lockedPackage(lock('{ registry = "https://pypi.org/simple" }', 'sdist = { url = "https://files.pythonhosted.org/x.tar.gz", hash = "sha256:00", size = 1 }'), "workers_py")).toEqual({
      name: "workers-py",
      version: "1.18.0",
      source: { kind: "registry", index: "https://pypi.org/simple" },
    });
    expect(lockedPackage(lock('{ git = "https://github.com/cloudflare/workers-py?tag=v1.18.0#4e47ead748de353ca2fb836634af0801a9c8bb9d" }'), "workers-py")?.source).toEqual({
      kind: "git",
      repository: "https://github.com/cloudflare/workers-py",
      reference: "v1.18.0",
      commit: "4e47ead748de353ca2fb836634af0801a9c8bb9d",
    });
    expect(
      lockedPackage(
        lock('{ url = "http://127.0.0.1:8765/workers_py-1.18.0-py3-none-any.whl" }', 'wheels = [\n    { url = "http://127.0.0.1:8765/workers_py-1.18.0-py3-none-any.whl", hash = "sha256:a1" },\n]'),
        "workers-py",
      )?.source,
    ).toEqual({
      kind: "url",
      url: "http://127.0.0.1:8765/workers_py-1.18.0-py3-none-any.whl",
    });
    expect(lockedPackage(lock('{ path = "../wp/dist/workers_py-1.18.0-py3-none-any.whl" }'), "workers-py")?.source).toEqual({ kind: "path", path: "../wp/dist/workers_py-1.18.0-py3-none-any.whl" });
    expect(lockedPackage(lock('{ directory = "../wp" }'), "workers-py")?.source).toEqual({ kind: "directory", path: "../wp" });
    expect(lockedPackage(lock('{ editable = "../wp" }'), "workers-py")?.source).toEqual({ kind: "editable", path: "../wp" });
    expect(lockedPackage(lock('{ registry = "https://pypi.org/simple" }'), "ruff")).toBeUndefined();
  });
  it("splits git sources into repository, reference, subdirectory and commit", () => {
    expect(parseGitSource("https://github.com/o/mono?subdirectory=packages%2Fcli&branch=main#abc")).toEqual({
      kind: "git",
      repository: "https://github.com/o/mono",
      reference: "main",
      subdirectory: "packages/cli",
      commit: "abc",
    });
    expect(parseGitSource("file:///tmp/wp#4e47ead7")).toEqual({ kind: "git", repository: "file:///tmp/wp", commit: "4e47ead7" });
  });
});
