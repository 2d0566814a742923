// What the report says about the Pyodide test run: the "passes on CPython, fails on Pyodide" list
// first (with the Pyodide traceback at the user's line), then every test's outcome per runtime.

import type { JUnitFailure } from "../junit.js";
import type { FailedTest, TestCounts } from "../results.js";
import { compareRuntimes, failureMatches, type Regression, type RuntimeRow, type TestCase } from "./compare.js";

export interface RuntimeTests {
  runtime: "pyodide" | "both";
  pyodide: string;
  python: string;
  counts: TestCounts;
  /** CPython's counts (both). */
  cpythonCounts?: TestCounts;
  rows: RuntimeRow[];
  /** Passes on CPython, fails on Pyodide; file relative to the workspace. */
  onlyCPython: Array<Regression & { traceback?: string }>;
  onlyPyodide: string[];
  /** The test the timeout stopped on Pyodide ("" between tests). */
  hung?: string;
  timeoutMs: number;
  skippedNative: string[];
  wallMs: number;
  cpuMs: number;
}

/** The end of a failure's text (the frames up to the user's line and the error), without captured output. Pure. */
export function tracebackTail(details: string, maxLines = 15): string {
  const body = details.split(/\n----- Captured /)[0].trimEnd();
  const lines = body.split("\n");
  return lines.slice(Math.max(0, lines.length - maxLines)).join("\n");
}

/**
 * Compare the runs. `cpython` undefined: Pyodide only, so every Pyodide failure is listed as its own
 * (onlyCPython stays empty). `rel` maps a project-relative file to the workspace. Pure.
 */
export function runtimeTests(opts: {
  cpython?: TestCase[];
  cpythonCounts?: TestCounts;
  pyodide: TestCase[];
  failures: FailedTest[];
  counts: TestCounts;
  hung?: string;
  rel: (projectFile: string) => string;
  info: Pick<RuntimeTests, "pyodide" | "python" | "timeoutMs" | "skippedNative" | "wallMs" | "cpuMs">;
}): RuntimeTests {
  const cmp = compareRuntimes(opts.cpython ?? [], opts.pyodide, opts.failures, opts.hung);
  const rows = opts.cpython ? cmp.rows : cmp.rows.map((r) => ({ ...r, cpython: "not run" as const }));
  const onlyCPython = opts.cpython
    ? cmp.onlyCPython.map((r) => {
        const f = opts.failures.find((x) => failureMatches(x.name, r.id)) as JUnitFailure | undefined;
        // Hung tests carry the project-relative file of their id; failures are already workspace-relative.
        const file = f ? r.file : r.file && opts.rel(r.file);
        return { ...r, file, traceback: f?.details ? tracebackTail(f.details) : undefined };
      })
    : [];
  return {
    runtime: opts.cpython ? "both" : "pyodide",
    ...opts.info,
    counts: opts.counts,
    cpythonCounts: opts.cpythonCounts,
    rows,
    onlyCPython,
    onlyPyodide: opts.cpython ? cmp.onlyPyodide : [],
    hung: opts.hung,
  };
}

const ICON: Record<string, string> = { passed: "✅", failed: "❌", error: "💥", skipped: "⏭️", hung: "⏱️", "not run": "–" };
const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const counts = (c: TestCounts) => `${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The Pyodide part of the Tests section, as Markdown lines. Pure. */
export function renderRuntimeSection(t: RuntimeTests): string[] {
  const out: string[] = [];
  if (t.onlyCPython.length) {
    out.push(`#### ❌ Passes on CPython, fails on Pyodide (${t.onlyCPython.length})`, "");
    for (const r of t.onlyCPython) {
      out.push(`- \`${r.id}\`${r.file ? ` at \`${r.file}${r.line ? `:${r.line}` : ""}\`` : ""}: ${esc(r.message)}`);
      if (r.traceback) out.push("", "  <details><summary>Pyodide traceback</summary>", "", "  ```", ...r.traceback.split("\n").map((l) => `  ${l}`), "  ```", "", "  </details>", "");
    }
    out.push("");
  }
  if (t.hung !== undefined) {
    out.push(`> ⏱️ ${t.hung ? `\`${t.hung}\`` : "A test"} did not finish within the test timeout (${seconds(t.timeoutMs)}) on Pyodide and was stopped; the tests after it did not run.`, "");
  }
  out.push(
    `Pyodide ${t.pyodide} (Python ${t.python}): ${counts(t.counts)}${t.cpythonCounts ? `; CPython: ${counts(t.cpythonCounts)}` : ""}. The Pyodide run took ${seconds(t.wallMs)} (CPU ${seconds(t.cpuMs)}).`,
    "",
  );
  if (t.skippedNative.length) out.push(`Left out of the Pyodide run (native code): ${t.skippedNative.map((n) => `\`${n}\``).join(", ")}.`, "");
  if (t.onlyPyodide.length) out.push(`Passes on Pyodide, fails on CPython: ${t.onlyPyodide.map((n) => `\`${n}\``).join(", ")}.`, "");
  if (t.rows.length) {
    out.push("<details><summary>Every test on each runtime</summary>", "", "| Test | CPython | Pyodide |", "|---|---|---|");
    for (const r of t.rows.slice(0, 200)) out.push(`| \`${esc(r.id)}\` | ${ICON[r.cpython]} ${r.cpython} | ${ICON[r.pyodide]} ${r.pyodide} |`);
    if (t.rows.length > 200) out.push(`| … ${t.rows.length - 200} more | | |`);
    out.push("", "</details>", "");
  }
  return out;
}

/** The PR comment's lines naming the tests that fail only on Pyodide. Pure. */
export function runtimeCommentLines(t: RuntimeTests | undefined): string[] {
  if (!t || (!t.onlyCPython.length && t.hung === undefined)) return [];
  const out = t.onlyCPython.length ? [`**Passes on CPython, fails on Pyodide** (${t.onlyCPython.length}):`, ""] : [];
  for (const r of t.onlyCPython.slice(0, 20)) out.push(`- \`${r.id}\`${r.file ? ` (\`${r.file}${r.line ? `:${r.line}` : ""}\`)` : ""}: ${esc(r.message)}`);
  if (t.onlyCPython.length > 20) out.push(`- … and ${t.onlyCPython.length - 20} more`);
  if (t.hung !== undefined) out.push(`- ⏱️ ${t.hung ? `\`${t.hung}\`` : "a test"} hung on Pyodide and was stopped`);
  out.push("");
  return out;
}
