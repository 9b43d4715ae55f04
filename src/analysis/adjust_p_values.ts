/**
 * Multiple-testing corrections of p-values: Bonferroni and Benjamini–Hochberg.
 *
 * @module
 */

/**
 * Bonferroni-corrected p-values: each p times the number of tests, at most 1.
 *
 * @param p The p-values (one per test).
 * @returns The corrected values, in input order.
 *
 * @example Each p times the number of tests
 * ```ts
 * import assert from "node:assert/strict";
 * import { bonferroni } from "./adjust_p_values.ts";
 * assert.deepEqual(Array.from(bonferroni([0.01, 0.5])), [0.02, 1]);
 * ```
 */
export function bonferroni(p: ArrayLike<number>): Float64Array {
  const m = p.length;
  return Float64Array.from({ length: m }, (_, i) => Math.min(1, p[i] * m));
}

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate, step-up): with the p-values sorted
 * ascending, the i-th (1-based) becomes min over j ≥ i of p₍ⱼ₎ · m / j, at most 1 — R's
 * `p.adjust(p, "BH")`.
 *
 * @param p The p-values (one per test).
 * @param ascending The indices of `p` in ascending order of p, when the caller has them (ties in
 *   any order: they get the same value); sorted here when left out.
 * @returns The adjusted values, in input order.
 * @throws {RangeError} When `ascending` is not as long as `p`.
 *
 * @example R's `p.adjust(c(0.01, 0.02, 0.03, 0.5), "BH")`
 * ```ts
 * import assert from "node:assert/strict";
 * import { benjaminiHochberg } from "./adjust_p_values.ts";
 * assert.deepEqual(Array.from(benjaminiHochberg([0.01, 0.02, 0.03, 0.5])), [0.04, 0.04, 0.04, 0.5]);
 * assert.deepEqual(Array.from(benjaminiHochberg([0.5, 0.01], [1, 0])), [0.5, 0.02]);
 * ```
 */
export function benjaminiHochberg(
  p: ArrayLike<number>,
  ascending?: ArrayLike<number>,
): Float64Array {
  const m = p.length;
  if (ascending !== undefined && ascending.length !== m) {
    throw new RangeError(
      `Cannot adjust ${m} p-values: "ascending" holds ${ascending.length} indices`,
    );
  }
  const order = ascending ??
    Int32Array.from({ length: m }, (_, i) => i).sort((x, y) => p[x] - p[y]);
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (p[i] * m) / rank);
    adjusted[i] = running;
  }
  return adjusted;
}
