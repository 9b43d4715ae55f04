/**
 * Turning GenBank/EMBL records into the normalized model, the way Bakta writes them.
 *
 * @module
 */

import type {
  BaktaRun,
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
import { type InsdcSpan, locationToSpan, spanTruncation } from "./location_span.ts";
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
    let pendingGene: InsdcOriginalFeature | undefined;
    for (const insdc of record.features) {
      if (insdc.key === "source") continue;
      const original = toOriginal(insdc);
      if (insdc.key === "gene") {
        pendingGene = original;
        continue;
      }
      const type = featureType(original);
      if (type === undefined) continue;
      let gene: InsdcOriginalFeature | undefined;
      if (pendingGene !== undefined) {
        const locus = first(original, "locus_tag");
        if (locus !== undefined && first(pendingGene, "locus_tag") === locus) gene = pendingGene;
        pendingGene = undefined;
      }
      if (type === "cds" && genome.translationTable === undefined) {
        const table = Number(first(original, "transl_table"));
        if (Number.isInteger(table) && table > 0) genome.translationTable = table;
      }
      const where = { record, file, format, pseudoIsPseudogene };
      features.push(toFeature({ sequence: record.name, ...original }, gene, type, where));
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

/**
 * The first value of a qualifier (`""` for a flag), or undefined without one. (The names asked
 * for here are none of `Object.prototype`'s, so a plain property read is safe.)
 */
function first(feature: InsdcOriginalFeature, name: string): string | undefined {
  return feature.qualifiers[name]?.[0];
}

/** Every value of a qualifier, in file order. */
function all(feature: InsdcOriginalFeature, name: string): string[] {
  return feature.qualifiers[name] ?? [];
}

function has(feature: InsdcOriginalFeature | undefined, name: string): boolean {
  return feature !== undefined && feature.qualifiers[name] !== undefined;
}

function featureType(feature: InsdcOriginalFeature): FeatureType | undefined {
  switch (feature.key) {
    case "CDS":
      for (const inference of all(feature, "inference")) {
        if (inference.startsWith("ab initio prediction:Bakta")) return "sorf";
      }
      return "cds";
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
  const sourceFeature = record.features.find((feature) => feature.key === "source");
  const source = sourceFeature && toOriginal(sourceFeature);
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

/**
 * A feature as kept in {@linkcode Feature.original}, its qualifiers gathered by name once: the
 * reader looks them up there too.
 */
function toOriginal(feature: InsdcFeature): InsdcOriginalFeature {
  const qualifiers: Record<string, string[]> = {};
  for (const { name, value } of feature.qualifiers) {
    const values = qualifiers[name];
    if (values !== undefined && Object.hasOwn(qualifiers, name)) values.push(value ?? "");
    else if (name === "__proto__") {
      Object.defineProperty(qualifiers, name, {
        value: [value ?? ""],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else qualifiers[name] = [value ?? ""];
  }
  return { key: feature.key, location: feature.location, qualifiers, line: feature.line };
}

/** Where a feature was read and how its file's flags are meant. */
interface FeatureContext {
  record: InsdcRecord;
  file: string;
  format: "genbank" | "embl";
  pseudoIsPseudogene: boolean;
}

function toFeature(
  original: InsdcOriginalRecord,
  gene: InsdcOriginalFeature | undefined,
  type: FeatureType,
  context: FeatureContext,
): Feature {
  const { record, file } = context;
  const span = locationToSpan(parseLocation(original.location, { file, line: original.line }), {
    sequenceLength: record.length,
    file,
    line: original.line,
  });
  if (gene !== undefined) original.gene = gene;
  const feature: Feature = {
    type,
    sequenceId: record.name,
    start: span.start,
    stop: span.stop,
    strand: featureStrand(span.strand, type),
    edge: span.edge,
    hypothetical: false,
    pseudo: false,
    dbXrefs: [],
    original: { format: context.format, record: original },
  };
  const locus = first(original, "locus_tag") ?? (gene && first(gene, "locus_tag"));
  if (locus) feature.locusTag = locus;
  const geneName = first(original, "gene") ?? (gene && first(gene, "gene"));
  if (geneName) feature.gene = geneName;
  const product = featureProduct(original, type);
  if (product !== undefined && product !== "") feature.product = product;
  if ((type === "cds" || type === "sorf") && product === HYPOTHETICAL_PRODUCT) {
    feature.hypothetical = true;
  }
  const pseudoFlag = has(original, "pseudo") || has(gene, "pseudo");
  if (
    has(original, "pseudogene") || has(gene, "pseudogene") ||
    (pseudoFlag && context.pseudoIsPseudogene)
  ) {
    feature.pseudo = true;
  }
  const truncated = featureTruncation(original, span, pseudoFlag && !context.pseudoIsPseudogene);
  if (truncated !== undefined) feature.truncated = truncated;
  feature.dbXrefs = all(original, "db_xref").map((value) =>
    splitDbXref(value, "/db_xref", file, original.line)
  );
  const translation = first(original, "translation");
  if (translation) feature.aa = translation;
  return feature;
}

/** `+` for the types INSDC cannot give a strand: `?` for CRISPR arrays and origins, `.` for gaps. */
function featureStrand(strand: "+" | "-", type: FeatureType): Strand {
  if (strand === "-") return strand;
  if (type === "gap") return ".";
  if (type === "crispr" || type === "oriC" || type === "oriV" || type === "oriT") return "?";
  return strand;
}

/** `/product`, or for the types without one (see `PRODUCT_IN_NOTE`) the last `/note`. */
function featureProduct(original: InsdcOriginalFeature, type: FeatureType): string | undefined {
  const product = first(original, "product");
  if (product !== undefined || !PRODUCT_IN_NOTE.has(type)) return product;
  const notes = all(original, "note");
  return notes.length > 0 ? notes[notes.length - 1] : undefined;
}

/**
 * From the partial markers, else from Bakta's notes, else `?` when a bare `/pseudo` marks a
 * truncated feature.
 */
function featureTruncation(
  original: InsdcOriginalFeature,
  span: InsdcSpan,
  pseudoMeansTruncated: boolean,
): Truncation | undefined {
  let truncated = span.edge ? undefined : spanTruncation(span);
  if (truncated === undefined) {
    for (const note of all(original, "note")) {
      if (Object.hasOwn(TRUNCATION_NOTES, note)) truncated = TRUNCATION_NOTES[note];
    }
  }
  if (truncated === undefined && pseudoMeansTruncated) truncated = "?";
  return truncated;
}
