import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  RUNTIME_TEXT
} from "./chunk-BAB4QEES.js";

// src/snapshot/top-level-js.ts
import nodeCrypto from "node:crypto";
var IO = RUNTIME_TEXT.io;
function plainGlobals() {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(globalThis))) {
    if (!d.get || !d.configurable) continue;
    try {
      const v = globalThis[k];
      Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true, enumerable: d.enumerable });
    } catch {
    }
  }
}
function workersGlobals() {
  const g = globalThis;
  class HTMLRewriter {
    on() {
      return this;
    }
    onDocument() {
      return this;
    }
    transform(r) {
      return r;
    }
  }
  class WebSocketPair {
  }
  g.HTMLRewriter ??= HTMLRewriter;
  g.WebSocketPair ??= WebSocketPair;
  g.caches ??= { default: {}, open: async () => ({}) };
  g.scheduler ??= { wait: async () => void 0 };
}
var blockedIo = (record, what) => () => {
  record("io", `Error: ${IO} (${what})`);
  throw new Error(`${IO} (${what})`);
};
function spendEntropyCall(heap, addr, view) {
  if (heap[addr] > 0) {
    heap[addr]--;
    view.fill(43);
    return true;
  }
  return false;
}
function installTopLevelRestrictions(hooks) {
  const g = globalThis;
  const saved = {
    fetch: g.fetch,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    getRandomValues: g.crypto?.getRandomValues,
    randomFillSync: nodeCrypto.randomFillSync,
    dateNow: Date.now
  };
  let clockReads = 0;
  Date.now = () => {
    clockReads++;
    hooks.clock();
    return 0;
  };
  const record = hooks.record;
  g.fetch = blockedIo(record, "fetch()");
  g.setInterval = blockedIo(record, "setInterval()");
  g.setTimeout = (fn, delay, ...args) => {
    if (delay && delay > 0) blockedIo(record, `setTimeout(\u2026, ${delay})`)();
    return saved.setTimeout(fn, delay, ...args);
  };
  const fromWasm = (view) => view?.buffer === hooks.module.HEAPU8.buffer;
  const getentropy = (view) => {
    if (!spendEntropyCall(hooks.module.HEAP8, hooks.budgetAddr, view)) {
      record("entropy", "PythonUserError: Disallowed operation called within global scope (getentropy())");
    }
    return view;
  };
  if (g.crypto) {
    g.crypto.getRandomValues = (arr) => {
      if (fromWasm(arr)) return getentropy(arr);
      record("entropy", "PythonUserError: Disallowed operation called within global scope (crypto.getRandomValues())");
      return arr;
    };
  }
  nodeCrypto.randomFillSync = (view, ...rest) => fromWasm(view) ? getentropy(view) : saved.randomFillSync(view, ...rest);
  return {
    restore() {
      Date.now = saved.dateNow;
      g.fetch = saved.fetch;
      g.setTimeout = saved.setTimeout;
      g.setInterval = saved.setInterval;
      if (g.crypto) g.crypto.getRandomValues = saved.getRandomValues;
      nodeCrypto.randomFillSync = saved.randomFillSync;
      return clockReads;
    }
  };
}

export {
  plainGlobals,
  workersGlobals,
  blockedIo,
  installTopLevelRestrictions
};
