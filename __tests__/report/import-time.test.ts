import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { node24, ROOT } from "../../scripts/testkit/tools.mjs";
import { importTimeVerdict, RUNTIME_STARTUP_LIMIT_MS, threadCpuClock } from "../../src/report/import-time.js";

describe("importTimeVerdict", () => {
  it("compares CPU time with the budget and says how it was measured", () => {
    const busy = importTimeVerdict({ wallMs: 1800, cpuMs: 420 }, 1000, "src/entry.py");
    expect(busy).toMatchObject({ warn: false, method: "thread CPU time", measuredMs: 420, thresholdMs: 1000 });
    expect(busy.statement).toBe(
      "420 ms CPU time (1,800 ms wall) importing src/entry.py, measured as the CPU time of the thread running Pyodide; warns above 1,000 ms (the runtime's startup limit is 1,000 ms).",
    );
    const slow = importTimeVerdict({ wallMs: 1300, cpuMs: 1250 }, 1000, "src/entry.py");
    expect(slow.warn).toBe(true);
    expect(slow.message).toMatch(/^Importing src\/entry\.py took 1,250 ms of CPU time under Pyodide, over the 1,000 ms budget/);
  });
  it("with wall time only, warns only well above the budget", () => {
    expect(importTimeVerdict({ wallMs: 1900 })).toMatchObject({ warn: false, method: "wall time", thresholdMs: 2 * RUNTIME_STARTUP_LIMIT_MS });
    const v = importTimeVerdict({ wallMs: 2100 }, 1000);
    expect(v.warn).toBe(true);
    expect(v.statement).toMatch(/CPU time not measurable here/);
    expect(v.message).toMatch(/\(wall time\).*more than 2× the 1,000 ms budget/);
    expect(importTimeVerdict({ wallMs: 700, cpuMs: Number.NaN }, 500).method).toBe("wall time");
  });
});

describe("threadCpuClock", () => {
  const hasThreadCpu = typeof (process as any).threadCpuUsage === "function";
  it("is undefined where Node has no per-thread CPU usage", () => {
    expect(threadCpuClock() === undefined).toBe(!hasThreadCpu);
  });
  it("under Node 24, in a worker thread, counts that thread's CPU and not its waiting", () => {
    const mod = path.join(ROOT, "src", "report", "import-time.ts");
    const script = `
      import { Worker } from "node:worker_threads";
      const w = new Worker(\`
        const { threadCpuClock } = await import(${JSON.stringify(mod)});
        const { parentPort } = await import("node:worker_threads");
        const clock = threadCpuClock();
        const t = performance.now();
        let x = 0; for (let i = 0; i < 2e7; i++) x += i;         // CPU work
        await new Promise((r) => setTimeout(r, 400));               // waiting
        parentPort.postMessage({ cpu: clock(), wall: performance.now() - t });
      \`, { eval: true, type: "module" });
      w.on("message", (m) => { console.log(JSON.stringify(m)); process.exit(0); });
    `;
    const out = execFileSync(node24(), ["--input-type=module", "-e", script], { encoding: "utf8" });
    const { cpu, wall } = JSON.parse(out.trim().split("\n").pop()!);
    expect(wall).toBeGreaterThan(400);
    expect(cpu).toBeGreaterThan(0);
    expect(cpu).toBeLessThan(wall - 300);
  }, 60_000);
});
