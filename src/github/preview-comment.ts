import { OUTCOME_ICON, type RunReport } from "../report/model.js";
import { runtimeCommentLines } from "../testing/pyodide/report.js";

/** The hidden marker that finds this Worker's sticky comment again. Pure. */
export function commentMarker(workerName: string, environment: string): string {
  return `<!-- python-workers-action:preview:${workerName}${environment ? `:${environment}` : ""} -->`;
}

/** The sticky PR comment: alias URL, version URL, commit, stage results. Pure. */
export function renderPreviewComment(r: RunReport, opts: { sha: string; runUrl?: string; alias?: string }): string {
  const d = r.deploy ?? {};
  const lines = [commentMarker(r.workerName, r.environment)];
  const verdict = r.failure ? `❌ ${r.failure.stage} failed` : r.deploy ? "✅ deployed" : "⏭️ not uploaded";
  lines.push(`### Preview of \`${r.workerName}\`${r.environment ? ` (env \`${r.environment}\`)` : ""}: ${verdict}`, "");
  const rows: string[] = [];
  if (d.previewAliasUrl) rows.push(`| Preview (alias \`${opts.alias ?? ""}\`) | ${d.previewAliasUrl} |`);
  if (d.previewUrl) rows.push(`| This version | ${d.previewUrl} |`);
  if (d.versionId) rows.push(`| Version ID | \`${d.versionId}\` |`);
  rows.push(`| Commit | \`${opts.sha.slice(0, 7)}\` |`);
  if (opts.runUrl) rows.push(`| Run | ${opts.runUrl} |`);
  lines.push("| | |", "|---|---|", ...rows, "");
  lines.push(r.stages.map((s) => `${OUTCOME_ICON[s.outcome]} ${s.name}`).join(" · "), "");
  if (r.failure) lines.push(`> ${r.failure.message.replace(/\r?\n/g, " ")}`, "");
  lines.push(...runtimeCommentLines(r.runtimeTests));
  for (const n of r.notices) lines.push(`> ${n}`, "");
  return lines.join("\n");
}
