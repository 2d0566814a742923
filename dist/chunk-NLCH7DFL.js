import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  RULES,
  RUNTIME_TEXT
} from "./chunk-BAB4QEES.js";

// src/report/import-time.ts
var RUNTIME_STARTUP_LIMIT_MS = 1e3;
var WALL_TIME_MARGIN = 2;
var ms = (n) => `${Math.round(n).toLocaleString("en-US")} ms`;
function importTimeVerdict(t, budgetMs = RUNTIME_STARTUP_LIMIT_MS, entry = "the entry module") {
  const cpu = t.cpuMs !== void 0 && Number.isFinite(t.cpuMs) && t.cpuMs >= 0 ? t.cpuMs : void 0;
  if (cpu !== void 0) {
    const warn2 = cpu > budgetMs;
    const statement2 = `${ms(cpu)} CPU time (${ms(t.wallMs)} wall) importing ${entry}, measured as the CPU time of the thread running Pyodide; warns above ${ms(budgetMs)} (the runtime's startup limit is ${ms(RUNTIME_STARTUP_LIMIT_MS)}).`;
    return {
      warn: warn2,
      method: "thread CPU time",
      measuredMs: cpu,
      thresholdMs: budgetMs,
      statement: statement2,
      ...warn2 ? {
        message: `Importing ${entry} took ${ms(cpu)} of CPU time under Pyodide, over the ${ms(budgetMs)} budget: the deploy may exceed the runtime's startup CPU limit (${ms(RUNTIME_STARTUP_LIMIT_MS)}). Move heavy imports into the handler.`
      } : {}
    };
  }
  const threshold = budgetMs * WALL_TIME_MARGIN;
  const warn = t.wallMs > threshold;
  const statement = `${ms(t.wallMs)} wall time importing ${entry} (CPU time not measurable here, so it may include waiting for a busy runner's CPU); warns above ${ms(threshold)}, ${WALL_TIME_MARGIN}\xD7 the ${ms(budgetMs)} budget.`;
  return {
    warn,
    method: "wall time",
    measuredMs: t.wallMs,
    thresholdMs: threshold,
    statement,
    ...warn ? {
      message: `Importing ${entry} took ${ms(t.wallMs)} (wall time) under Pyodide, more than ${WALL_TIME_MARGIN}\xD7 the ${ms(budgetMs)} budget: the deploy is likely to exceed the runtime's startup CPU limit (${ms(RUNTIME_STARTUP_LIMIT_MS)}). Move heavy imports into the handler.`
    } : {}
  };
}
function threadCpuClock() {
  const usage = process.threadCpuUsage;
  if (typeof usage !== "function") return void 0;
  const start = usage.call(process);
  return () => {
    const d = usage.call(process, start);
    return (d.user + d.system) / 1e3;
  };
}

// src/snapshot/report.ts
import path from "node:path";
var NOTICE_RULES = ["caught-entropy", "caught-io", "clock", "approximate"];
var SESSION_ROOT = "/session/metadata";
function projectPath(pyPath, moduleRootRel) {
  if (!pyPath?.startsWith(`${SESSION_ROOT}/`)) return null;
  const rest = pyPath.slice(SESSION_ROOT.length + 1);
  if (rest.startsWith("python_modules/")) return rest;
  return path.posix.join(moduleRootRel || ".", rest);
}
function asRule(rule) {
  return RULES.includes(rule) ? rule : "import";
}
function mapViolations(raw, moduleRootRel, entry) {
  return raw.map((v) => ({
    rule: asRule(v.rule),
    file: projectPath(v.path, moduleRootRel) ?? entry,
    line: v.line ?? 1,
    message: v.message
  }));
}
function jsGlobalViolations(found, moduleRootRel, entry) {
  return found.map((g) => ({
    rule: "js-global",
    file: projectPath(g.path, moduleRootRel) ?? entry,
    line: g.line ?? 1,
    message: `${RUNTIME_TEXT.jsGlobal} Description of the value: ${g.description}${g.label ? ` (held in ${g.label})` : " (held by an imported module)"}`
  }));
}
function renderSnapshotSection(r, budgetMs) {
  const out = [`### Snapshot check: ${r.ok ? "no violations" : `${r.violations.length} violation(s)`}`, ""];
  const v = r.import_ms === null ? void 0 : importTimeVerdict({ wallMs: r.import_ms, cpuMs: r.import_cpu_ms ?? void 0 }, budgetMs, `\`${r.entry}\``);
  const time = v === void 0 ? "not imported" : `${v.warn ? "\u26A0\uFE0F " : ""}${v.statement}`;
  out.push(`Pyodide ${r.pyodide} (Python ${r.python}), entry \`${r.entry}\`, import time: ${time}`, "");
  if (r.violations.length) {
    out.push("| Rule | Where | Message |", "|---|---|---|");
    for (const v2 of r.violations) out.push(`| \`${v2.rule}\` | \`${v2.file}:${v2.line}\` | ${v2.message.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")} |`);
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

export {
  importTimeVerdict,
  threadCpuClock,
  NOTICE_RULES,
  SESSION_ROOT,
  projectPath,
  mapViolations,
  jsGlobalViolations,
  renderSnapshotSection
};
