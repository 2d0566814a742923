import http from "node:http";
import { describe, expect, it } from "@jest/globals";
import { currentVersion, rolloutSpecs, smokeCheck } from "../../src/release/smoke.js";

describe("rolloutSpecs", () => {
  it("splits traffic between the new and the previous version", () => {
    expect(rolloutSpecs("new", "old", 10)).toEqual(["new@10%", "old@90%"]);
    expect(rolloutSpecs("new", "old", 100)).toEqual(["new@100%"]);
  });
});

describe("currentVersion", () => {
  it("reads the version serving most traffic", () => {
    expect(
      currentVersion(
        JSON.stringify({
          id: "d",
          versions: [
            { version_id: "a", percentage: 10 },
            { version_id: "b", percentage: 90 },
          ],
        }),
      ),
    ).toBe("b");
    expect(currentVersion("not json")).toBeUndefined();
  });
});

describe("smokeCheck", () => {
  it("retries until 2xx and gives up after the time limit", async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`;
    expect(await smokeCheck(url, 5000, 10)).toEqual({ ok: true, attempts: 3, last: "HTTP 200" });
    calls = -1000;
    const failed = await smokeCheck(url, 300, 50);
    expect(failed.ok).toBe(false);
    expect(failed.last).toBe("HTTP 503");
    expect(failed.attempts).toBeGreaterThan(1);
    server.close();
  });
});
