import { describe, expect, it } from "@jest/globals";
import { lastGoodMarker, lastGoodPreview } from "../../src/github/preview-comment.js";
import { versionOverrideHeader } from "../../src/release/smoke.js";
import { blobUrl, dashboardUrl, fileLink, sourceLinks } from "../../src/report/links.js";
import { maskValues } from "../../src/stages/hooks.js";

describe("links", () => {
  const links = sourceLinks({ GITHUB_REPOSITORY: "octo/hello", GITHUB_SERVER_URL: "https://github.com" }, "feedbeef");
  it("links a file to its line at the commit", () => {
    expect(links).toEqual({ repoUrl: "https://github.com/octo/hello", sha: "feedbeef" });
    expect(blobUrl(links!, "hello/src/entry.py", 12)).toBe("https://github.com/octo/hello/blob/feedbeef/hello/src/entry.py#L12");
    expect(fileLink(links, "a b.py", 3, 5)).toBe("[`a b.py:3:5`](https://github.com/octo/hello/blob/feedbeef/a%20b.py#L3)");
    expect(fileLink(undefined, "x.py", 3)).toBe("`x.py:3`");
    expect(sourceLinks({}, "feedbeef")).toBeUndefined();
  });
  it("links the Worker's deployments in the dashboard", () => {
    expect(dashboardUrl("abc123", "hello-python-worker")).toBe("https://dash.cloudflare.com/abc123/workers/services/view/hello-python-worker/production/deployments");
  });
});

describe("version override header", () => {
  it('is a Structured Fields dictionary: worker="version"', () => {
    expect(versionOverrideHeader("my-worker", "dc8dcd28-271b-4367-9840-6c244f84cb40")).toEqual({ "Cloudflare-Workers-Version-Overrides": 'my-worker="dc8dcd28-271b-4367-9840-6c244f84cb40"' });
  });
});

describe("hooks output", () => {
  it("masks every secret value, longest first", () => {
    expect(maskValues("token=abcdef1234 and abcdef", ["abcdef", "abcdef1234"])).toBe("token=*** and ***");
  });
});

describe("last good preview", () => {
  it("round-trips through the comment's hidden marker", () => {
    expect(lastGoodPreview(`x\n${lastGoodMarker("https://pr-7-hello.test.workers.dev", "1111111")}\ny`)).toEqual({ url: "https://pr-7-hello.test.workers.dev", sha: "1111111" });
    expect(lastGoodPreview("no marker")).toBeUndefined();
  });
});
