import { describe, expect, it } from "@jest/globals";
import { DEFAULT_VERSIONS } from "../../src/defaults.js";
import { workersPyVersion } from "../../src/setup/workers-py.js";

describe("workersPyVersion", () => {
  it("takes the input, then uv.lock, then the default", () => {
    const locked = new Map([["workers-py", "1.16.7"]]);
    expect(workersPyVersion("1.17.0", locked)).toEqual({ version: "1.17.0", source: "workers-py-version" });
    expect(workersPyVersion("", locked)).toEqual({ version: "1.16.7", source: "uv.lock" });
    expect(workersPyVersion("", new Map())).toEqual({ version: DEFAULT_VERSIONS.workersPy, source: "default" });
  });
  it("rejects a range with the input's name", () => {
    expect(() => workersPyVersion(">=1.16", new Map())).toThrow(/^workers-py-version: ">=1.16" is not an exact version/);
  });
});
