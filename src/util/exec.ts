import * as exec from "@actions/exec";

/**
 * Time spent in tools (child processes, Pyodide's worker thread) and on the cache service, as
 * intervals: several can run at once (wrangler's set-up overlaps lint and tests), so the Action's
 * own overhead is the wall time covered by none of them.
 */
type Interval = [start: number, end: number];
const intervals: Record<"tools" | "cache", Interval[]> = { tools: [], cache: [] };

/** Length of the union of intervals. Pure. */
export function coveredMillis(list: Interval[]): number {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: Interval | undefined;
  for (const [s, e] of sorted) {
    if (!cur || s > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [s, e];
    } else cur[1] = Math.max(cur[1], e);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

export const timing = {
  tools: () => coveredMillis(intervals.tools),
  cache: () => coveredMillis(intervals.cache),
  /** Wall time covered by any tool or cache activity. */
  busy: () => coveredMillis([...intervals.tools, ...intervals.cache]),
};
/** Count an in-process tool's time (Pyodide in a worker thread) from `started` until now. */
export const addToolMillis = (started: number): void => {
  intervals.tools.push([started, performance.now()]);
};

/** Count the wall time of a cache service call (restore, save: transfer, tar, zstd). */
export async function timedCache<T>(work: Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work;
  } finally {
    intervals.cache.push([started, performance.now()]);
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Do not echo output to the log (it is still returned). */
  silent?: boolean;
  input?: Buffer;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  millis: number;
}

/** Run a command; never throws on a non-zero exit (callers decide), only when it cannot start. */
export async function run(command: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  try {
    const out = await exec.getExecOutput(command, args, {
      cwd: opts.cwd,
      env: opts.env as Record<string, string> | undefined,
      silent: opts.silent,
      input: opts.input,
      ignoreReturnCode: true,
    });
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr, millis: performance.now() - started };
  } finally {
    intervals.tools.push([started, performance.now()]);
  }
}
