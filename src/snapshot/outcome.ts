/**
 * The snapshot check's verdict from what the Pyodide process found, and what the stage shows for it
 * (annotations, failure text, detail line). Pure functions, so the orchestrator only calls them.
 * Runtime citations are cloudflare/workerd at Release 2026-08-22.
 */
import path from "node:path";
import type { Binding } from "../project/wrangler-schema.js";
import { importTimeVerdict } from "../report/import-time.js";
import { pythonFlags } from "./flags.js";
import { NOTICE_RULES, type Notice, type NoticeRule, projectPath, type SnapshotReport } from "./report.js";

export { NOTICE_RULES, type Notice, type NoticeRule };

import { RUNTIME_TEXT, type Violation } from "./rules.js";
import type { PyodideRelease } from "./versions.js";
import type { HandlerInfo, HarnessConfig, RawViolation, WorkerResult } from "./worker-protocol.js";

/** One-line fixes, by rule. */
export const FIXES: Record<string, string> = {
  entropy: "Call it inside a handler (or a function a handler calls), not at the top level.",
  io: "Do the I/O inside a handler, not at the top level.",
  import: "Fix the error above, or import the module inside the handler that needs it.",
  "rng-state": "Do not draw from random (random._inst, a saved random.random, …) at the top level; seed your own random.Random(x) instead.",
  "js-global": "Create the JavaScript object inside a handler, or delete the global after use.",
  handler: "Export class Default(WorkerEntrypoint) with the handler methods.",
  "native-extension": "Remove it from python_modules and let pywrangler sync vendor the Pyodide build.",
  size: "Remove unused dependencies, or exclude files with python_modules.exclude in wrangler's config.",
};

/** The Python-layer settings the harness models, from the release, date and flags. Pure. */
export function harnessConfig(release: PyodideRelease, date: string, flags: readonly string[], standins: string[]): HarnessConfig {
  const f = pythonFlags(date, flags);
  return {
    runtime_version: release.runtime,
    legacy_vendor_path: !f.forceNewVendorPath, // metadata.ts:52-59
    process_pth_files: f.processPthFiles, // metadata.ts:61
    check_rng_state: f.checkRngState, // metadata.ts:60
    // Dedicated snapshots are not supported on 0.26.0a2 (internal/snapshot.ts:848-853).
    dedicated_snapshot: f.dedicatedSnapshot && !release.runtime.startsWith("0.26."),
    standins,
  };
}

/** A value that stands for a secret: never its real value. */
export const SECRET_PLACEHOLDER = "python-workers-action-secret-placeholder";

/**
 * `env` as top-level code sees it: the environment's [vars], the Action's `vars` input on top,
 * an empty object per binding and a placeholder per secret name. Pure.
 */
export function topLevelEnv(vars: Record<string, unknown>, inputVars: Array<[string, string]>, bindings: Binding[], secretNames: string[]): Record<string, unknown> {
  const env: Record<string, unknown> = {};
  for (const b of bindings) env[b.name] = {};
  Object.assign(env, vars);
  for (const [k, v] of inputVars) env[k] = v;
  for (const s of secretNames) env[s] = SECRET_PLACEHOLDER;
  return env;
}

/**
 * Does the runtime find something to call? python-entrypoint-helper.ts:560-584 (Default class),
 * 586-623 (top-level on_* only without python_no_global_handlers); internal/introspection.py
 * collect_classes (exported subclasses, by class name). Any exported entrypoint class (a named
 * WorkerEntrypoint, a DurableObject, a WorkflowEntrypoint) is something the runtime exports. Pure.
 */
export function handlerViolations(handlers: HandlerInfo | null, entry: string, mainModule: string, date: string, flags: readonly string[]): Violation[] {
  if (!handlers) return [];
  const classOnly = pythonFlags(date, flags).noGlobalHandlers;
  if (handlers.classes.length > 0) return [];
  if (handlers.functions.length > 0 && !classOnly) return [];
  if (handlers.functions.length > 0) {
    const fn = handlers.functions[0];
    const many = handlers.functions.length > 1;
    return [
      {
        rule: "handler",
        file: entry,
        line: handlers.lines[fn] ?? 1,
        message: `${RUNTIME_TEXT.noHandler(mainModule, "Default")}: top-level ${handlers.functions.join(", ")} ${many ? "are" : "is"} not used from compatibility date 2025-08-14 (python_no_global_handlers). Move ${many ? "them" : "it"} into class Default(WorkerEntrypoint), or add the disable_python_no_global_handlers flag.`,
      },
    ];
  }
  return [
    {
      rule: "handler",
      file: entry,
      line: 1,
      message: `${RUNTIME_TEXT.noHandler(mainModule, "Default")}. Define class Default(WorkerEntrypoint) with an async fetch(self, request) method${classOnly ? "" : " (or a top-level on_fetch)"}.`,
    },
  ];
}

function mapRaw(v: RawViolation, moduleRootRel: string, entry: string): { file: string; line: number } {
  return { file: projectPath(v.path, moduleRootRel) ?? entry, line: v.line ?? 1 };
}

/** Notices from the worker's findings (paths relative to working-directory). Pure. */
export function mapNotices(result: Pick<WorkerResult, "notices" | "clockReads">, moduleRootRel: string, entry: string): Notice[] {
  const out: Notice[] = [];
  for (const n of result.notices) {
    const rule = (NOTICE_RULES as readonly string[]).includes(n.rule) ? (n.rule as NoticeRule) : "approximate";
    const what = rule === "caught-entropy" || rule === "caught-io" ? `${n.message} (raised at the top level and caught by the Worker: not a failure)` : n.message;
    out.push({ rule, ...mapRaw(n, moduleRootRel, entry), message: what });
  }
  const clock = out.filter((n) => n.rule === "clock");
  for (const n of clock)
    n.message = `top-level code reads the clock here: outside a request the runtime's clock reads 0 (time.time() is 0.0, datetime.now() is 1970-01-01), and that value is kept in the snapshot. Read the time inside the handler.`;
  // Reads with no Python caller (the file system stamps files with Date.now) are not reported.
  return out;
}

/** The rng-state violation (tle/entropy_import_context.py:65-72, tle/lib.ts:143-155). Pure. */
export function rngViolation(rng: string | null, entry: string): Violation[] {
  if (!rng) return [];
  return [{ rule: "rng-state", file: entry, line: 1, message: `RuntimeError: ${rng}` }];
}

export interface StageAnnotation {
  level: "error" | "warning" | "notice";
  title: string;
  message: string;
  file: string;
  line: number;
}

export interface StageOutcome {
  annotations: StageAnnotation[];
  /** Set when the stage fails. */
  failure?: string;
  detail: string;
  /** Set when the import is over the budget (stage outcome "warning"). */
  slow?: string;
}

/**
 * What the stage shows for a report: an error annotation per violation (with its fix), a notice
 * per notice, the failure text and the detail line. `rel` maps a working-directory path to a
 * workspace path. Pure.
 */
export function snapshotStageOutcome(r: SnapshotReport, budgetMs: number, rel: (f: string) => string): StageOutcome {
  const annotations: StageAnnotation[] = r.violations.map((v) => ({
    level: "error",
    title: `Snapshot check: ${v.rule}`,
    message: FIXES[v.rule] ? `${v.message}\nFix: ${FIXES[v.rule]}` : v.message,
    file: rel(v.file),
    line: v.line,
  }));
  for (const n of r.notices) annotations.push({ level: "notice", title: `Snapshot check: ${n.rule}`, message: n.message, file: rel(n.file), line: n.line });
  if (!r.ok) {
    const first = r.violations[0];
    return { annotations, failure: `${r.violations.length} violation(s); first: ${first.rule} at ${first.file}:${first.line}: ${first.message}`, detail: "" };
  }
  const ms = r.import_ms ?? 0;
  const notes = r.notices.length ? `, ${r.notices.length} notice(s)` : "";
  const v = importTimeVerdict({ wallMs: ms, cpuMs: r.import_cpu_ms ?? undefined }, budgetMs, r.entry);
  const took = v.method === "thread CPU time" ? `${Math.round(v.measuredMs)} ms CPU (${ms} ms wall)` : `${ms} ms (wall)`;
  const detail = `Pyodide ${r.pyodide}: ${r.entry} imported in ${took}, no violations${notes}${r.reused ? " (verdict reused: same files and settings as an earlier run)" : ""}`;
  if (v.warn) return { annotations, detail: `${detail} (over the ${Math.round(v.thresholdMs)} ms threshold)`, slow: v.message };
  return { annotations, detail };
}

/** Where the import stopped, when an error escaped: later top-level code ran in neither place. Pure. */
export function stoppedAt(violations: Violation[]): string | null {
  const v = violations.find((x) => x.rule === "entropy" || x.rule === "io" || x.rule === "import");
  return v ? `${path.posix.normalize(v.file)}:${v.line}` : null;
}
