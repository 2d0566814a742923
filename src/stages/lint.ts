import { StageFailure } from "../errors.js";
import { lintAnnotations, runLint } from "../lint/run.js";
import { type Stage, unlessTurnedOff } from "../pipeline.js";
import { annotate } from "../report/write.js";

/** ruff check and ruff format --check: any finding fails the step, each one annotated. */
export const lint: Stage = {
  name: "lint",
  title: "Lint (ruff check, ruff format --check)",
  skip: (run) => unlessTurnedOff("lint", "lint")(run) ?? (run.plan.inputs.ruffCheck || run.plan.inputs.ruffFormat ? undefined : "ruff-check: false, ruff-format: false"),
  async run({ plan, report, env }) {
    const r = await runLint(plan.project, plan.workspace, env, { check: plan.inputs.ruffCheck, format: plan.inputs.ruffFormat });
    report.lintProblems = r.problems;
    report.formatFiles = r.unformatted.map((f) => f.file);
    lintAnnotations(r).forEach(annotate);
    if (r.problems.length || r.unformatted.length) {
      throw new StageFailure(`${r.problems.length} ruff problem(s), ${r.unformatted.length} file(s) not formatted`);
    }
    const did = [plan.inputs.ruffCheck && "no problems", plan.inputs.ruffFormat && "all files formatted"].filter(Boolean).join(", ");
    return { detail: `${r.version ? `ruff ${r.version}` : r.ruff}: ${did}` };
  },
};
