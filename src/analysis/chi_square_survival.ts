/**
 * The upper tail of the chi-square distribution, for the p-values of chi-square statistics.
 *
 * @module
 */

const MAX_ITERATIONS = 1000;
const EPSILON = 1e-16;
const TINY = 1e-300;

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-14). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < c.length; i++) sum += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(s, x), the regularized lower incomplete gamma function, by its power series (x < s + 1). */
function lowerSeries(s: number, x: number): number {
  let term = 1 / s;
  let sum = term;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= x / (s + k);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + s * Math.log(x) - logGamma(s));
}

/** Q(s, x), the regularized upper incomplete gamma function, by its continued fraction (Lentz). */
function upperFraction(s: number, x: number): number {
  let b = x + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + s * Math.log(x) - logGamma(s)) * h;
}

/**
 * P(X ≥ x) for X chi-square distributed with `df` degrees of freedom: the p-value of a
 * chi-square statistic. Computed as the regularized upper incomplete gamma function
 * Q(df/2, x/2), by its series or its continued fraction.
 *
 * @param x The statistic (≥ 0).
 * @param df The degrees of freedom (> 0).
 * @returns The upper-tail probability.
 * @throws {RangeError} When x is negative or df is not positive.
 *
 * @example The 5 % critical value of one degree of freedom
 * ```ts
 * import assert from "node:assert/strict";
 * import { chiSquareSurvival } from "./chi_square_survival.ts";
 * assert.ok(Math.abs(chiSquareSurvival(3.841458820694124, 1) - 0.05) < 1e-12);
 * ```
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(x >= 0)) throw new RangeError(`Cannot take the chi-square tail at ${x}: expected x >= 0`);
  if (!(df > 0)) {
    throw new RangeError(`Cannot take the chi-square tail with ${df} degrees of freedom`);
  }
  if (x === 0) return 1;
  const s = df / 2;
  const half = x / 2;
  return half < s + 1 ? 1 - lowerSeries(s, half) : upperFraction(s, half);
}
