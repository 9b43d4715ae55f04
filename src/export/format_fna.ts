/**
 * Writing a run's sequences, or a window of one, as FASTA (Bakta's `.fna`).
 *
 * @module
 */

import { formatFasta } from "../formats/fasta/format_fasta.ts";
import type { BaktaRun } from "../formats/model.ts";
import type { LoadRunRegion } from "../store/load_run.ts";
import { cutSpan } from "./feature_nucleotides.ts";

/** Options of {@linkcode formatFna}. */
export interface FormatFnaOptions {
  /**
   * Write only this window of one sequence, as `>sequence:from-to`; `from > to` is the window
   * across the origin of a circular sequence (its bases `from … length` then `1 … to`).
   * @default undefined (every sequence, whole)
   */
  region?: LoadRunRegion;
  /**
   * Residues per line.
   * @default 60
   */
  lineWidth?: number;
}

/**
 * Writes the run's sequences as Bakta's `.fna` does: `>id description`, 60 residues per line; or,
 * with a region, the window's sub-sequence as `>id:from-to` (the whole sequence, with its
 * description, when the region names no positions).
 *
 * @param run The run.
 * @param options A region and the line width.
 * @returns The FASTA text.
 * @throws {RangeError} When a sequence's residues are not known, the region's sequence is not in
 * the run, or its window is outside the sequence (or crosses the origin of a linear one).
 *
 * @example A window across the origin
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFna } from "./format_fna.ts";
 * const run = {
 *   mode: "genome" as const, genome: {}, software: {}, sources: [], features: [],
 *   sequences: [{ id: "p1", length: 10, topology: "circular" as const, nt: "ACGTACGTAA" }],
 * };
 * assert.equal(formatFna(run, { region: { sequence: "p1", from: 9, to: 2 } }), ">p1:9-2\nAAAC\n");
 * ```
 */
export function formatFna(run: BaktaRun, options: FormatFnaOptions = {}): string {
  const { region, lineWidth = 60 } = options;
  const missing = (id: string) =>
    new RangeError(`Cannot write FASTA of sequence "${id}": its residues are not stored`);
  if (region === undefined) {
    return formatFasta(
      run.sequences.map((s) => {
        if (s.nt === undefined) throw missing(s.id);
        return { id: s.id, description: s.description, sequence: s.nt };
      }),
      { lineWidth },
    );
  }
  const sequence = run.sequences.find((s) => s.id === region.sequence);
  if (sequence === undefined) {
    throw new RangeError(`Cannot write FASTA: the run has no sequence "${region.sequence}"`);
  }
  if (sequence.nt === undefined) throw missing(sequence.id);
  if (region.from === undefined && region.to === undefined) {
    return formatFasta([{
      id: sequence.id,
      description: sequence.description,
      sequence: sequence.nt,
    }], {
      lineWidth,
    });
  }
  const from = region.from ?? 1;
  const to = region.to ?? sequence.length;
  if (from > to && sequence.topology !== "circular") {
    throw new RangeError(
      `Invalid region ${from}..${to}: from > to crosses the origin, but sequence "${sequence.id}" is not circular`,
    );
  }
  return formatFasta([{
    id: `${sequence.id}:${from}-${to}`,
    sequence: cutSpan(sequence.nt, from, to),
  }], {
    lineWidth,
  });
}
