/**
 * A small header-driven table reader for the Bakta side tables (`.inference.tsv`,
 * `.hypotheticals.tsv`): comment lines, one header line naming the columns, then rows.
 *
 * @module
 */

import type { SoftwareVersions } from "../model.ts";
import { ParseError } from "../parse_error.ts";
import { parseDecimal, readVersionComment, splitLines } from "./_tsv_support.ts";

/** A header-mapped table. */
export interface TsvTable {
  /** The column names, as written (a leading `#` removed). */
  header: string[];
  /** The 1-based line number of the header. */
  headerLine: number;
  /** The data rows with their 1-based line numbers. */
  rows: { line: number; columns: string[] }[];
  /** Versions found in the comment lines. */
  software: SoftwareVersions;
}

/**
 * Splits a side table into comment versions, header and rows. The header is the first line
 * whose columns (a leading `#` removed) start with one of `headerStarts`.
 *
 * @param text The file text.
 * @param headerStarts Accepted first column names (e.g. `Sequence Id`, `ID`).
 * @param tableName The table's name in errors (e.g. `inference TSV`).
 * @param file The file name for errors.
 * @returns The table.
 * @throws {ParseError} `InvalidHeader` when a row comes before any header.
 */
export function readTsvTable(
  text: string,
  headerStarts: readonly string[],
  tableName: string,
  file: string,
): TsvTable {
  const lines = splitLines(text);
  const software: SoftwareVersions = {};
  let index = 0;
  let header: string[] | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (line === "") continue;
    const columns = (line.startsWith("#") ? line.slice(1) : line).split("\t");
    if (columns.length > 1 && headerStarts.includes(columns[0])) {
      header = columns;
      break;
    }
    if (!line.startsWith("#")) {
      throw new ParseError(
        "InvalidHeader",
        `expected the ${tableName} column header (first column ${
          headerStarts.map((h) => `"${h}"`).join(" or ")
        }) before the first row`,
        { file, line: index + 1 },
      );
    }
    readVersionComment(line, software);
  }
  if (header === undefined) {
    throw new ParseError("InvalidHeader", `no ${tableName} column header found`, {
      file,
      line: lines.length,
    });
  }
  const headerLine = index + 1;
  const rows: TsvTable["rows"] = [];
  for (index++; index < lines.length; index++) {
    const line = lines[index];
    if (line === "" || line.startsWith("#")) continue;
    rows.push({ line: index + 1, columns: line.split("\t") });
  }
  return { header, headerLine, rows, software };
}

/**
 * Reads an optional number column: `-`, `NA` and the empty string are `undefined`.
 *
 * @param text The column text.
 * @param name The column name for errors.
 * @param file The file name for errors.
 * @param line The line number for errors.
 * @param column The 1-based column for errors.
 * @returns The number, or `undefined`.
 * @throws {ParseError} `InvalidNumber` for anything else that is not a decimal number.
 */
export function optionalNumberColumn(
  text: string | undefined,
  name: string,
  file: string,
  line: number,
  column: number,
): number | undefined {
  if (text === undefined || text === "" || text === "-" || text === "NA") return undefined;
  const value = parseDecimal(text);
  if (Number.isNaN(value)) {
    throw new ParseError("InvalidNumber", `${name} "${text}" is not a number`, {
      file,
      line,
      column,
    });
  }
  return value;
}
