import { describe, expect, it } from "@jest/globals";
import { indexSettingsFingerprint, withoutCredentials } from "../../src/cache/index-settings.js";

const fp = (env: NodeJS.ProcessEnv, files = {}) => indexSettingsFingerprint(env, files).fingerprint;

describe("indexSettingsFingerprint", () => {
  it("changes with each index variable uv reads, and not with pip's", () => {
    const base = fp({});
    for (const k of ["UV_INDEX", "UV_DEFAULT_INDEX", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL", "UV_FIND_LINKS", "UV_NO_INDEX", "UV_INDEX_STRATEGY"]) {
      expect(fp({ [k]: "https://mirror.example/simple" })).not.toBe(base);
    }
    expect(fp({ PIP_INDEX_URL: "https://mirror.example/simple", PIP_EXTRA_INDEX_URL: "https://x/simple", UV_INDEX_URL: "" })).toBe(base);
    expect(fp({ UV_INDEX_URL: "https://a/simple" })).not.toBe(fp({ UV_INDEX_URL: "https://b/simple" }));
    expect(fp({ UV_INDEX: "https://a/simple https://b/simple" })).not.toBe(fp({ UV_INDEX: "https://b/simple https://a/simple" }));
  });
  it("leaves credentials out", () => {
    const withToken = indexSettingsFingerprint({ UV_INDEX: "corp=https://ci:s3cret@pkgs.example/simple/", UV_INDEX_CORP_PASSWORD: "other" });
    expect(JSON.stringify(withToken.settings)).not.toMatch(/s3cret|other/);
    expect(withToken.fingerprint).toBe(fp({ UV_INDEX: "corp=https://pkgs.example/simple" }));
    expect(withoutCredentials("https://u:p@h.example/simple/")).toBe("https://h.example/simple");
    expect(withoutCredentials("./wheels")).toBe("./wheels");
  });
  it("reads [tool.uv] index settings from pyproject.toml and uv.toml, unless UV_NO_CONFIG", () => {
    const pyproject = `[project]\nname = "w"\nversion = "1"\n\n[[tool.uv.index]]\nname = "corp"\nurl = "https://token@pkgs.example/simple"\ndefault = true\n`;
    const changedVersion = pyproject.replace('version = "1"', 'version = "2"');
    expect(fp({}, { pyproject })).not.toBe(fp({}));
    expect(fp({}, { pyproject: changedVersion })).toBe(fp({}, { pyproject }));
    expect(indexSettingsFingerprint({}, { pyproject }).settings).toEqual({ pyproject: { index: [{ default: true, name: "corp", url: "https://pkgs.example/simple" }] } });
    expect(fp({}, { uvToml: 'index-url = "https://a/simple"\n[pip]\nextra-index-url = ["https://b/simple"]\n' })).not.toBe(fp({}, { uvToml: 'index-url = "https://a/simple"\n' }));
    expect(fp({ UV_NO_CONFIG: "1" }, { pyproject })).toBe(fp({ UV_NO_CONFIG: "1" }));
    // Unparseable TOML still keys by its content rather than being ignored.
    expect(fp({}, { uvToml: "index-url = [" })).not.toBe(fp({}));
  });
});
