// Processes still running in a folder (their cwd under it), from /proc: what a stopped run left behind.
import fs from "node:fs";
import path from "node:path";

export function processesUnder(dir: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cwd = fs.readlinkSync(path.join("/proc", p, "cwd"));
      if (cwd === dir || cwd.startsWith(`${dir}/`))
        out.push({
          pid: Number(p),
          cmd: fs
            .readFileSync(path.join("/proc", p, "cmdline"), "utf8")
            .replace(/\0/g, " ")
            .trim(),
        });
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

/** Kill what a test's run left (after a kill -9 of the Action), so nothing outlives the test. */
export function killAll(procs: Array<{ pid: number }>): void {
  for (const { pid } of procs) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Every regular file under `dir` whose content holds `needle` (FIFOs and sockets are skipped, never opened). */
export function filesHolding(dir: string, needle: string, sinceMs = 0): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          const st = fs.statSync(p);
          if (st.mtimeMs >= sinceMs && st.size < 50_000_000 && fs.readFileSync(p).includes(needle)) hits.push(p);
        } catch {
          // unreadable (not ours)
        }
      }
    }
  };
  walk(dir);
  return hits;
}

/**
 * Processes whose environment carries RUNNER_TRACKING_ID=<id>: what the runner's "Cleaning up
 * orphan processes" at the end of a job kills (actions/runner, src/Runner.Worker/JobExtension.cs).
 */
export function processesTracked(id: string): Array<{ pid: number }> {
  const out: Array<{ pid: number }> = [];
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (
        fs
          .readFileSync(path.join("/proc", p, "environ"), "latin1")
          .split("\0")
          .includes(`RUNNER_TRACKING_ID=${id}`)
      )
        out.push({ pid: Number(p) });
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}
