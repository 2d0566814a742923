import { renderSnapshotSection } from "../snapshot/report.js";
import { renderRuntimeSection } from "../testing/pyodide/report.js";
import { formatBytes, formatMillis } from "../util/units.js";
import { failureDetails } from "./failure-details.js";
import { dashboardUrl, fileLink } from "./links.js";
import { OUTCOME_ICON, type RunReport, type StageName } from "./model.js";

const LABEL: Record<StageName, string> = {
  setup: "Setup",
  cache: "Cache",
  sync: "Sync",
  lint: "Lint",
  test: "Test",
  snapshot: "Snapshot check",
  "pre-deploy": "Pre-deploy",
  deploy: "Deploy",
  "post-deploy": "Post-deploy",
};

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** The job summary as Markdown. Pure. */
export function renderSummary(r: RunReport): string {
  const out: string[] = [];
  const env = r.environment ? ` (env \`${r.environment}\`)` : "";
  const verdict = r.failure ? `❌ failed at ${LABEL[r.failure.stage].toLowerCase()}` : "✅ passed";
  out.push(`## Python Worker \`${r.workerName}\`${env}: ${r.mode} ${verdict}`, "");
  if (r.failure) out.push(`> **${LABEL[r.failure.stage]} failed:** ${esc(r.failure.message)}`, "");
  if (r.uploadSkipped) out.push(`> **Nothing uploaded:** ${esc(r.uploadSkipped)}`, "");

  out.push("| Stage | Result | Time | Details |", "|---|---|---|---|");
  for (const s of r.stages) {
    const label = s.name === "deploy" ? r.uploadLabel : LABEL[s.name];
    out.push(`| ${label} | ${OUTCOME_ICON[s.outcome]} ${s.outcome} | ${s.outcome === "skipped" || s.outcome === "not run" ? "" : formatMillis(s.millis)} | ${esc(s.detail)} |`);
  }
  if (r.totalMillis !== undefined) out.push(`| **Total** | | ${formatMillis(r.totalMillis)} | |`);
  out.push("");

  const d = r.deploy;
  if (d) {
    const rows: string[] = [];
    if (d.deploymentUrl) rows.push(`| Deployment URL | ${d.deploymentUrl} |`);
    if (d.previewAliasUrl) rows.push(`| Preview alias URL | ${d.previewAliasUrl} |`);
    if (d.previewUrl) rows.push(`| Preview URL | ${d.previewUrl} |`);
    if (d.versionId) rows.push(`| Version | \`${d.versionId}\`${r.accountId ? ` ([Cloudflare dashboard](${dashboardUrl(r.accountId, d.workerName || r.workerName)}))` : ""} |`);
    if (d.bundleSize !== undefined) {
      rows.push(`| Bundle size | ${formatBytes(d.bundleSize)}${d.bundleSizeGzip !== undefined ? ` (gzip ${formatBytes(d.bundleSizeGzip)})` : ""} |`);
    }
    if (r.secretNames.length) rows.push(`| Secrets (with this version) | ${r.secretNames.map((n) => `\`${n}\``).join(", ")} |`);
    if (r.varNames.length) rows.push(`| Variables | ${r.varNames.map((n) => `\`${n}\``).join(", ")} |`);
    if (rows.length) out.push("| | |", "|---|---|", ...rows, "");
  }

  if (r.lintProblems.length || r.formatFiles.length) {
    out.push(`### Lint: ${r.lintProblems.length} problem(s), ${r.formatFiles.length} file(s) to reformat`, "");
    for (const p of r.lintProblems.slice(0, 50)) out.push(`- ${p.file ? fileLink(r.links, p.file, p.line, p.column) : ""} ${esc(p.message)}`);
    if (r.lintProblems.length > 50) out.push(`- … and ${r.lintProblems.length - 50} more (see the annotations)`);
    for (const f of r.formatFiles) out.push(`- ${fileLink(r.links, f)} would be reformatted (\`ruff format\`)`);
    out.push("");
  }

  if (r.tests) {
    const t = r.tests;
    out.push(`### Tests: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors, ${t.skipped} skipped`, "");
    if (r.runtimeTests) out.push(...renderRuntimeSection(r.runtimeTests));
    for (const f of r.failedTests.slice(0, 30)) {
      out.push(`- \`${f.name}\`${f.file ? ` at ${fileLink(r.links, f.file, f.line)}` : ""}: ${esc(f.message)}`);
    }
    if (r.failedTests.length) out.push("");
    const details = failureDetails(r.failedTests.map((f) => ({ ...f, details: f.details ?? "" })));
    if (details) out.push(details);
  }

  if (r.snapshot) out.push(renderSnapshotSection(r.snapshot.report, r.snapshot.budgetMs));

  if (r.cache) {
    const c = r.cache;
    const state = c.hit ? "hit" : c.corrupted ? `restored entry discarded (${c.corrupted})` : "miss";
    out.push(`### Cache: ${state}`, "", `Key \`${c.key}\``, "");
    const rows = Object.entries(c.sizes);
    if (rows.length) out.push("| Restored | Size |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${formatBytes(v)} |`), "");
    const notes = [
      c.toolsHit ? "tools restored from the cache" : "tools not in the cache",
      c.saved !== undefined ? (c.saved ? "dependencies saved" : "dependencies not saved") : "",
      c.toolsSaved !== undefined ? (c.toolsSaved ? "tools saved" : "tools not saved") : "",
    ].filter(Boolean);
    out.push(`${notes.join("; ")}.`, "");
  }

  for (const n of r.notices) out.push(`> ${esc(n)}`, "");
  const v = r.versions;
  const tools = [v.uv && `uv ${v.uv}`, v.workersPy && `workers-py ${v.workersPy}`, v.wrangler && `wrangler ${v.wrangler}`].filter(Boolean);
  if (tools.length) out.push(`<sub>${tools.join(" · ")}</sub>`, "");
  return out.join("\n");
}
