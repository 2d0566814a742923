import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  failRun,
  finishRun,
  markNotRun,
  required,
  runStages,
  startRun,
  unlessTurnedOff
} from "./chunk-VHXEQ7ZX.js";
import "./chunk-TGUBKMH4.js";
import "./chunk-PJ3KVRLN.js";
import "./chunk-34AOIFCJ.js";
import "./chunk-QTY4EPG6.js";
import "./chunk-LVHE7N22.js";
export {
  failRun,
  finishRun,
  markNotRun,
  required,
  runStages,
  startRun,
  unlessTurnedOff
};
