import type { Annotation } from "../report/model.js";
import { workspaceRelative } from "../util/paths.js";

interface RuffDiagnostic {
  code: string | null;
  message: string;
  filename: string;
  location?: { row: number; column: number };
  end_location?: { row: number; column: number };
  url?: string | null;
}

/** `ruff check --output-format json` → one error annotation per diagnostic. Pure. */
export function parseRuffCheck(json: string, cwd: string, workspace: string): Annotation[] {
  const trimmed = json.trim();
  if (trimmed === "") return [];
  const items = JSON.parse(trimmed) as RuffDiagnostic[];
  return items.map((d) => ({
    level: "error" as const,
    title: d.code ? `Ruff (${d.code})` : "Ruff",
    message: d.code ? `${d.code} ${d.message}` : d.message,
    file: workspaceRelative(d.filename, cwd, workspace),
    line: d.location?.row,
    column: d.location?.column,
  }));
}

export interface UnformattedFile {
  file: string;
  /** First line ruff would change (newer ruff reports it). */
  line?: number;
}

/**
 * `ruff format --check` output → the files it would reformat, relative to the workspace. Reads
 * both the old form (`Would reformat: path`) and the diagnostic form of ruff ≥ 0.15
 * (`unformatted: File would be reformatted` followed by ` --> path:line:col`). Pure.
 */
export function parseRuffFormatCheck(output: string, cwd: string, workspace: string): UnformattedFile[] {
  const files: UnformattedFile[] = [];
  const lines = output.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const old = /^Would reformat:\s+(.+?)\s*$/.exec(lines[i]);
    if (old) {
      files.push({ file: workspaceRelative(old[1], cwd, workspace) });
      continue;
    }
    if (/^unformatted:/.test(lines[i])) {
      const loc = /^\s*-->\s+(.+?):(\d+):(\d+)\s*$/.exec(lines[i + 1] ?? "");
      if (loc) files.push({ file: workspaceRelative(loc[1], cwd, workspace), line: Number(loc[2]) });
    }
  }
  return files;
}

interface RuffFormatDiagnostic {
  filename: string;
  code?: string | null;
  location?: { row: number; column: number } | null;
}

/**
 * `ruff format --check --output-format json` (ruff ≥ 0.16) → the files it would reformat, with the
 * first changed line. Falls back to the text parser when the output is not JSON (older ruff, or a
 * ruff that ignored the flag). Pure.
 */
export function parseRuffFormatJson(stdout: string, stderr: string, cwd: string, workspace: string): UnformattedFile[] {
  const trimmed = stdout.trim();
  if (!trimmed.startsWith("[")) return parseRuffFormatCheck(`${stdout}\n${stderr}`, cwd, workspace);
  let items: RuffFormatDiagnostic[];
  try {
    items = JSON.parse(trimmed) as RuffFormatDiagnostic[];
  } catch {
    return parseRuffFormatCheck(`${stdout}\n${stderr}`, cwd, workspace);
  }
  const byFile = new Map<string, UnformattedFile>();
  for (const d of items) {
    const file = workspaceRelative(d.filename, cwd, workspace);
    const line = d.location?.row;
    const seen = byFile.get(file);
    if (!seen) byFile.set(file, line !== undefined ? { file, line } : { file });
    else if (line !== undefined && (seen.line === undefined || line < seen.line)) seen.line = line;
  }
  return [...byFile.values()];
}
