import fs from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { CacheSession } from "./cache/session.js";
import { errorMessage, InputError, StageFailure } from "./errors.js";
import { client, type Octokit, type Repo, repoFromEnv } from "./github/client.js";
import type { Plan } from "./plan.js";
import { sourceLinks } from "./report/links.js";
import { newReport, type Outcome, type RunReport, type StageName } from "./report/model.js";
import { writeOutputs } from "./report/outputs.js";
import { logTiming, writeSummary } from "./report/write.js";
import type { Toolchain } from "./setup/index.js";
import { runnerTemp } from "./setup/tool-dir.js";
import type { WranglerSetup } from "./setup/wrangler.js";
import type { PreparedSnapshotCheck } from "./snapshot/check.js";
import { setDownloadTimeout } from "./util/download.js";
import { stopAllChildren, withDeadline } from "./util/exec.js";

/** What the stages share: the plan, the report they fill, the cache session, and what earlier stages set up. */
export interface Run {
  readonly plan: Plan;
  readonly report: RunReport;
  readonly cache: CacheSession;
  readonly github: { octokit?: Octokit; repo?: Repo };
  /** This run's scratch folder, removed at the end. */
  readonly temp: string;
  /** Set by setup. */
  tools?: Toolchain;
  /** wrangler, set up in the background from setup on (undefined when nothing is uploaded). */
  wrangler?: Promise<WranglerSetup>;
  /** Environment for every tool (setup's, plus what the cache stage adds). */
  env: NodeJS.ProcessEnv;
  /** The dependency entry was restored on its exact key: sync has nothing to do. */
  depsRestored: boolean;
  /** uv's project environment came back with it (the test stage can start pytest from it). */
  testEnvRestored: boolean;
  /** Pyodide loading in the background (snapshot-check: true). */
  snapshot?: PreparedSnapshotCheck;
  /** The stage running now (for a cancellation's message). */
  current?: StageName;
  /** Set once SIGINT/SIGTERM arrived: the cancellation writes the summary, not the normal end. */
  cancelled?: NodeJS.Signals;
}

/** What an earlier stage set up; a stage running without it is a bug in the pipeline's order. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not set up: the pipeline runs its stages out of order`);
  return value;
}

/** The skip rule of a stage an input turns off: `lint: false` and the like. */
export function unlessTurnedOff(input: "lint" | "test" | "snapshotCheck", name: string): (run: Run) => string | undefined {
  return (run) => (run.plan.inputs[input] ? undefined : `${name}: false`);
}

export interface StageResult {
  outcome?: Extract<Outcome, "success" | "warning">;
  /** One line for the summary table. */
  detail: string;
}

/**
 * One step of the pipeline. It owns its log group, annotations, failure rule and part of the
 * report; `run` throws (a StageFailure) to fail the step and stop the pipeline.
 */
export interface Stage {
  name: StageName;
  /** Its log group's title. */
  title: string | ((run: Run) => string);
  /** Why the stage does not run (its row says so), or undefined. Asked when its turn comes. */
  skip(run: Run): string | undefined;
  run(run: Run): Promise<StageResult>;
  /** Called when skipped, e.g. to say why in a notice. */
  skipped?(run: Run, reason: string): void;
  /** Start background work once the named stage is over (run or skipped). */
  startsAfter?: StageName;
  start?(run: Run): void;
  /** Tear-down, in reverse stage order, whether the stage ran or not; never throws. */
  finish?(run: Run): Promise<void> | void;
}

export function startRun(plan: Plan, env: NodeJS.ProcessEnv): Run {
  const report = newReport(plan.mode, plan.label, plan.project.worker.name, plan.inputs.environment);
  report.secretNames = Object.keys(plan.secrets);
  report.varNames = plan.inputs.vars.map(([n]) => n);
  report.links = sourceLinks(env, plan.sha);
  report.accountId = plan.accountId || undefined;
  const octokit = client(plan.inputs.githubToken, env);
  setDownloadTimeout(plan.inputs.downloadTimeoutMs);
  return {
    plan,
    report,
    cache: new CacheSession(plan, report, env),
    github: { octokit, repo: repoFromEnv(env) },
    temp: path.join(runnerTemp(), "python-workers-action", `${process.pid}`),
    env: {},
    depsRestored: false,
    testEnvRestored: false,
  };
}

/** A stage's time limit from its input: commands still running then are stopped (src/util/exec.ts). */
export function stageLimit(name: StageName, inputs: Plan["inputs"]): { input: string; ms: number } | undefined {
  if (name === "lint") return { input: "lint-timeout", ms: inputs.lintTimeoutMs };
  if (name === "test") return { input: "test-timeout", ms: inputs.testTimeoutMs };
  if (name === "deploy") return { input: "deploy-timeout", ms: inputs.deployTimeoutMs };
  return undefined;
}

async function runStage(stage: Stage, run: Run): Promise<void> {
  const started = performance.now();
  const { stages } = run.report;
  run.current = stage.name;
  try {
    const title = typeof stage.title === "string" ? stage.title : stage.title(run);
    const limit = stageLimit(stage.name, run.plan.inputs);
    const work = () => stage.run(run);
    const r = await core.group(title, () => (limit ? withDeadline(stage.name, limit.input, limit.ms, work) : work()));
    stages.push({ name: stage.name, outcome: r.outcome ?? "success", millis: performance.now() - started, detail: r.detail });
  } catch (err) {
    if (run.cancelled) throw err; // the cancellation reports this stage
    const message = errorMessage(err);
    stages.push({ name: stage.name, outcome: "failure", millis: performance.now() - started, detail: message });
    run.report.failure = { stage: stage.name, message };
    throw err;
  }
}

/** Each stage in turn: skipped with a reason, or run in its own log group. The first failure stops it. */
export async function runStages(pipeline: readonly Stage[], run: Run): Promise<void> {
  for (const stage of pipeline) {
    const reason = stage.skip(run);
    if (reason === undefined) await runStage(stage, run);
    else {
      run.report.stages.push({ name: stage.name, outcome: "skipped", millis: 0, detail: reason });
      stage.skipped?.(run, reason);
    }
    for (const s of pipeline) if (s.startsAfter === stage.name) s.start?.(run);
  }
}

/** The step's failure line; a stack only in the debug log, and never for bad input or a failed stage. */
export function failRun(run: Run, err: unknown): void {
  if (run.cancelled) return;
  if (!(err instanceof StageFailure) && !(err instanceof InputError)) core.debug(err instanceof Error ? (err.stack ?? "") : "");
  core.setFailed(`${run.report.failure ? `${run.report.failure.stage}: ` : ""}${errorMessage(err)}`);
}

/** Tear the stages down (background work finishes before the step ends), then outputs, summary, timing. */
export async function finishRun(pipeline: readonly Stage[], run: Run, started: number): Promise<void> {
  if (run.cancelled) return;
  markNotRun(pipeline, run.report);
  for (const stage of [...pipeline].reverse()) {
    await Promise.resolve(stage.finish?.(run)).catch((e: unknown) => core.warning(`${stage.name}: ${errorMessage(e)}`));
  }
  run.report.totalMillis = performance.now() - started;
  writeOutputs(run.report);
  await writeSummary(run.report).catch((e: unknown) => core.warning(`Could not write the job summary: ${errorMessage(e)}`));
  logTiming(started);
  fs.rmSync(run.temp, { recursive: true, force: true });
}

/** After a failure, the stages that never got their turn, as "not run" rows. */
export function markNotRun(pipeline: readonly Stage[], report: RunReport): void {
  if (!report.failure) return;
  const seen = new Set(report.stages.map((s) => s.name));
  for (const s of pipeline) if (!seen.has(s.name)) report.stages.push({ name: s.name, outcome: "not run", millis: 0, detail: `not run: ${report.failure.stage} failed` });
}

/**
 * SIGINT/SIGTERM (the runner cancelling the job): stop every child's process tree, delete this
 * run's scratch folder (a secrets file, when one was written, lives there), write the outputs and a
 * summary that says "cancelled", and end the process with exit code 1. Bounded: a few seconds.
 */
export async function cancelRun(run: Run, signal: NodeJS.Signals): Promise<void> {
  if (run.cancelled) return; // the first signal's clean-up is under way and ends the process
  {
    run.cancelled = signal;
    const stage = run.current ?? "setup";
    const stopped = await stopAllChildren(2000);
    fs.rmSync(run.temp, { recursive: true, force: true });
    const message = `cancelled (${signal}) during ${stage}${stopped ? `; stopped ${stopped} running command(s) and their child processes` : ""}.`;
    run.report.failure = { stage, message };
    const row = run.report.stages.find((s) => s.name === stage);
    if (row) Object.assign(row, { outcome: "failure", detail: message });
    else run.report.stages.push({ name: stage, outcome: "failure", millis: 0, detail: message });
    core.setFailed(`${stage}: ${message}`);
    writeOutputs(run.report);
    await Promise.race([writeSummary(run.report).catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
  }
  process.exit(1);
}
