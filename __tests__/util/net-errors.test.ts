// Network failures named by their cause, from errors made for real: undici's fetch (the Action's
// own HTTP and wrangler's) and Node's http client against a server that drops the connection or a
// port nobody listens on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { fetch as undiciFetch } from "undici";
import { isNetworkError, networkCause } from "../../src/util/net-errors.js";

let reset: http.Server;
let resetUrl = "";
let closedPort = 0;

beforeAll(async () => {
  reset = http.createServer((req) => req.socket.destroy());
  await new Promise<void>((r) => reset.listen(0, "127.0.0.1", r));
  resetUrl = `http://127.0.0.1:${(reset.address() as AddressInfo).port}/`;
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
});
afterAll(async () => new Promise((r) => reset.close(r)));

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error("no error");
};

describe("networkCause", () => {
  it("undici's `fetch failed` on a refused connection: the errno and address", async () => {
    const err = await caught(() => undiciFetch(`http://127.0.0.1:${closedPort}/`));
    expect((err as Error).message).toBe("fetch failed");
    expect(networkCause(err)).toBe(`connect ECONNREFUSED 127.0.0.1:${closedPort}`);
    expect(isNetworkError(err)).toBe(true);
  });

  it("undici's `fetch failed` on a dropped connection: undici's code and words", async () => {
    const err = await caught(() => undiciFetch(resetUrl));
    expect((err as Error).message).toBe("fetch failed");
    expect(networkCause(err)).toBe("UND_ERR_SOCKET: other side closed");
  });

  it("Node's own fetch (the runtime's undici) the same way", async () => {
    expect(networkCause(await caught(() => fetch(resetUrl)))).toBe("UND_ERR_SOCKET: other side closed");
    expect(networkCause(await caught(() => fetch(`http://127.0.0.1:${closedPort}/`)))).toBe(`connect ECONNREFUSED 127.0.0.1:${closedPort}`);
  });

  it("Node's http client: ECONNRESET, socket hang up", async () => {
    const err = await caught(
      () =>
        new Promise((resolve, reject) => {
          http.get(resetUrl, resolve).on("error", reject);
        }),
    );
    expect((err as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(networkCause(err)).toBe("ECONNRESET: socket hang up");
  });

  it("shapes seen elsewhere: errno under undici's socket error, happy eyeballs, a bare name lookup", () => {
    const socket = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    expect(networkCause(new TypeError("fetch failed", { cause: socket }))).toBe("read ECONNRESET");
    const both = Object.assign(new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:443"), { code: "ECONNREFUSED" })], ""), { code: "ECONNREFUSED" });
    expect(networkCause(new TypeError("fetch failed", { cause: both }))).toBe("connect ECONNREFUSED ::1:443");
    expect(networkCause(new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND mirror.example"), { code: "ENOTFOUND" }) }))).toBe(
      "getaddrinfo ENOTFOUND mirror.example",
    );
    expect(networkCause(new TypeError("terminated", { cause: Object.assign(new Error(""), { code: "UND_ERR_SOCKET" }) }))).toBe("UND_ERR_SOCKET");
  });

  it("nothing to name: an error without a code", () => {
    expect(networkCause(new Error("boom"))).toBeUndefined();
    expect(networkCause(undefined)).toBeUndefined();
    expect(isNetworkError(new Error("boom"))).toBe(false);
  });
});
