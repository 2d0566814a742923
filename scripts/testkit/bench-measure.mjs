// What the bench (scripts/bench.mjs) measures besides whole runs: CPU of a run's process tree, the
// Action's first log line alone, and a command alone (the floor).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { median } from "./bench-report.mjs";

/** user + sys of every waited-for descendant of this process, in ms. */
function childrenCpuMs() {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields after the comm: state(3) … cutime(16) cstime(17), i.e. indexes 13 and 14 here
  return (Number(f[13]) + Number(f[14])) * 10; // CLK_TCK is 100 on Linux
}

/** `fn`'s result with `cpu`: the CPU its child processes used (they must all be waited for). */
export async function measured(fn) {
  const cpu0 = childrenCpuMs();
  const r = await fn();
  return { ...r, cpu: childrenCpuMs() - cpu0 };
}

/** ms from spawn to the first byte on stdout. */
function firstLine(node, args, env, cwd) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(node, args, { env, cwd, stdio: ["ignore", "pipe", "ignore"] });
    let ms;
    child.stdout.once("data", () => {
      ms = performance.now() - t;
      child.kill("SIGKILL");
    });
    child.on("close", () => resolve(ms ?? performance.now() - t));
  });
}

/** `entry`'s first log line against an empty script's, interleaved, `n` times each. */
export async function firstLines(node, entry, env, cwd, n) {
  const dist = [];
  const empty = [];
  for (let i = 0; i < n; i++) {
    dist.push(await firstLine(node, [entry], env, cwd));
    empty.push(await firstLine(node, ["-e", "console.log(1)"], env, cwd));
  }
  return { dist, empty };
}

/** A command run alone `n` times: medians of wall and CPU; a failing run throws. */
export async function commandAlone(name, cmd, args, { cwd, env }, n) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    xs.push(
      await measured(
        () =>
          new Promise((resolve, reject) => {
            const t = performance.now();
            const c = spawn(cmd, args, { cwd, env, stdio: "ignore" });
            c.on("close", (code) => (code === 0 ? resolve({ wall: performance.now() - t }) : reject(new Error(`${name} exited ${code}`))));
          }),
      ),
    );
  }
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) };
}
