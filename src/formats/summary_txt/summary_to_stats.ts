/**
 * Converting the `.txt` summary's sequence block into the model's {@linkcode GenomeStats}.
 *
 * @module
 */

import type { GenomeStats } from "../model.ts";
import type { BaktaSummary } from "./bakta_summary.ts";

/**
 * Converts a summary's `Sequence(s):` block into {@linkcode GenomeStats} (percentages become
 * fractions). The summary rounds GC, N ratio and coding density to one decimal percent, so these
 * fractions are precise to ±0.0005 only.
 *
 * @param summary The summary.
 * @returns The statistics.
 *
 * @example GC percent to fraction
 * ```ts
 * import { summaryToStats } from "./summary_to_stats.ts";
 * const stats = summaryToStats({
 *   sequences: { length: 10, count: 1, gcPercent: 51.7, n50: 10, nRatioPercent: 0,
 *     codingDensityPercent: 84.1 },
 *   counts: { trnas: 0, tmrnas: 0, rrnas: 0, ncrnas: 0, ncrnaRegions: 0, crisprArrays: 0,
 *     cdss: 0, hypotheticals: 0, sorfs: 0, gaps: 0, oriCs: 0, oriVs: 0, oriTs: 0 },
 *   extra: {},
 * });
 * if (Math.abs(stats.gc - 0.517) > 1e-12) throw new Error("gc");
 * ```
 */
export function summaryToStats(summary: BaktaSummary): GenomeStats {
  const s = summary.sequences;
  const stats: GenomeStats = {
    size: s.length,
    sequenceCount: s.count,
    gc: s.gcPercent / 100,
    nRatio: s.nRatioPercent / 100,
    n50: s.n50,
    codingRatio: s.codingDensityPercent / 100,
  };
  if (s.n90 !== undefined) stats.n90 = s.n90;
  return stats;
}
