// The bench's report (scripts/bench.mjs): the side-by-side table, the hand-written steps, the
// Action's own columns and the snapshot check's timings, from the runs' measurements.
import fs from "node:fs";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const min = (xs) => Math.min(...xs);

/** Print the report; with `jsonOut`, also write the runs as JSON there. */
export function printBenchReport({ runs, bothRuns, floor, firstDist, firstEmpty, warm: WARM, cold: COLD, jsonOut }) {
  const FLOOR = Object.keys(floor).length > 0;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const med = (rs, k) => median(rs.map((r) => r[k]));
  const mn = (rs, k) => min(rs.map((r) => r[k]));
  const A = runs.warm.action;
  const H = runs.warm.hand;
  const Ac = runs.cold.action;
  const Ae = runs.warm.changed;
  const Hc = runs.cold.hand;

  console.log(`\nAction vs hand-written workflow, scripts/bench-worker (attrs + python-dateutil, 4 tests), deploy to the Cloudflare stand-in; ${WARM} warm and ${COLD} cold rounds, interleaved`);
  console.log(
    "Both start from the synced state (pywrangler sync cannot reach its index here): this flatters the hand-written side, whose `pywrangler deploy` re-syncs every fresh checkout on a real runner.\n",
  );
  const ratio = (a, b) => (a / b).toFixed(2);
  const rows = [
    ["warm wall, median (min)", `${s(med(A, "wall"))} (${s(mn(A, "wall"))})`, `${s(med(H, "wall"))} (${s(mn(H, "wall"))})`, ratio(med(A, "wall"), med(H, "wall"))],
    ["warm CPU, median (min)", `${s(med(A, "cpu"))} (${s(mn(A, "cpu"))})`, `${s(med(H, "cpu"))} (${s(mn(H, "cpu"))})`, ratio(med(A, "cpu"), med(H, "cpu"))],
    ["warm wall, source changed, median (min)", `${s(med(Ae, "wall"))} (${s(mn(Ae, "wall"))})`, "", ratio(med(Ae, "wall"), med(H, "wall"))],
    ["warm CPU, source changed, median (min)", `${s(med(Ae, "cpu"))} (${s(mn(Ae, "cpu"))})`, "", ratio(med(Ae, "cpu"), med(H, "cpu"))],
    ["cold wall, median (min)", `${s(med(Ac, "wall"))} (${s(mn(Ac, "wall"))})`, `${s(med(Hc, "wall"))} (${s(mn(Hc, "wall"))})`, ratio(med(Ac, "wall"), med(Hc, "wall"))],
    ["cold CPU, median (min)", `${s(med(Ac, "cpu"))} (${s(mn(Ac, "cpu"))})`, `${s(med(Hc, "cpu"))} (${s(mn(Hc, "cpu"))})`, ratio(med(Ac, "cpu"), med(Hc, "cpu"))],
    ["warm / cold wall", ratio(med(A, "wall"), med(Ac, "wall")), ratio(med(H, "wall"), med(Hc, "wall")), ""],
    ["warm / cold CPU", ratio(med(A, "cpu"), med(Ac, "cpu")), ratio(med(H, "cpu"), med(Hc, "cpu")), ""],
    ["own overhead, warm median", `${Math.round(med(A, "own"))} ms`, "", ""],
    ["first log line, dist/index.js (Node 24, alone)", `${Math.round(median(firstDist))} ms (empty script ${Math.round(median(firstEmpty))} ms)`, "", ""],
    ["first log line in the warm runs", `${Math.round(med(A, "first"))} ms`, "", ""],
  ];
  if (FLOOR) {
    const total = Object.values(floor).reduce((a, x) => ({ wall: a.wall + x.wall, cpu: a.cpu + x.cpu }), { wall: 0, cpu: 0 });
    for (const [name, x] of Object.entries(floor)) rows.push([`floor: ${name} alone`, `${s(x.wall)} wall, ${s(x.cpu)} CPU`, "", ""]);
    rows.push(["floor: total", `${s(total.wall)} wall, ${s(total.cpu)} CPU`, "", `Action warm = ${ratio(med(A, "wall"), total.wall)}× floor wall, ${ratio(med(A, "cpu"), total.cpu)}× floor CPU`]);
  }
  console.log("| | Action | hand-written | Action / hand-written |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);

  console.log(
    "\nhand-written steps, warm medians:",
    Object.keys(H[0].steps)
      .map((k) => `${k} ${Math.round(median(H.map((r) => r.steps[k])))} ms`)
      .join("; "),
  );
  console.log(
    "hand-written steps, cold medians:",
    Object.keys(Hc[0]?.steps ?? {})
      .map((k) => `${k} ${Math.round(median(Hc.map((r) => r.steps[k])))} ms`)
      .join("; "),
  );

  // The Action alone, as the bench printed it before (now in deploy mode on the bench Worker).
  const row = (name, rs) => {
    const f = (k) => `${Math.round(med(rs, k))} ms`.padStart(9);
    return `${name.padEnd(6)} ${f("wall")} ${f("tools")} ${f("cache")} ${f("own")} ${f("cpu")}   (n=${rs.length})`;
  };
  console.log("\nThe Action, medians");
  console.log(`${"".padEnd(6)} ${"wall".padStart(9)} ${"tools".padStart(9)} ${"cache".padStart(9)} ${"own".padStart(9)} ${"CPU".padStart(9)}`);
  console.log(row("cold", Ac));
  console.log(row("warm", A));
  console.log(row("edited", Ae));
  const snapRow = (name, rs) =>
    `${name.padEnd(6)} stage ${rs.at(-1).stages["Snapshot check"] ?? "?"} (Pyodide load ${Math.round(med(rs, "pyodideLoad"))} ms, overlapping lint and tests; entry import ${Math.round(med(rs, "entryImport"))} ms)`;
  console.log("\nsnapshot check (medians):");
  console.log(snapRow("cold", Ac));
  console.log(snapRow("warm", A));
  console.log(snapRow("edited", Ae));
  console.log(`warm/cold: ${ratio(med(A, "wall"), med(Ac, "wall"))}`);
  if (bothRuns.length)
    console.log(
      `test-runtime: both adds, warm medians (n=${bothRuns.length}): wall ${Math.round(med(bothRuns, "wall") - med(A, "wall"))} ms, CPU ${Math.round(med(bothRuns, "cpu") - med(A, "cpu"))} ms (the Pyodide run itself: wall ${Math.round(med(bothRuns, "pyodideTestsWall"))} ms beside CPython's pytest, worker-thread CPU ${Math.round(med(bothRuns, "pyodideTestsCpu"))} ms)`,
    );
  console.log("\nwarm stage times (last run):", JSON.stringify(A.at(-1).stages));
  console.log("cold stage times (last run):", JSON.stringify(Ac.at(-1).stages));
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ runs: { cold: { action: Ac, hand: Hc }, warm: { action: A, hand: H } }, firstDist, firstEmpty, floor }, null, 2));
}
