import fs from "node:fs";
import { stripControl } from "./plan-checks.js";

/** The event's payload (GITHUB_EVENT_PATH): JSON, read defensively. */
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are untyped JSON; every access is optional and checked
export type Payload = Record<string, any>;

/** What the run is about: the event payload, ref and SHA (as @actions/github's context reads them). */
export interface RunContext {
  eventName: string;
  ref: string;
  sha: string;
  workspace: string;
  event: Payload;
  runUrl?: string;
}

/** The event payload file, or {} when there is none or it is not JSON. */
function readPayload(file: string | undefined): Payload {
  if (!file || !fs.existsSync(file)) return {};
  try {
    const payload = JSON.parse(fs.readFileSync(file, "utf8"));
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}

/**
 * Read from the environment directly rather than through @actions/github, whose import (octokit and
 * its HTTP stack) would delay the first log line of every run, including those that never call GitHub.
 */
export function readContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = env.GITHUB_REPOSITORY;
  const runId = env.GITHUB_RUN_ID;
  const serverUrl = env.GITHUB_SERVER_URL || "https://github.com";
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event: readPayload(env.GITHUB_EVENT_PATH),
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
  };
}
/** Version message and tag defaults: the commit subject (or release name) and the short SHA. Pure. */
export function defaultMessageAndTag(ctx: Pick<RunContext, "eventName" | "sha" | "event">): { message?: string; tag?: string } {
  const e = ctx.event ?? {};
  if (ctx.eventName === "release" && e.release) {
    const text = (v: unknown) => (typeof v === "string" ? stripControl(v) || undefined : undefined);
    return { message: text(e.release.name) ?? text(e.release.tag_name), tag: text(e.release.tag_name) };
  }
  const commitMessage: unknown = e.head_commit?.message ?? e.pull_request?.title;
  const message = typeof commitMessage === "string" ? stripControl(commitMessage.split(/\r?\n/)[0]) : undefined;
  const sha: string = e.pull_request?.head?.sha ?? ctx.sha ?? "";
  return { message: message || undefined, tag: sha ? sha.slice(0, 7) : undefined };
}
