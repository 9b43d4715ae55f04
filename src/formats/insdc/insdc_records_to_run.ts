/**
 * Turning GenBank/EMBL records into the normalized model, the way Bakta writes them.
 *
 * @module
 */

import type {
  BaktaRun,
  DbXref,
  Feature,
  FeatureType,
  GenomeInfo,
  Sequence,
  SoftwareVersions,
  Strand,
  Truncation,
} from "../model.ts";
import { splitDbXref } from "../bakta_json/split_db_xref.ts";
import { checkFeatureBounds } from "../check_feature_bounds.ts";
import { ParseError } from "../parse_error.ts";
import {
  HYPOTHETICAL_PRODUCT,
  pseudoFlagMeansPseudogene,
  readSoftwareComment,
} from "./_bakta_conventions.ts";
import type { InsdcFeature, InsdcRecord } from "./insdc_record.ts";
import { locationToSpan, spanTruncation } from "./location_span.ts";
import { parseLocation } from "./parse_location.ts";

/** One INSDC feature as kept in {@linkcode Feature.original}: key, location and qualifiers. */
export interface InsdcOriginalFeature {
  /** The feature key, e.g. `CDS`. */
  key: string;
  /** The location as written. */
  location: string;
  /** The qualifiers by name, values in file order; a flag such as `/pseudo` has the value `""`. */
  qualifiers: Record<string, string[]>;
  /** The 1-based line of the feature key. */
  line: number;
}

/** The original record of a feature read from GenBank or EMBL. */
export interface InsdcOriginalRecord extends InsdcOriginalFeature {
  /** The sequence (record) name. */
  sequence: string;
  /** The `gene` feature Bakta wrote before this one, folded into it. */
  gene?: InsdcOriginalFeature;
}

/** Options of {@linkcode insdcRecordsToRun}. */
export interface InsdcRecordsToRunOptions {
  /** The file, for errors and the run's `sources`. */
  file: string;
  /** The format the records were read from. */
  format: "genbank" | "embl";
}

/** Feature types whose product Bakta writes as a `/note` (INSDC has no `/product` for them). */
const PRODUCT_IN_NOTE = new Set<FeatureType>(["ncRNA-region", "crispr", "oriC", "oriV", "oriT"]);

const TRUNCATION_NOTES: Record<string, Truncation> = {
  "(5' truncated)": "5-prime",
  "(3' truncated)": "3-prime",
  "(partial)": "both",
};

/**
 * Builds a {@linkcode BaktaRun} from GenBank or EMBL records as Bakta writes them: one sequence per
 * record, the `gene` feature Bakta writes before each feature with a locus tag folded into that
 * feature, and the feature keys mapped to Bakta types:
 *
 * | key | type |
 * | --- | --- |
 * | `CDS` with `/inference="ab initio prediction:Bakta…"` | `sorf` |
 * | other `CDS` | `cds` |
 * | `tRNA`, `tmRNA`, `rRNA`, `ncRNA` | same |
 * | `regulatory` | `ncRNA-region` (product from `/note`) |
 * | `repeat_region` with `/rpt_family="CRISPR"` | `crispr` (product from `/note`) |
 * | `rep_origin` | `oriC` (`oriV` only when the note says `oriV`: Bakta writes both as `rep_origin`) |
 * | `oriT` | `oriT` |
 * | `gap`, `assembly_gap` | `gap` |
 *
 * Other keys (`source`, `sig_peptide`, `misc_feature`, …) are not features of the model. Strands:
 * `complement(…)` is `-`; otherwise `+`, except CRISPR arrays and origins (`?`) and gaps (`.`),
 * whose strand INSDC cannot express. Pseudogenes: `/pseudogene` always; the bare `/pseudo` only
 * in files of Bakta before 1.10 (later it marks truncated features). Truncation comes from the
 * partial markers (`<`, `>`), else from Bakta's notes. Sequences are upper-cased.
 *
 * @param records The records, in file order.
 * @param options The file and format.
 * @returns The run.
 * @throws {ParseError} For a location that does not parse, a bad cross-reference, or a feature
 * past the end of its sequence or across the origin of a linear one (see
 * {@linkcode checkFeatureBounds}).
 *
 * @example One CDS with its gene
 * ```ts
 * import { insdcRecordsToRun } from "./insdc_records_to_run.ts";
 * const run = insdcRecordsToRun([{
 *   name: "c1", length: 12, topology: "linear", line: 1, sequence: "atgaaataatga",
 *   features: [
 *     { key: "gene", location: "1..12", line: 2, qualifiers: [
 *       { name: "locus_tag", value: "X_1", quoted: true }, { name: "gene", value: "abc", quoted: true },
 *     ] },
 *     { key: "CDS", location: "1..12", line: 5, qualifiers: [
 *       { name: "product", value: "hypothetical protein", quoted: true },
 *       { name: "locus_tag", value: "X_1", quoted: true },
 *     ] },
 *   ],
 * }], { file: "x.gbff", format: "genbank" });
 * const [cds] = run.features;
 * if (run.features.length !== 1 || cds.gene !== "abc" || !cds.hypothetical) throw new Error("fold");
 * if (run.sequences[0].nt !== "ATGAAATAATGA") throw new Error("nt");
 * ```
 */
export function insdcRecordsToRun(
  records: InsdcRecord[],
  options: InsdcRecordsToRunOptions,
): BaktaRun {
  const { file, format } = options;
  const software: SoftwareVersions = {};
  for (const record of records) {
    if (record.comment === undefined) continue;
    for (const line of record.comment.split("\n")) readSoftwareComment(line.trim(), software);
    if (software.bakta !== undefined) break;
  }
  const pseudoIsPseudogene = pseudoFlagMeansPseudogene(software.bakta);
  const genome: GenomeInfo = {};
  const sequences: Sequence[] = [];
  const features: Feature[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.name)) {
      throw new ParseError("Unexpected", `a second record named "${record.name}"`, {
        file,
        line: record.line,
      });
    }
    seen.add(record.name);
    sequences.push(toSequence(record, genome));
    let pendingGene: InsdcFeature | undefined;
    for (const insdc of record.features) {
      if (insdc.key === "source") continue;
      if (insdc.key === "gene") {
        pendingGene = insdc;
        continue;
      }
      const type = featureType(insdc);
      if (type === undefined) continue;
      let gene: InsdcFeature | undefined;
      if (pendingGene !== undefined) {
        const locus = first(insdc, "locus_tag");
        if (locus !== undefined && first(pendingGene, "locus_tag") === locus) gene = pendingGene;
        pendingGene = undefined;
      }
      if (type === "cds" && genome.translationTable === undefined) {
        const table = Number(first(insdc, "transl_table"));
        if (Number.isInteger(table) && table > 0) genome.translationTable = table;
      }
      features.push(toFeature(insdc, gene, type, record, file, format, pseudoIsPseudogene));
    }
  }
  const run: BaktaRun = {
    mode: "genome",
    genome,
    software,
    sequences,
    features,
    sources: [{ file, format, used: ["features", "sequences", "software"] }],
  };
  checkFeatureBounds(run, file);
  return run;
}

function first(feature: InsdcFeature, name: string): string | undefined {
  for (const qualifier of feature.qualifiers) {
    if (qualifier.name === name) return qualifier.value ?? "";
  }
  return undefined;
}

function all(feature: InsdcFeature, name: string): string[] {
  const values: string[] = [];
  for (const qualifier of feature.qualifiers) {
    if (qualifier.name === name) values.push(qualifier.value ?? "");
  }
  return values;
}

function has(feature: InsdcFeature | undefined, name: string): boolean {
  return feature !== undefined && feature.qualifiers.some((qualifier) => qualifier.name === name);
}

function featureType(feature: InsdcFeature): FeatureType | undefined {
  switch (feature.key) {
    case "CDS":
      return all(feature, "inference").some((value) =>
          value.startsWith("ab initio prediction:Bakta")
        )
        ? "sorf"
        : "cds";
    case "tRNA":
    case "tmRNA":
    case "rRNA":
    case "ncRNA":
      return feature.key;
    case "regulatory":
      return "ncRNA-region";
    case "repeat_region":
      return first(feature, "rpt_family")?.toUpperCase() === "CRISPR" ? "crispr" : undefined;
    case "rep_origin":
      return all(feature, "note").includes("oriV") ? "oriV" : "oriC";
    case "oriT":
      return "oriT";
    case "gap":
    case "assembly_gap":
      return "gap";
  }
  return undefined;
}

function toSequence(record: InsdcRecord, genome: GenomeInfo): Sequence {
  const sequence: Sequence = { id: record.name, length: record.length };
  const definition = record.definition?.replace(/\.$/, "");
  if (definition !== undefined && definition !== "") sequence.description = definition;
  if (record.topology !== undefined) sequence.topology = record.topology;
  const source = record.features.find((feature) => feature.key === "source");
  const plasmid = source && first(source, "plasmid");
  const chromosome = source && first(source, "chromosome");
  const text = definition ?? "";
  if (plasmid !== undefined || /\bplasmid\b/i.test(text)) {
    sequence.type = "plasmid";
    if (plasmid) sequence.name = plasmid;
  } else if (chromosome !== undefined || /\bchromosome\b/i.test(text)) {
    sequence.type = "chromosome";
    if (chromosome) sequence.name = chromosome;
  } else if (/whole genome shotgun sequence$/i.test(text)) {
    sequence.type = "contig";
  }
  if (/complete (sequence|genome)$/i.test(text)) sequence.complete = true;
  else if (/whole genome shotgun sequence$/i.test(text)) sequence.complete = false;
  if (record.sequence !== undefined && record.sequence.length > 0) {
    sequence.nt = record.sequence.toUpperCase();
  }
  if (source !== undefined) {
    const organism = first(source, "organism");
    if (organism && genome.taxon === undefined) genome.taxon = organism;
    const strain = first(source, "strain");
    if (strain && genome.strain === undefined) genome.strain = strain;
  }
  return sequence;
}

function toOriginal(feature: InsdcFeature): InsdcOriginalFeature {
  const qualifiers: Record<string, string[]> = {};
  for (const { name, value } of feature.qualifiers) {
    (qualifiers[name] ??= []).push(value ?? "");
  }
  return { key: feature.key, location: feature.location, qualifiers, line: feature.line };
}

function toFeature(
  insdc: InsdcFeature,
  gene: InsdcFeature | undefined,
  type: FeatureType,
  record: InsdcRecord,
  file: string,
  format: "genbank" | "embl",
  pseudoIsPseudogene: boolean,
): Feature {
  const span = locationToSpan(parseLocation(insdc.location, { file, line: insdc.line }), {
    sequenceLength: record.length,
    file,
    line: insdc.line,
  });
  let strand: Strand = span.strand;
  if (strand === "+") {
    if (type === "gap") strand = ".";
    else if (type === "crispr" || type === "oriC" || type === "oriV" || type === "oriT") {
      strand = "?";
    }
  }
  const original: InsdcOriginalRecord = { sequence: record.name, ...toOriginal(insdc) };
  if (gene !== undefined) original.gene = toOriginal(gene);
  const feature: Feature = {
    type,
    sequenceId: record.name,
    start: span.start,
    stop: span.stop,
    strand,
    edge: span.edge,
    hypothetical: false,
    pseudo: false,
    dbXrefs: [],
    original: { format, record: original },
  };
  const locus = first(insdc, "locus_tag") ?? (gene && first(gene, "locus_tag"));
  if (locus) feature.locusTag = locus;
  const geneName = first(insdc, "gene") ?? (gene && first(gene, "gene"));
  if (geneName) feature.gene = geneName;
  let product = first(insdc, "product");
  if (product === undefined && PRODUCT_IN_NOTE.has(type)) {
    const notes = all(insdc, "note");
    if (notes.length > 0) product = notes[notes.length - 1];
  }
  if (product !== undefined && product !== "") feature.product = product;
  if ((type === "cds" || type === "sorf") && product === HYPOTHETICAL_PRODUCT) {
    feature.hypothetical = true;
  }
  const pseudoFlag = has(insdc, "pseudo") || has(gene, "pseudo");
  if (has(insdc, "pseudogene") || has(gene, "pseudogene") || (pseudoFlag && pseudoIsPseudogene)) {
    feature.pseudo = true;
  }
  let truncated = span.edge ? undefined : spanTruncation(span);
  if (truncated === undefined) {
    for (const note of all(insdc, "note")) {
      if (note in TRUNCATION_NOTES) truncated = TRUNCATION_NOTES[note];
    }
  }
  if (truncated === undefined && pseudoFlag && !pseudoIsPseudogene) truncated = "?";
  if (truncated !== undefined) feature.truncated = truncated;
  const xrefs: DbXref[] = [];
  for (const value of all(insdc, "db_xref")) {
    xrefs.push(splitDbXref(value, "/db_xref", file, insdc.line));
  }
  feature.dbXrefs = xrefs;
  const translation = first(insdc, "translation");
  if (translation) feature.aa = translation;
  return feature;
}
