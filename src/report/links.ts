// Links the summary and the PR comment put on findings and on the deployed version. Pure.

export interface SourceLinks {
  /** `https://github.com/<owner>/<repo>` (GITHUB_SERVER_URL + GITHUB_REPOSITORY). */
  repoUrl: string;
  /** The commit the run is about (a PR's head). */
  sha: string;
}

/** `GITHUB_SERVER_URL` + `GITHUB_REPOSITORY`, or undefined outside Actions. */
export function sourceLinks(env: NodeJS.ProcessEnv, sha: string): SourceLinks | undefined {
  const repo = env.GITHUB_REPOSITORY;
  if (!repo || !sha) return undefined;
  return { repoUrl: `${(env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "")}/${repo}`, sha };
}

/** A workspace-relative file at the commit, at its line: `<repo>/blob/<sha>/<path>#L<line>`. */
export function blobUrl(links: SourceLinks, file: string, line?: number): string {
  const p = file
    .replace(/\\/g, "/")
    .replace(/^\.?\//, "")
    .split("/")
    .map(encodeURIComponent)
    .join("/");
  return `${links.repoUrl}/blob/${links.sha}/${p}${line ? `#L${line}` : ""}`;
}

/** `file:line` as Markdown, linked when the links are known. */
export function fileLink(links: SourceLinks | undefined, file: string, line?: number, column?: number): string {
  const text = `\`${file}${line ? `:${line}` : ""}${line && column ? `:${column}` : ""}\``;
  return links ? `[${text}](${blobUrl(links, file, line)})` : text;
}

/** The Worker's deployments in the Cloudflare dashboard (where its versions are listed). */
export function dashboardUrl(accountId: string, worker: string): string {
  return `https://dash.cloudflare.com/${encodeURIComponent(accountId)}/workers/services/view/${encodeURIComponent(worker)}/production/deployments`;
}
