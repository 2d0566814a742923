import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  cancelRun,
  failRun,
  finishRun,
  markNotRun,
  required,
  runStages,
  stageLimit,
  startRun,
  unlessTurnedOff
} from "./chunk-6Y6LBWRJ.js";
import "./chunk-N2F6IXGR.js";
import "./chunk-NLCH7DFL.js";
import "./chunk-BAB4QEES.js";
import "./chunk-34AOIFCJ.js";
import "./chunk-LFGEERAP.js";
import "./chunk-LVHE7N22.js";
export {
  cancelRun,
  failRun,
  finishRun,
  markNotRun,
  required,
  runStages,
  stageLimit,
  startRun,
  unlessTurnedOff
};
