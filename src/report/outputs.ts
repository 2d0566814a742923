import * as core from "@actions/core";
import { OUTPUTS, type OutputName } from "../metadata.js";
import type { RunReport } from "./model.js";

/** The step's outputs from the report; an output without a value is not set. Pure. */
export function outputValues(report: RunReport): Partial<Record<OutputName, string>> {
  const v = report.versions;
  const d = report.deploy ?? {};
  const str = (n: number | undefined) => (n === undefined ? undefined : String(n));
  return {
    "deployment-url": d.deploymentUrl,
    "version-id": d.versionId,
    "preview-url": d.previewUrl,
    "preview-alias-url": d.previewAliasUrl,
    "bundle-size": str(d.bundleSize),
    "bundle-size-gzip": str(d.bundleSizeGzip),
    "cache-hit": String(report.cache?.hit ?? false),
    "snapshot-report": report.snapshot?.file,
    "test-results-cpython": report.testResults?.cpython,
    "test-results-pyodide": report.testResults?.pyodide,
    "uv-version": v.uv,
    "workers-py-version": v.workersPy,
    "wrangler-version": v.wrangler,
  };
}

export function writeOutputs(report: RunReport): void {
  const values = outputValues(report);
  for (const name of OUTPUTS) {
    const value = values[name];
    if (value) core.setOutput(name, value);
  }
}
