// Where uv.lock says a package comes from. Pure except `readLockedPackage`.
//
// uv writes one `[[package]]` table per resolved package, with a `source` inline table of exactly
// one kind (checked against files written by uv 0.13.9 `uv lock`):
//   source = { registry = "https://pypi.org/simple" }
//   source = { git = "https://host/repo?tag=v1#<full commit sha>" }   (also ?rev=, ?branch=, ?subdirectory=)
//   source = { url = "https://host/pkg-1.0-py3-none-any.whl" }
//   source = { path = "../dist/pkg-1.0-py3-none-any.whl" }           (a wheel or sdist file)
//   source = { directory = "../pkg" } / { editable = "../pkg" }      (a source tree)
//   source = { virtual = "." }                                        (the project itself, not installable)
// Relative paths are relative to the folder holding uv.lock.
import fs from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";

export type LockSource =
  | { kind: "registry"; index: string }
  | { kind: "git"; repository: string; commit?: string; reference?: string; subdirectory?: string }
  | { kind: "url"; url: string; subdirectory?: string }
  | { kind: "path" | "directory" | "editable"; path: string }
  | { kind: "virtual" | "unknown"; raw: string };

export interface LockedPackage {
  name: string;
  version?: string;
  source: LockSource;
}

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, "-");

/** `https://host/repo?tag=v1&subdirectory=x#sha` → its parts. */
export function parseGitSource(value: string): Extract<LockSource, { kind: "git" }> {
  const hash = value.indexOf("#");
  const commit = hash >= 0 ? value.slice(hash + 1) : undefined;
  const withoutHash = hash >= 0 ? value.slice(0, hash) : value;
  const q = withoutHash.indexOf("?");
  const repository = q >= 0 ? withoutHash.slice(0, q) : withoutHash;
  const params = new URLSearchParams(q >= 0 ? withoutHash.slice(q + 1) : "");
  const reference = params.get("tag") ?? params.get("rev") ?? params.get("branch") ?? undefined;
  const subdirectory = params.get("subdirectory") ?? undefined;
  return { kind: "git", repository, ...(commit ? { commit } : {}), ...(reference ? { reference } : {}), ...(subdirectory ? { subdirectory } : {}) };
}

function toSource(raw: unknown): LockSource {
  const s = (raw ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof s[k] === "string" ? (s[k] as string) : undefined);
  const registry = str("registry");
  if (registry !== undefined) return { kind: "registry", index: registry };
  const git = str("git");
  if (git !== undefined) return parseGitSource(git);
  const url = str("url");
  const subdirectory = str("subdirectory");
  if (url !== undefined) return { kind: "url", url, ...(subdirectory ? { subdirectory } : {}) };
  for (const kind of ["path", "directory", "editable"] as const) {
    const p = str(kind);
    if (p !== undefined) return { kind, path: p };
  }
  const virtual = str("virtual");
  if (virtual !== undefined) return { kind: "virtual", raw: virtual };
  return { kind: "unknown", raw: JSON.stringify(raw ?? null) };
}

/** The first `[[package]]` named `name` in a uv.lock text (names compared normalized). Throws on bad TOML. */
export function lockedPackage(text: string, name: string): LockedPackage | undefined {
  const lock = parseToml(text) as { package?: Array<Record<string, unknown>> };
  const wanted = normalize(name);
  const p = (lock.package ?? []).find((x) => typeof x.name === "string" && normalize(x.name) === wanted);
  if (!p) return undefined;
  return { name: p.name as string, ...(typeof p.version === "string" ? { version: p.version } : {}), source: toSource(p.source) };
}

/** `lockedPackage` for the uv.lock in `dir`, or undefined when there is none. */
export function readLockedPackage(dir: string, name: string): LockedPackage | undefined {
  const file = path.join(dir, "uv.lock");
  if (!fs.existsSync(file)) return undefined;
  return lockedPackage(fs.readFileSync(file, "utf8"), name);
}
