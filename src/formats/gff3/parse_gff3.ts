/**
 * Parsing a whole GFF3 text into typed lines.
 *
 * @module
 */

import type { Gff3Line, Gff3SequenceRecord } from "./gff3_line.ts";
import { Gff3LineParser, type Gff3ParseOptions } from "./gff3_line_parser.ts";
import { readFastaSection } from "./_fasta_section.ts";

/**
 * Parses a GFF3 text into its typed lines (features, directives, comments, and the `##FASTA`
 * sequences): a thin front-end over {@linkcode Gff3LineParser}. Empty lines are skipped.
 *
 * @param text The whole file.
 * @param options The file name for errors.
 * @returns The typed lines, in file order.
 * @throws {ParseError} For a bad line, naming the file and line.
 *
 * @example Lines of every kind
 * ```ts
 * import { parseGff3 } from "./parse_gff3.ts";
 * const lines = parseGff3(
 *   "##gff-version 3\n# Software: v1.11.4\nc1\tBakta\tregion\t1\t4\t.\t+\t.\tID=c1\n##FASTA\n>c1\nACGT\n",
 * );
 * const kinds = lines.map((line) => line.kind).join(",");
 * if (kinds !== "directive,comment,feature,directive,sequence") throw new Error(kinds);
 * ```
 */
export function parseGff3(text: string, options: Gff3ParseOptions = {}): Gff3Line[] {
  const parser = new Gff3LineParser(options);
  const lines: Gff3Line[] = [];
  const sequences: Gff3SequenceRecord[] = [];
  let start = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = length;
    const line = parser.push(text.slice(start, end));
    start = end + 1;
    if (line !== undefined) {
      lines.push(line);
      if (line.kind === "directive" && line.name === "FASTA") {
        // The rest is FASTA: read it in one go rather than line by line.
        readFastaSection(text, start, parser.lineNumber + 1, options.file ?? "input", sequences);
        start = length;
      }
    }
  }
  const last = parser.finish();
  if (last !== undefined) lines.push(last);
  for (const sequence of sequences) lines.push(sequence);
  return lines;
}
