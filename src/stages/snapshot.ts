import path from "node:path";
import * as core from "@actions/core";
import { SNAPSHOT_TIMEOUT_MS } from "../defaults.js";
import { StageFailure } from "../errors.js";
import { required, type Stage, unlessTurnedOff } from "../pipeline.js";
import { annotate } from "../report/write.js";
import { runnerTemp } from "../setup/tool-dir.js";
import { prepareSnapshotCheck, runSnapshotCheck } from "../snapshot/check.js";
import { snapshotStageOutcome } from "../snapshot/outcome.js";

/** The snapshot check: Pyodide loads and imports the entry in the background from sync on; the stage collects the result. */
export const snapshot: Stage = {
  name: "snapshot",
  title: "Snapshot check (import the entry under Pyodide)",
  skip: unlessTurnedOff("snapshotCheck", "snapshot-check"),
  // Download and load Pyodide while lint and tests run.
  startsAfter: "sync",
  start(run) {
    const { inputs, project } = run.plan;
    if (!inputs.snapshotCheck) return;
    run.snapshot = prepareSnapshotCheck(project, {
      registry: inputs.npmRegistryUrl,
      sizeLimit: inputs.bundleSizeLimit,
      timeoutMs: SNAPSHOT_TIMEOUT_MS,
      reportFile: path.join(runnerTemp(), `python-workers-snapshot-report-${project.worker.name}.json`),
      vars: inputs.vars,
      secretNames: inputs.secrets,
      verdicts: run.cache.verdicts(),
    });
  },
  async run(run) {
    const { plan, report } = run;
    const { inputs, project } = plan;
    const r = await runSnapshotCheck(required(run.snapshot, "the snapshot check"));
    report.snapshot = { report: r.report, budgetMs: inputs.importTimeBudgetMs, file: r.reportFile };
    const rel = (f: string) => path.relative(plan.workspace, path.join(project.root, f)).split(path.sep).join("/");
    const o = snapshotStageOutcome(r.report, inputs.importTimeBudgetMs, rel);
    for (const a of o.annotations) annotate(a);
    if (o.failure) throw new StageFailure(o.failure);
    if (o.slow) {
      core.warning(o.slow, { title: "Slow start-up", file: rel(r.report.entry), startLine: 1 });
      return { outcome: "warning", detail: o.detail };
    }
    return { detail: o.detail };
  },
  finish(run) {
    run.snapshot?.cancel();
  },
};
