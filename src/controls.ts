// The everyday controls' inputs: pytest-args, pre-deploy/post-deploy commands, cache auto and its
// size bound. Pure parsers; loadInputs (src/inputs.ts) calls them.
import { InputError } from "./errors.js";
import { parseSize } from "./util/units.js";

/**
 * Split one line the way a POSIX shell splits words, without running one: single quotes keep
 * everything, double quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes
 * the next character. No expansion of any kind. Throws on an unclosed quote.
 */
export function shellSplit(line: string, inputName: string): string[] {
  const words: string[] = [];
  let cur = "";
  let has = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new InputError(inputName, `unclosed ' in: ${line}`);
      cur += line.slice(i + 1, end);
      has = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      has = true;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) i++;
        cur += line[i++];
      }
      if (i >= line.length) throw new InputError(inputName, `unclosed " in: ${line}`);
      i++;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[i + 1];
      has = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = "";
      has = false;
      i++;
    } else {
      cur += c;
      has = true;
      i++;
    }
  }
  if (has) words.push(cur);
  return words;
}

/**
 * `pytest-args`: one argument a line, or shell-like words on each line (`-m "not slow" -k api`);
 * `#` lines are comments. The words go to pytest as argv, never through a shell.
 */
export function parsePytestArgs(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .flatMap((l) => shellSplit(l, "pytest-args"));
}

/** `pre-deploy` / `post-deploy`: one command a line (blank and `#` lines dropped). */
export function parseCommands(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

export interface CacheChoice {
  cache: boolean;
  /** Why `auto` turned it off, for the log. */
  reason?: string;
}

/** `cache`: true, false, or auto (on GitHub-hosted runners, off on self-hosted ones). */
export function parseCacheMode(raw: string, runnerEnvironment: string | undefined): CacheChoice {
  const v = raw.trim().toLowerCase();
  if (v === "true") return { cache: true };
  if (v === "false") return { cache: false, reason: "cache: false" };
  if (v === "auto") {
    const selfHosted = runnerEnvironment !== undefined && runnerEnvironment !== "" && runnerEnvironment !== "github-hosted";
    return selfHosted ? { cache: false, reason: "cache: auto on a self-hosted runner (set cache: true to use the GitHub cache there)" } : { cache: true };
  }
  throw new InputError("cache", `expected auto, true or false, got "${raw}".`);
}

/** `cache-size-limit`: the largest dependency entry saved; 0 or empty: no bound. */
export function parseCacheSizeLimit(raw: string): number {
  if (raw.trim() === "" || raw.trim() === "0") return 0;
  const n = parseSize(raw);
  if (n === null || n <= 0) throw new InputError("cache-size-limit", `"${raw}" is not a size. Write e.g. 2 GiB, 500MB, or 0 for no bound.`);
  return n;
}
