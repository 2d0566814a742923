import type { ResolvedMode } from "../inputs.js";

export interface DeployArgsInput {
  mode: Extract<ResolvedMode, "deploy" | "preview" | "dry-run">;
  /** Upload a version without deploying it (gradual rollouts deploy it afterwards). */
  uploadOnly?: boolean;
  environment: string;
  vars: Array<[string, string]>;
  secretsFile?: string;
  outdir?: string;
  message?: string;
  tag?: string;
  previewAlias?: string;
}

/** The pywrangler arguments for an upload (or a dry run of one). Pure. */
export function deployArgs(a: DeployArgsInput): string[] {
  const args = a.mode === "preview" || (a.mode === "deploy" && a.uploadOnly) ? ["versions", "upload"] : ["deploy"];
  if (a.environment) args.push("--env", a.environment);
  for (const [name, value] of a.vars) args.push("--var", `${name}:${value}`);
  if (a.secretsFile) args.push("--secrets-file", a.secretsFile);
  if (a.mode === "preview" && a.previewAlias) args.push("--preview-alias", a.previewAlias);
  if (a.message) args.push("--message", a.message);
  if (a.tag) args.push("--tag", a.tag);
  if (a.mode === "dry-run") {
    args.push("--dry-run");
    if (a.outdir) args.push("--outdir", a.outdir);
  }
  return args;
}

/**
 * A preview alias wrangler and the API accept: letters, digits and hyphens, starting with a letter,
 * not ending with a hyphen, at most 63 − len(worker name) − 1 characters (wrangler's own rule for
 * generated aliases). Returns undefined when nothing valid remains. Pure.
 */
export function sanitizePreviewAlias(raw: string, workerName: string): string | undefined {
  const max = 63 - workerName.length - 1;
  if (max <= 0) return undefined;
  let alias = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "");
  alias = alias.slice(0, max).replace(/-+$/, "");
  return /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/.test(alias) ? alias : undefined;
}
