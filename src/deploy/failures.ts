import { stripVTControlCharacters } from "node:util";
import { networkCause } from "../util/net-errors.js";

/** What a failed wrangler run left: its `command-failed` entry, its output, and (for a network failure) a probe of the API host. */
export interface WranglerFailureInput {
  /** e.g. `versions upload`, `deployments status`. */
  command: string;
  exitCode: number;
  failed?: { code?: number; message: string };
  stderr: string;
  stdout: string;
  /** The Cloudflare API base URL wrangler talked to. */
  apiBase?: string;
  /** What connecting to the API host gave, e.g. `connect ECONNREFUSED 127.0.0.1:9`. */
  probe?: string;
  /** The failed connection wrangler's own requests recorded (network-log.ts): its host and cause. */
  network?: { host: string; cause: string };
}

const NETWORK = /fetch failed|connectivity issue|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|socket hang up|other side closed/i;

/** Lines wrangler prints that are no part of the reason: stacks, log paths, banners, advice to file a bug. Pure. */
function reasonLines(text: string): string[] {
  return stripVTControlCharacters(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s|\.js:\d+|^\(error handler|🪵|If you think this is a bug|^⛅️|^─+$|^Getting User settings|^📎|Please ensure it has the correct permissions/.test(l));
}

/** The API's own words: the text before `[code: N]` in wrangler's error block. Pure. */
export function apiReason(stderr: string): string | undefined {
  for (const l of reasonLines(stderr)) {
    const m = /^(.*?)\s*\[code: \d+\]$/.exec(l);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** The host (and port) of a URL, for messages. Pure. */
export function hostOf(url: string | undefined): string {
  try {
    return new URL(url || "https://api.cloudflare.com/client/v4").host;
  } catch {
    return url ?? "api.cloudflare.com";
  }
}

/** An errno and address in wrangler's text, e.g. `ECONNREFUSED 127.0.0.1:9`. Pure. */
const errnoIn = (text: string) => /\b(E[A-Z]{3,}(?:\s+\d{1,3}(?:\.\d{1,3}){3}:\d+)?)/.exec(text)?.[1];

/**
 * The one-line message for a failed wrangler call, naming the cause and the fix: a refused token,
 * a rate limit, an unreachable API (host and errno), or wrangler's own reason. Never a stack. Pure.
 */
export function describeFailure(f: WranglerFailureInput): string {
  const all = `${f.stderr}\n${f.stdout}`;
  const code = f.failed?.code;
  const reason = apiReason(f.stderr) ?? apiReason(f.stdout);
  const head = `wrangler ${f.command} failed (exit ${f.exitCode}${code ? `, API code ${code}` : ""})`;
  if (code === 10000 || /Authentication error|\[code: 10000\]/.test(all)) {
    return `${head}: authentication: the token was refused; check api-token, its scopes and its account${reason && !/^Authentication error$/i.test(reason) ? ` (the API said: ${reason})` : ""}.`;
  }
  if (code === 971 || /\b429\b|Too Many Requests|rate.?limit/i.test(all)) {
    return `${head}: rate-limited by the Cloudflare API${reason ? `: ${reason}` : ""}. Wait a few minutes and retry (re-run the job); avoid many deploys at once on one account (use a workflow concurrency group).`;
  }
  if (!code && NETWORK.test(`${f.failed?.message ?? ""}\n${all}`)) {
    const cause = f.network?.cause ?? f.probe ?? errnoIn(all) ?? "no answer";
    return `${head}: could not reach the Cloudflare API at ${f.network?.host ?? hostOf(f.apiBase)} (${cause}). Check the runner's network, proxy settings and CLOUDFLARE_API_BASE_URL.`;
  }
  const lines = reasonLines(f.stderr).filter((l) => !/^▲ \[WARNING\]/.test(l));
  const errorLine = lines
    .filter((l) => /^(✘ \[ERROR\]|X \[ERROR\]|ERROR|error:)/i.test(l))
    .pop()
    ?.replace(/^(✘|X) \[ERROR\]\s*/, "");
  const text = [f.failed?.message ?? errorLine ?? lines.at(-1) ?? reasonLines(f.stdout).at(-1), reason].filter(Boolean).join(" ");
  return `${head}${text ? `: ${text.slice(0, 400)}` : ""}`;
}

/** Connect to the API host once, for the errno a bare "fetch failed" hides. Never throws. */
export async function probeApi(apiBase: string | undefined, timeoutMs = 5000): Promise<string> {
  try {
    const res = await fetch(apiBase || "https://api.cloudflare.com/client/v4", { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
    return `the connection failed during the request (wrangler reports only "fetch failed", no errno); the host answers now (HTTP ${res.status}), so it may have been transient`;
  } catch (err) {
    if ((err as Error).name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
    return networkCause(err) ?? String((err as Error).message ?? err);
  }
}
