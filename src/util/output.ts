import { stripVTControlCharacters } from "node:util";

/** The most telling line of a failed tool's output (rich/wrangler error markers first). Pure. */
export function lastErrorLine(output: string): string | undefined {
  const lines = stripVTControlCharacters(output)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const marked = lines.filter((l) => /^(ERROR|✘ \[ERROR\]|X \[ERROR\]|error:)/i.test(l));
  return (marked[marked.length - 1] ?? lines[lines.length - 1])?.replace(/^(✘|X) \[ERROR\]\s*/, "");
}

/** The last 20 lines (at most 4,000 characters) of an error's message, for a worker's report. Pure. */
export function errorTail(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n").slice(-20).join("\n").slice(-4000);
}
