/**
 * What the GenBank and EMBL record parsers have in common: their options and the line-in,
 * record-out interface the front-ends ({@linkcode parseInsdcRecords}, {@linkcode InsdcParseStream})
 * drive.
 *
 * @module
 */

import type { InsdcRecord } from "./insdc_record.ts";

/** Options of the GenBank and EMBL parsers. */
export interface InsdcParseOptions {
  /**
   * The file, for error messages.
   *
   * @default {"input"}
   */
  file?: string;
}

/**
 * An incremental INSDC flat-file parser: lines in, one finished record out at each `//`
 * (`GenbankRecordParser`, `EmblRecordParser`).
 */
export interface InsdcLineParser {
  /**
   * Takes the next line (without its line break).
   *
   * @param line The line.
   * @returns The record that this line finished, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  push(line: string): InsdcRecord | undefined;
  /**
   * Takes the next line as the range `text[start, end)` of a larger text (without its line
   * break), so that a whole-text front-end need not cut the text into a string per line.
   *
   * @param text The text holding the line.
   * @param start The index of the line's first character.
   * @param end The index after its last character.
   * @returns The record that this line finished, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  pushRange(text: string, start: number, end: number): InsdcRecord | undefined;
  /**
   * Ends the input.
   *
   * @returns Nothing: every complete record was returned by `push`.
   * @throws {ParseError} `Truncated` when a record has no `//`.
   */
  finish(): undefined;
}
