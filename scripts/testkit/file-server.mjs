// Serves a folder on 127.0.0.1 (a stand-in for release downloads), recording requests. Faults:
// `corrupt` flips a byte of every file served (checksum tests), `status` answers every request with it,
// `hang` is how many of the next requests (whose path matches `hangPath`, when set) are accepted and
// never answered (Infinity: all of them).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export async function startFileServer(root) {
  const requests = [];
  /** @type {{ corrupt: boolean, status: number, hang: number, hangPath: RegExp | undefined }} */
  const faults = { corrupt: false, status: 0, hang: 0, hangPath: undefined };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    if (faults.hang > 0 && (!faults.hangPath || faults.hangPath.test(url.pathname))) {
      faults.hang--;
      return;
    }
    if (faults.status) {
      res.writeHead(faults.status);
      return res.end("injected fault");
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end("not found");
    }
    let body = fs.readFileSync(file);
    if (faults.corrupt && !file.endsWith(".sha256")) {
      body = Buffer.from(body);
      body[body.length >> 1] ^= 0xff;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise((r) => {
        server.close(() => r(undefined));
        server.closeAllConnections(); // requests left hanging
      }),
  };
}
