/**
 * The incremental core of the GenBank parser: lines in, finished records out at each `//`.
 *
 * @module
 */

import { digitsValue, isSpace, skipDigits, skipSpaces } from "../_text_scan.ts";
import { ParseError } from "../parse_error.ts";
import { InsdcFeatureTableParser } from "../insdc/insdc_feature_table_parser.ts";
import type { InsdcParseOptions } from "../insdc/insdc_line_parser.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { InsdcRecordParser } from "../insdc/_insdc_record_parser.ts";

/** Options of {@linkcode GenbankRecordParser}: those of every INSDC parser. */
export type GenbankParseOptions = InsdcParseOptions;

type Section = "header" | "features" | "origin" | "other";

const LOCUS = /^LOCUS\s+(\S+)\s+(\d+)\s+(?:bp|aa|rc)\b(.*)$/;

/** A header keyword at column 1: capitals (and digits, `_`), e.g. `DEFINITION`, `BASE COUNT`. */
const HEADER_KEYWORD = /^[A-Z][A-Z0-9_]*(?: [A-Z]+)?$/;

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
export class GenbankRecordParser extends InsdcRecordParser {
  #section: Section = "header";
  #keyword = "";
  #features: InsdcFeatureTableParser | undefined;

  /**
   * Creates a parser.
   *
   * @param options The file name for errors.
   */
  constructor(options: GenbankParseOptions = {}) {
    super("LOCUS", options);
  }

  /**
   * Reads the `LOCUS` line.
   *
   * @param line The line.
   * @param lineNumber Its number.
   * @returns The new record.
   * @throws {ParseError} `InvalidHeader` when it is not a `LOCUS <name> <length> bp` line.
   */
  protected startRecord(line: string, lineNumber: number): InsdcRecord {
    const match = LOCUS.exec(line);
    if (!match) {
      throw new ParseError(
        "InvalidHeader",
        `${JSON.stringify(line.slice(0, 40))}: expected a "LOCUS <name> <length> bp" line`,
        { file: this.file, line: lineNumber },
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
    this.#section = "header";
    this.#keyword = "LOCUS";
    this.#features = undefined;
    return record;
  }

  /**
   * Reads a line of the open record: a sequence line after `ORIGIN`, a feature-table line after
   * `FEATURES`, else a header keyword or its continuation.
   *
   * @param text The text holding the line.
   * @param start The index of its first character.
   * @param end The index after its last character.
   * @param lineNumber Its number.
   * @param record The open record.
   * @throws {ParseError} For a bad sequence or feature line, or a `LOCUS` before `//`.
   */
  protected bodyLine(
    text: string,
    start: number,
    end: number,
    lineNumber: number,
    record: InsdcRecord,
  ): void {
    const first = start < end ? text.charCodeAt(start) : -1;
    if (this.#section === "origin" && !(first === 76 && text.startsWith("LOCUS", start))) {
      this.#originLine(text, start, end, lineNumber);
      return;
    }
    if (this.#section === "features" && first === 32) {
      this.#features!.pushRange(text, Math.min(start + 5, end), end, lineNumber);
      return;
    }
    if (skipSpaces(text, start, end) === end) return;
    this.#headerLine(text.slice(start, end), lineNumber, record);
  }

  /**
   * Completes the record's feature table.
   *
   * @param record The open record.
   * @throws {ParseError} For a quoted qualifier left open.
   */
  protected closeRecord(record: InsdcRecord): void {
    this.#endFeatures(record);
    this.#section = "header";
  }

  #headerLine(line: string, lineNumber: number, record: InsdcRecord): void {
    if (line.charCodeAt(0) !== 32) {
      const keyword = line.slice(0, 12).trim();
      const value = line.slice(12).trim();
      if (!HEADER_KEYWORD.test(keyword)) {
        // Not a keyword: taking it for one would end the feature table and drop what follows.
        throw new ParseError(
          "InvalidHeader",
          `${JSON.stringify(line.slice(0, 40))}: expected a keyword in capitals (DEFINITION, ` +
            `FEATURES, ORIGIN, …) or a line indented by spaces`,
          { file: this.file, line: lineNumber },
        );
      }
      this.#keyword = keyword;
      switch (keyword) {
        case "FEATURES":
          this.#section = "features";
          this.#features = new InsdcFeatureTableParser(this.file);
          return;
        case "ORIGIN":
          this.#endFeatures(record);
          this.#section = "origin";
          return;
        case "LOCUS":
          throw this.headerInsideRecord(lineNumber);
      }
      this.#endFeatures(record);
      this.#section = "header";
      this.#headerValue(record, keyword, value, false);
      return;
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
        this.addComment(value);
        break;
    }
  }

  #endFeatures(record: InsdcRecord): void {
    if (this.#features !== undefined) {
      record.features = this.#features.finish();
      this.#features = undefined;
    }
  }

  /**
   * One `ORIGIN` line, `^\s*(\d+)((?:\s+[A-Za-z*\-.~]+)*)\s*$` scanned by index: the base
   * number, then groups of letters each after white space. The letters go straight into the
   * record's residue buffer (and are taken back when the line turns out bad).
   */
  #originLine(text: string, start: number, end: number, lineNumber: number): void {
    const digits = skipSpaces(text, start, end);
    if (digits === end) return;
    const letters = skipDigits(text, digits, end);
    const residues = this.residues;
    const before = residues.length;
    if (
      letters === digits || (letters < end && !isSpace(text.charCodeAt(letters))) ||
      residues.append(text, letters, end) !== end
    ) {
      residues.truncate(before);
      throw new ParseError(
        "InvalidSequence",
        `sequence line ${
          JSON.stringify(text.slice(start, Math.min(end, start + 30)))
        }: expected a base number and letters`,
        { file: this.file, line: lineNumber },
      );
    }
    const position = digitsValue(text, digits, letters);
    if (position !== before + 1) {
      residues.truncate(before);
      throw new ParseError(
        "InvalidSequence",
        `sequence line starts at base ${position}: expected ${before + 1}`,
        { file: this.file, line: lineNumber },
      );
    }
  }
}
