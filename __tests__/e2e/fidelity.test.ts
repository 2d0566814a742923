// The fidelity corpus (__tests__/fidelity/<name>/): fixture Workers whose verdict is what the Workers
// runtime (workerd, Release 2026-08-22) does, each citing the workerd source or test that proves it.
// Each one is run through the committed dist/ with mode: check and must get exactly that verdict:
// for a reject the first violation's rule, file, line and message; for an accept ok: true and no
// error annotation; and the notices the fixture lists. The expected verdicts are never adjusted to
// the check: see __tests__/fidelity/README.md.
//
// FIDELITY_RESULTS=<file> writes each fixture's outcome as JSON (for the status list).
// FIDELITY_ONLY=<prefix>[,<prefix>…] runs only the fixtures whose folder name starts with one of them
// (e.g. FIDELITY_ONLY=public-); the corpus-size assertion then checks the whole corpus, not the selection.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { copyWorker, makeSynced, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(300_000);

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fidelity");

interface Expect {
  verdict: "accept" | "reject";
  violation?: { rule: string; file: string; line: number | null; message: string };
  notices?: Array<{ rule: string; file: string; line: number }>;
  evidence: string;
  why: string;
}

interface Violation {
  rule: string;
  file: string;
  line: number;
  message: string;
}

const corpus = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(CORPUS, d.name, "expect.json")))
  .map((d) => d.name)
  .sort();
const only = (process.env.FIDELITY_ONLY ?? "")
  .split(",")
  .map((p) => p.trim())
  .filter(Boolean);
const names = only.length ? corpus.filter((n) => only.some((p) => n.startsWith(p))) : corpus;
if (names.length === 0) throw new Error(`FIDELITY_ONLY=${process.env.FIDELITY_ONLY}: no fixture folder in ${CORPUS} starts with that; use a prefix such as public-, edge- or wd-.`);

let s: StandIns;
/** Synced python_modules/ and .venv-workers/ per dependency list, shared by fixtures in this run. */
const synced = new Map<string, string>();
/** Fixture workspaces (each with its python_modules/), removed after the run. */
const workspaces: string[] = [];
const results: Record<string, { verdict: string; got: unknown; verdictOk: boolean; noticesOk: boolean | null; ms: number }> = {};

beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => {
  await s.close();
  for (const dir of [...synced.values(), ...workspaces]) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.FIDELITY_RESULTS) fs.writeFileSync(process.env.FIDELITY_RESULTS, JSON.stringify(results, null, 2));
});

/**
 * A synced copy of the fixture: expect.json removed, _vendored/ merged into python_modules/. Wheels
 * are chosen for the Pyodide platform, as pywrangler installs them into its Pyodide venv (so a package
 * with a pure-Python wheel, e.g. charset-normalizer, is not vendored as a host .so).
 */
function prepare(name: string): { workspace: string; project: string } {
  const w = copyWorker(path.join(CORPUS, name), { name: "fx" });
  fs.rmSync(path.join(w.project, "expect.json"));
  const vendored = path.join(w.project, "_vendored");
  const key = fs.readFileSync(path.join(w.project, "pyproject.toml"), "utf8").match(/^dependencies\s*=\s*\[[^\]]*\]/m)?.[0] ?? "";
  const cached = synced.get(key);
  if (cached) {
    // Same dependencies as an earlier fixture: reuse its python_modules/ and .venv-workers/, with the
    // .synced tokens made newer than this copy's pyproject.toml, as makeSynced leaves them.
    for (const d of ["python_modules", ".venv-workers"]) fs.cpSync(path.join(cached, d), path.join(w.project, d), { recursive: true });
    const later = new Date(Date.now() + 1000);
    for (const t of ["python_modules/.synced", ".venv-workers/.synced"]) fs.utimesSync(path.join(w.project, t), later, later);
  } else {
    // `extra` is appended to makeSynced's `uv pip install` (typed never[] from its JS default).
    makeSynced(w.project, { extra: ["--python-platform", "wasm32-pyodide2025"] as never[] });
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-fidelity-synced-"));
    for (const d of ["python_modules", ".venv-workers"]) fs.cpSync(path.join(w.project, d), path.join(keep, d), { recursive: true });
    synced.set(key, keep);
  }
  if (fs.existsSync(vendored)) {
    fs.cpSync(vendored, path.join(w.project, "python_modules"), { recursive: true });
    fs.rmSync(vendored, { recursive: true, force: true });
  }
  return w;
}

async function run(name: string) {
  const { workspace } = prepare(name);
  workspaces.push(workspace);
  const r = await runAction({
    workspace,
    inputs: { "working-directory": "fx", mode: "check", lint: "false", test: "false", ...s.downloads },
    env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl },
  });
  const reportFile = r.outputs["snapshot-report"];
  const report = reportFile && fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : undefined;
  return { r, report };
}

function summarize(report: { ok?: boolean; violations?: Violation[] } | undefined, exitCode: number, stdout: string): unknown {
  if (!report)
    return {
      exitCode,
      report: "none",
      errors: stdout
        .split("\n")
        .filter((l) => l.startsWith("::error"))
        .slice(0, 3),
    };
  const v = report.violations?.[0];
  return { exitCode, ok: report.ok, first: v ? { rule: v.rule, file: v.file, line: v.line, message: v.message.slice(0, 300) } : null, violations: report.violations?.length ?? 0 };
}

describe("fidelity corpus: the runtime's verdict", () => {
  it("has at least 50 fixtures", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
  });

  it.each(names)("%s", async (name) => {
    const e = JSON.parse(fs.readFileSync(path.join(CORPUS, name, "expect.json"), "utf8")) as Expect;
    const started = Date.now();
    const { r, report } = await run(name);
    const record = { verdict: e.verdict, got: summarize(report, r.exitCode, r.stdout), verdictOk: false, noticesOk: null as boolean | null, ms: Date.now() - started };
    results[name] = record;
    try {
      expect(report).toBeDefined();
      const errors = r.annotations.filter((a: { level: string }) => a.level === "error");
      if (e.verdict === "accept") {
        expect(report.violations).toEqual([]);
        expect(report.ok).toBe(true);
        expect(r.exitCode).toBe(0);
        expect(errors).toEqual([]);
      } else {
        const want = e.violation!;
        expect(r.exitCode).toBe(1);
        expect(report.ok).toBe(false);
        const first = report.violations[0] as Violation;
        expect({ rule: first?.rule, file: first?.file }).toEqual({ rule: want.rule, file: want.file });
        if (want.line !== null) expect(first.line).toBe(want.line);
        expect(first.message).toMatch(new RegExp(want.message, "s"));
        const at = { level: "error", title: `Snapshot check: ${want.rule}`, file: `fx/${want.file}`, ...(want.line !== null ? { line: want.line } : {}) };
        expect(r.annotations).toContainEqual(expect.objectContaining(at));
      }
      record.verdictOk = true;
      // Notices: things the check should mention without failing (report.notices or a non-error annotation).
      if (e.notices?.length) {
        record.noticesOk = false;
        const listed: Array<{ rule: string; file: string; line: number }> = report.notices ?? [];
        for (const n of e.notices) {
          const inReport = listed.some((x) => x.rule === n.rule && x.file === n.file && x.line === n.line);
          const annotated = r.annotations.some(
            (a: { level: string; file?: string; line?: number; title?: string }) => a.level !== "error" && a.file === `fx/${n.file}` && a.line === n.line && (a.title ?? "").includes(n.rule),
          );
          expect({ notice: n, found: inReport || annotated }).toEqual({ notice: n, found: true });
        }
        record.noticesOk = true;
      }
    } finally {
      r.cleanup();
    }
  });
});
