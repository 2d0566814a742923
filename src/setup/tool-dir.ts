import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The runner's tool cache, laid out the way @actions/tool-cache lays it out
 * (`<root>/<tool>/<version>/<arch>` plus a `<arch>.complete` marker), so `tc.find()` sees tools the
 * Action installs in place (virtualenvs and node_modules cannot be moved after install).
 */
export function toolCacheRoot(): string {
  return process.env.RUNNER_TOOL_CACHE || path.join(os.tmpdir(), "python-workers-action-tool-cache");
}

export function toolDir(tool: string, version: string, arch = os.arch()): string {
  return path.join(toolCacheRoot(), tool, version, arch);
}

export function isComplete(dir: string): boolean {
  return fs.existsSync(`${dir}.complete`) && fs.existsSync(dir);
}

export function markComplete(dir: string): void {
  fs.writeFileSync(`${dir}.complete`, "");
}

/** Install into a staging folder, then move it into place and mark it complete. */
export async function installInPlace(tool: string, version: string, install: (dir: string) => Promise<void>): Promise<string> {
  const dir = toolDir(tool, version);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.complete`, { force: true });
  fs.mkdirSync(dir, { recursive: true });
  await install(dir);
  markComplete(dir);
  return dir;
}

export function runnerTemp(): string {
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  return base;
}
