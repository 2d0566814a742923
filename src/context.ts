import { context } from "@actions/github";
import { stripControl } from "./plan-checks.js";

/** The event's payload as @actions/github reads it (GITHUB_EVENT_PATH): JSON, read defensively. */
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are untyped JSON; every access is optional and checked
export type Payload = Record<string, any>;

/** What the run is about, from @actions/github's context (the event payload, ref, SHA). */
export interface RunContext {
  eventName: string;
  ref: string;
  sha: string;
  workspace: string;
  event: Payload;
  runUrl?: string;
}

export function readContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = env.GITHUB_REPOSITORY;
  return {
    eventName: context.eventName ?? "",
    ref: context.ref ?? "",
    sha: context.sha ?? "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event: context.payload ?? {},
    runUrl: repository && context.runId ? `${context.serverUrl}/${repository}/actions/runs/${context.runId}` : undefined,
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
