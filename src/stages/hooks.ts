// pre-deploy / post-deploy: the user's commands, each line through `bash -e -o pipefail -c` (they are
// shell commands by design), in the Worker's directory with the upload's Cloudflare credentials.
import * as core from "@actions/core";
import { errorMessage, StageFailure } from "../errors.js";
import type { Run } from "../pipeline.js";
import { run as exec } from "../util/exec.js";
import { lastErrorLine } from "../util/output.js";

/** Replace every secret value (longest first) with ***. Pure. */
export function maskValues(text: string, values: string[]): string {
  let out = text;
  for (const v of [...values].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(v).join("***");
  return out;
}

/** The environment the upload gets: the tools' env plus the Cloudflare token and account. */
export function hookEnv(run: Run): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...run.env };
  if (run.plan.apiToken) env.CLOUDFLARE_API_TOKEN = run.plan.apiToken;
  if (run.plan.accountId) env.CLOUDFLARE_ACCOUNT_ID = run.plan.accountId;
  return env;
}

/** Why hooks do not run: nothing reaches Cloudflare in this run. */
export function hookSkip(run: Run, commands: string[], input: string): string | undefined {
  if (commands.length === 0) return `no ${input} commands`;
  if (!run.plan.needsToken)
    return `nothing is uploaded in this run (${run.plan.upload === "none" ? (run.plan.noUpload?.reason ?? "no upload") : run.plan.uploadSkipped ? "upload skipped" : run.plan.upload}), so ${input} does not run`;
  return undefined;
}

/** Each command in turn; the first failure stops the rest and throws, saying which line failed. */
export async function runHooks(run: Run, commands: string[], input: string): Promise<string> {
  // pywrangler's npx shim (wrangler) is ready once the background set-up is.
  if (run.wrangler) {
    await run.wrangler.catch((err: unknown) => {
      throw new StageFailure(`could not set up wrangler for ${input}: ${errorMessage(err)}`);
    });
  }
  const env = hookEnv(run);
  const secrets = [run.plan.apiToken, ...Object.values(run.plan.secrets)].filter(Boolean);
  for (const [i, command] of commands.entries()) {
    core.info(`$ ${maskValues(command, secrets)}`);
    const r = await exec("bash", ["-e", "-o", "pipefail", "-c", command], { cwd: run.plan.project.root, env, silent: true });
    const output = maskValues(`${r.stdout}${r.stderr ? (r.stdout.endsWith("\n") || !r.stdout ? "" : "\n") + r.stderr : ""}`, secrets);
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    if (r.exitCode !== 0) {
      const last = lastErrorLine(maskValues(r.stderr, secrets)) ?? lastErrorLine(maskValues(r.stdout, secrets));
      throw new StageFailure(`${input} line ${i + 1} (${maskValues(command, secrets)}) failed with exit ${r.exitCode}${last ? `: ${last}` : ""}`);
    }
  }
  return `${commands.length} command(s) ran`;
}
