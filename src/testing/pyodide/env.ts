// `env` for the Pyodide test run: wrangler's [vars] for the chosen environment, and a placeholder
// for every secret, never its value.

/**
 * wrangler's `vars` for an environment. `vars` is not inherited: an environment that sets none has
 * none (wrangler warns about it), so only the top level is used when no environment is chosen. Pure.
 */
export function wranglerVars(raw: Record<string, unknown>, environment: string): Record<string, string> {
  const envs = (raw.env && typeof raw.env === "object" ? raw.env : {}) as Record<string, unknown>;
  const source = environment ? (envs[environment] as Record<string, unknown> | undefined)?.vars : raw.vars;
  const out: Record<string, string> = {};
  if (!source || typeof source !== "object" || Array.isArray(source)) return out;
  for (const [k, v] of Object.entries(source)) {
    // Non-string vars are JSON values in the runtime; tests see them as their JSON text.
    out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

/** The placeholder a test sees for a secret. */
export const placeholderSecret = (name: string): string => `placeholder-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The Worker's env in the test run: vars, then a placeholder per secret name (a secret shadows a var). Pure. */
export function testEnv(vars: Record<string, string>, secretNames: readonly string[]): Record<string, string> {
  const env = { ...vars };
  for (const name of secretNames) env[name] = placeholderSecret(name);
  return env;
}
