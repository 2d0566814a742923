import { XMLParser } from "fast-xml-parser";
import type { FailedTest, TestCounts } from "./results.js";

/** A failure with the full text pytest recorded (traceback, assertion diff), entities decoded. */
export interface JUnitFailure extends FailedTest {
  /** Everything inside `<failure>`/`<error>`, plus captured output; for a `<details>` block. */
  details: string;
}

export interface JUnitResult {
  counts: TestCounts;
  failures: JUnitFailure[];
}

type Node = Record<string, any>;
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The line to annotate for a failure: the last `path.py:N:` frame in pytest's long traceback that
 * lies in the test's own file, else the last frame at all. Pure.
 */
export function failureLocation(text: string, testFile: string | undefined): { file?: string; line?: number } {
  const frames = [...text.matchAll(/^([^\s:][^:\n]*\.py):(\d+):/gm)].map((m) => ({ file: m[1], line: Number(m[2]) }));
  const norm = (f: string) => f.replace(/\\/g, "/").replace(/^\.\//, "");
  if (testFile) {
    const own = frames.filter((f) => norm(f.file) === norm(testFile) || norm(f.file).endsWith(`/${norm(testFile)}`));
    if (own.length > 0) return { file: testFile, line: own[own.length - 1].line };
  }
  const last = frames[frames.length - 1];
  return last ? { file: norm(last.file), line: last.line } : { file: testFile };
}

function captured(name: string, v: unknown): string {
  const raw = list(v as Node | string | (Node | string)[] | undefined)
    .map((x) => (typeof x === "string" ? x : String(x?.["#text"] ?? "")))
    .join("\n")
    .trimEnd();
  return raw ? `----- Captured ${name} -----\n${raw}` : "";
}

/** Parse pytest's JUnit XML (xunit1 family, which records file and line). Pure. */
export function parseJUnit(xml: string): JUnitResult {
  // processEntities (on by default) only decodes the five named XML entities; pytest writes line
  // breaks in attributes as `&#10;`, so numeric character references need htmlEntities too.
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    textNodeName: "#text",
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
  });
  const doc = parser.parse(xml) as Node;
  const suites: Node[] = doc.testsuites ? list(doc.testsuites.testsuite) : list(doc.testsuite);
  const counts: TestCounts = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  const failures: JUnitFailure[] = [];
  for (const suite of suites) {
    for (const tc of list<Node>(suite.testcase)) {
      counts.tests++;
      const failure = list<Node>(tc.failure)[0] ?? list<Node>(tc.error)[0];
      const isError = tc.failure === undefined && tc.error !== undefined;
      if (failure) {
        if (isError) counts.errors++;
        else counts.failed++;
        const text = (typeof failure === "string" ? failure : String(failure["#text"] ?? "")).replace(/\r\n/g, "\n");
        const message = typeof failure === "string" ? "" : String(failure.message ?? "");
        const file = typeof tc.file === "string" ? tc.file : undefined;
        const loc = failureLocation(text, file);
        const defLine = tc.line !== undefined ? Number(tc.line) + 1 : undefined;
        failures.push({
          name: `${tc.classname ? `${tc.classname}.` : ""}${tc.name}`,
          file: loc.file ?? file,
          line: loc.line ?? defLine,
          message: (message || text.split("\n").find((l) => l.startsWith("E ")) || "failed").trim(),
          details: [text.trimEnd(), captured("stdout", tc["system-out"]), captured("stderr", tc["system-err"])].filter(Boolean).join("\n\n"),
        });
      } else if (tc.skipped !== undefined) counts.skipped++;
      else counts.passed++;
    }
  }
  return { counts, failures };
}
