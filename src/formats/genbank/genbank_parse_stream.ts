/**
 * A streaming GenBank parser.
 *
 * @module
 */

import { InsdcParseStream } from "../insdc/insdc_parse_stream.ts";
import { type GenbankParseOptions, GenbankRecordParser } from "./genbank_record_parser.ts";

/**
 * Turns a stream of GenBank lines into a stream of records, one per `//`: pipe it after
 * `TextDecoderStream` and a line splitter (such as `TextLineStream`). Memory holds one record.
 *
 * @example Streaming lines
 * ```ts
 * import { GenbankParseStream } from "./genbank_parse_stream.ts";
 * const lines = [
 *   "LOCUS       c1                         4 bp    DNA     linear   BCT 01-JAN-2025",
 *   "ORIGIN",
 *   "        1 acgt",
 *   "//",
 * ];
 * const records = await Array.fromAsync(
 *   ReadableStream.from(lines).pipeThrough(new GenbankParseStream()),
 * );
 * if (records.length !== 1 || records[0].length !== 4) throw new Error("stream");
 * ```
 */
export class GenbankParseStream extends InsdcParseStream {
  /**
   * Creates the stream.
   *
   * @param options The file name for errors.
   */
  constructor(options: GenbankParseOptions = {}) {
    super(new GenbankRecordParser(options));
  }
}
