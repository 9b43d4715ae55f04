/**
 * A feature's nucleotides: as stored, or cut from its sequence's residues.
 *
 * @module
 */

import type { Feature, Sequence } from "../formats/model.ts";
import { reverseComplement } from "./reverse_complement.ts";

/**
 * The bases `start … stop` (1-based, inclusive) of a sequence's residues on the forward strand;
 * with `start > stop` the span that crosses the origin of a circular sequence
 * (`start … length` then `1 … stop`).
 *
 * @param residues The sequence's residues.
 * @param start The first base, 1-based.
 * @param stop The last base, 1-based (less than `start` across the origin).
 * @returns The bases.
 * @throws {RangeError} When `start` or `stop` is not a position of the residues.
 *
 * @example Across the origin
 * ```ts
 * import assert from "node:assert/strict";
 * import { cutSpan } from "./feature_nucleotides.ts";
 * assert.equal(cutSpan("ACGTACGTAA", 2, 4), "CGT");
 * assert.equal(cutSpan("ACGTACGTAA", 9, 2), "AAAC");
 * ```
 */
export function cutSpan(residues: string, start: number, stop: number): string {
  for (const [name, value] of [["start", start], ["stop", stop]] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value > residues.length) {
      throw new RangeError(
        `Cannot cut ${start}..${stop}: ${name} ${value} is not within 1..${residues.length}`,
      );
    }
  }
  return start <= stop
    ? residues.slice(start - 1, stop)
    : residues.slice(start - 1) + residues.slice(0, stop);
}

/**
 * A feature's nucleotides on its own strand (5′→3′): the stored `nt` where the feature has it,
 * else cut from the sequence's residues — reverse-complemented on the `-` strand, joined across
 * the origin for an origin-spanning feature (`edge`, `start > stop`).
 *
 * @param feature The feature.
 * @param sequence Its sequence (only needed when the feature has no `nt`).
 * @returns The nucleotides (upper case when cut), or `undefined` when neither the feature nor the
 * sequence has them.
 * @throws {RangeError} When the feature's coordinates lie outside the sequence.
 *
 * @example A minus-strand feature across the origin
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureNucleotides } from "./feature_nucleotides.ts";
 * const nt = featureNucleotides({
 *   type: "cds", sequenceId: "c1", start: 9, stop: 2, strand: "-", edge: true,
 *   hypothetical: false, pseudo: false, dbXrefs: [], original: { format: "json", record: {} },
 * }, { id: "c1", length: 10, nt: "acgtacgtaa" });
 * assert.equal(nt, "GTTT");
 * ```
 */
export function featureNucleotides(
  feature: Feature,
  sequence: Sequence | undefined,
): string | undefined {
  if (feature.nt !== undefined && feature.nt !== "") return feature.nt;
  if (sequence?.nt === undefined || sequence.nt.length === 0) return undefined;
  const forward = cutSpan(sequence.nt, feature.start, feature.stop).toUpperCase();
  return feature.strand === "-" ? reverseComplement(forward) : forward;
}
