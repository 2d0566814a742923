// The download helper against a real HTTP server on 127.0.0.1: a server that accepts and never
// answers, one that fails then recovers, a 404, a connection dropped mid-body, and a slow body
// that keeps sending (never cut).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { DownloadError, download, downloadFailure, retryAfterMs, retryableStatus, setDownloadTimeout } from "../../src/util/download.js";

const BODY = crypto.randomBytes(256 * 1024);
const hits: Record<string, number> = {};
let server: http.Server;
let base = "";
let host = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-dl-test-"));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const p = req.url ?? "/";
    const n = (hits[p] = (hits[p] ?? 0) + 1);
    const ok = () => res.writeHead(200, { "content-length": BODY.length }).end(BODY);
    if (p === "/ok") return ok();
    if (p === "/encoding") return res.writeHead(200).end(String(req.headers["accept-encoding"]));
    if (p === "/hang") return; // accepts, reads the request, never answers
    if (p === "/hang-once") return n === 1 ? undefined : ok();
    if (p === "/503-once") return n === 1 ? res.writeHead(503).end("busy") : ok();
    if (p === "/429-once") return n === 1 ? res.writeHead(429, { "retry-after": "1" }).end("slow down") : ok();
    if (p === "/404") return res.writeHead(404).end("not found");
    if (p === "/stall-mid-body") {
      res.writeHead(200, { "content-length": BODY.length });
      return res.write(BODY.subarray(0, 1000)); // then nothing
    }
    if (p === "/reset-mid-body" && n === 1) {
      res.writeHead(200, { "content-length": BODY.length });
      res.write(BODY.subarray(0, 1000));
      return setTimeout(() => req.socket.destroy(), 50);
    }
    if (p === "/reset-mid-body") return ok();
    if (p === "/reset") return req.socket.destroy();
    if (p === "/slow") {
      // 16 chunks 150 ms apart: 2.4 s in all, far longer than the 500 ms allowed without data.
      res.writeHead(200, { "content-length": BODY.length });
      const size = BODY.length / 16;
      let i = 0;
      const t = setInterval(() => {
        res.write(BODY.subarray(i * size, (i + 1) * size));
        if (++i === 16) {
          clearInterval(t);
          res.end();
        }
      }, 150);
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const k of Object.keys(hits)) delete hits[k];
});

const dest = () => path.join(dir, crypto.randomUUID());
const fast = { idleMs: 500, backoffMs: 50 };
const timed = async <T>(work: Promise<T>) => {
  const t = performance.now();
  const settled = await work.then(
    (v) => ({ value: v, error: undefined }),
    (e: unknown) => ({ value: undefined, error: e as Error }),
  );
  return { ...settled, ms: performance.now() - t };
};

describe("download", () => {
  it("writes the body to the file", async () => {
    const file = await download(`${base}/ok`, { ...fast, dest: dest() });
    expect(fs.readFileSync(file).equals(BODY)).toBe(true);
  });

  it("asks for the bytes as stored (no transfer encoding)", async () => {
    expect(fs.readFileSync(await download(`${base}/encoding`, { ...fast, dest: dest() }), "utf8")).toBe("identity");
  });

  it("gives up on a server that never answers after each attempt's bound, 3 attempts, naming the host and the input", async () => {
    const d = dest();
    const r = await timed(download(`${base}/hang`, { ...fast, dest: d }));
    expect(r.error).toBeInstanceOf(DownloadError);
    expect(r.error?.message).toBe(`could not download ${base}/hang: ${host} sent no data for 500 ms (download-timeout) (3 attempts)`);
    expect(hits["/hang"]).toBe(3);
    // 3 × 500 ms + 50 + 100 ms of backoff, with room for a loaded machine.
    expect(r.ms).toBeGreaterThanOrEqual(1600);
    expect(r.ms).toBeLessThan(4000);
    expect(fs.existsSync(d)).toBe(false);
  });

  it("gives up on a body that stops mid-way (no data for the bound)", async () => {
    const r = await timed(download(`${base}/stall-mid-body`, { ...fast, attempts: 2, dest: dest() }));
    expect((r.error as DownloadError).reason).toBe(`${host} sent no data for 500 ms (download-timeout)`);
    expect(hits["/stall-mid-body"]).toBe(2);
    expect(r.ms).toBeLessThan(3000);
  });

  it("recovers when the first attempt hangs and the second answers", async () => {
    const file = await download(`${base}/hang-once`, { ...fast, dest: dest() });
    expect(fs.readFileSync(file).equals(BODY)).toBe(true);
    expect(hits["/hang-once"]).toBe(2);
  });

  it("retries a 503, and a 429 after its Retry-After", async () => {
    const file = await download(`${base}/503-once`, { ...fast, dest: dest() });
    expect(fs.readFileSync(file).equals(BODY)).toBe(true);
    expect(hits["/503-once"]).toBe(2);
    const r = await timed(download(`${base}/429-once`, { ...fast, dest: dest() }));
    expect(r.error).toBeUndefined();
    expect(hits["/429-once"]).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(950);
  });

  it("fails at once on a 404, naming the host and the status", async () => {
    const r = await timed(download(`${base}/404`, { ...fast, dest: dest() }));
    expect(r.error?.message).toBe(`could not download ${base}/404: ${host} answered HTTP 404 Not Found`);
    expect(hits["/404"]).toBe(1);
    expect(r.ms).toBeLessThan(1000);
  });

  it("retries a connection reset mid-body, and then has the whole file", async () => {
    const file = await download(`${base}/reset-mid-body`, { ...fast, dest: dest() });
    expect(fs.readFileSync(file).equals(BODY)).toBe(true);
    expect(hits["/reset-mid-body"]).toBe(2);
  });

  it("names the cause of a connection reset on every attempt", async () => {
    const r = await timed(download(`${base}/reset`, { ...fast, dest: dest() }));
    expect((r.error as DownloadError).reason).toBe(`the connection to ${host} failed: UND_ERR_SOCKET: other side closed`);
    expect(hits["/reset"]).toBe(3);
  });

  it("names the errno of a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const r = await timed(download(`http://127.0.0.1:${port}/x`, { ...fast, attempts: 2, dest: dest() }));
    expect((r.error as DownloadError).reason).toBe(`the connection to 127.0.0.1:${port} failed: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect((r.error as DownloadError).attempts).toBe(2);
  });

  it("never cuts a slow body that keeps sending", async () => {
    const r = await timed(download(`${base}/slow`, { ...fast, dest: dest() }));
    expect(r.error).toBeUndefined();
    expect(fs.readFileSync(r.value as string).equals(BODY)).toBe(true);
    expect(hits["/slow"]).toBe(1);
    expect(r.ms).toBeGreaterThan(2000);
  });

  it("uses the download-timeout input when no bound is given", async () => {
    setDownloadTimeout(300);
    const r = await timed(download(`${base}/hang`, { attempts: 1, dest: dest() }));
    expect((r.error as DownloadError).reason).toBe(`${host} sent no data for 300 ms (download-timeout)`);
    expect(r.ms).toBeLessThan(1500);
  });
});

describe("messages and rules", () => {
  it("downloadFailure names what, the URL, the reason, the attempts and the inputs", () => {
    const timeout = new DownloadError("http://m/u.tgz", "m sent no data for 2 s (download-timeout)", 3);
    expect(downloadFailure("uv 0.13.9", timeout, "Set uv-download-url to a reachable mirror.").message).toBe(
      "could not download uv 0.13.9 from http://m/u.tgz: m sent no data for 2 s (download-timeout) (3 attempts). Set uv-download-url to a reachable mirror. A slow server: raise download-timeout.",
    );
    const missing = new DownloadError("http://m/u.tgz", "m answered HTTP 404 Not Found", 1);
    expect(downloadFailure("uv 0.13.9", missing, "Check uv-version.").message).toBe("could not download uv 0.13.9 from http://m/u.tgz: m answered HTTP 404 Not Found. Check uv-version.");
  });

  it("retries 408, 429 and 5xx only; reads Retry-After, capped", () => {
    expect([200, 400, 401, 403, 404, 408, 429, 500, 502, 503].filter(retryableStatus)).toEqual([408, 429, 500, 502, 503]);
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("3600")).toBe(10_000);
    expect(retryAfterMs(new Date(1_000_000 + 4000).toUTCString(), 1_000_000)).toBe(4000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});
