import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  failRun,
  finishRun,
  required,
  runStages,
  startRun,
  unlessTurnedOff
} from "./chunk-C6AZK3YU.js";
import "./chunk-TKJ4B4UY.js";
import "./chunk-FR6KEQ32.js";
import "./chunk-34AOIFCJ.js";
import "./chunk-QTY4EPG6.js";
import "./chunk-LVHE7N22.js";
export {
  failRun,
  finishRun,
  required,
  runStages,
  startRun,
  unlessTurnedOff
};
