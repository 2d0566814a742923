import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);

// src/util/output.ts
import { stripVTControlCharacters } from "node:util";
function lastErrorLine(output) {
  const lines = stripVTControlCharacters(output).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const marked = lines.filter((l) => /^(ERROR|✘ \[ERROR\]|X \[ERROR\]|error:)/i.test(l));
  return (marked[marked.length - 1] ?? lines[lines.length - 1])?.replace(/^(✘|X) \[ERROR\]\s*/, "");
}
function errorTail(e) {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n").slice(-20).join("\n").slice(-4e3);
}

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

export {
  lastErrorLine,
  errorTail,
  RULES,
  RUNTIME_TEXT,
  scanNativeExtensions,
  measureBundle
};
