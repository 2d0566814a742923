// The JavaScript side of the runtime's top-level rules, for the snapshot's Pyodide process: the globals
// Node lacks, the restrictions on JS calls during the import (fetch, timers, the clock,
// crypto.getRandomValues) and the budget of C-level getentropy() calls. Citations are
// cloudflare/workerd at Release 2026-08-22 ("tle/" = src/pyodide/internal/topLevelEntropy/).
import nodeCrypto from "node:crypto";
import { RUNTIME_TEXT } from "./rules.js";

const IO = RUNTIME_TEXT.io;

/** Node defines some globals as getters, which Pyodide's snapshot proxies reject (ERR_INVALID_THIS). */
export function plainGlobals(): void {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(globalThis))) {
    if (!d.get || !d.configurable) continue;
    try {
      const v = (globalThis as any)[k];
      Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true, enumerable: d.enumerable });
    } catch {
      // leave it as it is
    }
  }
}

/** Globals the Workers runtime has and Node has not, so `from js import HTMLRewriter` imports. */
export function workersGlobals(): void {
  const g = globalThis as any;
  class HTMLRewriter {
    on() {
      return this;
    }
    onDocument() {
      return this;
    }
    transform(r: unknown) {
      return r;
    }
  }
  class WebSocketPair {}
  g.HTMLRewriter ??= HTMLRewriter;
  g.WebSocketPair ??= WebSocketPair;
  g.caches ??= { default: {}, open: async () => ({}) };
  g.scheduler ??= { wait: async () => undefined };
}

/** What the restrictions report to the harness (all calls are made while Python holds the GIL). */
export interface TopLevelHooks {
  /** Record a rule hit at the Python caller's frame; false when no import is running. */
  record(rule: string, message: string): boolean;
  /** Record a clock read at the Python caller's frame. */
  clock(): void;
  /** Pyodide's Emscripten module (HEAP8, HEAPU8). */
  module: { HEAP8: Int8Array; HEAPU8: Uint8Array };
  /** Address of the harness's ALLOWED_ENTROPY_CALLS byte (allow_entropy.py:6). */
  budgetAddr: number;
}

export const blockedIo = (record: (rule: string, message: string) => boolean | undefined, what: string) => () => {
  record("io", `Error: ${IO} (${what})`);
  throw new Error(`${IO} (${what})`);
};

/**
 * One C-level getentropy() during the import, as the runtime's getRandomValues (tle/lib.ts:41-48,
 * 63-83): spends one call of the budget and fills the buffer with 43s, or, with none left, is the
 * fatal "Disallowed operation called within global scope" (recorded; the harness stops there).
 * Pure apart from the heap byte it decrements. Returns true when the call was allowed.
 */
export function spendEntropyCall(heap: Int8Array, addr: number, view: { fill(v: number): unknown }): boolean {
  if (heap[addr] > 0) {
    heap[addr]--;
    view.fill(43);
    return true;
  }
  return false;
}

/**
 * Install the restrictions; returns the function that removes them. Emscripten draws C-level
 * entropy from globalThis.crypto.getRandomValues (npm Pyodide 0.26) or node:crypto's randomFillSync
 * (0.28, 314.x: `initRandomFill` in pyodide.asm.js / .mjs), with a view into the wasm heap; the
 * Worker's own `crypto.getRandomValues` (a JS array) is refused as the runtime's I/O context does
 * (io-context.c++:1494).
 */
export function installTopLevelRestrictions(hooks: TopLevelHooks): { restore(): number } {
  const g = globalThis as any;
  const saved = {
    fetch: g.fetch,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    getRandomValues: g.crypto?.getRandomValues,
    randomFillSync: nodeCrypto.randomFillSync,
    dateNow: Date.now,
  };
  let clockReads = 0;
  // Outside a request the runtime's clock reads 0 (Spectre mitigation): time.time() and
  // datetime.now() at the top level give 1970-01-01, and that value is baked into the snapshot.
  Date.now = () => {
    clockReads++;
    hooks.clock();
    return 0;
  };
  const record = hooks.record;
  g.fetch = blockedIo(record, "fetch()");
  g.setInterval = blockedIo(record, "setInterval()");
  g.setTimeout = (fn: unknown, delay?: number, ...args: unknown[]) => {
    if (delay && delay > 0) blockedIo(record, `setTimeout(…, ${delay})`)();
    return saved.setTimeout(fn, delay, ...args);
  };
  const fromWasm = (view: any) => view?.buffer === hooks.module.HEAPU8.buffer;
  const getentropy = (view: any) => {
    if (!spendEntropyCall(hooks.module.HEAP8, hooks.budgetAddr, view)) {
      record("entropy", "PythonUserError: Disallowed operation called within global scope (getentropy())");
    }
    return view;
  };
  if (g.crypto) {
    g.crypto.getRandomValues = (arr: any) => {
      if (fromWasm(arr)) return getentropy(arr);
      record("entropy", "PythonUserError: Disallowed operation called within global scope (crypto.getRandomValues())");
      return arr;
    };
  }
  (nodeCrypto as any).randomFillSync = (view: any, ...rest: unknown[]) => (fromWasm(view) ? getentropy(view) : saved.randomFillSync(view, ...(rest as [])));
  return {
    restore() {
      Date.now = saved.dateNow;
      g.fetch = saved.fetch;
      g.setTimeout = saved.setTimeout;
      g.setInterval = saved.setInterval;
      if (g.crypto) g.crypto.getRandomValues = saved.getRandomValues;
      (nodeCrypto as any).randomFillSync = saved.randomFillSync;
      return clockReads;
    },
  };
}
