import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { secretValues, withSecretsFile } from "../../src/deploy/secrets.js";

describe("secretValues", () => {
  it("reads each listed secret from the environment", () => {
    expect(secretValues(["A", "B"], { A: "1", B: "2", C: "3" })).toEqual({ A: "1", B: "2" });
  });
  it("names every missing secret and shows how to pass it", () => {
    expect(() => secretValues(["A", "B", "C"], { B: "x", C: "" })).toThrow(
      /^secrets: no value for A, C in the step's environment\. Add them to the step's env:, e\.g\. env: \{ A: \$\{\{ secrets\.A \}\} \}\.$/,
    );
  });
});

describe("withSecretsFile", () => {
  it("writes a 0600 JSON file for the callback and deletes it afterwards, also on error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-sec-"));
    let seen = "";
    await withSecretsFile(dir, { API_KEY: "s3cr3t" }, async (file) => {
      seen = file!;
      expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(file!, "utf8"))).toEqual({ API_KEY: "s3cr3t" });
    });
    expect(fs.existsSync(seen)).toBe(false);
    await expect(
      withSecretsFile(dir, { K: "v" }, async (file) => {
        seen = file!;
        throw new Error("upload failed");
      }),
    ).rejects.toThrow("upload failed");
    expect(fs.existsSync(seen)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
  it("passes no file when there are no secrets", async () => {
    await withSecretsFile("/nonexistent", {}, async (file) => expect(file).toBeUndefined());
  });
});
