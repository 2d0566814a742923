import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { entryTooBig } from "../../src/cache/session.js";

describe("cache-size-limit", () => {
  it("refuses an entry over the bound, and has no bound at 0", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "size-"));
    fs.writeFileSync(path.join(dir, "a"), Buffer.alloc(5000));
    expect(entryTooBig(0, [dir])).toBeUndefined();
    expect(entryTooBig(10_000, [dir, path.join(dir, "missing")])).toBeUndefined();
    expect(entryTooBig(1000, [dir])).toMatch(/^the entry would be 4\.9 KiB, over cache-size-limit 1000 B$/);
    fs.rmSync(dir, { recursive: true });
  });
});
