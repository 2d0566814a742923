import * as core from "@actions/core";
import * as github from "@actions/github";
import { errorMessage } from "../errors.js";
import { commentMarker } from "./preview-comment.js";

export type Octokit = ReturnType<typeof github.getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/** GitHub's answer for a token without the scope, as a warning that names the permission. */
function warnPermission(what: string, permission: string, err: unknown): void {
  const status = (err as { status?: number }).status;
  if (status === 403 || status === 404) {
    core.warning(`Could not ${what}: the token lacks \`${permission}\` permission. Add \`permissions: ${permission}\` to the job (${errorMessage(err).split("\n")[0]}).`, {
      title: "GitHub permission",
    });
  } else {
    core.warning(`Could not ${what}: ${errorMessage(err).split("\n")[0]}`, { title: "GitHub API" });
  }
}

export function repoFromEnv(env: NodeJS.ProcessEnv): Repo | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  return owner && repo ? { owner, repo } : undefined;
}

/** How long one GitHub API request may take, and how often a failed read is tried again. */
export const GITHUB_REQUEST_TIMEOUT_MS = 15_000;
export const GITHUB_READ_RETRIES = 1;

/** Worth another try: a read that timed out, could not connect, or got a 5xx/429. Writes are never repeated (no duplicate deployments). Pure. */
export function retryable(method: string, err: unknown): boolean {
  if (method.toUpperCase() !== "GET") return false;
  const status = (err as { status?: number }).status;
  return status === undefined || status >= 500 || status === 429;
}

/**
 * Octokit with a time limit on every request (the runner's proxy fetch kept) and bounded retries
 * with backoff for reads. A request with no answer fails with a message naming the host and limit.
 */
export function client(token: string, env: NodeJS.ProcessEnv, timeoutMs = GITHUB_REQUEST_TIMEOUT_MS): Octokit | undefined {
  if (!token) return undefined;
  const baseUrl = env.GITHUB_API_URL || "https://api.github.com";
  const octokit = github.getOctokit(token, { baseUrl });
  octokit.hook.wrap("request", async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      // The signal is passed on, but the race is what bounds the wait (a proxy fetch may ignore it).
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(Object.assign(new Error(`no answer from ${new URL(baseUrl).host} within ${timeoutMs / 1000} s (${options.method} ${options.url})`), { status: undefined }));
        }, timeoutMs);
      });
      try {
        return await Promise.race([request({ ...options, request: { ...options.request, signal: controller.signal } }), late]);
      } catch (err) {
        if (attempt >= GITHUB_READ_RETRIES || !retryable(options.method, err)) throw err;
        await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      } finally {
        clearTimeout(timer);
      }
    }
  });
  return octokit;
}

/** Create or update the one comment that carries the marker. Never throws. */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: Repo,
  issue: number,
  workerName: string,
  environment: string,
  body: string | ((previous: string | undefined) => string),
): Promise<"created" | "updated" | undefined> {
  const marker = commentMarker(workerName, environment);
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
    const mine = comments.find((c) => typeof c.body === "string" && c.body.includes(marker));
    const text = typeof body === "string" ? body : body(mine?.body ?? undefined);
    if (mine) {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body: text });
      return "updated";
    }
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: text });
    return "created";
  } catch (err) {
    warnPermission("write the preview comment", "pull-requests: write", err);
    return undefined;
  }
}

export interface Deployment {
  id: number;
}

/** A GitHub deployment for an environment, marked in progress. Never throws. */
export async function startDeployment(
  octokit: Octokit,
  repo: Repo,
  opts: { ref: string; environment: string; description: string; transient: boolean; production: boolean; logUrl?: string },
): Promise<Deployment | undefined> {
  try {
    const res = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: opts.ref,
      environment: opts.environment,
      description: opts.description,
      auto_merge: false,
      required_contexts: [],
      transient_environment: opts.transient,
      production_environment: opts.production,
    });
    const id = (res.data as { id?: number }).id;
    if (!id) return undefined;
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: "in_progress", log_url: opts.logUrl });
    return { id };
  } catch (err) {
    warnPermission("create a GitHub deployment", "deployments: write", err);
    return undefined;
  }
}

export async function finishDeployment(octokit: Octokit, repo: Repo, d: Deployment, state: "success" | "failure", url: string | undefined, logUrl?: string): Promise<void> {
  try {
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: d.id, state, environment_url: url, log_url: logUrl, auto_inactive: state === "success" });
  } catch (err) {
    warnPermission("update the GitHub deployment", "deployments: write", err);
  }
}
