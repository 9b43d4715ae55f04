/**
 * The import's read + parse stage in CPU time: `loadRunFiles` then `parseRunFiles` of each of the
 * 12 GFF3 files of `bench/import_vs_gffutils.ts`, one after the other (what `importRuns` does
 * before it writes: checksums, compression, reading the file into a `BaktaRun`, preparing its
 * rows, every sequence's `nt` and every feature's cross-references read). The figure the readers'
 * "consumed" cost ends up in; run it on two trees in turn to compare a reader change.
 *
 * Run: `deno run -A bench/parse_import_stage_cpu.ts [rounds]` (default 5; prints the fastest and
 * median CPU ms of a round over the 12 files, and the load average before and after). Prints a
 * SKIPPED line without the samples.
 *
 * @module
 */

import process from "node:process";
import { loadRunFiles, parseRunFiles } from "../src/store/prepare_run.ts";
import { inputFiles } from "./import_vs_gffutils.ts";
import { loadText } from "./_bench_context.ts";

const ROUNDS = Number(Deno.args[0] ?? 5);

async function main(): Promise<void> {
  let paths: string[];
  try {
    paths = inputFiles();
  } catch {
    console.log("SKIPPED parse_import_stage_cpu: ../shared/bakta-samples/ is absent");
    return;
  }
  console.log(`before: ${loadText()}`);
  const times: number[] = [];
  let features = 0;
  for (let round = -1; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    features = 0;
    for (const path of paths) {
      features += (await parseRunFiles(await loadRunFiles([path]))).run.features.length;
    }
    const used = process.cpuUsage(start);
    if (round >= 0) times.push((used.user + used.system) / 1000);
  }
  const sorted = times.toSorted((a, b) => a - b);
  console.log(
    `${paths.length} files, ${features} features: fastest ${sorted[0].toFixed(0)} CPU ms, median ${
      sorted[sorted.length >> 1].toFixed(0)
    } (${ROUNDS} rounds after 1 warm-up)`,
  );
  console.log(`after: ${loadText()}`);
}

if (import.meta.main) await main();
