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
import { parseAttributeColumn } from "./parse_attributes.ts";
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

function fail(kind: ParseErrorKind, detail: string, file: string, line: number): never {
  throw new ParseError(kind, detail, { file, line });
}

function parseFeatureLine(line: string, lineNumber: number, file: string): Gff3FeatureLine {
  const columns = line.split("\t");
  if (columns.length !== 9) {
    if (columns.length < 9) {
      fail(
        "MissingColumn",
        `expected 9 tab-separated columns, found ${columns.length}${
          columns.length === 1 ? " (no tab)" : ""
        }`,
        file,
        lineNumber,
      );
    }
    fail(
      "Unexpected",
      `expected 9 tab-separated columns, found ${columns.length}`,
      file,
      lineNumber,
    );
  }
  const seqid = columns[0];
  if (seqid === "" || seqid === ".") {
    fail("MissingColumn", "column 1 (seqid) is empty", file, lineNumber);
  }
  const type = columns[2];
  if (type === "" || type === ".") {
    fail("MissingColumn", "column 3 (type) is empty", file, lineNumber);
  }
  const start = parsePosition(columns[3]);
  if (start < 0) {
    fail(
      "InvalidStart",
      `start ${JSON.stringify(columns[3])} is not a positive integer`,
      file,
      lineNumber,
    );
  }
  const end = parsePosition(columns[4]);
  if (end < 0) {
    fail(
      "InvalidStop",
      `end ${JSON.stringify(columns[4])} is not a positive integer`,
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
  const strand = columns[6];
  if (strand !== "+" && strand !== "-" && strand !== "." && strand !== "?") {
    fail(
      "InvalidStrand",
      `strand ${JSON.stringify(strand)} is not one of "+", "-", ".", "?"`,
      file,
      lineNumber,
    );
  }
  const source = columns[1];
  const score = columns[5];
  let scoreValue: number | undefined;
  if (score !== "." && score !== "") {
    scoreValue = Number(score);
    if (!Number.isFinite(scoreValue) || score.trim() !== score) {
      fail(
        "InvalidNumber",
        `score ${JSON.stringify(score)} is not a number or "."`,
        file,
        lineNumber,
      );
    }
  }
  const phase = columns[7];
  let phaseValue: Gff3Phase | undefined;
  if (phase !== "." && phase !== "") {
    if (phase === "0") phaseValue = 0;
    else if (phase === "1") phaseValue = 1;
    else if (phase === "2") phaseValue = 2;
    else {fail(
        "InvalidNumber",
        `phase ${JSON.stringify(phase)} is not 0, 1, 2 or "."`,
        file,
        lineNumber,
      );}
  }
  // Every property is always set (undefined for ".") so that all feature lines share one shape.
  return {
    kind: "feature",
    line: lineNumber,
    seqid: seqid.indexOf("%") < 0 ? seqid : decodeColumn(seqid, 1, file, lineNumber),
    source: source === "." || source === ""
      ? undefined
      : source.indexOf("%") < 0
      ? source
      : decodeColumn(source, 2, file, lineNumber),
    type: type.indexOf("%") < 0 ? type : decodeColumn(type, 3, file, lineNumber),
    start,
    end,
    score: scoreValue,
    strand: strand as Gff3Strand,
    phase: phaseValue,
    attributes: parseAttributeColumn(columns[8], file, lineNumber),
  };
}

/** A positive integer of at most 15 digits, or -1. */
function parsePosition(text: string): number {
  const length = text.length;
  if (length === 0 || length > 15) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
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
