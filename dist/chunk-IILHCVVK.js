import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);
import {
  failRun,
  finishRun,
  required,
  runStages,
  startRun,
  unlessTurnedOff
} from "./chunk-3F3CZIVG.js";
import "./chunk-TKJ4B4UY.js";
import "./chunk-NT5DDNGL.js";
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
