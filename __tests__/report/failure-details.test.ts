import { describe, expect, it } from "@jest/globals";
import { failureDetails } from "../../src/report/failure-details.js";
import { parseJUnit } from "../../src/testing/junit.js";

// Shaped like pytest 8's junit XML for a failing string comparison (attribute line breaks as &#10;).
const xml = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="1" failures="1">
<testcase classname="tests.test_a" name="test_eq" file="tests/test_a.py" line="2">
<failure message="AssertionError: assert 'a\\nb' == 'a\\nc'&#10;  &#10;    a&#10;  - c&#10;  + b">def test_eq():
&gt;       assert "a\\nb" == "a\\nc"
E       AssertionError: assert 'a\\nb' == 'a\\nc'
E
E           a
E         - c
E         + b

tests/test_a.py:4: AssertionError</failure></testcase></testsuite></testsuites>`;

describe("failureDetails", () => {
  it("renders a decoded pytest diff in a code block inside <details>", () => {
    const [f] = parseJUnit(xml).failures;
    expect(f.message).not.toContain("&#10;");
    expect(f.message.split("\n")).toEqual(["AssertionError: assert 'a\\nb' == 'a\\nc'", "  ", "    a", "  - c", "  + b"]);
    const md = failureDetails([f]);
    expect(md).toContain("<details>\n<summary><code>tests.test_a.test_eq</code> (tests/test_a.py:4): AssertionError: assert 'a\\nb' == 'a\\nc'</summary>");
    expect(md).toMatch(/<\/summary>\n\n```text\ndef test_eq\(\):\n> {7}assert "a\\nb" == "a\\nc"\n/);
    expect(md).toContain("E         - c\nE         + b\n\ntests/test_a.py:4: AssertionError\n```\n\n</details>");
  });
  it("escapes HTML in the summary line and uses a fence the text cannot close", () => {
    const md = failureDetails([{ name: "t[<x>]", message: "a < b", details: "before\n```\nafter" }]);
    expect(md).toContain("<summary><code>t[&lt;x&gt;]</code>: a &lt; b</summary>");
    expect(md).toContain("````text\nbefore\n```\nafter\n````");
  });
  it("keeps the tail of long tracebacks and counts failures beyond the limit", () => {
    const details = Array.from({ length: 10 }, (_, i) => `line ${i}`).join("\n");
    const md = failureDetails(
      [1, 2, 3].map((i) => ({ name: `t${i}`, message: "m", details })),
      { maxFailures: 2, maxLines: 3 },
    );
    expect(md).toContain("```text\n… 7 earlier lines omitted\nline 7\nline 8\nline 9\n```");
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md).toContain("… and 1 more failing test (see the log).");
    expect(failureDetails([])).toBe("");
  });
});
