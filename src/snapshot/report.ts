import path from "node:path";
import { importTimeVerdict } from "../report/import-time.js";
import { RULES, RUNTIME_TEXT, type Rule, type Violation } from "./rules.js";
import type { RawViolation, WorkerResult } from "./worker-protocol.js";

export const NOTICE_RULES = ["caught-entropy", "caught-io", "clock", "approximate"] as const;
// A clock notice from the harness has rule "clock" already.
export type NoticeRule = (typeof NOTICE_RULES)[number];
export interface Notice {
  rule: NoticeRule;
  file: string;
  line: number;
  message: string;
}

/** The JSON report at the `snapshot-report` output (shape fixed by the public interface). */
export interface SnapshotReport {
  ok: boolean;
  pyodide: string;
  python: string;
  entry: string;
  import_ms: number | null;
  /** The import's CPU time (the Pyodide thread's), when measurable; the budget is checked on it. */
  import_cpu_ms?: number | null;
  bundle: { raw_bytes: number; gzip_bytes: number };
  violations: Violation[];
  /** Errors the Worker caught, clock reads at the top level, and where the check approximates. */
  notices: Notice[];
  /** Where the import stopped (file:line) when an error escaped; later top-level code ran nowhere. */
  stopped_at: string | null;
  /** The import's result is an earlier run's, for exactly the same files and settings (snapshot/verdict-key.ts). */
  reused?: boolean;
  /** The runtime settings the check modelled (from compatibility date and flags). */
  runtime: { pyodide: string; dedicated_snapshot: boolean; process_pth_files: boolean; check_rng_state: boolean; legacy_vendor_path: boolean; global_handlers: boolean };
}

export const SESSION_ROOT = "/session/metadata";

/**
 * A path inside Pyodide's file system as a path relative to working-directory: the module root is
 * uploaded as /session/metadata, python_modules/ beside it. Pure.
 */
export function projectPath(pyPath: string | null, moduleRootRel: string): string | null {
  if (!pyPath?.startsWith(`${SESSION_ROOT}/`)) return null;
  const rest = pyPath.slice(SESSION_ROOT.length + 1);
  if (rest.startsWith("python_modules/")) return rest;
  return path.posix.join(moduleRootRel || ".", rest);
}

function asRule(rule: string): Rule {
  return (RULES as readonly string[]).includes(rule) ? (rule as Rule) : "import";
}

/** The worker's raw findings as report violations (paths relative to working-directory). Pure. */
export function mapViolations(raw: RawViolation[], moduleRootRel: string, entry: string): Violation[] {
  return raw.map((v) => ({
    rule: asRule(v.rule),
    file: projectPath(v.path, moduleRootRel) ?? entry,
    line: v.line ?? 1,
    message: v.message,
  }));
}

export function jsGlobalViolations(found: WorkerResult["jsGlobals"], moduleRootRel: string, entry: string): Violation[] {
  return found.map((g) => ({
    rule: "js-global" as const,
    file: projectPath(g.path, moduleRootRel) ?? entry,
    line: g.line ?? 1,
    message: `${RUNTIME_TEXT.jsGlobal} Description of the value: ${g.description}${g.label ? ` (held in ${g.label})` : " (held by an imported module)"}`,
  }));
}

/** The summary section. Pure. */
export function renderSnapshotSection(r: SnapshotReport, budgetMs: number): string {
  const out = [`### Snapshot check: ${r.ok ? "no violations" : `${r.violations.length} violation(s)`}`, ""];
  const v = r.import_ms === null ? undefined : importTimeVerdict({ wallMs: r.import_ms, cpuMs: r.import_cpu_ms ?? undefined }, budgetMs, `\`${r.entry}\``);
  const time = v === undefined ? "not imported" : `${v.warn ? "⚠️ " : ""}${v.statement}`;
  out.push(`Pyodide ${r.pyodide} (Python ${r.python}), entry \`${r.entry}\`, import time: ${time}`, "");
  if (r.violations.length) {
    out.push("| Rule | Where | Message |", "|---|---|---|");
    for (const v of r.violations) out.push(`| \`${v.rule}\` | \`${v.file}:${v.line}\` | ${v.message.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")} |`);
    out.push("");
  }
  if (r.stopped_at) out.push(`The import stopped at \`${r.stopped_at}\`, as it would in the runtime: top-level code after it was not checked.`, "");
  if (r.notices.length) {
    out.push("| Notice | Where | Message |", "|---|---|---|");
    for (const n of r.notices) out.push(`| \`${n.rule}\` | \`${n.file}:${n.line}\` | ${n.message.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")} |`);
    out.push("");
  }
  return out.join("\n");
}
