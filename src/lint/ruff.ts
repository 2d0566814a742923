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

/** `ruff format --check` output → the files it would reformat, relative to the workspace. Pure. */
export function parseRuffFormatCheck(output: string, cwd: string, workspace: string): string[] {
  const files: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^Would reformat:\s+(.+?)\s*$/.exec(line);
    if (m) files.push(workspaceRelative(m[1], cwd, workspace));
  }
  return files;
}
