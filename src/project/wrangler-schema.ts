import { z } from "zod";

/**
 * The parts of wrangler's config shape the Action reads (wrangler 4.x `RawConfig`). Unknown keys
 * pass through: wrangler itself validates the rest at deploy time.
 */
const bindingList = (key: "binding" | "name") => z.array(z.object({ [key]: z.string() }).passthrough()).optional();
const single = z.object({ binding: z.string() }).passthrough().optional();

const envShape = {
  name: z.string().optional(),
  main: z.string().optional(),
  compatibility_date: z.string().optional(),
  compatibility_flags: z.array(z.string()).optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  python_modules: z
    .object({ exclude: z.array(z.string()).optional() })
    .passthrough()
    .optional(),
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
  durable_objects: z
    .object({ bindings: bindingList("name") })
    .passthrough()
    .optional(),
  queues: z
    .object({ producers: bindingList("binding") })
    .passthrough()
    .optional(),
  ai: single,
  browser: single,
  images: single,
  assets: z.object({ binding: z.string().optional() }).passthrough().optional(),
  version_metadata: single,
};

export const wranglerEnvSchema = z.object(envShape).passthrough();
export const wranglerConfigSchema = z.object({ ...envShape, env: z.record(z.string(), wranglerEnvSchema).optional() }).passthrough();
export type WranglerEnv = z.infer<typeof wranglerEnvSchema>;
export type WranglerConfig = z.infer<typeof wranglerConfigSchema>;

export interface Binding {
  name: string;
  /** wrangler's config key, e.g. "kv_namespaces", "d1_databases", "ai". */
  type: string;
}

/** Every binding an environment (or the top level) declares. Pure. */
export function bindingsOf(c: WranglerEnv): Binding[] {
  const out: Binding[] = [];
  const lists: Array<[string, Array<Record<string, unknown>> | undefined, string]> = [
    ["kv_namespaces", c.kv_namespaces, "binding"],
    ["d1_databases", c.d1_databases, "binding"],
    ["r2_buckets", c.r2_buckets, "binding"],
    ["services", c.services, "binding"],
    ["vectorize", c.vectorize, "binding"],
    ["hyperdrive", c.hyperdrive, "binding"],
    ["analytics_engine_datasets", c.analytics_engine_datasets, "binding"],
    ["workflows", c.workflows, "binding"],
    ["dispatch_namespaces", c.dispatch_namespaces, "binding"],
    ["mtls_certificates", c.mtls_certificates, "binding"],
    ["secrets_store_secrets", c.secrets_store_secrets, "binding"],
    ["send_email", c.send_email, "name"],
    ["durable_objects", c.durable_objects?.bindings, "name"],
    ["queues", c.queues?.producers, "binding"],
  ];
  for (const [type, list, key] of lists) for (const b of list ?? []) out.push({ name: String(b[key]), type });
  for (const type of ["ai", "browser", "images", "version_metadata", "assets"] as const) {
    const b = c[type]?.binding;
    if (typeof b === "string") out.push({ name: b, type });
  }
  return out;
}

/** A zod error as one line naming the key. Pure. */
export function describeIssue(err: z.ZodError): string {
  const i = err.issues[0];
  return `${i.path.join(".") || "(top level)"}: ${i.message}`;
}
