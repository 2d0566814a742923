import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  sanitizePreviewAlias,
  secretValues,
  wranglerRequest
} from "./chunk-WN4CBZ6U.js";
import {
  InputError,
  errorMessage,
  inputDefault,
  parseSize,
  readProject,
  workersPyForProject
} from "./chunk-TKJ4B4UY.js";
import {
  debug,
  getBooleanInput,
  getInput,
  getMultilineInput,
  info,
  setFailed,
  setSecret
} from "./chunk-QTY4EPG6.js";
import "./chunk-LVHE7N22.js";

// src/context.ts
import fs from "node:fs";
function readPayload(file) {
  if (!file || !fs.existsSync(file)) return {};
  try {
    const payload = JSON.parse(fs.readFileSync(file, "utf8"));
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}
function readContext(env) {
  const repository = env.GITHUB_REPOSITORY;
  const runId = env.GITHUB_RUN_ID;
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event: readPayload(env.GITHUB_EVENT_PATH),
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : void 0
  };
}
function defaultMessageAndTag(ctx) {
  const e = ctx.event ?? {};
  if (ctx.eventName === "release" && e.release) {
    return { message: e.release.name || e.release.tag_name, tag: e.release.tag_name };
  }
  const commitMessage = e.head_commit?.message ?? e.pull_request?.title;
  const message = typeof commitMessage === "string" ? commitMessage.split(/\r?\n/)[0].trim() : void 0;
  const sha = e.pull_request?.head?.sha ?? ctx.sha ?? "";
  return { message: message || void 0, tag: sha ? sha.slice(0, 7) : void 0 };
}

// src/inputs.ts
import path from "node:path";
var MODES = ["auto", "deploy", "preview", "dry-run", "check"];
function input(name) {
  return getInput(name) || inputDefault(name);
}
function booleanInput(name) {
  if (getInput(name) === "") return inputDefault(name) === "true";
  try {
    return getBooleanInput(name);
  } catch {
    throw new InputError(name, `expected true or false, got "${getInput(name)}".`);
  }
}
function parseMode(raw) {
  const value = raw.toLowerCase();
  if (MODES.includes(value)) return value;
  throw new InputError("mode", `unknown mode "${raw}". Use one of: ${MODES.join(", ")}.`);
}
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function lines(list) {
  return list.map((text, i) => ({ text, lineNo: i + 1 })).filter((l) => !l.text.startsWith("#"));
}
function parseSecretNames(list) {
  const names = [];
  for (const { text, lineNo } of lines(list)) {
    if (text.includes("=")) {
      throw new InputError(
        "secrets",
        `line ${lineNo} looks like NAME=value. List only names here and pass the values in the step's env: (e.g. env: { ${text.split("=")[0].trim() || "NAME"}: \${{ secrets.\u2026 }} }).`
      );
    }
    if (!NAME.test(text)) {
      throw new InputError("secrets", `line ${lineNo}: "${text}" is not a valid secret name. Use letters, digits and underscores, not starting with a digit.`);
    }
    if (!names.includes(text)) names.push(text);
  }
  return names;
}
function parseVars(list) {
  const vars = [];
  for (const { text, lineNo } of lines(list)) {
    const eq = text.indexOf("=");
    const name = eq === -1 ? text : text.slice(0, eq).trim();
    if (eq === -1 || !NAME.test(name)) {
      throw new InputError("vars", `line ${lineNo} is not NAME=value (got "${text}"). Write one variable per line, e.g. GREETING=hello.`);
    }
    const value = text.slice(eq + 1).trim();
    const existing = vars.findIndex(([n]) => n === name);
    if (existing !== -1) vars.splice(existing, 1);
    vars.push([name, value]);
  }
  return vars;
}
var URL_PURPOSE = {
  "uv-download-url": "the base URL of a uv release mirror",
  "npm-registry-url": "the base URL of an npm registry",
  "smoke-test-url": "the full URL the smoke test should GET"
};
function parseUrl(name, raw) {
  const value = raw.replace(/\/+$/, "");
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(name, `"${raw}" is not a URL. Give ${URL_PURPOSE[name] ?? "an http(s) URL"}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(name, `"${raw}" must be an http(s) URL.`);
  }
  return value;
}
function parsePercentage(raw) {
  const n = Number(raw.replace(/%$/, ""));
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InputError("rollout-percentage", `"${raw}" is not a whole percentage from 1 to 100.`);
  return n;
}
function parseSmokePath(raw) {
  if (raw === "") return "";
  if (!raw.startsWith("/")) throw new InputError("smoke-test-path", `"${raw}" must start with /, e.g. /health.`);
  return raw;
}
function parseSaveCache(raw) {
  const v = raw.toLowerCase();
  if (v === "auto" || v === "true" || v === "false") return v;
  throw new InputError("save-cache", `expected auto, true or false, got "${raw}".`);
}
function parseSizeInput(raw) {
  const n = parseSize(raw);
  if (n === null || n <= 0) throw new InputError("bundle-size-limit", `"${raw}" is not a size. Write e.g. 64 MiB, 10MB or 5000000.`);
  return n;
}
function parseMillis(name, raw) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(raw);
  if (!m) throw new InputError(name, `"${raw}" is not a duration. Write milliseconds (e.g. 1000) or seconds (e.g. 1.5s).`);
  return Number(m[1]) * (m[2] === "s" ? 1e3 : 1);
}
function loadInputs(workspace) {
  const smokeTestUrl = input("smoke-test-url");
  return {
    workingDirectory: path.resolve(workspace, input("working-directory")),
    mode: parseMode(input("mode")),
    environment: input("environment"),
    apiToken: input("api-token"),
    accountId: input("account-id"),
    secrets: parseSecretNames(getMultilineInput("secrets")),
    vars: parseVars(getMultilineInput("vars")),
    lint: booleanInput("lint"),
    test: booleanInput("test"),
    snapshotCheck: booleanInput("snapshot-check"),
    cache: booleanInput("cache"),
    cacheSuffix: input("cache-suffix"),
    saveCache: parseSaveCache(input("save-cache")),
    uvVersion: input("uv-version"),
    workersPyVersion: input("workers-py-version"),
    wranglerVersion: input("wrangler-version"),
    uvDownloadUrl: parseUrl("uv-download-url", input("uv-download-url")),
    npmRegistryUrl: parseUrl("npm-registry-url", input("npm-registry-url")),
    bundleSizeLimit: parseSizeInput(input("bundle-size-limit")),
    importTimeBudgetMs: parseMillis("import-time-budget", input("import-time-budget")),
    previewAlias: input("preview-alias"),
    rolloutPercentage: parsePercentage(input("rollout-percentage")),
    smokeTestPath: parseSmokePath(input("smoke-test-path")),
    smokeTestUrl: smokeTestUrl ? parseUrl("smoke-test-url", smokeTestUrl) : "",
    smokeTestTimeoutMs: parseMillis("smoke-test-timeout", input("smoke-test-timeout")),
    githubToken: input("github-token"),
    message: input("message"),
    tag: input("tag")
  };
}

// src/plan.ts
function resolveMode(mode, ctx) {
  if (mode !== "auto") return mode;
  switch (ctx.eventName) {
    case "pull_request":
      return "preview";
    case "release":
    case "workflow_dispatch":
      return "deploy";
    case "push": {
      const def = ctx.event?.repository?.default_branch;
      return typeof def === "string" && ctx.ref === `refs/heads/${def}` ? "deploy" : "check";
    }
    default:
      return "check";
  }
}
var FORK_SKIP = "pull request from a fork: it gets no secrets and a read-only token, so nothing is uploaded (lint, tests and the snapshot check ran)";
function decideUpload(mode, forkPr, rolloutPercentage) {
  switch (mode) {
    case "check":
      return { upload: "none", noUpload: { reason: "mode check: nothing is uploaded" } };
    case "preview":
      return forkPr ? { upload: "none", noUpload: { reason: FORK_SKIP, notice: { title: "Fork pull request", message: `Preview upload skipped: ${FORK_SKIP}.` } } } : { upload: "version-upload" };
    case "dry-run":
      return { upload: "dry-run" };
    case "deploy":
      return { upload: rolloutPercentage < 100 ? "gradual" : "deploy" };
  }
}
var LABEL = { check: "Upload", preview: "Preview upload", "dry-run": "Deploy (dry run)", deploy: "Deploy" };
function isForkPr(pr) {
  return Boolean(pr?.head?.repo && pr.base?.repo && (pr.head.repo.fork === true || pr.head.repo.full_name !== pr.base.repo.full_name));
}
function previewAliasFor(ctx, inputs, project) {
  const number = ctx.event?.pull_request?.number ?? ctx.event?.number;
  const raw = inputs.previewAlias || (number !== void 0 ? `pr-${number}` : "");
  if (!raw) throw new InputError("preview-alias", "mode preview outside a pull_request event needs a preview-alias.");
  const alias = sanitizePreviewAlias(raw, project.worker.name);
  if (!alias) {
    throw new InputError(
      "preview-alias",
      `"${raw}" cannot be made a valid alias for Worker "${project.worker.name}" (letters, digits and hyphens, starting with a letter, at most ${63 - project.worker.name.length - 1} characters).`
    );
  }
  return alias;
}
function checkEnvironment(inputs, project) {
  const { environments, file } = project.worker;
  if (inputs.environment && !environments.includes(inputs.environment)) {
    throw new InputError(
      "environment",
      `"${inputs.environment}" is not defined in ${file}${environments.length ? ` (it defines: ${environments.join(", ")})` : ""}. Add an [env.${inputs.environment}] section or fix the name.`
    );
  }
}
function plan(env) {
  const ctx = readContext(env);
  const inputs = loadInputs(ctx.workspace);
  const mode = resolveMode(inputs.mode, ctx);
  const project = readProject(inputs.workingDirectory, inputs.environment);
  checkEnvironment(inputs, project);
  const apiToken = inputs.apiToken || env.CLOUDFLARE_API_TOKEN || "";
  const accountId = inputs.accountId || env.CLOUDFLARE_ACCOUNT_ID || "";
  const pr = ctx.event?.pull_request;
  const forkPr = isForkPr(pr);
  const { upload, noUpload } = decideUpload(mode, forkPr, inputs.rolloutPercentage);
  const needsToken = upload === "version-upload" || upload === "deploy" || upload === "gradual";
  if (needsToken && !apiToken) {
    throw new InputError(
      "api-token",
      `mode "${mode}" uploads to Cloudflare and needs an API token. Set api-token: \${{ secrets.CLOUDFLARE_API_TOKEN }} (or the CLOUDFLARE_API_TOKEN env), or use mode: dry-run.`
    );
  }
  workersPyForProject(inputs.workersPyVersion, project);
  const needsSecrets = upload !== "none";
  const previewAlias = mode === "preview" ? previewAliasFor(ctx, inputs, project) : void 0;
  const defaults = defaultMessageAndTag(ctx);
  const prNumber = typeof pr?.number === "number" ? pr.number : void 0;
  const live = upload === "deploy" || upload === "gradual";
  return {
    inputs,
    mode,
    modeLabel: `${mode}${inputs.mode === "auto" ? " (auto)" : ""}`,
    upload,
    noUpload,
    label: LABEL[mode],
    title: upload === "version-upload" ? `${LABEL[mode]} (alias ${previewAlias})` : LABEL[mode],
    needsWrangler: upload !== "none",
    needsSecrets,
    needsToken,
    smokeTest: live && Boolean(inputs.smokeTestPath || inputs.smokeTestUrl),
    githubDeployment: needsToken ? {
      environment: upload === "version-upload" ? `preview/${previewAlias}` : inputs.environment || "production",
      description: `${project.worker.name}: ${upload === "version-upload" ? `preview ${previewAlias}` : "deploy"} by python-workers-action`,
      transient: upload === "version-upload",
      production: live && (!inputs.environment || /^prod/i.test(inputs.environment))
    } : void 0,
    prComment: upload === "version-upload" && prNumber !== void 0,
    project,
    wrangler: wranglerRequest(inputs.wranglerVersion, project.root),
    apiToken,
    accountId,
    secrets: needsSecrets ? secretValues(inputs.secrets, env) : {},
    message: inputs.message || defaults.message,
    tag: inputs.tag || defaults.tag,
    previewAlias,
    workspace: ctx.workspace,
    eventName: ctx.eventName,
    ref: ctx.ref,
    sha: pr?.head?.sha ?? ctx.sha,
    prNumber,
    forkPr,
    runUrl: ctx.runUrl
  };
}

// src/main.ts
function planOrFail(env) {
  try {
    return plan(env);
  } catch (err) {
    setFailed(errorMessage(err));
    if (!(err instanceof InputError)) debug(err instanceof Error ? err.stack ?? "" : "");
    return void 0;
  }
}
async function run(env = process.env) {
  const started = performance.now();
  const p = planOrFail(env);
  if (!p) return;
  if (p.apiToken) setSecret(p.apiToken);
  for (const v of Object.values(p.secrets)) setSecret(v);
  info(`Mode: ${p.modeLabel}; Worker ${p.project.worker.name} in ${p.project.root}`);
  const [{ failRun, finishRun, runStages, startRun }, { PIPELINE }] = await Promise.all([import("./chunk-IILHCVVK.js"), import("./chunk-OJUDW243.js")]);
  const r = startRun(p, env);
  try {
    await runStages(PIPELINE, r);
  } catch (err) {
    failRun(r, err);
  } finally {
    await finishRun(PIPELINE, r, started);
  }
}

// src/index.ts
run().catch((err) => {
  setFailed(err instanceof Error ? err.message : String(err));
});
