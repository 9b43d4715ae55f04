/**
 * A streaming GFF3 parser.
 *
 * @module
 */

import type { Gff3Line } from "./gff3_line.ts";
import { Gff3LineParser, type Gff3ParseOptions } from "./gff3_line_parser.ts";

/**
 * Turns a stream of GFF3 lines into a stream of typed lines ({@linkcode Gff3Line}): pipe it after
 * `TextDecoderStream` and a line splitter (such as `TextLineStream`). Memory holds at most one
 * `##FASTA` sequence.
 *
 * @example Streaming lines
 * ```ts
 * import { Gff3ParseStream } from "./gff3_parse_stream.ts";
 * const lines = ["##gff-version 3", "c1\tBakta\tregion\t1\t4\t.\t+\t.\tID=c1", "##FASTA", ">c1", "ACGT"];
 * const out = await Array.fromAsync(ReadableStream.from(lines).pipeThrough(new Gff3ParseStream()));
 * if (out.length !== 4 || out[3].kind !== "sequence") throw new Error("stream");
 * ```
 */
export class Gff3ParseStream extends TransformStream<string, Gff3Line> {
  /**
   * Creates the stream.
   *
   * @param options The file name for errors.
   */
  constructor(options: Gff3ParseOptions = {}) {
    const parser = new Gff3LineParser(options);
    super({
      transform(line, controller) {
        const parsed = parser.push(line);
        if (parsed !== undefined) controller.enqueue(parsed);
      },
      flush(controller) {
        const last = parser.finish();
        if (last !== undefined) controller.enqueue(last);
      },
    });
  }
}
