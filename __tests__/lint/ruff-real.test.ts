// The flags chosen for a ruff version are accepted by that real ruff (PyPI wheels run through uv),
// and the parsers read what it prints.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { CACHE, uvForFixtures } from "../../scripts/testkit/tools.mjs";
import { parseRuffCheck, parseRuffFormatJson } from "../../src/lint/ruff.js";
import { parseRuffVersion, parseShowFiles, ruffCheckArgs, ruffFormatPlan } from "../../src/lint/ruff-version.js";

const EXCLUDE = ["python_modules", ".venv-workers", ".wrangler"];
let uv = "";
let tree = "";

function ruff(version: string, args: string[]) {
  const r = spawnSync(uv, ["tool", "run", "--from", `ruff==${version}`, "ruff", ...args], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, UV_CACHE_DIR: path.join(CACHE, "uv-cache"), UV_TOOL_DIR: path.join(CACHE, "uv-tools-test"), NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  uv = uvForFixtures();
  tree = fs.mkdtempSync(path.join(os.tmpdir(), "ruff-real-"));
  fs.mkdirSync(path.join(tree, "src"));
  fs.mkdirSync(path.join(tree, "python_modules", "pkg"), { recursive: true });
  fs.mkdirSync(path.join(tree, ".venv-workers"));
  fs.writeFileSync(path.join(tree, "src", "entry.py"), "import os\n\n\ndef f():\n    return 1\n");
  fs.writeFileSync(path.join(tree, "src", "ugly.py"), "x = 1\ny=[1,2]\n");
  fs.writeFileSync(path.join(tree, "python_modules", "pkg", "m.py"), "z=3\n");
  fs.writeFileSync(path.join(tree, ".venv-workers", "v.py"), "w=4\n");
});

describe.each(["0.11.13", "0.15.20", "0.15.21", "0.17.6"])("ruff %s", (version) => {
  it("accepts the chosen flags and its output is read", () => {
    const v = ruff(version, ["--version"]);
    expect(parseRuffVersion(v.stdout)).toBe(version);

    const check = ruff(version, ruffCheckArgs(EXCLUDE));
    expect(check.stderr).not.toMatch(/unexpected argument/);
    expect(check.code).toBe(1);
    const problems = parseRuffCheck(check.stdout, tree, tree);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.title}`)).toEqual(["src/entry.py:1 Ruff (F401)"]);

    const plan = ruffFormatPlan(version, EXCLUDE);
    let out;
    if (plan.kind === "listed") {
      const listed = ruff(version, plan.listArgs);
      expect(listed.code).toBe(0);
      const files = parseShowFiles(listed.stdout);
      expect(files.map((f) => path.relative(tree, f)).sort()).toEqual(["src/entry.py", "src/ugly.py"]);
      out = ruff(version, plan.formatArgs(files)!);
    } else {
      out = ruff(version, plan.args);
    }
    expect(out.stderr).not.toMatch(/unexpected argument|requires preview/);
    expect(out.code).toBe(1);
    if (plan.json) expect(out.stdout.trim().startsWith("[")).toBe(true);
    expect(parseRuffFormatJson(out.stdout, out.stderr, tree, tree)).toEqual([plan.json ? { file: "src/ugly.py", line: 2 } : { file: "src/ugly.py" }]);
  }, 180_000);
});

it("ruff before 0.15.21 rejects format --extend-exclude (why the listed plan exists)", () => {
  const r = ruff("0.15.20", ["format", "--check", "--extend-exclude", "python_modules", "."]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/unexpected argument '--extend-exclude'/);
}, 180_000);
