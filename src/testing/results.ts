// What a test run found, as the report and both runtimes' runners share it.
export interface TestCounts {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface FailedTest {
  name: string;
  file?: string;
  line?: number;
  message: string;
  /** Traceback / assertion diff (JUnit text, entities decoded), for a `<details>` block. */
  details?: string;
}
