// The cache session's decisions, with @actions/cache mocked: when it is off, what the save policy
// does to the report, and that a restore on the early key is not repeated.
import path from "node:path";
import { beforeEach, describe, expect, it, jest } from "@jest/globals";

let available = true;
const restored: string[][] = [];
const saved: string[] = [];
jest.unstable_mockModule("@actions/cache", () => ({
  isFeatureAvailable: () => available,
  restoreCache: async (paths: string[]) => {
    restored.push(paths);
    return undefined;
  },
  saveCache: async (_paths: string[], key: string) => {
    saved.push(key);
    return 1;
  },
}));

const { CacheSession } = await import("../../src/cache/session.js");
const { newReport } = await import("../../src/report/model.js");
type Plan = import("../../src/plan.js").Plan;

const project = {
  root: path.resolve("examples/hello"),
  locked: new Map(),
  uvRequiredVersion: undefined,
  worker: { compatibilityDate: "2025-11-01", compatibilityFlags: ["python_workers"] },
};
const planWith = (inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    inputs: {
      cache: true,
      saveCache: "auto",
      cacheSuffix: "",
      uvVersion: "0.13.9",
      workersPyVersion: "",
      snapshotCheck: false,
      lint: true,
      test: true,
      testRuntime: "cpython",
      cacheTimeoutMs: 120_000,
      ...inputs,
    },
    project,
    wrangler: { spec: "4.164.0" },
    needsWrangler: false,
    eventName: "push",
    ref: "refs/heads/main",
    ...extra,
  }) as unknown as Plan;
const tools = { uvVersion: "0.13.9", workersPyVersion: "1.17.9", env: {}, detail: "", fetched: false };

beforeEach(() => {
  available = true;
  restored.length = 0;
  saved.length = 0;
});

describe("CacheSession", () => {
  it("is off, with the reason, when the input or the service says so", () => {
    expect(new CacheSession(planWith({ cache: false }), newReport("check", "Upload", "w", ""), {}).off).toBe("cache: false");
    available = false;
    const s = new CacheSession(planWith({}), newReport("check", "Upload", "w", ""), {});
    expect(s.off).toMatch(/not available/);
    expect(s.env).toEqual({});
  });

  it("points uv at the entry's folders when on", () => {
    const s = new CacheSession(planWith({}), newReport("check", "Upload", "w", ""), { UV_CACHE_DIR: "/mine" });
    expect(s.env.UV_CACHE_DIR).toBe("/mine");
  });

  it("restores the dependency entry once, with the tools, when uv is exact", async () => {
    const report = newReport("check", "Upload", "w", "");
    const s = new CacheSession(planWith({}), report, {});
    await s.restoreTools();
    const r = await s.restoreDeps(tools);
    expect(r.hit).toBe(false);
    // tools entry + dependency entry: the dependency restore is not repeated.
    expect(restored).toHaveLength(2);
    expect(report.cache).toMatchObject({ hit: false, toolsHit: false });
    expect(report.cache?.key).toMatch(/^python-workers-\d+-deps-/);
  });

  it("saves a freshly installed wrangler when the step ends, after the upload filled its compile cache", async () => {
    const report = newReport("deploy", "Deploy", "w", "");
    const s = new CacheSession(planWith({}, { needsWrangler: true }), report, {});
    await s.restoreTools();
    const wrangler = Promise.resolve({ version: "4.164.0", entry: "/x/wrangler.js", shimDir: "/x", source: "default" as const });
    s.saveToolsWhenSettled({ ...tools, fetched: true }, Promise.resolve(), wrangler);
    await new Promise((r) => setTimeout(r, 20));
    expect(saved.filter((k) => k.includes("-wrangler-"))).toEqual([]);
    await s.drain();
    expect(saved.filter((k) => k.includes("-wrangler-"))).toHaveLength(1);
    expect(saved.filter((k) => k.includes("-tools-"))).toHaveLength(1);
  });

  it("does not save on a tag push under save-cache: auto, and says so", async () => {
    const report = newReport("deploy", "Deploy", "w", "");
    const s = new CacheSession(planWith({}, { eventName: "push", ref: "refs/tags/v1" }), report, {});
    expect(await s.saveDeps(tools, {})).toBe("; dependency cache not saved: not saved on tag pushes (cache poisoning); set save-cache: true to opt in");
    expect(report.notices).toEqual(["Cache not saved: not saved on tag pushes (cache poisoning); set save-cache: true to opt in."]);
  });
});
