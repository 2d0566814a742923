// The downloads the Action makes itself (the uv archive and its checksum, Pyodide's npm tarball,
// uv's release listing): streamed to a file through the environment's proxy, each attempt ended
// when no data arrives for `idleMs` (the download-timeout input), so a server that accepts and
// never answers cannot hang the step while a slow but progressing download is never cut. A few
// attempts with a short backoff; an answer that another attempt cannot change (a 404) fails at once.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as core from "@actions/core";
import { StageFailure } from "../errors.js";
import { parseDuration } from "../inputs.js";
import { inputDefault } from "../metadata.js";
import { proxiedFetch } from "./http.js";
import { isNetworkError, networkCause } from "./net-errors.js";

/** The `download-timeout` input, set once when the run starts (default: action.yml's). */
let idleDefault: number | undefined;
export function setDownloadTimeout(ms: number): void {
  idleDefault = ms;
}
export const downloadTimeoutMs = (): number => (idleDefault ??= parseDuration("download-timeout", inputDefault("download-timeout")));

export interface DownloadOptions {
  /** An attempt ends when no data has arrived for this long (headers or body); default download-timeout. */
  idleMs?: number;
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Pause before the second attempt; doubled for each next one (default 1 s). */
  backoffMs?: number;
  /** Where to write; default a new file in RUNNER_TEMP. */
  dest?: string;
  /** The input that sets `idleMs`, named in messages (default download-timeout). */
  input?: string;
}

/** A download that failed on every attempt, or at once with an answer no retry can change. */
export class DownloadError extends StageFailure {
  constructor(
    readonly url: string,
    /** What happened, naming the host, e.g. `127.0.0.1:8080 sent no data for 2 s (download-timeout)`. */
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(`could not download ${url}: ${reason}${attempts > 1 ? ` (${attempts} attempts)` : ""}`);
    this.name = "DownloadError";
  }
}

/** The host (and port) of a URL, for messages. Pure. */
export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** HTTP answers worth another attempt: timeouts, rate limits and server errors. Pure. */
export const retryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** `Retry-After` in ms (seconds or a date), capped; undefined when absent or unreadable. Pure. */
export function retryAfterMs(value: string | null, now = Date.now(), capMs = 10_000): number | undefined {
  if (!value) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}

/** `2 s`, `1.5 s`, `500 ms`. Pure. */
export const duration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

class Idle extends Error {}

interface Attempt {
  ok: boolean;
  reason: string;
  retry: boolean;
  waitMs?: number;
}

async function attempt(url: string, dest: string, o: Required<Omit<DownloadOptions, "dest">>): Promise<Attempt> {
  const host = hostOf(url);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Idle()), o.idleMs);
  };
  arm();
  try {
    // identity: the bytes as stored (the checksum is of them), not re-encoded for the transfer.
    const res = await proxiedFetch(url, { signal: controller.signal, redirect: "follow", headers: { "accept-encoding": "identity" } });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const reason = `${host} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
      return { ok: false, reason, retry: retryableStatus(res.status), waitMs: retryAfterMs(res.headers.get("retry-after")) };
    }
    arm();
    const body = res.body ? Readable.fromWeb(res.body as import("node:stream/web").ReadableStream) : Readable.from([]);
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          arm();
          yield chunk;
        }
      },
      fs.createWriteStream(dest),
      { signal: controller.signal },
    );
    return { ok: true, reason: "", retry: false };
  } catch (err) {
    if (controller.signal.aborted && controller.signal.reason instanceof Idle) {
      return { ok: false, reason: `${host} sent no data for ${duration(o.idleMs)} (${o.input})`, retry: true };
    }
    if (isNetworkError(err)) {
      const cause = networkCause(err) ?? (err as Error).message;
      return { ok: false, reason: `the connection to ${host} failed: ${cause}`, retry: true };
    }
    // Writing the file (disk full, a read-only folder): another attempt would not help.
    return { ok: false, reason: `${host}: ${(err as Error).message ?? err}`, retry: false };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Download `url` to a file (returned), with `attempts` tries bounded by `idleMs` of silence each.
 * Throws a DownloadError naming the host, what happened and the input that bounds the wait.
 */
export async function download(url: string, opts: DownloadOptions = {}): Promise<string> {
  const o = { attempts: 3, backoffMs: 1000, input: "download-timeout", ...opts, idleMs: opts.idleMs ?? downloadTimeoutMs() };
  const dest = opts.dest ?? path.join(process.env.RUNNER_TEMP || os.tmpdir(), `download-${randomUUID()}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  let pause = o.backoffMs;
  for (let n = 1; ; n++) {
    const r = await attempt(url, dest, o);
    if (r.ok) return dest;
    fs.rmSync(dest, { force: true });
    if (!r.retry || n >= o.attempts) throw new DownloadError(url, r.reason, n);
    const wait = Math.max(pause, r.waitMs ?? 0);
    core.info(`Download of ${url} failed: ${r.reason}. Attempt ${n + 1} of ${o.attempts} in ${duration(wait)}.`);
    await new Promise((resolve) => setTimeout(resolve, wait));
    pause *= 2;
  }
}

/**
 * The step's message for a failed download of `what`: the URL, what happened (the host and a
 * silence past download-timeout, an HTTP status or an errno), the attempts, and `fix` (the input
 * that points at the server). Pure.
 */
export function downloadFailure(what: string, err: unknown, fix: string): StageFailure {
  if (err instanceof DownloadError) {
    const slow = err.reason.includes("sent no data") ? " A slow server: raise download-timeout." : "";
    return new StageFailure(`could not download ${what} from ${err.url}: ${err.reason}${err.attempts > 1 ? ` (${err.attempts} attempts)` : ""}. ${fix}${slow}`);
  }
  return new StageFailure(`could not download ${what}: ${err instanceof Error ? err.message : String(err)}. ${fix}`);
}
