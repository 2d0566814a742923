// Turns the results of `FIDELITY_RESULTS=<json> jest … __tests__/e2e/fidelity.test.ts` into the
// disagreement list: `node __tests__/fidelity/status.mjs <results.json> [dist commit] > status.md`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const results = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const distNote = process.argv[3] ?? "";
const names = Object.keys(results).sort();
const expectOf = (n) => JSON.parse(fs.readFileSync(path.join(here, n, "expect.json"), "utf8"));
const agree = names.filter((n) => results[n].verdictOk);
const withNotices = names.filter((n) => results[n].noticesOk !== null);
const noticesOk = withNotices.filter((n) => results[n].noticesOk);
const kinds = { "wd-": "workerd mirrors", "edge-": "edge cases", "public-": "public Workers" };
const byKind = Object.entries(kinds)
  .map(([p, k]) => `${k} ${agree.filter((n) => n.startsWith(p)).length}/${names.filter((n) => n.startsWith(p)).length}`)
  .join(", ");
const fmtGot = (g) => {
  if (!g || g.report === "none") return `no report (exit ${g?.exitCode})`;
  if (!g.first) return `ok=${g.ok}, exit ${g.exitCode}, no violations`;
  return `exit ${g.exitCode}, ${g.violations} violation(s); first \`${g.first.rule}\` at \`${g.first.file}:${g.first.line}\`: ${g.first.message.replace(/\n/g, " ").slice(0, 220)}`;
};
const fmtWant = (e) =>
  e.verdict === "accept" ? "accept" : `reject: \`${e.violation.rule}\` at \`${e.violation.file}:${e.violation.line ?? "(any line)"}\`, message /${e.violation.message}/`;
let out = `# Fidelity status (snapshot check vs the Workers runtime)

**Verdict agreement: ${agree.length}/${names.length}** (${byKind}); notices: ${noticesOk.length}/${withNotices.length} fixtures with listed notices.
Run: ${new Date().toISOString()}${distNote ? `, ${distNote}` : ""}. Corpus: __tests__/fidelity (README there), test: __tests__/e2e/fidelity.test.ts.
Rule vocabulary: violations entropy, io, import, native-extension, js-global, handler, rng-state, size; notices caught-entropy, caught-io, clock, approximate.

## Disagreements (expected = the runtime's verdict; the check is what needs to change)
`;
for (const n of names.filter((x) => !results[x].verdictOk)) {
  const e = expectOf(n);
  out += `\n### ${n}\n- expected: ${fmtWant(e)}\n- check said: ${fmtGot(results[n].got)}\n- why: ${e.why}\n- evidence: ${e.evidence}\n`;
}
const missing = names.filter((n) => results[n].verdictOk && results[n].noticesOk === false);
if (missing.length) {
  out += `\n## Verdict right, notice missing\n`;
  for (const n of missing) {
    const e = expectOf(n);
    out += `- ${n}: expected ${e.notices.map((x) => `${x.rule} at ${x.file}:${x.line}`).join(", ")} (report.notices or a non-error annotation titled with the rule) — ${e.evidence.slice(0, 200)}\n`;
  }
}
process.stdout.write(out);
