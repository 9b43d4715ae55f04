/**
 * `readGff3` and `readBaktaTsv` against the floor of splitting the same text into lines, in CPU
 * time, for a machine shared with other work (where wall-clock times, and so `deno bench`'s, swing
 * with the load). The floor and the readers take turns, `ROUNDS` times, each timed by
 * `process.cpuUsage()` (garbage-collection threads included); the table gives the fastest and the
 * median CPU time of each and the ratios to the floor.
 *
 * Files: CI-8050.gff3 (3.6 MB, ~2,700 features and a 2.7 MB `##FASTA` section) and CI-8050.tsv
 * (0.64 MB, 2,652 rows) of `../shared/bakta-samples/v1.9.4-efaecalis-CI-8050/`. The aim (issue
 * #16): at most 3× the floor, timed with `run.features` read (every user of a reader reads it, so
 * a part deferred to that read would still count). More rows split `readGff3`'s time into its
 * phases, each against the same floor: the `##FASTA` section read eagerly (letters checked, lines joined: what `parseGff3`
 * does, and what reading every `nt` costs), its records only found (what `readGff3` does: the
 * letters are checked and joined when a sequence's `nt` is first read) and the feature lines alone
 * (`readGff3` of the text before `##FASTA`). Since `readGff3` parses a
 * feature's `original.record` only when it is read, two rows give the time with the model
 * consumed: every field the store's import reads (`src/store/prepare_run.ts`: type, sequence,
 * positions, strand, edge, locus tag, id, gene, product, frame, flags, truncation, residues,
 * protein, cross-references, and each sequence's id, length and residues) touched, and, as an
 * import of a GFF3 with other files pays it, every `original` record written as JSON too.
 *
 * Run: `deno run -A bench/parse_floor_cpu.ts [rounds] [only]`. With `only` (text in a row's name,
 * e.g. `tsv` or `fields read`), only the rows that hold it run, each with its floor: a reader
 * measured apart from the garbage the others leave (the collector's work lands in whichever row
 * triggers it). Prints a SKIPPED line without the samples.
 *
 * @module
 */

import process from "node:process";
import { parseGff3 } from "../src/formats/gff3/parse_gff3.ts";
import { readGff3 } from "../src/formats/gff3/read_gff3.ts";
import { readBaktaTsv } from "../src/formats/tsv/read_bakta_tsv.ts";
import { findFastaSection, readFastaSection } from "../src/formats/gff3/_fasta_section.ts";
import type { BaktaRun } from "../src/formats/model.ts";

const SAMPLES = new URL("../../shared/bakta-samples/v1.9.4-efaecalis-CI-8050/", import.meta.url);
const ROUNDS = Number(Deno.args[0] ?? 40);
const ONLY = Deno.args[1];

function load(name: string): string | undefined {
  try {
    return Deno.readTextFileSync(new URL(name, SAMPLES));
  } catch {
    return undefined;
  }
}

/** Reads every field of `run` that the store's import reads; returns a checksum of them. */
function touchImportFields(run: BaktaRun): number {
  let sum = 0;
  for (const s of run.sequences) sum += s.id.length + s.length + (s.nt?.length ?? 0);
  for (const f of run.features) {
    sum += f.type.length + f.sequenceId.length + f.start + f.stop + f.strand.length;
    sum += (f.edge ? 1 : 0) + (f.hypothetical ? 1 : 0) + (f.pseudo ? 1 : 0) + (f.frame ?? 0);
    sum += (f.locusTag?.length ?? 0) + (f.id?.length ?? 0) + (f.gene?.length ?? 0);
    sum += (f.product?.length ?? 0) + (f.truncated?.length ?? 0) + (f.nt?.length ?? 0);
    sum += (f.aa?.length ?? 0) + (f.aaHexdigest?.length ?? 0);
    for (const x of f.dbXrefs) sum += x.db.length + x.accession.length;
  }
  return sum;
}

/** Writes every feature's `original` record as JSON, as an import that keeps them does. */
function originalsAsJson(run: BaktaRun): number {
  let length = 0;
  for (const f of run.features) length += JSON.stringify(f.original).length;
  return length;
}

/** Milliseconds of CPU time `run` takes. */
function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function main(): void {
  const gff3 = load("CI-8050.gff3");
  const tsv = load("CI-8050.tsv");
  if (gff3 === undefined || tsv === undefined) {
    console.log(`SKIPPED parse_floor_cpu: the Bakta samples are not in ${SAMPLES.pathname}`);
    return;
  }
  const fasta = gff3.indexOf("\n##FASTA\n") + 1;
  const features = gff3.slice(0, fasta);
  const cases: [string, () => unknown][] = [
    ["CI-8050.gff3: split into lines (floor)", () => gff3.split("\n")],
    ["CI-8050.gff3: readGff3 → BaktaRun, .features read", () => readGff3(gff3).features.length],
    ["CI-8050.gff3: readGff3, the import's fields read", () => touchImportFields(readGff3(gff3))],
    ["CI-8050.gff3: readGff3, + originals as JSON", () => originalsAsJson(readGff3(gff3))],
    ["CI-8050.gff3: parseGff3 → typed lines", () => parseGff3(gff3)],
    ["CI-8050.gff3: its ##FASTA section alone", () => readFastaSection(gff3, fasta + 8, 1, "", [])],
    [
      "CI-8050.gff3: its ##FASTA records found (readGff3's part)",
      () => findFastaSection(gff3, fasta + 8, 1, "", () => {}),
    ],
    [
      "CI-8050.gff3: its feature lines alone (readGff3, .features read)",
      () => readGff3(features).features.length,
    ],
    ["CI-8050.tsv: split into lines (floor)", () => tsv.split("\n")],
    [
      "CI-8050.tsv: readBaktaTsv → BaktaRun, .features read",
      () => readBaktaTsv(tsv).features.length,
    ],
    [
      "CI-8050.tsv: readBaktaTsv, the import's fields read",
      () => touchImportFields(readBaktaTsv(tsv)),
    ],
  ];
  const allFloors = [0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8];
  const kept = cases.flatMap((_, i) =>
    ONLY === undefined || cases[i][0].includes(ONLY) ||
      allFloors.some((floor, k) => floor === i && cases[k][0].includes(ONLY))
      ? [i]
      : []
  );
  const floorOf = kept.map((i) => kept.indexOf(allFloors[i]));
  cases.splice(0, cases.length, ...kept.map((i) => cases[i]));
  const times = cases.map(() => [] as number[]);
  const loadBefore = Deno.loadavg().map((l) => l.toFixed(2)).join(", ");
  for (let round = -3; round < ROUNDS; round++) {
    cases.forEach(([, run], i) => {
      const ms = cpuMs(run);
      if (round >= 0) times[i].push(ms);
    });
  }
  const sorted = times.map((t) => t.toSorted((a, b) => a - b));
  const fastest = sorted.map((t) => t[0]);
  const median = sorted.map((t) => t[t.length >> 1]);
  console.log("| what | fastest CPU ms | median CPU ms | fastest / floor | median / floor |");
  console.log("| --- | --- | --- | --- | --- |");
  cases.forEach(([name], i) => {
    const floor = floorOf[i];
    console.log(
      `| ${name} | ${fastest[i].toFixed(2)} | ${median[i].toFixed(2)} | ` +
        `${(fastest[i] / fastest[floor]).toFixed(1)}x | ${
          (median[i] / median[floor]).toFixed(1)
        }x |`,
    );
  });
  console.log(
    `${ROUNDS} rounds after 3 warm-ups; aim <= 3x; load before: ${loadBefore}; after: ${
      Deno.loadavg().map((l) => l.toFixed(2)).join(", ")
    }`,
  );
}

if (import.meta.main) main();
