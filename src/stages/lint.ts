import { StageFailure } from "../errors.js";
import { lintAnnotations, runLint } from "../lint/run.js";
import { type Stage, unlessTurnedOff } from "../pipeline.js";
import { annotate } from "../report/write.js";

/** ruff check and ruff format --check: any finding fails the step, each one annotated. */
export const lint: Stage = {
  name: "lint",
  title: "Lint (ruff check, ruff format --check)",
  skip: unlessTurnedOff("lint", "lint"),
  async run({ plan, report, env }) {
    const r = await runLint(plan.project, plan.workspace, env);
    report.lintProblems = r.problems;
    report.formatFiles = r.unformatted.map((f) => f.file);
    lintAnnotations(r).forEach(annotate);
    if (r.problems.length || r.unformatted.length) {
      throw new StageFailure(`${r.problems.length} ruff problem(s), ${r.unformatted.length} file(s) not formatted`);
    }
    return { detail: `${r.ruff}: no problems, all files formatted` };
  },
};
