// action.yml is the single source of inputs, defaults and outputs: held against the code both ways.
import fs from "node:fs";
import { describe, expect, it, jest } from "@jest/globals";
import YAML from "yaml";

const read: string[] = [];
jest.unstable_mockModule("@actions/core", () => ({
  getInput: (name: string) => {
    read.push(name);
    return "";
  },
  getBooleanInput: (name: string) => {
    read.push(name);
    return false;
  },
  getMultilineInput: (name: string) => {
    read.push(name);
    return [];
  },
}));

const { loadInputs } = await import("../src/inputs.js");
const { ACTION, OUTPUTS } = await import("../src/metadata.js");
const file = YAML.parse(fs.readFileSync(new URL("../action.yml", import.meta.url), "utf8"));

describe("action.yml", () => {
  it("is what the bundle carries", () => {
    expect(ACTION).toEqual(file);
  });

  it("declares exactly the inputs the loader reads", () => {
    loadInputs("/ws");
    expect([...new Set(read)].sort()).toEqual(Object.keys(file.inputs).sort());
  });

  it("declares exactly the outputs the writer sets", () => {
    expect(Object.keys(file.outputs).sort()).toEqual([...OUTPUTS].sort());
  });

  it("gives outputs a description only (GitHub rejects required/default there)", () => {
    for (const [name, o] of Object.entries(file.outputs as Record<string, object>)) {
      expect([name, Object.keys(o)]).toEqual([name, ["description"]]);
    }
  });

  it("describes every input and output", () => {
    for (const [name, v] of Object.entries({ ...file.inputs, ...file.outputs } as Record<string, { description?: string }>)) {
      expect([name, typeof v.description === "string" && v.description.trim().length > 0]).toEqual([name, true]);
    }
  });

  it("is what the README's inputs table lists: every input, with its default", () => {
    const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const rows = new Map([...readme.matchAll(/^\| `([a-z-]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1], m[2]]));
    for (const [name, v] of Object.entries(file.inputs as Record<string, { default?: unknown }>)) {
      const shown = v.default === undefined || v.default === "" ? '""' : String(v.default);
      expect([name, rows.get(name)]).toEqual([name, shown]);
    }
  });

  it("has a Marketplace-sized description and a default for every optional input", () => {
    expect(file.description.length).toBeLessThan(125);
    for (const [name, v] of Object.entries(file.inputs as Record<string, { required?: boolean; default?: unknown }>)) {
      expect([name, v.required === true || v.default !== undefined]).toEqual([name, true]);
    }
  });
});
