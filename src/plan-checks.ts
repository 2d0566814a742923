import fs from "node:fs";
import path from "node:path";
import { InputError } from "./errors.js";

/**
 * Checks the plan makes before anything runs or is sent: where the project is, what it names,
 * and inputs that would reach a command line or a log line. Each throws an InputError naming the
 * input and the fix. Local files only.
 */

/** A control character (C0, DEL, C1) or a Unicode line/paragraph separator. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** How a control character is named in a message (never the input's text around it). */
function describeControl(ch: string): string {
  if (ch === "\n") return "a newline";
  if (ch === "\r") return "a carriage return";
  if (ch === "\t") return "a tab";
  return `control character U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A single-line input: no newline or other control character, which could end a log line and start
 * a workflow command (`::…::`) in the `[command]` echo or a message. The value is not repeated in
 * the error (it may be a token). Pure.
 */
export function checkSingleLine(name: string, value: string): string {
  const m = CONTROL.exec(value);
  if (m) {
    throw new InputError(name, `contains ${describeControl(m[0])} at character ${m.index + 1}. It must be a single line of printable text: remove line breaks and control characters.`);
  }
  return value;
}

/** Control characters dropped from text the Action derives itself (a commit subject, a PR title). Pure. */
export const stripControl = (text: string): string => text.replace(new RegExp(CONTROL.source, "g"), " ").trim();

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;

/** `account-id` (or CLOUDFLARE_ACCOUNT_ID): 32 hex characters when given. Pure. */
export function checkAccountId(value: string, fromEnv: boolean): void {
  if (value === "" || ACCOUNT_ID.test(value)) return;
  const where = fromEnv ? "the CLOUDFLARE_ACCOUNT_ID environment variable" : "account-id";
  throw new InputError(
    "account-id",
    `${where} is not a Cloudflare account ID (got ${value.length} characters; expected 32 hexadecimal characters). Copy it from the dashboard's Workers & Pages overview, or leave it empty for a token with one account.`,
  );
}

/** Resolve a path through its existing ancestors' symlinks (realpath of the longest existing prefix). */
function realpathLoose(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * `working-directory`: inside GITHUB_WORKSPACE (symlinks resolved), an existing folder, not a file.
 * Returns the real path of the project.
 */
export function checkWorkingDirectory(raw: string, workspace: string): string {
  checkSingleLine("working-directory", raw);
  const resolved = path.resolve(workspace, raw);
  const realWorkspace = realpathLoose(path.resolve(workspace));
  const real = realpathLoose(resolved);
  if (!inside(path.resolve(workspace), resolved) || !inside(realWorkspace, real)) {
    throw new InputError(
      "working-directory",
      `"${raw}" resolves to "${real}", outside the workspace "${realWorkspace}"${real !== resolved ? " (through a symlink)" : ""}. Give a folder inside the checked-out repository, e.g. working-directory: my-worker.`,
    );
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(real);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isDirectory()) {
    throw new InputError(
      "working-directory",
      `"${resolved}" is a file, not a folder. Set it to the folder that holds pyproject.toml and wrangler.toml (e.g. "${path.relative(workspace, path.dirname(resolved)) || "."}").`,
    );
  }
  return stat ? real : resolved;
}

/** The same name listed in `secrets` and in `vars`: wrangler would keep only one of them. Pure. */
export function checkNameClash(secrets: string[], vars: Array<[string, string]>): void {
  const clash = vars.map(([n]) => n).filter((n) => secrets.includes(n));
  if (clash.length > 0) {
    throw new InputError(
      "vars",
      `${clash.join(", ")} ${clash.length > 1 ? "are" : "is"} also listed in secrets; a Worker binding has one value, so one of them would be silently dropped. Rename the variable or remove it from vars or secrets.`,
    );
  }
}

/** `main` of the wrangler config must name an existing file in the project. */
export function checkMainExists(root: string, main: string, configFile: string): void {
  const file = path.resolve(root, main);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (!stat?.isFile()) {
    throw new InputError(configFile, `"main" is "${main}", but ${stat ? "that is a folder" : "no such file exists"} in "${root}". Point main at the entry module, e.g. main = "src/entry.py".`);
  }
}

/**
 * An explicit `preview-alias` is never shortened silently (a derived `pr-N` alias may be): after the
 * character rules (lowercase, hyphens for other characters) it must fit in 63 − len(Worker name) − 1. Pure.
 */
export function checkExplicitAlias(raw: string, workerName: string): void {
  const max = 63 - workerName.length - 1;
  const normalized = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  if (normalized.length > max) {
    throw new InputError(
      "preview-alias",
      `is ${normalized.length} characters long; for Worker "${workerName}" an alias may have at most ${max} (alias, "-" and the Worker name within 63). Give a shorter preview-alias.`,
    );
  }
}
