import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);

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
import path2 from "node:path";

// src/snapshot/rules.ts
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
var RULES = ["entropy", "io", "import", "native-extension", "js-global", "handler", "rng-state", "size"];
var RUNTIME_TEXT = {
  jsGlobal: "Can't serialize top-level variable. Please review any global variables you or your imported modules create at the top-level of your code, and consider deleting them.",
  io: "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/",
  noHandler: (main, handler) => `Python entrypoint "${main}" does not export a handler named "${handler}"`
};
var MAGIC = [
  ["ELF (Linux)", Buffer.from([127, 69, 76, 70])],
  ["Mach-O (macOS)", Buffer.from([207, 250, 237, 254])],
  ["Mach-O (macOS)", Buffer.from([206, 250, 237, 254])],
  ["Mach-O universal (macOS)", Buffer.from([202, 254, 186, 190])],
  ["PE (Windows)", Buffer.from([77, 90])]
];
var WASM = Buffer.from([0, 97, 115, 109]);
function nativeKind(head) {
  if (head.subarray(0, 4).equals(WASM)) return void 0;
  return MAGIC.find(([, m]) => head.subarray(0, m.length).equals(m))?.[0];
}
function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}
function scanNativeExtensions(projectRoot) {
  const out = [];
  for (const file of walk(path.join(projectRoot, "python_modules"))) {
    if (!/\.(so|pyd|dylib)(\.\d+)*$/.test(file)) continue;
    const fd = fs.openSync(file, "r");
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    const kind = nativeKind(head);
    if (!kind) continue;
    const rel = path.relative(projectRoot, file).split(path.sep).join("/");
    out.push({
      rule: "native-extension",
      file: rel,
      line: 1,
      message: `ImportError: could not load dynamic lib: ${path.basename(file)} is a ${kind} library built for the host, not for wasm32-emscripten (need to see wasm magic number). Remove it from python_modules and let pywrangler sync vendor the Pyodide build.`
    });
  }
  return out;
}
var MODULE_RULES = [/\.py$/, /\.txt$/, /\.html$/, /\.sql$/, /\.bin$/, /\.wasm$/, /\.mjs$/, /\.js$/, /\.cjs$/];
function measureBundle(projectRoot, main, exclude = ["**/*.pyc"]) {
  const moduleRoot = path.dirname(path.resolve(projectRoot, main));
  const vendor = path.join(projectRoot, "python_modules");
  const files = walk(moduleRoot).filter((f) => !f.includes(`${path.sep}.wrangler${path.sep}`) && !f.startsWith(vendor + path.sep) && MODULE_RULES.some((r) => r.test(f)));
  const excluded = exclude.map(globToRegExp);
  files.push(...walk(vendor).filter((f) => !excluded.some((r) => r.test(path.relative(vendor, f).split(path.sep).join("/")))));
  const buffers = files.map((f) => fs.readFileSync(f));
  const all = Buffer.concat(buffers);
  return { raw: all.length, gzip: zlib.gzipSync(all).length, files: files.length };
}
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      const prev = glob[i - 1];
      let stars = 1;
      while (glob[i + 1] === "*") {
        stars++;
        i++;
      }
      const next = glob[i + 1];
      if (stars > 1 && (prev === "/" || prev === void 0) && (next === "/" || next === void 0)) {
        re += "((?:[^/]*(?:/|$))*)";
        i++;
      } else re += "([^/]*)";
    } else if ("/$^+.()=!|?[]{},\\".includes(c)) re += `\\${c}`;
    else re += c;
  }
  return new RegExp(`^${re}$`);
}

// src/snapshot/report.ts
var SESSION_ROOT = "/session/metadata";
function projectPath(pyPath, moduleRootRel) {
  if (!pyPath?.startsWith(`${SESSION_ROOT}/`)) return null;
  const rest = pyPath.slice(SESSION_ROOT.length + 1);
  if (rest.startsWith("python_modules/")) return rest;
  return path2.posix.join(moduleRootRel || ".", rest);
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
  RUNTIME_TEXT,
  scanNativeExtensions,
  measureBundle,
  SESSION_ROOT,
  projectPath,
  mapViolations,
  jsGlobalViolations,
  renderSnapshotSection
};
