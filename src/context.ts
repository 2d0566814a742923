import fs from "node:fs";
import type { Mode, ResolvedMode } from "./inputs.js";

export interface RunContext {
  eventName: string;
  ref: string;
  sha: string;
  workspace: string;
  event: Record<string, any>;
}

export function readContext(env: NodeJS.ProcessEnv): RunContext {
  let event: Record<string, any> = {};
  const p = env.GITHUB_EVENT_PATH;
  if (p && fs.existsSync(p)) {
    try {
      event = JSON.parse(fs.readFileSync(p, "utf8"));
    } catch {
      event = {};
    }
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    ref: env.GITHUB_REF ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event,
  };
}

/**
 * `auto`: pull_request → preview; a push to the default branch, release, workflow_dispatch → deploy;
 * anything else → check. Pure.
 */
export function resolveMode(mode: Mode, ctx: Pick<RunContext, "eventName" | "ref" | "event">): ResolvedMode {
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

/** Version message and tag defaults: the commit subject (or release name) and the short SHA. Pure. */
export function defaultMessageAndTag(ctx: Pick<RunContext, "eventName" | "sha" | "event">): { message?: string; tag?: string } {
  const e = ctx.event ?? {};
  if (ctx.eventName === "release" && e.release) {
    return { message: e.release.name || e.release.tag_name, tag: e.release.tag_name };
  }
  const commitMessage: unknown = e.head_commit?.message ?? e.pull_request?.title;
  const message = typeof commitMessage === "string" ? commitMessage.split(/\r?\n/)[0].trim() : undefined;
  const sha: string = e.pull_request?.head?.sha ?? ctx.sha ?? "";
  return { message: message || undefined, tag: sha ? sha.slice(0, 7) : undefined };
}
