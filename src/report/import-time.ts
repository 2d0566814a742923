// Whether the entry's import time under Pyodide deserves a warning, and how it was measured. Pure
// (except `threadCpuClock`, which reads the clock).
//
// The runtime's limit: Cloudflare documents "Worker startup time: 1 second" on every plan
// (developers.cloudflare.com/workers/platform/limits; uploads over it fail with "Script startup
// exceeded CPU time limit [code: 10021]"). Python Workers also pass through a Python-specific
// limiter, `SimplePythonLimiter` in workerd's src/workerd/api/pyodide/pyodide.h, which fails with
// "Python Worker startup exceeded CPU limit <ms><=<limit> with snapshot <type>"; open-source
// workerd builds it with `makeDisabled` (src/workerd/io/worker-modules.h) and its limit value is
// not published, so the documented 1 s is the reference here.
//
// Measuring: wall time on a shared 2-core runner includes waiting for the CPU (official examples
// crossed 1000 ms that way), so the CPU time of the thread that runs Pyodide is preferred
// (`process.threadCpuUsage()`, Node ≥ 23.9, called inside the worker thread). When only wall time
// is known, the warning needs it to be well above the limit.

export const RUNTIME_STARTUP_LIMIT_MS = 1000;
/** Wall time must exceed the budget by this factor before it warns. */
export const WALL_TIME_MARGIN = 2;

export interface ImportTiming {
  /** Wall-clock milliseconds of the import. */
  wallMs: number;
  /** CPU milliseconds of the thread that ran the import (user + system), when measurable. */
  cpuMs?: number;
}

export interface ImportTimeVerdict {
  warn: boolean;
  method: "thread CPU time" | "wall time";
  /** The figure compared with the threshold. */
  measuredMs: number;
  thresholdMs: number;
  /** One line for the summary and log: figure, method, threshold. */
  statement: string;
  /** The annotation text when `warn`. */
  message?: string;
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

export function importTimeVerdict(t: ImportTiming, budgetMs: number = RUNTIME_STARTUP_LIMIT_MS, entry = "the entry module"): ImportTimeVerdict {
  const cpu = t.cpuMs !== undefined && Number.isFinite(t.cpuMs) && t.cpuMs >= 0 ? t.cpuMs : undefined;
  if (cpu !== undefined) {
    const warn = cpu > budgetMs;
    const statement = `${ms(cpu)} CPU time (${ms(t.wallMs)} wall) importing ${entry}, measured as the CPU time of the thread running Pyodide; warns above ${ms(budgetMs)} (the runtime's startup limit is ${ms(RUNTIME_STARTUP_LIMIT_MS)}).`;
    return {
      warn,
      method: "thread CPU time",
      measuredMs: cpu,
      thresholdMs: budgetMs,
      statement,
      ...(warn
        ? {
            message: `Importing ${entry} took ${ms(cpu)} of CPU time under Pyodide, over the ${ms(budgetMs)} budget: the deploy may exceed the runtime's startup CPU limit (${ms(RUNTIME_STARTUP_LIMIT_MS)}). Move heavy imports into the handler.`,
          }
        : {}),
    };
  }
  const threshold = budgetMs * WALL_TIME_MARGIN;
  const warn = t.wallMs > threshold;
  const statement = `${ms(t.wallMs)} wall time importing ${entry} (CPU time not measurable here, so it may include waiting for a busy runner's CPU); warns above ${ms(threshold)}, ${WALL_TIME_MARGIN}× the ${ms(budgetMs)} budget.`;
  return {
    warn,
    method: "wall time",
    measuredMs: t.wallMs,
    thresholdMs: threshold,
    statement,
    ...(warn
      ? {
          message: `Importing ${entry} took ${ms(t.wallMs)} (wall time) under Pyodide, more than ${WALL_TIME_MARGIN}× the ${ms(budgetMs)} budget: the deploy is likely to exceed the runtime's startup CPU limit (${ms(RUNTIME_STARTUP_LIMIT_MS)}). Move heavy imports into the handler.`,
        }
      : {}),
  };
}

/**
 * A stopwatch of the calling thread's CPU time, or undefined where Node lacks
 * `process.threadCpuUsage` (before 23.9). Call it inside the worker thread that runs Pyodide.
 */
export function threadCpuClock(): (() => number) | undefined {
  const usage = (process as unknown as { threadCpuUsage?: (prev?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage;
  if (typeof usage !== "function") return undefined;
  const start = usage.call(process);
  return () => {
    const d = usage.call(process, start);
    return (d.user + d.system) / 1000;
  };
}
