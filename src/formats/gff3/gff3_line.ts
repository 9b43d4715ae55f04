/**
 * The typed lines of a GFF3 file: what {@linkcode parseGff3} returns and
 * {@linkcode formatGff3Line} writes.
 *
 * @module
 */

/** A GFF3 strand: `+`, `-`, `.` (not stranded) or `?` (unknown). */
export type Gff3Strand = "+" | "-" | "." | "?";

/** A GFF3 phase of a CDS: the bases to skip to the first full codon. */
export type Gff3Phase = 0 | 1 | 2;

/** A feature line (9 tab-separated columns). Columns written `.` are undefined (except strand). */
export interface Gff3FeatureLine {
  /** Discriminant. */
  kind: "feature";
  /** The 1-based line number. */
  line: number;
  /** Column 1: the sequence id. */
  seqid: string;
  /** Column 2: the program or database that made the feature, e.g. `Pyrodigal`. */
  source?: string;
  /** Column 3: the feature type, e.g. `CDS`. */
  type: string;
  /** Column 4: the first base, 1-based inclusive. */
  start: number;
  /** Column 5: the last base, 1-based inclusive, not less than `start`. */
  end: number;
  /** Column 6: the score (Bakta writes an e-value for Infernal hits). */
  score?: number;
  /** Column 7: the strand. */
  strand: Gff3Strand;
  /** Column 8: the phase. */
  phase?: Gff3Phase;
  /** Column 9: the attributes, percent-decoded, comma lists split, in file order. */
  attributes: Map<string, string[]>;
}

/** A `##` directive, e.g. `##sequence-region contig_1 1 70606`, `##FASTA`, `###`. */
export interface Gff3DirectiveLine {
  /** Discriminant. */
  kind: "directive";
  /** The 1-based line number. */
  line: number;
  /** The directive name without `##` (`sequence-region`, `FASTA`; `#` for `###`). */
  name: string;
  /** The rest of the line, trimmed, where there is one. */
  value?: string;
}

/** A `#` comment, e.g. `# Software: v1.11.4`. */
export interface Gff3CommentLine {
  /** Discriminant. */
  kind: "comment";
  /** The 1-based line number. */
  line: number;
  /** The text after `#`, trimmed. */
  text: string;
}

/** One record of the `##FASTA` section. */
export interface Gff3SequenceRecord {
  /** Discriminant. */
  kind: "sequence";
  /** The 1-based line number of the `>` header. */
  line: number;
  /** The id: the header up to the first white space. */
  id: string;
  /** The rest of the header, where there is one. */
  description?: string;
  /** The sequence, lines joined, as written. */
  sequence: string;
}

/**
 * A record of the `##FASTA` section found but not yet read: its header, and its letters checked
 * and joined on request. `readGff3` hands these to {@linkcode Gff3FeatureAssembler}, so that a
 * sequence's `nt` is checked and joined when it is first read.
 */
export interface Gff3PendingSequence {
  /** The id: the header up to the first white space. */
  id: string;
  /** The rest of the header, where there is one. */
  description?: string;
  /** The 1-based line number of the `>` header (counted when asked: for errors). */
  line(): number;
  /**
   * The sequence, lines joined, as written; checked and joined on each call.
   *
   * @throws {ParseError} `InvalidSequence` for a character that is not a letter, naming its line.
   */
  letters(): string;
}

/** One parsed unit of a GFF3 file. */
export type Gff3Line = Gff3FeatureLine | Gff3DirectiveLine | Gff3CommentLine | Gff3SequenceRecord;
