import action from "../action.yml";

/** action.yml as the bundle carries it (parsed at bundle time: scripts/bundle.mjs). */
export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

export const ACTION = action as ActionMetadata;

/** Every output the Action sets; action.yml lists the same names (held by a unit test). */
export const OUTPUTS = [
  "deployment-url",
  "version-id",
  "preview-url",
  "preview-alias-url",
  "bundle-size",
  "bundle-size-gzip",
  "cache-hit",
  "snapshot-report",
  "test-results-cpython",
  "test-results-pyodide",
  "uv-version",
  "workers-py-version",
  "wrangler-version",
] as const;
export type OutputName = (typeof OUTPUTS)[number];

/**
 * An input's default as action.yml writes it. The runner applies it on GitHub; this covers a run
 * without the runner (tests, `act`). An expression (`${{ github.token }}`) has no value here.
 */
export function inputDefault(name: string): string {
  const d = ACTION.inputs[name]?.default;
  if (d === undefined) throw new Error(`action.yml has no input "${name}"`);
  return String(d).includes("${{") ? "" : String(d);
}
