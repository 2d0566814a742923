import fs from "node:fs";
import path from "node:path";
import { StageFailure } from "../errors.js";
import { type RunResult, run } from "../util/exec.js";
import { NETWORK_LOG_ENV, type NetworkRecord, networkFailure, readNetworkLog } from "../util/network-log.js";
import { describeFailure, hostOf, probeApi } from "./failures.js";
import { commandFailure, readOutputDir, type WranglerEntry } from "./wrangler-output.js";

export interface WranglerCall {
  res: RunResult;
  entries: WranglerEntry[];
  /** wrangler's failed requests, with their causes (network-log.ts). */
  network: NetworkRecord[];
}

/**
 * pywrangler hands every command but sync to `npx --yes wrangler` (after its own sync, which the
 * sync stage has already done or found current); the Action runs that same command itself, sparing
 * a Python start per call (~0.2 s before the upload begins). The npx shim (setup/wrangler.ts) runs
 * the wrangler resolved for this run.
 */
const WRANGLER_CMD = ["npx", "--yes", "wrangler"] as const;

/**
 * One wrangler call with the run's credentials env (see credentials.ts), its own output-file
 * folder (removed afterwards) and its entries parsed.
 */
export async function wrangler(args: string[], o: { root: string; env: NodeJS.ProcessEnv; tempDir: string; silent?: boolean; input?: Buffer }): Promise<WranglerCall> {
  fs.mkdirSync(o.tempDir, { recursive: true });
  const outputDir = fs.mkdtempSync(path.join(o.tempDir, "wrangler-output-"));
  const networkLog = path.join(outputDir, "network.ndjson");
  const env: NodeJS.ProcessEnv = { ...o.env, WRANGLER_OUTPUT_FILE_DIRECTORY: outputDir, [NETWORK_LOG_ENV]: networkLog };
  delete env.WRANGLER_OUTPUT_FILE_PATH;
  try {
    const [cmd, ...pre] = WRANGLER_CMD;
    const res = await run(cmd, [...pre, ...args], { cwd: o.root, env, silent: o.silent, input: o.input, inputThroughPipe: true });
    return { res, entries: readOutputDir(outputDir), network: readNetworkLog(networkLog) };
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

/** The message for a failed call: cause and fix (failures.ts), with the API host probed on a network failure. */
export async function failureMessage(command: string, call: WranglerCall, env: NodeJS.ProcessEnv): Promise<string> {
  const failed = commandFailure(call.entries);
  const apiBase = env.CLOUDFLARE_API_BASE_URL;
  const network = networkFailure(call.network, hostOf(apiBase));
  const input = { command, exitCode: call.res.exitCode, failed, stderr: call.res.stderr, stdout: call.res.stdout, apiBase, network };
  let msg = describeFailure(input);
  // No cause recorded (a wrangler not started through the shim): connect to the host for one.
  if (!network && /could not reach the Cloudflare API/.test(msg)) msg = describeFailure({ ...input, probe: await probeApi(apiBase) });
  return msg;
}

/** Throw the failure's message as the stage's. */
export async function throwFailure(command: string, call: WranglerCall, env: NodeJS.ProcessEnv): Promise<never> {
  throw new StageFailure(await failureMessage(command, call, env));
}
