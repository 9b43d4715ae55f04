/**
 * Reading speed of the GFF3 and GenBank readers on real Bakta files, against the floor of simply
 * splitting the text into lines. Run: `deno task bench bench/parse_gff3_bench.ts`. Each bench
 * reports its time per file; MB/s = file size / time (printed once at the start).
 *
 * The aim: `readGff3` at least half the speed of the line split on CI-8050.gff3 (3.6 MB, ~2,700
 * features and a 2.7 MB `##FASTA` section).
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
const present = gff3 !== undefined && gbff !== undefined && embl !== undefined;
if (!present) {
  console.log("parse_gff3_bench: skipped, ../shared/bakta-samples/ is absent");
} else {
  const mb = (text: string) => (new TextEncoder().encode(text).length / 1e6).toFixed(3);
  console.log(
    `CI-8050.gff3 ${mb(gff3!)} MB, assembly.gbff ${mb(gbff!)} MB, assembly.embl ${mb(embl!)} MB`,
  );
}

Deno.bench({
  name: "CI-8050.gff3: split into lines (floor)",
  group: "gff3",
  baseline: true,
  ignore: !present,
  fn() {
    if (gff3!.split("\n").length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "CI-8050.gff3: readGff3 → BaktaRun",
  group: "gff3",
  ignore: !present,
  fn() {
    if (readGff3(gff3!).features.length < 1000) throw new Error("too few features");
  },
});

Deno.bench({
  name: "CI-8050.gff3: parseGff3 → typed lines",
  group: "gff3",
  ignore: !present,
  fn() {
    if (parseGff3(gff3!).length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "CI-8050.gff3: @gmod/gff parseStringSync (for comparison)",
  group: "gff3",
  ignore: !present,
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
  fn() {
    if (gbff!.split("\n").length < 1000) throw new Error("too few lines");
  },
});

Deno.bench({
  name: "assembly.gbff: readGenbank → BaktaRun",
  group: "genbank",
  ignore: !present,
  fn() {
    if (readGenbank(gbff!).features.length < 90) throw new Error("too few features");
  },
});

Deno.bench({
  name: "assembly.embl: readEmbl → BaktaRun",
  group: "genbank",
  ignore: !present,
  fn() {
    if (readEmbl(embl!).features.length < 90) throw new Error("too few features");
  },
});
