import * as core from "@actions/core";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { StageFailure } from "../errors.js";
import { parseRuffCheck, parseRuffFormatCheck, type UnformattedFile } from "../lint/ruff.js";
import { findRequirement, type ProjectInfo } from "../project/config.js";
import type { Annotation } from "../report/model.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

/** The ruff to run: the version uv.lock pins, else the project's own requirement, else ours. Pure. */
export function ruffSpec(project: Pick<ProjectInfo, "locked" | "requirements">): string {
  const locked = project.locked.get("ruff");
  if (locked) return `ruff==${locked}`;
  const req = findRequirement(project.requirements, "ruff");
  if (req)
    return req
      .split(";")[0]
      .replace(/\[.*?\]/, "")
      .replace(/\s+/g, "");
  return `ruff==${DEFAULT_VERSIONS.ruff}`;
}

export interface LintResult {
  problems: Annotation[];
  unformatted: UnformattedFile[];
  ruff: string;
}

export async function runLint(project: ProjectInfo, workspace: string, env: NodeJS.ProcessEnv): Promise<LintResult> {
  const spec = ruffSpec(project);
  // Vendored and generated folders are not the user's code, in or out of a git checkout.
  const exclude = ["--extend-exclude", "python_modules,.venv-workers,.wrangler"];
  const ruff = (args: string[]) => run("uv", ["tool", "run", "--from", spec, "ruff", ...args], { cwd: project.root, env, silent: true });

  const check = await ruff(["check", "--output-format", "json", "--no-fix", ...exclude, "."]);
  if (check.exitCode > 1) {
    process.stdout.write(check.stderr);
    throw new StageFailure(`ruff check could not run (exit ${check.exitCode}): ${lastErrorLine(check.stderr) ?? "see the log"}`);
  }
  const problems = parseRuffCheck(check.stdout, project.root, workspace);
  for (const p of problems) core.info(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  core.info(`ruff check (${spec}): ${problems.length === 0 ? "all checks passed" : `${problems.length} problem(s)`}`);

  const format = await ruff(["format", "--check", ...exclude, "."]);
  if (format.exitCode > 1) {
    process.stdout.write(format.stderr);
    throw new StageFailure(`ruff format --check could not run (exit ${format.exitCode}): ${lastErrorLine(format.stderr) ?? "see the log"}`);
  }
  const unformatted = parseRuffFormatCheck(`${format.stdout}\n${format.stderr}`, project.root, workspace);
  for (const f of unformatted) core.info(`Would reformat: ${f.file}`);
  core.info(`ruff format --check: ${unformatted.length === 0 ? "all files formatted" : `${unformatted.length} file(s) would be reformatted`}`);
  return { problems, unformatted, ruff: spec };
}

/** The annotations for a lint result (format findings as file-level errors). Pure. */
export function lintAnnotations(r: LintResult): Annotation[] {
  return [...r.problems, ...r.unformatted.map((f) => ({ level: "error" as const, title: "ruff format", message: "File would be reformatted by `ruff format`.", file: f.file, line: f.line ?? 1 }))];
}
