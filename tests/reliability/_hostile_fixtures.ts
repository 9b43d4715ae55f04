/**
 * Small valid Bakta outputs of one made-up run in every format the readers take, written by the
 * project's own writers at run time: the bases the hostile-input and fuzzing suites damage.
 *
 * @module
 */

import { formatRunAsBaktaJson, makeRun } from "../../src/testing/factory/mod.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { formatGenbank } from "../../src/formats/genbank/format_genbank.ts";
import { formatEmbl } from "../../src/formats/embl/format_embl.ts";
import { formatBaktaTsv } from "../../src/formats/tsv/format_bakta_tsv.ts";
import { formatFasta } from "../../src/formats/fasta/format_fasta.ts";
import type { BaktaRun } from "../../src/formats/model.ts";

/** The file endings of the fixtures, one per format. */
export type FixtureFormat = "json" | "gff3" | "gbff" | "embl" | "tsv" | "fna" | "faa" | "ffn";

/** The run every fixture is written from: 2 linear contigs, 6 features on each. */
export const FIXTURE_RUN: BaktaRun = makeRun({
  seed: 7,
  sequences: 2,
  featuresPerSequence: 6,
  circular: false,
});

/** The fixture prefix: files are `<prefix>.<format>`. */
export const FIXTURE_PREFIX = "hostile";

/** The features with a locus tag and a protein, for the `.faa`. */
function proteins(run: BaktaRun) {
  return run.features.filter((f) => f.locusTag !== undefined && f.aa !== undefined)
    .map((f) => ({ id: f.locusTag!, sequence: f.aa! }));
}

/** The features with a locus tag and nucleotides, for the `.ffn`. */
function featureNucleotides(run: BaktaRun) {
  return run.features.filter((f) => f.locusTag !== undefined && f.nt !== undefined)
    .map((f) => ({ id: f.locusTag!, sequence: f.nt! }));
}

/**
 * The text of the fixture run in one format.
 *
 * @param format The format.
 * @returns The file's text (LF line ends).
 */
export function fixtureText(format: FixtureFormat): string {
  const run = FIXTURE_RUN;
  switch (format) {
    case "json":
      return formatRunAsBaktaJson(run);
    case "gff3":
      return formatGff3(run);
    case "gbff":
      return formatGenbank(run, { date: "01-JAN-1980" });
    case "embl":
      return formatEmbl(run);
    case "tsv":
      return formatBaktaTsv(run);
    case "fna":
      return formatFasta(run.sequences.map((s) => ({ id: s.id, sequence: s.nt! })));
    case "faa":
      return formatFasta(proteins(run));
    case "ffn":
      return formatFasta(featureNucleotides(run));
  }
}

/** Every fixture format. */
export const FIXTURE_FORMATS: readonly FixtureFormat[] = [
  "json",
  "gff3",
  "gbff",
  "embl",
  "tsv",
  "fna",
  "faa",
  "ffn",
];

/**
 * The files of a run that reads a damaged `format` file: the file alone for a format a run can be
 * read from; with the `.tsv` (which names the locus tags) for `.faa`/`.ffn`, which only fill in a
 * run's proteins and nucleotides.
 *
 * @param format The format to damage.
 * @returns The other files of the run (format → text).
 */
export function companions(format: FixtureFormat): Map<FixtureFormat, string> {
  return format === "faa" || format === "ffn" ? new Map([["tsv", fixtureText("tsv")]]) : new Map();
}
