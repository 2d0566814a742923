import { XMLParser } from "fast-xml-parser";
import type { FailedTest } from "../results.js";

export type Outcome = "passed" | "failed" | "error" | "skipped" | "hung" | "not run";

export interface TestCase {
  /** `tests/test_x.py::test_name` style id (classname + name when no file is known). */
  id: string;
  outcome: Outcome;
}

type Node = Record<string, any>;
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The id of a JUnit test case, matching between runs: the file and name, or the classname and name. Pure. */
export function caseId(tc: { file?: string; classname?: string; name: string }): string {
  if (tc.file) {
    const cls = (tc.classname ?? "").split(".");
    // xunit1 classname is the module path plus any test classes; keep the class part.
    const modParts = tc.file.replace(/\.py$/, "").split(/[\\/]/);
    const classes = cls.slice(modParts.length).filter(Boolean);
    return [tc.file.replace(/\\/g, "/"), ...classes, tc.name].join("::");
  }
  return tc.classname ? `${tc.classname}::${tc.name}` : tc.name;
}

/**
 * Every test case in a JUnit XML file with its outcome (parseJUnit in ../junit.ts gives counts and
 * failures only). Pure.
 */
export function junitCases(xml: string): TestCase[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "#text", parseAttributeValue: false });
  const doc = parser.parse(xml) as Node;
  const suites: Node[] = doc.testsuites ? list(doc.testsuites.testsuite) : list(doc.testsuite);
  const out: TestCase[] = [];
  for (const suite of suites) {
    for (const tc of list<Node>(suite.testcase)) {
      const outcome: Outcome = tc.failure !== undefined ? "failed" : tc.error !== undefined ? "error" : tc.skipped !== undefined ? "skipped" : "passed";
      out.push({ id: caseId({ file: typeof tc.file === "string" ? tc.file : undefined, classname: tc.classname, name: String(tc.name) }), outcome });
    }
  }
  return out;
}

export interface RuntimeRow {
  id: string;
  cpython: Outcome;
  pyodide: Outcome;
}

export interface Regression {
  id: string;
  /** The Pyodide failure at the user's line (file relative to the project, as pytest reports it). */
  file?: string;
  line?: number;
  message: string;
}

export interface RuntimeComparison {
  rows: RuntimeRow[];
  /** Passes on CPython, fails (or errors, or hangs) on Pyodide: the list the report leads with. */
  onlyCPython: Regression[];
  /** Passes on Pyodide, fails on CPython (rare; usually a CPython-only environment problem). */
  onlyPyodide: string[];
}

const bad = (o: Outcome) => o === "failed" || o === "error" || o === "hung";

/**
 * Per test, the outcome on each runtime, and what passes on CPython but not on Pyodide, with the
 * Pyodide failure's location (from parseJUnit's failures, matched by name). `hung` names the test a
 * timeout stopped on Pyodide; tests after it are "not run". Pure.
 */
export function compareRuntimes(cpython: TestCase[], pyodide: TestCase[], pyodideFailures: FailedTest[], hung?: string): RuntimeComparison {
  const py = new Map(pyodide.map((c) => [c.id, c.outcome]));
  if (hung) py.set(hung, "hung");
  const ids = [...new Set([...cpython.map((c) => c.id), ...py.keys()])];
  const cp = new Map(cpython.map((c) => [c.id, c.outcome]));
  const rows = ids.map((id) => ({ id, cpython: cp.get(id) ?? "not run", pyodide: py.get(id) ?? "not run" }));
  const onlyCPython: Regression[] = [];
  for (const r of rows) {
    if (r.cpython !== "passed" || !bad(r.pyodide)) continue;
    if (r.pyodide === "hung") {
      onlyCPython.push({ id: r.id, file: r.id.split("::")[0], message: "did not finish within the test timeout on Pyodide (stopped)" });
      continue;
    }
    const f = pyodideFailures.find((x) => failureMatches(x.name, r.id));
    onlyCPython.push({ id: r.id, file: f?.file ?? r.id.split("::")[0], line: f?.line, message: f?.message ?? r.pyodide });
  }
  const onlyPyodide = rows.filter((r) => r.pyodide === "passed" && bad(r.cpython)).map((r) => r.id);
  return { rows, onlyCPython, onlyPyodide };
}

/** parseJUnit names a failure `classname.name`; a case id is `file::Class::name`. Pure. */
export function failureMatches(failureName: string, id: string): boolean {
  const parts = id.split("::");
  if (!parts[0].endsWith(".py")) return failureName === parts.join(".");
  const mod = parts[0].replace(/\.py$/, "").replace(/[\\/]/g, ".");
  return failureName === [mod, ...parts.slice(1)].join(".");
}
