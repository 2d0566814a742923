// Regenerates README.md in this folder from the fixtures' expect.json: `node __tests__/fidelity/readme.mjs`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const names = fs
  .readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(here, d.name, "expect.json")))
  .map((d) => d.name)
  .sort();
const kind = (n) => (n.startsWith("wd-") ? "workerd test mirror" : n.startsWith("public-") ? "public Worker (own reproduction)" : "runtime-source edge case");
const cell = (s) => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
const rows = names.map((n) => {
  const e = JSON.parse(fs.readFileSync(path.join(here, n, "expect.json"), "utf8"));
  const v = e.violation;
  const at = v ? `\`${v.rule}\` at \`${v.file}${v.line === null ? "" : `:${v.line}`}\`` : "";
  const notices = (e.notices ?? []).map((x) => `${x.rule}@${x.line}`).join(", ");
  return `| \`${n}\` | ${kind(n)} | ${e.verdict} | ${at} | ${cell(notices)} | ${cell(e.why)} | ${cell(e.evidence)} |`;
});
const count = (f) => names.filter(f).length;
const verdicts = names.map((n) => JSON.parse(fs.readFileSync(path.join(here, n, "expect.json"), "utf8")).verdict);
const text = `# Snapshot check fidelity corpus

Each folder is a Python Worker with an \`expect.json\` stating what the Workers runtime does with it when
Cloudflare imports it for the deploy-time memory snapshot (workerd Release 2026-08-22), and the workerd
file:line or test that shows it. \`__tests__/e2e/fidelity.test.ts\` runs the Action (\`mode: check\`) on
every folder, in the synced state (PyPI wheels in \`python_modules/\`, plus the fixture's \`_vendored/\`
files copied there), and asserts the verdict, the first violation's rule, file, line and message, and
the listed notices.

Rules for changing this corpus: an expected verdict changes only with new evidence from the runtime's
source or tests (say which in the commit), never to match the check. A violation with \`line: null\` is
one the runtime reports without a source line (rng-state, js-global): only its rule and file are asserted.

${names.length} fixtures: ${count((n) => n.startsWith("wd-"))} workerd test mirrors, ${count((n) => !n.startsWith("wd-") && !n.startsWith("public-"))} runtime-source edge cases, ${count((n) => n.startsWith("public-"))} public Workers; ${verdicts.filter((v) => v === "accept").length} accept, ${verdicts.filter((v) => v === "reject").length} reject.

The \`public-*\` fixtures are our own minimal reproductions of public Python Workers (cloudflare/python-workers-examples
and the django-cf D1 template in cloudflare/workers-py), not copies: each keeps what decides the snapshot verdict (the
dependencies, wrangler compatibility date, flags, bindings, \`main\` and \`python_modules.exclude\`, the same top-level
imports of third-party packages and of the runtime, the same kinds of top-level constructs and the same handler classes)
and drops everything else (assets, templates, prose, migrations). \`reproduces\` in their expect.json names the
repository, path and commit, and \`evidence\` lists what was kept. When they replaced the copies (2026-11-29, dist at
c0a5746), each reproduction and its original were run through the check side by side: both accepted, the same number
of modules imported at the top level (e.g. 366 for the django-cf template, 234 for 18-django, 155 for
16-sync-http-clients) and the same notices.

| Fixture | Kind | Verdict | Rule at | Notices | Why | Evidence |
|---|---|---|---|---|---|---|
${rows.join("\n")}

## Left out (the runtime's verdict is not clear from its source)
- A Worker with no handler at all under \`python_no_global_handlers\`: workerd's loader raises nothing
  (worker.c++ reports "No event handlers were registered" only for service-worker syntax); whether
  Cloudflare's upload refuses it is not in workerd.
- Top-level \`on_fetch\` alone after 2025-08-14: it loads (python-entrypoint-helper.ts adds no legacy
  handlers) and only requests fail; same question as above.
- \`ssl.create_default_context()\` at top level: the runtime's no-ssl patches say it "uses entropy", but
  whether ssl loads in production and which error follows (C-level "Disallowed operation called within
  global scope" vs ModuleNotFoundError) is not settled by the source. For sqlite3 only the version tuple is
  asserted (edge-sqlite3-version), not e.g. \`connect()\`, which may seed SQLite's PRNG.
- Which wins when a module is both in the Worker's files and in python_modules/: python_modules is inserted
  before the first site-packages path, and whether one precedes /session/metadata is not clear from the source.
- random's own entropy budget at import (10 calls): user code cannot change it; only its effect
  (\`import random\` is allowed) is covered. The same budget mechanism is covered for packages
  (edge-package-budget-*), with stand-in modules under the names the runtime patches.
- Packages whose entropy comes from C or Rust code are represented by pure-Python stand-ins calling
  \`os.urandom\`; the runtime counts calls at the JS \`getRandomValues\` level, and one \`os.urandom(8)\`
  is assumed to be one such call.
- \`PYTHONHASHSEED=111\`, the startup CPU limiter (disabled in open-source workerd), the exact clock value
  outside a request, and the size rule (python_modules.exclude) have no runtime test to mirror.
- workerd tests that need a live peer (sockets, sdk, asgi, python-rpc, durable-object-websocket, jspi,
  vendor_pkg_tests with numpy/scipy/shapely Pyodide wheels PyPI lacks) are not mirrored; public Workers
  whose dependencies are native on PyPI (03-fastapi: pydantic-core, 05-langchain, 12-image-gen: pillow)
  are left out for the same reason.
`;
fs.writeFileSync(path.join(here, "README.md"), text);
console.log(`${names.length} fixtures`);
