// The fetches the Action makes itself (the smoke test) go through HTTPS_PROXY / HTTP_PROXY and
// honour NO_PROXY, as the runner's other tools do (undici's EnvHttpProxyAgent reads them, upper or
// lower case). @actions/* clients (tool-cache, cache, github) have their own proxy support.
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";

let agent: EnvHttpProxyAgent | undefined;

/** The agent, made without undici's "EnvHttpProxyAgent is experimental" warning in the step's log. */
function makeAgent(): EnvHttpProxyAgent {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(typeof warning === "string" ? warning : warning.message).includes("EnvHttpProxyAgent")) (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return new EnvHttpProxyAgent();
  } finally {
    process.emitWarning = emit;
  }
}

/** `fetch` with the environment's proxy settings, read on first use. */
export const proxiedFetch: typeof fetch = (input, init) => {
  agent ??= makeAgent();
  // biome-ignore lint/suspicious/noExplicitAny: undici's and the DOM's fetch types differ only nominally
  return undiciFetch(input as any, { ...(init as any), dispatcher: agent }) as any;
};
