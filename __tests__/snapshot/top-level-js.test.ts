import nodeCrypto from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { installTopLevelRestrictions, spendEntropyCall } from "../../src/snapshot/top-level-js.js";

describe("spendEntropyCall (tle/lib.ts getRandomValues)", () => {
  it("spends one call of the budget per getentropy() and fills with 43s", () => {
    const heap = new Int8Array(8);
    heap[3] = 2;
    const view = new Uint8Array(4);
    expect(spendEntropyCall(heap, 3, view)).toBe(true);
    expect([...view]).toEqual([43, 43, 43, 43]);
    expect(heap[3]).toBe(1);
    expect(spendEntropyCall(heap, 3, new Uint8Array(1))).toBe(true);
    expect(spendEntropyCall(heap, 3, new Uint8Array(1))).toBe(false);
    expect(heap[3]).toBe(0);
  });
});

describe("installTopLevelRestrictions", () => {
  function setup(budget: number) {
    const memory = new ArrayBuffer(64);
    const module = { HEAP8: new Int8Array(memory), HEAPU8: new Uint8Array(memory) };
    module.HEAP8[0] = budget;
    const recorded: string[] = [];
    const r = installTopLevelRestrictions({ record: (rule, message) => recorded.push(`${rule}: ${message}`) > 0, clock: () => undefined, module, budgetAddr: 0 });
    return { module, recorded, r };
  }

  it("counts Emscripten's entropy (a view into the wasm heap) against the budget, on both entropy sources", () => {
    const { module, recorded, r } = setup(2);
    try {
      nodeCrypto.randomFillSync(module.HEAPU8.subarray(8, 16));
      globalThis.crypto.getRandomValues(module.HEAPU8.subarray(16, 24));
      expect(module.HEAP8[0]).toBe(0);
      expect(recorded).toEqual([]);
      nodeCrypto.randomFillSync(module.HEAPU8.subarray(24, 32));
      expect(recorded).toEqual(["entropy: PythonUserError: Disallowed operation called within global scope (getentropy())"]);
    } finally {
      r.restore();
    }
  });

  it("refuses the Worker's own crypto.getRandomValues, leaves other randomFillSync calls alone and restores everything", () => {
    const saved = { fill: nodeCrypto.randomFillSync, now: Date.now, fetch: globalThis.fetch };
    const { recorded, r } = setup(5);
    const own = new Uint8Array(8);
    try {
      globalThis.crypto.getRandomValues(own);
      expect(recorded).toEqual(["entropy: PythonUserError: Disallowed operation called within global scope (crypto.getRandomValues())"]);
      expect(Date.now()).toBe(0);
      expect(() => setTimeout(() => undefined, 5)).toThrow(/Disallowed operation called within global scope/);
      const buf = new Uint8Array(32);
      nodeCrypto.randomFillSync(buf);
      expect(buf.some((b) => b !== 0)).toBe(true);
    } finally {
      expect(r.restore()).toBe(1);
    }
    expect(nodeCrypto.randomFillSync).toBe(saved.fill);
    expect(Date.now).toBe(saved.now);
    expect(globalThis.fetch).toBe(saved.fetch);
  });
});
