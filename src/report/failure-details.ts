// Markdown for the tracebacks and assertion diffs of failing tests: one collapsed `<details>` block
// per failure, the text in a code block. Pure; the summary writer decides where it goes.

export interface FailureDetail {
  name: string;
  file?: string;
  line?: number;
  message: string;
  /** Full traceback/diff text (entities already decoded). */
  details: string;
}

export interface FailureDetailsOptions {
  /** At most this many failures get a block; the rest are counted in one line. */
  maxFailures?: number;
  /** Lines kept per failure (the tail, where the assertion is, is kept). */
  maxLines?: number;
  /** Characters kept per failure. */
  maxChars?: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A backtick fence longer than any backtick run inside the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

function clip(text: string, maxLines: number, maxChars: number): string {
  let lines = text.replace(/\r\n/g, "\n").split("\n");
  let dropped = 0;
  if (lines.length > maxLines) {
    dropped = lines.length - maxLines;
    lines = lines.slice(-maxLines);
  }
  let out = lines.join("\n");
  if (out.length > maxChars) {
    const cut = out.length - maxChars;
    out = out.slice(cut);
    out = out.slice(out.indexOf("\n") + 1);
    dropped = -1;
  }
  if (dropped > 0) return `… ${dropped} earlier line${dropped === 1 ? "" : "s"} omitted\n${out}`;
  if (dropped < 0) return `… earlier output omitted\n${out}`;
  return out;
}

export function failureDetails(failures: FailureDetail[], opts: FailureDetailsOptions = {}): string {
  const maxFailures = opts.maxFailures ?? 20;
  const maxLines = opts.maxLines ?? 120;
  const maxChars = opts.maxChars ?? 12_000;
  if (failures.length === 0) return "";
  const blocks = failures.slice(0, maxFailures).map((f) => {
    const where = f.file ? ` (${f.file}${f.line !== undefined ? `:${f.line}` : ""})` : "";
    const body = clip((f.details || f.message).trimEnd(), maxLines, maxChars);
    const fence = fenceFor(body);
    // A blank line after <summary> is needed for GitHub to render the markdown inside <details>.
    return ["<details>", `<summary><code>${escapeHtml(f.name)}</code>${escapeHtml(where)}: ${escapeHtml(f.message.split("\n")[0])}</summary>`, "", `${fence}text`, body, fence, "", "</details>"].join(
      "\n",
    );
  });
  const rest = failures.length - maxFailures;
  if (rest > 0) blocks.push(`… and ${rest} more failing test${rest === 1 ? "" : "s"} (see the log).`);
  return `${blocks.join("\n\n")}\n`;
}
