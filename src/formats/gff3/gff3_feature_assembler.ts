/**
 * The incremental core that turns typed GFF3 lines into the model's features and sequences, the
 * way Bakta writes them.
 *
 * @module
 */

import { splitDbXref } from "../bakta_json/split_db_xref.ts";
import {
  HYPOTHETICAL_PRODUCT,
  pseudoFlagMeansPseudogene,
  readSoftwareComment,
} from "../insdc/_bakta_conventions.ts";
import type {
  DbXref,
  Feature,
  FeatureType,
  GenomeInfo,
  OriginalRecord,
  Sequence,
  SoftwareVersions,
} from "../model.ts";
import { ParseError } from "../parse_error.ts";
import { StringPool } from "../_string_pool.ts";
import type {
  Gff3FeatureLine,
  Gff3Line,
  Gff3PendingSequence,
  Gff3SequenceRecord,
} from "./gff3_line.ts";
import { defineLazyNt, lengthMismatchError } from "./_lazy_sequence_nt.ts";
import {
  factsOfLine,
  type Gff3LineFacts,
  type Gff3LineSource,
  lineSource,
  scanFeatureLine,
  sourceRecord,
} from "./_gff3_line_facts.ts";
import { Gff3Names } from "./_gff3_names.ts";

/**
 * A feature's `original` record (`format: "gff3"`): the very feature line it was read from
 * (columns as written, so `end` lies beyond the sequence length for an origin-spanning feature;
 * `attributes` a `Gff3Attributes` map, written as an object by `JSON.stringify`), with
 * the lines folded into it.
 */
export interface Gff3OriginalRecord extends Gff3FeatureLine {
  /** The `gene` line folded into this feature (Bakta ≤ 1.4 and `--compliant` layouts). */
  gene?: Gff3FeatureLine;
  /** Child lines folded into this feature (CRISPR repeats/spacers, signal peptides). */
  children?: Gff3FeatureLine[];
}

/** Options of {@linkcode Gff3FeatureAssembler}. */
export interface Gff3AssembleOptions {
  /**
   * The file, for errors.
   *
   * @default {"input"}
   */
  file?: string;
  /**
   * How many recent features stay open for child lines (`Parent=`) before they are handed out.
   * Bakta writes children right after their parent, so a small window suffices.
   *
   * @default {1000}
   */
  maxBufferedFeatures?: number;
}

/** The default of {@linkcode Gff3AssembleOptions.maxBufferedFeatures}. */
export const DEFAULT_MAX_BUFFERED_FEATURES = 1000;

const NONE: readonly Feature[] = Object.freeze([]);

/** GFF3 types (other than `CDS` and `repeat_region`) and the Bakta types they stand for. */
const GFF3_TYPES: Record<string, FeatureType> = {
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  ncRNA_gene: "ncRNA",
  regulatory_region: "ncRNA-region",
  CRISPR: "crispr",
  gap: "gap",
  oriC: "oriC",
  oriV: "oriV",
  oriT: "oriT",
  origin_of_replication: "oriC",
  rep_origin: "oriC",
  origin_of_transfer: "oriT",
};

/** Types whose product Bakta's `--compliant` mode writes as a `Note`. */
const PRODUCT_MAY_BE_NOTE = new Set<FeatureType>(["crispr", "oriC", "oriV", "oriT"]);

/**
 * Assembles typed GFF3 lines (from {@linkcode Gff3LineParser}) into model features:
 *
 * - types: `CDS` is a `cds`, or a `sorf` when its source is `Bakta`; `regulatory_region` is an
 *   `ncRNA-region`, `CRISPR` a `crispr`; `tRNA`, `tmRNA`, `rRNA`, `ncRNA`, `gap`, `oriC`, `oriV`,
 *   `oriT` keep their names (Bakta 1.10+ writes an oriV as `oriC`: the difference is lost in
 *   GFF3). Lines of other types are not features of the model and are skipped; a child of a
 *   feature (e.g. `signal_peptide` with `Parent=`) is kept in the parent's `original.children`.
 * - `crispr-repeat`/`crispr-spacer` lines become the parent array's `crisprParts` (by `Parent=`,
 *   or, for the last repeat that Bakta writes without `Parent`, by its `ID` prefix or position).
 * - a `gene` line followed by its child (`Parent=`; Bakta ≤ 1.4 and `--compliant`) is folded
 *   into that child: one feature.
 * - an end beyond the sequence length (from `##sequence-region` or `region`) marks an
 *   origin-spanning feature: `edge: true`, `stop = end - length`; not on a sequence whose
 *   `region` line says it is linear (no `Is_circular=true`): there the end stays as written, past
 *   the sequence end, for `readGff3` to reject.
 * - `pseudogene=…` marks a pseudogene; `pseudo=True` does too in files of Bakta before 1.10,
 *   but from 1.10 on Bakta writes it on truncated features (`truncated: "?"`, the end is not
 *   written).
 * - `hypothetical` for a CDS/sORF whose product is "hypothetical protein"; `Dbxref` values are
 *   split at their first colon; `ID` is the feature's `id` when there is no `locus_tag`.
 * - a gap's `product` ("gap (N bp)") is not kept: Bakta makes it up from the length.
 *
 * Features stay open for children until {@linkcode Gff3AssembleOptions.maxBufferedFeatures}
 * newer features arrive, or `###`, `##FASTA` or `##sequence-region`; then they are handed out.
 *
 * @example Folding a CRISPR array
 * ```ts
 * import { Gff3FeatureAssembler } from "./gff3_feature_assembler.ts";
 * import { parseGff3 } from "./parse_gff3.ts";
 * const lines = parseGff3([
 *   "##sequence-region c1 1 100",
 *   "c1\tPILER-CR\tCRISPR\t10\t40\t.\t?\t.\tID=C_1;product=CRISPR array",
 *   "c1\tPILER-CR\tcrispr-repeat\t10\t20\t.\t?\t.\tID=C_1_repeat_1;Parent=C_1",
 *   "c1\tPILER-CR\tcrispr-spacer\t21\t29\t.\t?\t.\tID=C_1_spacer_1;Parent=C_1;sequence=ACGTACGTA",
 *   "c1\tPILER-CR\tcrispr-repeat\t30\t40\t.\t?\t.\tID=C_1_repeat_2",
 * ].join("\n"));
 * const assembler = new Gff3FeatureAssembler();
 * const features = [...lines.flatMap((line) => assembler.push(line)), ...assembler.finish()];
 * if (features.length !== 1 || features[0].crisprParts?.length !== 3) throw new Error("fold");
 * ```
 */
export class Gff3FeatureAssembler {
  readonly #file: string;
  readonly #max: number;
  readonly #software: SoftwareVersions = {};
  readonly #genome: GenomeInfo = {};
  readonly #sequences = new Map<string, Sequence>();
  #pseudoIsPseudogene = false;
  // The open features are #window[#head..]; a feature's serial is its index in #window plus
  // #base, so an evicted feature is one whose serial is below #base + #head (no map deletes).
  #window: Feature[] = [];
  // The IDs and the record sources of #window's features, index for index.
  #windowIds: (string | undefined)[] = [];
  #windowOrigins: FeatureOrigin[] = [];
  #head = 0;
  #base = 0;
  // The serials of the open features by ID, filled only when a Parent is looked up (most files
  // have few children): #indexed is the serial of the first feature not yet in it.
  #byId = new Map<string, number>();
  #indexed = 0;
  #lastGene: Gff3LineFacts | undefined;
  #lastCrispr = -1;
  #sawFasta = false;
  /** The ids of the sequences read from the `##FASTA` section (their `nt` may not be read yet). */
  readonly #inFasta = new Set<string>();
  readonly #dbNames = new StringPool();
  #lastDb = "";
  readonly #names = new Gff3Names();

  /**
   * Creates an assembler.
   *
   * @param options The file name and the window size.
   * @throws {RangeError} When `maxBufferedFeatures` is not a positive integer.
   */
  constructor(options: Gff3AssembleOptions = {}) {
    const { file = "input", maxBufferedFeatures = DEFAULT_MAX_BUFFERED_FEATURES } = options;
    if (!Number.isInteger(maxBufferedFeatures) || maxBufferedFeatures < 1) {
      throw new RangeError(
        `Invalid maxBufferedFeatures ${maxBufferedFeatures}: expected a positive integer`,
      );
    }
    this.#file = file;
    this.#max = maxBufferedFeatures;
  }

  /** The software versions read from the comment header so far. */
  get software(): SoftwareVersions {
    return this.#software;
  }

  /** The organism read from a `# organism` comment, where there is one. */
  get genome(): GenomeInfo {
    return this.#genome;
  }

  /** The sequences declared or given so far, in order of first mention. */
  get sequences(): Sequence[] {
    return [...this.#sequences.values()];
  }

  /**
   * Takes the next typed line.
   *
   * @param line The line.
   * @returns The features that can no longer receive children, in file order (often none).
   * @throws {ParseError} For features that contradict the sequence length, orphan CRISPR parts,
   * bad cross-references or `##sequence-region` lines.
   */
  push(line: Gff3Line): readonly Feature[] {
    switch (line.kind) {
      case "feature":
        return this.#feature(factsOfLine(line));
      case "comment": {
        readSoftwareComment(line.text, this.#software);
        this.#pseudoIsPseudogene = pseudoFlagMeansPseudogene(this.#software.bakta);
        const organism = /^organism\s+(.+)$/.exec(line.text);
        if (organism) this.#genome.taxon = organism[1].trim();
        return NONE;
      }
      case "directive":
        if (line.name === "sequence-region") {
          this.#sequenceRegion(line.value ?? "", line.line);
          return this.#flush();
        }
        if (line.name === "FASTA") this.#sawFasta = true;
        if (line.name === "#" || line.name === "FASTA") return this.#flush();
        return NONE;
      case "sequence":
        this.#sawFasta = true;
        this.#fastaSequence(line);
        return this.#flush();
    }
  }

  /**
   * Takes the next feature line as text (what `readGff3` does for every line that is not a
   * comment, a directive or FASTA): columns 1–8 and every `%` escape are checked as
   * {@linkcode Gff3LineParser} checks them, but only the attributes the model needs are read; the
   * line is parsed in full when a feature's `original.record` is first read (the features then
   * hold on to the text they were read from).
   *
   * @param text The line, without its line break.
   * @param lineNumber Its 1-based line number.
   * @returns The features that can no longer receive children, in file order (often none).
   * @throws {ParseError} As {@linkcode push}, and for a bad line as {@linkcode Gff3LineParser}.
   *
   * @example A CDS from its text
   * ```ts
   * import { Gff3FeatureAssembler } from "./gff3_feature_assembler.ts";
   * const assembler = new Gff3FeatureAssembler({ file: "x.gff3" });
   * assembler.pushFeatureText("c1\tProdigal\tCDS\t1\t9\t.\t+\t0\tID=X_1;locus_tag=X_1;Name=p", 7);
   * const [cds] = assembler.finish();
   * const record = cds.original.record as { attributes: Map<string, string[]> };
   * if (cds.locusTag !== "X_1" || record.attributes.get("Name")?.[0] !== "p") throw new Error("lazy");
   * ```
   */
  pushFeatureText(text: string, lineNumber: number): readonly Feature[] {
    return this.#feature(scanFeatureLine(text, lineNumber, this.#file, this.#names));
  }

  /**
   * Takes a record of the `##FASTA` section found but not yet read (what `readGff3` does): a
   * sequence declared by `##sequence-region` gets an `nt` checked, joined and compared with the
   * declared length on its first read, so a bad letter or length then throws its
   * {@linkcode ParseError} (naming the file and line) from that read; an undeclared one is read
   * now, as {@linkcode push} reads a sequence record.
   *
   * @param pending The record.
   * @returns The features that can no longer receive children, in file order.
   * @throws {ParseError} `Unexpected` for a second record of one sequence; for an undeclared one,
   * as {@linkcode push}.
   *
   * @example The letters read when `nt` is
   * ```ts
   * import { Gff3FeatureAssembler } from "./gff3_feature_assembler.ts";
   * const assembler = new Gff3FeatureAssembler({ file: "x.gff3" });
   * assembler.push({ kind: "directive", line: 1, name: "sequence-region", value: "c1 1 4" });
   * let reads = 0;
   * assembler.pushPendingSequence({ id: "c1", line: () => 3, letters: () => (reads++, "ACGT") });
   * assembler.finish();
   * const [c1] = assembler.sequences;
   * const before = reads;
   * if (before !== 0 || c1.nt !== "ACGT" || c1.nt !== "ACGT" || reads !== 1) throw new Error("lazy");
   * ```
   */
  pushPendingSequence(pending: Gff3PendingSequence): readonly Feature[] {
    this.#sawFasta = true;
    const sequence = this.#sequences.get(pending.id);
    if (sequence === undefined) {
      const { id, description } = pending;
      const record: Gff3SequenceRecord = {
        kind: "sequence",
        line: pending.line(),
        id,
        sequence: pending.letters(),
      };
      if (description !== undefined) record.description = description;
      this.#fastaSequence(record);
      return this.#flush();
    }
    this.#secondFasta(pending.id, pending.line);
    defineLazyNt(sequence, pending, this.#file);
    if (pending.description !== undefined) sequence.description = pending.description;
    return this.#flush();
  }

  /**
   * Ends the input.
   *
   * @returns The features still open.
   * @throws {ParseError} `Truncated` when the file has a `##FASTA` section that lacks a declared
   * sequence.
   */
  finish(): Feature[] {
    const rest = this.#flush();
    if (this.#sawFasta) {
      for (const sequence of this.#sequences.values()) {
        if (!this.#inFasta.has(sequence.id)) {
          throw new ParseError(
            "Truncated",
            `sequence "${sequence.id}" is declared but missing from the ##FASTA section`,
            { file: this.#file },
          );
        }
      }
    }
    return [...rest];
  }

  #flush(): readonly Feature[] {
    this.#byId.clear();
    this.#indexed = this.#base + this.#window.length;
    this.#lastGene = undefined;
    this.#lastCrispr = -1;
    const window = this.#window;
    const head = this.#head;
    this.#base += window.length;
    this.#window = [];
    this.#windowIds = [];
    this.#windowOrigins = [];
    this.#head = 0;
    if (head >= window.length) return NONE;
    return head === 0 ? window : window.slice(head);
  }

  /** The window index of the open feature of serial `serial` (from #byId or #lastCrispr), or -1. */
  #open(serial: number | undefined): number {
    if (serial === undefined) return -1;
    const index = serial - this.#base;
    return index >= this.#head ? index : -1;
  }

  /** The serial of the last feature with ID `id` since the last flush, if any. */
  #serialOf(id: string): number | undefined {
    const end = this.#base + this.#window.length;
    const base = this.#base;
    // A child follows its parent closely: the last few features first, without the index.
    const ids = this.#windowIds;
    for (let i = ids.length - 1; i >= this.#head && i >= ids.length - 4; i--) {
      if (ids[i] === id) return base + i;
    }
    for (let serial = Math.max(this.#indexed, base + this.#head); serial < end; serial++) {
      const featureId = this.#windowIds[serial - base];
      if (featureId !== undefined) this.#byId.set(featureId, serial);
    }
    this.#indexed = end;
    return this.#byId.get(id);
  }

  /** Keeps `child` in the record of the open feature at window index `index`. */
  #addChild(index: number, child: Gff3LineSource): void {
    (this.#windowOrigins[index].children ??= []).push(child);
  }

  #sequenceRegion(value: string, lineNumber: number): void {
    const match = /^(\S+)\s+(\d{1,15})\s+(\d{1,15})$/.exec(value);
    if (!match || Number(match[3]) < Number(match[2])) {
      throw new ParseError(
        "InvalidHeader",
        `##sequence-region ${JSON.stringify(value)}: expected "<seqid> <start> <end>"`,
        { file: this.#file, line: lineNumber },
      );
    }
    const id = match[1];
    const length = Number(match[3]);
    const sequence = this.#sequences.get(id);
    if (sequence === undefined) this.#sequences.set(id, { id, length });
    else sequence.length = length;
  }

  #fastaSequence(record: Gff3SequenceRecord): void {
    const sequence = this.#sequences.get(record.id);
    const length = record.sequence.length;
    if (sequence === undefined) {
      const created: Sequence = { id: record.id, length, nt: record.sequence };
      if (record.description !== undefined) created.description = record.description;
      this.#sequences.set(record.id, created);
      this.#inFasta.add(record.id);
      return;
    }
    this.#secondFasta(record.id, () => record.line);
    if (sequence.length !== length) {
      throw lengthMismatchError(record.id, length, sequence.length, this.#file, record.line);
    }
    sequence.nt = record.sequence;
    if (record.description !== undefined) sequence.description = record.description;
  }

  /** Throws when sequence `id` was read from the `##FASTA` section before; else notes it. */
  #secondFasta(id: string, line: () => number): void {
    if (this.#inFasta.has(id)) {
      throw new ParseError("Unexpected", `a second ##FASTA sequence "${id}"`, {
        file: this.#file,
        line: line(),
      });
    }
    this.#inFasta.add(id);
  }

  #feature(line: Gff3LineFacts): readonly Feature[] {
    const type = line.type;
    if (type === "region") {
      this.#region(line);
      return NONE;
    }
    if (type === "gene" || type === "pseudogene") {
      this.#lastGene = line;
      return NONE;
    }
    if (type === "crispr-repeat" || type === "crispr-spacer") {
      this.#crisprPart(line);
      return NONE;
    }
    const parents = line.parents;
    const modelType = type === "CDS"
      ? (line.source === "Bakta" ? "sorf" : "cds")
      : type === "repeat_region"
      ? (line.rptFamily?.toUpperCase() === "CRISPR" ? "crispr" : undefined)
      : GFF3_TYPES[type];
    if (modelType === undefined) {
      if (parents !== undefined) {
        let source: Gff3LineSource | undefined;
        for (const id of parents) {
          const parent = this.#open(this.#serialOf(id));
          if (parent >= 0) this.#addChild(parent, source ??= lineSource(line));
        }
      }
      return NONE;
    }
    let gene: Gff3LineFacts | undefined;
    const lastGene = this.#lastGene;
    if (lastGene !== undefined && parents !== undefined) {
      const geneId = lastGene.id;
      if (geneId !== undefined && parents.includes(geneId)) gene = lastGene;
    }
    this.#lastGene = undefined;
    const origin: FeatureOrigin = {
      line: line.line,
      text: line.text,
      file: line.file,
      parsed: line.parsed,
      gene: gene === undefined ? undefined : lineSource(gene),
      children: undefined,
    };
    const feature = this.#toFeature(line, modelType, gene, origin);
    const serial = this.#base + this.#window.length;
    this.#window.push(feature);
    this.#windowIds.push(line.id);
    this.#windowOrigins.push(origin);
    if (modelType === "crispr") this.#lastCrispr = serial;
    if (this.#window.length - this.#head > this.#max) return this.#evict();
    return NONE;
  }

  /** Hands out the older half of the window: those features can no longer get children. */
  #evict(): readonly Feature[] {
    const count = this.#window.length - this.#head - (this.#max >> 1);
    const out = this.#window.slice(this.#head, this.#head + count);
    this.#head += count;
    if (this.#head * 2 > this.#window.length) {
      this.#base += this.#head;
      this.#window = this.#window.slice(this.#head);
      this.#windowIds = this.#windowIds.slice(this.#head);
      this.#windowOrigins = this.#windowOrigins.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }

  #region(line: Gff3LineFacts): void {
    let sequence = this.#sequences.get(line.seqid);
    if (sequence === undefined) {
      sequence = { id: line.seqid, length: line.end };
      this.#sequences.set(line.seqid, sequence);
    }
    const circular = line.isCircular?.toLowerCase() === "true";
    sequence.topology = circular ? "circular" : "linear";
  }

  /**
   * The stop in the model's terms (origin rule; the start is the column as written). An end past the sequence end is the
   * origin-spanning form only on a sequence not known to be linear, and only for a start within
   * the sequence; otherwise the columns are kept for `checkFeatureBounds` to report.
   */
  #stop(line: Gff3LineFacts): number {
    const sequence = this.#sequences.get(line.seqid);
    const length = sequence?.length;
    if (
      length === undefined || line.end <= length || line.start > length ||
      sequence?.topology === "linear"
    ) {
      return line.end;
    }
    const stop = line.end - length;
    if (stop >= line.start) {
      throw new ParseError(
        "InvalidStop",
        `end ${line.end} wraps around the origin of sequence "${line.seqid}" (length ${length}) past the start ${line.start}: expected end < start + ${length}`,
        { file: this.#file, line: line.line },
      );
    }
    return stop;
  }

  #crisprPart(line: Gff3LineFacts): void {
    const parents = line.parents;
    let index = -1;
    if (parents !== undefined) {
      index = this.#open(this.#serialOf(parents[0]));
    } else {
      const at = this.#open(this.#lastCrispr);
      const candidate = at >= 0 ? this.#window[at] : undefined;
      const id = line.id;
      if (candidate !== undefined && candidate.sequenceId === line.seqid) {
        const prefix = candidate.id ?? "\u0000";
        if (
          (id !== undefined && id.startsWith(`${prefix}_`)) ||
          (!candidate.edge && line.start >= candidate.start && line.end <= candidate.stop)
        ) {
          index = at;
        }
      }
    }
    const parent = index >= 0 ? this.#window[index] : undefined;
    if (parent === undefined || parent.type !== "crispr") {
      throw new ParseError(
        "Unexpected",
        `${line.type} ${
          parents ? `with Parent=${parents[0]}` : "without Parent"
        }: expected it right after its CRISPR array`,
        { file: this.#file, line: line.line },
      );
    }
    const part = {
      kind: line.type === "crispr-repeat" ? "repeat" as const : "spacer" as const,
      start: line.start,
      stop: this.#stop(line),
      strand: line.strand,
      ...(line.sequence !== undefined ? { nt: line.sequence } : {}),
    };
    (parent.crisprParts ??= []).push(part);
    this.#addChild(index, lineSource(line));
  }

  #toFeature(
    line: Gff3LineFacts,
    type: FeatureType,
    gene: Gff3LineFacts | undefined,
    origin: FeatureOrigin,
  ): Feature {
    const stop = this.#stop(line);
    const feature: Feature = {
      type,
      sequenceId: line.seqid,
      start: line.start,
      stop,
      strand: line.strand,
      edge: stop !== line.end,
      hypothetical: false,
      pseudo: false,
      dbXrefs: NO_XREFS,
      original: lazyOriginal(origin),
    };
    const locus = line.locusTag ?? gene?.locusTag;
    if (locus !== undefined && locus !== "") feature.locusTag = locus;
    else if (line.id !== undefined) feature.id = line.id;
    const geneName = line.gene ?? gene?.gene;
    if (geneName !== undefined && geneName !== "") feature.gene = geneName;
    if (type !== "gap") {
      let product = line.product;
      if (product === undefined && PRODUCT_MAY_BE_NOTE.has(type)) product = line.note;
      if (product !== undefined && product !== "") {
        feature.product = product;
        if (product === HYPOTHETICAL_PRODUCT && (type === "cds" || type === "sorf")) {
          feature.hypothetical = true;
        }
      }
    }
    const pseudoFlag = line.pseudoTrue || gene?.pseudoTrue === true;
    if (
      line.pseudogene || gene?.pseudogene === true || (pseudoFlag && this.#pseudoIsPseudogene)
    ) {
      feature.pseudo = true;
    }
    if (pseudoFlag && !this.#pseudoIsPseudogene) feature.truncated = "?";
    feature.dbXrefs = line.xrefValues !== undefined
      ? this.#xrefs(line.xrefValues, line.line)
      : line.xrefFrom >= 0
      ? this.#xrefRange(line.text, line.xrefFrom, line.xrefTo, line.line)
      : [];
    return feature;
  }

  /** The `Dbxref` values of a line as cross-references. */
  #xrefs(values: string[], lineNumber: number): DbXref[] {
    const xrefs: DbXref[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      xrefs[i] = this.#splitXref(values[i], 0, values[i].length, lineNumber);
    }
    return xrefs;
  }

  /** The comma-separated `Dbxref` values `text[from, to)` (no `%`) as cross-references. */
  #xrefRange(text: string, from: number, to: number, lineNumber: number): DbXref[] {
    const xrefs: DbXref[] = [];
    let start = from;
    for (;;) {
      let comma = text.indexOf(",", start);
      if (comma < 0 || comma > to) comma = to;
      xrefs.push(this.#splitXref(text, start, comma, lineNumber));
      if (comma === to) return xrefs;
      start = comma + 1;
    }
  }

  /** The `Dbxref` value `text[from, to)` split at its first colon, the database from the pool. */
  #splitXref(text: string, from: number, to: number, lineNumber: number): DbXref {
    const colon = text.indexOf(":", from);
    if (colon <= from || colon >= to - 1) {
      // throws the one message
      return splitDbXref(text.slice(from, to), "Dbxref", this.#file, lineNumber);
    }
    // Bakta sorts a line's cross-references by database: most repeat the one before.
    let db = this.#lastDb;
    if (db.length !== colon - from || !text.startsWith(db, from)) {
      db = this.#lastDb = this.#dbNames.get(text, from, colon);
    }
    return { db, accession: text.slice(colon + 1, to) };
  }
}

const NO_XREFS: DbXref[] = [];

/** What a feature's `original` record is built from: its own line, and the lines folded in. */
interface FeatureOrigin extends Gff3LineSource {
  /** The `gene` line folded into it. */
  gene: Gff3LineSource | undefined;
  /** The child lines kept with it. */
  children: Gff3LineSource[] | undefined;
}

/**
 * The `original` of a feature: its record (the line, with the folded gene line and the child
 * lines) is built when first read, and from then on the same object.
 */
function lazyOriginal(origin: FeatureOrigin): OriginalRecord {
  let record: unknown;
  let built = false;
  return {
    format: "gff3",
    get record(): unknown {
      if (!built) {
        record = originalRecord(origin);
        built = true;
      }
      return record;
    },
    set record(value: unknown) {
      record = value;
      built = true;
    },
  };
}

/** The original record of a feature: the line itself when nothing is folded into it. */
function originalRecord(origin: FeatureOrigin): Gff3OriginalRecord {
  const line = sourceRecord(origin);
  if (origin.gene === undefined && origin.children === undefined) return line;
  const record: Gff3OriginalRecord = { ...line };
  if (origin.gene !== undefined) record.gene = sourceRecord(origin.gene);
  if (origin.children !== undefined) record.children = origin.children.map(sourceRecord);
  return record;
}
