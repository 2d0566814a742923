import fs from "node:fs";
import path from "node:path";
import { StageFailure, WorkerNotDeployed } from "../errors.js";
import type { DeployOutputs } from "../report/model.js";
import { run } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";
import { type DeployArgsInput, deployArgs, uploadCommand, versionOnly } from "./args.js";
import { withSecretsFile } from "./secrets.js";
import { commandFailure, deployOutputs, readOutputDir } from "./wrangler-output.js";

export interface DeployInput extends Omit<DeployArgsInput, "secretsFile" | "outdir"> {
  root: string;
  secrets: Record<string, string>;
  apiToken: string;
  accountId: string;
  tempDir: string;
}

/**
 * Upload through pywrangler (`deploy`, `versions upload`, or `deploy --dry-run`), secrets in the
 * same version through a 0600 file that is deleted afterwards; outputs from wrangler's ND-JSON
 * output file, never from stdout.
 */
export async function runDeploy(input: DeployInput, env: NodeJS.ProcessEnv): Promise<DeployOutputs> {
  const outputDir = fs.mkdtempSync(path.join(input.tempDir, "wrangler-output-"));
  const outdir = input.upload === "dry-run" ? path.join(outputDir, "bundle") : undefined;
  const childEnv: NodeJS.ProcessEnv = { ...env, WRANGLER_OUTPUT_FILE_DIRECTORY: outputDir };
  delete childEnv.WRANGLER_OUTPUT_FILE_PATH;
  if (input.upload !== "dry-run") {
    if (input.apiToken) childEnv.CLOUDFLARE_API_TOKEN = input.apiToken;
    if (input.accountId) childEnv.CLOUDFLARE_ACCOUNT_ID = input.accountId;
  }
  try {
    const res = await withSecretsFile(path.join(input.tempDir, "secrets"), input.secrets, (secretsFile) =>
      run("pywrangler", deployArgs({ ...input, secretsFile, outdir }), { cwd: input.root, env: childEnv }),
    );
    const entries = readOutputDir(outputDir);
    if (res.exitCode !== 0) {
      const failed = commandFailure(entries);
      const reason = lastErrorLine(res.stderr) ?? lastErrorLine(res.stdout) ?? failed?.message;
      const what = uploadCommand(input.upload);
      if (/does not yet exist/.test(res.stderr + res.stdout)) {
        throw new WorkerNotDeployed(
          `the Worker has never been deployed: ${versionOnly(input.upload) ? "previews and gradual rollouts upload a new version of an existing Worker" : "wrangler could not find it"}. Deploy it once first (mode: deploy), then previews work.`,
        );
      }
      throw new StageFailure(`pywrangler ${what} failed (exit ${res.exitCode}${failed?.code ? `, API code ${failed.code}` : ""})${reason ? `: ${reason}` : ""}`);
    }
    const outputs = deployOutputs(entries);
    if (!outputs) throw new StageFailure("wrangler reported success but wrote no deploy entry to its output file.");
    return outputs;
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}
