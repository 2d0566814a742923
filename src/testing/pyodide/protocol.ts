/** What the Action sends the Pyodide test worker thread (dist/pyodide-test-worker.js). */
export interface PyodideTestInput {
  pyodideDir: string;
  /** The project (pyproject.toml, tests/, …): copied to PROJECT_DIR, pytest's working directory. */
  projectRoot: string;
  /** Folder of the main module: copied to /session/metadata, as the runtime uploads it. */
  moduleRoot: string;
  /** The project's python_modules/: copied to /session/metadata/python_modules. */
  vendorDir: string;
  /** The test dependencies (pytest & co.), never uploaded: mounted read-only at DEPS_DIR. */
  depsDir: string;
  /** Byte-compile depsDir first (a fresh install); later runs import the cached .pyc files. */
  compileDeps: boolean;
  flags: string[];
  /** `env` for the Worker: wrangler's [vars] plus placeholder values for secrets. */
  env: Record<string, unknown>;
  /** Host path the JUnit XML is written to. */
  junitFile: string;
  /** Extra pytest arguments. */
  pytestArgs: string[];
  /**
   * This runner's own baseline memory snapshot of a fresh Pyodide: restored instead of booting when
   * present, written after booting when not. Not the snapshot check's file: a snapshot must keep
   * JSPI (stack switching) working, which async tests need, and that file is not guaranteed to.
   */
  baselineFile?: string;
  /** A SharedArrayBuffer the worker writes the running test's node id to (UTF-8, length-prefixed). */
  current: SharedArrayBuffer;
}

export interface PyodideTestOutcome {
  exitCode: number;
  loadMs: number;
  runMs: number;
  /** CPU time of the worker thread loading Pyodide, and running pytest (copying the project included). */
  loadCpuMs: number;
  runCpuMs: number;
  baseline: "loaded" | "made" | "none";
  log: string;
}

export const PROJECT_DIR = "/session/project";
export const MODULE_DIR = "/session/metadata";
export const DEPS_DIR = "/pwa/test-deps";
export const JUNIT_DIR = "/pwa/junit";

/** Write a node id into the shared buffer: 4-byte length, then UTF-8. */
export function writeCurrent(buf: SharedArrayBuffer, nodeid: string): void {
  const bytes = new TextEncoder().encode(nodeid).subarray(0, buf.byteLength - 4);
  new Uint8Array(buf, 4).set(bytes);
  new Int32Array(buf, 0, 1)[0] = bytes.length;
}

/** The node id last written with writeCurrent ("" between tests). */
export function readCurrent(buf: SharedArrayBuffer): string {
  const n = new Int32Array(buf, 0, 1)[0];
  return new TextDecoder().decode(new Uint8Array(buf, 4, n).slice());
}
