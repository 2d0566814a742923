import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-BN4PBR2U.js";
import {
  InputError,
  errorMessage
} from "./chunk-ESXWEEMT.js";
import {
  debug,
  info,
  setFailed,
  setSecret
} from "./chunk-FRJQXOZ4.js";
import "./chunk-LVHE7N22.js";

// src/main.ts
function planOrFail(env) {
  try {
    return plan(env);
  } catch (err) {
    setFailed(errorMessage(err));
    if (!(err instanceof InputError)) debug(err instanceof Error ? err.stack ?? "" : "");
    return void 0;
  }
}
async function run(env = process.env) {
  const started = performance.now();
  const p = planOrFail(env);
  if (!p) return;
  if (p.apiToken) setSecret(p.apiToken);
  for (const v of Object.values(p.secrets)) setSecret(v);
  info(`Mode: ${p.modeLabel}; Worker ${p.project.worker.name} in ${p.project.root}`);
  const [{ cancelRun, failRun, finishRun, runStages, startRun }, { PIPELINE }] = await Promise.all([import("./chunk-WPEG7BQA.js"), import("./chunk-FWASE7OP.js")]);
  const r = startRun(p, env);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void cancelRun(r, signal));
  try {
    await runStages(PIPELINE, r);
  } catch (err) {
    failRun(r, err);
  } finally {
    await finishRun(PIPELINE, r, started);
    setTimeout(() => process.exit(), 1e3).unref();
  }
}

// src/index.ts
run().catch((err) => {
  setFailed(err instanceof Error ? err.message : String(err));
});
