// wrangler reports a dropped connection as a bare "fetch failed" (even with WRANGLER_LOG=debug):
// the errno stays inside undici. wrangler's bundled undici publishes every failed request on
// node:diagnostics_channel, so a preload (`node --require`, added by the npx shim) records each
// one's origin and cause chain to the file PWA_NETWORK_LOG names, for the failure message. It
// writes nothing else, never throws, and does nothing when the variable is unset.
import fs from "node:fs";
import { networkCause } from "./net-errors.js";

export const NETWORK_LOG_ENV = "PWA_NETWORK_LOG";

/** The preload's source (CommonJS, no dependencies). */
export const NETWORK_LOG_PRELOAD = `"use strict";
// Written by python-workers-action: records wrangler's failed requests (origin, error codes) for its messages.
try {
  const file = process.env.${NETWORK_LOG_ENV};
  if (file) {
    const dc = require("node:diagnostics_channel");
    const fs = require("node:fs");
    const flat = (e, depth) => {
      if (!e || typeof e !== "object" || depth > 5) return undefined;
      const inner = Array.isArray(e.errors) && e.errors.length ? [flat(e.errors[0], depth + 1)] : undefined;
      return { name: String(e.name || ""), code: e.code == null ? undefined : String(e.code), message: String(e.message || ""), cause: flat(e.cause, depth + 1), errors: inner };
    };
    const note = (origin, error) => {
      try {
        fs.appendFileSync(file, JSON.stringify({ origin: String(origin || ""), error: flat(error, 0) }) + "\\n");
      } catch {}
    };
    dc.subscribe("undici:request:error", (m) => note(m && m.request && m.request.origin, m && m.error));
    dc.subscribe("undici:client:connectError", (m) => {
      const c = m && m.connectParams;
      note(c ? c.protocol + "//" + c.host + (c.port && !String(c.host).includes(":") ? ":" + c.port : "") : "", m && m.error);
    });
  }
} catch {}
`;

export interface NetworkRecord {
  origin: string;
  error?: unknown;
}

/** The records in a network log file; missing file or bad lines: none. */
export function readNetworkLog(file: string): NetworkRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out: NetworkRecord[] = [];
  for (const line of text.split("\n")) {
    try {
      const r = JSON.parse(line);
      if (r && typeof r.origin === "string") out.push(r);
    } catch {
      // a partial last line (wrangler killed mid-write)
    }
  }
  return out;
}

const hostOf = (origin: string): string => {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
};

/**
 * The failed connection to name: the last record with a cause, preferring the API's host (`apiHost`)
 * over others wrangler talks to. Pure.
 */
export function networkFailure(records: NetworkRecord[], apiHost?: string): { host: string; cause: string } | undefined {
  const named = records.map((r) => ({ host: hostOf(r.origin), cause: networkCause(r.error) })).filter((r): r is { host: string; cause: string } => Boolean(r.cause));
  return named.filter((r) => r.host === apiHost).at(-1) ?? named.at(-1);
}
