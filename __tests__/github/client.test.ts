import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "@jest/globals";
import { client, retryable } from "../../src/github/client.js";

describe("retryable", () => {
  it("repeats reads that failed for want of an answer or a 5xx/429, never writes", () => {
    expect(retryable("GET", { status: 502 })).toBe(true);
    expect(retryable("GET", { status: 429 })).toBe(true);
    expect(retryable("GET", new Error("no answer"))).toBe(true);
    expect(retryable("GET", { status: 404 })).toBe(false);
    expect(retryable("POST", { status: 502 })).toBe(false);
  });
});

describe("client", () => {
  it("gives up on a request with no answer after its time limit, naming the host", async () => {
    const seen: string[] = [];
    const server = http.createServer((req) => void seen.push(`${req.method} ${req.url}`));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const octokit = client("t", { GITHUB_API_URL: `http://127.0.0.1:${port}` }, 300);
    const started = performance.now();
    await expect(octokit?.rest.repos.createDeployment({ owner: "o", repo: "r", ref: "main" })).rejects.toThrow(`no answer from 127.0.0.1:${port} within 0.3 s`);
    expect(seen).toEqual(["POST /repos/o/r/deployments"]);
    // A read is tried once more after a 1 s backoff.
    await expect(octokit?.rest.issues.listComments({ owner: "o", repo: "r", issue_number: 1 })).rejects.toThrow(/no answer/);
    expect(seen.filter((s) => s.startsWith("GET"))).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(3000);
    server.closeAllConnections();
    server.close();
  });
});
