import * as core from "@actions/core";
import { DEFAULT_VERSIONS } from "../defaults.js";
import { StageFailure } from "../errors.js";
import { parseRuffCheck, parseRuffFormatCheck, parseRuffFormatJson, type UnformattedFile } from "../lint/ruff.js";
import { parseRuffVersion, parseShowFiles, ruffCheckArgs, ruffFormatPlan } from "../lint/ruff-version.js";
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
  /** `ruff --version`, when readable. */
  version?: string;
}

export interface LintSwitches {
  check: boolean;
  format: boolean;
}

/** Vendored and generated folders are not the user's code, in or out of a git checkout. */
const EXCLUDE = ["python_modules", ".venv-workers", ".wrangler"];

export async function runLint(project: ProjectInfo, workspace: string, env: NodeJS.ProcessEnv, switches: LintSwitches = { check: true, format: true }): Promise<LintResult> {
  const spec = ruffSpec(project);
  const ruff = (args: string[]) => run("uv", ["tool", "run", "--from", spec, "ruff", ...args], { cwd: project.root, env, silent: true });
  const couldNotRun = (what: string, r: { exitCode: number; stderr: string }) => {
    process.stdout.write(r.stderr);
    return new StageFailure(`${what} could not run (exit ${r.exitCode}): ${lastErrorLine(r.stderr) ?? "see the log"}`);
  };
  // A pinned ruff is that version; only a range needs asking (which flags it takes depends on it).
  const version = /^ruff==(\d[\w.]*)$/.exec(spec)?.[1] ?? parseRuffVersion((await ruff(["--version"])).stdout);
  core.info(`ruff ${version ?? "(version unreadable: using the flags every ruff accepts)"} from ${spec}`);

  // check and format --check read the same files and write nothing: side by side.
  const checking = switches.check ? ruff(ruffCheckArgs(EXCLUDE)) : undefined;
  const formatting = switches.format ? formatCheck(version, ruff, couldNotRun, project.root, workspace) : undefined;
  formatting?.catch(() => undefined); // awaited below, after the check's report

  let problems: Annotation[] = [];
  if (checking) {
    const check = await checking;
    if (check.exitCode > 1) throw couldNotRun("ruff check", check);
    problems = parseRuffCheck(check.stdout, project.root, workspace);
    for (const p of problems) core.info(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    core.info(`ruff check (${spec}): ${problems.length === 0 ? "all checks passed" : `${problems.length} problem(s)`}`);
  }

  let unformatted: UnformattedFile[] = [];
  if (formatting) {
    unformatted = await formatting;
    for (const f of unformatted) core.info(`Would reformat: ${f.file}`);
    core.info(`ruff format --check: ${unformatted.length === 0 ? "all files formatted" : `${unformatted.length} file(s) would be reformatted`}`);
  }
  return { problems, unformatted, ruff: spec, version };
}

type Ruff = (args: string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** `ruff format --check` with the flags this ruff takes: the files it would reformat. */
async function formatCheck(
  version: string | undefined,
  ruff: Ruff,
  couldNotRun: (what: string, r: { exitCode: number; stderr: string }) => Error,
  root: string,
  workspace: string,
): Promise<UnformattedFile[]> {
  const fp = ruffFormatPlan(version, EXCLUDE);
  let args: string[] | undefined = fp.kind === "direct" ? fp.args : undefined;
  if (fp.kind === "listed") {
    const listed = await ruff(fp.listArgs);
    if (listed.exitCode > 1) throw couldNotRun("ruff check --show-files", listed);
    args = fp.formatArgs(parseShowFiles(listed.stdout));
  }
  if (!args) return [];
  const format = await ruff(args);
  if (format.exitCode > 1) throw couldNotRun("ruff format --check", format);
  return fp.json ? parseRuffFormatJson(format.stdout, format.stderr, root, workspace) : parseRuffFormatCheck(`${format.stdout}\n${format.stderr}`, root, workspace);
}

/** The annotations for a lint result (format findings as file-level errors). Pure. */
export function lintAnnotations(r: LintResult): Annotation[] {
  return [...r.problems, ...r.unformatted.map((f) => ({ level: "error" as const, title: "ruff format", message: "File would be reformatted by `ruff format`.", file: f.file, line: f.line ?? 1 }))];
}
