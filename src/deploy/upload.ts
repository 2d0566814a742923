import { StageFailure, WorkerNotDeployed } from "../errors.js";
import type { DeployOutputs } from "../report/model.js";
import { type DeployArgsInput, deployArgs, uploadCommand, versionOnly } from "./args.js";
import { withSecretsFile } from "./secrets.js";
import { throwFailure, wrangler } from "./wrangler-call.js";
import { deployOutputs, replacedSplit, type VersionShare } from "./wrangler-output.js";

export interface DeployInput extends Omit<DeployArgsInput, "secretsFile" | "outdir"> {
  root: string;
  secrets: Record<string, string>;
  tempDir: string;
}

/** Where wrangler reads `--secrets-file` from: the child's stdin (a pipe: nothing on disk), except on Windows. */
const STDIN = process.platform === "win32" ? undefined : "/dev/stdin";

/**
 * Upload through wrangler (`deploy`, `versions upload`, or `deploy --dry-run`) with the run's
 * credentials env; secrets in the same version through `--secrets-file /dev/stdin` (wrangler reads
 * the path once, then parses it), so they never touch the disk; outputs from wrangler's ND-JSON
 * output file, never from stdout (which is read only for the split a deploy replaced).
 */
export interface Uploaded {
  outputs: DeployOutputs;
  /** The gradual rollout a `deploy` replaced (wrangler warns and goes on in CI); empty when none. */
  replaced: VersionShare[];
}

export async function runDeploy(input: DeployInput, env: NodeJS.ProcessEnv): Promise<Uploaded> {
  const outdir = input.upload === "dry-run" ? `${input.tempDir}/bundle-${process.pid}` : undefined;
  const hasSecrets = Object.keys(input.secrets).length > 0;
  const call =
    hasSecrets && STDIN
      ? await wrangler(deployArgs({ ...input, secretsFile: STDIN, outdir }), { root: input.root, env, tempDir: input.tempDir, input: Buffer.from(JSON.stringify(input.secrets)) })
      : await withSecretsFile(`${input.tempDir}/secrets`, input.secrets, (secretsFile) => wrangler(deployArgs({ ...input, secretsFile, outdir }), { root: input.root, env, tempDir: input.tempDir }));
  const { res, entries } = call;
  if (res.exitCode !== 0) {
    if (/does not yet exist/.test(res.stderr + res.stdout)) {
      throw new WorkerNotDeployed(
        `the Worker has never been deployed: ${versionOnly(input.upload) ? "previews and gradual rollouts upload a new version of an existing Worker" : "wrangler could not find it"}. Deploy it once first (mode: deploy), then previews work.`,
      );
    }
    await throwFailure(uploadCommand(input.upload), call, env);
  }
  const outputs = deployOutputs(entries);
  if (!outputs) throw new StageFailure("wrangler reported success but wrote no deploy entry to its output file.");
  return { outputs, replaced: input.upload === "deploy" ? replacedSplit(res.stdout + res.stderr) : [] };
}
