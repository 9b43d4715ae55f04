/**
 * A stream of GenBank or EMBL records over an incremental record parser.
 *
 * @module
 */

import type { InsdcLineParser } from "./insdc_line_parser.ts";
import type { InsdcRecord } from "./insdc_record.ts";

/**
 * Turns a stream of lines into a stream of records, one per `//`, with the given incremental
 * parser: the base of `GenbankParseStream` and `EmblParseStream`. Pipe it after
 * `TextDecoderStream` and a line splitter (such as `TextLineStream`). Memory holds one record.
 *
 * @example Any parser with `push` and `finish`
 * ```ts
 * import { InsdcParseStream } from "./insdc_parse_stream.ts";
 * import type { InsdcRecord } from "./insdc_record.ts";
 * const parser = {
 *   push: (line: string): InsdcRecord | undefined =>
 *     line === "//" ? { name: "c1", length: 0, features: [], line: 1 } : undefined,
 *   pushRange(text: string, start: number, end: number): InsdcRecord | undefined {
 *     return this.push(text.slice(start, end));
 *   },
 *   finish: (): undefined => undefined,
 * };
 * const records = await Array.fromAsync(
 *   ReadableStream.from(["A", "//"]).pipeThrough(new InsdcParseStream(parser)),
 * );
 * if (records.length !== 1 || records[0].name !== "c1") throw new Error("stream");
 * ```
 */
export class InsdcParseStream extends TransformStream<string, InsdcRecord> {
  /**
   * Creates the stream.
   *
   * @param parser A fresh parser (`GenbankRecordParser`, `EmblRecordParser`).
   */
  constructor(parser: InsdcLineParser) {
    super({
      transform(line, controller) {
        const record = parser.push(line);
        if (record !== undefined) controller.enqueue(record);
      },
      flush() {
        parser.finish();
      },
    });
  }
}
