/**
 * Parsing a whole EMBL text into records.
 *
 * @module
 */

import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { parseInsdcRecords } from "../insdc/parse_insdc_records.ts";
import { type EmblParseOptions, EmblRecordParser } from "./embl_record_parser.ts";

/**
 * Parses an EMBL flat file into its records, one per sequence: a thin front-end over
 * {@linkcode EmblRecordParser}.
 *
 * @param text The whole file.
 * @param options The file name for errors.
 * @returns The records, in file order.
 * @throws {ParseError} For bad or truncated input, naming the file and line.
 *
 * @example A record
 * ```ts
 * import { parseEmbl } from "./parse_embl.ts";
 * const [record] = parseEmbl([
 *   "ID   c1; ; circular; DNA; ; PRO; 4 BP.",
 *   "SQ   Sequence 4 BP; 1 A; 1 C; 1 G; 1 T; 0 other;",
 *   "     acgt                                                                   4",
 *   "//",
 * ].join("\n"));
 * if (record.name !== "c1" || record.topology !== "circular") throw new Error("parse");
 * ```
 */
export function parseEmbl(text: string, options: EmblParseOptions = {}): InsdcRecord[] {
  return parseInsdcRecords(text, new EmblRecordParser(options));
}
