/**
 * Reading speed of the GFF3, TSV and GenBank readers on real Bakta files, against the floor of
 * simply splitting the text into lines. Run: `deno task bench bench/parse_gff3_bench.ts`. Each
 * bench reports its time per file; MB/s = file size / time (printed once at the start). Every
 * bench runs a fixed 40 iterations after 5 warm-ups, so that the fastest iteration (the `min`
 * column, the steadiest figure on a shared machine) is a minimum over many.
 *
 * The aim (issue #16): `readGff3` on CI-8050.gff3 (3.6 MB, ~2,700 features and a 2.7 MB
 * `##FASTA` section) and `readBaktaTsv` on CI-8050.tsv (0.64 MB, 2,652 rows) at least a third of
 * the speed of the line split of the same text. GenBank and EMBL against Biopython:
 * `bench/parse_insdc_bench.ts`.
 *
 * Skipped (with a message) when `../shared/bakta-samples/` is absent.
 *
 * @module
 */

import { parseStringSync } from "@gmod/gff";
import { readGff3 } from "../src/formats/gff3/read_gff3.ts";
import { parseGff3 } from "../src/formats/gff3/parse_gff3.ts";
import { readGenbank } from "../src/formats/genbank/read_genbank.ts";
import { readEmbl } from "../src/formats/embl/read_embl.ts";
import { readBaktaTsv } from "../src/formats/tsv/read_bakta_tsv.ts";

const SAMPLES = new URL("../../shared/bakta-samples/", import.meta.url);

function load(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(new URL(path, SAMPLES));
  } catch {
    return undefined;
  }
}

const gff3 = load("v1.9.4-efaecalis-CI-8050/CI-8050.gff3");
const gbff = load("v1.11.4-assembly/assembly.gbff");
const embl = load("v1.11.4-assembly/assembly.embl");
const tsv = load("v1.9.4-efaecalis-CI-8050/CI-8050.tsv");
const present = gff3 !== undefined && gbff !== undefined && embl !== undefined &&
  tsv !== undefined;
if (!present) {
  console.log("parse_gff3_bench: skipped, ../shared/bakta-samples/ is absent");
} else {
  const mb = (text: string) => (new TextEncoder().encode(text).length / 1e6).toFixed(3);
  console.log(
    `CI-8050.gff3 ${mb(gff3!)} MB, CI-8050.tsv ${mb(tsv!)} MB, assembly.gbff ${mb(gbff!)} MB, ` +
      `assembly.embl ${mb(embl!)} MB; load ${Deno.loadavg().join(", ")}`,
  );
}

/** Many iterations, so that the fastest one means something on a loaded machine. */
const ITERATIONS = { n: 40, warmup: 5 };

Deno.bench({
  name: "CI-8050.gff3: split into lines (floor)",
  group: "gff3",
  baseline: true,
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (gff3!.split("\n").length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "CI-8050.gff3: readGff3 → BaktaRun",
  group: "gff3",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (readGff3(gff3!).features.length < 1000) throw new Error("too few features");
  },
});

Deno.bench({
  name: "CI-8050.gff3: parseGff3 → typed lines",
  group: "gff3",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (parseGff3(gff3!).length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "CI-8050.gff3: @gmod/gff parseStringSync (for comparison)",
  group: "gff3",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    const items = parseStringSync(gff3!, { parseSequences: true });
    if (items.length < 1000) throw new Error("too few items");
  },
});

Deno.bench({
  name: "assembly.gbff: split into lines (floor)",
  group: "genbank",
  baseline: true,
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (gbff!.split("\n").length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "assembly.gbff: readGenbank → BaktaRun",
  group: "genbank",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (readGenbank(gbff!).features.length < 90) throw new Error("too few features");
  },
});

Deno.bench({
  name: "assembly.embl: readEmbl → BaktaRun",
  group: "genbank",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (readEmbl(embl!).features.length < 90) throw new Error("too few features");
  },
});

Deno.bench({
  name: "CI-8050.tsv: split into lines (floor)",
  group: "tsv",
  baseline: true,
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (tsv!.split("\n").length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "CI-8050.tsv: readBaktaTsv → BaktaRun",
  group: "tsv",
  ignore: !present,
  ...ITERATIONS,
  fn() {
    if (readBaktaTsv(tsv!).features.length < 1000) throw new Error("too few features");
  },
});
