import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { InputError } from "../errors.js";

/** Look up each listed secret's value in the step environment; a missing one is an input error. */
export function secretValues(names: string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  const missing = names.filter((n) => env[n] === undefined || env[n] === "");
  if (missing.length > 0) {
    throw new InputError(
      "secrets",
      `no value for ${missing.join(", ")} in the step's environment. Add ${missing.length > 1 ? "them" : "it"} to the step's env:, e.g. env: { ${missing[0]}: \${{ secrets.${missing[0]} }} }.`,
    );
  }
  for (const n of names) values[n] = env[n] as string;
  return values;
}

/**
 * Write the secrets to a 0600 JSON file for `--secrets-file`, run `use`, and delete the file
 * whatever happens. Values never reach a command line.
 */
export async function withSecretsFile<T>(dir: string, values: Record<string, string>, use: (file: string | undefined) => Promise<T>): Promise<T> {
  if (Object.keys(values).length === 0) return use(undefined);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `secrets-${crypto.randomBytes(8).toString("hex")}.json`);
  fs.writeFileSync(file, JSON.stringify(values), { mode: 0o600, flag: "wx" });
  try {
    return await use(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
