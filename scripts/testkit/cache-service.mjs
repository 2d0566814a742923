// A stand-in for GitHub's cache service v2 on 127.0.0.1, as @actions/cache 6 speaks it
// (node_modules/@actions/cache/lib/internal/shared/cacheTwirpClient.js and generated/…/cache.ts):
// Twirp JSON at /twirp/github.actions.results.api.v1.CacheService/<Method> with the runtime token,
// uploads through the Azure Blob SDK to the signed URL (a single PUT, or staged blocks plus a block
// list), downloads with a plain GET. Entries are immutable; a restore key matches by prefix, newest
// first, within the same version (the hash of paths and compression). Faults: `status` answers
// every Twirp call with it; `truncateDownloads` serves half of each archive; `hang` never answers
// (the socket stays open until close()). `hits` counts every request, Twirp or blob.
import crypto from "node:crypto";
import http from "node:http";

const SERVICE = "/twirp/github.actions.results.api.v1.CacheService/";

export async function startCacheService({ token = "runtime-token" } = {}) {
  /** @type {Map<string, {key:string, version:string, blob:string, size:number, created:number, finalized:boolean}>} */
  const entries = new Map();
  /** @type {Map<string, Buffer>} */
  const blobs = new Map();
  /** @type {Map<string, Map<string, Buffer>>} */
  const blocks = new Map();
  const calls = [];
  const faults = { status: 0, truncateDownloads: false, hang: false };
  let hits = 0;
  /** @type {Set<import('node:http').ServerResponse>} */
  const hanging = new Set();
  let seq = 0;
  let port = 0;

  const server = http.createServer(async (req, res) => {
    hits++;
    if (faults.hang) {
      hanging.add(res);
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const json = (status, obj) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(obj));
    };

    if (url.pathname.startsWith(SERVICE)) {
      const method = url.pathname.slice(SERVICE.length);
      const data = body.length ? JSON.parse(body.toString("utf8")) : {};
      calls.push({ method, data });
      if (req.headers.authorization !== `Bearer ${token}`) return json(401, { code: "unauthenticated", msg: "bad token" });
      if (faults.status) return json(faults.status, { code: "internal", msg: "injected fault" });
      if (method === "CreateCacheEntry") {
        const id = `${data.key}|${data.version}`;
        if (entries.has(id)) return json(200, { ok: false, message: `cache entry with the same key and version already exists` });
        const blob = `blob-${++seq}`;
        entries.set(id, { key: data.key, version: data.version, blob, size: 0, created: seq, finalized: false });
        return json(200, { ok: true, signed_upload_url: `http://127.0.0.1:${port}/devstoreaccount1/actions-cache/${blob}?sig=upload` });
      }
      if (method === "FinalizeCacheEntryUpload") {
        const e = entries.get(`${data.key}|${data.version}`);
        if (!e || !blobs.has(e.blob)) return json(200, { ok: false, message: "no upload for this entry" });
        e.finalized = true;
        e.size = Number(data.size_bytes);
        return json(200, { ok: true, entry_id: String(e.created) });
      }
      if (method === "GetCacheEntryDownloadURL") {
        const candidates = [...entries.values()].filter((e) => e.finalized && e.version === data.version);
        let match = candidates.find((e) => e.key === data.key);
        for (const prefix of data.restore_keys ?? []) {
          if (match) break;
          match = candidates.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.created - a.created)[0];
        }
        if (!match) return json(200, { ok: false });
        return json(200, { ok: true, signed_download_url: `http://127.0.0.1:${port}/devstoreaccount1/actions-cache/${match.blob}?sig=download`, matched_key: match.key });
      }
      return json(404, { code: "bad_route", msg: method });
    }

    const blobMatch = /^\/devstoreaccount1\/actions-cache\/([^/]+)$/.exec(url.pathname);
    if (blobMatch) {
      const name = blobMatch[1];
      const common = { "x-ms-request-id": crypto.randomUUID(), "x-ms-version": "2024-11-04", date: new Date().toUTCString() };
      if (req.method === "PUT") {
        const comp = url.searchParams.get("comp");
        if (comp === "block") {
          const id = url.searchParams.get("blockid") ?? "";
          if (!blocks.has(name)) blocks.set(name, new Map());
          blocks.get(name).set(id, body);
          res.writeHead(201, common);
          return res.end();
        }
        if (comp === "blocklist") {
          const ids = [...body.toString("utf8").matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]);
          blobs.set(name, Buffer.concat(ids.map((id) => blocks.get(name)?.get(id) ?? Buffer.alloc(0))));
          blocks.delete(name);
          res.writeHead(201, { ...common, etag: `"${seq}"`, "last-modified": new Date().toUTCString() });
          return res.end();
        }
        blobs.set(name, body);
        res.writeHead(201, { ...common, etag: `"${seq}"`, "last-modified": new Date().toUTCString(), "content-md5": crypto.createHash("md5").update(body).digest("base64") });
        return res.end();
      }
      if (req.method === "GET" || req.method === "HEAD") {
        let data = blobs.get(name);
        if (!data) {
          res.writeHead(404, common);
          return res.end();
        }
        if (faults.truncateDownloads) data = data.subarray(0, data.length >> 1);
        res.writeHead(200, { ...common, "content-length": data.length, "content-type": "application/octet-stream" });
        return res.end(req.method === "HEAD" ? undefined : data);
      }
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    entries,
    blobs,
    calls,
    faults,
    /** Environment a runner gives a step for the cache service. */
    env: { ACTIONS_CACHE_SERVICE_V2: "true", ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/`, ACTIONS_RUNTIME_TOKEN: token },
    /** Replace an entry's archive (e.g. with a broken one). */
    replaceBlob(key, data) {
      const e = [...entries.values()].find((x) => x.key === key);
      blobs.set(e.blob, data);
    },
    get hits() {
      return hits;
    },
    close: () => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections?.();
      return new Promise((r) => server.close(() => r(undefined)));
    },
  };
}
