/**
 * The FASTA writer.
 *
 * @module
 */

/** Options of {@linkcode formatFasta}. */
export interface FormatFastaOptions {
  /**
   * Residues per line; `0` writes each sequence on one line (as Bakta's `.faa` and `.ffn`).
   *
   * @default {60}
   */
  lineWidth?: number;
}

/** What {@linkcode formatFasta} needs of a record. */
export interface FastaRecordLike {
  /** The id (no whitespace). */
  id: string;
  /** The description written after the id, where any. */
  description?: string;
  /** The residues. */
  sequence: string;
}

const DEFAULT_LINE_WIDTH = 60;

/**
 * Writes records as FASTA text, each header `>id description`, each line ending in `\n`.
 *
 * @param records The records.
 * @param options The line width.
 * @returns The FASTA text.
 * @throws {RangeError} When `lineWidth` is negative or not an integer.
 * @throws {TypeError} When an id is empty or holds whitespace.
 *
 * @example Round trip with parseFasta
 * ```ts
 * import { formatFasta } from "./format_fasta.ts";
 * import { parseFasta } from "./parse_fasta.ts";
 * const text = formatFasta([{ id: "c1", description: "demo", sequence: "ACGTACGT" }], {
 *   lineWidth: 5,
 * });
 * if (text !== ">c1 demo\nACGTA\nCGT\n") throw new Error(text);
 * if (parseFasta(text)[0].sequence !== "ACGTACGT") throw new Error("round trip");
 * ```
 */
export function formatFasta(
  records: Iterable<FastaRecordLike>,
  options: FormatFastaOptions = {},
): string {
  const { lineWidth = DEFAULT_LINE_WIDTH } = options;
  if (!Number.isInteger(lineWidth) || lineWidth < 0) {
    throw new RangeError(`Cannot format FASTA: option "lineWidth" must be an integer >= 0`);
  }
  const parts: string[] = [];
  for (const record of records) {
    if (record.id === "" || /\s/.test(record.id)) {
      throw new TypeError(
        `Cannot format FASTA: id ${JSON.stringify(record.id)} is empty or has spaces`,
      );
    }
    parts.push(">", record.id);
    if (record.description) parts.push(" ", record.description);
    parts.push("\n");
    const sequence = record.sequence;
    if (lineWidth === 0 || sequence.length <= lineWidth) {
      parts.push(sequence, "\n");
      continue;
    }
    for (let at = 0; at < sequence.length; at += lineWidth) {
      parts.push(sequence.slice(at, at + lineWidth), "\n");
    }
  }
  return parts.join("");
}
