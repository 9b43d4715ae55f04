/**
 * Parsing a whole GenBank text into records.
 *
 * @module
 */

import type { InsdcRecord } from "../insdc/insdc_record.ts";
import { parseInsdcRecords } from "../insdc/parse_insdc_records.ts";
import { type GenbankParseOptions, GenbankRecordParser } from "./genbank_record_parser.ts";

/**
 * Parses a GenBank flat file (`.gbff`, `.gbk`) into its records, one per sequence: a thin
 * front-end over {@linkcode GenbankRecordParser}.
 *
 * @param text The whole file.
 * @param options The file name for errors.
 * @returns The records, in file order.
 * @throws {ParseError} For bad or truncated input, naming the file and line.
 *
 * @example A record
 * ```ts
 * import { parseGenbank } from "./parse_genbank.ts";
 * const [record] = parseGenbank([
 *   "LOCUS       c1                         4 bp    DNA     linear   BCT 01-JAN-2025",
 *   "ORIGIN",
 *   "        1 acgt",
 *   "//",
 * ].join("\n"));
 * if (record.name !== "c1" || record.sequence !== "acgt") throw new Error("parse");
 * ```
 */
export function parseGenbank(text: string, options: GenbankParseOptions = {}): InsdcRecord[] {
  return parseInsdcRecords(text, new GenbankRecordParser(options));
}
