// What decides where uv fetches packages from, as one short fingerprint for the dependency cache
// key: uv's cache entries are per index URL, so a restored cache built against another index is a
// miss for uv, and a hard failure under UV_OFFLINE. Pure.
//
// uv 0.13.9 was checked by pointing each variable at a dead loopback URL (`uv pip compile`): it
// reads UV_INDEX, UV_DEFAULT_INDEX, UV_INDEX_URL, UV_EXTRA_INDEX_URL and UV_FIND_LINKS, and ignores
// PIP_INDEX_URL and PIP_EXTRA_INDEX_URL. UV_NO_INDEX and UV_INDEX_STRATEGY change which of them
// are consulted. Credentials (URL user info, UV_INDEX_<NAME>_USERNAME/PASSWORD) are left out: a
// rotated token must not change the key, and secrets do not belong in a cache key.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";

export const INDEX_ENV = ["UV_INDEX", "UV_DEFAULT_INDEX", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "UV_FIND_LINKS", "UV_NO_INDEX", "UV_INDEX_STRATEGY"] as const;
const CONFIG_KEYS = ["index", "index-url", "extra-index-url", "find-links", "no-index", "index-strategy"] as const;

/** `https://user:token@host/simple/` → `https://host/simple`; `name=url` entries keep their name. */
export function withoutCredentials(value: string): string {
  const eq = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(value);
  if (eq && /^[a-z][a-z0-9+.-]*:/i.test(eq[2])) return `${eq[1]}=${withoutCredentials(eq[2])}`;
  try {
    const u = new URL(value);
    if (!u.username && !u.password) return value.replace(/\/+$/, "");
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/+$/, "");
  } catch {
    return value.replace(/\/+$/, ""); // a relative find-links path or a flag value
  }
}

function clean(value: unknown): unknown {
  if (typeof value === "string") return withoutCredentials(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = clean((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

function pick(section: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!section || typeof section !== "object") return out;
  const s = section as Record<string, unknown>;
  for (const k of CONFIG_KEYS) if (s[k] !== undefined) out[k] = clean(s[k]);
  if (s.pip && typeof s.pip === "object") {
    const pip = pick(s.pip);
    if (Object.keys(pip).length) out.pip = pip;
  }
  return out;
}

export interface IndexSettingsFiles {
  /** pyproject.toml text (its [tool.uv] table). */
  pyproject?: string;
  /** uv.toml text, or the file UV_CONFIG_FILE names (top-level keys). */
  uvToml?: string;
}

export interface IndexSettings {
  /** 16 hex digits; the same for runs that fetch from the same places. */
  fingerprint: string;
  /** What went into it (credential-free), for the log. */
  settings: Record<string, unknown>;
}

/** Unreadable TOML is not this function's to report (the project reader does); it counts as its text. */
function tomlSection(text: string | undefined, sub: (doc: Record<string, any>) => unknown): unknown {
  if (text === undefined) return undefined;
  try {
    return sub(parseToml(text) as Record<string, any>);
  } catch {
    return { unparsed: crypto.createHash("sha256").update(text).digest("hex") };
  }
}

export function indexSettingsFingerprint(env: NodeJS.ProcessEnv, files: IndexSettingsFiles = {}): IndexSettings {
  const settings: Record<string, unknown> = {};
  for (const k of INDEX_ENV) {
    const v = env[k]?.trim();
    if (!v) continue;
    // Lists are space-separated (UV_INDEX, UV_EXTRA_INDEX_URL, UV_FIND_LINKS); order is priority.
    settings[k] = v.split(/\s+/).map(withoutCredentials).join(" ");
  }
  const noConfig = Boolean(env.UV_NO_CONFIG?.trim());
  if (!noConfig) {
    const fromPyproject = tomlSection(files.pyproject, (d) => d.tool?.uv);
    const fromUvToml = tomlSection(files.uvToml, (d) => d);
    const p = fromPyproject && (fromPyproject as any).unparsed ? fromPyproject : pick(fromPyproject);
    const u = fromUvToml && (fromUvToml as any).unparsed ? fromUvToml : pick(fromUvToml);
    if (p && Object.keys(p).length) settings.pyproject = p;
    if (u && Object.keys(u).length) settings.uvToml = u;
  }
  const fingerprint = crypto.createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 16);
  return { fingerprint, settings };
}

/** The project's pyproject.toml and uv.toml (or UV_CONFIG_FILE), as read for the fingerprint. */
export function indexSettingsFiles(root: string, env: NodeJS.ProcessEnv): IndexSettingsFiles {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined);
  return { pyproject: read(path.join(root, "pyproject.toml")), uvToml: read(env.UV_CONFIG_FILE || path.join(root, "uv.toml")) };
}
