/**
 * Writing the nucleotides of a run's features as FASTA (Bakta's `.ffn`).
 *
 * @module
 */

import { formatFasta } from "../formats/fasta/format_fasta.ts";
import type { BaktaRun, Feature } from "../formats/model.ts";
import { featureNucleotides } from "./feature_nucleotides.ts";

/** Options of {@linkcode formatFfn}. */
export interface FormatFfnOptions {
  /**
   * Residues per line; `0` writes each on one line, as Bakta does.
   * @default 0
   */
  lineWidth?: number;
  /**
   * Write only features with a locus tag (tRNA, tmRNA, rRNA, ncRNA, CDS, sORF), as Bakta before
   * 1.10 did; else every feature but gaps, as later versions do.
   * @default true for runs of Bakta before 1.10, false otherwise
   */
  onlyLocusTags?: boolean;
}

/** Whether a Bakta version is before 1.10. */
function before110(version: string | undefined): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? "");
  return m !== null && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 10));
}

/**
 * The FASTA id Bakta gives a feature in `.ffn`/`.faa`: its locus tag, else its internal id, else
 * `<sequence>_<start>_<stop>` (for features read from formats that keep no id).
 *
 * @param feature The feature.
 * @returns The id.
 *
 * @example Locus tag, internal id, or position
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureFastaId } from "./format_ffn.ts";
 * const base = { type: "oriV" as const, sequenceId: "c1", start: 5, stop: 90, strand: "?" as const,
 *   edge: false, hypothetical: false, pseudo: false, dbXrefs: [],
 *   original: { format: "tsv" as const, record: {} } };
 * assert.equal(featureFastaId({ ...base, id: "ABCDEF_95" }), "ABCDEF_95");
 * assert.equal(featureFastaId(base), "c1_5_90");
 * ```
 */
export function featureFastaId(feature: Feature): string {
  return feature.locusTag ?? feature.id ?? `${feature.sequenceId}_${feature.start}_${feature.stop}`;
}

/**
 * Writes the features' nucleotides as Bakta's `.ffn` does: `>locus product` (the internal id for
 * features without locus tag), the nucleotides on the feature's own strand on one line; every
 * feature but gaps, or (runs of Bakta before 1.10, as those wrote it) only the features with a
 * locus tag. The nucleotides are the feature's stored ones (Bakta JSON `nt`), else cut from the
 * sequence's residues (reverse-complemented on `-`, joined across the origin); features for which
 * neither is known are left out.
 *
 * @param run The run.
 * @param options The line width.
 * @returns The FASTA text (empty when no feature has nucleotides).
 *
 * @example Cut from the residues
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFfn } from "./format_ffn.ts";
 * const text = formatFfn({
 *   mode: "genome", genome: {}, software: {}, sources: [],
 *   sequences: [{ id: "c1", length: 12, nt: "ATGAAATAACCC" }],
 *   features: [{ type: "cds", sequenceId: "c1", start: 1, stop: 9, strand: "+", edge: false,
 *     locusTag: "X_1", product: "demo", hypothetical: false, pseudo: false, dbXrefs: [],
 *     original: { format: "tsv", record: {} } }],
 * });
 * assert.equal(text, ">X_1 demo\nATGAAATAA\n");
 * ```
 */
export function formatFfn(run: BaktaRun, options: FormatFfnOptions = {}): string {
  const { lineWidth = 0, onlyLocusTags = before110(run.software.bakta) } = options;
  const sequences = new Map(run.sequences.map((s) => [s.id, s]));
  const records = [];
  for (const feature of run.features) {
    if (feature.type === "gap" || (onlyLocusTags && feature.locusTag === undefined)) continue;
    const nt = featureNucleotides(feature, sequences.get(feature.sequenceId));
    if (nt === undefined) continue;
    records.push({ id: featureFastaId(feature), description: feature.product, sequence: nt });
  }
  return formatFasta(records, { lineWidth });
}
