// `env` for the Pyodide test run: wrangler's [vars] for the chosen environment, and a placeholder
// for every secret, never its value.

/**
 * wrangler's `vars` for an environment. `vars` is not inherited: an environment that sets none has
 * none (wrangler warns about it), so only the top level is used when no environment is chosen. Pure.
 */
export function wranglerVars(raw: Record<string, unknown>, environment: string): Record<string, unknown> {
  const envs = (raw.env && typeof raw.env === "object" ? raw.env : {}) as Record<string, unknown>;
  const source = environment ? (envs[environment] as Record<string, unknown> | undefined)?.vars : raw.vars;
  if (!source || typeof source !== "object" || Array.isArray(source)) return {};
  // A string var is a text binding; anything else a JSON binding, which env holds as the value itself.
  return { ...(source as Record<string, unknown>) };
}

/** The placeholder a test sees for a secret. */
export const placeholderSecret = (name: string): string => `placeholder-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The Worker's env in the test run: vars, then a placeholder per secret name (a secret shadows a var). Pure. */
export function testEnv(vars: Record<string, unknown>, secretNames: readonly string[]): Record<string, unknown> {
  const env = { ...vars };
  for (const name of secretNames) env[name] = placeholderSecret(name);
  return env;
}
