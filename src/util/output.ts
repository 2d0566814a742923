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
