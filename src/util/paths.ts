import path from "node:path";

/**
 * A path as GitHub annotations want it: relative to the repository root, with forward slashes.
 * `file` may be absolute or relative to `cwd`. Pure.
 */
export function workspaceRelative(file: string, cwd: string, workspace: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(workspace, abs);
  return (rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel).split(path.sep).join("/");
}
