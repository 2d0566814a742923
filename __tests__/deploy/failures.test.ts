import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "@jest/globals";
import { cloudflareEnv } from "../../src/deploy/credentials.js";
import { apiReason, describeFailure, hostOf, probeApi } from "../../src/deploy/failures.js";

// stderr as wrangler 4.164 printed it against the Cloudflare API stand-in (colours stripped).
const RATE_LIMITED = `✘ [ERROR] A request to the Cloudflare API (/accounts/abc/workers/scripts/w/deployments) failed.

  Please wait and consider throttling your request speed [code: 971]
  If you think this is a bug, please open an issue at: https://github.com/cloudflare/workers-sdk/issues/new/choose

🪵  Logs were written to "/home/r/.config/.wrangler/logs/wrangler.log"`;
const AUTH = `    at async whoami (/t/wrangler/wrangler-dist/cli.js:354382:16)
(error handler also failed: APIError: A request to the Cloudflare API (/user/tokens/verify) failed.
    at throwFetchError (/t/wrangler/wrangler-dist/cli.js:63338:19)
    at async main (/t/wrangler/wrangler-dist/cli.js:366031:9))
🪵  Logs were written to "/home/r/.config/.wrangler/logs/wrangler.log"`;
const NETWORK = `▲ [WARNING] A fetch request failed, likely due to a connectivity issue.

  Common causes:
    - No internet connection or network connectivity problems

✘ [ERROR] fetch failed
`;

describe("describeFailure", () => {
  it("names a rate limit with the API's reason and retry advice", () => {
    const m = describeFailure({ command: "versions upload", exitCode: 1, failed: { code: 971, message: "A request to the Cloudflare API (/x) failed." }, stderr: RATE_LIMITED, stdout: "" });
    expect(m).toBe(
      "wrangler versions upload failed (exit 1, API code 971): rate-limited by the Cloudflare API: Please wait and consider throttling your request speed. Wait a few minutes and retry (re-run the job); avoid many deploys at once on one account (use a workflow concurrency group).",
    );
  });

  it("says a refused token is an authentication problem pointing at api-token, never a stack", () => {
    const m = describeFailure({ command: "deploy", exitCode: 1, failed: { code: 10000, message: "A request to the Cloudflare API (/user/tokens/verify) failed." }, stderr: AUTH, stdout: "" });
    expect(m).toBe("wrangler deploy failed (exit 1, API code 10000): authentication: the token was refused; check api-token, its scopes and its account.");
    expect(m).not.toMatch(/\bat |cli\.js/);
  });

  it("names the host and the errno of a network failure", () => {
    const input = { command: "deploy", exitCode: 1, failed: { message: "fetch failed" }, stderr: NETWORK, stdout: "", apiBase: "http://127.0.0.1:9/client/v4" };
    expect(describeFailure({ ...input, probe: "connect ECONNREFUSED 127.0.0.1:9" })).toBe(
      "wrangler deploy failed (exit 1): could not reach the Cloudflare API at 127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9). Check the runner's network, proxy settings and CLOUDFLARE_API_BASE_URL.",
    );
    expect(describeFailure({ ...input, apiBase: undefined, stderr: "Error: getaddrinfo ENOTFOUND api.cloudflare.com" })).toContain("at api.cloudflare.com (ENOTFOUND)");
  });

  it("otherwise gives wrangler's reason and the API's words, without stack lines", () => {
    const m = describeFailure({
      command: "versions deploy",
      exitCode: 1,
      failed: { code: 10021, message: "A request to the Cloudflare API (/v) failed." },
      stderr: "✘ [ERROR] A request to the Cloudflare API (/v) failed.\n  Script startup exceeded CPU limit. [code: 10021]\n    at foo (/x/cli.js:1:2)",
      stdout: "",
    });
    expect(m).toBe("wrangler versions deploy failed (exit 1, API code 10021): A request to the Cloudflare API (/v) failed. Script startup exceeded CPU limit.");
    expect(describeFailure({ command: "rollback", exitCode: 2, stderr: "✘ [ERROR] Version abc not found\n    at x (cli.js:3:4)", stdout: "" })).toBe(
      "wrangler rollback failed (exit 2): Version abc not found",
    );
  });

  it("apiReason and hostOf", () => {
    expect(apiReason(RATE_LIMITED)).toBe("Please wait and consider throttling your request speed");
    expect(apiReason("nothing")).toBeUndefined();
    expect(hostOf(undefined)).toBe("api.cloudflare.com");
    expect(hostOf("http://127.0.0.1:4545/client/v4")).toBe("127.0.0.1:4545");
  });
});

describe("probeApi", () => {
  it("reports the errno and address of a refused connection", async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    expect(await probeApi(`http://127.0.0.1:${port}/client/v4`, 2000)).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
  });
  it("says when the host answers now (a connection dropped mid-request)", async () => {
    const server = http.createServer((_q, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    expect(await probeApi(`http://127.0.0.1:${port}/client/v4`, 2000)).toMatch(/^the connection failed during the request .*; the host answers now \(HTTP 404\)/);
    server.close();
  });
  it("reports a host that does not answer in time", async () => {
    const server = http.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    expect(await probeApi(`http://127.0.0.1:${port}/`, 300)).toBe("no answer within 0.3 s");
    server.closeAllConnections();
    server.close();
  });
});

describe("cloudflareEnv", () => {
  it("sets the plan's token and account over the step's env, and keeps the env's when the plan has none", () => {
    const env = { PATH: "/bin", CLOUDFLARE_API_TOKEN: "from-env", CLOUDFLARE_ACCOUNT_ID: "env-acct" };
    expect(cloudflareEnv({ apiToken: "from-input", accountId: "input-acct" }, env)).toEqual({ PATH: "/bin", CLOUDFLARE_API_TOKEN: "from-input", CLOUDFLARE_ACCOUNT_ID: "input-acct" });
    expect(cloudflareEnv({ apiToken: "", accountId: "" }, env)).toEqual(env);
    expect(env.CLOUDFLARE_API_TOKEN).toBe("from-env");
  });
});
