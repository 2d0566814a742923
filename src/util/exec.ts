import * as exec from "@actions/exec";

/** Wall time spent waiting on child processes, for the overhead figure in the log. */
let childMillis = 0;
export const childProcessMillis = (): number => childMillis;
/** Count time spent in a tool that runs in-process (Pyodide in a worker thread) as tool time. */
export const addToolMillis = (ms: number): void => {
  childMillis += ms;
};

/** Wall time the run waited on the cache service (restore, save: transfer and tar). */
let cacheMillis = 0;
export const cacheServiceMillis = (): number => cacheMillis;
export async function timedCache<T>(work: Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work;
  } finally {
    cacheMillis += performance.now() - started;
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
    childMillis += performance.now() - started;
  }
}

/** Drop undefined values so the object can be handed to a child process. */
export function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
