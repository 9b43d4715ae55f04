/**
 * The prepare worker's hand-over: a structured clone (what `postMessage` does, serialize and
 * deserialize, here on one thread) of the 12 prepared runs of `bench/import_vs_gffutils.ts` as
 * they are, against the packed trip of `_prepared_trip.ts` (xref terms flattened,
 * then unpacked). Prints the load; compare the two cases' times of the same run.
 *
 * Run: `nice -n 10 deno bench -A bench/prepared_trip_bench.ts`
 *
 * @module
 */

import { inputFiles } from "./import_vs_gffutils.ts";
import {
  loadRunFiles,
  parseRunFiles,
  type PreparedRun,
  slimForWriting,
} from "../src/store/prepare_run.ts";
import { fromTrip, toTrip } from "../src/store/_prepared_trip.ts";
import { loadText } from "./_bench_context.ts";

const runs: PreparedRun[] = [];
try {
  for (const path of inputFiles()) {
    runs.push(slimForWriting(await parseRunFiles(await loadRunFiles([path]))));
  }
} catch (error) {
  console.log(`SKIPPED: the samples are missing (${error})`);
}
console.log(`${runs.length} runs; ${loadText()}`);
globalThis.addEventListener("unload", () => console.log(`${loadText()} at the end`));

Deno.bench("the 12 prepared runs cloned as they are", { group: "trip", baseline: true }, () => {
  for (const run of runs) structuredClone(run);
});

Deno.bench("the 12 prepared runs packed, cloned, unpacked", { group: "trip" }, () => {
  for (const run of runs) fromTrip(structuredClone(toTrip(run)));
});
