import * as core from "@actions/core";
import { timing } from "../util/exec.js";
import { formatMillis } from "../util/units.js";
import type { RunReport } from "./model.js";
import { renderSummary } from "./summary.js";

/** The job summary (the log when there is no summary file). */
export async function writeSummary(report: RunReport): Promise<void> {
  const md = renderSummary(report);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md, true).write();
  else core.info(md);
}

/** One line of timing; own overhead is the wall time during which no tool and no cache transfer ran. */
export function logTiming(started: number): void {
  const total = performance.now() - started;
  const child = timing.tools();
  const cached = timing.cache();
  const own = total - timing.busy();
  core.info(
    `python-workers-action timing: total ${formatMillis(total)}, in tools ${formatMillis(child)}, cache service ${formatMillis(cached)}, own ${formatMillis(own)} (total_ms=${Math.round(total)} child_ms=${Math.round(child)} cache_ms=${Math.round(cached)} own_ms=${Math.round(own)})`,
  );
}

/** Annotate a finding on the run (and its file, when it has one). */
export function annotate(a: { level: "error" | "warning" | "notice"; message: string; title?: string; file?: string; line?: number; column?: number }): void {
  const props = { title: a.title, file: a.file, startLine: a.line, startColumn: a.column };
  if (a.level === "error") core.error(a.message, props);
  else if (a.level === "warning") core.warning(a.message, props);
  else core.notice(a.message, props);
}
