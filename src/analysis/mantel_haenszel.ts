/**
 * The Cochran–Mantel–Haenszel test: association in 2×2 tables stratified by a confounder (a
 * lineage), so that a gene family that only tracks the lineage is not reported as associated.
 *
 * @module
 */

import { chiSquareSurvival } from "./chi_square_survival.ts";

/** One stratum's 2×2 table `[[a, b], [c, d]]` (rows: trait yes/no; columns: present/absent). */
export interface StratumTable {
  /** Trait yes, present. */
  a: number;
  /** Trait yes, absent. */
  b: number;
  /** Trait no, present. */
  c: number;
  /** Trait no, absent. */
  d: number;
}

/** The result of {@linkcode mantelHaenszel}. */
export interface MantelHaenszelResult {
  /** The statistic (with continuity correction), chi-square with 1 degree of freedom; null when no stratum varies. */
  statistic: number | null;
  /** Its p-value; null when no stratum has variance (every stratum is constant in trait or family). */
  p: number | null;
  /** The Mantel–Haenszel common odds ratio Σ(ad/n) / Σ(bc/n); null when undefined (0/0). */
  oddsRatio: number | null;
}

/**
 * The Cochran–Mantel–Haenszel test of 2×2 tables over strata, with the continuity correction as
 * R's `mantelhaen.test(…, correct = TRUE)`: X² = (|Σ(aₖ − E aₖ)| − ½)² / Σ Var aₖ with
 * E aₖ = r₁c₁/n and Var aₖ = r₁r₂c₁c₂ / (n²(n − 1)). Strata of fewer than two genomes add nothing.
 *
 * @param strata The tables, one per stratum.
 * @returns The statistic, its p-value and the common odds ratio.
 *
 * @example R's `mantelhaen.test(UCBAdmissions)`: X² = 1.4269, p = 0.2323
 * ```ts
 * import assert from "node:assert/strict";
 * import { mantelHaenszel } from "./mantel_haenszel.ts";
 * const ucb = [[512, 89, 313, 19], [353, 17, 207, 8], [120, 202, 205, 391], [138, 131, 279, 244],
 *   [53, 94, 138, 299], [22, 24, 351, 317]].map(([a, c, b, d]) => ({ a, b, c, d }));
 * const result = mantelHaenszel(ucb);
 * assert.equal(result.statistic!.toFixed(4), "1.4269");
 * assert.equal(result.p!.toFixed(4), "0.2323");
 * assert.equal(result.oddsRatio!.toFixed(7), "0.9046968");
 * ```
 */
export function mantelHaenszel(strata: readonly StratumTable[]): MantelHaenszelResult {
  let deviation = 0;
  let variance = 0;
  let orNumerator = 0;
  let orDenominator = 0;
  for (const { a, b, c, d } of strata) {
    const n = a + b + c + d;
    if (n < 2) continue;
    const row1 = a + b;
    const col1 = a + c;
    deviation += a - (row1 * col1) / n;
    variance += (row1 * (c + d) * col1 * (b + d)) / (n * n * (n - 1));
    orNumerator += (a * d) / n;
    orDenominator += (b * c) / n;
  }
  const oddsRatio = orNumerator === 0 && orDenominator === 0 ? null : orNumerator / orDenominator;
  if (variance === 0) return { statistic: null, p: null, oddsRatio };
  const corrected = Math.max(0, Math.abs(deviation) - 0.5);
  const statistic = (corrected * corrected) / variance;
  return { statistic, p: chiSquareSurvival(statistic, 1), oddsRatio };
}
