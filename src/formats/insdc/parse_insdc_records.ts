/**
 * Parsing a whole GenBank or EMBL text into records with an incremental record parser.
 *
 * @module
 */

import type { InsdcLineParser } from "./insdc_line_parser.ts";
import type { InsdcRecord } from "./insdc_record.ts";

/**
 * Feeds a whole text, line by line (`\n`; a `\r` before it is the parser's to drop), to an
 * incremental GenBank or EMBL parser and gathers its records: the engine of `parseGenbank` and
 * `parseEmbl`. Each line goes as an index range of the text ({@linkcode InsdcLineParser.pushRange}),
 * not as a string of its own.
 *
 * @param text The whole file.
 * @param parser A fresh parser (`GenbankRecordParser`, `EmblRecordParser`).
 * @returns The records, in file order.
 * @throws {ParseError} For bad or truncated input, as the parser throws it.
 *
 * @example Any parser with `push` and `finish`
 * ```ts
 * import { parseInsdcRecords } from "./parse_insdc_records.ts";
 * import type { InsdcRecord } from "./insdc_record.ts";
 * const seen: string[] = [];
 * const parser = {
 *   push(line: string): InsdcRecord | undefined {
 *     seen.push(line);
 *     return line === "//" ? { name: "c1", length: 0, features: [], line: 1 } : undefined;
 *   },
 *   pushRange(text: string, start: number, end: number): InsdcRecord | undefined {
 *     return this.push(text.slice(start, end));
 *   },
 *   finish: (): undefined => undefined,
 * };
 * const records = parseInsdcRecords("A\n//\n", parser);
 * if (records.length !== 1 || seen.join(",") !== "A,//") throw new Error(seen.join(","));
 * ```
 */
export function parseInsdcRecords(text: string, parser: InsdcLineParser): InsdcRecord[] {
  const records: InsdcRecord[] = [];
  let start = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = length;
    const record = parser.pushRange(text, start, end);
    if (record !== undefined) records.push(record);
    start = end + 1;
  }
  parser.finish();
  return records;
}
