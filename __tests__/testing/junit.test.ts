import { describe, expect, it } from "@jest/globals";
import { failureLocation, parseJUnit } from "../../src/testing/junit.js";

const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5">
<testcase classname="tests.test_greeting" name="test_ok" file="tests/test_greeting.py" line="3" time="0.001"/>
<testcase classname="tests.test_greeting" name="test_bad" file="tests/test_greeting.py" line="7" time="0.002">
<failure message="AssertionError: assert 'Hello, Ada!' == 'Hi, Ada!'">def test_bad():
&gt;       assert greet("Hello", "Ada") == "Hi, Ada!"
E       AssertionError: assert 'Hello, Ada!' == 'Hi, Ada!'

src/greeting.py:3: in greet
    x = 1
tests/test_greeting.py:9: AssertionError</failure></testcase>
<testcase classname="tests.test_greeting" name="test_skip" file="tests/test_greeting.py" line="11"><skipped message="later"/></testcase>
<testcase classname="tests.test_greeting" name="test_err" file="tests/test_greeting.py" line="14"><error message="fixture 'db' not found">file /ws/tests/test_greeting.py, line 15</error></testcase>
<testcase classname="tests.test_greeting" name="test_ok2" file="tests/test_greeting.py" line="20"/>
</testsuite></testsuites>`;

describe("parseJUnit", () => {
  it("counts outcomes and locates failures at the failing line of the test file", () => {
    const r = parseJUnit(xml);
    expect(r.counts).toEqual({ tests: 5, passed: 2, failed: 1, errors: 1, skipped: 1 });
    expect(r.failures[0]).toEqual({
      name: "tests.test_greeting.test_bad",
      file: "tests/test_greeting.py",
      line: 9,
      message: "AssertionError: assert 'Hello, Ada!' == 'Hi, Ada!'",
      details: `def test_bad():\n>       assert greet("Hello", "Ada") == "Hi, Ada!"\nE       AssertionError: assert 'Hello, Ada!' == 'Hi, Ada!'\n\nsrc/greeting.py:3: in greet\n    x = 1\ntests/test_greeting.py:9: AssertionError`,
    });
    // No frame in the text: fall back to the test's definition line (xunit1 lines are 0-based).
    expect(r.failures[1]).toMatchObject({ name: "tests.test_greeting.test_err", file: "tests/test_greeting.py", line: 15, message: "fixture 'db' not found" });
  });
  it("decodes numeric and named entities in messages and texts, once", () => {
    const r = parseJUnit(
      `<testsuite><testcase classname="a" name="b"><failure message="assert 1 == 2&#10;  + 1&#10;  - 2 &lt;&amp;lt;&gt;">x&#13;&#10;&amp;#10;&#x41;</failure>
<system-out>printed&#10;out</system-out></testcase></testsuite>`,
    );
    expect(r.failures[0].message).toBe("assert 1 == 2\n  + 1\n  - 2 <&lt;>");
    expect(r.failures[0].details).toBe("x\n&#10;A\n\n----- Captured stdout -----\nprinted\nout");
  });
  it("reads a single testsuite root", () => {
    expect(parseJUnit('<testsuite tests="1"><testcase classname="a" name="b"/></testsuite>').counts.passed).toBe(1);
  });
});

describe("failureLocation", () => {
  it("prefers the test file's last frame over library frames", () => {
    expect(failureLocation("tests/t.py:4: in f\nlib/x.py:10: ValueError", "tests/t.py")).toEqual({ file: "tests/t.py", line: 4 });
  });
  it("falls back to the last frame", () => {
    expect(failureLocation("src/a.py:2: in g\nsrc/b.py:7: KeyError", "tests/t.py")).toEqual({ file: "src/b.py", line: 7 });
  });
});
