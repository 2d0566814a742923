import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { findRequirement, parseUvLock, parseWranglerText, projectRequirements, readProject, toWorkerConfig } from "../../src/project/config.js";

const base = { name: "w", main: "src/entry.py", compatibility_date: "2025-11-01", compatibility_flags: ["python_workers"] };

describe("parseWranglerText", () => {
  it("reads JSONC with comments and trailing commas", () => {
    expect(parseWranglerText('{ // c\n "name": "w", /* x */ "main": "a.py", }', "wrangler.jsonc")).toEqual({ name: "w", main: "a.py" });
  });
  it("reports the line of a JSONC syntax error", () => {
    expect(() => parseWranglerText('{\n"name": "w",\n"main" "a.py"\n}', "wrangler.jsonc")).toThrow(/^wrangler.jsonc: is not valid JSONC: .* at line 3$/);
  });
  it("reads TOML", () => {
    expect(parseWranglerText('name = "w"\n[vars]\nA = "1"', "wrangler.toml")).toEqual({ name: "w", vars: { A: "1" } });
  });
});

describe("toWorkerConfig", () => {
  it("accepts a Python Worker", () => {
    expect(toWorkerConfig(base, "wrangler.toml", "")).toMatchObject({ name: "w", main: "src/entry.py", compatibilityFlags: ["python_workers"] });
  });
  it("applies an environment: name suffix and overridden keys", () => {
    const raw = { ...base, env: { staging: { compatibility_date: "2026-01-01" }, prod: { name: "w-live" } } };
    expect(toWorkerConfig(raw, "wrangler.toml", "staging")).toMatchObject({ name: "w-staging", compatibilityDate: "2026-01-01", environments: ["staging", "prod"] });
    expect(toWorkerConfig(raw, "wrangler.toml", "prod").name).toBe("w-live");
  });
  it("rejects a main that is not .py, naming the file and the fix", () => {
    expect(() => toWorkerConfig({ ...base, main: "src/index.js" }, "wrangler.toml", "")).toThrow(/^wrangler.toml: "main" is "src\/index.js", which is not a .py file/);
  });
  it("rejects a config without the python_workers flag", () => {
    expect(() => toWorkerConfig({ ...base, compatibility_flags: ["nodejs_compat"] }, "wrangler.jsonc", "")).toThrow(/^wrangler.jsonc: has no "python_workers" compatibility flag/);
  });
  it("accepts a dated python_workers flag", () => {
    expect(toWorkerConfig({ ...base, compatibility_flags: ["python_workers_20250116"] }, "wrangler.toml", "").compatibilityFlags).toEqual(["python_workers_20250116"]);
  });
  it("rejects a missing name, main or date", () => {
    expect(() => toWorkerConfig({ ...base, name: undefined }, "wrangler.toml", "")).toThrow(/has no "name"/);
    expect(() => toWorkerConfig({ ...base, main: undefined }, "wrangler.toml", "")).toThrow(/has no "main"/);
    expect(() => toWorkerConfig({ ...base, compatibility_date: "soon" }, "wrangler.toml", "")).toThrow(/compatibility_date/);
  });
});

describe("requirements and uv.lock", () => {
  const pyproject = {
    project: { dependencies: ["jinja2>=3"], "optional-dependencies": { extra: ["httpx"] } },
    "dependency-groups": { dev: ["Ruff>=0.9", "pytest==8.3.0; python_version>='3.12'"] },
  };
  it("collects every requirement and finds one by normalized name", () => {
    const reqs = projectRequirements(pyproject);
    expect(reqs).toEqual(["jinja2>=3", "httpx", "Ruff>=0.9", "pytest==8.3.0; python_version>='3.12'"]);
    expect(findRequirement(reqs, "ruff")).toBe("Ruff>=0.9");
    expect(findRequirement(reqs, "pytest-cov")).toBeUndefined();
  });
  it("reads pinned versions from uv.lock", () => {
    const lock = 'version = 1\n[[package]]\nname = "workers-py"\nversion = "1.16.7"\n\n[[package]]\nname = "Ruff"\nversion = "0.14.0"\n';
    const m = parseUvLock(lock);
    expect(m.get("workers-py")).toBe("1.16.7");
    expect(m.get("ruff")).toBe("0.14.0");
  });
});

describe("readProject", () => {
  const make = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-cfg-"));
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
  };
  const wrangler = 'name = "w"\nmain = "src/entry.py"\ncompatibility_date = "2025-11-01"\ncompatibility_flags = ["python_workers"]\n';
  it("names working-directory when the folder is missing", () => {
    expect(() => readProject("/nonexistent/pwa", "")).toThrow(/^working-directory: "\/nonexistent\/pwa" does not exist/);
  });
  it("asks for pyproject.toml", () => {
    expect(() => readProject(make({ "wrangler.toml": wrangler }), "")).toThrow(/^working-directory: no pyproject.toml/);
  });
  it("asks for a wrangler config and explains wrangler.json", () => {
    expect(() => readProject(make({ "pyproject.toml": "[project]\nname='w'\n" }), "")).toThrow(/no wrangler.toml or wrangler.jsonc/);
    expect(() => readProject(make({ "pyproject.toml": "", "wrangler.json": "{}" }), "")).toThrow(/rename it to wrangler.jsonc/);
  });
  it("reads required-version from uv.toml before [tool.uv]", () => {
    const dir = make({ "pyproject.toml": '[tool.uv]\nrequired-version = ">=0.5"\n', "uv.toml": 'required-version = "==0.13.9"\n', "wrangler.toml": wrangler });
    expect(readProject(dir, "").uvRequiredVersion).toBe("==0.13.9");
    fs.rmSync(path.join(dir, "uv.toml"));
    expect(readProject(dir, "").uvRequiredVersion).toBe(">=0.5");
  });
  it("reports invalid TOML with the file name", () => {
    expect(() => readProject(make({ "pyproject.toml": "[project\n", "wrangler.toml": wrangler }), "")).toThrow(/^pyproject.toml: is not valid TOML/);
  });
});

describe("toWorkerConfig: what the snapshot check reads", () => {
  it("reads vars, bindings and python_modules.exclude; vars and bindings are not inherited by an environment", () => {
    const raw = {
      ...base,
      vars: { GREETING: "Hello" },
      d1_databases: [{ binding: "DB", database_name: "d" }],
      durable_objects: { bindings: [{ name: "COUNTER", class_name: "Counter" }] },
      ai: { binding: "AI" },
      python_modules: { exclude: ["**/*.pyc", "**/tests/**"] },
      env: { prod: { vars: { GREETING: "Hi" }, kv_namespaces: [{ binding: "KV", id: "x" }] }, bare: {} },
    };
    const top = toWorkerConfig(raw, "wrangler.toml", "");
    expect(top.vars).toEqual({ GREETING: "Hello" });
    expect(top.bindings).toEqual([
      { name: "DB", type: "d1_databases" },
      { name: "COUNTER", type: "durable_objects" },
      { name: "AI", type: "ai" },
    ]);
    expect(top.pythonModulesExclude).toEqual(["**/*.pyc", "**/tests/**"]);
    const prod = toWorkerConfig(raw, "wrangler.toml", "prod");
    expect(prod.vars).toEqual({ GREETING: "Hi" });
    expect(prod.bindings).toEqual([{ name: "KV", type: "kv_namespaces" }]);
    expect(prod.pythonModulesExclude).toEqual(["**/*.pyc", "**/tests/**"]);
    expect(toWorkerConfig(raw, "wrangler.toml", "bare").vars).toEqual({});
  });
  it("defaults python_modules.exclude to wrangler's", () => {
    expect(toWorkerConfig(base, "wrangler.toml", "").pythonModulesExclude).toEqual(["**/*.pyc"]);
  });
  it("rejects a config whose shape wrangler would not read, naming the key", () => {
    expect(() => toWorkerConfig({ ...base, vars: "x" }, "wrangler.toml", "")).toThrow(/^wrangler.toml: does not have wrangler's shape: vars: /);
    expect(() => toWorkerConfig({ ...base, kv_namespaces: [{ id: "x" }] }, "wrangler.toml", "")).toThrow(/kv_namespaces\.0\.binding/);
  });
});
