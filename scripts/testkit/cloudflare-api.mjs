// A stand-in for the Cloudflare REST API on 127.0.0.1, built from the request flows wrangler 4.164
// was observed to make (shared/reference/cloudflare-api-and-wrangler.md, sections 2–3). Stateful:
// a Worker 404s until its first upload, then later deploys go through the versions API. Records
// every request (with multipart uploads decoded) and can inject faults.
import crypto from "node:crypto";
import http from "node:http";

const ok = (result) => ({ success: true, errors: [], messages: [], result });
const fail = (code, message) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

/**
 * @param {{ token?: string, accountId?: string, subdomain?: string, previews?: boolean }} [opts]
 */
export async function startCloudflareApi(opts = {}) {
  const token = opts.token ?? "test-token";
  const subdomain = opts.subdomain ?? "test-sub";
  const previews = opts.previews ?? true;
  /** @type {Array<{method:string,path:string,query:string,headers:Record<string,string|string[]|undefined>,body?:string,metadata?:any,parts?:Array<{name:string,type:string,size:number}>}>} */
  const requests = [];
  /** @type {Map<string,{tag:string,versions:any[],deployments:any[],secrets:Map<string,string>}>} */
  const workers = new Map();
  /** @type {Array<{method?:string, path:RegExp, status:number, body?:any, times:number}>} */
  const faults = [];
  /** Responses held open by a `hang` fault, ended on close(). */
  const hanging = new Set();

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rec = { method: req.method ?? "GET", path: url.pathname, query: url.search, headers: req.headers };
    const ctype = String(req.headers["content-type"] ?? "");
    if (ctype.startsWith("multipart/form-data")) {
      const form = await new Request("http://x/", { method: "POST", headers: { "content-type": ctype }, body: raw }).formData();
      rec.parts = [];
      for (const [name, value] of form.entries()) {
        const text = typeof value === "string" ? value : await value.text();
        if (name === "metadata") rec.metadata = JSON.parse(text);
        rec.parts.push({ name, type: typeof value === "string" ? "text/plain" : value.type, size: Buffer.byteLength(text) });
      }
    } else if (raw.length) {
      rec.body = raw.toString("utf8");
    }
    requests.push(rec);

    const send = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const fault = faults.find((f) => f.times > 0 && (!f.method || f.method === rec.method) && f.path.test(rec.path));
    if (fault) {
      fault.times--;
      // hang: never answer (until close); reset: drop the connection; raw: a non-JSON body; headers: e.g. retry-after.
      if (fault.hang) return void hanging.add(res);
      if (fault.reset) return void req.socket.destroy();
      if (fault.raw !== undefined) {
        res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
        return void res.end(fault.raw);
      }
      if (fault.headers) for (const [k, v] of Object.entries(fault.headers)) res.setHeader(k, v);
      return send(fault.status, fault.body ?? fail(10013, `injected fault ${fault.status}`));
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send(403, fail(10000, "Authentication error"));
    }
    const m = /^\/client\/v4\/accounts\/([^/]+)\/workers\/(.*)$/.exec(rec.path);
    if (!m) return send(404, fail(7003, `No route for ${rec.method} ${rec.path}`));
    const rest = m[2];
    let mm;

    if (rest === "subdomain" && rec.method === "GET") return send(200, ok({ subdomain }));

    if ((mm = /^services\/([^/]+)$/.exec(rest)) && rec.method === "GET") {
      const w = workers.get(mm[1]);
      if (!w) return send(404, fail(10090, "This Worker does not exist on your account."));
      return send(200, ok({ id: mm[1], default_environment: { environment: "production", script: { tag: w.tag, tags: [], last_deployed_from: "wrangler" } } }));
    }

    if ((mm = /^workers\/([^/]+)$/.exec(rest)) && rec.method === "GET") {
      const name = mm[1];
      return send(
        200,
        ok({ id: name, name, subdomain: { enabled: true, previews_enabled: previews, url: `https://${name}.${subdomain}.workers.dev`, preview_url_suffix: `-${name}.${subdomain}.workers.dev` } }),
      );
    }

    if ((mm = /^scripts\/([^/]+)(?:\/(.*))?$/.exec(rest))) {
      const name = mm[1];
      const sub = mm[2] ?? "";
      const w = workers.get(name);
      if (sub === "" && rec.method === "PUT") {
        if (!rec.metadata) return send(400, fail(10021, "metadata part missing"));
        const id = crypto.randomUUID();
        const entry = workers.get(name) ?? { tag: `tag-${name}`, versions: [], deployments: [], secrets: new Map() };
        workers.set(name, entry);
        entry.versions.push({ id, metadata: rec.metadata, created_on: new Date().toISOString() });
        entry.deployments.unshift({ id: crypto.randomUUID(), created_on: new Date().toISOString(), versions: [{ version_id: id, percentage: 100 }] });
        return send(200, ok({ id: name, deployment_id: id, startup_time_ms: 1, etag: crypto.randomUUID() }));
      }
      if (sub === "secrets" && rec.method === "GET") {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        return send(200, ok([...w.secrets.keys()].map((n) => ({ name: n, type: "secret_text" }))));
      }
      if (sub === "deployments" && rec.method === "GET") {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        return send(200, ok({ deployments: w.deployments }));
      }
      if (sub === "settings" && rec.method === "GET") {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        return send(200, ok({ bindings: [], compatibility_date: "2025-11-01" }));
      }
      if (sub === "subdomain" && rec.method === "POST") {
        const body = rec.body ? JSON.parse(rec.body) : {};
        return send(200, ok({ enabled: body.enabled ?? true, previews_enabled: body.previews_enabled ?? body.enabled ?? true }));
      }
      if (sub === "subdomain" && rec.method === "GET") return send(200, ok({ enabled: true, previews_enabled: previews }));
      if (sub === "script-settings" && rec.method === "PATCH") return send(200, ok({}));
      if (sub === "versions" && rec.method === "POST") {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        if (!rec.metadata) return send(400, fail(10021, "metadata part missing"));
        const id = crypto.randomUUID();
        w.versions.push({ id, metadata: rec.metadata, created_on: new Date().toISOString() });
        return send(200, ok({ id, number: w.versions.length, startup_time_ms: 1, metadata: { has_preview: previews }, resources: { script: { etag: crypto.randomUUID() } } }));
      }
      if ((mm = /^versions\/([^/]+)$/.exec(sub)) && rec.method === "GET") {
        const v = w?.versions.find((x) => x.id === mm[1]);
        if (!v) return send(404, fail(10007, "version not found"));
        const md = v.metadata;
        // As the API answers: bindings without secret values, the script's runtime settings.
        const bindings = (md.bindings ?? []).map(({ text, ...b }) => (b.type === "secret_text" ? b : { ...b, text }));
        return send(
          200,
          ok({
            id: v.id,
            number: w.versions.indexOf(v) + 1,
            metadata: { created_on: v.created_on, modified_on: v.created_on, source: "wrangler", author_email: "ci@example.com" },
            annotations: md.annotations ?? {},
            resources: {
              bindings,
              script: { etag: v.id.replace(/-/g, ""), handlers: ["fetch"], last_deployed_from: "wrangler" },
              script_runtime: { compatibility_date: md.compatibility_date, compatibility_flags: md.compatibility_flags ?? [], usage_model: "standard", limits: {} },
            },
          }),
        );
      }
      if (sub === "deployments" && rec.method === "POST") {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        const body = JSON.parse(rec.body ?? "{}");
        const dep = { id: crypto.randomUUID(), created_on: new Date().toISOString(), versions: body.versions ?? [], annotations: body.annotations };
        w.deployments.unshift(dep);
        return send(200, ok({ id: dep.id }));
      }
      if ((sub === "secrets" && rec.method === "PUT") || (sub === "secrets-bulk" && rec.method === "PATCH")) {
        if (!w) return send(404, fail(10007, "workers.api.error.script_not_found"));
        return send(200, ok({}));
      }
    }
    return send(404, fail(7003, `No route for ${rec.method} ${rec.path}`));
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = /** @type {import("node:net").AddressInfo} */ (server.address()).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    token,
    requests,
    workers,
    /**
     * Make the next `times` matching requests answer `status` (and `body`, or `raw` text, with `headers`),
     * or `hang` (never answer) or `reset` (drop the connection).
     */
    injectFault(f) {
      faults.push({ times: 1, ...f });
    },
    uploads() {
      return requests.filter((r) => r.metadata);
    },
    close: () => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
