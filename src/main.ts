import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { defaultMessageAndTag, readContext, resolveMode } from "./context.js";
import { sanitizePreviewAlias } from "./deploy/args.js";
import { secretValues } from "./deploy/secrets.js";
import { InputError, StageFailure, errorMessage } from "./errors.js";
import { getInputFromEnv, loadInputs, type ActionInputs, type ResolvedMode } from "./inputs.js";
import { readProject, type ProjectInfo } from "./project/config.js";
import { newReport, type Annotation, type Outcome, type RunReport, type StageName } from "./report/model.js";
import { formatBytes, formatMillis, renderSummary } from "./report/summary.js";
import { SNAPSHOT_TIMEOUT_MS } from "./defaults.js";
import { setupTools, type Toolchain } from "./setup/index.js";
import { runnerTemp } from "./setup/tool-dir.js";
import { wranglerRequest, type WranglerRequest } from "./setup/wrangler.js";
import { runDeploy } from "./stages/deploy.js";
import { lintAnnotations, runLint } from "./stages/lint.js";
import { prepareSnapshotCheck, runSnapshotCheck, type PreparedSnapshotCheck } from "./stages/snapshot.js";
import { runSync } from "./stages/sync.js";
import { deployGradually, deployedVersion, smokeTestOrRollback } from "./stages/release.js";
import { client, finishDeployment, repoFromEnv, startDeployment, upsertStickyComment } from "./github/client.js";
import { renderPreviewComment } from "./github/preview-comment.js";
import { saveAllowed } from "./cache/policy.js";
import { cacheServiceAvailable } from "./cache/store.js";
import { depsCacheKey, depsPaths, describeSizes, prefetchToolEnvs, restoreTools, saveDepsEntry, saveTools, type CacheContext, type ToolsSpec } from "./stages/cache.js";
import { pyodideFor } from "./snapshot/versions.js";
import { snapshotStageOutcome } from "./snapshot/outcome.js";
import { uvRequest } from "./setup/uv.js";
import { exactVersion } from "./project/versions.js";
import { restoreDeps, type DepsRestore } from "./cache/deps.js";
import { workersPyVersion } from "./setup/workers-py.js";
import { runTests } from "./stages/test.js";
import { timedCache, timing } from "./util/exec.js";

/** Everything decided before any tool is installed: a bad input fails here, uploading nothing. */
export interface Plan {
  inputs: ActionInputs;
  mode: ResolvedMode;
  project: ProjectInfo;
  wrangler: WranglerRequest;
  apiToken: string;
  accountId: string;
  secrets: Record<string, string>;
  message?: string;
  tag?: string;
  previewAlias?: string;
  workspace: string;
  eventName: string;
  ref: string;
  /** The commit the run is about (a PR's head). */
  sha: string;
  prNumber?: number;
  /** A pull request from a fork: no secrets, a read-only token. */
  forkPr: boolean;
  runUrl?: string;
}

export function plan(env: NodeJS.ProcessEnv): Plan {
  const ctx = readContext(env);
  const inputs = loadInputs(getInputFromEnv(env), ctx.workspace);
  const mode = resolveMode(inputs.mode, ctx);
  const project = readProject(inputs.workingDirectory, inputs.environment);
  if (inputs.environment && !project.worker.environments.includes(inputs.environment)) {
    throw new InputError(
      "environment",
      `"${inputs.environment}" is not defined in ${project.worker.file}${project.worker.environments.length ? ` (it defines: ${project.worker.environments.join(", ")})` : ""}. Add an [env.${inputs.environment}] section or fix the name.`,
    );
  }
  const apiToken = inputs.apiToken || env.CLOUDFLARE_API_TOKEN || "";
  const accountId = inputs.accountId || env.CLOUDFLARE_ACCOUNT_ID || "";
  const pr = ctx.event?.pull_request;
  const forkPr = Boolean(pr && pr.head?.repo && pr.base?.repo && (pr.head.repo.fork === true || pr.head.repo.full_name !== pr.base.repo.full_name));
  // A fork's pull request gets no secrets: everything but the upload runs, and that is skipped.
  const uploads = (mode === "deploy" || mode === "preview") && !(mode === "preview" && forkPr);
  if (uploads && !apiToken) {
    throw new InputError("api-token", `mode "${mode}" uploads to Cloudflare and needs an API token. Set api-token: \${{ secrets.CLOUDFLARE_API_TOKEN }} (or the CLOUDFLARE_API_TOKEN env), or use mode: dry-run.`);
  }
  workersPyVersion(inputs.workersPyVersion, project.locked); // a range or a typo fails here, before any install
  const secrets = uploads || mode === "dry-run" ? secretValues(inputs.secrets, env) : {};
  const defaults = defaultMessageAndTag(ctx);
  let previewAlias: string | undefined;
  if (mode === "preview") {
    const number = ctx.event?.pull_request?.number ?? ctx.event?.number;
    const raw = inputs.previewAlias || (number !== undefined ? `pr-${number}` : "");
    if (!raw) throw new InputError("preview-alias", "mode preview outside a pull_request event needs a preview-alias.");
    previewAlias = sanitizePreviewAlias(raw, project.worker.name);
    if (!previewAlias) {
      throw new InputError("preview-alias", `"${raw}" cannot be made a valid alias for Worker "${project.worker.name}" (letters, digits and hyphens, starting with a letter, at most ${63 - project.worker.name.length - 1} characters).`);
    }
  }
  return {
    inputs,
    mode,
    project,
    wrangler: wranglerRequest(inputs.wranglerVersion, project.root),
    apiToken,
    accountId,
    secrets,
    message: inputs.message || defaults.message,
    tag: inputs.tag || defaults.tag,
    previewAlias,
    workspace: ctx.workspace,
    eventName: ctx.eventName,
    ref: ctx.ref,
    sha: pr?.head?.sha ?? ctx.sha,
    prNumber: typeof pr?.number === "number" ? pr.number : undefined,
    forkPr,
    runUrl: env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

function annotate(a: Annotation): void {
  const props = { title: a.title, file: a.file, startLine: a.line, startColumn: a.column };
  if (a.level === "error") core.error(a.message, props);
  else if (a.level === "warning") core.warning(a.message, props);
  else core.notice(a.message, props);
}

class Pipeline {
  constructor(readonly report: RunReport) {}

  skip(name: StageName, detail: string): void {
    this.report.stages.push({ name, outcome: "skipped", millis: 0, detail });
  }

  /** Run one stage in its own log group; a thrown error marks it failed and stops the run. */
  async stage<T>(name: StageName, title: string, fn: () => Promise<{ value: T; outcome?: Outcome; detail: string }>): Promise<T> {
    const started = performance.now();
    try {
      const r = await core.group(title, fn);
      this.report.stages.push({ name, outcome: r.outcome ?? "success", millis: performance.now() - started, detail: r.detail });
      return r.value;
    } catch (err) {
      const message = errorMessage(err);
      this.report.stages.push({ name, outcome: "failure", millis: performance.now() - started, detail: message });
      this.report.failure = { stage: name, message };
      throw err;
    }
  }
}

function setOutputs(report: RunReport): void {
  const v = report.versions;
  if (v.uv) core.setOutput("uv-version", v.uv);
  if (v.workersPy) core.setOutput("workers-py-version", v.workersPy);
  if (v.wrangler) core.setOutput("wrangler-version", v.wrangler);
  core.setOutput("cache-hit", String(report.cache?.hit ?? false));
  const d = report.deploy;
  if (!d) return;
  if (d.deploymentUrl) core.setOutput("deployment-url", d.deploymentUrl);
  if (d.versionId) core.setOutput("version-id", d.versionId);
  if (d.previewUrl) core.setOutput("preview-url", d.previewUrl);
  if (d.previewAliasUrl) core.setOutput("preview-alias-url", d.previewAliasUrl);
  if (d.bundleSize !== undefined) core.setOutput("bundle-size", String(d.bundleSize));
  if (d.bundleSizeGzip !== undefined) core.setOutput("bundle-size-gzip", String(d.bundleSizeGzip));
}

async function writeSummary(report: RunReport): Promise<void> {
  const md = renderSummary(report);
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(md, true).write();
  } else {
    core.info(md);
  }
}

export async function run(processEnv: NodeJS.ProcessEnv = process.env): Promise<void> {
  const started = performance.now();
  let p: Plan;
  try {
    p = plan(processEnv);
  } catch (err) {
    // Bad input: one line, no stack, nothing installed or sent.
    core.setFailed(errorMessage(err));
    if (!(err instanceof InputError)) core.debug(err instanceof Error ? (err.stack ?? "") : "");
    return;
  }
  if (p.apiToken) core.setSecret(p.apiToken);
  for (const v of Object.values(p.secrets)) core.setSecret(v);

  const { project, inputs, mode } = p;
  const report = newReport(mode, project.worker.name, inputs.environment);
  report.secretNames = Object.keys(p.secrets);
  report.varNames = inputs.vars.map(([n]) => n);
  const pipe = new Pipeline(report);
  const octokit = client(inputs.githubToken, processEnv);
  const repo = repoFromEnv(processEnv);
  const temp = path.join(runnerTemp(), "python-workers-action", `${process.pid}`);
  let tools: Toolchain | undefined;
  let snapshot: PreparedSnapshotCheck | undefined;
  const background: Array<Promise<unknown>> = [];
  let wranglerPending: Promise<unknown> | undefined;

  try {
    core.info(`Mode: ${mode}${inputs.mode === "auto" ? " (auto)" : ""}; Worker ${project.worker.name} in ${project.root}`);
    const cacheOn = inputs.cache && cacheServiceAvailable();
    const cacheCtx: CacheContext = { runId: processEnv.GITHUB_RUN_ID ?? "", runAttempt: processEnv.GITHUB_RUN_ATTEMPT ?? "", suffix: inputs.cacheSuffix };
    const saving = saveAllowed(inputs.saveCache, p.eventName, p.ref);
    const uvPaths = depsPaths(processEnv, runnerTemp());
    // uv's cache and its Pythons live where the cache can find them next time.
    const cacheEnv: NodeJS.ProcessEnv = cacheOn ? { UV_CACHE_DIR: uvPaths.uvCache, UV_PYTHON_INSTALL_DIR: uvPaths.uvPython } : {};
    const toolsSpec: ToolsSpec = {
      uv: uvRequest(inputs.uvVersion, project.uvRequiredVersion).spec,
      workersPy: workersPyVersion(inputs.workersPyVersion, project.locked).version,
      wrangler: p.wrangler.installedDir ? undefined : p.wrangler.spec,
      pyodide: inputs.snapshotCheck ? pyodideFor(project.worker.compatibilityDate, project.worker.compatibilityFlags).npm : undefined,
    };
    let toolsHit = false;
    let wranglerHit = false;
    const uploads = mode !== "check";

    // With an exact uv version the dependency key is known now: restore that entry together with
    // the tools (nothing installs into the uv cache until both are in place).
    const depsKeyFor = (uv: string) => depsCacheKey(project, { uv, workersPy: toolsSpec.workersPy, wrangler: p.wrangler.spec }, { lint: inputs.lint, test: inputs.test }, cacheCtx);
    const uvExact = exactVersion(toolsSpec.uv);
    let earlyDeps: { key: string; result: Promise<DepsRestore> } | undefined;

    tools = await pipe.stage("setup", "Set up uv, workers-py and wrangler", async () => {
      let restored = "";
      // wrangler (the largest tool, used only by the upload) is restored from the start, in the
      // background, and set up once it is there, while sync, lint, tests and the snapshot run.
      const wranglerRestore =
        cacheOn && uploads && toolsSpec.wrangler
          ? timedCache(restoreTools(toolsSpec, "wrangler", cacheCtx)).then((r) => {
              wranglerHit = r.hit;
            })
          : undefined;
      wranglerRestore?.catch(() => undefined);
      if (cacheOn) {
        if (uvExact) {
          const key = depsKeyFor(uvExact);
          earlyDeps = { key, result: timedCache(restoreDeps(project.root, key, uvPaths, toolsSpec.workersPy)) };
          earlyDeps.result.catch(() => undefined);
        }
        const [r] = await Promise.all([timedCache(restoreTools(toolsSpec, "core", cacheCtx)), earlyDeps?.result.catch(() => undefined)]);
        toolsHit = r.hit;
        restored = r.hit ? `; tools restored from the cache (${formatBytes(r.bytes)})` : "";
      }
      const t = await setupTools(inputs, project, uploads ? p.wrangler : undefined, path.join(temp, "bin"), cacheEnv, wranglerRestore && (() => wranglerRestore));
      return { value: t, detail: t.detail + restored };
    });
    report.versions = { uv: tools.uvVersion, workersPy: tools.workersPyVersion };
    const wranglerReady = tools.wrangler?.then((w) => {
      report.versions.wrangler = w.version;
      return w;
    });
    wranglerReady?.catch(() => undefined);
    wranglerPending = wranglerReady;
    let childEnv = tools.env;

    let depsHit = false;
    let depsKey = "";
    if (!inputs.cache) pipe.skip("cache", "cache: false");
    else if (!cacheOn) pipe.skip("cache", "the GitHub cache service is not available to this step");
    else {
      await pipe.stage("cache", "Restore the dependency cache", async () => {
        depsKey = depsKeyFor(tools!.uvVersion);
        core.info(`Dependency cache key: ${depsKey}`);
        let r: DepsRestore;
        try {
          r = earlyDeps?.key === depsKey ? await earlyDeps.result : await timedCache(restoreDeps(project.root, depsKey, uvPaths, tools!.workersPyVersion));
        } catch (err) {
          // The cache is an optimisation: a failed restore is a warning and a miss.
          core.warning(`Could not restore the dependency cache: ${errorMessage(err)}`, { title: "Cache" });
          r = { hit: false, problem: errorMessage(err), sizes: {} };
        }
        depsHit = r.hit;
        report.cache = { hit: r.hit, key: depsKey, sizes: r.sizes, corrupted: r.corrupted, toolsHit };
        if (r.corrupted) {
          core.warning(`The cache entry ${r.matchedKey} was incomplete (${r.corrupted}); it was discarded and the dependencies are rebuilt.`, { title: "Cache entry discarded" });
          return { value: r, outcome: "warning" as const, detail: `restored entry discarded: ${r.corrupted}; rebuilding` };
        }
        if (r.hit) {
          // Everything lint and test need is in the restored uv cache: stay offline.
          childEnv = { ...childEnv, UV_OFFLINE: "1" };
          return { value: r, detail: `hit: restored ${describeSizes(r.sizes)}${toolsHit ? "; tools too" : ""}` };
        }
        return { value: r, detail: `miss${r.problem ? ` (${r.problem})` : ""}${toolsHit ? "; tools restored" : ""}` };
      });
    }
    const env = childEnv;

    if (depsHit) {
      pipe.skip("sync", "restored from the cache on its exact key; pywrangler's tokens brought up to date");
    } else {
      await pipe.stage("sync", "pywrangler sync", async () => {
        const r = await runSync(project.root, tools!.workersPyVersion, env);
        let detail = r.detail;
        if (cacheOn && saving.save) {
          // Save now, so a failing lint or test still leaves a warm cache for the next run.
          await prefetchToolEnvs(project, { lint: inputs.lint, test: inputs.test }, env);
          const saved = await timedCache(saveDepsEntry(project, depsKey, uvPaths, tools!.workersPyVersion, cacheCtx)).catch((err: unknown) => {
            core.warning(`Could not save the dependency cache: ${errorMessage(err)}`, { title: "Cache" });
            return { saved: false, problem: errorMessage(err), sizes: {} };
          });
          detail += saved.saved ? `; dependency cache saved (${describeSizes(saved.sizes)})` : `; dependency cache not saved${saved.problem ? `: ${saved.problem}` : ""}`;
          if (report.cache) report.cache.saved = saved.saved;
        } else if (cacheOn) {
          detail += `; dependency cache not saved: ${saving.reason}`;
          report.notices.push(`Cache not saved: ${saving.reason}.`);
        }
        return { value: r, detail };
      });
    }
    if (inputs.snapshotCheck) {
      // Download and load Pyodide while lint and tests run; the import itself waits for its stage.
      snapshot = prepareSnapshotCheck(project, {
        registry: inputs.npmRegistryUrl,
        sizeLimit: inputs.bundleSizeLimit,
        timeoutMs: SNAPSHOT_TIMEOUT_MS,
        reportFile: path.join(runnerTemp(), `python-workers-snapshot-report-${project.worker.name}.json`),
        vars: inputs.vars,
        secretNames: inputs.secrets,
      });
    }

    if (cacheOn && saving.save) {
      // The tool folders do not change during lint and test: save them meanwhile.
      // The Pyodide folder is final once its baseline snapshot is written.
      const pyodideReady = snapshot ? snapshot.settled : Promise.resolve();
      const note = (what: string) => (r: { saved: boolean; bytes: number; problem?: string }) => {
        core.info(r.saved ? `${what} cache saved (${formatBytes(r.bytes)}).` : `${what} cache not saved${r.problem ? `: ${r.problem}` : ""}.`);
        if (report.cache) report.cache.toolsSaved = (report.cache.toolsSaved ?? true) && r.saved;
      };
      const warnSave = (what: string) => (err: unknown) => core.warning(`Could not save the ${what} cache: ${errorMessage(err)}`, { title: "Cache" });
      if (!toolsHit || tools.fetched) background.push(pyodideReady.then(() => saveTools(toolsSpec, "core", cacheCtx)).then(note("Tools"), warnSave("tools")));
      if (wranglerReady && toolsSpec.wrangler) {
        background.push(
          wranglerReady.then(
            (w) => (wranglerHit && w.source === "tool-cache" ? undefined : saveTools(toolsSpec, "wrangler", cacheCtx).then(note("wrangler"), warnSave("wrangler"))),
            () => undefined,
          ),
        );
      }
    }

    if (inputs.lint) {
      await pipe.stage("lint", "Lint (ruff check, ruff format --check)", async () => {
        const r = await runLint(project, p.workspace, env);
        report.lintProblems = r.problems;
        report.formatFiles = r.unformatted.map((f) => f.file);
        lintAnnotations(r).forEach(annotate);
        if (r.problems.length || r.unformatted.length) {
          throw new StageFailure(`${r.problems.length} ruff problem(s), ${r.unformatted.length} file(s) not formatted`);
        }
        return { value: r, detail: `${r.ruff}: no problems, all files formatted` };
      });
    } else pipe.skip("lint", "lint: false");

    if (inputs.test) {
      await pipe.stage("test", "Test (pytest)", async () => {
        const r = await runTests(project, p.workspace, temp, env);
        report.tests = r.counts;
        report.failedTests = r.failures;
        if (r.noTests) {
          core.warning("pytest collected no tests (exit 5). Add tests under tests/, or set test: false.", { title: "No tests" });
          return { value: r, outcome: "warning" as const, detail: "no tests collected" };
        }
        for (const f of r.failures) annotate({ level: "error", title: `Test failed: ${f.name}`, message: f.message, file: f.file, line: f.line });
        const c = r.counts;
        const line = `${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped`;
        if (c.failed || c.errors) throw new StageFailure(`pytest: ${line}`);
        return { value: r, detail: line };
      });
    } else pipe.skip("test", "test: false");

    if (snapshot) {
      const prepared = snapshot;
      await pipe.stage("snapshot", "Snapshot check (import the entry under Pyodide)", async () => {
        const r = await runSnapshotCheck(prepared);
        report.snapshot = { report: r.report, budgetMs: inputs.importTimeBudgetMs };
        core.setOutput("snapshot-report", r.reportFile);
        const rel = (f: string) => path.relative(p.workspace, path.join(project.root, f)).split(path.sep).join("/");
        const o = snapshotStageOutcome(r.report, inputs.importTimeBudgetMs, rel);
        for (const a of o.annotations) annotate(a);
        if (o.failure) throw new StageFailure(o.failure);
        if (o.slow) {
          core.warning(o.slow, { title: "Slow start-up", file: rel(r.report.entry), startLine: 1 });
          return { value: r, outcome: "warning" as const, detail: o.detail };
        }
        const detail = o.detail;
        return { value: r, detail };
      });
    } else pipe.skip("snapshot", "snapshot-check: false");

    if (mode === "check") {
      pipe.skip("deploy", "mode check: nothing is uploaded");
    } else if (mode === "preview" && p.forkPr) {
      const why = "pull request from a fork: it gets no secrets and a read-only token, so nothing is uploaded (lint, tests and the snapshot check ran)";
      pipe.skip("deploy", why);
      report.notices.push(`Preview upload skipped: ${why}.`);
      core.notice(`Preview upload skipped: ${why}.`, { title: "Fork pull request" });
    } else {
      const title = mode === "preview" ? `Preview upload (alias ${p.previewAlias})` : mode === "dry-run" ? "Deploy (dry run)" : "Deploy";
      await pipe.stage("deploy", title, async () => {
        const wr = await wranglerReady!.catch((err: unknown) => {
          throw new StageFailure(`could not set up wrangler: ${errorMessage(err)}`);
        });
        core.info(`wrangler ${wr.version} (${wr.source}${wranglerHit ? ", restored from the cache" : ""}) on Node ${process.versions.node}`);
        const uploadsForReal = mode === "deploy" || mode === "preview";
        const gradual = mode === "deploy" && inputs.rolloutPercentage < 100;
        const smoke = mode === "deploy" && Boolean(inputs.smokeTestPath || inputs.smokeTestUrl);
        const deployment = uploadsForReal && octokit && repo
          ? await startDeployment(octokit, repo, {
              ref: p.sha || "HEAD",
              environment: mode === "preview" ? `preview/${p.previewAlias}` : inputs.environment || "production",
              description: `${project.worker.name}: ${mode === "preview" ? `preview ${p.previewAlias}` : "deploy"} by python-workers-action`,
              transient: mode === "preview",
              production: mode === "deploy" && (!inputs.environment || /^prod/i.test(inputs.environment)),
              logUrl: p.runUrl,
            })
          : undefined;
        try {
          const previous = gradual || smoke ? await deployedVersion(project.root, inputs.environment, env) : undefined;
          if (gradual && !previous) {
            throw new StageFailure(`rollout-percentage ${inputs.rolloutPercentage} needs a deployed version to share traffic with, and ${project.worker.name} has none. Deploy it once at 100 first.`);
          }
          const d = await runDeploy(
            {
              mode,
              uploadOnly: gradual,
              root: project.root,
              environment: inputs.environment,
              vars: inputs.vars,
              secrets: p.secrets,
              apiToken: p.apiToken,
              accountId: p.accountId,
              message: p.message,
              tag: p.tag,
              previewAlias: p.previewAlias,
              tempDir: temp,
            },
            env,
          );
          report.deploy = d;
          if (gradual && d.versionId && previous) {
            await deployGradually(project.root, inputs.environment, d.versionId, previous, inputs.rolloutPercentage, p.message, env);
            report.notices.push(`Gradual rollout: version ${d.versionId} gets ${inputs.rolloutPercentage}% of traffic, ${previous} the rest.`);
          }
          let smokeDetail = "";
          if (smoke) {
            const base = inputs.smokeTestUrl || (d.deploymentUrl ? new URL(inputs.smokeTestPath || "/", d.deploymentUrl).href : "");
            if (!base) throw new StageFailure("the smoke test has no URL to call: wrangler reported no deployment URL. Set smoke-test-url.");
            const outcome = await smokeTestOrRollback({ url: base, timeoutMs: inputs.smokeTestTimeoutMs, root: project.root, environment: inputs.environment, workerName: project.worker.name, version: d.versionId, previous, env });
            smokeDetail = `, ${outcome.detail}`;
          }
          if (deployment) await finishDeployment(octokit!, repo!, deployment, "success", d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl, p.runUrl);
          const size = d.bundleSize !== undefined ? `${formatBytes(d.bundleSize)} (gzip ${formatBytes(d.bundleSizeGzip ?? 0)})` : "";
          const where = d.previewAliasUrl ?? d.previewUrl ?? d.deploymentUrl;
          const detail = mode === "dry-run" ? `bundle ${size}, nothing uploaded` : `${where ?? "uploaded"}${d.versionId ? `, version ${d.versionId.slice(0, 8)}` : ""}${size ? `, ${size}` : ""}${smokeDetail}`;
          return { value: d, detail };
        } catch (err) {
          if (deployment) await finishDeployment(octokit!, repo!, deployment, "failure", undefined, p.runUrl);
          throw err;
        }
      });
    }
  } catch (err) {
    if (!(err instanceof StageFailure) && !(err instanceof InputError)) {
      core.debug(err instanceof Error ? (err.stack ?? "") : "");
    }
    core.setFailed(`${report.failure ? `${report.failure.stage}: ` : ""}${errorMessage(err)}`);
  } finally {
    snapshot?.cancel();
    if (mode === "preview" && p.prNumber !== undefined && !p.forkPr && octokit && repo) {
      const body = renderPreviewComment(report, { sha: p.sha, runUrl: p.runUrl, alias: p.previewAlias });
      const done = await upsertStickyComment(octokit, repo, p.prNumber, project.worker.name, inputs.environment, body);
      if (done) core.info(`Preview comment ${done} on pull request #${p.prNumber}.`);
    }
    await timedCache(Promise.allSettled(background));
    // A background wrangler set-up or cache save finishes before the step ends.
    if (wranglerPending) await wranglerPending.catch(() => undefined);
    setOutputs(report);
    await writeSummary(report).catch((e) => core.warning(`Could not write the job summary: ${errorMessage(e)}`));
    const total = performance.now() - started;
    const child = timing.tools();
    const cached = timing.cache();
    // Own overhead: wall time during which no tool and no cache transfer was running.
    const own = total - timing.busy();
    core.info(
      `python-workers-action timing: total ${formatMillis(total)}, in tools ${formatMillis(child)}, cache service ${formatMillis(cached)}, own ${formatMillis(own)} (total_ms=${Math.round(total)} child_ms=${Math.round(child)} cache_ms=${Math.round(cached)} own_ms=${Math.round(own)})`,
    );
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
