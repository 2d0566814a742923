// The preload the npx shim gives wrangler records each failed request's origin and cause through
// node:diagnostics_channel: here it runs for real in a Node child that fetches with undici (as
// wrangler's bundled copy does) from a server that drops the connection and from a closed port.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { describeFailure } from "../../src/deploy/failures.js";
import { NETWORK_LOG_ENV, NETWORK_LOG_PRELOAD, networkFailure, readNetworkLog } from "../../src/util/network-log.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-netlog-"));
const preload = path.join(dir, "network-log.cjs");
const undici = path.resolve("node_modules/undici/index.js");
let reset: http.Server;
let resetHost = "";
let closedPort = 0;

beforeAll(async () => {
  fs.writeFileSync(preload, NETWORK_LOG_PRELOAD);
  reset = http.createServer((req) => req.socket.destroy());
  await new Promise<void>((r) => reset.listen(0, "127.0.0.1", r));
  resetHost = `127.0.0.1:${(reset.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
});
afterAll(async () => {
  await new Promise((r) => reset.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A Node child with the preload that fetches `url` through undici (the failure is swallowed, as wrangler reports it). */
async function fetchWithPreload(url: string, log: string | undefined): Promise<string> {
  const script = `const { fetch } = require(${JSON.stringify(undici)}); fetch(${JSON.stringify(url)}).then(() => console.log("ok"), (e) => console.log(e.message));`;
  const env = { ...process.env, [NETWORK_LOG_ENV]: log };
  if (!log) delete env[NETWORK_LOG_ENV];
  // Asynchronous: the server in this process must answer (drop) the child's request meanwhile.
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ["--require", preload, "-e", script], { env, encoding: "utf8", timeout: 20_000 }, (err, out) => (err ? reject(err) : resolve(out.trim()))),
  );
}

describe("the network log preload", () => {
  it("records a dropped connection's origin and undici's code", async () => {
    const log = path.join(dir, "reset.ndjson");
    expect(await fetchWithPreload(`http://${resetHost}/client/v4/accounts`, log)).toBe("fetch failed");
    const records = readNetworkLog(log);
    expect(records.length).toBeGreaterThanOrEqual(1);
    expect(networkFailure(records, resetHost)).toEqual({ host: resetHost, cause: "UND_ERR_SOCKET: other side closed" });
  });

  it("records a refused connection's errno and address", async () => {
    const log = path.join(dir, "refused.ndjson");
    expect(await fetchWithPreload(`http://127.0.0.1:${closedPort}/client/v4`, log)).toBe("fetch failed");
    expect(networkFailure(readNetworkLog(log))).toEqual({ host: `127.0.0.1:${closedPort}`, cause: `connect ECONNREFUSED 127.0.0.1:${closedPort}` });
  });

  it("writes nothing and changes nothing without the variable", async () => {
    expect(await fetchWithPreload(`http://${resetHost}/`, undefined)).toBe("fetch failed");
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ndjson"))
        .sort(),
    ).toEqual(["refused.ndjson", "reset.ndjson"]);
  });

  it("prefers the API's host; no file or bad lines: nothing", () => {
    const records = [
      { origin: "http://127.0.0.1:1", error: { message: "fetch failed", cause: { code: "ECONNRESET", message: "read ECONNRESET" } } },
      { origin: "https://registry.npmjs.org", error: { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND registry.npmjs.org" } },
    ];
    expect(networkFailure(records, "127.0.0.1:1")).toEqual({ host: "127.0.0.1:1", cause: "read ECONNRESET" });
    expect(networkFailure(records)).toEqual({ host: "registry.npmjs.org", cause: "getaddrinfo ENOTFOUND registry.npmjs.org" });
    expect(readNetworkLog(path.join(dir, "missing"))).toEqual([]);
    fs.writeFileSync(path.join(dir, "bad.txt"), 'not json\n{"origin":"http://a"}\n{"orig');
    expect(readNetworkLog(path.join(dir, "bad.txt"))).toEqual([{ origin: "http://a" }]);
  });
});

// wrangler 4.164's stderr on a connection dropped mid-request (colours stripped): no errno anywhere.
const WRANGLER_RESET = `▲ [WARNING] A fetch request failed, likely due to a connectivity issue.

  Common causes:
    - No internet connection or network connectivity problems
    - Firewall or VPN blocking the request
    - Network proxy configuration issues

  Please check your network connection and try again.


✘ [ERROR] fetch failed


🪵  Logs were written to "/home/r/.config/.wrangler/logs/wrangler-2026-11-29_02-48-45_628.log"`;

describe("describeFailure with the recorded cause", () => {
  it("names the host and the cause wrangler's text leaves out", () => {
    const m = describeFailure({
      command: "deploy",
      exitCode: 1,
      failed: { message: "fetch failed" },
      stderr: WRANGLER_RESET,
      stdout: "",
      apiBase: "http://127.0.0.1:4545/client/v4",
      network: { host: "127.0.0.1:4545", cause: "UND_ERR_SOCKET: other side closed" },
    });
    expect(m).toBe(
      "wrangler deploy failed (exit 1): could not reach the Cloudflare API at 127.0.0.1:4545 (UND_ERR_SOCKET: other side closed). Check the runner's network, proxy settings and CLOUDFLARE_API_BASE_URL.",
    );
  });
});
