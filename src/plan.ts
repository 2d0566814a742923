import { defaultMessageAndTag, type Payload, type RunContext, readContext } from "./context.js";
import { sanitizePreviewAlias, type Upload } from "./deploy/args.js";
import { secretValues } from "./deploy/secrets.js";
import { InputError } from "./errors.js";
import { type ActionInputs, loadInputs, type Mode, type ResolvedMode } from "./inputs.js";
import { checkAccountId, checkExplicitAlias, checkMainExists } from "./plan-checks.js";
import { type ProjectInfo, readProject } from "./project/config.js";
import { workersPyForProject } from "./setup/workers-py.js";
import { type WranglerRequest, wranglerRequest } from "./setup/wrangler.js";

/**
 * What reaches Cloudflare: nothing, a dry run (bundle only), a new version without deploying it
 * (previews), a deploy, or a gradual deploy (version upload, then a traffic split).
 */
export type { Upload };

/** The GitHub deployment an upload is recorded as. */
export interface DeploymentPlan {
  environment: string;
  description: string;
  transient: boolean;
  production: boolean;
}

/**
 * Everything decided before any tool is installed: a bad input fails here, uploading nothing.
 * The one place the mode is interpreted; downstream code reads `upload` and the flags.
 */
export interface Plan {
  inputs: ActionInputs;
  /** The resolved mode, for display only. */
  mode: ResolvedMode;
  /** The mode as the log says it: `deploy (auto)`. */
  modeLabel: string;
  upload: Upload;
  /** Why nothing is uploaded, and whether to say so as a notice (upload none). */
  noUpload?: { reason: string; notice?: { title: string; message: string } };
  /** The upload stage's name in the summary and its log group's title. */
  label: string;
  title: string;
  needsWrangler: boolean;
  needsSecrets: boolean;
  /** The upload talks to the Cloudflare API (a token is required). */
  needsToken: boolean;
  smokeTest: boolean;
  githubDeployment?: DeploymentPlan;
  prComment: boolean;
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
  /** mode auto skipped the upload for a reason the PR cannot fix (checks and a dry-run bundle run instead). */
  uploadSkipped?: UploadSkip;
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

const FORK_SKIP = "pull request from a fork: it gets no secrets and a read-only token, so nothing is uploaded (lint, tests and the snapshot check ran)";

/** The upload a mode means, given the fork and rollout facts. Pure. */
export function decideUpload(mode: ResolvedMode, forkPr: boolean, rolloutPercentage: number): Pick<Plan, "upload" | "noUpload"> {
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

const LABEL: Record<ResolvedMode, string> = { check: "Upload", preview: "Preview upload", "dry-run": "Deploy (dry run)", deploy: "Deploy" };

function isForkPr(pr: Payload["pull_request"]): boolean {
  return Boolean(pr?.head?.repo && pr.base?.repo && (pr.head.repo.fork === true || pr.head.repo.full_name !== pr.base.repo.full_name));
}

function previewAliasFor(ctx: RunContext, inputs: ActionInputs, project: ProjectInfo): string {
  const number = ctx.event?.pull_request?.number ?? ctx.event?.number;
  const raw = inputs.previewAlias || (number !== undefined ? `pr-${number}` : "");
  if (!raw) throw new InputError("preview-alias", "mode preview outside a pull_request event needs a preview-alias.");
  const alias = sanitizePreviewAlias(raw, project.worker.name);
  if (inputs.previewAlias) checkExplicitAlias(raw, project.worker.name);
  if (!alias) {
    throw new InputError(
      "preview-alias",
      `"${raw}" cannot be made a valid alias for Worker "${project.worker.name}" (letters, digits and hyphens, starting with a letter, at most ${63 - project.worker.name.length - 1} characters).`,
    );
  }
  return alias;
}

function checkEnvironment(inputs: ActionInputs, project: ProjectInfo): void {
  const { environments, file } = project.worker;
  if (inputs.environment && !environments.includes(inputs.environment)) {
    throw new InputError(
      "environment",
      `"${inputs.environment}" is not defined in ${file}${environments.length ? ` (it defines: ${environments.join(", ")})` : ""}. Add an [env.${inputs.environment}] section or fix the name.`,
    );
  }
}

/** Resolve the event, mode and inputs into one plan. Throws InputError on bad input. */
export function plan(env: NodeJS.ProcessEnv): Plan {
  const ctx = readContext(env);
  const inputs = loadInputs(ctx.workspace);
  const mode = resolveMode(inputs.mode, ctx);
  const project = readProject(inputs.workingDirectory, inputs.environment);
  checkEnvironment(inputs, project);
  checkMainExists(project.root, project.worker.main, project.worker.file);
  const apiToken = inputs.apiToken || env.CLOUDFLARE_API_TOKEN || "";
  const accountId = inputs.accountId || env.CLOUDFLARE_ACCOUNT_ID || "";
  checkAccountId(accountId, !inputs.accountId);
  const pr = ctx.event?.pull_request;
  const forkPr = isForkPr(pr);
  const uploadSkipped = autoUploadSkip(inputs.mode, mode, { forkPr, hasToken: Boolean(apiToken), actor: env.GITHUB_ACTOR });
  const { upload, noUpload } = uploadSkipped ? { upload: "dry-run" as const, noUpload: undefined } : decideUpload(mode, forkPr, inputs.rolloutPercentage);
  const needsToken = upload === "version-upload" || upload === "deploy" || upload === "gradual";
  if (needsToken && !apiToken) {
    throw new InputError(
      "api-token",
      `mode "${mode}" uploads to Cloudflare and needs an API token. Set api-token: \${{ secrets.CLOUDFLARE_API_TOKEN }} (or the CLOUDFLARE_API_TOKEN env), or use mode: dry-run.`,
    );
  }
  workersPyForProject(inputs.workersPyVersion, project); // a range or a typo fails here, before any install
  const needsSecrets = upload !== "none" && !uploadSkipped;
  const previewAlias = mode === "preview" ? previewAliasFor(ctx, inputs, project) : undefined;
  const defaults = defaultMessageAndTag(ctx);
  const prNumber = typeof pr?.number === "number" ? pr.number : undefined;
  const live = upload === "deploy" || upload === "gradual";
  return {
    inputs,
    mode,
    modeLabel: `${mode}${inputs.mode === "auto" ? " (auto)" : ""}`,
    upload,
    noUpload,
    label: uploadSkipped ? LABEL["dry-run"] : LABEL[mode],
    title: upload === "version-upload" ? `${LABEL[mode]} (alias ${previewAlias})` : uploadSkipped ? LABEL["dry-run"] : LABEL[mode],
    needsWrangler: upload !== "none",
    needsSecrets,
    needsToken,
    smokeTest: live && Boolean(inputs.smokeTestPath || inputs.smokeTestUrl),
    githubDeployment: needsToken
      ? {
          environment: upload === "version-upload" ? `preview/${previewAlias}` : inputs.environment || "production",
          description: `${project.worker.name}: ${upload === "version-upload" ? `preview ${previewAlias}` : "deploy"} by python-workers-action`,
          transient: upload === "version-upload",
          production: live && (!inputs.environment || /^prod/i.test(inputs.environment)),
        }
      : undefined,
    prComment: (upload === "version-upload" || Boolean(uploadSkipped?.comment)) && prNumber !== undefined,
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
    runUrl: ctx.runUrl,
    uploadSkipped,
  };
}

// ---- mode auto: never fail a pull request for what the pull request cannot fix ----

/** Why mode auto uploads nothing, the one notice that says what to do, and whether the PR comment can say so. */
export interface UploadSkip {
  title: string;
  message: string;
  /** The run's token can write the PR comment (not a fork's, not Dependabot's read-only one). */
  comment: boolean;
}

export const DEPLOY_FIRST =
  "the Worker has never been deployed, and a preview uploads a new version of an existing Worker. Deploy it once from the default branch (a push there with mode: auto deploys it); previews work from then on";

/**
 * mode auto on a pull request without a token or account to upload with (a fork, Dependabot, a
 * repository without the secret yet): the checks and a dry-run bundle run, the upload is skipped.
 * An explicit mode: preview is not softened. Pure.
 */
export function autoUploadSkip(input: Mode, mode: ResolvedMode, facts: { forkPr: boolean; hasToken: boolean; actor?: string }): UploadSkip | undefined {
  if (input !== "auto" || mode !== "preview") return undefined;
  const dependabot = facts.actor === "dependabot[bot]";
  if (facts.forkPr) {
    return {
      title: "Preview not uploaded",
      message: `Preview not uploaded: ${FORK_SKIP}; a dry-run bundle was built. A maintainer can push the branch to this repository for a preview.`,
      comment: false,
    };
  }
  if (facts.hasToken) return undefined;
  const who = dependabot ? "Dependabot pull requests get Dependabot secrets only" : "no Cloudflare API token reached this step";
  const fix = dependabot
    ? "add CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) as Dependabot secrets (Settings → Secrets and variables → Dependabot)"
    : `add the repository secret CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) and pass it as api-token: \${{ secrets.CLOUDFLARE_API_TOKEN }}`;
  return { title: "Preview not uploaded", message: `Preview not uploaded: ${who}; lint, tests, the snapshot check and a dry-run bundle ran. For previews, ${fix}.`, comment: !dependabot };
}

/** A preview of a never-deployed Worker under mode auto: skip it (a dry-run bundle instead). Pure. */
export function neverDeployedSkip(p: Pick<Plan, "inputs" | "upload" | "forkPr">): UploadSkip | undefined {
  if (p.inputs.mode !== "auto" || p.upload !== "version-upload") return undefined;
  return { title: "Preview not uploaded", message: `Preview not uploaded: ${DEPLOY_FIRST}. The checks and a dry-run bundle ran.`, comment: true };
}
