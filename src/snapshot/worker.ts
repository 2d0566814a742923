// Runs in a child process (dist/snapshot-worker.js, forked by stages/snapshot.ts): loads Pyodide,
// lays the Worker out as the runtime does (module root at /session/metadata, python_modules beside
// it), installs the runtime's top-level restrictions and imports the entry module at once. A
// separate process keeps the Action's own globals untouched, lets a hanging import be stopped and
// takes V8 flags (--liftoff-only: V8 flags are per process and frozen once V8 has started).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { threadCpuClock } from "../report/import-time.js";
import { errorTail } from "../util/output.js";
import harness from "./harness.py";
import { cloudflareModule } from "./js-modules.js";
import { SESSION_ROOT } from "./report.js";
import { blockedIo, installTopLevelRestrictions, plainGlobals, workersGlobals } from "./top-level-js.js";
import { moduleRootSkip, treeFiles, vendorSkip } from "./tree.js";
import type { WorkerInput, WorkerResult } from "./worker-protocol.js";

const input = await new Promise<WorkerInput>((resolve) => process.once("message", (m) => resolve(m as WorkerInput)));
const post = (m: unknown) => process.send?.(m);
const log: string[] = [];

/** Copy the tree's files (tree.ts decides which) into Pyodide's file system; returns how many. */
function copyTree(py: any, src: string, dst: string, skip: (p: string) => boolean): number {
  const files = treeFiles(src, skip);
  for (const [rel, abs] of files) {
    const to = `${dst}/${rel}`;
    py.FS.mkdirTree(to.slice(0, to.lastIndexOf("/")));
    py.FS.writeFile(to, fs.readFileSync(abs));
  }
  py.FS.mkdirTree(dst);
  return files.length;
}

async function main(): Promise<WorkerResult> {
  plainGlobals();
  workersGlobals();
  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(input.pyodideDir, "pyodide.mjs")).href);
  const options = {
    indexURL: input.pyodideDir + path.sep,
    _makeSnapshot: input.snapshot,
    // PYTHONHASHSEED as the runtime sets it (internal/pool/emscriptenSetup.ts:174-178).
    env: { PYTHONDONTWRITEBYTECODE: "1", HOME: "/session", PYTHONHASHSEED: "111" },
    stdout: (s: string) => log.push(s),
    stderr: (s: string) => log.push(s),
  };
  // Booting Pyodide takes ~1.5 s; restoring a baseline memory snapshot of it ~0.2 s.
  let baseline: WorkerResult["baseline"] = "none";
  let py: any;
  if (input.snapshot && input.baselineFile && fs.existsSync(input.baselineFile)) {
    try {
      py = await loadPyodide({ ...options, _loadSnapshot: fs.readFileSync(input.baselineFile) });
      baseline = "loaded";
    } catch (err) {
      log.push(`(the baseline snapshot could not be loaded and is rebuilt: ${String(err).slice(0, 200)})`);
      fs.rmSync(input.baselineFile, { force: true });
    }
  }
  if (!py) {
    py = await loadPyodide(options);
    if (input.snapshot && input.baselineFile) {
      try {
        const tmp = `${input.baselineFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, py.makeMemorySnapshot());
        fs.renameSync(tmp, input.baselineFile);
        baseline = "made";
      } catch (err) {
        log.push(`(no baseline snapshot: ${String(err).slice(0, 200)})`);
      }
    }
  }
  const loadMs = performance.now() - started;

  // The two JS modules the runtime injects for the workers SDK.
  const flags = new Set(input.flags);
  const compatFlags = new Proxy({}, { get: (_t, k) => (typeof k === "string" ? flags.has(k) : undefined), has: () => true });
  let recordFromJs: ((rule: string, message: string) => boolean) | undefined;
  const record = (rule: string, message: string) => recordFromJs?.(rule, message) ?? false;
  // `env` at the top level: [vars] and binding stand-ins from wrangler's config (secrets as
  // placeholders), reached through cloudflare:workers as the SDK does (workers/__init__.py).
  const env = input.env;
  const workersModule = cloudflareModule("cloudflare:workers", {
    WorkerEntrypoint: class WorkerEntrypoint {},
    DurableObject: class DurableObject {},
    WorkflowEntrypoint: class WorkflowEntrypoint {},
    env,
  }) as Record<string, unknown>;
  const sockets = cloudflareModule("cloudflare:sockets", { connect: blockedIo(record, "connect()") }) as Record<string, unknown>;
  const imported = new Map<string, Record<string, unknown>>([
    ["cloudflare:workers", workersModule],
    ["cloudflare:sockets", sockets],
  ]);
  const helper = {
    cloudflareWorkersModule: workersModule,
    cloudflareSocketsModule: sockets,
    // Other JS modules at the top level: a marker the harness's run_sync stand-in unwraps (a
    // returned Promise would reach Python as a future, without the module). The runtime's
    // built-in cloudflare:* modules get their export names (js-modules.ts); anything else an
    // empty stand-in (reported as approximate by the harness).
    doAnImport: (name: string) => {
      let mod = imported.get(name);
      if (!mod) {
        mod = cloudflareModule(name) ?? {};
        imported.set(name, mod);
        for (const v of reachable(mod)) serializable.add(v);
      }
      const marker = { pwaModule: mod };
      serializable.add(marker);
      return marker;
    },
    patchWaitUntil: () => undefined,
    patch_env_helper: () => undefined,
  };
  py.registerJsModule("_cloudflare_compat_flags", compatFlags);
  py.registerJsModule("_pyodide_entrypoint_helper", helper);
  const serializable = new Set<unknown>([compatFlags, helper, ...reachable(workersModule), ...reachable(sockets), ...Object.values(helper), ...reachable(env)]);

  const copied =
    copyTree(py, input.moduleRoot, SESSION_ROOT, moduleRootSkip(input.vendorDir)) + (fs.existsSync(input.vendorDir) ? copyTree(py, input.vendorDir, `${SESSION_ROOT}/python_modules`, vendorSkip) : 0);
  py.FS.mkdirTree("/pwa");
  py.FS.writeFile("/pwa/harness.py", harness);
  py.runPython("import sys; sys.path.insert(0, '/pwa'); import harness; sys.path.remove('/pwa')");
  const h = py.pyimport("harness");
  recordFromJs = (rule, message) => h.record_from_js(rule, message);

  // Loaded: the import starts at once, while lint and tests run; the stage collects the result.
  post({ ready: true });

  // The runtime's restrictions on JS calls at the top level (top-level-js.ts).
  let located = true;
  const restrictions = installTopLevelRestrictions({
    record,
    // Python holds the GIL through time.time()/datetime.now(): ask it where the call came from.
    clock: () => {
      if (!located) return;
      try {
        h.record_clock();
      } catch {
        located = false;
      }
    },
    module: py._module,
    budgetAddr: Number(h.bad_entropy_flag_addr()),
  });
  let clockReads = 0;
  let outcome: any;
  let importMs = 0;
  let importCpuMs: number | undefined;
  try {
    const cfg = py.toPy(input.harness);
    const t0 = performance.now();
    const cpu = threadCpuClock();
    try {
      outcome = h.run(input.entryName, cfg).toJs({ dict_converter: Object.fromEntries });
    } finally {
      importMs = performance.now() - t0;
      importCpuMs = cpu?.();
      cfg.destroy();
    }
  } finally {
    clockReads = restrictions.restore();
  }

  // Objects the snapshot cannot serialize: Pyodide hands every JS object Python holds that is not
  // reachable from globalThis to the serializer, as the runtime's snapshot does.
  const jsGlobals: WorkerResult["jsGlobals"] = [];
  if (input.snapshot && outcome.imported) {
    const candidates = h.js_global_candidates().toJs({ depth: 2 }) as Array<[string, number, string, unknown]>;
    const unserializable: unknown[] = [];
    py.makeMemorySnapshot({
      serializer: (obj: unknown) => {
        if (!serializable.has(obj)) unserializable.push(obj);
        return { pwa: true };
      },
    });
    for (const obj of unserializable) {
      const c = candidates.find((x) => x[3] === obj);
      const description = describe(obj);
      jsGlobals.push(c ? { path: c[0], line: c[1], label: c[2], description } : { path: null, line: null, label: null, description });
    }
  }
  return {
    imported: outcome.imported,
    importMs,
    importCpuMs,
    loadMs,
    cpuMs: (() => {
      const c = process.cpuUsage();
      return Math.round((c.user + c.system) / 1000);
    })(),
    baseline,
    files: copied,
    traceback: outcome.traceback,
    violations: outcome.violations,
    notices: outcome.notices,
    rng: outcome.rng ?? null,
    clockReads,
    sysPath: outcome.sys_path,
    handlers: outcome.handlers ?? null,
    modules: outcome.modules,
    jsGlobals,
    log: log.join("\n"),
  };
}

/** A value and every object inside it (env stand-ins are reachable from cloudflare:workers). */
function reachable(value: unknown, out: unknown[] = []): unknown[] {
  if (value && (typeof value === "object" || typeof value === "function") && !out.includes(value)) {
    out.push(value);
    for (const v of Object.values(value)) reachable(v, out);
  }
  return out;
}

function describe(obj: unknown): string {
  try {
    const tag = Object.prototype.toString.call(obj);
    const ctor = (obj as any)?.constructor?.name;
    const text = typeof obj === "function" ? String(obj).slice(0, 60) : tag;
    return ctor && !text.includes(ctor) ? `${text} (${ctor})` : text;
  } catch {
    return "a JavaScript object";
  }
}

main().then(
  (r) => post({ done: true, ok: true, result: r }),
  (e) =>
    post({
      done: true,
      ok: false,
      error: errorTail(e),
      log: log.join("\n"),
    }),
);
