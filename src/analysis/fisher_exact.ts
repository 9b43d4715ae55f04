/**
 * Fisher's exact test of a 2×2 table, two-sided, computed in log space so that it stays exact for
 * tables of ten thousand genomes and more.
 *
 * @module
 */

/**
 * `ln(k!)` for k = 0 … n, as one table (a running sum of logarithms), to share between many tests
 * over the same number of genomes.
 *
 * @param n The largest k.
 * @returns The table, of length n + 1.
 * @throws {RangeError} When n is not a non-negative integer.
 *
 * @example ln 5! = ln 120
 * ```ts
 * import assert from "node:assert/strict";
 * import { logFactorials } from "./fisher_exact.ts";
 * assert.ok(Math.abs(logFactorials(5)[5] - Math.log(120)) < 1e-12);
 * ```
 */
export function logFactorials(n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Cannot tabulate log factorials up to ${n}: expected an integer >= 0`);
  }
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1] + Math.log(k);
  return table;
}

/** The result of {@linkcode fisherExact}. */
export interface FisherExactResult {
  /** The two-sided p-value (at most 1; 0 only when it is below the smallest double). */
  p: number;
  /** The natural logarithm of `p`, finite even where `p` underflows. */
  logP: number;
}

/**
 * Two tables count as equally likely when their probabilities differ by less than this factor,
 * as R's `fisher.test` does (`relErr = 1 + 10^-7`), so that rounding does not split ties.
 */
const RELATIVE_TIE = 1 + 1e-7;

/**
 * Fisher's exact test of the 2×2 table `[[a, b], [c, d]]`, two-sided: the probability, with the
 * margins fixed (hypergeometric), of every table as likely as or less likely than the observed
 * one. Probabilities are summed in log space relative to the observed table's, so no factorial is
 * ever formed and nothing overflows.
 *
 * @param a Row 1, column 1 (e.g. trait yes, family present).
 * @param b Row 1, column 2 (trait yes, family absent).
 * @param c Row 2, column 1 (trait no, family present).
 * @param d Row 2, column 2 (trait no, family absent).
 * @param logFact Log factorials up to at least a + b + c + d ({@linkcode logFactorials}), to
 *   share between calls; computed when left out.
 * @returns The p-value and its logarithm.
 * @throws {RangeError} When a count is not a non-negative integer or `logFact` is too short.
 *
 * @example The lady tasting tea (Fisher 1935): 3 of 4 cups right
 * ```ts
 * import assert from "node:assert/strict";
 * import { fisherExact } from "./fisher_exact.ts";
 * assert.ok(Math.abs(fisherExact(3, 1, 1, 3).p - 34 / 70) < 1e-12);
 * ```
 */
export function fisherExact(
  a: number,
  b: number,
  c: number,
  d: number,
  logFact?: Float64Array,
): FisherExactResult {
  for (const [name, value] of [["a", a], ["b", b], ["c", c], ["d", d]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`Cannot test the table: cell ${name} is ${value}, not a count`);
    }
  }
  const n = a + b + c + d;
  const lf = logFact ?? logFactorials(n);
  if (lf.length <= n) {
    throw new RangeError(
      `Cannot test a table of ${n}: the log factorials stop at ${lf.length - 1}`,
    );
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const fixed = lf[row1] + lf[row2] + lf[col1] + lf[n - col1] - lf[n];
  const logPmf = (x: number) => fixed - lf[x] - lf[row1 - x] - lf[col1 - x] - lf[row2 - col1 + x];
  const observed = logPmf(a);
  const limit = observed + Math.log(RELATIVE_TIE);
  // The distribution is unimodal: the tables at most as likely as the observed one are the two
  // tails; walk in from each end until a table is more likely.
  let low = Math.max(0, col1 - row2);
  let high = Math.min(row1, col1);
  let sum = 0;
  for (; low <= high; low++) {
    const lp = logPmf(low);
    if (lp > limit) break;
    sum += Math.exp(lp - observed);
  }
  for (; high >= low; high--) {
    const lp = logPmf(high);
    if (lp > limit) break;
    sum += Math.exp(lp - observed);
  }
  const logP = Math.min(0, observed + Math.log(sum));
  return { p: Math.exp(logP), logP };
}
