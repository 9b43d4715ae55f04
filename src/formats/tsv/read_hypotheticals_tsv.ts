/**
 * The reader of Bakta's `<prefix>.hypotheticals.tsv` (protein statistics of hypothetical CDSs).
 *
 * @module
 */

import { splitDbXref } from "../bakta_json/split_db_xref.ts";
import { decodeInput } from "../decode_input.ts";
import type { DbXref, Strand } from "../model.ts";
import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { columnCountError, isStrand, parseDigits } from "./_tsv_support.ts";
import { optionalNumberColumn, readTsvTable } from "./_tsv_table.ts";

/** One Pfam hit of a hypothetical protein (`PF16775.9|ZoocinA_TRD`). */
export interface PfamHit {
  /** The Pfam accession with version, e.g. `PF16775.9`. */
  id: string;
  /** The Pfam name, where given, e.g. `ZoocinA_TRD`. */
  name?: string;
}

/**
 * One row of a `.hypotheticals.tsv`. A genome run writes `Sequence Id, Start, Stop, Strand,
 * Locus Tag, Mol Weight [kDa], Iso El. Point, Pfam hits, Dbxrefs`; a `bakta_proteins` run writes
 * `ID, Length, Mol Weight [kDa], Iso El. Point, Pfam hits` (then `locusTag` is the ID). `NA`, `-`
 * and empty cells read as absent.
 */
export interface HypotheticalsTsvRow {
  /** The 1-based line number in the file. */
  line: number;
  /** `Sequence Id` (genome runs). */
  sequenceId?: string;
  /** `Start`, 1-based inclusive (genome runs). */
  start?: number;
  /** `Stop`, 1-based inclusive, less than `start` when origin-spanning (genome runs). */
  stop?: number;
  /** `Strand` (genome runs). */
  strand?: Strand;
  /** `Locus Tag` (genome runs) or `ID` (proteins runs). */
  locusTag?: string;
  /** `Length` of the protein in amino acids (proteins runs). */
  length?: number;
  /** `Mol Weight [kDa]`, where given. */
  molWeightKda?: number;
  /** `Iso El. Point`, where given. */
  isoelectricPoint?: number;
  /** `Pfam hits`. */
  pfamHits: PfamHit[];
  /** `Dbxrefs`, split at the first colon (genome runs). */
  dbXrefs: DbXref[];
}

/**
 * Reads Bakta's `<prefix>.hypotheticals.tsv` (plain or gzipped) into typed rows, in both the
 * genome and the `bakta_proteins` layouts (found from the header).
 *
 * Bakta 1.12's proteins mode writes a single third column per row, because a missing comma in its
 * writer merges mol weight, isoelectric point and Pfam hits into one string; rows of that layout
 * may therefore have 3 to 5 columns, and a third column that is not a number is kept as absent.
 *
 * @param input The TSV text, or its bytes (gzipped or not).
 * @param options The file name for errors.
 * @returns One row per line, in file order.
 * @throws {ParseError} `InvalidHeader` without a known header; `MissingColumn`/`Unexpected` for a
 * row whose column count does not fit; `InvalidStart`, `InvalidStop`, `InvalidStrand`,
 * `InvalidNumber`, `InvalidAttribute` for bad values; each naming the line.
 *
 * @example Reading a genome-run row
 * ```ts
 * import { readHypotheticalsTsv } from "./read_hypotheticals_tsv.ts";
 * const [row] = readHypotheticalsTsv(
 *   "#Sequence Id\tStart\tStop\tStrand\tLocus Tag\tMol Weight [kDa]\tIso El. Point\tPfam hits" +
 *     "\tDbxrefs\nc1\t10\t99\t+\tX_005\t19.4\t9.4\tPF16775.9|ZoocinA_TRD\tPFAM:PF16775.9\n",
 * );
 * if (row.pfamHits[0].name !== "ZoocinA_TRD" || row.dbXrefs[0].db !== "PFAM") throw new Error();
 * ```
 */
export function readHypotheticalsTsv(
  input: string | Uint8Array,
  options: ReadOptions = {},
): HypotheticalsTsvRow[] {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const table = readTsvTable(
    decodeInput(input, file, options.maxDecompressedBytes),
    ["Sequence Id", "ID"],
    "hypotheticals TSV",
    file,
  );
  const layout = readLayout(table.header, table.headerLine, file);
  return table.rows.map(({ line, columns }) => readRow(layout, columns, file, line));
}

/** Where each column of a hypotheticals TSV is (-1 where absent) and how many cells a row has. */
interface HypotheticalsLayout {
  /** The column names, in order. */
  header: string[];
  /** Whether this is a `bakta_proteins` table (an `ID` first column, no coordinates). */
  proteins: boolean;
  /** The index of each named column, -1 when the header lacks it. */
  columns: Record<
    "sequenceId" | "start" | "stop" | "strand" | "locusTag" | "weight" | "point" | "pfam" | "xrefs",
    number
  >;
  /** The fewest cells a row may have (3 in a proteins table: Bakta 1.12 merges the last cells). */
  minimum: number;
}

/** The layout of the header; throws `InvalidHeader` when a required column is missing. */
function readLayout(header: string[], headerLine: number, file: string): HypotheticalsLayout {
  const proteins = header[0] === "ID";
  const required = proteins
    ? ["ID", "Length", "Mol Weight [kDa]"]
    : ["Sequence Id", "Start", "Stop", "Strand", "Locus Tag", "Mol Weight [kDa]"];
  for (const name of required) {
    if (!header.includes(name)) {
      throw new ParseError("InvalidHeader", `the header has no "${name}" column`, {
        file,
        line: headerLine,
      });
    }
  }
  const columns = {
    sequenceId: header.indexOf("Sequence Id"),
    start: header.indexOf("Start"),
    stop: header.indexOf("Stop"),
    strand: header.indexOf("Strand"),
    locusTag: header.indexOf("Locus Tag"),
    weight: header.indexOf("Mol Weight [kDa]"),
    point: header.indexOf("Iso El. Point"),
    pfam: header.indexOf("Pfam hits"),
    xrefs: header.indexOf("Dbxrefs"),
  };
  const minimum = proteins ? Math.min(3, header.length) : header.length;
  return { header, proteins, columns, minimum };
}

/** The cells of one row and where it was read. */
interface RowCells {
  /** The row's cells, in column order. */
  cells: string[];
  /** The file, for errors. */
  file: string;
  /** The 1-based line, for errors. */
  line: number;
}

/** One row: its placement (genome) or length (proteins), then its measures and hits. */
function readRow(
  layout: HypotheticalsLayout,
  cells: string[],
  file: string,
  line: number,
): HypotheticalsTsvRow {
  const { header, minimum, columns } = layout;
  const width = header.length;
  if (cells.length < minimum || cells.length > width) {
    throw columnCountError(cells.length, header, { file, line }, minimum);
  }
  const row: HypotheticalsTsvRow = { line, pfamHits: [], dbXrefs: [] };
  if (layout.proteins) {
    readProteinCells(row, cells, file, line);
    // Bakta 1.12 merges the last three cells into one: keep it only when it is a number.
    if (cells.length === 3) {
      const value = optionalNumberOrUndefined(cells[columns.weight]);
      if (value !== undefined) row.molWeightKda = value;
      return row;
    }
  } else {
    readPlacementCells(row, layout, { cells, file, line });
  }
  readMeasureCells(row, layout, { cells, file, line });
  return row;
}

/** The ID (as locus tag) and length of a proteins row. */
function readProteinCells(
  row: HypotheticalsTsvRow,
  cells: string[],
  file: string,
  line: number,
): void {
  row.locusTag = cells[0];
  const length = parseDigits(cells[1]);
  if (cells[0] === "" || length < 0) {
    throw new ParseError(
      cells[0] === "" ? "MissingColumn" : "InvalidNumber",
      cells[0] === "" ? "the ID is empty" : `length "${cells[1]}" is not an integer`,
      { file, line, column: cells[0] === "" ? 1 : 2 },
    );
  }
  row.length = length;
}

/** The sequence id, start, stop, strand and locus tag of a genome row. */
function readPlacementCells(
  row: HypotheticalsTsvRow,
  { columns }: HypotheticalsLayout,
  { cells, file, line }: RowCells,
): void {
  const sequenceId = cells[columns.sequenceId];
  if (sequenceId === "") {
    throw new ParseError("MissingColumn", "the sequence id is empty", { file, line, column: 1 });
  }
  row.sequenceId = sequenceId;
  row.start = position(cells[columns.start], "start", "InvalidStart", file, line);
  row.stop = position(cells[columns.stop], "stop", "InvalidStop", file, line);
  const strand = cells[columns.strand];
  if (!isStrand(strand)) {
    throw new ParseError("InvalidStrand", `strand "${strand}" is not one of + - . ?`, {
      file,
      line,
    });
  }
  row.strand = strand;
  const locusTag = cells[columns.locusTag];
  if (locusTag !== "" && locusTag !== "-") row.locusTag = locusTag;
}

/** Mol weight, isoelectric point, Pfam hits and cross-references, where the table has them. */
function readMeasureCells(
  row: HypotheticalsTsvRow,
  { columns }: HypotheticalsLayout,
  { cells, file, line }: RowCells,
): void {
  const { weight, point, pfam, xrefs } = columns;
  if (weight !== -1) {
    const value = optionalNumberColumn(cells[weight], "mol weight", file, line, weight + 1);
    if (value !== undefined) row.molWeightKda = value;
  }
  if (point !== -1) {
    const value = optionalNumberColumn(cells[point], "isoelectric point", file, line, point + 1);
    if (value !== undefined) row.isoelectricPoint = value;
  }
  if (pfam !== -1) row.pfamHits = readPfamHits(cells[pfam]);
  if (xrefs !== -1 && cells[xrefs] !== undefined && cells[xrefs] !== "") {
    row.dbXrefs = cells[xrefs].split(", ").map((item, i) =>
      splitDbXref(item, `Dbxrefs item ${i + 1}`, file, line)
    );
  }
}

function optionalNumberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function position(
  text: string,
  name: string,
  kind: "InvalidStart" | "InvalidStop",
  file: string,
  line: number,
): number {
  const value = parseDigits(text);
  if (value < 1) {
    throw new ParseError(kind, `${name} "${text}" is not a positive integer`, { file, line });
  }
  return value;
}

function readPfamHits(text: string | undefined): PfamHit[] {
  if (text === undefined || text === "" || text === "-" || text === "NA") return [];
  return text.split(/,\s*/).filter((item) => item !== "").map((item) => {
    const bar = item.indexOf("|");
    return bar === -1 ? { id: item } : { id: item.slice(0, bar), name: item.slice(bar + 1) };
  });
}
