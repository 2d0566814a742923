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
} from "./chunk-CNCV3VE3.js";
import "./chunk-GQUQ3TAW.js";
import "./chunk-PJ3KVRLN.js";
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
