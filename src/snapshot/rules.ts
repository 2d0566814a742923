import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const RULES = ["entropy", "io", "import", "native-extension", "js-global", "handler", "rng-state", "size"] as const;
export type Rule = (typeof RULES)[number];

export interface Violation {
  rule: Rule;
  /** Relative to working-directory. */
  file: string;
  line: number;
  message: string;
}

/** The runtime's texts (workerd, snapshot.ts and worker-modules), quoted in the messages. */
export const RUNTIME_TEXT = {
  jsGlobal: "Can't serialize top-level variable. Please review any global variables you or your imported modules create at the top-level of your code, and consider deleting them.",
  io: "Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/",
  noHandler: (main: string, handler: string) => `Python entrypoint "${main}" does not export a handler named "${handler}"`,
};

const MAGIC: Array<[string, Buffer]> = [
  ["ELF (Linux)", Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  ["Mach-O (macOS)", Buffer.from([0xcf, 0xfa, 0xed, 0xfe])],
  ["Mach-O (macOS)", Buffer.from([0xce, 0xfa, 0xed, 0xfe])],
  ["Mach-O universal (macOS)", Buffer.from([0xca, 0xfe, 0xba, 0xbe])],
  ["PE (Windows)", Buffer.from([0x4d, 0x5a])],
];
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** What kind of native library a file's first bytes say it is; undefined for wasm or unknown. Pure. */
export function nativeKind(head: Buffer): string | undefined {
  if (head.subarray(0, 4).equals(WASM)) return undefined;
  return MAGIC.find(([, m]) => head.subarray(0, m.length).equals(m))?.[0];
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Compiled extensions in python_modules/ that are not wasm32-emscripten builds. */
export function scanNativeExtensions(projectRoot: string): Violation[] {
  const out: Violation[] = [];
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
      message: `ImportError: could not load dynamic lib: ${path.basename(file)} is a ${kind} library built for the host, not for wasm32-emscripten (need to see wasm magic number). Remove it from python_modules and let pywrangler sync vendor the Pyodide build.`,
    });
  }
  return out;
}

/** wrangler's module rules for a Python Worker's module root (default rules plus PythonModule). */
const MODULE_RULES = [/\.py$/, /\.txt$/, /\.html$/, /\.sql$/, /\.bin$/, /\.wasm$/, /\.mjs$/, /\.js$/, /\.cjs$/];

/**
 * The upload as wrangler measures it (`Total Upload`): every module under the main module's folder
 * that a rule matches, plus every file in python_modules/ not matched by `python_modules.exclude`
 * (default: every .pyc file; wrangler tests each glob against the path inside python_modules/);
 * `.wrangler/` skipped.
 * gzip is of the concatenation, as wrangler computes it.
 */
export function measureBundle(projectRoot: string, main: string, exclude: readonly string[] = ["**/*.pyc"]): { raw: number; gzip: number; files: number } {
  const moduleRoot = path.dirname(path.resolve(projectRoot, main));
  const vendor = path.join(projectRoot, "python_modules");
  const files = walk(moduleRoot).filter((f) => !f.includes(`${path.sep}.wrangler${path.sep}`) && !f.startsWith(vendor + path.sep) && MODULE_RULES.some((r) => r.test(f)));
  const excluded = exclude.map(globToRegExp);
  files.push(...walk(vendor).filter((f) => !excluded.some((r) => r.test(path.relative(vendor, f).split(path.sep).join("/")))));
  const buffers = files.map((f) => fs.readFileSync(f));
  const all = Buffer.concat(buffers);
  return { raw: all.length, gzip: zlib.gzipSync(all).length, files: files.length };
}

/**
 * A glob as wrangler matches `python_modules.exclude` (glob-to-regexp with globstar, not
 * extended): `**` as a whole path segment spans folders, `*` stays within one, the rest is
 * literal; anchored at both ends. Pure.
 */
export function globToRegExp(glob: string): RegExp {
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
      if (stars > 1 && (prev === "/" || prev === undefined) && (next === "/" || next === undefined)) {
        re += "((?:[^/]*(?:/|$))*)";
        i++;
      } else re += "([^/]*)";
    } else if ("/$^+.()=!|?[]{},\\".includes(c)) re += `\\${c}`;
    else re += c;
  }
  return new RegExp(`^${re}$`);
}
