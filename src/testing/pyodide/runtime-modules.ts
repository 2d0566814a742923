// The JS modules the Workers runtime injects for the workers SDK (`_cloudflare_compat_flags`,
// `_pyodide_entrypoint_helper`), here with a live `env` for tests. The snapshot check registers its
// own import-time versions inline in src/snapshot/worker.ts, which exports nothing; once it exports
// a registration function (see the report), this file should use it and keep only the test env.

/** The `cloudflare:workers` module a test sees: env, withEnv, waitUntil and the entrypoint classes. */
export function workersModule(env: Record<string, unknown>): Record<string, unknown> {
  const pending: unknown[] = [];
  const mod: Record<string, unknown> = {
    env,
    WorkerEntrypoint: class WorkerEntrypoint {},
    DurableObject: class DurableObject {},
    WorkflowEntrypoint: class WorkflowEntrypoint {},
    waitUntil: (p: unknown) => void pending.push(p),
    /** Run fn with env's keys replaced by `patch` (as the runtime's withEnv does). */
    withEnv: async (patch: Record<string, unknown>, fn: () => unknown) => {
      const saved = mod.env;
      mod.env = { ...env, ...(patch instanceof Map ? Object.fromEntries(patch) : patch) };
      try {
        return await fn();
      } finally {
        mod.env = saved;
      }
    },
  };
  return mod;
}

export function registerRuntimeModules(py: any, flags: readonly string[], env: Record<string, unknown>): void {
  const set = new Set(flags);
  const compatFlags = new Proxy({}, { get: (_t, k) => (typeof k === "string" ? set.has(k) : undefined), has: () => true });
  const workers = workersModule({ ...env });
  const sockets = {
    connect: () => {
      throw new Error("python-workers-action: no network in the Pyodide test run (cloudflare:sockets connect()). Stand in for remote services in the test.");
    },
  };
  const helper = {
    cloudflareWorkersModule: workers,
    cloudflareSocketsModule: sockets,
    doAnImport: async (name: string) => {
      if (name === "cloudflare:workers") return workers;
      if (name === "cloudflare:sockets") return sockets;
      throw new Error(`Cannot import "${name}" in the Pyodide test run (only cloudflare:workers and cloudflare:sockets are emulated).`);
    },
    patchWaitUntil: () => undefined,
    /** workers.patch_env(): a generator that swaps env's values in and back out. */
    *patch_env_helper(patch: Map<string, unknown> | Record<string, unknown>) {
      const current = workers.env as Record<string, unknown>;
      const entries = patch instanceof Map ? [...patch.entries()] : Object.entries(patch);
      const saved = new Map(entries.map(([k]) => [k, [k in current, current[k]] as const]));
      for (const [k, v] of entries) current[k] = v;
      try {
        yield;
      } finally {
        for (const [k, [had, v]] of saved) {
          if (had) current[k] = v;
          else delete current[k];
        }
      }
    },
  };
  py.registerJsModule("_cloudflare_compat_flags", compatFlags);
  py.registerJsModule("_pyodide_entrypoint_helper", helper);
}
