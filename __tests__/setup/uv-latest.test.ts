import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inputDefault } from "../../src/metadata.js";

const DEFAULT_UV_DOWNLOAD_URL = inputDefault("uv-download-url");

import { latestUvLookup, PYPI_UV_JSON, parseLatestFromPyPI, resolveUvRequest } from "../../src/setup/uv.js";

// PyPI's JSON API shape (https://pypi.org/pypi/uv/json), trimmed.
const pypi = (version: string, yanked = false) =>
  JSON.stringify({ info: { name: "uv", version, yanked }, urls: [{ filename: `uv-${version}-py3-none-manylinux_2_17_x86_64.whl`, yanked }], releases: {} });

let server: http.Server;
let base = "";
const requests: string[] = [];
const saved = process.env.RUNNER_TEMP;

beforeAll(async () => {
  process.env.RUNNER_TEMP = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-uvl-"));
  server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/pypi/uv/json") res.end(pypi("0.14.2"));
    else if (req.url === "/yanked/uv/json") res.end(pypi("0.14.3", true));
    else if (req.url === "/html/uv/json") res.end("<html>maintenance</html>");
    else {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  if (saved === undefined) delete process.env.RUNNER_TEMP;
  else process.env.RUNNER_TEMP = saved;
});

describe("uv-version: latest", () => {
  it("is looked up on PyPI with GitHub's release downloads, and refused with a mirror", () => {
    expect(latestUvLookup(DEFAULT_UV_DOWNLOAD_URL)).toEqual({ url: PYPI_UV_JSON });
    expect(latestUvLookup(`${DEFAULT_UV_DOWNLOAD_URL}/`)).toEqual({ url: PYPI_UV_JSON });
    expect(latestUvLookup("https://mirror.example/uv")).toEqual({
      error: expect.stringMatching(/^"latest" cannot be resolved with uv-download-url https:\/\/mirror\.example\/uv: .*Give the exact version/),
    });
  });
  it("reads PyPI's JSON", () => {
    expect(parseLatestFromPyPI(pypi("0.14.2"))).toBe("0.14.2");
    expect(parseLatestFromPyPI(pypi("0.15.0rc1"))).toBeNull();
    expect(parseLatestFromPyPI(pypi("0.14.3", true))).toBeNull();
    expect(parseLatestFromPyPI("<html>")).toBeNull();
  });
  it("resolves to an exact version over HTTP; other requests pass through untouched", async () => {
    await expect(resolveUvRequest({ spec: "latest", source: "uv-version" }, DEFAULT_UV_DOWNLOAD_URL, `${base}/pypi/uv/json`)).resolves.toEqual({ spec: "0.14.2", source: "uv-version" });
    expect(requests).toContain("/pypi/uv/json");
    const n = requests.length;
    await expect(resolveUvRequest({ spec: "0.13.9", source: "uv-version" }, "https://mirror.example/uv", `${base}/pypi/uv/json`)).resolves.toEqual({ spec: "0.13.9", source: "uv-version" });
    expect(requests.length).toBe(n);
  });
  it("fails clearly: mirror, unreachable, unusable answer", async () => {
    await expect(resolveUvRequest({ spec: "latest", source: "uv-version" }, "https://mirror.example/uv")).rejects.toThrow(/^uv-version: "latest" cannot be resolved with uv-download-url/);
    await expect(resolveUvRequest({ spec: "Latest", source: "uv-version" }, DEFAULT_UV_DOWNLOAD_URL, `${base}/html/uv/json`)).rejects.toThrow(/names no usable uv release\. Give an exact uv-version/);
    await expect(resolveUvRequest({ spec: "latest", source: "uv-version" }, DEFAULT_UV_DOWNLOAD_URL, `${base}/yanked/uv/json`)).rejects.toThrow(/names no usable uv release/);
    await expect(resolveUvRequest({ spec: "latest", source: "uv-version" }, DEFAULT_UV_DOWNLOAD_URL, `${base}/missing`)).rejects.toThrow(
      /^could not look up the latest uv at http:\/\/127\.0\.0\.1:\d+\/missing: .*404/,
    );
  });
});
