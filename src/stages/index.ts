import type { Stage } from "../pipeline.js";
import { cacheRestore } from "./cache.js";
import { deploy } from "./deploy.js";
import { lint } from "./lint.js";
import { postDeploy } from "./post-deploy.js";
import { preDeploy } from "./pre-deploy.js";
import { setup } from "./setup.js";
import { snapshot } from "./snapshot.js";
import { sync } from "./sync.js";
import { test } from "./test.js";

/** The pipeline, in order. Each stage decides for itself whether it runs (see src/stages/). */
export const PIPELINE: readonly Stage[] = [setup, cacheRestore, sync, lint, test, snapshot, preDeploy, deploy, postDeploy];
