import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  NETWORK_LOG_ENV,
  deployArgs,
  networkFailure,
  neverDeployedSkip,
  readNetworkLog,
  setupWrangler,
  uploadCommand,
  versionOnly,
  withSecretsFile
} from "./chunk-BN4PBR2U.js";
import {
  moduleRootSkip,
  treeFiles,
  vendorSkip
} from "./chunk-D7HICUN2.js";
import {
  preloadTag,
  readCurrent
} from "./chunk-VVQTSFRZ.js";
import {
  annotate,
  cacheDir,
  classHandlersRequired,
  ensureTestDeps,
  extractTar,
  find,
  finishDeployment,
  junitCases,
  lintAnnotations,
  parseJUnit,
  pyodideFor,
  pythonFlags,
  renderPreviewComment,
  required,
  runLint,
  runTests,
  runtimeTests,
  setupUv,
  startDeployment,
  syncTokensFresh,
  unlessTurnedOff,
  upsertStickyComment,
  uvRequest,
  workspaceRelative
} from "./chunk-4VELWMFW.js";
import {
  SNAPSHOT_TIMEOUT_MS,
  StageFailure,
  WorkerNotDeployed,
  _catch,
  addToolMillis,
  array,
  download,
  downloadFailure,
  errorMessage,
  formatBytes,
  formatMillis,
  looseObject,
  networkCause,
  number,
  object,
  optional,
  proxiedFetch,
  run,
  runnerTemp,
  setupWorkersPy,
  string,
  unknown,
  workersPyForProject
} from "./chunk-ESXWEEMT.js";
import {
  NOTICE_RULES,
  importTimeVerdict,
  jsGlobalViolations,
  mapViolations,
  projectPath
} from "./chunk-NLCH7DFL.js";
import {
  RUNTIME_TEXT,
  lastErrorLine,
  measureBundle,
  scanNativeExtensions
} from "./chunk-BAB4QEES.js";
import "./chunk-6HPHQXXT.js";
import {
  addPath,
  error,
  info,
  notice,
  warning
} from "./chunk-FRJQXOZ4.js";
import "./chunk-LVHE7N22.js";

// src/stages/cache.ts
var cacheRestore = {
  name: "cache",
  title: "Restore the dependency cache",
  skip: (run2) => run2.cache.off,
  async run(run2) {
    const r = await run2.cache.restoreDeps(required(run2.tools, "the toolchain"));
    const detail = run2.cache.describe(r);
    if (r.corrupted) {
      warning(`The cache entry ${r.matchedKey} was incomplete (${r.corrupted}); it was discarded and the dependencies are rebuilt.`, { title: "Cache entry discarded" });
      return { outcome: "warning", detail };
    }
    if (r.hit) {
      run2.depsRestored = true;
      run2.testEnvRestored = r.envRestored === true;
      run2.env = { ...run2.env, UV_OFFLINE: "1" };
    }
    return { detail };
  },
  // The tool folders do not change during lint and test: save them meanwhile. The Pyodide folder is
  // final once its baseline snapshot is written; the snapshot stage starts after sync too, in the
  // same turn, so its promise is read a microtask later.
  startsAfter: "sync",
  start(run2) {
    if (run2.tools)
      run2.cache.saveToolsWhenSettled(
        run2.tools,
        Promise.resolve().then(() => run2.snapshot?.settled),
        run2.wrangler
      );
  },
  finish: (run2) => run2.cache.drain()
};

// src/release/smoke.ts
async function smokeCheck(url, timeoutMs, intervalMs = 2e3, fetchImpl = proxiedFetch, headers = {}) {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let last = "no answer";
  for (; ; ) {
    attempts++;
    try {
      const left = Math.max(1e3, Math.min(1e4, deadline - Date.now()));
      const res = await fetchImpl(url, { redirect: "follow", headers, signal: AbortSignal.timeout(left) });
      last = `HTTP ${res.status}`;
      await res.arrayBuffer().catch(() => void 0);
      if (res.status >= 200 && res.status < 300) return { ok: true, attempts, last };
    } catch (err) {
      last = err instanceof Error ? err.cause instanceof Error ? err.cause.message : err.message : String(err);
    }
    const wait = Math.min(intervalMs * 2 ** Math.min(attempts - 1, 2), deadline - Date.now());
    if (wait <= 0) return { ok: false, attempts, last };
    await new Promise((r) => setTimeout(r, wait));
  }
}
function rolloutSpecs(newVersion, previousVersion, percentage) {
  if (percentage >= 100) return [`${newVersion}@100%`];
  return [`${newVersion}@${percentage}%`, `${previousVersion}@${100 - percentage}%`];
}
function trafficSplit(statusJson) {
  try {
    const j = JSON.parse(statusJson);
    const versions = j.versions ?? j.deployment?.versions ?? [];
    return Array.isArray(versions) ? versions : [];
  } catch {
    return [];
  }
}
function currentVersion(statusJson) {
  try {
    const j = JSON.parse(statusJson);
    const versions = j.versions ?? j.deployment?.versions ?? [];
    const top = [...versions].sort((a, b) => (b.percentage ?? 0) - (a.percentage ?? 0))[0];
    return top?.version_id;
  } catch {
    return void 0;
  }
}
function versionOverrideHeader(worker, versionId) {
  const key = /^[a-z*][a-z0-9_.*-]*$/.test(worker) ? worker : worker.toLowerCase();
  return { "Cloudflare-Workers-Version-Overrides": `${key}="${versionId.replace(/["\\]/g, "")}"` };
}

// src/deploy/credentials.ts
function cloudflareEnv(credentials, env) {
  const out = { ...env };
  if (credentials.apiToken) out.CLOUDFLARE_API_TOKEN = credentials.apiToken;
  if (credentials.accountId) out.CLOUDFLARE_ACCOUNT_ID = credentials.accountId;
  return out;
}

// src/deploy/wrangler-call.ts
import fs2 from "node:fs";
import path2 from "node:path";

// src/deploy/failures.ts
import { stripVTControlCharacters } from "node:util";
var NETWORK = /fetch failed|connectivity issue|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|socket hang up|other side closed/i;
function reasonLines(text) {
  return stripVTControlCharacters(text).split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^at\s|\.js:\d+|^\(error handler|🪵|If you think this is a bug|^⛅️|^─+$|^Getting User settings|^📎|Please ensure it has the correct permissions/.test(l));
}
function apiReason(stderr) {
  for (const l of reasonLines(stderr)) {
    const m = /^(.*?)\s*\[code: \d+\]$/.exec(l);
    if (m?.[1]) return m[1];
  }
  return void 0;
}
function hostOf(url) {
  try {
    return new URL(url || "https://api.cloudflare.com/client/v4").host;
  } catch {
    return url ?? "api.cloudflare.com";
  }
}
var errnoIn = (text) => /\b(E[A-Z]{3,}(?:\s+\d{1,3}(?:\.\d{1,3}){3}:\d+)?)/.exec(text)?.[1];
function describeFailure(f) {
  const all = `${f.stderr}
${f.stdout}`;
  const code = f.failed?.code;
  const reason = apiReason(f.stderr) ?? apiReason(f.stdout);
  const head = `wrangler ${f.command} failed (exit ${f.exitCode}${code ? `, API code ${code}` : ""})`;
  if (code === 1e4 || /Authentication error|\[code: 10000\]/.test(all)) {
    return `${head}: authentication: the token was refused; check api-token, its scopes and its account${reason && !/^Authentication error$/i.test(reason) ? ` (the API said: ${reason})` : ""}.`;
  }
  if (code === 971 || /\b429\b|Too Many Requests|rate.?limit/i.test(all)) {
    return `${head}: rate-limited by the Cloudflare API${reason ? `: ${reason}` : ""}. Wait a few minutes and retry (re-run the job); avoid many deploys at once on one account (use a workflow concurrency group).`;
  }
  if (!code && NETWORK.test(`${f.failed?.message ?? ""}
${all}`)) {
    const cause = f.network?.cause ?? f.probe ?? errnoIn(all) ?? "no answer";
    return `${head}: could not reach the Cloudflare API at ${f.network?.host ?? hostOf(f.apiBase)} (${cause}). Check the runner's network, proxy settings and CLOUDFLARE_API_BASE_URL.`;
  }
  const lines = reasonLines(f.stderr).filter((l) => !/^▲ \[WARNING\]/.test(l));
  const errorLine = lines.filter((l) => /^(✘ \[ERROR\]|X \[ERROR\]|ERROR|error:)/i.test(l)).pop()?.replace(/^(✘|X) \[ERROR\]\s*/, "");
  const text = [f.failed?.message ?? errorLine ?? lines.at(-1) ?? reasonLines(f.stdout).at(-1), reason].filter(Boolean).join(" ");
  return `${head}${text ? `: ${text.slice(0, 400)}` : ""}`;
}
async function probeApi(apiBase, timeoutMs = 5e3) {
  try {
    const res = await fetch(apiBase || "https://api.cloudflare.com/client/v4", { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
    return `the connection failed during the request (wrangler reports only "fetch failed", no errno); the host answers now (HTTP ${res.status}), so it may have been transient`;
  } catch (err) {
    if (err.name === "TimeoutError") return `no answer within ${timeoutMs / 1e3} s`;
    return networkCause(err) ?? String(err.message ?? err);
  }
}

// src/deploy/wrangler-output.ts
import fs from "node:fs";
import path from "node:path";
var Entry = looseObject({ type: string() });
var lenient = (schema) => _catch(optional(schema), void 0);
var UploadEntry = object({
  worker_name: lenient(string()),
  version_id: lenient(string()),
  targets: _catch(array(unknown()), []),
  preview_url: lenient(string()),
  preview_alias_url: lenient(string()),
  bundle_size: _catch(object({ raw_bytes: lenient(number()), gzip_bytes: lenient(number()) }), { raw_bytes: void 0, gzip_bytes: void 0 })
});
var FailedEntry = object({ code: lenient(number()), message: _catch(string(), "wrangler failed") });
function parseNdjson(text) {
  const out = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const entry = Entry.safeParse(JSON.parse(line));
      if (entry.success) out.push(entry.data);
    } catch {
    }
  }
  return out;
}
function readOutputDir(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^wrangler-output-.*\.json$/.test(f)).sort().flatMap((f) => parseNdjson(fs.readFileSync(path.join(dir, f), "utf8")));
}
function targetToUrl(target) {
  const t = target.replace(/\s*\(.*\)\s*$/, "").trim();
  if (!t) return void 0;
  if (/^https?:\/\//.test(t)) return t;
  let host = t.replace(/\*$/, "").replace(/^\*\.?/, "");
  if (!host || host.startsWith("/")) return void 0;
  if (!host.includes("/")) host += "/";
  return `https://${host}`;
}
function deployOutputs(entries) {
  const found = [...entries].reverse().find((e) => e.type === "deploy" || e.type === "version-upload");
  if (!found) return void 0;
  const entry = UploadEntry.parse(found);
  const targets = entry.targets.filter((t) => typeof t === "string");
  const urls = targets.map(targetToUrl).filter((u) => u !== void 0);
  return {
    workerName: entry.worker_name,
    versionId: entry.version_id,
    // Prefer a target that is a URL as served (workers.dev), then the first route.
    deploymentUrl: targets.find((t) => /^https?:\/\//.test(t)) ?? urls[0],
    previewUrl: entry.preview_url,
    previewAliasUrl: entry.preview_alias_url,
    bundleSize: entry.bundle_size.raw_bytes,
    bundleSizeGzip: entry.bundle_size.gzip_bytes
  };
}
function commandFailure(entries) {
  const found = [...entries].reverse().find((x) => x.type === "command-failed");
  return found ? FailedEntry.parse(found) : void 0;
}
function replacedSplit(log) {
  const text = log.replace(/\u001b\[[0-9;]*m/g, "");
  const at = text.indexOf("Your last deployment has multiple versions");
  if (at === -1) return [];
  const out = [];
  for (const m of text.slice(at).matchAll(/^\W*\((\d+(?:\.\d+)?)%\)\s+([0-9a-f]{8}-[0-9a-f-]{27})\b/gim)) {
    out.push({ version_id: m[2], percentage: Number(m[1]) });
  }
  return out;
}

// src/deploy/wrangler-call.ts
var WRANGLER_CMD = ["npx", "--yes", "wrangler"];
async function wrangler(args, o) {
  fs2.mkdirSync(o.tempDir, { recursive: true });
  const outputDir = fs2.mkdtempSync(path2.join(o.tempDir, "wrangler-output-"));
  const networkLog = path2.join(outputDir, "network.ndjson");
  const env = { ...o.env, WRANGLER_OUTPUT_FILE_DIRECTORY: outputDir, [NETWORK_LOG_ENV]: networkLog };
  delete env.WRANGLER_OUTPUT_FILE_PATH;
  try {
    const [cmd, ...pre] = WRANGLER_CMD;
    const res = await run(cmd, [...pre, ...args], { cwd: o.root, env, silent: o.silent, input: o.input, inputThroughPipe: true });
    return { res, entries: readOutputDir(outputDir), network: readNetworkLog(networkLog) };
  } finally {
    fs2.rmSync(outputDir, { recursive: true, force: true });
  }
}
async function failureMessage(command, call, env) {
  const failed = commandFailure(call.entries);
  const apiBase = env.CLOUDFLARE_API_BASE_URL;
  const network = networkFailure(call.network, hostOf(apiBase));
  const input = { command, exitCode: call.res.exitCode, failed, stderr: call.res.stderr, stdout: call.res.stdout, apiBase, network };
  let msg = describeFailure(input);
  if (!network && /could not reach the Cloudflare API/.test(msg)) msg = describeFailure({ ...input, probe: await probeApi(apiBase) });
  return msg;
}
async function throwFailure(command, call, env) {
  throw new StageFailure(await failureMessage(command, call, env));
}

// src/deploy/upload.ts
var STDIN = process.platform === "win32" ? void 0 : "/dev/stdin";
async function runDeploy(input, env) {
  const outdir = input.upload === "dry-run" ? `${input.tempDir}/bundle-${process.pid}` : void 0;
  const hasSecrets = Object.keys(input.secrets).length > 0;
  const call = hasSecrets && STDIN ? await wrangler(deployArgs({ ...input, secretsFile: STDIN, outdir }), { root: input.root, env, tempDir: input.tempDir, input: Buffer.from(JSON.stringify(input.secrets)) }) : await withSecretsFile(`${input.tempDir}/secrets`, input.secrets, (secretsFile) => wrangler(deployArgs({ ...input, secretsFile, outdir }), { root: input.root, env, tempDir: input.tempDir }));
  const { res, entries } = call;
  if (res.exitCode !== 0) {
    if (/does not yet exist/.test(res.stderr + res.stdout)) {
      throw new WorkerNotDeployed(
        `the Worker has never been deployed: ${versionOnly(input.upload) ? "previews and gradual rollouts upload a new version of an existing Worker" : "wrangler could not find it"}. Deploy it once first (mode: deploy), then previews work.`
      );
    }
    await throwFailure(uploadCommand(input.upload), call, env);
  }
  const outputs = deployOutputs(entries);
  if (!outputs) throw new StageFailure("wrangler reported success but wrote no deploy entry to its output file.");
  return { outputs, replaced: input.upload === "deploy" ? replacedSplit(res.stdout + res.stderr) : [] };
}

// src/deploy/release.ts
var envArgs = (environment) => environment ? ["--env", environment] : [];
async function deployedState(c) {
  const call = await wrangler(["deployments", "status", "--json", ...envArgs(c.environment)], { root: c.root, env: { ...c.env, WRANGLER_LOG: "log" }, tempDir: c.tempDir, silent: true });
  const { res } = call;
  if (res.exitCode !== 0) {
    if (/does not exist|not found|10007|10090|no deployments/i.test(res.stderr + res.stdout)) return { split: [] };
    await throwFailure("deployments status", call, c.env);
  }
  const start = res.stdout.indexOf("{");
  const json = start === -1 ? "" : res.stdout.slice(start);
  return { version: currentVersion(json), split: trafficSplit(json) };
}
async function deployGradually(c, version, previous, percentage, message) {
  const args = ["versions", "deploy", ...rolloutSpecs(version, previous, percentage), "--yes", ...envArgs(c.environment), ...message ? ["--message", message] : []];
  const call = await wrangler(args, { root: c.root, env: c.env, tempDir: c.tempDir });
  if (call.res.exitCode !== 0) await throwFailure("versions deploy", call, c.env);
}
async function rollback(c, to, message) {
  const call = await wrangler(["rollback", to, "--message", message, "--yes", ...envArgs(c.environment)], { root: c.root, env: c.env, tempDir: c.tempDir });
  return call.res.exitCode === 0 ? void 0 : failureMessage("rollback", call, c.env);
}
async function smokeTestOrRollback(opts) {
  info(`Smoke test: GET ${opts.url} (expecting 2xx within ${Math.round(opts.timeoutMs / 1e3)} s)`);
  const headers = opts.overrideVersion && opts.version ? versionOverrideHeader(opts.workerName, opts.version) : {};
  if (headers["Cloudflare-Workers-Version-Overrides"]) info(`Smoke test sends Cloudflare-Workers-Version-Overrides: ${headers["Cloudflare-Workers-Version-Overrides"]}`);
  const r = await smokeCheck(opts.url, opts.timeoutMs, void 0, void 0, headers);
  if (r.ok) return { url: opts.url, ok: true, detail: `smoke test passed (${r.last}, ${r.attempts} attempt(s))` };
  const what = `smoke test failed: GET ${opts.url} gave ${r.last} after ${r.attempts} attempt(s)`;
  if (!opts.previous) throw new StageFailure(`${what}; there is no previous version to roll back to, so version ${opts.version ?? "?"} stays deployed.`);
  const failed = await rollback(opts.call, opts.previous, `python-workers-action: ${what}`.slice(0, 100));
  if (failed) throw new StageFailure(`${what}; rolling ${opts.workerName} back to version ${opts.previous} FAILED as well (${failed}): check the Worker now.`);
  throw new StageFailure(`${what}; rolled ${opts.workerName} back from version ${opts.version ?? "?"} to the previous version ${opts.previous}.`);
}
async function release(plan, report, env, tempDir) {
  const { inputs, project, upload } = plan;
  if (upload === "none") throw new Error("release() called for a plan that uploads nothing");
  const gradual = upload === "gradual";
  const c = { root: project.root, environment: inputs.environment, env: upload === "dry-run" ? env : cloudflareEnv(plan, env), tempDir };
  const previous = gradual || plan.smokeTest ? (await deployedState(c)).version : void 0;
  if (gradual && !previous) {
    throw new StageFailure(`rollout-percentage ${inputs.rolloutPercentage} needs a deployed version to share traffic with, and ${project.worker.name} has none. Deploy it once at 100 first.`);
  }
  const { outputs: d, replaced } = await runDeploy(
    {
      upload,
      root: project.root,
      environment: inputs.environment,
      vars: inputs.vars,
      secrets: plan.secrets,
      message: plan.message,
      tag: plan.tag,
      previewAlias: plan.previewAlias,
      tempDir
    },
    c.env
  );
  report.deploy = d;
  if (replaced.length > 1) {
    const split = replaced.map((v) => `${v.version_id}@${v.percentage}%`).join(", ");
    const warning2 = `This deploy replaced a gradual rollout in progress (${split}): the new version now serves 100 %. Use rollout-percentage to keep splitting traffic.`;
    report.notices.push(`\u26A0\uFE0F ${warning2}`);
    warning(warning2, { title: "Gradual rollout replaced" });
  }
  if (gradual && d.versionId && previous) {
    await deployGradually(c, d.versionId, previous, inputs.rolloutPercentage, plan.message);
    report.notices.push(`Gradual rollout: version ${d.versionId} gets ${inputs.rolloutPercentage}% of traffic, ${previous} the rest.`);
  }
  let smokeDetail = "";
  if (plan.smokeTest) {
    const url = inputs.smokeTestUrl || (d.deploymentUrl ? new URL(inputs.smokeTestPath || "/", d.deploymentUrl).href : "");
    if (!url) throw new StageFailure("the smoke test has no URL to call: wrangler reported no deployment URL. Set smoke-test-url.");
    const outcome = await smokeTestOrRollback({
      url,
      timeoutMs: inputs.smokeTestTimeoutMs,
      call: c,
      workerName: project.worker.name,
      version: d.versionId,
      previous,
      overrideVersion: gradual
    });
    smokeDetail = `, ${outcome.detail}`;
  }
  const size = d.bundleSize !== void 0 ? `${formatBytes(d.bundleSize)} (gzip ${formatBytes(d.bundleSizeGzip ?? 0)})` : "";
  if (upload === "dry-run") return `bundle ${size}, nothing uploaded`;
  const where = d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl;
  return `${where ?? "uploaded"}${d.versionId ? `, version ${d.versionId.slice(0, 8)}` : ""}${size ? `, ${size}` : ""}${smokeDetail}`;
}

// src/github/deployment.ts
async function asGitHubDeployment(run2, upload) {
  const { plan } = run2;
  const { octokit, repo } = run2.github;
  const spec = plan.githubDeployment;
  const started = spec && octokit && repo ? startDeployment(octokit, repo, { ref: plan.sha || "HEAD", ...spec, logUrl: plan.runUrl }) : Promise.resolve(void 0);
  const done = async (state, d) => {
    const deployment = await started;
    if (deployment && octokit && repo) await finishDeployment(octokit, repo, deployment, state, d && (d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl), plan.runUrl);
  };
  try {
    const result = await upload();
    await done("success", run2.report.deploy);
    return result;
  } catch (err) {
    await done("failure");
    throw err;
  }
}
async function commentOnPullRequest(run2) {
  const { plan, report } = run2;
  const { octokit, repo } = run2.github;
  if (!plan.prComment || plan.prNumber === void 0 || !octokit || !repo) return;
  const body = (previous) => renderPreviewComment(report, { sha: plan.sha, runUrl: plan.runUrl, alias: plan.previewAlias, previous });
  const done = await upsertStickyComment(octokit, repo, plan.prNumber, plan.project.worker.name, plan.inputs.environment, body);
  if (done) info(`Preview comment ${done} on pull request #${plan.prNumber}.`);
}

// src/stages/deploy.ts
function sayUploadSkipped(run2, skip) {
  run2.report.uploadSkipped = skip.message;
  notice(skip.message, { title: skip.title });
}
var deploy = {
  name: "deploy",
  title: (run2) => run2.plan.title,
  skip: (run2) => run2.plan.noUpload?.reason,
  skipped(run2) {
    const notice2 = run2.plan.noUpload?.notice;
    if (!notice2) return;
    run2.report.notices.push(notice2.message);
    notice(notice2.message, { title: notice2.title });
  },
  async run(run2) {
    const wr = await required(run2.wrangler, "wrangler").catch((err) => {
      throw new StageFailure(`could not set up wrangler: ${errorMessage(err)}`);
    });
    info(`wrangler ${wr.version} (${run2.cache.wranglerSource(wr)}) on Node ${process.versions.node}`);
    if (run2.plan.uploadSkipped) sayUploadSkipped(run2, run2.plan.uploadSkipped);
    try {
      const detail = await asGitHubDeployment(run2, () => release(run2.plan, run2.report, run2.env, run2.temp));
      return { detail: run2.plan.uploadSkipped ? `${detail}: upload skipped (see the notice)` : detail };
    } catch (err) {
      const skip = err instanceof WorkerNotDeployed ? neverDeployedSkip(run2.plan) : void 0;
      if (!skip) throw err;
      sayUploadSkipped(run2, skip);
      const detail = await release({ ...run2.plan, upload: "dry-run", smokeTest: false }, run2.report, run2.env, run2.temp);
      return { outcome: "warning", detail: `${detail}: the Worker was never deployed, preview skipped` };
    }
  },
  finish: (run2) => commentOnPullRequest(run2)
};

// src/stages/lint.ts
var lint = {
  name: "lint",
  title: "Lint (ruff check, ruff format --check)",
  skip: (run2) => unlessTurnedOff("lint", "lint")(run2) ?? (run2.plan.inputs.ruffCheck || run2.plan.inputs.ruffFormat ? void 0 : "ruff-check: false, ruff-format: false"),
  async run({ plan, report, env }) {
    const r = await runLint(plan.project, plan.workspace, env, { check: plan.inputs.ruffCheck, format: plan.inputs.ruffFormat });
    report.lintProblems = r.problems;
    report.formatFiles = r.unformatted.map((f) => f.file);
    lintAnnotations(r).forEach(annotate);
    if (r.problems.length || r.unformatted.length) {
      throw new StageFailure(`${r.problems.length} ruff problem(s), ${r.unformatted.length} file(s) not formatted`);
    }
    const did = [plan.inputs.ruffCheck && "no problems", plan.inputs.ruffFormat && "all files formatted"].filter(Boolean).join(", ");
    return { detail: `${r.version ? `ruff ${r.version}` : r.ruff}: ${did}` };
  }
};

// src/stages/hooks.ts
function maskValues(text, values) {
  let out = text;
  for (const v of [...values].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(v).join("***");
  return out;
}
function hookEnv(run2) {
  const env = { ...process.env, ...run2.env };
  if (run2.plan.apiToken) env.CLOUDFLARE_API_TOKEN = run2.plan.apiToken;
  if (run2.plan.accountId) env.CLOUDFLARE_ACCOUNT_ID = run2.plan.accountId;
  return env;
}
function hookSkip(run2, commands, input) {
  if (commands.length === 0) return `no ${input} commands`;
  if (!run2.plan.needsToken)
    return `nothing is uploaded in this run (${run2.plan.upload === "none" ? run2.plan.noUpload?.reason ?? "no upload" : run2.plan.uploadSkipped ? "upload skipped" : run2.plan.upload}), so ${input} does not run`;
  return void 0;
}
async function runHooks(run2, commands, input) {
  if (run2.wrangler) {
    await run2.wrangler.catch((err) => {
      throw new StageFailure(`could not set up wrangler for ${input}: ${errorMessage(err)}`);
    });
  }
  const env = hookEnv(run2);
  const secrets = [run2.plan.apiToken, ...Object.values(run2.plan.secrets)].filter(Boolean);
  for (const [i, command] of commands.entries()) {
    info(`$ ${maskValues(command, secrets)}`);
    const r = await run("bash", ["-e", "-o", "pipefail", "-c", command], { cwd: run2.plan.project.root, env, silent: true });
    const output = maskValues(`${r.stdout}${r.stderr ? (r.stdout.endsWith("\n") || !r.stdout ? "" : "\n") + r.stderr : ""}`, secrets);
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}
`);
    if (r.exitCode !== 0) {
      const last = lastErrorLine(maskValues(r.stderr, secrets)) ?? lastErrorLine(maskValues(r.stdout, secrets));
      throw new StageFailure(`${input} line ${i + 1} (${maskValues(command, secrets)}) failed with exit ${r.exitCode}${last ? `: ${last}` : ""}`);
    }
  }
  return `${commands.length} command(s) ran`;
}

// src/stages/post-deploy.ts
var postDeploy = {
  name: "post-deploy",
  title: "Post-deploy commands",
  skip: (run2) => hookSkip(run2, run2.plan.inputs.postDeploy, "post-deploy"),
  async run(run2) {
    try {
      return { detail: await runHooks(run2, run2.plan.inputs.postDeploy, "post-deploy") };
    } catch (err) {
      const what = run2.report.deploy?.versionId ? `version ${run2.report.deploy.versionId} was uploaded and stays` : "the upload happened and stays";
      throw Object.assign(err, { message: `${err.message} (after the upload: ${what})` });
    }
  }
};

// src/stages/pre-deploy.ts
var preDeploy = {
  name: "pre-deploy",
  title: "Pre-deploy commands",
  skip: (run2) => hookSkip(run2, run2.plan.inputs.preDeploy, "pre-deploy"),
  async run(run2) {
    return { detail: await runHooks(run2, run2.plan.inputs.preDeploy, "pre-deploy") };
  }
};

// src/stages/setup.ts
import path4 from "node:path";

// src/setup/index.ts
import path3 from "node:path";
var UV_POISON = ["VIRTUAL_ENV", "CONDA_PREFIX", "UV_PYTHON", "UV_PROJECT_ENVIRONMENT", "PYTHONHOME", "UV_PYTHON_INSTALL_MIRROR"];
async function setupTools(inputs, project, wrangler2, shimDir, extraEnv = {}, wranglerRestored) {
  const baseEnv = { ...process.env, ...extraEnv };
  for (const k of UV_POISON) delete baseEnv[k];
  for (const k of Object.keys(baseEnv)) if (k.startsWith("INPUT_")) delete baseEnv[k];
  const uv = await setupUv(uvRequest(inputs.uvVersion, project.uvRequiredVersion), inputs.uvDownloadUrl);
  addPath(uv.binDir);
  baseEnv.PATH = `${uv.binDir}${path3.delimiter}${baseEnv.PATH ?? ""}`;
  const wp = workersPyForProject(inputs.workersPyVersion, project);
  const workersPy = await setupWorkersPy(wp.version, baseEnv, wp);
  addPath(workersPy.binDir);
  let wranglerReady;
  if (wrangler2) {
    wranglerReady = (async () => {
      await wranglerRestored;
      return setupWrangler(wrangler2, shimDir, baseEnv);
    })();
    wranglerReady.catch(() => void 0);
  }
  const env = {
    ...baseEnv,
    // The shim folder (node ≥ 22 and the npx shim) is filled by the wrangler set-up before any upload.
    PATH: [shimDir, workersPy.binDir, uv.binDir, process.env.PATH ?? ""].join(path3.delimiter),
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    NO_UPDATE_NOTIFIER: "1"
  };
  const detail = `uv ${uv.version} (${uv.source}), workers-py ${workersPy.version} (${workersPy.cached ? "tool cache" : "installed"}), Node ${process.versions.node}${wrangler2 ? `; wrangler ${wrangler2.spec} (${wrangler2.source}) set up in the background` : ""}`;
  info(detail);
  const fetched = uv.source === "download" || !workersPy.cached;
  return { uvVersion: uv.version, workersPyVersion: workersPy.version, wrangler: wranglerReady, env, detail, fetched };
}

// src/stages/setup.ts
var setup = {
  name: "setup",
  title: "Set up uv, workers-py and wrangler",
  skip: () => void 0,
  async run(run2) {
    const { plan, report, cache } = run2;
    const restored = await cache.restoreTools();
    const wrangler2 = plan.needsWrangler ? plan.wrangler : void 0;
    const tools = await setupTools(plan.inputs, plan.project, wrangler2, path4.join(run2.temp, "bin"), cache.env, restored.wranglerRestored);
    run2.tools = tools;
    run2.env = tools.env;
    report.versions = { uv: tools.uvVersion, workersPy: tools.workersPyVersion };
    run2.wrangler = tools.wrangler?.then((w) => {
      report.versions.wrangler = w.version;
      return w;
    });
    run2.wrangler?.catch(() => void 0);
    return { detail: tools.detail + restored.detail };
  },
  // A background wrangler set-up finishes before the step ends.
  async finish(run2) {
    await run2.wrangler?.catch(() => void 0);
  }
};

// src/stages/snapshot.ts
import path8 from "node:path";

// src/snapshot/check.ts
import { fork } from "node:child_process";
import fs5 from "node:fs";
import path7 from "node:path";
import { fileURLToPath } from "node:url";

// src/snapshot/outcome.ts
import path5 from "node:path";
var FIXES = {
  entropy: "Call it inside a handler (or a function a handler calls), not at the top level.",
  io: "Do the I/O inside a handler, not at the top level.",
  import: "Fix the error above, or import the module inside the handler that needs it.",
  "rng-state": "Do not draw from random (random._inst, a saved random.random, \u2026) at the top level; seed your own random.Random(x) instead.",
  "js-global": "Create the JavaScript object inside a handler, or delete the global after use.",
  handler: "Export class Default(WorkerEntrypoint) with the handler methods.",
  "native-extension": "Remove it from python_modules and let pywrangler sync vendor the Pyodide build.",
  size: "Remove unused dependencies, or exclude files with python_modules.exclude in wrangler's config."
};
function harnessConfig(release2, date, flags, standins) {
  const f = pythonFlags(date, flags);
  return {
    runtime_version: release2.runtime,
    legacy_vendor_path: !f.forceNewVendorPath,
    // metadata.ts:52-59
    process_pth_files: f.processPthFiles,
    // metadata.ts:61
    check_rng_state: f.checkRngState,
    // metadata.ts:60
    // Dedicated snapshots are not supported on 0.26.0a2 (internal/snapshot.ts:848-853).
    dedicated_snapshot: f.dedicatedSnapshot && !release2.runtime.startsWith("0.26."),
    standins
  };
}
var SECRET_PLACEHOLDER = "python-workers-action-secret-placeholder";
function topLevelEnv(vars, inputVars, bindings, secretNames) {
  const env = {};
  for (const b of bindings) env[b.name] = {};
  Object.assign(env, vars);
  for (const [k, v] of inputVars) env[k] = v;
  for (const s of secretNames) env[s] = SECRET_PLACEHOLDER;
  return env;
}
function handlerViolations(handlers, entry, mainModule, date, flags) {
  if (!handlers) return [];
  const classOnly = pythonFlags(date, flags).noGlobalHandlers;
  if (handlers.classes.length > 0) return [];
  if (handlers.functions.length > 0 && !classOnly) return [];
  if (handlers.functions.length > 0) {
    const fn = handlers.functions[0];
    const many = handlers.functions.length > 1;
    return [
      {
        rule: "handler",
        file: entry,
        line: handlers.lines[fn] ?? 1,
        message: `${RUNTIME_TEXT.noHandler(mainModule, "Default")}: top-level ${handlers.functions.join(", ")} ${many ? "are" : "is"} not used from compatibility date 2025-08-14 (python_no_global_handlers). Move ${many ? "them" : "it"} into class Default(WorkerEntrypoint), or add the disable_python_no_global_handlers flag.`
      }
    ];
  }
  return [
    {
      rule: "handler",
      file: entry,
      line: 1,
      message: `${RUNTIME_TEXT.noHandler(mainModule, "Default")}. Define class Default(WorkerEntrypoint) with an async fetch(self, request) method${classOnly ? "" : " (or a top-level on_fetch)"}.`
    }
  ];
}
function mapRaw(v, moduleRootRel, entry) {
  return { file: projectPath(v.path, moduleRootRel) ?? entry, line: v.line ?? 1 };
}
function mapNotices(result, moduleRootRel, entry) {
  const out = [];
  for (const n of result.notices) {
    const rule = NOTICE_RULES.includes(n.rule) ? n.rule : "approximate";
    const what = rule === "caught-entropy" || rule === "caught-io" ? `${n.message} (raised at the top level and caught by the Worker: not a failure)` : n.message;
    out.push({ rule, ...mapRaw(n, moduleRootRel, entry), message: what });
  }
  const clock = out.filter((n) => n.rule === "clock");
  for (const n of clock)
    n.message = `top-level code reads the clock here: outside a request the runtime's clock reads 0 (time.time() is 0.0, datetime.now() is 1970-01-01), and that value is kept in the snapshot. Read the time inside the handler.`;
  return out;
}
function rngViolation(rng, entry) {
  if (!rng) return [];
  return [{ rule: "rng-state", file: entry, line: 1, message: `RuntimeError: ${rng}` }];
}
function snapshotStageOutcome(r, budgetMs, rel) {
  const annotations = r.violations.map((v2) => ({
    level: "error",
    title: `Snapshot check: ${v2.rule}`,
    message: FIXES[v2.rule] ? `${v2.message}
Fix: ${FIXES[v2.rule]}` : v2.message,
    file: rel(v2.file),
    line: v2.line
  }));
  for (const n of r.notices) annotations.push({ level: "notice", title: `Snapshot check: ${n.rule}`, message: n.message, file: rel(n.file), line: n.line });
  if (!r.ok) {
    const first = r.violations[0];
    return { annotations, failure: `${r.violations.length} violation(s); first: ${first.rule} at ${first.file}:${first.line}: ${first.message}`, detail: "" };
  }
  const ms = r.import_ms ?? 0;
  const notes = r.notices.length ? `, ${r.notices.length} notice(s)` : "";
  const v = importTimeVerdict({ wallMs: ms, cpuMs: r.import_cpu_ms ?? void 0 }, budgetMs, r.entry);
  const took = v.method === "thread CPU time" ? `${Math.round(v.measuredMs)} ms CPU (${ms} ms wall)` : `${ms} ms (wall)`;
  const detail = `Pyodide ${r.pyodide}: ${r.entry} imported in ${took}, no violations${notes}${r.reused ? " (verdict reused: same files and settings as an earlier run)" : ""}`;
  if (v.warn) return { annotations, detail: `${detail} (over the ${Math.round(v.thresholdMs)} ms threshold)`, slow: v.message };
  return { annotations, detail };
}
function stoppedAt(violations) {
  const v = violations.find((x) => x.rule === "entropy" || x.rule === "io" || x.rule === "import");
  return v ? `${path5.posix.normalize(v.file)}:${v.line}` : null;
}

// src/snapshot/pyodide.ts
import crypto from "node:crypto";
import fs3 from "node:fs";
import path6 from "node:path";
async function integrityMatches(file, integrity) {
  const [algo, expected] = integrity.split("-", 2);
  const hash = crypto.createHash(algo);
  for await (const chunk of fs3.createReadStream(file)) hash.update(chunk);
  return hash.digest("base64") === expected;
}
async function ensurePyodide(release2, registry) {
  const hit = find("pyodide", release2.npm);
  if (hit && fs3.existsSync(path6.join(hit, "pyodide.mjs"))) return { dir: hit };
  const url = `${registry}/pyodide/-/pyodide-${release2.npm}.tgz`;
  info(`Downloading Pyodide ${release2.npm} from ${url}`);
  let tgz;
  try {
    tgz = await download(url);
  } catch (err) {
    throw downloadFailure(`Pyodide ${release2.npm}`, err, "Set npm-registry-url to a reachable registry, or snapshot-check: false.");
  }
  if (!await integrityMatches(tgz, release2.integrity)) {
    throw new StageFailure(`Pyodide ${release2.npm} from ${url} does not match its npm integrity ${release2.integrity}. Nothing was installed.`);
  }
  const extracted = await extractTar(tgz);
  fs3.rmSync(tgz, { force: true });
  const dir = await cacheDir(path6.join(extracted, "package"), "pyodide", release2.npm);
  return { dir };
}
function unvendoredStdlib(pyodideDir2) {
  try {
    const lock = JSON.parse(fs3.readFileSync(path6.join(pyodideDir2, "pyodide-lock.json"), "utf8"));
    const out = [];
    for (const pkg of Object.values(lock.packages ?? {})) {
      if (pkg.package_type !== "cpython_module") continue;
      if (fs3.existsSync(path6.join(pyodideDir2, pkg.file_name))) continue;
      out.push(...pkg.imports ?? []);
    }
    return out;
  } catch {
    return ["ssl", "_ssl", "sqlite3", "_sqlite3", "lzma", "_lzma", "_hashlib"];
  }
}

// src/snapshot/verdict-key.ts
import crypto2 from "node:crypto";
import fs4 from "node:fs";
function verdictKey(input, workerCode, release2) {
  const h = crypto2.createHash("sha256");
  const part = (label, data) => {
    h.update(`${label}\0${data.length}\0`);
    h.update(data);
  };
  part("worker", workerCode);
  part("pyodide", `${release2.npm} ${release2.integrity}`);
  const { pyodideDir: _p, moduleRoot: _m, vendorDir: _v, baselineFile: _b, ...settings } = input;
  part("settings", JSON.stringify(settings));
  const trees = [["root", input.moduleRoot, moduleRootSkip(input.vendorDir)]];
  if (fs4.existsSync(input.vendorDir)) trees.push(["vendor", input.vendorDir, vendorSkip]);
  for (const [label, dir, skip] of trees) {
    for (const [rel, abs] of treeFiles(dir, skip)) {
      part(`${label}:${rel}`, fs4.readFileSync(abs));
    }
  }
  return h.digest("hex").slice(0, 40);
}

// src/snapshot/check.ts
var LOOKUP_GRACE_MS = 250;
var graceOver = (ms) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve(void 0), ms);
  timer.unref();
});
var WORKER_FILE = () => fileURLToPath(new URL("./snapshot-worker.js", import.meta.url));
var PYODIDE_V8_FLAGS = ["--liftoff-only"];
var SnapshotWorker = class {
  worker;
  done;
  timer;
  loadedAt;
  /** Settles once Pyodide is loaded (and a new baseline snapshot written), or the worker ended. */
  loaded;
  markLoaded = () => void 0;
  constructor(input, timeoutMs) {
    this.worker = fork(WORKER_FILE(), [], {
      execArgv: PYODIDE_V8_FLAGS,
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced"
    });
    this.worker.send(input);
    this.loaded = new Promise((resolve) => {
      this.markLoaded = resolve;
      this.worker.once("exit", () => resolve());
    });
    this.done = new Promise((resolve, reject) => {
      this.worker.on("message", (msg) => {
        const m = msg;
        if (m.ready) {
          this.loadedAt = performance.now();
          this.timer = setTimeout(() => this.worker.kill(), timeoutMs);
          this.markLoaded();
          return;
        }
        if (!m.done) return;
        clearTimeout(this.timer);
        this.worker.kill();
        if (m.ok && m.result) resolve(m.result);
        else {
          if (m.log) info(m.log);
          reject(new StageFailure(`the snapshot check could not run Pyodide: ${m.error}`));
        }
      });
      this.worker.once("error", (e) => {
        clearTimeout(this.timer);
        reject(new StageFailure(`the snapshot check failed: ${e.message}`));
      });
      this.worker.once("exit", () => reject(new StageFailure(`importing the entry module did not finish within ${Math.round(timeoutMs / 1e3)} s (a loop or a blocking call at the top level?).`)));
    });
    this.done.catch(() => void 0);
  }
  /** The import's result (it started as soon as Pyodide was loaded). */
  result() {
    return this.done;
  }
  cancel() {
    clearTimeout(this.timer);
    this.worker.kill();
  }
};
function prepareSnapshotCheck(project, opts) {
  const { worker: cfg, root } = project;
  const release2 = pyodideFor(cfg.compatibilityDate, cfg.compatibilityFlags);
  const started = performance.now();
  let created;
  const worker = ensurePyodide(release2, opts.registry).then(async ({ dir }) => {
    const harness = harnessConfig(release2, cfg.compatibilityDate, cfg.compatibilityFlags, unvendoredStdlib(dir));
    const input = {
      pyodideDir: dir,
      moduleRoot: path7.dirname(path7.resolve(root, cfg.main)),
      vendorDir: path7.join(root, "python_modules"),
      entryName: path7.basename(cfg.main, ".py"),
      flags: cfg.compatibilityFlags,
      runtimeModules: harness.standins,
      harness,
      env: topLevelEnv(cfg.vars, opts.vars ?? [], cfg.bindings, opts.secretNames ?? []),
      // Unserializable JS globals matter only when a dedicated snapshot is taken (snapshot.ts:844-853).
      snapshot: harness.dedicated_snapshot,
      // Booted with the runtime's PYTHONHASHSEED and HOME ("-rt1"); older baselines are not reused.
      baselineFile: path7.join(dir, `baseline-node${process.versions.node.split(".")[0]}-rt1.snapshot`)
    };
    const key = opts.verdicts ? verdictKey(input, fs5.readFileSync(WORKER_FILE()), release2) : void 0;
    const reused = key && opts.verdicts ? opts.verdicts.restore(key).catch(() => void 0) : Promise.resolve(void 0);
    const baseline = input.baselineFile !== void 0 && fs5.existsSync(input.baselineFile);
    const verdict = key && baseline ? await Promise.race([reused, graceOver(LOOKUP_GRACE_MS)]) : void 0;
    if (verdict) return { key, reused, verdict };
    const w = new SnapshotWorker(input, opts.timeoutMs);
    created = w;
    reused.then((hit) => {
      if (!hit) return;
      if (baseline) w.cancel();
      else w.loaded.then(() => w.cancel());
    });
    return { worker: w, key, reused };
  });
  worker.catch(() => void 0);
  const settled = worker.then(
    (w) => "worker" in w ? w.worker.loaded : void 0,
    () => void 0
  );
  return { project, opts, release: release2, started, worker, settled, cancel: () => created?.cancel() };
}
async function runSnapshotCheck(prepared) {
  const { project, opts, release: release2 } = prepared;
  const { worker: cfg, root } = project;
  const entry = path7.posix.normalize(cfg.main.replace(/\\/g, "/"));
  const moduleRootRel = path7.relative(root, path7.dirname(path7.resolve(root, cfg.main))).split(path7.sep).join("/");
  const violations = [];
  violations.push(...scanNativeExtensions(root));
  const bundle = measureBundle(root, cfg.main, cfg.pythonModulesExclude);
  if (bundle.raw > opts.sizeLimit) {
    violations.push({
      rule: "size",
      file: entry,
      line: 1,
      message: `Your Worker exceeded the size limit: the upload is ${bundle.raw} bytes uncompressed (${bundle.gzip} gzip), over the limit of ${opts.sizeLimit} bytes. Remove unused dependencies from python_modules, or exclude files with python_modules.exclude.`
    });
  }
  const started = await prepared.worker;
  const { key, reused } = started;
  const waited = performance.now();
  let result;
  let reusedVerdict = true;
  if ("verdict" in started) result = started.verdict;
  else {
    const fresh = started.worker.result();
    fresh.catch(() => void 0);
    const earlier = await Promise.race([
      reused,
      fresh.then(
        () => void 0,
        () => void 0
      )
    ]);
    if (earlier) result = earlier;
    else {
      reusedVerdict = false;
      try {
        result = await fresh;
      } finally {
        addToolMillis(waited);
      }
      if (key) opts.verdicts?.save(key, result, reused);
    }
  }
  if (reusedVerdict) info(`Verdict reused: an earlier check read exactly these files and settings (verdict ${key}); Pyodide was not run again. Its timings below are that run's.`);
  if (result.traceback) info(`Python traceback of the import:
${result.traceback}`);
  for (const v of result.violations) if (v.stack) info(`${v.rule}: ${v.message}
${v.stack}`);
  if (result.log.trim()) info(`Output of the import:
${result.log}`);
  violations.push(...mapViolations(result.violations, moduleRootRel, entry));
  violations.push(...jsGlobalViolations(result.jsGlobals, moduleRootRel, entry));
  violations.push(...handlerViolations(result.handlers, entry, path7.basename(cfg.main), cfg.compatibilityDate, cfg.compatibilityFlags));
  violations.push(...rngViolation(result.rng, entry));
  const h = harnessConfig(release2, cfg.compatibilityDate, cfg.compatibilityFlags, []);
  const report = {
    ok: violations.length === 0,
    pyodide: release2.npm,
    python: release2.python,
    entry,
    import_ms: result.imported ? Math.round(result.importMs) : null,
    import_cpu_ms: result.imported && result.importCpuMs !== void 0 ? Math.round(result.importCpuMs) : null,
    bundle: { raw_bytes: bundle.raw, gzip_bytes: bundle.gzip },
    violations,
    notices: mapNotices(result, moduleRootRel, entry),
    stopped_at: stoppedAt(violations),
    ...reusedVerdict ? { reused: true } : {},
    runtime: {
      pyodide: release2.runtime,
      dedicated_snapshot: h.dedicated_snapshot,
      process_pth_files: h.process_pth_files,
      check_rng_state: h.check_rng_state,
      legacy_vendor_path: h.legacy_vendor_path,
      global_handlers: !classHandlersRequired(cfg.compatibilityDate, cfg.compatibilityFlags)
    }
  };
  fs5.mkdirSync(path7.dirname(opts.reportFile), { recursive: true });
  fs5.writeFileSync(opts.reportFile, `${JSON.stringify(report, null, 2)}
`);
  info(
    `Pyodide ${release2.npm} loaded in ${Math.round(result.loadMs)} ms${result.baseline === "loaded" ? " from its baseline snapshot" : result.baseline === "made" ? " (baseline snapshot saved for next time)" : ""} (started ${Math.round((waited - prepared.started) / 1e3 * 10) / 10} s before this stage); ${result.files} files; entry imported in ${Math.round(result.importMs)} ms (${result.modules.length} project modules); Pyodide process CPU ${result.cpuMs} ms.`
  );
  return { report, reportFile: opts.reportFile };
}

// src/stages/snapshot.ts
var snapshot = {
  name: "snapshot",
  title: "Snapshot check (import the entry under Pyodide)",
  skip: unlessTurnedOff("snapshotCheck", "snapshot-check"),
  // Download and load Pyodide while lint and tests run.
  startsAfter: "sync",
  start(run2) {
    const { inputs, project } = run2.plan;
    if (!inputs.snapshotCheck) return;
    run2.snapshot = prepareSnapshotCheck(project, {
      registry: inputs.npmRegistryUrl,
      sizeLimit: inputs.bundleSizeLimit,
      timeoutMs: SNAPSHOT_TIMEOUT_MS,
      reportFile: path8.join(runnerTemp(), `python-workers-snapshot-report-${project.worker.name}.json`),
      vars: inputs.vars,
      secretNames: inputs.secrets,
      verdicts: run2.cache.verdicts()
    });
  },
  async run(run2) {
    const { plan, report } = run2;
    const { inputs, project } = plan;
    const r = await runSnapshotCheck(required(run2.snapshot, "the snapshot check"));
    report.snapshot = { report: r.report, budgetMs: inputs.importTimeBudgetMs, file: r.reportFile };
    const rel = (f) => path8.relative(plan.workspace, path8.join(project.root, f)).split(path8.sep).join("/");
    const o = snapshotStageOutcome(r.report, inputs.importTimeBudgetMs, rel);
    for (const a of o.annotations) annotate(a);
    if (o.failure) throw new StageFailure(o.failure);
    if (o.slow) {
      warning(o.slow, { title: "Slow start-up", file: rel(r.report.entry), startLine: 1 });
      return { outcome: "warning", detail: o.detail };
    }
    return { detail: o.detail };
  },
  finish(run2) {
    run2.snapshot?.cancel();
  }
};

// src/setup/sync.ts
async function runSync(root, workersPyVersion, env) {
  const fresh = syncTokensFresh(root, workersPyVersion);
  const res = await run("pywrangler", ["sync"], { cwd: root, env });
  if (res.exitCode !== 0) {
    const reason = lastErrorLine(`${res.stdout}
${res.stderr}`);
    throw new StageFailure(`pywrangler sync failed (exit ${res.exitCode})${reason ? `: ${reason}` : ""}`);
  }
  return fresh ? "up to date, nothing to sync" : "python_modules/ and .venv-workers/ synced";
}

// src/stages/sync.ts
var sync = {
  name: "sync",
  title: "pywrangler sync",
  skip: (run2) => run2.depsRestored ? "restored from the cache on its exact key; pywrangler's tokens brought up to date" : void 0,
  async run(run2) {
    const tools = required(run2.tools, "the toolchain");
    const detail = await runSync(run2.plan.project.root, tools.workersPyVersion, run2.env);
    return { detail: detail + await run2.cache.saveDeps(tools, run2.env) };
  }
};

// src/stages/test.ts
import fs7 from "node:fs";
import path11 from "node:path";

// src/testing/pyodide/stage.ts
import path10 from "node:path";

// src/testing/pyodide/env.ts
var placeholderSecret = (name) => `placeholder-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
function testEnv(vars, secretNames) {
  const env = { ...vars };
  for (const name of secretNames) env[name] = placeholderSecret(name);
  return env;
}

// src/testing/pyodide/run.ts
import fs6 from "node:fs";
import path9 from "node:path";
import { Worker } from "node:worker_threads";
var testBaselineFile = (pyodideDir2) => path9.join(pyodideDir2, `baseline-tests-${preloadTag()}-node${process.versions.node.split(".")[0]}.snapshot`);
var COMPILED_MARK = ".pwa-compiled";
var EMPTY = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
async function runPyodideTests(opts) {
  const started = performance.now();
  const current = new SharedArrayBuffer(4 + 4096);
  const compileDeps = !fs6.existsSync(path9.join(opts.depsDir, COMPILED_MARK));
  fs6.rmSync(opts.junitFile, { force: true });
  const input = {
    pyodideDir: opts.pyodideDir,
    projectRoot: path9.resolve(opts.projectRoot),
    moduleRoot: path9.dirname(path9.resolve(opts.projectRoot, opts.main)),
    vendorDir: path9.join(path9.resolve(opts.projectRoot), "python_modules"),
    depsDir: opts.depsDir,
    compileDeps,
    flags: opts.flags,
    env: opts.env,
    junitFile: opts.junitFile,
    pytestArgs: opts.pytestArgs ?? [],
    baselineFile: opts.baselineFile,
    current
  };
  const workerFile = opts.workerFile ?? new URL("./pyodide-test-worker.js", import.meta.url);
  const worker = new Worker(workerFile, { workerData: input, stdout: true, stderr: true });
  const log = [];
  const seen = [];
  let timer;
  const outcome = await new Promise((resolve) => {
    timer = setTimeout(() => {
      resolve({ timedOut: true });
      void worker.terminate();
    }, opts.timeoutMs);
    worker.on("message", (m) => {
      if (m.out !== void 0) {
        log.push(m.out);
        opts.onOutput?.(m.out);
      }
      if (m.test) seen.push(m.test);
      if (m.done) resolve(m.ok ? { result: m.result } : { error: m.error });
    });
    worker.once("error", (e) => resolve({ error: e.message }));
    worker.once("exit", (code) => resolve({ error: `the Pyodide worker exited (${code}) before pytest finished` }));
  });
  clearTimeout(timer);
  await worker.terminate();
  const wallMs = performance.now() - started;
  const base = {
    loadMs: outcome.result?.loadMs ?? 0,
    runMs: outcome.result?.runMs ?? 0,
    loadCpuMs: outcome.result?.loadCpuMs ?? 0,
    runCpuMs: outcome.result?.runCpuMs ?? 0,
    wallMs,
    baseline: outcome.result?.baseline ?? "none",
    log: log.join("\n")
  };
  const parsed = fs6.existsSync(opts.junitFile) ? fs6.readFileSync(opts.junitFile, "utf8") : void 0;
  const junit = parsed ? parseJUnit(parsed) : { counts: EMPTY, failures: [] };
  const cases = parsed ? junitCases(parsed) : [];
  if (outcome.timedOut) {
    return { exitCode: null, ...junit, cases: cases.length > 0 ? cases : seen, hung: readCurrent(current), ...base };
  }
  if (!outcome.result) return { exitCode: null, ...junit, cases, error: outcome.error ?? "unknown failure", ...base };
  if (compileDeps) fs6.writeFileSync(path9.join(opts.depsDir, COMPILED_MARK), "");
  return { exitCode: outcome.result.exitCode, ...junit, cases, ...base };
}

// src/testing/pyodide/stage.ts
async function pyodideDir(run2, release2) {
  const snap = run2.snapshot;
  if (snap && snap.release.npm === release2.npm) await snap.worker.catch(() => void 0);
  return (await ensurePyodide(release2, run2.plan.inputs.npmRegistryUrl)).dir;
}
async function runPyodideSuite(run2, junitFile) {
  const { plan } = run2;
  const { inputs, project } = plan;
  const cfg = project.worker;
  const started = performance.now();
  const release2 = pyodideFor(cfg.compatibilityDate, cfg.compatibilityFlags);
  try {
    const dir = await pyodideDir(run2, release2);
    const deps = await ensureTestDeps({ projectRoot: project.root, python: release2.python, cacheRoot: run2.cache.pyodideTestDepsRoot, env: run2.env, useLock: project.locked.size > 0 }).catch(
      (err) => {
        throw new StageFailure(`the Pyodide test run could not get its test dependencies: ${err instanceof Error ? err.message : String(err)}`);
      }
    );
    for (const name of deps.skippedNative) {
      warning(`${name} has native code and cannot load in Pyodide; the Pyodide test run goes without it.`, { title: "Test dependency left out (Pyodide)" });
    }
    const result = await runPyodideTests({
      pyodideDir: dir,
      projectRoot: project.root,
      main: cfg.main,
      flags: cfg.compatibilityFlags,
      env: testEnv({ ...cfg.vars, ...Object.fromEntries(inputs.vars) }, inputs.secrets),
      depsDir: deps.dir,
      junitFile,
      timeoutMs: inputs.testTimeoutMs,
      baselineFile: testBaselineFile(dir),
      onOutput: (l) => info(`[pyodide] ${l}`)
    });
    if (result.error !== void 0) throw new StageFailure(`the Pyodide test run could not run: ${result.error}`);
    result.failures = result.failures.map((f) => ({ ...f, file: f.file ? workspaceRelative(f.file, project.root, plan.workspace) : void 0 }));
    info(
      `Pyodide ${release2.npm} (Python ${release2.python}): loaded in ${formatMillis(result.loadMs)}${result.baseline === "loaded" ? " from its baseline snapshot" : ""}, pytest ${formatMillis(result.runMs)}; CPU ${formatMillis(result.loadCpuMs + result.runCpuMs)}, wall ${formatMillis(result.wallMs)}.`
    );
    return { result, junitFile, pyodide: release2.npm, python: release2.python, skippedNative: deps.skippedNative };
  } finally {
    addToolMillis(started);
    run2.cache.testsFinished();
  }
}
var junitPaths = (dir) => ({ cpython: path10.join(dir, "pytest-junit.xml"), pyodide: path10.join(dir, "pytest-junit-pyodide.xml") });

// src/stages/test.ts
var countsLine = (c) => `${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped`;
async function both(a, b) {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === "rejected") throw ra.reason;
  if (rb.status === "rejected") throw rb.reason;
  return [ra.value, rb.value];
}
var test = {
  name: "test",
  title: (run2) => run2.plan.inputs.testRuntime === "cpython" ? "Test (pytest)" : `Test (pytest: ${run2.plan.inputs.testRuntime === "both" ? "CPython and Pyodide" : "Pyodide"})`,
  skip: unlessTurnedOff("test", "test"),
  async run(run2) {
    const { plan, report, env } = run2;
    const rt = plan.inputs.testRuntime;
    const dir = path11.join(runnerTemp(), `python-workers-tests-${plan.project.worker.name}`);
    fs7.mkdirSync(dir, { recursive: true });
    const junit = junitPaths(dir);
    for (const f of Object.values(junit)) fs7.rmSync(f, { force: true });
    const [cp, py] = await both(
      rt !== "pyodide" ? runTests(plan.project, plan.workspace, dir, env, { lockCurrent: run2.depsRestored, envRestored: run2.testEnvRestored }, plan.inputs.pytestArgs) : void 0,
      rt !== "cpython" ? runPyodideSuite(run2, junit.pyodide) : void 0
    );
    report.testResults = { cpython: cp && fs7.existsSync(junit.cpython) ? junit.cpython : void 0, pyodide: py && fs7.existsSync(junit.pyodide) ? junit.pyodide : void 0 };
    if (cp) {
      report.tests = cp.counts;
      report.failedTests = cp.failures;
      for (const f of cp.failures) annotate({ level: "error", title: `Test failed: ${f.name}`, message: f.message, file: f.file, line: f.line });
    }
    const parts = [];
    let failed = cp ? cp.counts.failed + cp.counts.errors > 0 : false;
    if (cp) parts.push(`${py ? "CPython: " : ""}${cp.noTests ? "no tests collected" : countsLine(cp.counts)}`);
    if (py) {
      const r = py.result;
      const t = runtimeTests({
        cpython: cp ? cp.noTests || !report.testResults.cpython ? [] : junitCases(fs7.readFileSync(junit.cpython, "utf8")) : void 0,
        cpythonCounts: cp?.counts,
        pyodide: r.cases,
        failures: r.failures,
        counts: r.counts,
        hung: r.hung,
        rel: (f) => workspaceRelative(f, plan.project.root, plan.workspace),
        info: { pyodide: py.pyodide, python: py.python, timeoutMs: plan.inputs.testTimeoutMs, skippedNative: py.skippedNative, wallMs: r.wallMs, cpuMs: r.loadCpuMs + r.runCpuMs }
      });
      report.runtimeTests = t;
      if (!cp) {
        report.tests = r.counts;
        report.failedTests = r.failures;
        for (const f of r.failures) annotate({ level: "error", title: `Test failed on Pyodide: ${f.name}`, message: f.message, file: f.file, line: f.line });
      }
      for (const x of t.onlyCPython) {
        annotate({ level: "error", title: `Fails on Pyodide (passes on CPython): ${x.id}`, message: `${x.message}${x.traceback ? `

${x.traceback}` : ""}`, file: x.file, line: x.line });
      }
      if (r.hung !== void 0) {
        const name = r.hung || "a test (between tests)";
        error(`${name} did not finish within ${Math.round(plan.inputs.testTimeoutMs / 1e3)} s on Pyodide and was stopped (test-timeout).`, { title: "Test hung on Pyodide" });
      }
      const only = t.onlyCPython.length ? ` (${t.onlyCPython.length} pass on CPython only)` : "";
      parts.push(`Pyodide: ${r.hung !== void 0 ? `stopped by test-timeout at ${r.hung || "a test"}; ` : ""}${countsLine(r.counts)}${only}`);
      failed ||= r.counts.failed + r.counts.errors > 0 || r.hung !== void 0;
    }
    const line = parts.join("; ");
    if (failed) throw new StageFailure(`pytest: ${line}`);
    const noTests = cp ? cp.noTests : py?.result.exitCode === 5;
    if (noTests && (!py || py.result.counts.tests === 0)) {
      warning("pytest collected no tests (exit 5). Add tests under tests/, or set test: false.", { title: "No tests" });
      return { outcome: "warning", detail: "no tests collected" };
    }
    return { detail: line };
  },
  finish(run2) {
    run2.cache.testsFinished();
  }
};

// src/stages/index.ts
var PIPELINE = [setup, cacheRestore, sync, lint, test, snapshot, preDeploy, deploy, postDeploy];
export {
  PIPELINE
};
