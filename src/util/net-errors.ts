// Network failures named by their cause: the errno (ECONNRESET, ECONNREFUSED, ENOTFOUND, …) or
// undici's code (UND_ERR_SOCKET, …) and its words, found down an error's `cause` chain. undici's
// fetch hides them behind `TypeError: fetch failed` (or `terminated`, mid-body); Node's http
// client puts them on the error itself (`socket hang up`, code ECONNRESET).

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

const asError = (e: unknown): ErrorLike | undefined => (e && typeof e === "object" ? (e as ErrorLike) : undefined);
const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** Words that say nothing beyond "it failed": undici's wrappers. */
const WRAPPERS = /^(fetch failed|terminated)$/i;

/**
 * The cause of a network failure as one phrase, e.g. `connect ECONNREFUSED 127.0.0.1:9`,
 * `ECONNRESET: socket hang up`, `UND_ERR_SOCKET: other side closed`; undefined when the error
 * carries no code at all. Pure.
 */
export function networkCause(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let best: string | undefined;
  for (let e = asError(err); e && !seen.has(e); e = asError(e.cause)) {
    seen.add(e);
    let message = text(e.message);
    const code = text(e.code);
    // Happy eyeballs (IPv4 and IPv6 both tried): an AggregateError with the code and no message.
    const inner = Array.isArray(e.errors) ? asError(e.errors[0]) : undefined;
    if (!message && inner) message = text(inner.message);
    if (code) {
      best = !message || WRAPPERS.test(message) ? code : message.includes(code) ? message : `${code}: ${message}`;
      // undici's socket error often wraps the errno (read ECONNRESET): keep looking for it.
      if (/^E[A-Z]+$/.test(code)) return best;
    } else if (!best && message && !WRAPPERS.test(message) && e !== err) best = message;
  }
  return best;
}

/** Whether a failure is the connection's, not the server's answer (worth another attempt). Pure. */
export function isNetworkError(err: unknown): boolean {
  return networkCause(err) !== undefined || /fetch failed|terminated|socket hang up|other side closed/i.test(text(asError(err)?.message));
}
