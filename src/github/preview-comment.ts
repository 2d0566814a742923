import { fileLink } from "../report/links.js";
import { OUTCOME_ICON, type RunReport } from "../report/model.js";
import { runtimeCommentLines } from "../testing/pyodide/report.js";

const LAST_GOOD = /<!-- python-workers-action:last-good (\S+) (\w+) -->/;

/** A hidden line carrying the last preview URL that came from a passing run. Pure. */
export function lastGoodMarker(url: string, sha: string): string {
  return `<!-- python-workers-action:last-good ${url} ${sha} -->`;
}

/** The last good preview recorded in an earlier comment, if any. Pure. */
export function lastGoodPreview(previousBody: string | undefined): { url: string; sha: string } | undefined {
  const m = previousBody ? LAST_GOOD.exec(previousBody) : null;
  return m ? { url: m[1], sha: m[2] } : undefined;
}

/** The hidden marker that finds this Worker's sticky comment again. Pure. */
export function commentMarker(workerName: string, environment: string): string {
  return `<!-- python-workers-action:preview:${workerName}${environment ? `:${environment}` : ""} -->`;
}

/** The sticky PR comment: alias URL, version URL, commit, stage results. Pure. */
export function renderPreviewComment(r: RunReport, opts: { sha: string; runUrl?: string; alias?: string; previous?: string }): string {
  const d = r.deploy ?? {};
  const lines = [commentMarker(r.workerName, r.environment)];
  const live = d.previewAliasUrl ?? d.previewUrl;
  const good = !r.failure && live ? { url: live, sha: opts.sha.slice(0, 7) } : lastGoodPreview(opts.previous);
  if (good) lines.push(lastGoodMarker(good.url, good.sha));
  const verdict = r.failure ? `❌ ${r.failure.stage} failed` : live ? "✅ deployed" : "⏭️ not uploaded";
  lines.push(`### Preview of \`${r.workerName}\`${r.environment ? ` (env \`${r.environment}\`)` : ""}: ${verdict}`, "");
  const rows: string[] = [];
  if (d.previewAliasUrl) rows.push(`| Preview (alias \`${opts.alias ?? ""}\`) | ${d.previewAliasUrl} |`);
  if (d.previewUrl) rows.push(`| This version | ${d.previewUrl} |`);
  if (d.versionId) rows.push(`| Version ID | \`${d.versionId}\` |`);
  rows.push(`| Commit | \`${opts.sha.slice(0, 7)}\` |`);
  if (opts.runUrl) rows.push(`| Run | ${opts.runUrl} |`);
  lines.push("| | |", "|---|---|", ...rows, "");
  lines.push(r.stages.map((s) => `${OUTCOME_ICON[s.outcome]} ${s.name}`).join(" · "), "");
  if (r.failure) lines.push(`> **${r.failure.stage} failed:** ${r.failure.message.replace(/\r?\n/g, " ")}`, "");
  const failing = r.failedTests.slice(0, 10).map((f) => `- \`${f.name}\`${f.file ? ` (${fileLink(r.links, f.file, f.line)})` : ""}: ${f.message.split("\n")[0]}`);
  if (failing.length) lines.push(`**Failing tests${r.failedTests.length > 10 ? ` (10 of ${r.failedTests.length})` : ""}:**`, "", ...failing, "");
  if (r.uploadSkipped) lines.push(`> ⏭️ ${r.uploadSkipped}`, "");
  if (good && (r.failure || !live)) lines.push(`> Last good preview (older, commit \`${good.sha}\`): ${good.url}`, "");
  lines.push(...runtimeCommentLines(r.runtimeTests));
  for (const n of r.notices) lines.push(`> ${n}`, "");
  return lines.join("\n");
}
