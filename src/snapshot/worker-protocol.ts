/** What the Action sends the snapshot worker thread. */
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
  /** Take a memory snapshot to find unserializable JS globals (Pyodide ≥ 0.27). */
  snapshot: boolean;
  /**
   * A baseline memory snapshot of a freshly loaded Pyodide (kept beside it in the tool cache):
   * loaded instead of booting when present, written after booting when not.
   */
  baselineFile?: string;
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
  loadMs: number;
  baseline: "loaded" | "made" | "none";
  files: number;
  traceback: string;
  violations: RawViolation[];
  handlers: { classes: string[]; functions: string[]; lines: Record<string, number> } | null;
  modules: string[];
  jsGlobals: Array<{ path: string | null; line: number | null; label: string | null; description: string }>;
  log: string;
}
