/**
 * The bookkeeping the GenBank and EMBL record parsers share (private to `formats/`): line
 * numbers, the open record, its sequence letters and comment lines, and the checks at `//` and at
 * the end of the input.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { InsdcParseOptions } from "./insdc_line_parser.ts";
import type { InsdcRecord } from "./insdc_record.ts";

/**
 * Holds the record being read by a GenBank or EMBL parser. The parser reads the lines; this keeps
 * the count, the sequence and the comment, and closes the record.
 *
 * @example A record with a sequence
 * ```ts
 * import { InsdcRecordBuilder } from "./_insdc_record_builder.ts";
 * const builder = new InsdcRecordBuilder("LOCUS", { file: "x.gbff" });
 * builder.next("LOCUS c1 4 bp\r");
 * builder.begin({ name: "c1", length: 4, features: [], line: builder.lineNumber });
 * builder.addSequence("acgt");
 * builder.next("//");
 * const record = builder.end(builder.lineNumber);
 * if (record.sequence !== "acgt" || builder.record !== undefined) throw new Error("end");
 * ```
 */
export class InsdcRecordBuilder {
  /** The file, for errors. */
  readonly file: string;
  readonly #header: string;
  #lineNumber = 0;
  #record: InsdcRecord | undefined;
  #sequence: string[] = [];
  #sequenceLength = 0;
  #comment: string[] = [];

  /**
   * Creates the bookkeeping of one parser.
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

  /** The record being read, or undefined between records. */
  get record(): InsdcRecord | undefined {
    return this.#record;
  }

  /** The number of sequence letters read so far in the record. */
  get sequenceLength(): number {
    return this.#sequenceLength;
  }

  /**
   * Counts the next line and drops its trailing carriage return.
   *
   * @param rawLine The line as given.
   * @returns The line without `\r`.
   */
  next(rawLine: string): string {
    this.#lineNumber++;
    return rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
  }

  /**
   * Opens a record (read from its header line), with no sequence and no comment yet.
   *
   * @param record The record.
   */
  begin(record: InsdcRecord): void {
    this.#record = record;
    this.#sequence = [];
    this.#sequenceLength = 0;
    this.#comment = [];
  }

  /**
   * Appends sequence letters.
   *
   * @param letters The letters of one line, white space removed.
   */
  addSequence(letters: string): void {
    this.#sequence.push(letters);
    this.#sequenceLength += letters.length;
  }

  /**
   * Appends a comment line.
   *
   * @param line The line's text.
   */
  addComment(line: string): void {
    this.#comment.push(line);
  }

  /**
   * The error for a header line met before the open record's `//`.
   *
   * @param lineNumber The header line.
   * @returns The `Truncated` error, to throw.
   */
  headerInsideRecord(lineNumber: number): ParseError {
    const record = this.#record!;
    const article = /^[AEIOU]/.test(this.#header) ? "an" : "a";
    return new ParseError(
      "Truncated",
      `${article} ${this.#header} line inside record "${record.name}" (line ${record.line}): ` +
        `expected "//" first`,
      { file: this.file, line: lineNumber },
    );
  }

  /**
   * Closes the open record at its `//`: the comment lines joined with `\n`, the sequence joined
   * and checked against the declared length.
   *
   * @param lineNumber The `//` line.
   * @returns The record.
   * @throws {ParseError} `Truncated` when the sequence is not of the declared length.
   */
  end(lineNumber: number): InsdcRecord {
    const record = this.#record!;
    if (this.#comment.length > 0) record.comment = this.#comment.join("\n");
    if (this.#sequence.length > 0) {
      record.sequence = this.#sequence.join("");
      if (record.sequence.length !== record.length) {
        throw new ParseError(
          "Truncated",
          `record "${record.name}" has ${record.sequence.length} bases: ${this.#header} declares ${record.length}`,
          { file: this.file, line: lineNumber },
        );
      }
    }
    this.#record = undefined;
    this.#sequence = [];
    return record;
  }

  /**
   * Ends the input.
   *
   * @returns Nothing.
   * @throws {ParseError} `Truncated` when a record has no `//`.
   */
  finish(): undefined {
    if (this.#record !== undefined) {
      throw new ParseError(
        "Truncated",
        `record "${this.#record.name}" (line ${this.#record.line}) ends without "//"`,
        { file: this.file, line: this.#lineNumber },
      );
    }
    return undefined;
  }
}
