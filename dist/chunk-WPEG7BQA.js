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
} from "./chunk-4VELWMFW.js";
import "./chunk-ESXWEEMT.js";
import "./chunk-NLCH7DFL.js";
import "./chunk-BAB4QEES.js";
import "./chunk-6HPHQXXT.js";
import "./chunk-FRJQXOZ4.js";
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
