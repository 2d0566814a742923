/**
 * The one environment every wrangler/pywrangler call of a run gets: the step's environment with
 * the plan's Cloudflare token and account (from the inputs, else the step's env) set explicitly.
 * Built once per run and handed to the upload, `versions deploy`, `deployments status`,
 * `versions list` and `rollback` alike. Pure.
 */
export function cloudflareEnv(credentials: { apiToken: string; accountId: string }, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  if (credentials.apiToken) out.CLOUDFLARE_API_TOKEN = credentials.apiToken;
  if (credentials.accountId) out.CLOUDFLARE_ACCOUNT_ID = credentials.accountId;
  return out;
}
