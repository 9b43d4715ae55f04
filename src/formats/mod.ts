/**
 * Pure readers and writers of every Bakta output format, all producing (or consuming) one
 * normalized model, {@linkcode BaktaRun}:
 *
 * - Bakta JSON ({@linkcode readBaktaJson}, every schema since 1.4, plain or gzipped);
 * - GFF3 ({@linkcode readGff3}), GenBank ({@linkcode readGenbank}) and EMBL
 *   ({@linkcode readEmbl}), with their parsers, streams and writers;
 * - the feature TSV ({@linkcode readBaktaTsv}) and the side tables
 *   ({@linkcode readInferenceTsv}, {@linkcode readHypotheticalsTsv});
 * - FASTA ({@linkcode readFasta}, {@linkcode parseFasta}, {@linkcode formatFasta});
 * - the `.txt` summary ({@linkcode readBaktaSummary}) and the same counts computed from any run
 *   ({@linkcode countFeatures});
 * - format detection ({@linkcode detectFormat}) and a whole result folder
 *   ({@linkcode readResultFolder}).
 *
 * Every reader takes text or bytes (gzip detected by its magic number) and an options object
 * naming the file, and throws one error class, {@linkcode ParseError}, whose `kind` says what
 * went wrong.
 *
 * @example Reading a feature table and counting like Bakta's summary
 * ```ts
 * import { countFeatures, readBaktaTsv } from "./mod.ts";
 * const run = readBaktaTsv(
 *   "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n" +
 *     "c1\tcds\t1\t9\t+\tX_00005\t\t(pseudo) hypothetical protein\t\n" +
 *     "c1\tsorf\t20\t40\t-\tX_00010\t\tsmall protein\t\n",
 *   { file: "x.tsv" },
 * );
 * const counts = countFeatures(run);
 * if (counts.cdss !== 1 || counts.pseudogenes !== 1 || counts.sorfs !== 1) throw new Error();
 * ```
 *
 * @module
 */

// The model and errors.
export * from "./model.ts";
export { ParseError, type ParseErrorKind, type ParseErrorOptions } from "./parse_error.ts";
export { DEFAULT_FILE_NAME, type ReadOptions } from "./read_options.ts";
export { decodeInput, gunzipInput, isGzip } from "./decode_input.ts";
export { reviveOriginalRecord } from "./revive_original_record.ts";
export { checkFeatureBounds } from "./check_feature_bounds.ts";

// Bakta JSON.
export { readBaktaJson } from "./bakta_json/read_bakta_json.ts";
export { isBaktaJsonDocument, normalizeBaktaJson } from "./bakta_json/normalize_bakta_json.ts";
export { splitDbXref } from "./bakta_json/split_db_xref.ts";
export {
  BAKTA_JSON_CORE_FEATURE_KEYS,
  BAKTA_JSON_TYPES_WITH_XREFS,
} from "./bakta_json/bakta_json_feature_keys.ts";

// TSV family.
export {
  BAKTA_PROTEINS_TSV_COLUMNS,
  BAKTA_TSV_COLUMNS,
  readBaktaTsv,
  type TsvOriginalRecord,
} from "./tsv/read_bakta_tsv.ts";
export { formatBaktaTsv } from "./tsv/format_bakta_tsv.ts";
export { type InferenceTsvRow, readInferenceTsv } from "./tsv/read_inference_tsv.ts";
export {
  type HypotheticalsTsvRow,
  type PfamHit,
  readHypotheticalsTsv,
} from "./tsv/read_hypotheticals_tsv.ts";

// FASTA.
export { type FastaRecord, parseFasta } from "./fasta/parse_fasta.ts";
export {
  type FastaRecordLike,
  formatFasta,
  type FormatFastaOptions,
} from "./fasta/format_fasta.ts";
export {
  fastaRecordToSequence,
  readFasta,
  readSequenceTags,
  type SequenceTags,
} from "./fasta/read_fasta.ts";

// The .txt summary and the counts.
export type {
  BaktaSummary,
  BaktaSummaryCounts,
  BaktaSummarySequences,
} from "./summary_txt/bakta_summary.ts";
export { readBaktaSummary } from "./summary_txt/read_bakta_summary.ts";
export { formatBaktaSummary } from "./summary_txt/format_bakta_summary.ts";
export { summaryToStats } from "./summary_txt/summary_to_stats.ts";
export { countFeatures } from "./run_counts.ts";
export * from "./sample_sheet/mod.ts";

// Detection and result folders.
export { detectFormat } from "./detect_format.ts";
export { readResultFolder, type ResultFolderOptions } from "./result_folder.ts";

// GFF3, GenBank, EMBL and the INSDC feature table they share: each folder's public part.
export * from "./gff3/mod.ts";
export * from "./genbank/mod.ts";
export * from "./embl/mod.ts";
export * from "./insdc/mod.ts";
export * from "./bakrep/mod.ts";
export * from "./result_file_name.ts";
