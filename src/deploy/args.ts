/** What a run uploads (the plan decides it once: src/plan.ts). */
export type Upload = "none" | "dry-run" | "version-upload" | "deploy" | "gradual";

export interface DeployArgsInput {
  upload: Exclude<Upload, "none">;
  environment: string;
  vars: Array<[string, string]>;
  secretsFile?: string;
  outdir?: string;
  message?: string;
  tag?: string;
  previewAlias?: string;
}

/** Uploads that create a version without deploying it (a gradual rollout deploys it afterwards). Pure. */
export const versionOnly = (u: Upload): boolean => u === "version-upload" || u === "gradual";

/** The wrangler command an upload runs, for messages. Pure. */
export function uploadCommand(u: Exclude<Upload, "none">): string {
  return versionOnly(u) ? "versions upload" : u === "dry-run" ? "deploy --dry-run" : "deploy";
}

/** The wrangler arguments for an upload (or a dry run of one). Pure. */
export function deployArgs(a: DeployArgsInput): string[] {
  const args = versionOnly(a.upload) ? ["versions", "upload"] : ["deploy"];
  if (a.environment) args.push("--env", a.environment);
  for (const [name, value] of a.vars) args.push("--var", `${name}:${value}`);
  if (a.secretsFile) args.push("--secrets-file", a.secretsFile);
  if (a.upload === "version-upload" && a.previewAlias) args.push("--preview-alias", a.previewAlias);
  if (a.message) args.push("--message", a.message);
  if (a.tag) args.push("--tag", a.tag);
  if (a.upload === "dry-run") {
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
