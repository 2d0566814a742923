import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { defaultMessageAndTag, readContext } from "../src/context.js";
import { resolveMode } from "../src/plan.js";

const push = (ref: string) => ({ eventName: "push", ref, event: { repository: { default_branch: "main" } } });

describe("resolveMode", () => {
  it("maps events as the interface says", () => {
    expect(resolveMode("auto", { eventName: "pull_request", ref: "refs/pull/1/merge", event: {} })).toBe("preview");
    expect(resolveMode("auto", push("refs/heads/main"))).toBe("deploy");
    expect(resolveMode("auto", push("refs/heads/feature"))).toBe("check");
    expect(resolveMode("auto", push("refs/tags/v1"))).toBe("check");
    expect(resolveMode("auto", { eventName: "release", ref: "", event: {} })).toBe("deploy");
    expect(resolveMode("auto", { eventName: "workflow_dispatch", ref: "", event: {} })).toBe("deploy");
    expect(resolveMode("auto", { eventName: "schedule", ref: "", event: {} })).toBe("check");
  });
  it("keeps an explicit mode", () => {
    expect(resolveMode("dry-run", { eventName: "pull_request", ref: "", event: {} })).toBe("dry-run");
  });
});

describe("defaultMessageAndTag", () => {
  it("drops control characters from a derived subject, title or release name", () => {
    expect(defaultMessageAndTag({ eventName: "pull_request", sha: "m", event: { pull_request: { title: "Title\r::set-output name=a::b\u001b", head: { sha: "feedbeef99" } } } }).message).toBe(
      "Title ::set-output name=a::b",
    );
    expect(defaultMessageAndTag({ eventName: "release", sha: "m", event: { release: { name: "R\u0007", tag_name: "v1\r\n::x" } } })).toEqual({ message: "R", tag: "v1  ::x" });
  });

  it("uses the commit subject and the short SHA on push", () => {
    expect(defaultMessageAndTag({ eventName: "push", sha: "abcdef1234567", event: { head_commit: { message: "Fix it\n\nLonger body" } } })).toEqual({ message: "Fix it", tag: "abcdef1" });
  });
  it("uses the release name and tag on release", () => {
    expect(defaultMessageAndTag({ eventName: "release", sha: "abc", event: { release: { name: "Version 2", tag_name: "v2.0.0" } } })).toEqual({ message: "Version 2", tag: "v2.0.0" });
  });
  it("uses the PR title and head SHA on pull_request", () => {
    expect(defaultMessageAndTag({ eventName: "pull_request", sha: "merge000", event: { pull_request: { title: "Add X", head: { sha: "feedbeef99" } } } })).toEqual({
      message: "Add X",
      tag: "feedbee",
    });
  });
});

describe("readContext", () => {
  it("reads the runner's variables and the event payload file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-ctx-")), "event.json");
    fs.writeFileSync(file, JSON.stringify({ pull_request: { number: 3 } }));
    const env = {
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_REF: "refs/pull/3/merge",
      GITHUB_SHA: "abc",
      GITHUB_EVENT_PATH: file,
      GITHUB_WORKSPACE: "/w",
      GITHUB_REPOSITORY: "o/r",
      GITHUB_RUN_ID: "9",
      GITHUB_SERVER_URL: "https://ghe.example",
    };
    expect(readContext(env)).toEqual({
      eventName: "pull_request",
      ref: "refs/pull/3/merge",
      sha: "abc",
      workspace: "/w",
      event: { pull_request: { number: 3 } },
      runUrl: "https://ghe.example/o/r/actions/runs/9",
    });
  });
  it("is empty, not failing, without a payload or with a broken one", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pwa-ctx-")), "event.json");
    fs.writeFileSync(file, "{not json");
    expect(readContext({ GITHUB_EVENT_PATH: file }).event).toEqual({});
    const none = readContext({ GITHUB_WORKSPACE: "/w" });
    expect([none.eventName, none.event, none.runUrl]).toEqual(["", {}, undefined]);
  });
});
