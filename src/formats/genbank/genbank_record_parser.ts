/**
 * The incremental core of the GenBank parser: lines in, finished records out at each `//`.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import { InsdcFeatureTableParser } from "../insdc/insdc_feature_table_parser.ts";
import type { InsdcLineParser, InsdcParseOptions } from "../insdc/insdc_line_parser.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { InsdcRecordBuilder } from "../insdc/_insdc_record_builder.ts";

/** Options of {@linkcode GenbankRecordParser}: those of every INSDC parser. */
export type GenbankParseOptions = InsdcParseOptions;

type Section = "header" | "features" | "origin" | "other";

const LOCUS = /^LOCUS\s+(\S+)\s+(\d+)\s+(?:bp|aa|rc)\b(.*)$/;
const ORIGIN_LINE = /^\s*(\d+)((?:\s+[A-Za-z*\-.~]+)*)\s*$/;

/**
 * Parses GenBank flat-file lines, one at a time, into {@linkcode InsdcRecord}s. It buffers one
 * record and hands it out when its `//` line arrives.
 *
 * Checks: a record starts with a `LOCUS` line giving name and length; the `ORIGIN` lines are
 * numbered consecutively and hold letters only; the sequence has the declared length; a record
 * ends with `//`.
 *
 * @example Two lines short of a record, then the rest
 * ```ts
 * import { GenbankRecordParser } from "./genbank_record_parser.ts";
 * const parser = new GenbankRecordParser({ file: "x.gbff" });
 * const lines = [
 *   "LOCUS       c1                        12 bp    DNA     circular BCT 01-JAN-2025",
 *   "FEATURES             Location/Qualifiers",
 *   "     source          1..12",
 *   "ORIGIN",
 *   "        1 acgtacgtac gt",
 *   "//",
 * ];
 * const records = lines.map((line) => parser.push(line)).filter((r) => r !== undefined);
 * if (records.length !== 1 || records[0].sequence !== "acgtacgtacgt") throw new Error("record");
 * if (records[0].topology !== "circular" || records[0].features[0].key !== "source") {
 *   throw new Error("header");
 * }
 * ```
 */
export class GenbankRecordParser implements InsdcLineParser {
  readonly #builder: InsdcRecordBuilder;
  #section: Section = "header";
  #keyword = "";
  #features: InsdcFeatureTableParser | undefined;

  /**
   * Creates a parser.
   *
   * @param options The file name for errors.
   */
  constructor(options: GenbankParseOptions = {}) {
    this.#builder = new InsdcRecordBuilder("LOCUS", options);
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
    const first = line.charCodeAt(0);
    if (first === 47 && line.startsWith("//")) return this.#end(lineNumber);
    if (this.#section === "origin" && !line.startsWith("LOCUS")) {
      this.#originLine(line, lineNumber);
      return undefined;
    }
    if (this.#section === "features" && first === 32) {
      if (line.trim() !== "") this.#features!.push(line.slice(5), lineNumber);
      return undefined;
    }
    if (line.trim() === "") return undefined;
    if (first !== 32) {
      const keyword = line.slice(0, 12).trim();
      const value = line.slice(12).trim();
      this.#keyword = keyword;
      switch (keyword) {
        case "FEATURES":
          this.#section = "features";
          this.#features = new InsdcFeatureTableParser(builder.file);
          return undefined;
        case "ORIGIN":
          this.#endFeatures();
          this.#section = "origin";
          return undefined;
        case "LOCUS":
          throw builder.headerInsideRecord(lineNumber);
      }
      this.#endFeatures();
      this.#section = "header";
      this.#headerValue(record, keyword, value, false);
      return undefined;
    }
    // A continuation or sub-keyword (`  ORGANISM`) of the header.
    const sub = line.slice(0, 12).trim();
    const value = line.slice(12).trim();
    if (sub !== "") {
      this.#keyword = sub;
      this.#headerValue(record, sub, value, false);
    } else {
      this.#headerValue(record, this.#keyword, value, true);
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
    const match = LOCUS.exec(line);
    if (!match) {
      throw new ParseError(
        "InvalidHeader",
        `${JSON.stringify(line.slice(0, 40))}: expected a "LOCUS <name> <length> bp" line`,
        { file: this.#builder.file, line: lineNumber },
      );
    }
    const record: InsdcRecord = {
      name: match[1],
      length: Number(match[2]),
      features: [],
      line: lineNumber,
    };
    const rest = match[3].trim().split(/\s+/);
    for (const token of rest) {
      if (token === "circular" || token === "linear") record.topology = token;
      else if (/^\d{1,2}-[A-Z]{3}-\d{4}$/.test(token)) record.date = token;
      else if (/^[A-Z]{3}$/.test(token) && record.moleculeType !== undefined) {
        record.division = token;
      } else if (token !== "" && record.moleculeType === undefined) record.moleculeType = token;
    }
    this.#builder.begin(record);
    this.#section = "header";
    this.#keyword = "LOCUS";
    this.#features = undefined;
  }

  #headerValue(record: InsdcRecord, keyword: string, value: string, continued: boolean): void {
    const append = (previous: string | undefined) =>
      continued && previous !== undefined ? `${previous} ${value}`.trim() : value;
    switch (keyword) {
      case "DEFINITION":
        record.definition = append(record.definition);
        break;
      case "ACCESSION":
        record.accession = append(record.accession);
        break;
      case "VERSION":
        record.version = append(record.version);
        break;
      case "KEYWORDS":
        record.keywords = append(record.keywords);
        break;
      case "SOURCE":
        record.source = append(record.source);
        break;
      case "ORGANISM":
        if (continued) record.taxonomy = append(record.taxonomy ?? "");
        else record.organism = value;
        break;
      case "COMMENT":
        this.#builder.addComment(value);
        break;
    }
  }

  #endFeatures(): void {
    const record = this.#builder.record;
    if (this.#features !== undefined && record !== undefined) {
      record.features = this.#features.finish();
      this.#features = undefined;
    }
  }

  #originLine(line: string, lineNumber: number): void {
    if (line.trim() === "") return;
    const match = ORIGIN_LINE.exec(line);
    if (!match) {
      throw new ParseError(
        "InvalidSequence",
        `sequence line ${JSON.stringify(line.slice(0, 30))}: expected a base number and letters`,
        { file: this.#builder.file, line: lineNumber },
      );
    }
    const position = Number(match[1]);
    const expected = this.#builder.sequenceLength + 1;
    if (position !== expected) {
      throw new ParseError(
        "InvalidSequence",
        `sequence line starts at base ${position}: expected ${expected}`,
        { file: this.#builder.file, line: lineNumber },
      );
    }
    this.#builder.addSequence(match[2].replace(/\s+/g, ""));
  }

  #end(lineNumber: number): InsdcRecord {
    this.#endFeatures();
    const record = this.#builder.end(lineNumber);
    this.#section = "header";
    return record;
  }
}
