/**
 * Writing one typed GFF3 line.
 *
 * @module
 */

import { formatAttributes } from "./format_attributes.ts";
import type { Gff3Line } from "./gff3_line.ts";
import { encodeColumn } from "./percent_encoding.ts";

/** Options of {@linkcode formatGff3Line}. */
export interface FormatGff3LineOptions {
  /**
   * The line width of a `##FASTA` sequence.
   *
   * @default {60}
   */
  fastaLineWidth?: number;
}

/**
 * Writes one typed GFF3 line, the inverse of {@linkcode parseGff3Line} (and, for a sequence
 * record, of the `##FASTA` reading): undefined columns become `.`, reserved characters are
 * percent-encoded. A sequence record becomes its `>` header and wrapped lines.
 *
 * @param line The typed line.
 * @param options The FASTA line width.
 * @returns The text, without a final line break.
 * @throws {RangeError} When `fastaLineWidth` is not a positive integer.
 *
 * @example A feature line
 * ```ts
 * import { formatGff3Line } from "./format_gff3_line.ts";
 * const text = formatGff3Line({
 *   kind: "feature", line: 1, seqid: "c1", source: "Bakta", type: "CDS", start: 1, end: 9,
 *   strand: "+", phase: 0, attributes: new Map([["ID", ["X_1"]], ["product", ["a, b"]]]),
 * });
 * if (text !== "c1\tBakta\tCDS\t1\t9\t.\t+\t0\tID=X_1;product=a%2C b") throw new Error(text);
 * ```
 */
export function formatGff3Line(line: Gff3Line, options: FormatGff3LineOptions = {}): string {
  switch (line.kind) {
    case "feature":
      return [
        encodeColumn(line.seqid),
        line.source === undefined ? "." : encodeColumn(line.source),
        encodeColumn(line.type),
        String(line.start),
        String(line.end),
        line.score === undefined ? "." : formatScore(line.score),
        line.strand,
        line.phase === undefined ? "." : String(line.phase),
        formatAttributes(line.attributes),
      ].join("\t");
    case "directive":
      if (line.name === "#") return "###";
      return line.value === undefined ? `##${line.name}` : `##${line.name} ${line.value}`;
    case "comment":
      return line.text === "" ? "#" : `# ${line.text}`;
    case "sequence": {
      const { fastaLineWidth = 60 } = options;
      if (!Number.isInteger(fastaLineWidth) || fastaLineWidth < 1) {
        throw new RangeError(
          `Invalid fastaLineWidth ${fastaLineWidth}: expected a positive integer`,
        );
      }
      const lines = [line.description ? `>${line.id} ${line.description}` : `>${line.id}`];
      for (let i = 0; i < line.sequence.length; i += fastaLineWidth) {
        lines.push(line.sequence.slice(i, i + fastaLineWidth));
      }
      return lines.join("\n");
    }
  }
}

/**
 * Writes a score as Python writes a float (as Bakta's e-values appear): scientific notation with a
 * two-digit exponent below 1e-4 and from 1e16 (`1.1e-05`, `2.5e-49`), plain otherwise.
 */
function formatScore(score: number): string {
  if (!Number.isFinite(score) || score === 0) return String(score);
  const [mantissa, exponentText] = score.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(score);
  return `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
}
