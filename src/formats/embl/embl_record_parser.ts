/**
 * The incremental core of the EMBL parser: lines in, finished records out at each `//`.
 *
 * @module
 */

import { digitsValue, isSpace, skipDigits, skipSpaces } from "../_text_scan.ts";
import { ParseError } from "../parse_error.ts";
import { InsdcFeatureTableParser } from "../insdc/insdc_feature_table_parser.ts";
import type { InsdcParseOptions } from "../insdc/insdc_line_parser.ts";
import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { InsdcRecordParser } from "../insdc/_insdc_record_parser.ts";

/** Options of {@linkcode EmblRecordParser}: those of every INSDC parser. */
export type EmblParseOptions = InsdcParseOptions;

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
export class EmblRecordParser extends InsdcRecordParser {
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
    super("ID", options);
  }

  /**
   * Reads the `ID` line.
   *
   * @param line The line.
   * @param lineNumber Its number.
   * @returns The new record.
   * @throws {ParseError} `InvalidHeader` when it is not an `ID   <name>; …; <length> BP.` line.
   */
  protected startRecord(line: string, lineNumber: number): InsdcRecord {
    const fail = (): never => {
      throw new ParseError(
        "InvalidHeader",
        `${JSON.stringify(line.slice(0, 40))}: expected an "ID   <name>; …; <length> BP." line`,
        { file: this.file, line: lineNumber },
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
    this.#features = undefined;
    this.#inSequence = false;
    this.#description = [];
    this.#taxonomy = [];
    return record;
  }

  /**
   * Reads a line of the open record: a sequence line after `SQ`, else a line by its two-letter
   * code (`FT` lines go to the feature table).
   *
   * @param text The text holding the line.
   * @param start The index of its first character.
   * @param end The index after its last character.
   * @param lineNumber Its number.
   * @param record The open record.
   * @throws {ParseError} For a bad sequence or feature line, a line without a code, or an `ID`
   * before `//`.
   */
  protected bodyLine(
    text: string,
    start: number,
    end: number,
    lineNumber: number,
    record: InsdcRecord,
  ): void {
    if (this.#inSequence) {
      this.#sequenceLine(text, start, end, lineNumber);
      return;
    }
    if (text.startsWith("FT", start) && end - start >= 2) {
      this.#features ??= new InsdcFeatureTableParser(this.file);
      if (end - start > 5) this.#features.pushRange(text, start + 5, end, lineNumber);
      return;
    }
    if (skipSpaces(text, start, end) === end) return;
    this.#codeLine(text.slice(start, end), lineNumber, record);
  }

  /**
   * Completes the record's feature table, description and taxonomy.
   *
   * @param record The open record.
   * @throws {ParseError} For a quoted qualifier left open.
   */
  protected closeRecord(record: InsdcRecord): void {
    if (this.#features !== undefined) record.features = this.#features.finish();
    if (this.#description.length > 0) record.definition = this.#description.join(" ");
    if (this.#taxonomy.length > 0) record.taxonomy = this.#taxonomy.join(" ");
    this.#features = undefined;
    this.#inSequence = false;
  }

  #codeLine(line: string, lineNumber: number, record: InsdcRecord): void {
    const value = line.length > 5 ? line.slice(5).trim() : "";
    switch (line.slice(0, 2)) {
      case "SQ":
        this.#inSequence = true;
        return;
      case "AC":
        if (record.accession === undefined) record.accession = value.replace(/;\s*$/, "");
        return;
      case "DE":
        this.#description.push(value);
        return;
      case "KW":
        record.keywords = record.keywords === undefined ? value : `${record.keywords} ${value}`;
        return;
      case "OS":
        record.organism = value;
        return;
      case "OC":
        this.#taxonomy.push(value);
        return;
      case "CC":
        this.addComment(value);
        return;
      case "ID":
        throw this.headerInsideRecord(lineNumber);
    }
    if (!/^[A-Z]{2}(\s|$)/.test(line)) {
      throw new ParseError(
        "Unexpected",
        `${JSON.stringify(line.slice(0, 30))}: expected a line starting with a two-letter code`,
        { file: this.file, line: lineNumber },
      );
    }
  }

  /**
   * One sequence line, `^\s+((?:[A-Za-z*\-.~]+\s+)*?[A-Za-z*\-.~]+)\s+(\d+)\s*$` scanned by
   * index: letters in groups after white space, then the running base count. The letters go
   * straight into the record's residue buffer (and are taken back when the line turns out bad).
   */
  #sequenceLine(text: string, start: number, end: number, lineNumber: number): void {
    const letters = skipSpaces(text, start, end);
    if (letters === end) return;
    const residues = this.residues;
    const before = residues.length;
    const digits = letters > start ? residues.append(text, letters, end) : start;
    const after = skipDigits(text, digits, end);
    if (
      residues.length === before || after === digits || !isSpace(text.charCodeAt(digits - 1)) ||
      skipSpaces(text, after, end) !== end
    ) {
      residues.truncate(before);
      throw new ParseError(
        "InvalidSequence",
        `sequence line ${
          JSON.stringify(text.slice(start, Math.min(end, start + 30)))
        }: expected letters and a base count`,
        { file: this.file, line: lineNumber },
      );
    }
    if (digitsValue(text, digits, after) !== residues.length) {
      throw new ParseError(
        "InvalidSequence",
        `sequence line ends with base count ${
          text.slice(digits, after)
        }: expected ${residues.length}`,
        { file: this.file, line: lineNumber },
      );
    }
  }
}
