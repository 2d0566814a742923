import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-N44SD3HF.js";
import {
  InputError,
  errorMessage
} from "./chunk-TGUBKMH4.js";
import {
  debug,
  info,
  setFailed,
  setSecret
} from "./chunk-QTY4EPG6.js";
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
  const [{ failRun, finishRun, runStages, startRun }, { PIPELINE }] = await Promise.all([import("./chunk-KT3OQFG7.js"), import("./chunk-UQQRREGL.js")]);
  const r = startRun(p, env);
  try {
    await runStages(PIPELINE, r);
  } catch (err) {
    failRun(r, err);
  } finally {
    await finishRun(PIPELINE, r, started);
  }
}

// src/index.ts
run().catch((err) => {
  setFailed(err instanceof Error ? err.message : String(err));
});
