import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import type { LockedPackage } from "../../src/project/lock.js";
import { workersPyVersion } from "../../src/setup/workers-py.js";

describe("workersPyVersion", () => {
  it("takes the input, then uv.lock, then the default", () => {
    const locked = new Map([["workers-py", "1.16.7"]]);
    expect(workersPyVersion("1.17.0", locked)).toEqual({ version: "1.17.0", source: "workers-py-version", spec: "workers-py==1.17.0", cacheable: true });
    expect(workersPyVersion("", locked)).toEqual({ version: "1.16.7", source: "uv.lock", spec: "workers-py==1.16.7", cacheable: true });
    expect(workersPyVersion("", new Map())).toMatchObject({ version: DEFAULT_VERSIONS.workersPy, source: "default", spec: `workers-py==${DEFAULT_VERSIONS.workersPy}` });
  });
  it("rejects a range with the input's name", () => {
    expect(() => workersPyVersion(">=1.16", new Map())).toThrow(/^workers-py-version: ">=1.16" is not an exact version/);
  });
});

describe("workersPyVersion with a uv.lock source", () => {
  const locked = new Map([["workers-py", "1.18.0"]]);
  const sha = "4e47ead748de353ca2fb836634af0801a9c8bb9d";
  const pkg = (source: LockedPackage["source"]): LockedPackage => ({ name: "workers-py", version: "1.18.0", source });
  it("installs a git pin from its commit, never from the index", () => {
    expect(workersPyVersion("", locked, pkg({ kind: "git", repository: "https://github.com/cloudflare/workers-py", reference: "v1.18.0", commit: sha }), "/ws")).toEqual({
      version: "1.18.0+git.4e47ead748de",
      source: "uv.lock (git https://github.com/cloudflare/workers-py v1.18.0 @ 4e47ead748de)",
      spec: `workers-py @ git+https://github.com/cloudflare/workers-py@${sha}`,
      cacheable: true,
    });
    expect(workersPyVersion("", locked, pkg({ kind: "git", repository: "https://h/mono", commit: sha, subdirectory: "py/wp" })).spec).toBe(`workers-py @ git+https://h/mono@${sha}#subdirectory=py/wp`);
  });
  it("installs URL and local pins from there; local ones are not cached", () => {
    const url = workersPyVersion("", locked, pkg({ kind: "url", url: "https://h/workers_py-1.18.0-py3-none-any.whl" }));
    expect(url).toMatchObject({ spec: "workers-py @ https://h/workers_py-1.18.0-py3-none-any.whl", cacheable: true });
    expect(url.version).toMatch(/^1\.18\.0\+url\.[0-9a-f]{12}$/);
    const dir = workersPyVersion("", locked, pkg({ kind: "directory", path: "../wp" }), "/ws/app");
    expect(dir).toMatchObject({ spec: "workers-py @ file:///ws/wp", cacheable: false, source: "uv.lock (directory ../wp)" });
  });
  it("keeps registry pins and lets the input win", () => {
    expect(workersPyVersion("", locked, pkg({ kind: "registry", index: "https://pypi.org/simple" })).spec).toBe("workers-py==1.18.0");
    expect(workersPyVersion("1.17.9", locked, pkg({ kind: "git", repository: "https://h/r", commit: sha })).spec).toBe("workers-py==1.17.9");
  });
  it("fails naming uv.lock and the fix when the source cannot be installed", () => {
    expect(() => workersPyVersion("", locked, pkg({ kind: "git", repository: "https://h/r" }))).toThrow(
      /^uv\.lock: pins workers-py from git \(https:\/\/h\/r\) without a commit\. Run `uv lock`.*workers-py-version/,
    );
    expect(() => workersPyVersion("", locked, pkg({ kind: "virtual", raw: "." }))).toThrow(/^uv\.lock: .*Set workers-py-version/);
  });
});
