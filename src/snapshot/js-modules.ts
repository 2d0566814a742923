/**
 * Stand-ins for the runtime's built-in `cloudflare:*` JavaScript modules, as
 * `import_from_javascript("cloudflare:…")` sees them at the top level: the same export names, with
 * the constant tables copied as values and classes/functions as inert stand-ins (calling them at
 * the top level is what the I/O rules are about, not these shapes).
 *
 * Export names are read from cloudflare/workerd at Release 2026-08-22, `src/cloudflare/*.ts`
 * (bundled as the `cloudflare:` built-ins by src/cloudflare/BUILD.bazel, `import_name = "cloudflare"`).
 * Any other name (a user JS module, `node:*`) keeps an empty stand-in and an "approximate" notice.
 */

/** Export names per built-in module (src/cloudflare/<name>.ts). `env` and the constant tables are filled in below. */
export const CLOUDFLARE_MODULE_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  // ai.ts:5-33 (re-exports of cloudflare-internal:ai-api, aig-api, autorag-api, to-markdown-api)
  "cloudflare:ai": [
    "InferenceUpstreamError",
    "Ai",
    "AiGateway",
    "AiGatewayInternalError",
    "AiGatewayLogNotFound",
    "AutoRAG",
    "AutoRAGInternalError",
    "AutoRAGNotFoundError",
    "AutoRAGUnauthorizedError",
    "ToMarkdownService",
  ],
  "cloudflare:br": ["BrowserRendering"], // br.ts:8
  "cloudflare:email": ["EmailMessage"], // email.ts:7
  "cloudflare:node": ["handleAsNodeRequest", "httpServerHandler"], // node.ts:29,55
  "cloudflare:pipelines": ["PipelineTransformationEntrypoint"], // pipelines.ts:7
  "cloudflare:sockets": ["connect", "internalNewHttpClient"], // sockets.ts:10,17
  "cloudflare:vectorize": ["KnownModel", "DistanceMetric", "MetadataRetrievalLevel"], // vectorize.ts:9,21,30
  // workers.ts:12-211
  "cloudflare:workers": [
    "WorkerEntrypoint",
    "DurableObject",
    "RpcStub",
    "RpcPromise",
    "RpcProperty",
    "RpcTarget",
    "ServiceStub",
    "WorkflowEntrypoint",
    "restore",
    "withEnv",
    "withExports",
    "withEnvAndExports",
    "env",
    "exports",
    "waitUntil",
    "cache",
    "tracing",
    "abortIsolate",
  ],
  "cloudflare:workflows": ["NonRetryableError"], // workflows.ts:5
};

/** The constant tables, with the runtime's values (vectorize.ts:9-46). */
const CONSTANTS: Record<string, Record<string, string>> = {
  KnownModel: {
    "openai/text-embedding-ada-002": "openai/text-embedding-ada-002",
    "cohere/embed-multilingual-v2.0": "cohere/embed-multilingual-v2.0",
    "@cf/baai/bge-small-en-v1.5": "@cf/baai/bge-small-en-v1.5",
    "@cf/baai/bge-base-en-v1.5": "@cf/baai/bge-base-en-v1.5",
    "@cf/baai/bge-large-en-v1.5": "@cf/baai/bge-large-en-v1.5",
  },
  DistanceMetric: { EUCLIDEAN: "euclidean", COSINE: "cosine", DOT_PRODUCT: "dot-product" },
  MetadataRetrievalLevel: { ALL: "all", INDEXED: "indexed", NONE: "none" },
};

/** Exports that are objects, not classes or functions (workers.ts:44,116,162,209). */
const OBJECTS = new Set(["env", "exports", "cache", "tracing"]);
/** Exports that are plain functions (lower-case names are functions in these modules). */
const isClassName = (name: string) => /^[A-Z]/.test(name);

function standIn(name: string): unknown {
  if (CONSTANTS[name]) return Object.freeze({ ...CONSTANTS[name] });
  if (OBJECTS.has(name)) return {};
  if (isClassName(name)) {
    // A named class, so `typeof` and `isinstance(x, type)`-style checks see a constructor.
    return { [name]: class {} }[name];
  }
  return { [name]: () => undefined }[name];
}

/**
 * The module namespace for a built-in `cloudflare:*` module, or undefined when the name is not one.
 * `overrides` supplies exports the worker models itself (entrypoint classes, `env`, `connect`).
 */
export function cloudflareModule(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const names = CLOUDFLARE_MODULE_EXPORTS[name];
  if (!names) return undefined;
  const mod: Record<string, unknown> = {};
  for (const n of names) mod[n] = n in overrides ? overrides[n] : standIn(n);
  return mod;
}
