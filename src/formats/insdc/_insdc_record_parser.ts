/**
 * The head the GenBank and EMBL record parsers share (private to `formats/`): line numbers and
 * carriage returns, opening a record at its header line, closing it at `//` with its comment and
 * its sequence checked against the declared length, and the end of the input.
 *
 * @module
 */

import { skipSpaces } from "../_text_scan.ts";
import { ParseError } from "../parse_error.ts";
import type { InsdcLineParser, InsdcParseOptions } from "./insdc_line_parser.ts";
import type { InsdcRecord } from "./insdc_record.ts";
import { ResidueBuffer } from "./_residue_buffer.ts";

/**
 * An incremental GenBank or EMBL parser: this class reads what both formats share, a subclass
 * reads the header line ({@linkcode startRecord}) and the lines of the open record
 * ({@linkcode bodyLine}). Lines arrive either as strings ({@linkcode push}) or as index ranges of
 * a larger text ({@linkcode pushRange}), which spares the whole-text front-end a string per line.
 *
 * @example A parser of records made of a header and sequence lines
 * ```ts
 * import { InsdcRecordParser } from "./_insdc_record_parser.ts";
 * import type { InsdcRecord } from "./insdc_record.ts";
 * class TinyParser extends InsdcRecordParser {
 *   constructor() {
 *     super("HEAD");
 *   }
 *   protected startRecord(line: string, lineNumber: number): InsdcRecord {
 *     return { name: line.slice(5), length: 4, features: [], line: lineNumber };
 *   }
 *   protected bodyLine(text: string, start: number, end: number): void {
 *     this.residues.append(text, start, end);
 *   }
 *   protected closeRecord(): void {}
 * }
 * const parser = new TinyParser();
 * const out = ["HEAD c1", "ac", "gt\r", "//"].map((line) => parser.push(line));
 * if (out[3]?.sequence !== "acgt" || parser.lineNumber !== 4) throw new Error("record");
 * ```
 */
export abstract class InsdcRecordParser implements InsdcLineParser {
  /** The file, for errors. */
  protected readonly file: string;
  /** The sequence letters of the open record. */
  protected readonly residues: ResidueBuffer = new ResidueBuffer();
  readonly #header: string;
  #lineNumber = 0;
  #record: InsdcRecord | undefined;
  #comment: string[] = [];

  /**
   * Creates the shared part of a parser.
   *
   * @param header The header line's keyword (`LOCUS`, `ID`), for errors.
   * @param options The file name for errors.
   */
  constructor(header: string, options: InsdcParseOptions = {}) {
    this.#header = header;
    this.file = options.file ?? "input";
  }

  /** The number of lines taken so far. */
  get lineNumber(): number {
    return this.#lineNumber;
  }

  /**
   * Takes the next line (without its line break; a trailing `\r` is dropped).
   *
   * @param line The line.
   * @returns The record that this line (`//`) finished, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  push(line: string): InsdcRecord | undefined {
    return this.pushRange(line, 0, line.length);
  }

  /**
   * Takes the next line as the range `text[start, end)` of a larger text (without its line
   * break; a trailing `\r` is dropped).
   *
   * @param text The text holding the line.
   * @param start The index of the line's first character.
   * @param end The index after its last character.
   * @returns The record that this line (`//`) finished, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  pushRange(text: string, start: number, end: number): InsdcRecord | undefined {
    const lineNumber = ++this.#lineNumber;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const record = this.#record;
    if (record === undefined) {
      if (skipSpaces(text, start, end) < end) this.#begin(text.slice(start, end), lineNumber);
      return undefined;
    }
    if (end - start >= 2 && text.charCodeAt(start) === 47 && text.charCodeAt(start + 1) === 47) {
      return this.#end(record, lineNumber);
    }
    this.bodyLine(text, start, end, lineNumber, record);
    return undefined;
  }

  /**
   * Ends the input.
   *
   * @returns Nothing: every complete record was returned by {@linkcode push}.
   * @throws {ParseError} `Truncated` when a record has no `//`.
   */
  finish(): undefined {
    const record = this.#record;
    if (record !== undefined) {
      throw new ParseError(
        "Truncated",
        `record "${record.name}" (line ${record.line}) ends without "//"`,
        { file: this.file, line: this.#lineNumber },
      );
    }
    return undefined;
  }

  /**
   * Reads a record's header line (`LOCUS`, `ID`) and resets the subclass's own state.
   *
   * @param line The line, not blank.
   * @param lineNumber Its 1-based number.
   * @returns The new record.
   * @throws {ParseError} `InvalidHeader` when the line is not a header line.
   */
  protected abstract startRecord(line: string, lineNumber: number): InsdcRecord;

  /**
   * Reads a line of the open record other than its `//`.
   *
   * @param text The text holding the line.
   * @param start The index of the line's first character.
   * @param end The index after its last character (any `\r` removed).
   * @param lineNumber Its 1-based number.
   * @param record The open record.
   * @throws {ParseError} For a bad line.
   */
  protected abstract bodyLine(
    text: string,
    start: number,
    end: number,
    lineNumber: number,
    record: InsdcRecord,
  ): void;

  /**
   * Completes the open record at its `//` (the features, the fields gathered over lines); the
   * comment and the sequence are added afterwards.
   *
   * @param record The open record.
   * @throws {ParseError} For a feature table left open.
   */
  protected abstract closeRecord(record: InsdcRecord): void;

  /**
   * Appends a comment line (`COMMENT`, `CC`) to the open record.
   *
   * @param line The line's text.
   */
  protected addComment(line: string): void {
    this.#comment.push(line);
  }

  /**
   * The error for a header line met before the open record's `//`.
   *
   * @param lineNumber The header line.
   * @returns The `Truncated` error, to throw.
   */
  protected headerInsideRecord(lineNumber: number): ParseError {
    const record = this.#record!;
    const article = /^[AEIOU]/.test(this.#header) ? "an" : "a";
    return new ParseError(
      "Truncated",
      `${article} ${this.#header} line inside record "${record.name}" (line ${record.line}): ` +
        `expected "//" first`,
      { file: this.file, line: lineNumber },
    );
  }

  #begin(line: string, lineNumber: number): void {
    this.residues.clear();
    this.#comment = [];
    this.#record = this.startRecord(line, lineNumber);
  }

  #end(record: InsdcRecord, lineNumber: number): InsdcRecord {
    this.closeRecord(record);
    if (this.#comment.length > 0) record.comment = this.#comment.join("\n");
    if (this.residues.used) {
      record.sequence = this.residues.take();
      if (record.sequence.length !== record.length) {
        throw new ParseError(
          "Truncated",
          `record "${record.name}" has ${record.sequence.length} bases: ${this.#header} declares ${record.length}`,
          { file: this.file, line: lineNumber },
        );
      }
    }
    this.#record = undefined;
    return record;
  }
}
