// Which ruff flags the project's ruff accepts, from `ruff --version`. Pure.
//
// Measured with ruff's PyPI wheels (`ruff format --help` and runs on a small tree):
// - `ruff format --extend-exclude` exists from 0.15.21 (0.15.20 rejects it: "unexpected argument");
//   `ruff check --extend-exclude` and `ruff check --show-files` exist in every ruff we support.
// - `ruff format --output-format` appears in 0.13.3 but is preview-only up to 0.15.22 (it warns
//   "requires preview mode" and prints text); 0.16.0 prints JSON. `--preview` would also change
//   the formatting style, so JSON is used from 0.16.0 only.
import semver from "semver";

export const FORMAT_EXTEND_EXCLUDE_SINCE = "0.15.21";
export const FORMAT_JSON_SINCE = "0.16.0";

/** `ruff 0.11.13`, `ruff 0.5.0+12 (abc123 2024-06-01)` → `0.11.13` / `0.5.0`; undefined if unreadable. */
export function parseRuffVersion(output: string): string | undefined {
  const m = /^\s*ruff\s+v?(\d+\.\d+\.\d+)/m.exec(output);
  return m ? m[1] : undefined;
}

export interface RuffCapabilities {
  formatExtendExclude: boolean;
  formatJson: boolean;
}

/** An unknown version gets the flags every supported ruff accepts. */
export function ruffCapabilities(version: string | undefined): RuffCapabilities {
  const v = version && semver.valid(version) ? version : undefined;
  return {
    formatExtendExclude: v !== undefined && semver.gte(v, FORMAT_EXTEND_EXCLUDE_SINCE),
    formatJson: v !== undefined && semver.gte(v, FORMAT_JSON_SINCE),
  };
}

export function ruffCheckArgs(exclude: string[]): string[] {
  return ["check", "--output-format", "json", "--no-fix", ...(exclude.length ? ["--extend-exclude", exclude.join(",")] : []), "."];
}

/**
 * How to run `ruff format --check` with this version.
 * - `direct`: run `args` as they are.
 * - `listed`: ruff before 0.15.21 cannot extend the exclusions of `format` from the command line
 *   (and `--exclude`/`--config` would replace the project's own settings), so first run `listArgs`
 *   (`ruff check --show-files`, which honours `--extend-exclude` and prints one absolute path a
 *   line), then `formatArgs(files)` (undefined when there is no file: nothing to check); `--force-exclude` keeps the project's own exclusions (incl.
 *   `format.exclude`) applied to the explicitly passed files.
 */
export type FormatPlan = { kind: "direct"; args: string[]; json: boolean } | { kind: "listed"; listArgs: string[]; formatArgs: (files: string[]) => string[] | undefined; json: false };

export function ruffFormatPlan(version: string | undefined, exclude: string[]): FormatPlan {
  const caps = ruffCapabilities(version);
  const ext = exclude.length ? ["--extend-exclude", exclude.join(",")] : [];
  if (caps.formatExtendExclude || exclude.length === 0) {
    const json = caps.formatJson;
    return { kind: "direct", args: ["format", "--check", ...(json ? ["--output-format", "json"] : []), ...ext, "."], json };
  }
  return {
    kind: "listed",
    listArgs: ["check", "--show-files", ...ext, "."],
    formatArgs: (files) => (files.length ? ["format", "--check", "--force-exclude", "--", ...files] : undefined),
    json: false,
  };
}

/** `ruff check --show-files` output → the Python files `ruff format` should look at. */
export function parseShowFiles(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /\.(py|pyi)$/.test(l));
}
