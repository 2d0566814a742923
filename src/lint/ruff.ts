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
