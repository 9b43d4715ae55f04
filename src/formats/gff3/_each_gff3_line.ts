/**
 * The whole-text driver of the GFF3 line parser that `parseGff3` and `readGff3` share (private):
 * lines through {@linkcode Gff3LineParser}, the `##FASTA` section read in one go.
 *
 * @module
 */

import type { Gff3Line, Gff3PendingSequence, Gff3SequenceRecord } from "./gff3_line.ts";
import { Gff3LineParser } from "./gff3_line_parser.ts";
import { findFastaSection, readFastaSection } from "./_fasta_section.ts";

/**
 * Parses a whole GFF3 text and hands each typed line to `take`, in file order: every line before
 * `##FASTA` through {@linkcode Gff3LineParser}, then the sequences of the `##FASTA` section, read
 * in one go rather than line by line.
 *
 * @param text The whole file.
 * @param file The file, for errors.
 * @param take Called with each typed line and sequence.
 * @param takeFeatureText Given instead, when there is one, every feature line before the FASTA
 * section as text with its line number (the line is then not parsed here).
 * @param takePendingSequence Given instead of `take` for the sequences of the `##FASTA` section,
 * when there is one: each record found, its letters not yet checked nor joined.
 * @throws {ParseError} For a bad line, naming the file and line.
 *
 * @example Lines, then the sequences
 * ```ts
 * import { eachGff3Line } from "./_each_gff3_line.ts";
 * const kinds: string[] = [];
 * eachGff3Line("##gff-version 3\n##FASTA\n>c1\nACGT\n", "x.gff3", (line) => kinds.push(line.kind));
 * if (kinds.join(",") !== "directive,directive,sequence") throw new Error(kinds.join(","));
 * ```
 */
export function eachGff3Line(
  text: string,
  file: string,
  take: (line: Gff3Line) => void,
  takeFeatureText?: (line: string, lineNumber: number) => void,
  takePendingSequence?: (sequence: Gff3PendingSequence) => void,
): void {
  const parser = new Gff3LineParser({ file });
  let start = 0;
  const length = text.length;
  // Feature lines go to takeFeatureText until a ">" line starts FASTA without "##FASTA".
  let features = takeFeatureText !== undefined;
  while (start < length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = length;
    const first = end > start ? text.charCodeAt(start) : 0;
    if (features && first > 32 && first !== 35 && first !== 62) { // not blank, "#" or ">"
      takeFeatureText!(text.slice(start, end), parser.countLine());
      start = end + 1;
      continue;
    }
    if (first === 62) features = false;
    const line = parser.push(text.slice(start, end));
    start = end + 1;
    if (line !== undefined) {
      take(line);
      if (line.kind === "directive" && line.name === "FASTA") {
        // The rest is FASTA: read it in one go rather than line by line.
        if (takePendingSequence !== undefined) {
          findFastaSection(text, start, parser.lineNumber + 1, file, takePendingSequence);
          break;
        }
        const sequences: Gff3SequenceRecord[] = [];
        readFastaSection(text, start, parser.lineNumber + 1, file, sequences);
        for (const sequence of sequences) take(sequence);
        start = length;
      }
    }
  }
  const last = parser.finish();
  if (last !== undefined) take(last);
}
