/**
 * A sequence's `nt` read from the `##FASTA` section on first use (private to the GFF3 reader).
 *
 * @module
 */

import type { Sequence } from "../model.ts";
import { ParseError } from "../parse_error.ts";
import type { Gff3PendingSequence } from "./gff3_line.ts";

/**
 * Gives `sequence` an own enumerable `nt` accessor: the letters of `pending` are checked, joined
 * and compared with the declared `sequence.length` on the first read, and the same string is
 * returned from then on. `JSON.stringify`, `structuredClone`, object spread and deep equality read
 * it like a data property. A setter replaces the value without a check.
 *
 * @param sequence The sequence, its length declared (`##sequence-region`).
 * @param pending Its record of the `##FASTA` section.
 * @param file The file, for errors.
 * @throws {ParseError} From the `nt` getter, at each read until it succeeds: `InvalidSequence`
 * for a character that is not a letter (naming its line), `Truncated` or `InvalidSequence` for a
 * length other than the declared one (naming the header's line).
 *
 * @example The letters joined on first read
 * ```ts
 * import { defineLazyNt } from "./_lazy_sequence_nt.ts";
 * import type { Sequence } from "../model.ts";
 * const sequence: Sequence = { id: "c1", length: 6 };
 * defineLazyNt(sequence, { id: "c1", line: () => 4, letters: () => "ACG\nTTA".replace("\n", "") }, "x");
 * if (JSON.stringify(sequence) !== '{"id":"c1","length":6,"nt":"ACGTTA"}') throw new Error("nt");
 * ```
 */
export function defineLazyNt(sequence: Sequence, pending: Gff3PendingSequence, file: string): void {
  const declared = sequence.length;
  let nt: string | undefined;
  let read = false;
  Object.defineProperty(sequence, "nt", {
    configurable: true,
    enumerable: true,
    get(): string | undefined {
      if (!read) {
        const letters = pending.letters();
        if (letters.length !== declared) {
          throw lengthMismatchError(pending.id, letters.length, declared, file, pending.line());
        }
        nt = letters;
        read = true;
      }
      return nt;
    },
    set(value: string | undefined) {
      nt = value;
      read = true;
    },
  });
}

/**
 * The error for a `##FASTA` sequence of `length` bases where `declared` were declared: `Truncated`
 * when it is shorter, else `InvalidSequence`.
 *
 * @param id The sequence id.
 * @param length Its bases in the `##FASTA` section.
 * @param declared Its declared length.
 * @param file The file.
 * @param line The line of its `>` header.
 * @returns The error.
 *
 * @example Shorter than declared
 * ```ts
 * import { lengthMismatchError } from "./_lazy_sequence_nt.ts";
 * const error = lengthMismatchError("c1", 500, 560, "x.gff3", 9);
 * if (error.kind !== "Truncated" || error.line !== 9) throw new Error(error.message);
 * ```
 */
export function lengthMismatchError(
  id: string,
  length: number,
  declared: number,
  file: string,
  line: number,
): ParseError {
  return new ParseError(
    length < declared ? "Truncated" : "InvalidSequence",
    `sequence "${id}" has ${length} bases in ##FASTA: ${declared} were declared`,
    { file, line },
  );
}
