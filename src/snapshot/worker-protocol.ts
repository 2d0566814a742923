/** What the Action sends the snapshot's Pyodide process (dist/snapshot-worker.js). */
export interface WorkerInput {
  pyodideDir: string;
  /** Folder of the main module (uploaded as the module root). */
  moduleRoot: string;
  /** The project's python_modules/. */
  vendorDir: string;
  entryName: string;
  flags: string[];
  /** Modules the runtime provides that the npm package leaves out (ssl, sqlite3, lzma, …). */
  runtimeModules: string[];
  /** The runtime's Python-layer settings, resolved from the date and flags (see harness.run). */
  harness: HarnessConfig;
  /** `env` as top-level code sees it: vars, binding stand-ins and secret placeholders. */
  env: Record<string, unknown>;
  /** Take a memory snapshot to find unserializable JS globals (Pyodide ≥ 0.27). */
  snapshot: boolean;
  /**
   * A baseline memory snapshot of a freshly loaded Pyodide (kept beside it in the tool cache):
   * loaded instead of booting when present, written after booting when not.
   */
  baselineFile?: string;
}

export interface HarnessConfig {
  runtime_version: string;
  legacy_vendor_path: boolean;
  process_pth_files: boolean;
  check_rng_state: boolean;
  dedicated_snapshot: boolean;
  standins: string[];
}

export interface RawViolation {
  rule: string;
  /** A path inside Pyodide's file system (/session/metadata/…), or null. */
  path: string | null;
  line: number | null;
  message: string;
  stack: string;
}

export interface WorkerResult {
  imported: boolean;
  importMs: number;
  /** CPU time of the worker thread during the import (process.threadCpuUsage), when measurable. */
  importCpuMs?: number;
  loadMs: number;
  /** CPU (user + system) of the Pyodide process up to the result, in ms. */
  cpuMs: number;
  baseline: "loaded" | "made" | "none";
  files: number;
  traceback: string;
  violations: RawViolation[];
  /** Errors the Worker caught, and approximations (rule caught-entropy, caught-io, approximate). */
  notices: RawViolation[];
  /** "random seed in bad state" when the after-snapshot check failed, else null. */
  rng: string | null;
  /** Date.now() reads during the import (the runtime answers 0 outside a request). */
  clockReads: number;
  sysPath: string[];
  handlers: HandlerInfo | null;
  modules: string[];
  jsGlobals: Array<{ path: string | null; line: number | null; label: string | null; description: string }>;
  log: string;
}

export interface HandlerInfo {
  /** Exported entrypoint classes: class name, kind and the name they are exported under. */
  classes: Array<{ name: string; kind: "WorkerEntrypoint" | "DurableObject" | "WorkflowEntrypoint"; binding: string }>;
  /** Callable top-level on_fetch, on_scheduled, … */
  functions: string[];
  lines: Record<string, number>;
}
