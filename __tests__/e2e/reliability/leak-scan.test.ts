// Secret leak scan: secrets made of shell and JSON metacharacters and newlines go through a deploy,
// a preview and a dry run. Each secret has a unique core; that core (and the secret's JSON, base64,
// URL and workflow-command encodings) must appear nowhere: logs, summary, outputs, the runner's files
// (GITHUB_ENV/OUTPUT/STATE/STEP_SUMMARY/PATH), the project, RUNNER_TEMP, HOME (wrangler's logs), the
// tool cache and /tmp files written during the run, any child's argv (read from /proc while the run
// goes), and every stand-in request — except the upload to the Cloudflare stand-in, which must carry
// each secret byte-exact.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { CACHE } from "../../../scripts/testkit/tools.mjs";
import { helloWorker, runAction, type StandInsWithCache, startStandIns } from "../env.js";

jest.setTimeout(300_000);

const SECRETS: Record<string, string> = {
  SHELL_SECRET: "LkQ7shellCORE $HOME `id` $(touch /tmp/pwned) \"double\" 'single' \\back\\slash; rm -rf / &",
  JSON_SECRET: 'Zr4pjsonCORE {"a":"b","c":[1,2]}\\u0000 "}] \t tab',
  LINES_SECRET: "Wm2xlinesCORE first line\nsecond ::add-mask::x\r\n%0A::warning::third\n",
};
const CORES = ["LkQ7shellCORE", "Zr4pjsonCORE", "Wm2xlinesCORE"];
const ACCOUNT = "abc12300000000000000000000000000";

/** Every form a leaked secret could take. */
const needles: string[] = [...CORES, ...Object.values(SECRETS).flatMap((v) => [Buffer.from(v).toString("base64").slice(0, 24), encodeURIComponent(v).slice(0, 40)])];

let s: StandInsWithCache;
beforeAll(async () => {
  s = await startStandIns({ cache: true });
});
afterAll(async () => {
  await s.close();
});

const leaks: string[] = [];
let runs = 0;
let filesScanned = 0;
let argvSeen = 0;

function scanText(where: string, text: string): void {
  for (const n of needles) if (text.includes(n)) leaks.push(`${where}: contains ${JSON.stringify(n.slice(0, 16))}…`);
}

/** Files under `dir` (not following symlinks) modified at or after `since`, up to 20 MB each. */
function scanTree(where: string, dir: string, since = 0): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // Jest's own transform cache holds this test file, secrets' literals included: the harness's, not the Action's.
    if (p.startsWith(path.join(os.tmpdir(), "jest_"))) continue;
    if (e.isDirectory()) scanTree(where, p, since);
    else if (e.isFile()) {
      try {
        const st = fs.statSync(p);
        if (st.mtimeMs < since || st.size > 20e6) continue;
        filesScanned++;
        scanText(`${where}: ${p}`, fs.readFileSync(p, "latin1"));
        scanText(`${where}: ${p}`, fs.readFileSync(p, "utf8"));
      } catch {
        // unreadable or gone
      }
    }
  }
}

/** Read every process's argv while the run goes (child argv: pywrangler, wrangler, npx, uv, pytest, ruff). */
function watchArgv(): () => void {
  const seen = new Set<string>();
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        const key = `${pid} ${argv}`;
        if (seen.has(key)) continue;
        seen.add(key);
        argvSeen++;
        scanText(`argv of ${pid} (${argv.split("\0")[0]})`, argv.replaceAll("\0", " "));
      } catch {
        // gone
      }
    }
  }, 40);
  return () => clearInterval(timer);
}

async function scannedRun(label: string, inputs: Record<string, string>, extra: { eventName?: string; event?: object } = {}) {
  const { workspace } = helloWorker();
  const started = Date.now() - 1000;
  const before = { api: s.api.requests.length, gh: s.github.requests.length, calls: s.cache.calls.length };
  const stop = watchArgv();
  const r = await runAction({
    workspace,
    timeoutMs: 240_000,
    ...extra,
    inputs: { "working-directory": "hello", "account-id": ACCOUNT, secrets: Object.keys(SECRETS).join("\n"), "snapshot-check": "false", ...s.downloads, ...inputs },
    env: { CLOUDFLARE_API_BASE_URL: s.api.baseUrl, CLOUDFLARE_API_TOKEN: s.api.token, GITHUB_API_URL: s.github.url, ...s.cache.env, ...SECRETS },
  });
  stop();
  runs++;
  // `::add-mask::<value>` lines are the Action handing each secret to the runner's masker (consumed, never shown):
  // one line each, nothing of the secret after it.
  const masks = r.stdout.split("\n").filter((l) => l.startsWith("::add-mask::"));
  scanText(
    `${label} stdout`,
    r.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n"),
  );
  scanText(`${label} stderr`, r.stderr);
  scanText(`${label} summary`, r.summary);
  scanText(`${label} outputs`, JSON.stringify(r.outputs));
  scanTree(`${label} runner home (files, RUNNER_TEMP, HOME)`, r.home);
  scanTree(`${label} project`, workspace);
  scanTree(`${label} tool cache`, r.env.RUNNER_TOOL_CACHE, started);
  scanTree(`${label} uv/npm caches`, path.join(CACHE, "npm-cache", "_logs"), started);
  scanTree(`${label} /tmp`, os.tmpdir(), started);
  for (const q of s.api.requests.slice(before.api)) {
    const { metadata, ...rest } = q as { metadata?: { bindings?: unknown[] } };
    scanText(`${label} Cloudflare ${q.method} ${q.path}`, JSON.stringify(rest));
    if (metadata)
      scanText(
        `${label} Cloudflare upload metadata (non-secret bindings)`,
        JSON.stringify({ ...metadata, bindings: (metadata.bindings ?? []).filter((b) => (b as { type: string }).type !== "secret_text") }),
      );
  }
  for (const q of s.github.requests.slice(before.gh)) scanText(`${label} GitHub ${q.method} ${q.path}`, JSON.stringify(q));
  for (const c of s.cache.calls.slice(before.calls)) scanText(`${label} cache ${c.method}`, JSON.stringify(c));
  const error = r.annotations.find((a) => a.level === "error")?.message;
  return { r, masks, error, uploads: s.api.uploads().filter((u) => s.api.requests.indexOf(u) >= before.api) };
}

/** The secret bindings of an upload carry each value byte-exact. */
function expectExactSecrets(upload: { metadata?: { bindings?: Array<{ type: string; name: string; text?: string }> } }) {
  const bound = Object.fromEntries((upload.metadata?.bindings ?? []).filter((b) => b.type === "secret_text").map((b) => [b.name, b.text]));
  expect(bound).toEqual(SECRETS);
}

describe("secret leak scan", () => {
  it("deploy (lint, tests, cache, GitHub deployment): uploaded byte-exact, leaked nowhere", async () => {
    const { r, uploads, error, masks } = await scannedRun("deploy", { mode: "deploy", cache: "true", "save-cache": "true" });
    expect({ exit: r.exitCode, error }).toEqual({ exit: 0, error: undefined });
    expect(masks.length).toBeGreaterThanOrEqual(3);
    expect(uploads).toHaveLength(1);
    expectExactSecrets(uploads[0]);
    r.cleanup();
  });

  it("preview with a PR comment: uploaded byte-exact, leaked nowhere", async () => {
    const pr = {
      number: 9,
      pull_request: { number: 9, title: "Leak test", head: { sha: "feedbeef00", repo: { full_name: "octo/hello", fork: false } }, base: { repo: { full_name: "octo/hello", fork: false } } },
    };
    const { r, uploads, error } = await scannedRun("preview", { mode: "preview", lint: "false", test: "false", cache: "false" }, { eventName: "pull_request", event: pr });
    expect({ exit: r.exitCode, error }).toEqual({ exit: 0, error: undefined });
    expect(uploads).toHaveLength(1);
    expectExactSecrets(uploads[0]);
    r.cleanup();
  });

  it("a failing deploy (API 500 on every upload): leaked nowhere, not even in wrangler's error output", async () => {
    s.api.injectFault({ path: /\/workers\//, status: 500, times: 100 });
    const { r } = await scannedRun("failing deploy", { mode: "deploy", lint: "false", test: "false", cache: "false" });
    expect(r.exitCode).toBe(1);
    r.cleanup();
  });

  afterAll(() => {
    console.log(`leak scan: ${runs} runs, ${filesScanned} files, ${argvSeen} argv samples, ${leaks.length} leaks${leaks.length ? `\n${leaks.join("\n")}` : ""}`);
  });

  it("found no leak in any run", () => {
    expect(runs).toBe(3);
    expect(argvSeen).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
  });
});
