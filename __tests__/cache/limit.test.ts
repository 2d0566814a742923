// A cache service that never answers must not hold the run: restore and save are raced against a limit.
import { describe, expect, it } from "@jest/globals";
import { withinLimit } from "../../src/cache/store.js";

describe("withinLimit", () => {
  it("passes a result that comes in time", async () => {
    await expect(withinLimit(Promise.resolve("k"), 1000, "restore")).resolves.toBe("k");
  });
  it("rejects, naming the operation and the limit, when the work never settles", async () => {
    await expect(withinLimit(new Promise(() => {}), 50, "restore")).rejects.toThrow("the cache service did not finish the restore within 0.05 s; going on without it");
  });
  it("passes the work's own error through", async () => {
    await expect(withinLimit(Promise.reject(new Error("503")), 1000, "save")).rejects.toThrow("503");
  });
});
