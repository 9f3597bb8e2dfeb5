// node infra/container/compare-maps.mjs <map.json> <baseline.json> <epochs> [<runs restarted, at least>]
// The checks of the fault harness (bench/Faults/MapCheck.cs) on two capacity maps written by capgrid: every point
// finished, epochs 1..N once each, one completion per point, no checkpointed epoch trained again, the same points
// as the baseline, per point and epoch train/test accuracy and loss within 1e-6 of it, and (when given) at least that
// many runs restarted, so that a fault that interrupted nothing does not pass for one that did. Prints one JSON line of
// what it measured; exits 1 with one line naming the first check that fails.
import { readFileSync } from "node:fs";

const tolerance = 1e-6; // MapCheck.Tolerance: training is bit-identical, evaluation sums may differ in the last bits
const [mapPath, baselinePath, epochsText, restartedText = "0"] = process.argv.slice(2);
const epochs = Number(epochsText);
const read = (path) => new Map(JSON.parse(readFileSync(path, "utf8")).points.map((p) => [p.pointId, p]));
const map = read(mapPath);
const baseline = read(baselinePath);
const fail = (why) => { console.log(`maps differ: ${why}`); process.exit(1); };

const missing = [...baseline.keys()].filter((id) => !map.has(id));
const extra = [...map.keys()].filter((id) => !baseline.has(id));
if (missing.length || extra.length) fail(`points missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
let maxDifference = 0;
let runsRestarted = 0;
const rerun = [];
for (const [id, point] of map) {
  if (point.status !== "finished") fail(`point ${id} is ${point.status}`);
  const numbers = point.epochs.map((e) => e.epoch).join(",");
  const expected = Array.from({ length: epochs }, (_, i) => i + 1).join(",");
  if (numbers !== expected) fail(`point ${id} has epochs ${numbers}, expected 1..${epochs} once each`);
  if (point.history.completions !== 1) fail(`point ${id} completed ${point.history.completions} times`);
  if (point.history.epochsTrained !== epochs) fail(`point ${id} trained ${point.history.epochsTrained} checkpointed epochs for ${epochs}`);
  if (point.history.runs > 1) {
    runsRestarted += point.history.runs - 1;
    rerun.push(`${id} (runs ${point.history.runs}, started from epochs ${point.history.runStartEpochs.join("/")})`);
  }
  const reference = baseline.get(id);
  point.epochs.forEach((e, i) => {
    for (const key of ["trainAccuracy", "testAccuracy", "trainLoss", "testLoss"]) {
      maxDifference = Math.max(maxDifference, Math.abs(e[key] - reference.epochs[i][key]));
    }
  });
}
if (!(maxDifference <= tolerance)) fail(`a metric differs from the uninterrupted run by ${maxDifference} (tolerance ${tolerance})`);
if (runsRestarted < Number(restartedText)) {
  fail(`no point was re-run: the kill interrupted no training (it came too late, or hit a silo with nothing to do)`);
}
console.log(JSON.stringify({ points: map.size, epochs, runsRestarted, rerun, maxDifference }));
