/**
 * Writing a run as Bakta-style GFF3.
 *
 * @module
 */

import { pseudoFlagMeansPseudogene, softwareCommentLines } from "../insdc/_bakta_conventions.ts";
import type { InsdcOriginalRecord } from "../insdc/insdc_records_to_run.ts";
import type { BaktaRun, Feature, FeatureType } from "../model.ts";
import type { Gff3OriginalRecord } from "./gff3_feature_assembler.ts";
import type { Gff3FeatureLine, Gff3Line } from "./gff3_line.ts";
import { formatGff3Line } from "./format_gff3_line.ts";

/** Options of {@linkcode formatGff3}. */
export interface FormatGff3Options {
  /**
   * Whether to end with a `##FASTA` section of the sequences that have nucleotides (Bakta does,
   * except in `--compliant` mode).
   *
   * @default {true}
   */
  fasta?: boolean;
  /**
   * The line width of the `##FASTA` section.
   *
   * @default {60}
   */
  fastaLineWidth?: number;
}

/** The GFF3 type and default source Bakta writes for each feature type. */
const COLUMNS: Record<FeatureType, [type: string, source: string]> = {
  cds: ["CDS", "Pyrodigal"],
  sorf: ["CDS", "Bakta"],
  tRNA: ["tRNA", "tRNAscan-SE"],
  tmRNA: ["tmRNA", "Aragorn"],
  rRNA: ["rRNA", "Infernal"],
  ncRNA: ["ncRNA", "Infernal"],
  "ncRNA-region": ["regulatory_region", "Infernal"],
  crispr: ["CRISPR", "PILER-CR"],
  gap: ["gap", "Bakta"],
  oriC: ["oriC", "BLAST+"],
  oriV: ["oriV", "BLAST+"],
  oriT: ["oriT", "BLAST+"],
};

/** Attributes the writer derives from the model (others are copied from a GFF3 original). */
const DERIVED = new Set([
  "ID",
  "Name",
  "locus_tag",
  "product",
  "Dbxref",
  "pseudo",
  "pseudogene",
  "gene",
  "Parent",
]);

/**
 * Writes a run as Bakta writes GFF3: the `##gff-version`/`##feature-ontology` header and the
 * `# Software:`/`# Database:` comments; per sequence a `##sequence-region` and a `region` line
 * (`Is_circular=true` when circular), then its features in run order; CRISPR arrays followed by
 * their `crispr-repeat`/`crispr-spacer` lines; then `##FASTA`.
 *
 * Attributes follow Bakta: `ID` (locus tag, else the feature id), `Name` and `product`,
 * `locus_tag`, `Dbxref`, `gene`; a pseudogene as `pseudogene=<type>` and a truncated feature as
 * `pseudo=True` (for runs of Bakta before 1.10: a pseudogene as `pseudo=True`, truncation not
 * written, as those versions did); other attributes of a feature read from GFF3 are kept.
 * An origin-spanning feature is written with end = stop + sequence length. Differences from Bakta,
 * so that the model reads back unchanged: an oriV is written `oriV` (Bakta 1.10+ writes `oriC`),
 * and every CRISPR part carries `Parent=` (Bakta leaves it off the last repeat).
 *
 * @param run The run.
 * @param options Whether and how to write `##FASTA`.
 * @returns The GFF3 text, ending with a line break.
 * @throws {RangeError} For an origin-spanning feature on a sequence the run does not list, or a
 * bad `fastaLineWidth`.
 *
 * @example Round trip of an origin-spanning CDS
 * ```ts
 * import { formatGff3 } from "./format_gff3.ts";
 * import { readGff3 } from "./read_gff3.ts";
 * const text = formatGff3({
 *   mode: "genome", genome: {}, software: { bakta: "1.11.4" }, sources: [],
 *   sequences: [{ id: "c1", length: 1330, topology: "circular" }],
 *   features: [{ type: "cds", sequenceId: "c1", start: 971, stop: 141, strand: "-", edge: true,
 *     locusTag: "X_1", product: "hypothetical protein", hypothetical: true, pseudo: false,
 *     dbXrefs: [], original: { format: "json", record: {} } }],
 * });
 * if (!text.includes("c1\tPyrodigal\tCDS\t971\t1471\t.\t-\t0\t")) throw new Error(text);
 * const [cds] = readGff3(text).features;
 * if (!cds.edge || cds.stop !== 141) throw new Error("round trip");
 * ```
 */
export function formatGff3(run: BaktaRun, options: FormatGff3Options = {}): string {
  const { fasta = true, fastaLineWidth = 60 } = options;
  const lines: Gff3Line[] = [
    { kind: "directive", line: 0, name: "gff-version", value: "3" },
    {
      kind: "directive",
      line: 0,
      name: "feature-ontology",
      value: "https://github.com/The-Sequence-Ontology/SO-Ontologies/blob/v3.1/so.obo",
    },
  ];
  if (run.genome.taxon) {
    lines.push({ kind: "comment", line: 0, text: `organism ${run.genome.taxon}` });
  }
  for (const text of softwareCommentLines(run.software)) {
    lines.push({ kind: "comment", line: 0, text });
  }
  const bySequence = new Map<string, Feature[]>();
  for (const feature of run.features) {
    const list = bySequence.get(feature.sequenceId);
    if (list === undefined) bySequence.set(feature.sequenceId, [feature]);
    else list.push(feature);
  }
  const writer = new FeatureWriter(pseudoFlagMeansPseudogene(run.software.bakta));
  for (const sequence of run.sequences) {
    lines.push({
      kind: "directive",
      line: 0,
      name: "sequence-region",
      value: `${sequence.id} 1 ${sequence.length}`,
    });
    const attributes = new Map([["ID", [sequence.id]], ["Name", [sequence.id]]]);
    if (sequence.topology === "circular") attributes.set("Is_circular", ["true"]);
    lines.push(featureLine(sequence.id, "Bakta", "region", 1, sequence.length, "+", attributes));
    for (const feature of bySequence.get(sequence.id) ?? []) {
      writer.write(feature, sequence.length, lines);
    }
    bySequence.delete(sequence.id);
  }
  for (const features of bySequence.values()) {
    for (const feature of features) writer.write(feature, undefined, lines);
  }
  if (fasta && run.sequences.some((sequence) => sequence.nt !== undefined)) {
    lines.push({ kind: "directive", line: 0, name: "FASTA" });
    for (const sequence of run.sequences) {
      if (sequence.nt === undefined) continue;
      lines.push({ kind: "sequence", line: 0, id: sequence.id, sequence: sequence.nt });
    }
  }
  return lines.map((line) => formatGff3Line(line, { fastaLineWidth })).join("\n") + "\n";
}

function featureLine(
  seqid: string,
  source: string,
  type: string,
  start: number,
  end: number,
  strand: string,
  attributes: Map<string, string[]>,
  score?: number,
  phase?: 0 | 1 | 2,
): Gff3FeatureLine {
  return {
    kind: "feature",
    line: 0,
    seqid,
    source,
    type,
    start,
    end,
    score,
    strand: strand as Gff3FeatureLine["strand"],
    phase,
    attributes,
  };
}

/** The e-value Bakta writes in column 6 (rRNA, ncRNA, ncRNA-region) from a JSON feature. */
function jsonScore(feature: Feature): number | undefined {
  if (feature.original.format !== "json") return undefined;
  const record = feature.original.record as { evalue?: unknown };
  return typeof record?.evalue === "number" ? record.evalue : undefined;
}

/**
 * The `pseudogene=` value of a pseudogene: as read (GFF3 attribute or INSDC qualifier, on the
 * feature or its folded gene), else from the JSON's paralog flag for a CDS, else `unknown`.
 */
function pseudogeneKind(feature: Feature, gff3: Gff3OriginalRecord | undefined): string {
  const insdc = feature.original.format === "genbank" || feature.original.format === "embl"
    ? feature.original.record as InsdcOriginalRecord
    : undefined;
  const json = feature.evidence?.pseudogene as { paralog?: boolean } | undefined;
  return gff3?.attributes.get("pseudogene")?.[0] ??
    gff3?.gene?.attributes.get("pseudogene")?.[0] ??
    insdc?.qualifiers.pseudogene?.[0] ?? insdc?.gene?.qualifiers.pseudogene?.[0] ??
    (feature.type === "cds" && typeof json?.paralog === "boolean"
      ? (json.paralog ? "unprocessed" : "unitary")
      : "unknown");
}

class FeatureWriter {
  readonly #oldPseudo: boolean;
  #crisprCount = 0;

  constructor(oldPseudo: boolean) {
    this.#oldPseudo = oldPseudo;
  }

  write(feature: Feature, length: number | undefined, out: Gff3Line[]): void {
    const gff3 = feature.original.format === "gff3"
      ? feature.original.record as Gff3OriginalRecord
      : undefined;
    const [type, defaultSource] = COLUMNS[feature.type];
    let source = gff3?.source ??
      (feature.type === "cds" && this.#oldPseudo ? "Prodigal" : defaultSource);
    if (feature.type === "sorf") source = "Bakta";
    else if (feature.type === "cds" && source === "Bakta") source = defaultSource;
    let id = feature.locusTag ?? feature.id;
    if (id === undefined && feature.crisprParts?.length) {
      id = `${feature.sequenceId}_crispr_${++this.#crisprCount}`;
    }
    const span = feature.edge ? feature.stop + this.#length(feature, length) : feature.stop;
    const attributes = this.#attributes(feature, gff3, id, span);
    const phase = feature.type === "cds" || feature.type === "sorf" ? 0 : undefined;
    out.push(
      featureLine(
        feature.sequenceId,
        source,
        type,
        feature.start,
        span,
        feature.strand,
        attributes,
        gff3 !== undefined ? gff3.score : jsonScore(feature),
        phase,
      ),
    );
    for (const child of gff3?.children ?? []) {
      // Children read from GFF3 other than CRISPR parts (signal peptides), written back as read.
      if (child.type !== "crispr-repeat" && child.type !== "crispr-spacer") out.push(child);
    }
    if (feature.crisprParts !== undefined && feature.crisprParts.length > 0) {
      this.#writeCrisprParts(feature, { id: id!, source, length }, out);
    }
  }

  /**
   * Column 9 in Bakta's order: ID, Name, locus_tag, gene (RNAs), product, Dbxref, gene (tRNA),
   * the pseudo flags, gene (others), then the attributes read from a GFF3 that are not derived.
   */
  #attributes(
    feature: Feature,
    gff3: Gff3OriginalRecord | undefined,
    id: string | undefined,
    span: number,
  ): Map<string, string[]> {
    const attributes = new Map<string, string[]>();
    if (id !== undefined) attributes.set("ID", [id]);
    const product = feature.type === "gap"
      ? `gap (${span - feature.start + 1} bp)`
      : feature.product;
    if (product !== undefined) attributes.set("Name", [product]);
    if (feature.locusTag !== undefined) attributes.set("locus_tag", [feature.locusTag]);
    // Bakta writes the gene of RNAs before the product (tRNA: after the cross-references), of
    // CDSs after the pseudo flags.
    const geneFirst = feature.type === "rRNA" || feature.type === "ncRNA" ||
      feature.type === "tmRNA" || feature.type === "tRNA";
    if (geneFirst && feature.type !== "tRNA" && feature.gene !== undefined) {
      attributes.set("gene", [feature.gene]);
    }
    if (product !== undefined) attributes.set("product", [product]);
    if (feature.dbXrefs.length > 0) {
      attributes.set("Dbxref", feature.dbXrefs.map(({ db, accession }) => `${db}:${accession}`));
    }
    if (feature.type === "tRNA" && feature.gene !== undefined) {
      attributes.set("gene", [feature.gene]);
    }
    if (this.#oldPseudo) {
      if (feature.pseudo) attributes.set("pseudo", ["True"]);
    } else if (feature.pseudo) {
      attributes.set("pseudogene", [pseudogeneKind(feature, gff3)]);
    } else if (feature.truncated !== undefined) {
      attributes.set("pseudo", ["True"]);
    }
    if (!geneFirst && feature.gene !== undefined) attributes.set("gene", [feature.gene]);
    if (gff3 !== undefined) {
      for (const [tag, values] of gff3.attributes) {
        if (!DERIVED.has(tag) && !attributes.has(tag)) attributes.set(tag, values);
      }
    } else if (feature.type === "oriC" || feature.type === "oriV" || feature.type === "oriT") {
      attributes.set("inference", ["similar to DNA sequence"]);
    }
    return attributes;
  }

  /** The `crispr-repeat`/`crispr-spacer` lines of an array, children of its `id`. */
  #writeCrisprParts(
    feature: Feature,
    { id, source, length }: { id: string; source: string; length: number | undefined },
    out: Gff3Line[],
  ): void {
    const counts = { repeat: 0, spacer: 0 };
    for (const part of feature.crisprParts ?? []) {
      const number = ++counts[part.kind];
      const partAttributes = new Map([
        ["ID", [`${id}_${part.kind}_${number}`]],
        ["Parent", [id]],
      ]);
      if (part.nt !== undefined) partAttributes.set("sequence", [part.nt]);
      const end = part.stop < part.start ? part.stop + this.#length(feature, length) : part.stop;
      out.push(
        featureLine(
          feature.sequenceId,
          source,
          `crispr-${part.kind}`,
          part.start,
          end,
          part.strand,
          partAttributes,
        ),
      );
    }
  }

  #length(feature: Feature, length: number | undefined): number {
    if (length === undefined) {
      throw new RangeError(
        `Cannot write the origin-spanning ${feature.type} ${feature.start}..${feature.stop}: sequence "${feature.sequenceId}" is not in the run`,
      );
    }
    return length;
  }
}
