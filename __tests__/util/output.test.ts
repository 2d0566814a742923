import { describe, expect, it } from "@jest/globals";
import { lastErrorLine } from "../../src/util/output.js";

describe("lastErrorLine", () => {
  it("picks wrangler's error line without colour codes", () => {
    expect(lastErrorLine("\u001b[31m✘ [ERROR]\u001b[0m A request to the Cloudflare API failed.\n\nmore")).toBe("A request to the Cloudflare API failed.");
    expect(lastErrorLine("ERROR    Sync failed\n")).toBe("ERROR    Sync failed");
    expect(lastErrorLine("just output\nlast line")).toBe("last line");
    expect(lastErrorLine("")).toBeUndefined();
  });
});
