/**
 * Turning a run into GenBank/EMBL records the way Bakta writes them.
 *
 * @module
 */

import type { BaktaRun, Feature, FeatureType, Sequence } from "../model.ts";
import { pseudoFlagMeansPseudogene, softwareCommentLines } from "./_bakta_conventions.ts";
import { formatLocation } from "./format_location.ts";
import type { InsdcOriginalRecord } from "./insdc_records_to_run.ts";
import type { InsdcFeature, InsdcQualifier, InsdcRecord } from "./insdc_record.ts";
import { spanToLocation } from "./location_span.ts";

/** Options of {@linkcode runToInsdcRecords}. */
export interface RunToInsdcRecordsOptions {
  /**
   * The target format: sets the division (`BCT` for GenBank, `PRO` for EMBL, as Biopython maps
   * them).
   *
   * @default {"genbank"}
   */
  format?: "genbank" | "embl";
  /**
   * The date for the `LOCUS` line, `DD-MON-YYYY`.
   *
   * @default {today}
   */
  date?: string;
}

/** The INSDC key Bakta writes for each type. */
const KEYS: Record<FeatureType, string> = {
  cds: "CDS",
  sorf: "CDS",
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  "ncRNA-region": "regulatory",
  crispr: "repeat_region",
  gap: "gap",
  oriC: "rep_origin",
  oriV: "rep_origin",
  oriT: "oriT",
};

/** Types whose product Bakta writes as a `/note`. */
const PRODUCT_AS_NOTE = new Set<FeatureType>(["ncRNA-region", "crispr", "oriC", "oriV", "oriT"]);

/** Qualifiers the writer derives from the model (others are copied from an INSDC original). */
const DERIVED = new Set([
  "note",
  "db_xref",
  "product",
  "locus_tag",
  "protein_id",
  "translation",
  "codon_start",
  "transl_table",
  "pseudo",
  "pseudogene",
  "gene",
]);

const TRUNCATION_NOTES = {
  "5-prime": "(5' truncated)",
  "3-prime": "(3' truncated)",
  both: "(partial)",
};

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/**
 * Builds one GenBank/EMBL record per sequence of the run, as Bakta writes them: a `source`
 * feature (`/mol_type`, `/organism`, `/strain`, `/plasmid` or `/chromosome`), then per feature a
 * `gene` feature (for features with a locus tag) and the feature itself. Keys: `CDS` (cds and
 * sORF; a sORF has `/inference="ab initio prediction:Bakta"`), `tRNA`, `tmRNA`, `rRNA`, `ncRNA`,
 * `regulatory`, `repeat_region` (`/rpt_family="CRISPR"`), `gap` (`/estimated_length`),
 * `rep_origin` (oriC and oriV), `oriT`; products of the last four as `/note`. Locations:
 * `complement(…)` on `-`, partial markers for truncation, `join(start..length,1..stop)` for an
 * origin-spanning feature. Pseudogenes get `/pseudogene`, truncated features `/pseudo` (runs of
 * Bakta before 1.10: `/pseudo` for pseudogenes, truncation only as partial markers). Qualifiers
 * of a feature read from GenBank/EMBL that the model does not hold (`/inference`,
 * `/ncRNA_class`, `/anticodon`, …) are kept; for a feature read from JSON the `/inference`s
 * are made from its evidence as Bakta makes them.
 *
 * The `DEFINITION` is made as Bakta makes it from the sequence type, name and completeness
 * (`plasmid pX, complete sequence`, `chromosome, complete genome`, `<id>, whole genome shotgun
 * sequence`).
 *
 * @param run The run.
 * @param options The format and date.
 * @returns The records, in sequence order (features on sequences the run does not list are left
 * out).
 * @throws {RangeError} For a `date` not of the form `DD-MON-YYYY`.
 *
 * @example
 * ```ts
 * import { runToInsdcRecords } from "./run_to_insdc_records.ts";
 * const [record] = runToInsdcRecords({
 *   mode: "genome", genome: {}, software: {}, sources: [],
 *   sequences: [{ id: "c1", length: 1330, topology: "circular" }],
 *   features: [{ type: "cds", sequenceId: "c1", start: 971, stop: 141, strand: "-", edge: true,
 *     locusTag: "X_1", hypothetical: false, pseudo: false, dbXrefs: [],
 *     original: { format: "json", record: {} } }],
 * }, { date: "01-JAN-2025" });
 * const [, gene, cds] = record.features;
 * if (gene.key !== "gene" || cds.location !== "complement(join(971..1330,1..141))") {
 *   throw new Error(cds.location);
 * }
 * ```
 */
export function runToInsdcRecords(
  run: BaktaRun,
  options: RunToInsdcRecordsOptions = {},
): InsdcRecord[] {
  const { format = "genbank", date = today() } = options;
  if (!/^\d{2}-[A-Z]{3}-\d{4}$/.test(date)) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected DD-MON-YYYY`);
  }
  const oldPseudo = pseudoFlagMeansPseudogene(run.software.bakta);
  const comment = softwareCommentLines(run.software).join("\n");
  const bySequence = new Map<string, Feature[]>();
  for (const feature of run.features) {
    const list = bySequence.get(feature.sequenceId);
    if (list === undefined) bySequence.set(feature.sequenceId, [feature]);
    else list.push(feature);
  }
  const taxon = run.genome.taxon ??
    ([run.genome.genus, run.genome.species].filter(Boolean).join(" ") || undefined);
  const translationTable = run.genome.translationTable ?? 11;
  return run.sequences.map((sequence) => {
    const record: InsdcRecord = {
      name: sequence.id,
      length: sequence.length,
      moleculeType: "DNA",
      division: format === "embl" ? "PRO" : sequence.type === "contig" ? "HGT" : "BCT",
      date,
      definition: definition(sequence, taxon),
      accession: sequence.id,
      version: sequence.id,
      keywords: ".",
      source: taxon ?? ".",
      organism: taxon ?? ".",
      taxonomy: ".",
      features: [sourceFeature(sequence, run, taxon)],
      line: 0,
    };
    if (sequence.topology !== undefined) record.topology = sequence.topology;
    if (comment !== "") record.comment = comment;
    if (sequence.nt !== undefined) record.sequence = sequence.nt.toLowerCase();
    for (const feature of bySequence.get(sequence.id) ?? []) {
      writeFeature(
        feature,
        sequence.length,
        oldPseudo,
        translationTable,
        run.software.bakta,
        record.features,
      );
    }
    return record;
  });
}

function today(): string {
  const now = new Date();
  return `${String(now.getDate()).padStart(2, "0")}-${MONTHS[now.getMonth()]}-${now.getFullYear()}`;
}

function definition(sequence: Sequence, taxon: string | undefined): string {
  let text = taxon ?? "";
  if (sequence.type === "plasmid") {
    text += ` plasmid ${sequence.name ?? "unnamed"}`;
    text += sequence.complete ? ", complete sequence" : ", whole genome shotgun sequence";
  } else if (sequence.type === "chromosome") {
    text += sequence.complete
      ? " chromosome, complete genome"
      : ` chromosome ${sequence.id}, whole genome shotgun sequence`;
  } else {
    text += ` ${sequence.id}, whole genome shotgun sequence`;
  }
  return text.trim();
}

function quoted(name: string, value: string): InsdcQualifier {
  return { name, value, quoted: true };
}

function sourceFeature(sequence: Sequence, run: BaktaRun, taxon: string | undefined): InsdcFeature {
  const qualifiers: InsdcQualifier[] = [quoted("mol_type", "genomic DNA")];
  if (taxon !== undefined) qualifiers.push(quoted("organism", taxon));
  if (run.genome.strain) qualifiers.push(quoted("strain", run.genome.strain));
  if (sequence.type === "plasmid") qualifiers.push(quoted("plasmid", sequence.name ?? "unnamed"));
  else if (sequence.type === "chromosome" && sequence.name) {
    qualifiers.push(quoted("chromosome", sequence.name));
  }
  return { key: "source", location: `1..${sequence.length}`, qualifiers, line: 0 };
}

function writeFeature(
  feature: Feature,
  length: number,
  oldPseudo: boolean,
  translationTable: number,
  version: string | undefined,
  out: InsdcFeature[],
): void {
  const original = feature.original.format === "genbank" || feature.original.format === "embl"
    ? feature.original.record as InsdcOriginalRecord
    : undefined;
  const location = formatLocation(spanToLocation(feature, length));
  const type = feature.type;
  const coding = type === "cds" || type === "sorf";
  const pseudogeneType = original?.qualifiers.pseudogene?.[0] ??
    original?.gene?.qualifiers.pseudogene?.[0] ?? (type === "cds" ? "unitary" : "unknown");
  const pseudoFlag = oldPseudo ? feature.pseudo && !coding : !feature.pseudo &&
    feature.truncated !== undefined && !feature.edge;
  const pseudogene = feature.pseudo && !(oldPseudo && !coding);
  if (feature.locusTag !== undefined) {
    const gene: InsdcQualifier[] = [quoted("locus_tag", feature.locusTag)];
    if (feature.gene !== undefined) gene.push(quoted("gene", feature.gene));
    if (pseudogene) gene.push(quoted("pseudogene", pseudogeneType));
    else if (pseudoFlag) gene.push({ name: "pseudo" });
    out.push({ key: "gene", location, qualifiers: gene, line: 0 });
  }
  const qualifiers = noteQualifiers(feature, original, oldPseudo);
  for (const { db, accession } of feature.dbXrefs) {
    qualifiers.push(quoted("db_xref", `${db}:${accession}`));
  }
  if (!PRODUCT_AS_NOTE.has(type) && feature.product !== undefined) {
    qualifiers.push(quoted("product", feature.product));
  }
  if (feature.locusTag !== undefined) qualifiers.push(quoted("locus_tag", feature.locusTag));
  // Bakta puts a CDS's /pseudogene after the locus tag, other features' after the inference.
  if (pseudogene && coding) qualifiers.push(quoted("pseudogene", pseudogeneType));
  if (coding) addCodingQualifiers(feature, translationTable, qualifiers);
  const kept = keptQualifiers(feature, original, version);
  qualifiers.push(...kept);
  const typical = typicalQualifier(feature, kept, length);
  if (typical !== undefined) qualifiers.push(typical);
  if (pseudogene && !coding) qualifiers.push(quoted("pseudogene", pseudogeneType));
  else if (pseudoFlag) qualifiers.push({ name: "pseudo" });
  if (feature.gene !== undefined) qualifiers.push(quoted("gene", feature.gene));
  out.push({ key: KEYS[type], location, qualifiers, line: 0 });
}

/**
 * The leading `/note`s: the product of an origin or CRISPR array; the notes read from GenBank or
 * EMBL; else a pseudogene's description and the truncation, as Bakta writes them.
 */
function noteQualifiers(
  feature: Feature,
  original: InsdcOriginalRecord | undefined,
  oldPseudo: boolean,
): InsdcQualifier[] {
  const qualifiers: InsdcQualifier[] = [];
  const type = feature.type;
  if (PRODUCT_AS_NOTE.has(type)) {
    // Bakta writes oriC and oriV alike; a leading note keeps an oriV recognizable.
    if (type === "oriV" && feature.product !== "oriV") qualifiers.push(quoted("note", "oriV"));
    if (feature.product !== undefined) qualifiers.push(quoted("note", feature.product));
  } else if (original !== undefined) {
    for (const note of original.qualifiers.note ?? []) qualifiers.push(quoted("note", note));
  } else {
    const description = (feature.evidence?.pseudogene as { description?: unknown } | undefined)
      ?.description;
    if (feature.pseudo && (type === "cds" || type === "sorf") && typeof description === "string") {
      qualifiers.push(quoted("note", description));
    }
    if (feature.truncated !== undefined && feature.truncated !== "?" && !oldPseudo) {
      qualifiers.push(quoted("note", TRUNCATION_NOTES[feature.truncated]));
    }
  }
  return qualifiers;
}

/** A CDS's or sORF's protein id and translation (not for a pseudogene), codon start, table. */
function addCodingQualifiers(
  feature: Feature,
  translationTable: number,
  qualifiers: InsdcQualifier[],
): void {
  if (!feature.pseudo && feature.aa !== undefined) {
    if (feature.locusTag !== undefined) {
      qualifiers.push(quoted("protein_id", `gnl|Bakta|${feature.locusTag}`));
    }
    qualifiers.push(quoted("translation", feature.aa));
  }
  qualifiers.push({ name: "codon_start", value: "1", quoted: false });
  qualifiers.push({ name: "transl_table", value: String(translationTable), quoted: false });
}

/** The qualifiers kept as read (GenBank/EMBL, not derived) or rebuilt from a JSON feature. */
function keptQualifiers(
  feature: Feature,
  original: InsdcOriginalRecord | undefined,
  version: string | undefined,
): InsdcQualifier[] {
  const kept: InsdcQualifier[] = [];
  if (original !== undefined) {
    for (const [name, values] of Object.entries(original.qualifiers)) {
      if (DERIVED.has(name)) continue;
      for (const value of values) {
        kept.push(value === "" ? { name } : { name, value, quoted: !/^\d+$/.test(value) });
      }
    }
  }
  if (feature.original.format === "json") kept.push(...jsonQualifiers(feature, version));
  return kept;
}

/**
 * The qualifier Bakta always writes for the feature's type (sORF inference, ncRNA and regulatory
 * class, CRISPR repeat family, gap length, origin inference) when `kept` lacks it.
 */
function typicalQualifier(
  feature: Feature,
  kept: InsdcQualifier[],
  length: number,
): InsdcQualifier | undefined {
  const type = feature.type;
  const has = (name: string) => kept.some((qualifier) => qualifier.name === name);
  if (type === "sorf" && !kept.some((q) => q.value?.startsWith("ab initio prediction:Bakta"))) {
    return quoted("inference", "ab initio prediction:Bakta");
  } else if (type === "ncRNA" && !has("ncRNA_class")) {
    return quoted("ncRNA_class", "other");
  } else if (type === "ncRNA-region" && !has("regulatory_class")) {
    return quoted("regulatory_class", "other");
  } else if (type === "crispr" && !has("rpt_family")) {
    return quoted("rpt_family", "CRISPR");
  } else if (type === "gap" && !has("estimated_length")) {
    const span = feature.edge ? feature.stop + length - feature.start + 1 : feature.stop -
      feature.start + 1;
    return { name: "estimated_length", value: String(span), quoted: false };
  } else if ((type === "oriC" || type === "oriV" || type === "oriT") && !has("inference")) {
    return quoted("inference", "similar to DNA sequence");
  }
  return undefined;
}

/** An object field of a JSON record, where it is one. */
function field(record: unknown, key: string): Record<string, unknown> | undefined {
  const value = (record as Record<string, unknown> | undefined)?.[key];
  return value !== null && typeof value === "object" ? value as Record<string, unknown> : undefined;
}

/**
 * The qualifiers Bakta derives from a JSON feature's evidence (bakta/io/insdc.py): the
 * `/inference`s of CDSs and sORFs (gene caller, then the best similarity hit), of RNAs (the
 * tool or the Rfam model), of CRISPR arrays, and the CRISPR repeat qualifiers.
 */
function jsonQualifiers(feature: Feature, version: string | undefined): InsdcQualifier[] {
  const record = feature.original.record as Record<string, unknown>;
  const evidence = feature.evidence ?? {};
  const out: InsdcQualifier[] = [];
  const rfam = feature.dbXrefs.filter((xref) => xref.db === "RFAM").at(-1);
  switch (feature.type) {
    case "cds":
    case "sorf": {
      if (feature.type === "sorf") {
        const minor = /^(\d+\.\d+)/.exec(version ?? "")?.[1];
        out.push(quoted("inference", `ab initio prediction:Bakta${minor ? `:${minor}` : ""}`));
      } else if (record.source === "user") {
        out.push(
          quoted(
            "inference",
            "EXISTENCE:non-experimental evidence, no additional details recorded",
          ),
        );
      } else {
        out.push(quoted("inference", "ab initio prediction:Prodigal:2.6"));
      }
      const ups = field(evidence, "ups");
      const ips = field(evidence, "ips");
      const psc = field(evidence, "psc");
      const pscc = field(evidence, "pscc");
      const similar = ups?.ncbi_nrp_id !== undefined
        ? `RefSeq:${ups.ncbi_nrp_id}`
        : ips?.uniref100_id !== undefined
        ? `UniRef:${ips.uniref100_id}`
        : ups?.uniparc_id !== undefined
        ? `UniParc:${ups.uniparc_id}`
        : psc?.uniref90_id !== undefined && psc.valid === true
        ? `UniRef:${psc.uniref90_id}`
        : pscc?.uniref50_id !== undefined
        ? `UniRef:${pscc.uniref50_id}`
        : undefined;
      if (similar !== undefined) out.push(quoted("inference", `similar to AA sequence:${similar}`));
      break;
    }
    case "tRNA":
      out.push(quoted("inference", "profile:tRNAscan:2.0"));
      break;
    case "tmRNA":
      out.push(quoted("inference", "profile:aragorn:1.2"));
      break;
    case "rRNA":
    case "ncRNA":
    case "ncRNA-region":
      if (rfam !== undefined) out.push(quoted("inference", `profile:Rfam:${rfam.accession}`));
      break;
    case "crispr":
      out.push(quoted("rpt_family", "CRISPR"), quoted("rpt_type", "direct"));
      if (typeof record.repeat_consensus === "string") {
        out.push(quoted("rpt_unit_seq", record.repeat_consensus));
      }
      out.push(quoted("inference", "COORDINATES:alignment:pilercr:1.02"));
      break;
  }
  return out;
}
