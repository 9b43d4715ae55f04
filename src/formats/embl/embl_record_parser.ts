/**
 * The incremental core of the EMBL parser: lines in, finished records out at each `//`.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import { InsdcFeatureTableParser } from "../insdc/insdc_feature_table_parser.ts";
import type { InsdcLineParser, InsdcParseOptions } from "../insdc/insdc_line_parser.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { InsdcRecordBuilder } from "../insdc/_insdc_record_builder.ts";

/** Options of {@linkcode EmblRecordParser}: those of every INSDC parser. */
export type EmblParseOptions = InsdcParseOptions;

const SEQUENCE_LINE = /^\s+((?:[A-Za-z*\-.~]+\s+)*?[A-Za-z*\-.~]+)\s+(\d+)\s*$/;

/**
 * Parses EMBL flat-file lines, one at a time, into {@linkcode InsdcRecord}s. It buffers one record
 * and hands it out when its `//` line arrives.
 *
 * Line codes read: `ID` (name; topology; length), `AC`, `DE`, `KW`, `OS`, `OC`, `CC`, `FT` (the
 * feature table), `SQ` and the sequence lines (whose trailing base counts are checked); `XX`,
 * `FH` and other codes are skipped.
 *
 * @example One short record
 * ```ts
 * import { EmblRecordParser } from "./embl_record_parser.ts";
 * const parser = new EmblRecordParser({ file: "x.embl" });
 * const lines = [
 *   "ID   c1; ; linear; DNA; ; PRO; 12 BP.",
 *   "FT   source          1..12",
 *   "SQ   Sequence 12 BP; 3 A; 3 C; 3 G; 3 T; 0 other;",
 *   "     acgtacgtac gt                                                         12",
 *   "//",
 * ];
 * const records = lines.map((line) => parser.push(line)).filter((r) => r !== undefined);
 * if (records.length !== 1 || records[0].sequence !== "acgtacgtacgt") throw new Error("record");
 * if (records[0].topology !== "linear" || records[0].length !== 12) throw new Error("header");
 * ```
 */
export class EmblRecordParser implements InsdcLineParser {
  readonly #builder: InsdcRecordBuilder;
  #features: InsdcFeatureTableParser | undefined;
  #inSequence = false;
  #description: string[] = [];
  #taxonomy: string[] = [];

  /**
   * Creates a parser.
   *
   * @param options The file name for errors.
   */
  constructor(options: EmblParseOptions = {}) {
    this.#builder = new InsdcRecordBuilder("ID", options);
  }

  /** The number of lines taken so far. */
  get lineNumber(): number {
    return this.#builder.lineNumber;
  }

  /**
   * Takes the next line (without its line break).
   *
   * @param rawLine The line.
   * @returns The record that this line (`//`) finished, if any.
   * @throws {ParseError} For bad input, naming the file and line.
   */
  push(rawLine: string): InsdcRecord | undefined {
    const builder = this.#builder;
    const line = builder.next(rawLine);
    const lineNumber = builder.lineNumber;
    const record = builder.record;
    if (record === undefined) {
      if (line.trim() === "") return undefined;
      this.#start(line, lineNumber);
      return undefined;
    }
    if (line.startsWith("//")) return this.#end(lineNumber);
    if (this.#inSequence) {
      this.#sequenceLine(line, lineNumber);
      return undefined;
    }
    if (line.trim() === "") return undefined;
    const code = line.slice(0, 2);
    const value = line.length > 5 ? line.slice(5).trim() : "";
    switch (code) {
      case "FT":
        if (this.#features === undefined) {
          this.#features = new InsdcFeatureTableParser(builder.file);
        }
        if (value !== "") this.#features.push(line.slice(5), lineNumber);
        return undefined;
      case "SQ":
        this.#inSequence = true;
        return undefined;
      case "AC":
        if (record.accession === undefined) record.accession = value.replace(/;\s*$/, "");
        return undefined;
      case "DE":
        this.#description.push(value);
        return undefined;
      case "KW":
        record.keywords = record.keywords === undefined ? value : `${record.keywords} ${value}`;
        return undefined;
      case "OS":
        record.organism = value;
        return undefined;
      case "OC":
        this.#taxonomy.push(value);
        return undefined;
      case "CC":
        builder.addComment(value);
        return undefined;
      case "ID":
        throw builder.headerInsideRecord(lineNumber);
    }
    if (!/^[A-Z]{2}(\s|$)/.test(line)) {
      throw new ParseError(
        "Unexpected",
        `${JSON.stringify(line.slice(0, 30))}: expected a line starting with a two-letter code`,
        { file: builder.file, line: lineNumber },
      );
    }
    return undefined;
  }

  /**
   * Ends the input.
   *
   * @returns Nothing: every complete record was returned by {@linkcode push}.
   * @throws {ParseError} `Truncated` when a record has no `//`.
   */
  finish(): undefined {
    return this.#builder.finish();
  }

  #start(line: string, lineNumber: number): void {
    const fail = (): never => {
      throw new ParseError(
        "InvalidHeader",
        `${JSON.stringify(line.slice(0, 40))}: expected an "ID   <name>; …; <length> BP." line`,
        { file: this.#builder.file, line: lineNumber },
      );
    };
    if (!line.startsWith("ID   ")) fail();
    const parts = line.slice(5).split(";").map((part) => part.trim());
    const name = parts[0].split(/\s+/)[0];
    const length = /^(\d+)\s+BP\.?$/i.exec(parts[parts.length - 1]);
    if (name === "" || !length) fail();
    const record: InsdcRecord = {
      name,
      length: Number(length![1]),
      features: [],
      line: lineNumber,
    };
    for (const part of parts.slice(1, -1)) {
      if (part === "circular" || part === "linear") record.topology = part;
    }
    if (parts.length >= 7) {
      if (parts[3] !== "") record.moleculeType = parts[3];
      if (parts[5] !== "") record.division = parts[5];
    }
    this.#builder.begin(record);
    this.#features = undefined;
    this.#inSequence = false;
    this.#description = [];
    this.#taxonomy = [];
  }

  #sequenceLine(line: string, lineNumber: number): void {
    if (line.trim() === "") return;
    const match = SEQUENCE_LINE.exec(line);
    if (!match) {
      throw new ParseError(
        "InvalidSequence",
        `sequence line ${JSON.stringify(line.slice(0, 30))}: expected letters and a base count`,
        { file: this.#builder.file, line: lineNumber },
      );
    }
    this.#builder.addSequence(match[1].replace(/\s+/g, ""));
    const length = this.#builder.sequenceLength;
    if (Number(match[2]) !== length) {
      throw new ParseError(
        "InvalidSequence",
        `sequence line ends with base count ${match[2]}: expected ${length}`,
        { file: this.#builder.file, line: lineNumber },
      );
    }
  }

  #end(lineNumber: number): InsdcRecord {
    const record = this.#builder.record!;
    if (this.#features !== undefined) record.features = this.#features.finish();
    if (this.#description.length > 0) record.definition = this.#description.join(" ");
    if (this.#taxonomy.length > 0) record.taxonomy = this.#taxonomy.join(" ");
    this.#builder.end(lineNumber);
    this.#features = undefined;
    this.#inSequence = false;
    return record;
  }
}
