import { AsyncLocalStorage } from "node:async_hooks";
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { StageFailure } from "../errors.js";

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
  /**
   * Give `input` to the command through an OS pipe (`cat | command`), not Node's socket pair, so
   * the command can open it by name (`/dev/stdin`). Unix only.
   */
  inputThroughPipe?: boolean;
  /** Stop the command (its whole process group) after this long; the stage's deadline applies too. */
  timeoutMs?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  millis: number;
}

/** A command stopped for taking too long: names the stage, the command and the limit. */
export class TimeoutFailure extends StageFailure {
  constructor(message: string) {
    super(message);
    this.name = "TimeoutFailure";
  }
}

/** The time limit of the stage running now (set by the pipeline), seen by every `run` inside it. */
interface Deadline {
  stage: string;
  input: string;
  at: number;
  ms: number;
}
const deadlines = new AsyncLocalStorage<Deadline>();

/** Run `work` with a deadline: every command it starts is stopped once `ms` have passed. */
export function withDeadline<T>(stage: string, input: string, ms: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run({ stage, input, ms, at: performance.now() + ms }, work);
}

/** How long SIGTERM has before SIGKILL follows. */
export const KILL_GRACE_MS = 3000;

/** Every child still running, each the leader of its own process group. */
const live = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to a child's process group, SIGKILL after the grace period if it is still there. */
function stopTree(child: ChildProcess, graceMs = KILL_GRACE_MS): void {
  signalGroup(child, "SIGTERM");
  const t = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  t.unref();
  child.once("exit", () => {
    // the leader exited; SIGKILL whatever it left in the group, then stop waiting
    signalGroup(child, "SIGKILL");
    clearTimeout(t);
  });
}

/**
 * Stop every running child's process tree (cancellation): SIGTERM to each group, SIGKILL to what
 * is left after `graceMs`. Resolves once they are gone (or killed); returns how many there were.
 */
export async function stopAllChildren(graceMs = KILL_GRACE_MS): Promise<number> {
  const all = [...live];
  for (const c of all) signalGroup(c, "SIGTERM");
  const until = performance.now() + graceMs;
  while (live.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  for (const c of all) signalGroup(c, "SIGKILL");
  return all.length;
}

/** An argument escaped like core.toCommandValue, so nothing in it can start a log line. Pure. */
const escapeArg = (a: string) => a.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** The `[command]` log line. Pure. */
export function commandLine(command: string, args: string[]): string {
  return [command, ...args].map(escapeArg).join(" ");
}

/** The token that ends a `::stop-commands::` block around a tool's line; one per process. */
const STOP_TOKEN = randomUUID().replace(/-/g, "");

/**
 * A tool's output line as it goes to the log: one that could be read as a workflow command
 * (`::…`) is wrapped in a stop-commands block, in one write. Pure.
 */
export function neutraliseLine(line: string, token = STOP_TOKEN): string {
  return line.trimStart().startsWith("::") ? `::stop-commands::${token}\n${line}\n::${token}::\n` : `${line}\n`;
}

/** Forward a stream to the log line by line (neutralised); returns a flush for the last partial line. */
function forward(out: NodeJS.WriteStream): { write: (d: Buffer) => void; flush: () => void } {
  let partial = "";
  return {
    write(d) {
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop() ?? "";
      if (lines.length) out.write(lines.map((l) => neutraliseLine(l)).join(""));
    },
    flush() {
      if (partial) out.write(neutraliseLine(partial));
      partial = "";
    },
  };
}

/** `1m 30s`-style seconds for messages. Pure. */
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Run a command in its own process group; never throws on a non-zero exit (callers decide), only
 * when it cannot start, or when it outlives its time limit (then the whole tree is stopped and a
 * TimeoutFailure names the stage, the command and the limit).
 */
export async function run(command: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const deadline = deadlines.getStore();
  const limits: Array<{ ms: number; why: string }> = [];
  if (opts.timeoutMs !== undefined) limits.push({ ms: opts.timeoutMs, why: `${seconds(opts.timeoutMs)}, its limit` });
  if (deadline) limits.push({ ms: Math.max(0, deadline.at - started), why: `${seconds(deadline.ms)}, the ${deadline.stage} stage's limit (${deadline.input})` });
  const limit = limits.sort((a, b) => a.ms - b.ms)[0];
  const shown = commandLine(command, args);
  if (!opts.silent) process.stdout.write(`[command]${shown}\n`);
  try {
    const [file, argv] = opts.input && opts.inputThroughPipe ? ["/bin/sh", ["-c", 'cat | exec "$0" "$@"', command, ...args]] : [command, args];
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: [opts.input ? "pipe" : "ignore", "pipe", "pipe"] });
    live.add(child);
    let stdout = "";
    let stderr = "";
    const toLog = { out: forward(process.stdout), err: forward(process.stderr) };
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!opts.silent) toLog.out.write(d);
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!opts.silent) toLog.err.write(d);
    });
    if (opts.input && child.stdin) {
      child.stdin.on("error", () => undefined); // a child that exits without reading its input
      child.stdin.end(opts.input);
    }
    let timedOut = false;
    const timer = limit
      ? setTimeout(() => {
          timedOut = true;
          stopTree(child);
        }, limit.ms)
      : undefined;
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    }).finally(() => {
      clearTimeout(timer);
      live.delete(child);
      toLog.out.flush();
      toLog.err.flush();
    });
    if (timedOut && limit) {
      throw new TimeoutFailure(`\`${shown.slice(0, 120)}\` timed out after ${limit.why}; it had run ${seconds(performance.now() - started)} and was stopped with its child processes.`);
    }
    return { exitCode, stdout, stderr, millis: performance.now() - started };
  } finally {
    intervals.tools.push([started, performance.now()]);
  }
}
