import { describe, expect, it } from "@jest/globals";
import { parseJUnit } from "../../../src/testing/junit.js";
import { caseId, compareRuntimes, failureMatches, junitCases, type TestCase } from "../../../src/testing/pyodide/compare.js";

// pytest 9 --junitxml with -o junit_family=xunit1 (file and line attributes), trimmed.
const PYODIDE_XML = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5">
<testcase classname="tests.test_limits" name="test_plain" file="tests/test_limits.py" line="0" time="0.001" />
<testcase classname="tests.test_limits" name="test_thread" file="tests/test_limits.py" line="4" time="0.002"><failure message="RuntimeError: can't start new thread">def test_thread():
        t = threading.Thread(target=f)
&gt;       t.start()

/lib/python313.zip/threading.py:973: in start
    _start_joinable_thread(self._bootstrap)
E   RuntimeError: can't start new thread

tests/test_limits.py:7: RuntimeError</failure></testcase>
<testcase classname="tests.test_limits.TestGroup" name="test_in_class" file="tests/test_limits.py" line="20" time="0.001"><error message="failed on setup with &quot;OSError: no network&quot;">E   OSError: no network
tests/test_limits.py:22: OSError</error></testcase>
<testcase classname="tests.test_limits" name="test_skipped" file="tests/test_limits.py" line="30" time="0"><skipped type="pytest.skip" message="no">tests/test_limits.py:31: no</skipped></testcase>
<testcase classname="tests.test_limits" name="test_fails_everywhere" file="tests/test_limits.py" line="33" time="0"><failure message="assert 1 == 2">E   assert 1 == 2
tests/test_limits.py:34: AssertionError</failure></testcase>
</testsuite></testsuites>`;

describe("junitCases", () => {
  it("lists every case with its outcome, as pytest node ids", () => {
    expect(junitCases(PYODIDE_XML)).toEqual([
      { id: "tests/test_limits.py::test_plain", outcome: "passed" },
      { id: "tests/test_limits.py::test_thread", outcome: "failed" },
      { id: "tests/test_limits.py::TestGroup::test_in_class", outcome: "error" },
      { id: "tests/test_limits.py::test_skipped", outcome: "skipped" },
      { id: "tests/test_limits.py::test_fails_everywhere", outcome: "failed" },
    ]);
  });

  it("falls back to classname::name when there is no file attribute (xunit2)", () => {
    expect(caseId({ classname: "tests.test_a", name: "test_x" })).toBe("tests.test_a::test_x");
    expect(caseId({ file: "tests/sub/test_b.py", classname: "tests.sub.test_b.TestC", name: "test_y[1]" })).toBe("tests/sub/test_b.py::TestC::test_y[1]");
  });
});

describe("failureMatches", () => {
  it("matches parseJUnit's classname.name to a node id exactly", () => {
    expect(failureMatches("tests.test_limits.test_thread", "tests/test_limits.py::test_thread")).toBe(true);
    expect(failureMatches("tests.test_limits.TestGroup.test_in_class", "tests/test_limits.py::TestGroup::test_in_class")).toBe(true);
    expect(failureMatches("other.test_limits.test_thread", "tests/test_limits.py::test_thread")).toBe(false);
    expect(failureMatches("tests.test_limits.test_thread2", "tests/test_limits.py::test_thread")).toBe(false);
  });
});

describe("compareRuntimes", () => {
  const cpython: TestCase[] = [
    { id: "tests/test_limits.py::test_plain", outcome: "passed" },
    { id: "tests/test_limits.py::test_thread", outcome: "passed" },
    { id: "tests/test_limits.py::TestGroup::test_in_class", outcome: "passed" },
    { id: "tests/test_limits.py::test_skipped", outcome: "passed" },
    { id: "tests/test_limits.py::test_fails_everywhere", outcome: "failed" },
    { id: "tests/test_limits.py::test_cpython_only_bug", outcome: "failed" },
  ];
  const pyodide = [...junitCases(PYODIDE_XML), { id: "tests/test_limits.py::test_cpython_only_bug", outcome: "passed" as const }];
  const cmp = compareRuntimes(cpython, pyodide, parseJUnit(PYODIDE_XML).failures);

  it("lists what passes on CPython and fails or errors on Pyodide, at the Pyodide failure's user line", () => {
    expect(cmp.onlyCPython).toEqual([
      { id: "tests/test_limits.py::test_thread", file: "tests/test_limits.py", line: 7, message: "RuntimeError: can't start new thread" },
      { id: "tests/test_limits.py::TestGroup::test_in_class", file: "tests/test_limits.py", line: 22, message: 'failed on setup with "OSError: no network"' },
    ]);
  });

  it("does not list skips or tests failing on both, and lists the reverse case separately", () => {
    expect(cmp.onlyPyodide).toEqual(["tests/test_limits.py::test_cpython_only_bug"]);
    expect(cmp.rows).toContainEqual({ id: "tests/test_limits.py::test_skipped", cpython: "passed", pyodide: "skipped" });
    expect(cmp.rows).toContainEqual({ id: "tests/test_limits.py::test_fails_everywhere", cpython: "failed", pyodide: "failed" });
  });

  it("marks a hung test and the tests that never ran", () => {
    const c = compareRuntimes(cpython.slice(0, 3), [{ id: "tests/test_limits.py::test_plain", outcome: "passed" }], [], "tests/test_limits.py::test_thread");
    expect(c.rows).toEqual([
      { id: "tests/test_limits.py::test_plain", cpython: "passed", pyodide: "passed" },
      { id: "tests/test_limits.py::test_thread", cpython: "passed", pyodide: "hung" },
      { id: "tests/test_limits.py::TestGroup::test_in_class", cpython: "passed", pyodide: "not run" },
    ]);
    expect(c.onlyCPython).toEqual([{ id: "tests/test_limits.py::test_thread", file: "tests/test_limits.py", message: expect.stringContaining("timeout") }]);
  });
});
