import fs from "node:fs";
import path from "node:path";
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";
import { InputError } from "../errors.js";
import { type Binding, bindingsOf, describeIssue, type WranglerEnv, wranglerConfigSchema } from "./wrangler-schema.js";

/** The parts of wrangler's config the Action needs (top level, with the chosen environment applied). */
export interface WorkerConfig {
  /** `wrangler.toml` or `wrangler.jsonc`. */
  file: string;
  name: string;
  main: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  environments: string[];
  /** `[vars]` of the chosen environment (not inherited from the top level, as in wrangler). */
  vars: Record<string, unknown>;
  /** Bindings of the chosen environment (not inherited), by name and config key. */
  bindings: Binding[];
  /** `python_modules.exclude` (inherited from the top level; wrangler's default excludes .pyc files). */
  pythonModulesExclude: string[];
}

export interface ProjectInfo {
  root: string;
  pyproject: Record<string, unknown>;
  worker: WorkerConfig;
  /** `required-version` from uv.toml or `[tool.uv]`. */
  uvRequiredVersion?: string;
  /** Packages pinned in uv.lock, by normalized name. */
  locked: Map<string, string>;
  /** Every requirement string of the project: dependencies, optional and dependency groups. */
  requirements: string[];
  hasPylock: boolean;
}

export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, "-");

function readToml(file: string, subject: string): Record<string, unknown> {
  try {
    return parseToml(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new InputError(subject, `is not valid TOML: ${msg}`);
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asStringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Parse a wrangler config text (TOML or JSONC) into an object. Pure. */
export function parseWranglerText(text: string, fileName: string): Record<string, unknown> {
  if (fileName.endsWith(".toml")) {
    try {
      return parseToml(text) as Record<string, unknown>;
    } catch (err) {
      const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
      throw new InputError(fileName, `is not valid TOML: ${msg}`);
    }
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const e = errors[0];
    const line = text.slice(0, e.offset).split("\n").length;
    throw new InputError(fileName, `is not valid JSONC: ${printParseErrorCode(e.error)} at line ${line}`);
  }
  return asRecord(value);
}

/**
 * Check a parsed wrangler config for what a Python Worker needs, applying `env.<environment>`
 * overrides for the keys wrangler lets environments override. Pure.
 */
export function toWorkerConfig(raw: Record<string, unknown>, fileName: string, environment: string): WorkerConfig {
  const parsed = wranglerConfigSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(fileName, `does not have wrangler's shape: ${describeIssue(parsed.error)}.`);
  const cfg = parsed.data;
  const envs = asRecord(raw.env);
  const environments = Object.keys(envs);
  const envRaw = environment ? asRecord(envs[environment]) : {};
  const pick = (key: string): unknown => (key in envRaw ? envRaw[key] : raw[key]);

  let name = typeof raw.name === "string" ? raw.name : "";
  if (environment) {
    const envName = envRaw.name;
    // wrangler names an environment's Worker `<name>-<env>` unless the environment sets a name.
    name = typeof envName === "string" ? envName : name ? `${name}-${environment}` : "";
  }
  const main = pick("main");
  const date = pick("compatibility_date");
  const flags = asStringArray(pick("compatibility_flags"));

  if (!name) throw new InputError(fileName, 'has no "name". Add name = "my-worker".');
  if (typeof main !== "string" || main === "") {
    throw new InputError(fileName, 'has no "main". Point it at the entry module, e.g. main = "src/entry.py".');
  }
  if (!main.endsWith(".py")) {
    throw new InputError(fileName, `"main" is "${main}", which is not a .py file. A Python Worker's main module must end in .py.`);
  }
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new InputError(fileName, 'needs a "compatibility_date" (YYYY-MM-DD).');
  }
  if (!flags.some((f) => f === "python_workers" || f.startsWith("python_workers_"))) {
    throw new InputError(fileName, 'has no "python_workers" compatibility flag. Add it: compatibility_flags = ["python_workers"].');
  }
  // vars and bindings are not inherited by an environment; python_modules is (wrangler's
  // normalize-and-validate: `notInheritable` / `inheritable`).
  const own: WranglerEnv = environment ? (cfg.env?.[environment] ?? {}) : cfg;
  const pyModules = (environment && cfg.env?.[environment]?.python_modules) || cfg.python_modules;
  return {
    file: fileName,
    name,
    main,
    compatibilityDate: date,
    compatibilityFlags: flags,
    environments,
    vars: { ...(own.vars ?? {}) },
    bindings: bindingsOf(own),
    pythonModulesExclude: pyModules?.exclude ?? ["**/*.pyc"],
  };
}

/** Every PEP 508 requirement string the project lists. Pure. */
export function projectRequirements(pyproject: Record<string, unknown>): string[] {
  const project = asRecord(pyproject.project);
  const out = [...asStringArray(project.dependencies)];
  for (const group of Object.values(asRecord(project["optional-dependencies"]))) out.push(...asStringArray(group));
  for (const group of Object.values(asRecord(pyproject["dependency-groups"]))) out.push(...asStringArray(group));
  const uvDev = asRecord(asRecord(pyproject.tool).uv)["dev-dependencies"];
  out.push(...asStringArray(uvDev));
  return out;
}

/** The requirement for a package, if the project lists it anywhere (e.g. `ruff>=0.9`). Pure. */
export function findRequirement(requirements: string[], pkg: string): string | undefined {
  const wanted = normalizeName(pkg);
  return requirements.find((r) => {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(r);
    return m !== null && normalizeName(m[1]) === wanted;
  });
}

/** Versions pinned in a uv.lock text, by normalized package name. Pure. */
export function parseUvLock(text: string): Map<string, string> {
  const lock = parseToml(text) as { package?: Array<{ name?: string; version?: string }> };
  const out = new Map<string, string>();
  for (const p of lock.package ?? []) {
    if (typeof p.name === "string" && typeof p.version === "string") out.set(normalizeName(p.name), p.version);
  }
  return out;
}

/**
 * Read and check the Worker project in `root`. Throws InputError naming the file and the fix.
 * Reads only local files.
 */
export function readProject(root: string, environment: string): ProjectInfo {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(root);
  } catch {
    stat = undefined;
  }
  if (!stat?.isDirectory()) {
    throw new InputError("working-directory", `"${root}" does not exist. Set it to the folder that holds pyproject.toml and wrangler.toml.`);
  }
  const pyprojectPath = path.join(root, "pyproject.toml");
  if (!fs.existsSync(pyprojectPath)) {
    throw new InputError("working-directory", `no pyproject.toml in "${root}". Point working-directory at the Worker project, or create one with \`uv init\`.`);
  }
  const pyproject = readToml(pyprojectPath, "pyproject.toml");

  const configName = ["wrangler.toml", "wrangler.jsonc"].find((f) => fs.existsSync(path.join(root, f)));
  if (!configName) {
    const hint = fs.existsSync(path.join(root, "wrangler.json"))
      ? " pywrangler does not read wrangler.json: rename it to wrangler.jsonc."
      : " Add one with name, main, compatibility_date and the python_workers flag.";
    throw new InputError("working-directory", `no wrangler.toml or wrangler.jsonc in "${root}".${hint}`);
  }
  const rawConfig = parseWranglerText(fs.readFileSync(path.join(root, configName), "utf8"), configName);
  const worker = toWorkerConfig(rawConfig, configName, environment);

  let uvRequiredVersion: string | undefined;
  const uvToml = path.join(root, "uv.toml");
  if (fs.existsSync(uvToml)) {
    const rv = readToml(uvToml, "uv.toml")["required-version"];
    if (typeof rv === "string") uvRequiredVersion = rv;
  }
  if (!uvRequiredVersion) {
    const rv = asRecord(asRecord(pyproject.tool).uv)["required-version"];
    if (typeof rv === "string") uvRequiredVersion = rv;
  }

  let locked = new Map<string, string>();
  const lockPath = path.join(root, "uv.lock");
  if (fs.existsSync(lockPath)) {
    try {
      locked = parseUvLock(fs.readFileSync(lockPath, "utf8"));
    } catch (err) {
      throw new InputError("uv.lock", `cannot be read: ${err instanceof Error ? err.message.split("\n")[0] : err}. Regenerate it with \`uv lock\`.`);
    }
  }

  return {
    root,
    pyproject,
    worker,
    uvRequiredVersion,
    locked,
    requirements: projectRequirements(pyproject),
    hasPylock: fs.existsSync(path.join(root, "pylock.toml")),
  };
}
