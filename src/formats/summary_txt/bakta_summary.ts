/**
 * The typed content of Bakta's `.txt` summary (the file MultiQC reads).
 *
 * @module
 */

/**
 * The counts of the `.txt` summary's `Annotation:` block, named after Bakta's labels.
 *
 * How Bakta counts (its `.txt` writer, checked against the sample runs): each number counts
 * features of one JSON type; `cdss` counts every `cds` feature *including* pseudogenes and
 * hypotheticals and *excluding* sORFs; `pseudogenes` counts the CDSs carrying a `pseudogene`
 * block (a pseudo tRNA is not counted); `hypotheticals` counts the CDSs flagged `hypothetical`
 * (a hypothetical pseudogene counts in both); `signalPeptides` (written up to 1.9) counts CDSs
 * with a `signal_peptide` block.
 */
export interface BaktaSummaryCounts {
  /** `tRNAs`. */
  trnas: number;
  /** `tmRNAs`. */
  tmrnas: number;
  /** `rRNAs`. */
  rrnas: number;
  /** `ncRNAs`. */
  ncrnas: number;
  /** `ncRNA regions`. */
  ncrnaRegions: number;
  /** `CRISPR arrays`. */
  crisprArrays: number;
  /** `CDSs`: every CDS (pseudogenes and hypotheticals included, sORFs excluded). */
  cdss: number;
  /** `pseudogenes`: CDSs that are pseudogenes; absent from summaries before 1.6. */
  pseudogenes?: number;
  /** `hypotheticals`: hypothetical CDSs. */
  hypotheticals: number;
  /** `signal peptides`: written only by Bakta up to 1.9 (and only known from a JSON source). */
  signalPeptides?: number;
  /** `sORFs`. */
  sorfs: number;
  /** `gaps`. */
  gaps: number;
  /** `oriCs`. */
  oriCs: number;
  /** `oriVs`. */
  oriVs: number;
  /** `oriTs`. */
  oriTs: number;
}

/** The `Sequence(s):` block of the summary; percentages are as Bakta printed them (one decimal). */
export interface BaktaSummarySequences {
  /** `Length`: total length in bases. */
  length: number;
  /** `Count` (or `Contigs/replicons` in old versions): the number of sequences. */
  count: number;
  /** `GC` in percent (e.g. `51.7`). */
  gcPercent: number;
  /** `N50`. */
  n50: number;
  /** `N90` (1.10+), where given. */
  n90?: number;
  /** `N ratio` in percent. */
  nRatioPercent: number;
  /** `coding density` in percent. */
  codingDensityPercent: number;
}

/** The typed content of a Bakta `.txt` summary. */
export interface BaktaSummary {
  /** The `Sequence(s):` block. */
  sequences: BaktaSummarySequences;
  /** The `Annotation:` block. */
  counts: BaktaSummaryCounts;
  /** `Software: v1.11.4` → `1.11.4`, where given. */
  software?: string;
  /** `Database: v6.0, full` → `6.0`, where given. */
  db?: string;
  /** `Database: v6.0, full` → `full`, where given (1.8+). */
  dbType?: string;
  /** `DOI`, where given. */
  doi?: string;
  /** `URL`, where given. */
  url?: string;
  /** Lines the reader did not know (`key` → value), kept so that nothing is lost. */
  extra: Record<string, string>;
}
