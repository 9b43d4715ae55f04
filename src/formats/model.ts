/**
 * The normalized model of one Bakta run: what every reader in `src/formats/` returns, whichever file
 * it read, and what the store, the queries, the figures and the writers consume.
 *
 * Coordinates are 1-based and inclusive everywhere. **Origin-spanning convention** (one for the whole
 * project): a feature that crosses the origin of a circular sequence has `edge: true` and
 * `start > stop`, exactly as Bakta's JSON and TSV write it; `start` is where the feature begins on
 * the forward strand (near the end of the sequence) and `stop` where it ends after the origin. The
 * GFF3 form (`end = stop + length`) and the GenBank form (`join(start..length,1..stop)`) are
 * translated to this on reading and back on writing.
 *
 * @module
 */

/** The strand of a feature: `+` forward, `-` reverse, `?` unknown, `.` not applicable. */
export type Strand = "+" | "-" | "." | "?";

/**
 * Every {@linkcode FeatureType}, in Bakta's summary order: the one list of the feature types the
 * type is derived from.
 */
export const FEATURE_TYPES = [
  "tRNA",
  "tmRNA",
  "rRNA",
  "ncRNA",
  "ncRNA-region",
  "crispr",
  "cds",
  "sorf",
  "gap",
  "oriC",
  "oriV",
  "oriT",
] as const satisfies readonly string[];

/**
 * A feature type, named as Bakta's JSON names it (one of {@linkcode FEATURE_TYPES}). GFF3/GenBank/TSV
 * type names are mapped to these on reading (e.g. GFF3 `CDS` with source `Bakta` is a `sorf`,
 * `regulatory_region` is an `ncRNA-region`, `CRISPR` is `crispr`).
 */
export type FeatureType = (typeof FEATURE_TYPES)[number];

/** How a CDS is truncated at a sequence edge. */
export type Truncation = "5-prime" | "3-prime" | "both" | "?";

/** The file formats baktadb reads. */
export type SourceFormat =
  | "json"
  | "gff3"
  | "genbank"
  | "embl"
  | "tsv"
  | "inference-tsv"
  | "hypotheticals-tsv"
  | "fasta"
  | "txt";

/** One database cross-reference, split from Bakta's `"DB:accession"` form. */
export interface DbXref {
  /** The database, e.g. `COG`, `EC`, `GO`, `KEGG`, `UniRef`, `UniParc`, `RefSeq`, `SO`, `RFAM`. */
  db: string;
  /** The accession within `db`, e.g. `COG0001`, `J` (a COG category), `1.1.1.1`, `UniRef90_P12345`. */
  accession: string;
}

/** A part of a CRISPR array (a repeat or a spacer), 1-based inclusive. */
export interface CrisprPart {
  /** `repeat` or `spacer`. */
  kind: "repeat" | "spacer";
  /** First base, 1-based inclusive. */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** The strand, as the parent array's. */
  strand: Strand;
  /** The nucleotides, where the source has them (a spacer's `sequence` in JSON). */
  nt?: string;
}

/** One annotated feature of a run. */
export interface Feature {
  /** The feature type, in Bakta JSON naming. */
  type: FeatureType;
  /** The id of the sequence (contig) the feature lies on (JSON `sequence` or, before 1.10, `contig`). */
  sequenceId: string;
  /** First base on the forward strand, 1-based inclusive; greater than `stop` when `edge`. */
  start: number;
  /** Last base on the forward strand, 1-based inclusive; less than `start` when `edge`. */
  stop: number;
  /** The strand. */
  strand: Strand;
  /** True when the feature crosses the origin of a circular sequence (then `start > stop`). */
  edge: boolean;
  /** Bakta's internal feature id (JSON `id`), where the source has it. */
  id?: string;
  /** The locus tag (JSON `locus`); only tRNA, tmRNA, rRNA, ncRNA, cds and sorf carry one. */
  locusTag?: string;
  /** The gene symbol. */
  gene?: string;
  /** Every gene symbol Bakta gave (JSON `genes`), where the source has them. */
  genes?: string[];
  /** The product description. */
  product?: string;
  /** The reading frame (1–3) of a CDS/sORF, where known. */
  frame?: number;
  /** True when Bakta found no function (a hypothetical protein). */
  hypothetical: boolean;
  /** True when Bakta called the feature a pseudogene. */
  pseudo: boolean;
  /** How the feature is truncated at a sequence edge, where it is. */
  truncated?: Truncation;
  /** The cross-references, in the source's order. */
  dbXrefs: DbXref[];
  /** The feature's nucleotides, where the source has them. */
  nt?: string;
  /** The protein of a CDS/sORF, where the source has it. */
  aa?: string;
  /** MD5 hex digest of the protein (`aa_hexdigest`), where known. */
  aaHexdigest?: string;
  /** The repeats and spacers of a CRISPR array. */
  crisprParts?: CrisprPart[];
  /**
   * The evidence blocks of the JSON (`ups`, `ips`, `psc`, `pscc`, `expert`, `pfams`, `seq_stats`,
   * `pseudogene`, …), kept as Bakta wrote them.
   */
  evidence?: Record<string, unknown>;
  /** The complete original record this feature was read from, so that nothing is lost. */
  original: OriginalRecord;
}

/** The record a feature was read from. */
export interface OriginalRecord {
  /** The format of the record. */
  format: SourceFormat;
  /**
   * The record: the JSON object for Bakta JSON; for line formats an object of the parsed columns
   * and attributes/qualifiers (as the format's reader documents it).
   */
  record: unknown;
}

/** The topology of a sequence. */
export type Topology = "circular" | "linear";

/** The kind of a sequence. */
export type SequenceType = "chromosome" | "plasmid" | "contig";

/** One sequence (FASTA record) of a run. */
export interface Sequence {
  /** The sequence id (FASTA header up to the first space). */
  id: string;
  /** The description (the rest of the header), where there is one. */
  description?: string;
  /** The length in bases. */
  length: number;
  /** The kind of sequence; Bakta 1.10.0–1.10.1 wrote `sequence`, read as `contig`. */
  type?: SequenceType;
  /** The topology, where known. */
  topology?: Topology;
  /** Whether Bakta considered the sequence complete. */
  complete?: boolean;
  /** The nucleotides, where the source has them. */
  nt?: string;
  /** Replicon name (e.g. a plasmid name), where given. */
  name?: string;
  /** The id in the submitted FASTA, where Bakta renamed the sequence. */
  origId?: string;
  /** The description in the submitted FASTA, where Bakta rewrote it. */
  origDescription?: string;
}

/** The organism and settings of a run (JSON `genome`). */
export interface GenomeInfo {
  /** Genus, where given. */
  genus?: string;
  /** Species, where given. */
  species?: string;
  /** Strain, where given. */
  strain?: string;
  /** Plasmid name, where given. */
  plasmid?: string;
  /** The taxon as Bakta writes it (1.10+: genus, species and strain joined by spaces), where given. */
  taxon?: string;
  /** Whether the genome was declared complete. */
  complete?: boolean;
  /** Gram type (`+`, `-`, `?`). */
  gram?: string;
  /** The translation table (11 or 4). */
  translationTable?: number;
}

/** Genome statistics (JSON `stats`, or the `.txt` summary's `Sequence(s):` block). */
export interface GenomeStats {
  /** Total length in bases. */
  size: number;
  /** The number of sequences. */
  sequenceCount: number;
  /** GC content as a fraction (0–1). */
  gc: number;
  /** Fraction of N bases (0–1). */
  nRatio: number;
  /** N50. */
  n50: number;
  /** N90 (1.10.1+), where given. */
  n90?: number;
  /** Coding density as a fraction (0–1). */
  codingRatio: number;
}

/** Software and database versions of a run. */
export interface SoftwareVersions {
  /** Bakta's version, e.g. `1.9.4`. */
  bakta?: string;
  /** The database version, e.g. `5.1`. */
  db?: string;
  /** The database type, `full` or `light`, where known (1.8+). */
  dbType?: string;
}

/** When a run happened (JSON `run`), as Bakta wrote it. */
export interface RunTimes {
  /** Start time, e.g. `2025-09-30 15:24:11`. */
  start?: string;
  /** End time. */
  end?: string;
  /** Duration, e.g. `7.48 min`. */
  duration?: string;
}

/** Whether a run annotated a genome or only proteins (`bakta_proteins`, no coordinates). */
export type RunMode = "genome" | "proteins";

/** The normalized model of one Bakta run, whichever files it was read from. */
export interface BaktaRun {
  /** `genome` for a normal run; `proteins` for a `bakta_proteins` run (features lack coordinates). */
  mode: RunMode;
  /** The organism and settings. */
  genome: GenomeInfo;
  /** The statistics, where a source has them. */
  stats?: GenomeStats;
  /** Software and database versions. */
  software: SoftwareVersions;
  /** Run times, where given. */
  run?: RunTimes;
  /** The sequences, in file order. */
  sequences: Sequence[];
  /** The features, in file order. */
  features: Feature[];
  /** Which files, in which formats, this model was read from. */
  sources: RunSource[];
  /**
   * The protein annotations of a `bakta_proteins` run (`mode: "proteins"`), as Bakta wrote them;
   * such a run has no sequences and no features with coordinates.
   */
  proteins?: Record<string, unknown>[];
}

/** One file a run was read from. */
export interface RunSource {
  /** The file's path or name, as given to the reader. */
  file: string;
  /** The format detected. */
  format: SourceFormat;
  /** What the model took from it, e.g. `features`, `sequences`, `stats`. */
  used: string[];
}
