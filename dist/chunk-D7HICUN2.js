import { createRequire as __pwaCreateRequire } from "node:module"; const require = __pwaCreateRequire(import.meta.url);

// src/snapshot/tree.ts
import fs from "node:fs";
import path from "node:path";
var moduleRootSkip = (vendorDir) => (p) => p === vendorDir || /(__pycache__|\.pyc|\.wrangler)$/.test(p);
var vendorSkip = (p) => p.endsWith(".pyc") || p.endsWith("__pycache__");
function treeFiles(src, skip, rel = "") {
  const out = [];
  const entries = fs.readdirSync(src, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const e of entries) {
    const s = path.join(src, e.name);
    if (skip(s)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...treeFiles(s, skip, r));
    else if (e.isFile()) out.push([r, s]);
  }
  return out;
}

export {
  moduleRootSkip,
  vendorSkip,
  treeFiles
};
