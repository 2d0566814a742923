// A stand-in for the GitHub REST API on 127.0.0.1 (GITHUB_API_URL): issue comments and
// deployments with their statuses, as Octokit calls them. `readOnly` answers writes the way
// GitHub answers a token without the permission (403 "Resource not accessible by integration").
import http from "node:http";

export async function startGitHubApi({ token = "ghs_test_token" } = {}) {
  const requests = [];
  const comments = [];
  const deployments = [];
  // status: answer every call with it (e.g. 502); hang: never answer (until close).
  const faults = { readOnly: false, status: 0, hang: false };
  const hanging = new Set();
  let seq = 100;
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ method: req.method, path: url.pathname, body, auth: req.headers.authorization });
    if (faults.hang) return void hanging.add(res);
    if (faults.status) {
      res.writeHead(faults.status, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ message: `injected fault ${faults.status}` }));
    }
    const json = (status, obj) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(obj));
    };
    if (req.headers.authorization !== `token ${token}` && req.headers.authorization !== `Bearer ${token}`) return json(401, { message: "Bad credentials" });
    if (faults.readOnly && req.method !== "GET") return json(403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" });
    let m;
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const issue = Number(m[3]);
      if (req.method === "GET")
        return json(
          200,
          comments.filter((c) => c.issue === issue).map(({ issue: _i, ...c }) => c),
        );
      if (req.method === "POST") {
        const c = { id: ++seq, issue, body: body.body, user: { login: "github-actions[bot]" } };
        comments.push(c);
        return json(201, { id: c.id, body: c.body });
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)) && req.method === "PATCH") {
      const c = comments.find((x) => x.id === Number(m[3]));
      if (!c) return json(404, { message: "Not Found" });
      c.body = body.body;
      return json(200, { id: c.id, body: c.body });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(url.pathname)) && req.method === "POST") {
      const d = { id: ++seq, ...body, statuses: [] };
      deployments.push(d);
      return json(201, { id: d.id, environment: d.environment, ref: d.ref });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(url.pathname)) && req.method === "POST") {
      const d = deployments.find((x) => x.id === Number(m[3]));
      if (!d) return json(404, { message: "Not Found" });
      d.statuses.push(body);
      return json(201, { id: ++seq, state: body.state });
    }
    json(404, { message: "Not Found" });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    comments,
    deployments,
    faults,
    close: () => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections?.();
      return new Promise((r) => server.close(() => r(undefined)));
    },
  };
}
