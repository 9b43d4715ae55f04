/**
 * Helpers shared by the Bakta TSV readers: comment-header versions, integers, strands, lines.
 *
 * @module
 */

import type { SoftwareVersions, Strand } from "../model.ts";
import { ParseError } from "../parse_error.ts";

/**
 * Reads the software and database versions from one comment line of any Bakta TSV header style:
 * `# Software: v1.11.4`, `# Database: v6.0, full` (1.8+), `#Annotated with Bakta (v1.4.0): …`,
 * `#Database (v3.1): …` (up to 1.7 and the proteins TSV), `#Annotated with Bakta v1.11.4, …`,
 * `#Database v6.0, https://…` (hypotheticals TSV). Fills `software` in place.
 *
 * @param line A comment line (starting with `#`).
 * @param software The versions found so far.
 */
export function readVersionComment(line: string, software: SoftwareVersions): void {
  let match = /^#\s*Software:\s*v?(\S+)/.exec(line) ??
    /^#\s*Annotated with Bakta\s*\(?v(\d[^\s):,]*)/.exec(line);
  if (match) {
    software.bakta = match[1];
    return;
  }
  match = /^#\s*Database:?\s*\(?v(\d[^\s):,]*)\)?[:,]?\s*(\S*)/.exec(line);
  if (match) {
    software.db = match[1];
    const type = match[2];
    if (type && !type.includes("/")) software.dbType = type;
  }
}

/**
 * Parses a decimal integer made of digits only (no sign, spaces or exponent).
 *
 * @param text The column text.
 * @returns The integer, or -1 when `text` is not a plain non-negative integer.
 */
export function parseDigits(text: string): number {
  const n = text.length;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * Parses a decimal number as Bakta writes it (`0.993`, `1.9e-201`, `560.0`).
 *
 * @param text The column text.
 * @returns The number, or NaN when `text` is not a plain decimal number.
 */
export function parseDecimal(text: string): number {
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return NaN;
  return Number(text);
}

/**
 * The error of a row whose column count is not the header's: `MissingColumn` when it has fewer
 * than `minimum`, else `Unexpected`; the message names the columns expected.
 *
 * @param found The row's column count.
 * @param header The table's column names.
 * @param where The file and the row's line.
 * @param minimum The fewest columns a row may have (a table whose last columns may be left out).
 * @returns The error to throw.
 *
 * @example
 * ```ts
 * import { columnCountError } from "./_tsv_support.ts";
 * const error = columnCountError(2, ["a", "b", "c"], { file: "x.tsv", line: 4 });
 * if (error.kind !== "MissingColumn") throw new Error(error.message);
 * ```
 */
export function columnCountError(
  found: number,
  header: readonly string[],
  where: { file: string; line: number },
  minimum = header.length,
): ParseError {
  const width = header.length;
  return new ParseError(
    found < minimum ? "MissingColumn" : "Unexpected",
    `found ${found} tab-separated columns, expected ${
      minimum === width ? width : `${minimum} to ${width}`
    } (${header.join(", ")})`,
    where,
  );
}

/**
 * Whether a string is one of the four strand symbols.
 *
 * @param text The column text.
 * @returns True for `+`, `-`, `.` or `?`.
 */
export function isStrand(text: string): text is Strand {
  return text === "+" || text === "-" || text === "?" || text === ".";
}

/**
 * Splits text into lines (LF or CRLF); a final empty line after the last newline is dropped.
 *
 * @param text The whole file.
 * @returns The lines, without their line ends.
 */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (text.includes("\r")) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
  }
  return lines;
}
