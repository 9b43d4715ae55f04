/**
 * A streaming EMBL parser.
 *
 * @module
 */

import { InsdcParseStream } from "../insdc/insdc_parse_stream.ts";
import { type EmblParseOptions, EmblRecordParser } from "./embl_record_parser.ts";

/**
 * Turns a stream of EMBL lines into a stream of records, one per `//`: pipe it after
 * `TextDecoderStream` and a line splitter (such as `TextLineStream`). Memory holds one record.
 *
 * @example Streaming lines
 * ```ts
 * import { EmblParseStream } from "./embl_parse_stream.ts";
 * const lines = [
 *   "ID   c1; ; linear; DNA; ; PRO; 4 BP.",
 *   "SQ   Sequence 4 BP; 1 A; 1 C; 1 G; 1 T; 0 other;",
 *   "     acgt                                                                   4",
 *   "//",
 * ];
 * const records = await Array.fromAsync(
 *   ReadableStream.from(lines).pipeThrough(new EmblParseStream()),
 * );
 * if (records.length !== 1 || records[0].sequence !== "acgt") throw new Error("stream");
 * ```
 */
export class EmblParseStream extends InsdcParseStream {
  /**
   * Creates the stream.
   *
   * @param options The file name for errors.
   */
  constructor(options: EmblParseOptions = {}) {
    super(new EmblRecordParser(options));
  }
}
