// Bundle src/ into dist/index.js (ESM, Node 24) — the file action.yml runs. Deterministic, so the
// committed dist/ can be compared with a fresh build.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import YAML from "yaml";

// action.yml is the one place inputs, defaults and outputs are written: it is parsed here, at bundle
// time, and reaches the code as JSON (src/metadata.ts).
const yamlAsJson = {
  name: "yaml-as-json",
  setup(b) {
    b.onLoad({ filter: /\.ya?ml$/ }, (args) => ({ contents: JSON.stringify(YAML.parse(fs.readFileSync(args.path, "utf8"))), loader: "json" }));
  },
};

// @actions/core reaches undici (~770 KB) only through its OIDC client (getIDToken, which the Action
// never calls): that import becomes a forwarder loading the real module on first use, so the first
// log line does not wait for undici to be parsed.
const lazyOidc = {
  name: "lazy-oidc",
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /@actions[\\/]core[\\/]lib$/.test(args.resolveDir) && args.pluginData !== "real" ? { path: path.join(args.resolveDir, "oidc-utils.js"), namespace: "lazy-oidc" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-oidc" }, (args) => ({
      contents: `export class OidcClient { static async getIDToken(aud) { const m = await import(${JSON.stringify(args.path)}); return m.OidcClient.getIDToken(aud); } }`,
      loader: "js",
      resolveDir: path.dirname(args.path),
    }));
  },
};

// dist/index.js is the Action; dist/snapshot-worker.js the snapshot check's worker thread;
// dist/pyodide-test-worker.js runs pytest inside Pyodide (src/testing/pyodide/).
const outdir = process.argv[2] ?? "dist";
// index.js loads the stages as chunks after its first log line (src/main.ts): a fresh build leaves
// no chunk of an older one behind.
if (fs.existsSync(outdir)) for (const f of fs.readdirSync(outdir)) if (f.startsWith("chunk-")) fs.rmSync(path.join(outdir, f));
await build({
  entryPoints: { index: "src/index.ts", "snapshot-worker": "src/snapshot/worker.ts", "pyodide-test-worker": "src/testing/pyodide/worker.ts" },
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  outdir,
  splitting: true,
  chunkNames: "chunk-[hash]",
  // The Python harness runs inside Pyodide; it is bundled as text.
  loader: { ".py": "text" },
  legalComments: "none",
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build is fine.
  mainFields: ["module", "main"],
  logLevel: "warning",
  plugins: [yamlAsJson, lazyOidc],
  // CommonJS dependencies call require() for Node built-ins.
  banner: { js: 'import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);' },
});
console.log(`bundled ${path.relative(process.cwd(), outdir) || "."}/{index,snapshot-worker,pyodide-test-worker}.js and their chunks`);
