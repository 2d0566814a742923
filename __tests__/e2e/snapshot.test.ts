// The snapshot check through the committed dist/ on Node 24, on one fixture Worker per rule (each
// must fail with exactly that rule at the marked line) and on clean Workers (which must pass:
// no false positives is as important as no misses). A `# <- rule` comment marks the expected line.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { copyWorker, helloWorker, makeSynced, runAction, type StandIns, startStandIns } from "./env.js";

jest.setTimeout(300_000);

let s: StandIns;
beforeAll(async () => {
  s = await startStandIns();
});
afterAll(async () => s.close());

const HANDLER = `

class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("ok")
`;

interface Fixture {
  name: string;
  files: Record<string, string>;
  date?: string;
  flags?: string[];
  /** Extra PyPI packages vendored into python_modules. */
  packages?: string[];
  inputs?: Record<string, string>;
  setup?: (project: string) => void;
  expect: Array<{ rule: string; file: string; line?: number; message: RegExp }>;
}

function makeFixture(f: Fixture): { workspace: string; project: string } {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", `pwa-fx-${f.name}-`));
  const deps = (f.packages ?? []).map((p) => `"${p}"`).join(", ");
  fs.writeFileSync(path.join(dir, "pyproject.toml"), `[project]\nname = "fx"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = [${deps}]\n`);
  fs.writeFileSync(
    path.join(dir, "wrangler.toml"),
    `name = "fx-${f.name}"\nmain = "src/entry.py"\ncompatibility_date = "${f.date ?? "2025-11-01"}"\ncompatibility_flags = ${JSON.stringify(f.flags ?? ["python_workers"])}\n`,
  );
  for (const [file, text] of Object.entries(f.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const w = copyWorker(dir, { name: "fx" });
  fs.rmSync(dir, { recursive: true, force: true });
  makeSynced(w.project);
  f.setup?.(w.project);
  return w;
}

/** The line of the `# <- rule` marker in a fixture file. */
function markedLine(text: string, rule: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(`# <- ${rule}`));
  if (i < 0) throw new Error(`no "# <- ${rule}" marker`);
  return i + 1;
}

const W = "from workers import Response, WorkerEntrypoint\n";

const failing: Fixture[] = [
  {
    name: "entropy-random",
    files: { "src/entry.py": `import random\n\n${W}\nSTART = random.random()  # <- entropy\n${HANDLER}` },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /^RuntimeError: Cannot use random\.random\(\) outside of request context$/ }],
  },
  {
    name: "entropy-random-python-3.14",
    date: "2026-07-01",
    flags: ["python_workers", "python_workers_20260610"],
    files: { "src/entry.py": `import random\n\n${W}\nSTART = random.randint(1, 6)  # <- entropy\n${HANDLER}` },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /^RuntimeError: Cannot use random\.randint\(\) outside of request context$/ }],
  },
  {
    name: "entropy-uuid-in-imported-module",
    files: {
      "src/entry.py": `${W}\nfrom ids import INSTANCE_ID\n${HANDLER}`,
      "src/ids.py": `import uuid\n\nINSTANCE_ID = str(uuid.uuid4())  # <- entropy\n`,
    },
    expect: [{ rule: "entropy", file: "src/ids.py", message: /^OSError: \[Errno 29\] Cannot get entropy outside of request context$/ }],
  },
  {
    name: "entropy-secrets",
    files: { "src/entry.py": `import secrets\n\n${W}\nTOKEN = secrets.token_hex(16)  # <- entropy\n${HANDLER}` },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /Cannot get entropy outside of request context/ }],
  },
  {
    name: "entropy-unseeded-random",
    files: { "src/entry.py": `import random\n\n${W}\nRNG = random.Random()  # <- entropy\n${HANDLER}` },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /Cannot get entropy outside of request context/ }],
  },
  {
    name: "entropy-get-random-values",
    files: { "src/entry.py": `from js import Uint8Array, crypto\n\n${W}\nNONCE = bytes(crypto.getRandomValues(Uint8Array.new(8)).to_py())  # <- entropy\n${HANDLER}` },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /Disallowed operation called within global scope \(crypto\.getRandomValues\(\)\)/ }],
  },
  {
    name: "io-fetch",
    files: { "src/entry.py": `from js import fetch\n\n${W}\nCONFIG = fetch("https://example.com/config.json")  # <- io\n${HANDLER}` },
    expect: [{ rule: "io", file: "src/entry.py", message: /^Error: Disallowed operation called within global scope\. Asynchronous I\/O \(ex: fetch\(\) or connect\(\)\).*\(fetch\(\)\)$/ }],
  },
  {
    name: "io-timer",
    files: { "src/entry.py": `from js import setTimeout\nfrom pyodide.ffi import create_once_callable\n\n${W}\nsetTimeout(create_once_callable(lambda: None), 50)  # <- io\n${HANDLER}` },
    expect: [{ rule: "io", file: "src/entry.py", message: /setting a timeout.*\(setTimeout\(…, 50\)\)$/ }],
  },
  {
    name: "import-missing-package",
    files: { "src/entry.py": `${W}\nimport requests_that_do_not_exist  # <- import\n${HANDLER}` },
    expect: [{ rule: "import", file: "src/entry.py", message: /^ModuleNotFoundError: No module named 'requests_that_do_not_exist'$/ }],
  },
  {
    name: "native-extension",
    files: { "src/entry.py": `${W}${HANDLER}` },
    setup: (project) => {
      // A real host (ELF) shared library, as `pip install` on the runner would vendor by mistake.
      const hostSo = fs.readdirSync(path.dirname(process.execPath)).length ? findHostSharedLibrary() : "";
      fs.copyFileSync(hostSo, path.join(project, "python_modules", "fastjson.cpython-313-x86_64-linux-gnu.so"));
    },
    expect: [{ rule: "native-extension", file: "python_modules/fastjson.cpython-313-x86_64-linux-gnu.so", line: 1, message: /ELF \(Linux\) library built for the host, not for wasm32-emscripten/ }],
  },
  {
    name: "entropy-in-a-vendored-package",
    files: { "src/entry.py": `${W}\nimport tracing_lib.ids  # <- entropy\n${HANDLER}` },
    setup: (project) => {
      // A package that seeds a Random at import time: reported at the user's import line.
      fs.mkdirSync(path.join(project, "python_modules", "tracing_lib"), { recursive: true });
      fs.writeFileSync(path.join(project, "python_modules", "tracing_lib", "__init__.py"), "");
      fs.writeFileSync(path.join(project, "python_modules", "tracing_lib", "ids.py"), "import random\n\n_rng = random.Random()\n");
    },
    expect: [{ rule: "entropy", file: "src/entry.py", message: /Cannot get entropy outside of request context/ }],
  },
  {
    name: "js-global",
    files: { "src/entry.py": `import js\n\n${W}\nCACHE = js.Map.new()  # <- js-global\n${HANDLER}` },
    expect: [{ rule: "js-global", file: "src/entry.py", message: /^Can't serialize top-level variable\. .*Description of the value: \[object Map\].*\(held in CACHE\)$/ }],
  },
  {
    name: "handler-missing",
    files: { "src/entry.py": `${W}\nGREETING = "hi"\n` },
    expect: [{ rule: "handler", file: "src/entry.py", line: 1, message: /^Python entrypoint "entry\.py" does not export a handler named "Default"\./ }],
  },
  {
    name: "handler-old-style",
    files: { "src/entry.py": `from workers import Response\n\n\nasync def on_fetch(request, env):  # <- handler\n    return Response("hi")\n` },
    expect: [{ rule: "handler", file: "src/entry.py", message: /top-level on_fetch is not used from compatibility date 2025-08-14 \(python_no_global_handlers\)/ }],
  },
  {
    name: "size",
    files: { "src/entry.py": `${W}${HANDLER}` },
    inputs: { "bundle-size-limit": "50 KiB" },
    expect: [{ rule: "size", file: "src/entry.py", line: 1, message: /^Your Worker exceeded the size limit: the upload is \d+ bytes uncompressed \(\d+ gzip\), over the limit of 51200 bytes\./ }],
  },
];

function findHostSharedLibrary(): string {
  for (const dir of ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"]) {
    if (!fs.existsSync(dir)) continue;
    const so = fs.readdirSync(dir).find((f) => /^libz\.so\.\d/.test(f) || /^libc\.so\.6$/.test(f));
    if (so) return path.join(dir, so);
  }
  throw new Error("no host shared library found");
}

const clean: Fixture[] = [
  {
    name: "clean-randomness-inside-handlers",
    files: {
      "src/entry.py": `import random\nimport secrets\nimport uuid\n\n${W}\n\nclass Default(WorkerEntrypoint):\n    async def fetch(self, request):\n        return Response(f"{random.random()} {uuid.uuid4()} {secrets.token_hex(4)}")\n`,
    },
    expect: [],
  },
  {
    name: "clean-seeded-random",
    files: { "src/entry.py": `import random\n\n${W}\nRNG = random.Random(42)\nSHUFFLED = RNG.sample(range(10), 5)\n${HANDLER}` },
    expect: [],
  },
  {
    name: "clean-pure-python-packages",
    packages: ["attrs", "idna", "python-dateutil", "six", "click", "itsdangerous", "h11"],
    files: {
      "src/entry.py": `import attrs\nimport click\nimport h11\nimport idna\nimport itsdangerous\nimport ssl\nimport sqlite3\nfrom dateutil import parser\nfrom js import HTMLRewriter, Response as JsResponse\n\n${W}\nSIGNER = itsdangerous.Signer("static-key")\nPARSED = parser.parse("2025-01-01T00:00:00Z")\nHOST = idna.encode("bücher.example").decode()\n\n\n@attrs.define\nclass Point:\n    x: int\n    y: int\n${HANDLER}`,
    },
    expect: [],
  },
  {
    name: "clean-package-the-sdk-patches",
    // aiohttp.http_websocket makes a Random() at import time; the real workers-runtime-sdk in
    // python_modules patches that, as the runtime applies it. The same code unpatched is the
    // "entropy-in-a-vendored-package" fixture above.
    files: { "src/entry.py": `${W}\nimport aiohttp.http_websocket\n${HANDLER}` },
    setup: (project) => {
      fs.mkdirSync(path.join(project, "python_modules", "aiohttp"), { recursive: true });
      fs.writeFileSync(path.join(project, "python_modules", "aiohttp", "__init__.py"), "");
      fs.writeFileSync(path.join(project, "python_modules", "aiohttp", "http_websocket.py"), "import random\n\n_rng = random.Random()\n");
    },
    expect: [],
  },
  {
    name: "clean-python-3.14-worker",
    date: "2026-07-01",
    flags: ["python_workers", "python_workers_20260610"],
    files: { "src/entry.py": `import random\n\n${W}\nRNG = random.Random(7)\n${HANDLER}` },
    expect: [],
  },
  {
    name: "clean-old-style-before-2025-08-14",
    date: "2025-06-01",
    flags: ["python_workers_20250116"],
    files: { "src/entry.py": `from workers import Response\n\n\nasync def on_fetch(request, env):\n    return Response("hi")\n` },
    expect: [],
  },
];

async function check(f: Fixture, mode = "check", extraEnv: Record<string, string> = {}) {
  const { workspace, project } = makeFixture(f);
  const r = await runAction({
    workspace,
    inputs: { "working-directory": "fx", mode, lint: "false", test: "false", ...s.downloads, ...f.inputs },
    env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, ...extraEnv },
  });
  const reportFile = r.outputs["snapshot-report"];
  const report = reportFile ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : undefined;
  return { r, report, project };
}

describe("snapshot check: one fixture per rule", () => {
  it.each(failing)("$name", async (f) => {
    const { r, report, project } = await check(f);
    expect(r.exitCode).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.violations).toHaveLength(f.expect.length);
    for (const [i, e] of f.expect.entries()) {
      const v = report.violations[i];
      const line = e.line ?? markedLine(fs.readFileSync(path.join(project, e.file), "utf8"), e.rule);
      expect({ rule: v.rule, file: v.file, line: v.line }).toEqual({ rule: e.rule, file: e.file, line });
      expect(v.message).toMatch(e.message);
      expect(r.annotations).toContainEqual(expect.objectContaining({ level: "error", title: `Snapshot check: ${e.rule}`, file: `fx/${e.file}`, line }));
    }
    expect(r.summary).toContain("❌ failed at snapshot check");
    expect(r.summary).toMatch(new RegExp(`\\| \`${f.expect[0].rule}\` \\| \`${f.expect[0].file.replace(/\./g, "\\.")}:\\d+\` \\|`));
    r.cleanup();
  });
});

describe("snapshot check: clean Workers", () => {
  it.each(clean)("$name", async (f) => {
    const { r, report } = await check(f);
    if (r.exitCode !== 0) process.stdout.write(r.stdout);
    expect(report.violations).toEqual([]);
    expect(r.exitCode).toBe(0);
    const py314 = f.flags?.includes("python_workers_20260610");
    expect(report).toMatchObject({ ok: true, pyodide: py314 ? "314.0.4" : "0.28.2", python: py314 ? "3.14" : "3.13", entry: "src/entry.py" });
    expect(report.import_ms).toBeGreaterThan(0);
    r.cleanup();
  });

  it("reports the example Worker's bundle exactly as wrangler measures it", async () => {
    const { workspace } = helloWorker();
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "dry-run", lint: "false", test: "false", ...s.downloads } });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(fs.readFileSync(r.outputs["snapshot-report"], "utf8"));
    expect(report.bundle.raw_bytes).toBe(Number(r.outputs["bundle-size"]));
    expect(Math.abs(report.bundle.gzip_bytes - Number(r.outputs["bundle-size-gzip"]))).toBeLessThan(200);
    expect(r.summary).toContain("### Snapshot check: no violations");
    r.cleanup();
  });
});

describe("import time budget", () => {
  it("warns (and does not fail) when the import is slower than the budget", async () => {
    const { workspace } = helloWorker();
    const r = await runAction({ workspace, inputs: { "working-directory": "hello", mode: "check", lint: "false", test: "false", "import-time-budget": "1", ...s.downloads } });
    expect(r.exitCode).toBe(0);
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: "warning", title: "Slow start-up", file: "hello/src/entry.py" }));
    expect(r.summary).toMatch(/\| Snapshot check \| ⚠️ warning \|/);
    // Measured as the Pyodide thread's CPU time (wall time on a busy runner is far larger).
    expect(r.summary).toMatch(/import time: ⚠️ [\d,]+ ms CPU time \([\d,]+ ms wall\) importing `src\/entry\.py`, measured as the CPU time of the thread running Pyodide; warns above 1 ms/);
    expect(r.outputs["snapshot-report"]).toMatch(/python-workers-snapshot-report-hello-python-worker\.json$/);
    r.cleanup();
  });
});

describe("snapshot check before an upload", () => {
  it("fails the deploy before any request reaches the Cloudflare API", async () => {
    const { r } = await check(failing[0], "deploy", { CLOUDFLARE_API_TOKEN: s.api.token, CLOUDFLARE_ACCOUNT_ID: "abc00000000000000000000000000000" });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::snapshot: 1 violation\(s\); first: entropy at src\/entry\.py:\d+: RuntimeError: Cannot use random\.random\(\)/);
    expect(s.api.requests).toHaveLength(0);
    expect(r.summary).not.toContain("| Deploy | ✅");
    r.cleanup();
  });

  it("is skipped with snapshot-check: false", async () => {
    const { r } = await check({ ...failing[0], inputs: { "snapshot-check": "false" } });
    expect(r.exitCode).toBe(0);
    expect(r.summary).toContain("| Snapshot check | ⏭️ skipped |  | snapshot-check: false |");
    expect(r.outputs["snapshot-report"]).toBeUndefined();
    r.cleanup();
  });
});
