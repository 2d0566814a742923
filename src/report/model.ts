import type { ResolvedMode } from "../inputs.js";
import type { SnapshotReport } from "../snapshot/report.js";
import type { RuntimeTests } from "../testing/pyodide/report.js";
import type { FailedTest, TestCounts } from "../testing/results.js";

export type { FailedTest, TestCounts };

import type { SourceLinks } from "./links.js";

export const STAGES = ["setup", "cache", "sync", "lint", "test", "snapshot", "pre-deploy", "deploy", "post-deploy"] as const;
export type StageName = (typeof STAGES)[number];
export type Outcome = "success" | "failure" | "warning" | "skipped" | "not run";
export const OUTCOME_ICON: Record<Outcome, string> = { success: "✅", failure: "❌", warning: "⚠️", skipped: "⏭️", "not run": "⬜" };

export interface StageRecord {
  name: StageName;
  outcome: Outcome;
  millis: number;
  /** One line for the summary table. */
  detail: string;
}

export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  title?: string;
  /** Relative to the repository root (GITHUB_WORKSPACE), as annotations need. */
  file?: string;
  line?: number;
  column?: number;
}

export interface DeployOutputs {
  deploymentUrl?: string;
  versionId?: string;
  previewUrl?: string;
  previewAliasUrl?: string;
  bundleSize?: number;
  bundleSizeGzip?: number;
  workerName?: string;
}

export interface RunReport {
  /** For display: the resolved mode and the upload stage's name (the plan's label). */
  mode: ResolvedMode;
  uploadLabel: string;
  workerName: string;
  environment: string;
  stages: StageRecord[];
  versions: { uv?: string; workersPy?: string; wrangler?: string };
  lintProblems: Annotation[];
  formatFiles: string[];
  tests?: TestCounts;
  failedTests: FailedTest[];
  /** The suite inside Pyodide (test-runtime: pyodide | both), compared with CPython's run. */
  runtimeTests?: RuntimeTests;
  /** JUnit XML of each runtime's run (the test-results-* outputs). */
  testResults?: { cpython?: string; pyodide?: string };
  deploy?: DeployOutputs;
  snapshot?: { report: SnapshotReport; budgetMs: number; file: string };
  cache?: { hit: boolean; key: string; sizes: Record<string, number>; corrupted?: string; toolsHit: boolean; saved?: boolean; toolsSaved?: boolean };
  secretNames: string[];
  varNames: string[];
  failure?: { stage: StageName; message: string };
  notices: string[];
  /** Links for findings (file at the commit) and the dashboard (account known). */
  links?: SourceLinks;
  accountId?: string;
  /** The whole step, for the summary. */
  totalMillis?: number;
  /** Set when mode auto skipped the upload for a reason the PR cannot fix: what to do. */
  uploadSkipped?: string;
}

export function newReport(mode: ResolvedMode, uploadLabel: string, workerName: string, environment: string): RunReport {
  return {
    mode,
    uploadLabel,
    workerName,
    environment,
    stages: [],
    versions: {},
    lintProblems: [],
    formatFiles: [],
    failedTests: [],
    secretNames: [],
    varNames: [],
    notices: [],
  };
}
