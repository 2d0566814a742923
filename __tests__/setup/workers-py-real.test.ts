// uv.lock files written by real `uv lock` for a workers-py pinned from git and from a local folder;
// the Action's choice is then installed by real `uv tool install` and its pywrangler runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { CACHE, pythonBinDir, uvForFixtures } from "../../scripts/testkit/tools.mjs";
import { setupWorkersPy, workersPyForProject } from "../../src/setup/workers-py.js";

let tmp = "";
let commit = "";
const saved = { PATH: process.env.PATH, RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE };
const env = () => ({ ...process.env, UV_CACHE_DIR: path.join(CACHE, "uv-cache"), UV_PYTHON: path.join(pythonBinDir(), "python3") });

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: env() });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function project(name: string, source: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "pyproject.toml"),
    `[project]\nname = "${name}"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = []\n\n[dependency-groups]\ndev = ["workers-py"]\n\n[tool.uv.sources]\nworkers-py = ${source}\n`,
  );
  sh("uv", ["lock", "--quiet"], dir);
  return dir;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wp-lock-"));
  process.env.PATH = `${path.dirname(uvForFixtures())}${path.delimiter}${process.env.PATH}`;
  process.env.RUNNER_TOOL_CACHE = path.join(tmp, "toolcache");
  const wp = path.join(tmp, "workers-py-src");
  fs.mkdirSync(path.join(wp, "src", "workers_py"), { recursive: true });
  fs.writeFileSync(
    path.join(wp, "pyproject.toml"),
    `[project]\nname = "workers-py"\nversion = "1.18.0"\nrequires-python = ">=3.11"\n\n[project.scripts]\npywrangler = "workers_py:main"\n\n[build-system]\nrequires = ["uv_build>=0.8,<0.20"]\nbuild-backend = "uv_build"\n`,
  );
  fs.writeFileSync(path.join(wp, "src", "workers_py", "__init__.py"), 'def main():\n    print("pywrangler from the pinned source")\n');
  sh("git", ["init", "-q"], wp);
  sh("git", ["add", "-A"], wp);
  sh("git", ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init"], wp);
  sh("git", ["tag", "v1.18.0"], wp);
  commit = sh("git", ["rev-parse", "HEAD"], wp).trim();
}, 300_000);

afterAll(() => {
  process.env.PATH = saved.PATH;
  if (saved.RUNNER_TOOL_CACHE === undefined) delete process.env.RUNNER_TOOL_CACHE;
  else process.env.RUNNER_TOOL_CACHE = saved.RUNNER_TOOL_CACHE;
  fs.rmSync(tmp, { recursive: true, force: true });
});

it("a git pin in uv.lock is installed from that commit", async () => {
  const dir = project("app-git", `{ git = "file://${tmp}/workers-py-src", tag = "v1.18.0" }`);
  expect(fs.readFileSync(path.join(dir, "uv.lock"), "utf8")).toContain(`source = { git = "file://${tmp}/workers-py-src?tag=v1.18.0#${commit}" }`);
  const choice = workersPyForProject("", { root: dir, locked: new Map([["workers-py", "1.18.0"]]) });
  expect(choice).toMatchObject({ version: `1.18.0+git.${commit.slice(0, 12)}`, spec: `workers-py @ git+file://${tmp}/workers-py-src@${commit}` });
  const setup = await setupWorkersPy(choice.version, env(), choice);
  expect(sh(path.join(setup.binDir, "pywrangler"), [], dir)).toBe("pywrangler from the pinned source\n");
  // Cached under its git version the second time.
  expect((await setupWorkersPy(choice.version, env(), choice)).cached).toBe(true);
}, 300_000);

it("a local directory pin is installed from the folder, and not taken from the tool cache", async () => {
  const dir = project("app-dir", `{ path = "../workers-py-src" }`);
  const choice = workersPyForProject("", { root: dir, locked: new Map([["workers-py", "1.18.0"]]) });
  expect(choice).toMatchObject({ source: "uv.lock (directory ../workers-py-src)", cacheable: false });
  const setup = await setupWorkersPy(choice.version, env(), choice);
  expect(sh(path.join(setup.binDir, "pywrangler"), [], dir)).toBe("pywrangler from the pinned source\n");
  expect((await setupWorkersPy(choice.version, env(), choice)).cached).toBe(false);
}, 300_000);

it("an unusable git source fails naming uv.lock", async () => {
  const choice = workersPyForProject("", { root: path.join(tmp, "app-git"), locked: new Map() });
  choice.spec = `workers-py @ git+file://${tmp}/missing@${commit}`;
  await expect(setupWorkersPy(`${choice.version}x`, env(), choice)).rejects.toThrow(
    /from uv\.lock \(git .*\) with uv \(exit \d+\)\. Check that source in pyproject\.toml \(\[tool\.uv\.sources\]\) and run `uv lock`/,
  );
}, 300_000);
