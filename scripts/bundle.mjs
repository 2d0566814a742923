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

// dist/index.js is the Action; dist/snapshot-worker.js the snapshot check's worker thread;
// dist/pyodide-test-worker.js runs pytest inside Pyodide (src/testing/pyodide/).
const outdir = process.argv[2] ?? "dist";
await build({
  entryPoints: { index: "src/index.ts", "snapshot-worker": "src/snapshot/worker.ts", "pyodide-test-worker": "src/testing/pyodide/worker.ts" },
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  outdir,
  // The Python harness runs inside Pyodide; it is bundled as text.
  loader: { ".py": "text" },
  legalComments: "none",
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build is fine.
  mainFields: ["module", "main"],
  logLevel: "warning",
  plugins: [yamlAsJson],
  // CommonJS dependencies call require() for Node built-ins.
  banner: { js: 'import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);' },
});
console.log(`bundled ${path.relative(process.cwd(), outdir) || "."}/{index,snapshot-worker,pyodide-test-worker}.js`);
