/**
 * Parsing one GFF3 line (outside the `##FASTA` section).
 *
 * @module
 */

import { ParseError, type ParseErrorKind } from "../parse_error.ts";
import type {
  Gff3CommentLine,
  Gff3DirectiveLine,
  Gff3FeatureLine,
  Gff3Phase,
  Gff3Strand,
} from "./gff3_line.ts";
import type { Gff3Names } from "./_gff3_names.ts";
import { digitsOnlyValue } from "../_text_scan.ts";
import { readAttributeRange } from "./parse_attributes.ts";
import { Gff3Attributes } from "./gff3_attributes.ts";
import { decodePercent } from "./percent_encoding.ts";

/** Options of {@linkcode parseGff3Line}. */
export interface ParseGff3LineOptions {
  /**
   * The file, for errors.
   *
   * @default {"input"}
   */
  file?: string;
}

/**
 * Parses one GFF3 line: a `##` directive, a `#` comment or a feature line of 9 tab-separated
 * columns. Pure: no state, no I/O. Empty lines and the `##FASTA` section are the caller's
 * business ({@linkcode Gff3LineParser} handles both).
 *
 * Checks: exactly 9 columns; seqid and type present; start and end positive integers with
 * end ≥ start (Bakta writes origin-spanning features with end > sequence length, never end <
 * start); score `.` or a number; strand one of `+ - . ?`; phase `.` or 0–2; column 9 well-formed
 * (see {@linkcode parseAttributes}).
 *
 * @param line The line, without its line break (a trailing `\r` is ignored).
 * @param lineNumber The 1-based line number, for the result and errors.
 * @param options The file, for errors.
 * @returns The typed line.
 * @throws {ParseError} `MissingColumn`, `InvalidStart`, `InvalidStop`, `InvalidNumber`,
 * `InvalidStrand`, `InvalidAttribute` or `Unexpected` (more than 9 columns), naming file and line.
 *
 * @example A Bakta CDS line
 * ```ts
 * import { parseGff3Line } from "./parse_gff3_line.ts";
 * const line = parseGff3Line(
 *   "contig_1\tPyrodigal\tCDS\t1\t894\t.\t+\t0\tID=X_1;product=a%2C b;Dbxref=SO:1,GO:2",
 *   10,
 * );
 * if (line.kind !== "feature" || line.end !== 894 || line.phase !== 0) throw new Error("columns");
 * if (line.attributes.get("product")?.[0] !== "a, b") throw new Error("attributes");
 * ```
 */
export function parseGff3Line(
  line: string,
  lineNumber: number,
  options: ParseGff3LineOptions = {},
): Gff3FeatureLine | Gff3DirectiveLine | Gff3CommentLine {
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  if (line.charCodeAt(0) === 35) { // "#"
    if (line.charCodeAt(1) === 35) {
      if (line.charCodeAt(2) === 35) return { kind: "directive", line: lineNumber, name: "#" };
      const space = line.search(/\s/);
      const name = space < 0 ? line.slice(2) : line.slice(2, space);
      const value = space < 0 ? "" : line.slice(space).trim();
      const directive: Gff3DirectiveLine = { kind: "directive", line: lineNumber, name };
      if (value !== "") directive.value = value;
      return directive;
    }
    return { kind: "comment", line: lineNumber, text: line.slice(1).trim() };
  }
  return parseFeatureLine(line, lineNumber, options.file ?? "input");
}

/**
 * {@linkcode parseGff3Line} for the whole-file readers: the file positional (no options object per
 * line) and repeated names (seqid, source, type, attribute tags) taken from `pool`, so that a file
 * of thousands of lines holds one copy of each and maps keyed by them hash it once; the last line's
 * names are checked in place first.
 *
 * @param line The line, without its line break (a trailing `\r` is ignored).
 * @param lineNumber The 1-based line number, for the result and errors.
 * @param file The file, for errors.
 * @param pool Where repeated names come from.
 * @returns The typed line.
 * @throws {ParseError} As {@linkcode parseGff3Line}.
 *
 * @example The same type string for two lines
 * ```ts
 * import { parseGff3LinePooled } from "./parse_gff3_line.ts";
 * import { Gff3Names } from "./_gff3_names.ts";
 * const pool = new Gff3Names();
 * const a = parseGff3LinePooled("c1\tBakta\tCDS\t1\t9\t.\t+\t0\tID=a", 1, "x.gff3", pool);
 * const b = parseGff3LinePooled("c1\tBakta\tCDS\t10\t19\t.\t+\t0\tID=b", 2, "x.gff3", pool);
 * if (a.kind !== "feature" || b.kind !== "feature" || a.type !== b.type) throw new Error("pool");
 * ```
 */
export function parseGff3LinePooled(
  line: string,
  lineNumber: number,
  file: string,
  pool: Gff3Names,
): Gff3FeatureLine | Gff3DirectiveLine | Gff3CommentLine {
  const first = line.charCodeAt(0);
  if (first === 35) return parseGff3Line(line, lineNumber, { file });
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  return parseFeatureLine(line, lineNumber, file, pool);
}

function fail(kind: ParseErrorKind, detail: string, file: string, line: number): never {
  throw new ParseError(kind, detail, { file, line });
}

/** The strands by the character code of column 7. */
const STRANDS: Record<number, Gff3Strand> = { 43: "+", 45: "-", 46: ".", 63: "?" };

/**
 * Columns 1–8 of a feature line (private to the GFF3 readers): filled in place by
 * {@linkcode readFeatureColumns} into the object that keeps them (a {@linkcode Gff3FeatureLine},
 * say), so that reading them allocates nothing but the strings.
 */
export interface Gff3Columns {
  /** Column 1. */
  seqid: string;
  /** Column 2, undefined for `.`. */
  source?: string | undefined;
  /** Column 3. */
  type: string;
  /** Column 4. */
  start: number;
  /** Column 5. */
  end: number;
  /** Column 6, undefined for `.`. */
  score?: number | undefined;
  /** Column 7. */
  strand: Gff3Strand;
  /** Column 8, undefined for `.`. */
  phase?: Gff3Phase | undefined;
}

/**
 * Reads and checks columns 1–8 of a feature line (without its `\r`) into `out`, by the positions
 * of its 8 tabs: only the text columns are sliced (from `pool` when given); numbers, strand and
 * phase are read from character codes.
 *
 * @param line The line.
 * @param lineNumber The 1-based line number, for errors.
 * @param file The file, for errors.
 * @param pool Where repeated seqids, sources and types come from.
 * @param out Where the columns go.
 * @returns The index of column 9's first character.
 * @throws {ParseError} As {@linkcode parseGff3Line} for columns 1–8.
 *
 * @example Columns of a CDS line
 * ```ts
 * import { type Gff3Columns, readFeatureColumns } from "./parse_gff3_line.ts";
 * const columns: Gff3Columns = { seqid: "", type: "", start: 0, end: 0, strand: "." };
 * const at = readFeatureColumns("c1\tBakta\tCDS\t1\t9\t.\t+\t0\tID=a", 1, "x", undefined, columns);
 * if (columns.end !== 9 || columns.phase !== 0 || at !== 23) throw new Error("columns");
 * ```
 */
export function readFeatureColumns(
  line: string,
  lineNumber: number,
  file: string,
  pool: Gff3Names | undefined,
  out: Gff3Columns,
): number {
  const t0 = nextTab(line, 0, 1, file, lineNumber);
  const t1 = nextTab(line, t0 + 1, 2, file, lineNumber);
  const t2 = nextTab(line, t1 + 1, 3, file, lineNumber);
  const t3 = nextTab(line, t2 + 1, 4, file, lineNumber);
  const t4 = nextTab(line, t3 + 1, 5, file, lineNumber);
  const t5 = nextTab(line, t4 + 1, 6, file, lineNumber);
  const t6 = nextTab(line, t5 + 1, 7, file, lineNumber);
  const t7 = nextTab(line, t6 + 1, 8, file, lineNumber);
  if (line.indexOf("\t", t7 + 1) >= 0) {
    const found = line.split("\t").length;
    fail("Unexpected", `expected 9 tab-separated columns, found ${found}`, file, lineNumber);
  }
  out.seqid = textColumn(line, 0, t0, 1, "seqid", file, lineNumber, pool);
  out.type = textColumn(line, t1 + 1, t2, 3, "type", file, lineNumber, pool);
  readSpan(line, t2 + 1, t3, t4, file, lineNumber, out);
  const strand = t6 - t5 === 2 ? STRANDS[line.charCodeAt(t5 + 1)] : undefined;
  if (strand === undefined) {
    fail(
      "InvalidStrand",
      `strand ${JSON.stringify(line.slice(t5 + 1, t6))} is not one of "+", "-", ".", "?"`,
      file,
      lineNumber,
    );
  }
  out.strand = strand!;
  out.source = isDot(line, t0 + 1, t1)
    ? undefined
    : textColumn(line, t0 + 1, t1, 2, "source", file, lineNumber, pool);
  out.score = isDot(line, t4 + 1, t5)
    ? undefined
    : readScore(line.slice(t4 + 1, t5), file, lineNumber);
  out.phase = isDot(line, t6 + 1, t7)
    ? undefined
    : readPhase(line.slice(t6 + 1, t7), file, lineNumber);
  return t7 + 1;
}

/** Parses a feature line: columns 1–8 by {@linkcode readFeatureColumns}, then column 9. */
function parseFeatureLine(
  line: string,
  lineNumber: number,
  file: string,
  pool?: Gff3Names,
): Gff3FeatureLine {
  // Every property is always set (undefined for ".") so that all feature lines share one shape.
  const parsed: Gff3FeatureLine = {
    kind: "feature",
    line: lineNumber,
    seqid: "",
    source: undefined,
    type: "",
    start: 0,
    end: 0,
    score: undefined,
    strand: ".",
    phase: undefined,
    attributes: NO_ATTRIBUTES,
  };
  const at = readFeatureColumns(line, lineNumber, file, pool, parsed);
  parsed.attributes = readAttributeRange(line, at, line.length, file, lineNumber, pool);
  return parsed;
}

/** A placeholder until column 9 is read. */
const NO_ATTRIBUTES = new Gff3Attributes();

/** The tab that ends column `column` (1-based), searched from `from`. */
function nextTab(line: string, from: number, column: number, file: string, lineNumber: number) {
  const tab = line.indexOf("\t", from);
  if (tab < 0) {
    fail(
      "MissingColumn",
      `expected 9 tab-separated columns, found ${column}${column === 1 ? " (no tab)" : ""}`,
      file,
      lineNumber,
    );
  }
  return tab;
}

/** Whether `line[from, to)` is empty or `.`, GFF3's "no value". */
function isDot(line: string, from: number, to: number): boolean {
  return to === from || (to === from + 1 && line.charCodeAt(from) === 46);
}

/** A required text column (seqid, type), percent-decoded where it has a `%`. */
function textColumn(
  line: string,
  from: number,
  to: number,
  column: number,
  name: string,
  file: string,
  lineNumber: number,
  pool: Gff3Names | undefined,
): string {
  if (column !== 2 && isDot(line, from, to)) {
    fail("MissingColumn", `column ${column} (${name}) is empty`, file, lineNumber);
  }
  let text: string;
  if (pool === undefined) text = line.slice(from, to);
  else {
    // Most lines repeat the last line's seqid, source and type: checked in place first.
    const last = pool.columnAt[column];
    if (last !== undefined && last.length === to - from && line.startsWith(last, from)) {
      text = last;
    } else text = pool.columnAt[column] = pool.get(line, from, to);
  }
  return text.indexOf("%") < 0 ? text : decodeColumn(text, column, file, lineNumber);
}

/** Columns 4 and 5 (`line[from, middle)`, `line[middle + 1, to)`): start and end, into `out`. */
function readSpan(
  line: string,
  from: number,
  middle: number,
  to: number,
  file: string,
  lineNumber: number,
  out: Gff3Columns,
): void {
  const start = positionAt(line, from, middle);
  if (start < 0) {
    fail(
      "InvalidStart",
      `start ${JSON.stringify(line.slice(from, middle))} is not a positive integer`,
      file,
      lineNumber,
    );
  }
  const end = positionAt(line, middle + 1, to);
  if (end < 0) {
    fail(
      "InvalidStop",
      `end ${JSON.stringify(line.slice(middle + 1, to))} is not a positive integer`,
      file,
      lineNumber,
    );
  }
  if (end < start) {
    fail(
      "InvalidStop",
      `end ${end} is less than start ${start}: expected end >= start (origin-spanning features are written with end beyond the sequence length)`,
      file,
      lineNumber,
    );
  }
  out.start = start;
  out.end = end;
}

/** Column 6 when it is not `.`: a number without surrounding blanks. */
function readScore(score: string, file: string, lineNumber: number): number {
  const value = Number(score);
  if (!Number.isFinite(value) || score.trim() !== score) {
    fail(
      "InvalidNumber",
      `score ${JSON.stringify(score)} is not a number or "."`,
      file,
      lineNumber,
    );
  }
  return value;
}

/** Column 8 when it is not `.`: 0, 1 or 2. */
function readPhase(phase: string, file: string, lineNumber: number): Gff3Phase {
  if (phase === "0") return 0;
  if (phase === "1") return 1;
  if (phase === "2") return 2;
  fail("InvalidNumber", `phase ${JSON.stringify(phase)} is not 0, 1, 2 or "."`, file, lineNumber);
}

/** A positive integer of at most 15 digits in `text[from, to)`, or -1. */
function positionAt(text: string, from: number, to: number): number {
  const value = digitsOnlyValue(text, from, to);
  return value > 0 ? value : -1;
}

function decodeColumn(text: string, column: number, file: string, line: number): string {
  const decoded = decodePercent(text);
  if (decoded === undefined) {
    fail(
      "InvalidAttribute",
      `column ${column} ${JSON.stringify(text)} has a broken % escape`,
      file,
      line,
    );
  }
  return decoded!;
}
