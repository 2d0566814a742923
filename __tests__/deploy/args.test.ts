import { describe, expect, it } from "@jest/globals";
import { deployArgs, sanitizePreviewAlias } from "../../src/deploy/args.js";

describe("deployArgs", () => {
  it("builds a deploy with env, vars, secrets file, message and tag", () => {
    expect(
      deployArgs({
        upload: "deploy",
        environment: "prod",
        vars: [
          ["A", "1"],
          ["B", "x:y"],
        ],
        secretsFile: "/t/s.json",
        message: "m",
        tag: "t",
      }),
    ).toEqual(["deploy", "--env", "prod", "--var", "A:1", "--var", "B:x:y", "--secrets-file", "/t/s.json", "--message", "m", "--tag", "t"]);
  });
  it("builds a dry run with an outdir and no secrets file when there are none", () => {
    expect(deployArgs({ upload: "dry-run", environment: "", vars: [], outdir: "/o" })).toEqual(["deploy", "--dry-run", "--outdir", "/o"]);
  });
  it("builds a preview upload with its alias", () => {
    expect(deployArgs({ upload: "version-upload", environment: "", vars: [], previewAlias: "pr-7", secretsFile: "/s" })).toEqual([
      "versions",
      "upload",
      "--secrets-file",
      "/s",
      "--preview-alias",
      "pr-7",
    ]);
  });
});

describe("deployArgs for a gradual rollout", () => {
  it("uploads a version without deploying it, and no alias", () => {
    expect(deployArgs({ upload: "gradual", environment: "", vars: [], previewAlias: "x" })).toEqual(["versions", "upload"]);
  });
});

describe("sanitizePreviewAlias", () => {
  it("keeps a valid alias", () => {
    expect(sanitizePreviewAlias("pr-12", "hello")).toBe("pr-12");
  });
  it("lower-cases, replaces invalid characters and trims hyphens", () => {
    expect(sanitizePreviewAlias("Feature/Add_Thing--", "hello")).toBe("feature-add-thing");
  });
  it("makes it start with a letter", () => {
    expect(sanitizePreviewAlias("123-fix", "hello")).toBe("fix");
  });
  it("bounds the length by the worker name (63 - len(name) - 1)", () => {
    const name = "a".repeat(50);
    const alias = sanitizePreviewAlias("preview-for-a-long-branch-name", name);
    // 12 characters allowed; the cut lands on a hyphen, which an alias may not end with.
    expect(alias).toBe("preview-for");
  });
  it("returns undefined when nothing valid remains", () => {
    expect(sanitizePreviewAlias("123", "hello")).toBeUndefined();
    expect(sanitizePreviewAlias("pr-1", "x".repeat(62))).toBeUndefined();
  });
});
