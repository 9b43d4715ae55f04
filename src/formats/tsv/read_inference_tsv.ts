/**
 * The reader of Bakta's `<prefix>.inference.tsv` (how each feature's annotation was inferred).
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import { FEATURE_TYPES, type FeatureType, type Strand } from "../model.ts";
import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { columnCountError, isStrand, parseDigits } from "./_tsv_support.ts";
import { optionalNumberColumn, readTsvTable } from "./_tsv_table.ts";

/** One row of an `.inference.tsv`; `-` (and the proteins mode's `-1` positions) read as absent. */
export interface InferenceTsvRow {
  /** The 1-based line number in the file. */
  line: number;
  /** `Sequence Id`; absent in a `bakta_proteins` run (written `-`). */
  sequenceId?: string;
  /** `Type`, in Bakta JSON naming (`cds`, `sorf`, `ncRNA-region`, …). */
  type: FeatureType;
  /** `Start`, 1-based inclusive; absent in a `bakta_proteins` run (written `-1`). */
  start?: number;
  /** `Stop`, 1-based inclusive (less than `start` for an origin-spanning feature). */
  stop?: number;
  /** `Strand`. */
  strand: Strand;
  /** `Locus Tag`, where there is one. */
  locusTag?: string;
  /** `Score` (bitscore), where given. */
  score?: number;
  /** `Evalue`, where given. */
  evalue?: number;
  /** `Query Cov` (fraction 0–1), where given. */
  queryCov?: number;
  /** `Subject Cov` (fraction 0–1), where given. */
  subjectCov?: number;
  /** `Id`: the identity (fraction 0–1), where given. */
  identity?: number;
  /** `Accession` of the hit as Bakta wrote it (e.g. `UniRef:UniRef90_A0A811ARZ9`), where given. */
  accession?: string;
}

const REQUIRED = ["Sequence Id", "Type", "Start", "Stop", "Strand", "Locus Tag"] as const;
/** The row fields that hold a number read from a column of the same meaning. */
type InferenceNumberKey = "score" | "evalue" | "queryCov" | "subjectCov" | "identity";

const NUMBER_COLUMNS: [name: string, key: InferenceNumberKey][] = [
  ["Score", "score"],
  ["Evalue", "evalue"],
  ["Query Cov", "queryCov"],
  ["Subject Cov", "subjectCov"],
  ["Id", "identity"],
];
const FEATURE_TYPE_SET: ReadonlySet<string> = new Set(FEATURE_TYPES);

/**
 * Reads Bakta's `<prefix>.inference.tsv` (plain or gzipped) into typed rows. Columns are found by
 * their header names, so tables without the later `Accession` column read too; `-` means absent.
 *
 * @param input The TSV text, or its bytes (gzipped or not).
 * @param options The file name for errors.
 * @returns One row per line, in file order.
 * @throws {ParseError} `InvalidHeader` without a header naming `Sequence Id … Locus Tag`;
 * `MissingColumn`/`Unexpected` when a row's column count differs from the header's;
 * `InvalidStart`, `InvalidStop`, `InvalidStrand`, `InvalidNumber`, `Unexpected` (unknown type) for
 * bad values; each naming the line.
 *
 * @example Reading one row
 * ```ts
 * import { readInferenceTsv } from "./read_inference_tsv.ts";
 * const rows = readInferenceTsv(
 *   "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tScore\tEvalue\tQuery Cov\tSubject Cov" +
 *     "\tId\tAccession\nc1\tcds\t1\t894\t+\tX_001\t560.0\t1.9e-201\t0.980\t1.0\t0.993\t-\n",
 * );
 * if (rows[0].evalue !== 1.9e-201 || rows[0].accession !== undefined) throw new Error("row");
 * ```
 */
export function readInferenceTsv(
  input: string | Uint8Array,
  options: ReadOptions = {},
): InferenceTsvRow[] {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const table = readTsvTable(
    decodeInput(input, file, options.maxDecompressedBytes),
    ["Sequence Id"],
    "inference TSV",
    file,
  );
  const layout = columnLayout(table.header, table.headerLine, file);
  return table.rows.map(({ line, columns }) => inferenceRow(columns, layout, file, line));
}

/** Where each column the reader reads sits in the header (`-1`: absent). */
interface ColumnLayout {
  /** The header's column names. */
  header: readonly string[];
  /** The required columns, in {@linkcode REQUIRED} order. */
  required: number[];
  /** The number columns present: index, name, row key. */
  numbers: (readonly [number, string, InferenceNumberKey])[];
  /** The `Accession` column. */
  accession: number;
}

/** The header's layout; throws `InvalidHeader` when a required column is missing. */
function columnLayout(header: readonly string[], headerLine: number, file: string): ColumnLayout {
  const index = (name: string) => header.indexOf(name);
  for (const name of REQUIRED) {
    if (index(name) === -1) {
      throw new ParseError("InvalidHeader", `the header has no "${name}" column`, {
        file,
        line: headerLine,
      });
    }
  }
  return {
    header,
    required: REQUIRED.map(index),
    numbers: NUMBER_COLUMNS.map(([name, key]) => [index(name), name, key] as const)
      .filter(([at]) => at !== -1),
    accession: index("Accession"),
  };
}

/** One data row, its width, type and strand checked. */
function inferenceRow(
  columns: string[],
  layout: ColumnLayout,
  file: string,
  line: number,
): InferenceTsvRow {
  const { header } = layout;
  if (columns.length !== header.length) {
    throw columnCountError(columns.length, header, { file, line });
  }
  const [seqAt, typeAt, startAt, stopAt, strandAt, locusAt] = layout.required;
  const type = columns[typeAt];
  if (!FEATURE_TYPE_SET.has(type)) {
    throw new ParseError("Unexpected", `unknown feature type "${type}"`, {
      file,
      line,
      column: typeAt + 1,
    });
  }
  const strand = columns[strandAt];
  if (!isStrand(strand)) {
    throw new ParseError("InvalidStrand", `strand "${strand}" is not one of + - . ?`, {
      file,
      line,
      column: strandAt + 1,
    });
  }
  const row: InferenceTsvRow = { line, type: type as FeatureType, strand };
  const sequenceId = presentText(columns[seqAt]);
  if (sequenceId !== undefined) row.sequenceId = sequenceId;
  const start = readPosition(columns[startAt], "start", "InvalidStart", file, line, startAt);
  if (start !== undefined) row.start = start;
  const stop = readPosition(columns[stopAt], "stop", "InvalidStop", file, line, stopAt);
  if (stop !== undefined) row.stop = stop;
  const locusTag = presentText(columns[locusAt]);
  if (locusTag !== undefined) row.locusTag = locusTag;
  for (const [at, name, key] of layout.numbers) {
    const value = optionalNumberColumn(columns[at], name, file, line, at + 1);
    if (value !== undefined) row[key] = value;
  }
  const accession = layout.accession === -1 ? undefined : presentText(columns[layout.accession]);
  if (accession !== undefined) row.accession = accession;
  return row;
}

/** A text column's value; `-` and empty mean absent. */
function presentText(text: string): string | undefined {
  return text === "-" || text === "" ? undefined : text;
}

function readPosition(
  text: string,
  name: string,
  kind: "InvalidStart" | "InvalidStop",
  file: string,
  line: number,
  at: number,
): number | undefined {
  if (text === "-" || text === "-1") return undefined;
  const value = parseDigits(text);
  if (value < 1) {
    throw new ParseError(kind, `${name} "${text}" is not a positive integer`, {
      file,
      line,
      column: at + 1,
    });
  }
  return value;
}
