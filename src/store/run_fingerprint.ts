/**
 * `runFingerprint()`: the identity of a Bakta run by its content, so that the same run imports
 * once whatever files (or job) bring it.
 *
 * @module
 */

import type { BaktaRun } from "../formats/model.ts";
import { sha256Hex } from "./_codec.ts";

/**
 * The content fingerprint of a genome-mode run: SHA-256 over a text of
 *
 * 1. its Bakta version (every annotation format carries it),
 * 2. its sequences' residue checksums, sorted (`id:<sequence id>` for a sequence whose residues
 *    are unknown, as in a TSV),
 * 3. its features' canonical lines, sorted: sequence id, type, start, stop, strand, locus tag
 *    (`oriV` and `oriC` both as `ori`, since GFF3 and INSDC write Bakta's oriV as oriC).
 *
 * The database version and run date are left out: GFF3, GenBank and EMBL files do not all carry
 * them, and the same run must fingerprint alike from its JSON, GFF3, GenBank and EMBL. Migration
 * `0004_run_identity` holds a frozen copy of this rule: change both or neither.
 *
 * @param run The run (genome mode).
 * @param checksums The SHA-256 of each sequence's upper-case residues, in `run.sequences` order
 * (null where unknown).
 * @returns The fingerprint (64 hex digits).
 *
 * @example The same run from two readers fingerprints alike
 * ```ts
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { runFingerprint } from "./run_fingerprint.ts";
 * const run = makeRun({ seed: 3, sequences: 1, featuresPerSequence: 5 });
 * const reordered = { ...run, features: [...run.features].reverse() };
 * const checksums = run.sequences.map(() => null);
 * if (runFingerprint(run, checksums) !== runFingerprint(reordered, checksums)) {
 *   throw new Error("order must not matter");
 * }
 * ```
 */
export function runFingerprint(run: BaktaRun, checksums: readonly (string | null)[]): string {
  const sequences = run.sequences.map((s, i) => checksums[i] ?? `id:${s.id}`).sort();
  const features = run.features.map((f) =>
    [
      f.sequenceId,
      f.type === "oriV" || f.type === "oriC" ? "ori" : f.type,
      f.start,
      f.stop,
      f.strand,
      f.locusTag ?? "",
    ].join("\t")
  ).sort();
  const text = [
    "baktadb-run 1",
    `bakta ${run.software.bakta ?? ""}`,
    sequences.join(","),
    ...features,
  ].join("\n");
  return sha256Hex(text);
}
