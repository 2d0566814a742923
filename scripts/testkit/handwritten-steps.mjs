// The `uses:` steps of the hand-written workflow the benchmark compares the Action with, emulated
// from the anchors' own logic (astral-sh/setup-uv, actions/cache, cloudflare/wrangler-action), with
// the same @actions/* clients they bundle. scripts/testkit/handwritten.mjs bundles this file (as
// the anchors ship bundled dist/) and runs one Node 24 process per step: `node steps.js <step>`.
// Written for the benchmark; no code of the anchors is copied.
//   setup-uv          tc.find / download (uv mirror) + sha256 check / extract / cacheDir; PATH;
//                     UV_CACHE_DIR=$RUNNER_TEMP/setup-uv-cache; python version via `uv python find`;
//                     key setup-uv-2-<arch>-<platform>-<os>-<python>-<hash of the dependency glob>;
//                     exact-key restore of the uv cache
//   cache-restore     actions/cache of node_modules (key on the wrangler version)
//   wrangler-action   `npx --no-install wrangler --version`; `npm i wrangler@X` unless it is X
//   cache-save        actions/cache post step: save node_modules unless the key matched
//   setup-uv-post     setup-uv post step: save the uv cache unless the key matched (no prune: the
//                     default), then a 100 ms pause and exit(0) as setup-uv does
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as cache from "@actions/cache";
import * as core from "@actions/core";
import * as exec from "@actions/exec";
import * as tc from "@actions/tool-cache";

const E = process.env;
const project = E.HW_PROJECT;
const uvCacheDir = () => path.join(E.RUNNER_TEMP, "setup-uv-cache");
const nodeModulesKey = () => `node-modules-${E.RUNNER_OS}-${E.RUNNER_ARCH}-wrangler-${E.HW_WRANGLER_VERSION}`;

/** setup-uv's default cache-dependency-glob, matched over the whole workspace like @actions/glob. */
const DEP_GLOB = [/requirements.*\.(txt|in)$/, /constraints.*\.(txt|in)$/, /^pyproject\.toml$/, /^uv\.lock$/, /\.py\.lock$/];

function hashDependencyFiles(root) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && DEP_GLOB.some((re) => re.test(e.name))) files.push(p);
    }
  };
  walk(root);
  if (files.length === 0) return "";
  const all = crypto.createHash("sha256");
  for (const f of files.sort()) all.write(crypto.createHash("sha256").update(fs.readFileSync(f)).digest());
  all.end();
  return all.digest("hex");
}

async function output(cmd, args, opts = {}) {
  const r = await exec.getExecOutput(cmd, args, { silent: true, ignoreReturnCode: true, ...opts });
  return r;
}

const steps = {
  async "setup-uv"() {
    const version = E.HW_UV_VERSION;
    const target = `${os.arch() === "arm64" ? "aarch64" : "x86_64"}-unknown-linux-gnu`;
    let dir = tc.find("uv", version, os.arch());
    if (!dir) {
      const url = `${E.HW_UV_MIRROR}/${version}/uv-${target}.tar.gz`;
      core.info(`Downloading uv from "${url}" ...`);
      const archive = await tc.downloadTool(url);
      const expected = (await (await fetch(`${url}.sha256`)).text()).split(/\s+/)[0];
      const actual = crypto.createHash("sha256").update(fs.readFileSync(archive)).digest("hex");
      if (actual !== expected) throw new Error(`Checksum for ${archive} did not match ${expected}.`);
      const extracted = await tc.extractTar(archive);
      dir = await tc.cacheDir(path.join(extracted, `uv-${target}`), "uv", version, os.arch());
    }
    core.addPath(dir);
    process.env.PATH = `${dir}${path.delimiter}${process.env.PATH}`;
    core.info(`Added ${dir} to the path`);
    core.exportVariable("UV_CACHE_DIR", uvCacheDir());
    process.env.UV_CACHE_DIR = uvCacheDir();
    // No python-version input: the version the project's Python resolves to goes into the key.
    const found = await output("uv", ["python", "find", "--directory", project]);
    const pyVersion = (await output(found.stdout.trim(), ["--version"])).stdout.split(" ")[1]?.trim() ?? "unknown";
    const hash = hashDependencyFiles(E.GITHUB_WORKSPACE);
    const osRelease = fs.existsSync("/etc/os-release") ? fs.readFileSync("/etc/os-release", "utf8") : "";
    const osName = `${/^ID=(.*)$/m.exec(osRelease)?.[1] ?? "linux"}-${/^VERSION_ID="?([^"\n]*)/m.exec(osRelease)?.[1] ?? ""}`;
    const key = `setup-uv-2-${target.split("-")[0]}-unknown-linux-gnu-${osName}-${encodeURIComponent(pyVersion)}-${hash || "no-dependency-glob"}`;
    core.saveState("cache-key", key);
    core.info(`Trying to restore cache from GitHub Actions cache with key: ${key}`);
    const matched = await cache.restoreCache([uvCacheDir()], key);
    if (matched) core.saveState("cache-matched-key", matched);
    core.info(matched ? `uv cache restored from GitHub Actions cache with key: ${matched}` : `No GitHub Actions cache found for key: ${key}`);
  },

  async "cache-restore"() {
    const key = nodeModulesKey();
    const matched = await cache.restoreCache([path.join(project, "node_modules")], key);
    core.saveState("CACHE_KEY", key);
    if (matched) core.saveState("CACHE_RESULT", matched);
    core.info(matched ? `Cache restored from key: ${matched}` : `Cache not found for input keys: ${key}`);
  },

  async "wrangler-action"() {
    const want = E.HW_WRANGLER_VERSION;
    const version = async () => {
      const r = await output("npx", ["--no-install", "wrangler", "--version"], { cwd: project });
      return (/wrangler (\d+\.\d+\.\d+\S*)/.exec(r.stdout) ?? /^(\d+\.\d+\.\d+\S*)/m.exec(r.stdout))?.[1] ?? "";
    };
    const installed = await version();
    if (installed === want) {
      core.info(`✅ Using Wrangler ${installed}`);
      return;
    }
    core.info("⚠️ Wrangler not found or version is incompatible. Installing...");
    const code = await exec.exec("npm", ["i", `wrangler@${want}`], { cwd: project });
    if (code !== 0) throw new Error(`npm i exited with ${code}`);
    core.info(`✅ Wrangler installed (${await version()})`);
  },

  async "cache-save"() {
    const key = E.STATE_CACHE_KEY;
    if (E.STATE_CACHE_RESULT === key) {
      core.info(`Cache hit occurred on the primary key ${key}, not saving cache.`);
      return;
    }
    await cache.saveCache([path.join(project, "node_modules")], key);
    core.info(`Cache saved with key: ${key}`);
  },

  async "setup-uv-post"() {
    const key = E["STATE_cache-key"];
    if (E["STATE_cache-matched-key"] === key) {
      core.info(`Cache hit occurred on key ${key}, not saving cache.`);
    } else {
      if (!fs.existsSync(uvCacheDir())) throw new Error(`Cache path ${uvCacheDir()} does not exist on disk.`);
      await cache.saveCache([uvCacheDir()], key);
      core.info(`uv cache saved with key: ${key}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    process.exit(0);
  },
};

const step = steps[process.argv[2]];
if (!step) {
  console.error(`unknown step ${process.argv[2]}`);
  process.exit(2);
}
step().catch((e) => {
  core.setFailed(e instanceof Error ? e.message : String(e));
});
