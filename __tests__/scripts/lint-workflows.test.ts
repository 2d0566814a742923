import { describe, expect, it } from "@jest/globals";
import { checkActionMetadata, readmeWorkflows, unknownActionInputs } from "../../scripts/lint-workflows.mjs";

describe("readmeWorkflows", () => {
  it("extracts yaml blocks that are workflows, with their README line", () => {
    const md = "# T\n\n```yaml\non: push\njobs:\n  a:\n    runs-on: x\n```\n\n```yaml\nwith:\n  mode: check\n```\n\n```yml\nname: n\non: [push]\njobs: {}\n```\n";
    expect(readmeWorkflows(md)).toEqual([
      { text: "on: push\njobs:\n  a:\n    runs-on: x\n", line: 4 },
      { text: "name: n\non: [push]\njobs: {}\n", line: 16 },
    ]);
  });
});

describe("checkActionMetadata", () => {
  const ok = `name: n
description: d
inputs:
  mode:
    description: m
    required: false
    default: auto
outputs:
  version-id:
    description: v
runs:
  using: node24
  main: dist/index.js
branding:
  icon: cloud
  color: orange
`;
  const exists = () => true;
  it("accepts valid node24 metadata", () => {
    expect(checkActionMetadata(ok, exists)).toEqual([]);
  });
  it("reports inputs placed under outputs, long descriptions, missing descriptions and the runtime, with lines", () => {
    const bad = ok
      .replace("description: d", `description: ${"x".repeat(128)}`)
      .replace("    description: m\n", "")
      .replace("    description: v\n", "    description: v\n  limit:\n    description: l\n    required: false\n    default: '1'\n")
      .replace("using: node24", "using: node20")
      .replace("color: orange", "color: pink");
    expect(checkActionMetadata(bad, exists)).toEqual([
      { line: 2, message: "description is 128 characters; the Marketplace needs fewer than 125" },
      { line: 4, message: 'input "mode" has no description' },
      { line: 12, message: 'output "limit": "required" is not allowed (outputs take only description)' },
      { line: 13, message: 'output "limit": "default" is not allowed (outputs take only description)' },
      { line: 15, message: 'runs.using is "node20"; this Action runs on node24' },
      { line: 19, message: 'branding.color "pink" is not one of white, black, yellow, blue, green, orange, red, purple, gray-dark' },
    ]);
    expect(checkActionMetadata(ok, () => false)).toEqual([{ line: 13, message: "runs.main dist/index.js does not exist (run npm run bundle)" }]);
  });
});

describe("unknownActionInputs", () => {
  it("lists with: keys this Action does not have", () => {
    const wf = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          fetch-depth: 0
      - uses: python-workers-action/python-workers-action@v1
        with:
          mode: check
          pytest-args: -x
`;
    expect(unknownActionInputs(wf, ["mode"])).toEqual([{ key: "pytest-args", line: 12 }]);
  });
});
