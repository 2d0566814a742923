// `npm run demo`: the bundled Action (dist/index.js, Node 24) on examples/hello in dry-run mode,
// as a GitHub runner would run it, then its job summary. Downloads happen in the set-up.
import path from "node:path";
import { startFileServer } from "./testkit/file-server.mjs";
import { copyWorker, EXAMPLES, makeSynced } from "./testkit/fixtures.mjs";
import { runAction } from "./testkit/runner.mjs";
import { prepareTools } from "./testkit/tools.mjs";

const tools = prepareTools();
const mirror = await startFileServer(tools.uvMirror.dir);
const registry = await startFileServer(tools.npmMirror.dir);
const { workspace, project } = copyWorker(path.join(EXAMPLES, "hello"), { name: "hello" });
makeSynced(project);
try {
  const r = await runAction({
    workspace,
    inputs: { "working-directory": "hello", mode: "dry-run", "uv-download-url": mirror.url, "npm-registry-url": registry.url },
  });
  process.stdout.write(r.stdout);
  if (r.stderr.trim()) process.stderr.write(r.stderr);
  console.log("\n==================== job summary ====================\n");
  console.log(r.summary);
  console.log("==================== outputs ====================");
  for (const [k, v] of Object.entries(r.outputs)) console.log(`${k}: ${v}`);
  process.exitCode = r.exitCode;
  r.cleanup();
} finally {
  await mirror.close();
  await registry.close();
}
