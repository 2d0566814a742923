import fs from "node:fs";
import path from "node:path";

/**
 * The wrangler tree the Action keeps in its tool cache only deploys, uploads and bundles: none of
 * that starts workerd (only `wrangler dev` and local tests do). wrangler resolves the workerd
 * package's binary path when it loads, so the file must exist; a small script takes the place of
 * the ~155 MB binary, which shrinks the cache entry by three quarters and its restore's CPU with it.
 */
export const WORKERD_STUB = [
  "#!/bin/sh",
  "echo 'workerd is not in this copy of wrangler: python-workers-action keeps a deploy-only wrangler in its tool cache. Run wrangler dev with your own install.' >&2",
  "exit 1",
  "",
].join("\n");

/** The workerd binaries in an npm install's node_modules (one per installed platform package). */
export function workerdBinaries(prefix: string): string[] {
  const scope = path.join(prefix, "node_modules", "@cloudflare");
  if (!fs.existsSync(scope)) return [];
  const out: string[] = [];
  for (const pkg of fs.readdirSync(scope)) {
    if (!pkg.startsWith("workerd-")) continue;
    for (const name of ["workerd", "workerd.exe"]) {
      const bin = path.join(scope, pkg, "bin", name);
      if (fs.existsSync(bin) && fs.statSync(bin).size > WORKERD_STUB.length) out.push(bin);
    }
  }
  return out;
}

/** Replace each workerd binary under `prefix` with the stub; returns the bytes freed. */
export function stubWorkerd(prefix: string): number {
  let freed = 0;
  for (const bin of workerdBinaries(prefix)) {
    freed += fs.statSync(bin).size - WORKERD_STUB.length;
    // Unlink first: the file may be a hard link shared with another tree.
    fs.rmSync(bin);
    fs.writeFileSync(bin, WORKERD_STUB, { mode: 0o755 });
  }
  return freed;
}

/** Files Node never loads: type declarations, source maps, docs (licences stay). Pure. */
export const isUnusedAtRuntime = (name: string): boolean => /\.(d\.[cm]?ts|map|md|markdown)$/i.test(name);

/**
 * Delete what wrangler never loads from an npm install's node_modules: almost half its ~1,600 files,
 * each one a file the cache restore would create. Returns the files removed.
 */
export function pruneTree(prefix: string): number {
  let removed = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && isUnusedAtRuntime(e.name)) {
        fs.rmSync(p);
        removed++;
      }
    }
  };
  const modules = path.join(prefix, "node_modules");
  if (fs.existsSync(modules)) walk(modules);
  return removed;
}

/** Node's compile cache for wrangler's processes, kept inside its tool-cache folder (so in its entry). */
export const wranglerCompileCache = (toolFolder: string): string => path.join(toolFolder, ".node-compile-cache");
