import { proxiedFetch } from "../util/http.js";

/** GET a URL until it answers 2xx or the time is up. Returns what happened, for the message. */
export async function smokeCheck(
  url: string,
  timeoutMs: number,
  intervalMs = 2000,
  fetchImpl: typeof fetch = proxiedFetch,
  headers: Record<string, string> = {},
): Promise<{ ok: boolean; attempts: number; last: string }> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let last = "no answer";
  for (;;) {
    attempts++;
    try {
      const left = Math.max(1000, Math.min(10_000, deadline - Date.now()));
      const res = await fetchImpl(url, { redirect: "follow", headers, signal: AbortSignal.timeout(left) });
      last = `HTTP ${res.status}`;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, attempts, last };
    } catch (err) {
      last = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    }
    // Backoff: the interval, doubling each attempt, at most 4 times the interval.
    const wait = Math.min(intervalMs * 2 ** Math.min(attempts - 1, 2), deadline - Date.now());
    if (wait <= 0) return { ok: false, attempts, last };
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** `<new>@<p>%` and `<previous>@<100-p>%` for `wrangler versions deploy`. Pure. */
export function rolloutSpecs(newVersion: string, previousVersion: string, percentage: number): string[] {
  if (percentage >= 100) return [`${newVersion}@100%`];
  return [`${newVersion}@${percentage}%`, `${previousVersion}@${100 - percentage}%`];
}

/** Every version and its share in `wrangler deployments status --json` output. Pure. */
export function trafficSplit(statusJson: string): Array<{ version_id?: string; percentage?: number }> {
  try {
    const j = JSON.parse(statusJson);
    const versions = j.versions ?? j.deployment?.versions ?? [];
    return Array.isArray(versions) ? versions : [];
  } catch {
    return [];
  }
}

/** The version serving most traffic in `wrangler deployments status --json` output. Pure. */
export function currentVersion(statusJson: string): string | undefined {
  try {
    const j = JSON.parse(statusJson);
    const versions: Array<{ version_id?: string; percentage?: number }> = j.versions ?? j.deployment?.versions ?? [];
    const top = [...versions].sort((a, b) => (b.percentage ?? 0) - (a.percentage ?? 0))[0];
    return top?.version_id;
  } catch {
    return undefined;
  }
}

/**
 * The header that sends a request to one version of a gradual deployment:
 * `Cloudflare-Workers-Version-Overrides: <worker>="<version-id>"` (a Structured Fields dictionary,
 * the value a String). Pure.
 */
export function versionOverrideHeader(worker: string, versionId: string): Record<string, string> {
  const key = /^[a-z*][a-z0-9_.*-]*$/.test(worker) ? worker : worker.toLowerCase();
  return { "Cloudflare-Workers-Version-Overrides": `${key}="${versionId.replace(/["\\]/g, "")}"` };
}
