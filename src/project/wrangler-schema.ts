import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// zod/mini (tree-shaken, a tenth of zod's size: the plan loads before the first log line), with
// zod's English messages.
z.config(en());

/**
 * The parts of wrangler's config shape the Action reads (wrangler 4.x `RawConfig`). Unknown keys
 * pass through: wrangler itself validates the rest at deploy time.
 */
const bindingList = (key: "binding" | "name") => z.optional(z.array(z.looseObject({ [key]: z.string() })));
const single = z.optional(z.looseObject({ binding: z.string() }));

const envShape = {
  name: z.optional(z.string()),
  main: z.optional(z.string()),
  compatibility_date: z.optional(z.string()),
  compatibility_flags: z.optional(z.array(z.string())),
  vars: z.optional(z.record(z.string(), z.unknown())),
  python_modules: z.optional(z.looseObject({ exclude: z.optional(z.array(z.string())) })),
  kv_namespaces: bindingList("binding"),
  d1_databases: bindingList("binding"),
  r2_buckets: bindingList("binding"),
  services: bindingList("binding"),
  vectorize: bindingList("binding"),
  hyperdrive: bindingList("binding"),
  analytics_engine_datasets: bindingList("binding"),
  workflows: bindingList("binding"),
  dispatch_namespaces: bindingList("binding"),
  mtls_certificates: bindingList("binding"),
  secrets_store_secrets: bindingList("binding"),
  send_email: bindingList("name"),
  durable_objects: z.optional(z.looseObject({ bindings: bindingList("name") })),
  queues: z.optional(z.looseObject({ producers: bindingList("binding") })),
  ai: single,
  browser: single,
  images: single,
  assets: z.optional(z.looseObject({ binding: z.optional(z.string()) })),
  version_metadata: single,
};

export const wranglerEnvSchema = z.looseObject(envShape);
export const wranglerConfigSchema = z.looseObject({ ...envShape, env: z.optional(z.record(z.string(), wranglerEnvSchema)) });
export type WranglerEnv = z.infer<typeof wranglerEnvSchema>;
export type WranglerConfig = z.infer<typeof wranglerConfigSchema>;

export interface Binding {
  name: string;
  /** wrangler's config key, e.g. "kv_namespaces", "d1_databases", "ai". */
  type: string;
}

/** Config keys whose entries name their binding in `binding`. */
const BOUND_BY_BINDING = [
  "kv_namespaces",
  "d1_databases",
  "r2_buckets",
  "services",
  "vectorize",
  "hyperdrive",
  "analytics_engine_datasets",
  "workflows",
  "dispatch_namespaces",
  "mtls_certificates",
  "secrets_store_secrets",
] as const;

/** Every binding an environment (or the top level) declares. Pure. */
export function bindingsOf(c: WranglerEnv): Binding[] {
  const out: Binding[] = [];
  for (const type of BOUND_BY_BINDING) for (const b of c[type] ?? []) out.push({ name: String(b.binding), type });
  const byName: Array<[string, Array<Record<string, unknown>> | undefined, string]> = [
    ["send_email", c.send_email, "name"],
    ["durable_objects", c.durable_objects?.bindings, "name"],
    ["queues", c.queues?.producers, "binding"],
  ];
  for (const [type, list, key] of byName) for (const b of list ?? []) out.push({ name: String(b[key]), type });
  for (const type of ["ai", "browser", "images", "version_metadata", "assets"] as const) {
    const b = c[type]?.binding;
    if (typeof b === "string") out.push({ name: b, type });
  }
  return out;
}

/** A zod error as one line naming the key. Pure. */
export function describeIssue(err: z.core.$ZodError): string {
  const i = err.issues[0];
  return `${i.path.join(".") || "(top level)"}: ${i.message}`;
}
