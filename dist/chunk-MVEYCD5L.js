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
} from "./chunk-6GN4HC36.js";
import "./chunk-F72L76EY.js";
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
