// The wrangler version a Node.js lockfile resolves, for npm, pnpm, yarn (v1 and berry) and bun, in
// the project's folder or a root lockfile of a monorepo up to the repository root. Parsers are pure.
import fs from "node:fs";
import path from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import semver from "semver";
import { parse as parseYaml } from "yaml";

export const LOCKFILES = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"] as const;
export type LockfileName = (typeof LOCKFILES)[number];

type Obj = Record<string, any>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined);
const exact = (v: unknown): string | undefined => (typeof v === "string" && semver.valid(v) ? v : undefined);

/** npm: `packages["<member>/node_modules/wrangler"]`, then the hoisted copy; lockfile v1 `dependencies`. */
export function wranglerFromPackageLock(text: string, member = ""): string | undefined {
  const lock = obj(JSON.parse(text)) ?? {};
  const pkgs = obj(lock.packages) ?? {};
  for (const key of [member ? `${member}/node_modules/wrangler` : undefined, "node_modules/wrangler"]) {
    if (key && exact(pkgs[key]?.version)) return pkgs[key].version;
  }
  return exact(obj(lock.dependencies)?.wrangler?.version);
}

/** pnpm (lockfile 5.4–9): the importer's (`.` or the member path) dependency, without its peer suffix. */
export function wranglerFromPnpmLock(text: string, member = ""): string | undefined {
  const lock = obj(parseYaml(text)) ?? {};
  const importers = obj(lock.importers);
  const importer = importers ? obj(importers[member || "."]) : lock; // 5.x single-project locks have no importers
  for (const group of ["devDependencies", "dependencies", "optionalDependencies"]) {
    const entry = obj(importer?.[group])?.wrangler;
    const raw = typeof entry === "string" ? entry : typeof entry?.version === "string" ? entry.version : undefined;
    const v = exact(raw?.replace(/\(.*$/, "").trim());
    if (v) return v;
  }
  return undefined;
}

/**
 * yarn v1 (`wrangler@^4.1.0, wrangler@^4.2.0:` + `  version "4.50.0"`) and berry
 * (`"wrangler@npm:^4.1.0":` + `  version: 4.50.0`). With the project's declared range, the entry
 * resolving that range; without one, the only version there is.
 */
export function wranglerFromYarnLock(text: string, range?: string): string | undefined {
  const entries: { descriptors: string[]; version?: string }[] = [];
  let current: { descriptors: string[]; version?: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S.*:\s*$/.test(line) && !line.startsWith("#")) {
      const descriptors = line
        .replace(/:\s*$/, "")
        .split(",")
        .map((d) => d.trim().replace(/^"|"$/g, ""));
      current = descriptors.some((d) => d.startsWith("wrangler@")) ? { descriptors, version: undefined } : undefined;
      if (current) entries.push(current);
    } else if (current && current.version === undefined) {
      const m = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
      if (m) current.version = m[1];
    }
  }
  const wanted = range?.trim();
  if (wanted) {
    const hit = entries.find((e) => e.descriptors.some((d) => d === `wrangler@${wanted}` || d === `wrangler@npm:${wanted}`));
    if (hit && exact(hit.version)) return hit.version;
  }
  const versions = [...new Set(entries.map((e) => e.version).filter((v): v is string => exact(v) !== undefined))];
  return versions.length === 1 ? versions[0] : undefined;
}

/** bun's text lockfile (JSONC): `packages["<workspace name>/wrangler"]` or `packages.wrangler` = `["wrangler@4.50.0", …]`. */
export function wranglerFromBunLock(text: string, member = ""): string | undefined {
  const lock = obj(parseJsonc(text, [], { allowTrailingComma: true })) ?? {};
  const pkgs = obj(lock.packages) ?? {};
  const name = obj(obj(lock.workspaces)?.[member])?.name;
  for (const key of [typeof name === "string" && member ? `${name}/wrangler` : undefined, "wrangler"]) {
    const entry = key ? pkgs[key] : undefined;
    if (Array.isArray(entry) && typeof entry[0] === "string") {
      const m = /^wrangler@(?:npm:)?(.+)$/.exec(entry[0]);
      if (m && exact(m[1])) return m[1];
    }
  }
  return undefined;
}

/** `member` is the project's folder relative to the lockfile's, with `/` (empty when the same). Pure. */
export function wranglerFromLockfile(name: LockfileName, text: string, member: string, range?: string): string | undefined {
  switch (name) {
    case "package-lock.json":
      return wranglerFromPackageLock(text, member);
    case "pnpm-lock.yaml":
      return wranglerFromPnpmLock(text, member);
    case "yarn.lock":
      return wranglerFromYarnLock(text, range);
    case "bun.lock":
      return wranglerFromBunLock(text, member);
  }
}

/** The repository root for `dir`: GITHUB_WORKSPACE when `dir` is inside it, else the nearest folder with `.git`, else `dir`. */
export function repositoryRoot(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const abs = path.resolve(dir);
  const ws = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : undefined;
  if (ws && (abs === ws || abs.startsWith(ws + path.sep))) return ws;
  for (let d = abs; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, ".git"))) return d;
    if (path.dirname(d) === d) return abs;
  }
}

/** Folders from `dir` up to `root` (both included); only `dir` when `root` is not above it. Pure. */
export function searchDirs(dir: string, root: string): string[] {
  const abs = path.resolve(dir);
  const top = path.resolve(root);
  const rel = path.relative(top, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return [abs];
  const out: string[] = [];
  for (let d = abs; ; d = path.dirname(d)) {
    out.push(d);
    if (d === top || path.dirname(d) === d) return out;
  }
}

/**
 * The first lockfile, from the project's folder up to the repository root, that resolves wrangler
 * for this project. `range` is the project's declared wrangler range (for yarn.lock). Unreadable
 * lockfiles are skipped.
 */
export function findLockedWrangler(projectDir: string, repoRoot: string, range?: string): { version: string; file: LockfileName; path: string } | undefined {
  for (const d of searchDirs(projectDir, repoRoot)) {
    const member = path.relative(d, path.resolve(projectDir)).split(path.sep).join("/");
    for (const name of LOCKFILES) {
      const file = path.join(d, name);
      if (!fs.existsSync(file)) continue;
      try {
        const v = wranglerFromLockfile(name, fs.readFileSync(file, "utf8"), member, range);
        if (v) return { version: v, file: name, path: file };
      } catch {
        // A lockfile the parser cannot read is not the place to fail the run; keep looking.
      }
    }
  }
  return undefined;
}
