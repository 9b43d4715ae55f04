/**
 * Brute-force Fisher's exact test in exact integers, the reference the log-space implementation
 * and the association table are checked against.
 *
 * @module
 */

/** Exact binomial coefficient. */
export function choose(n: number, k: number): bigint {
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

/**
 * Two-sided Fisher p of `[[a, b], [c, d]]`: every table with the observed margins has probability
 * C(r1, x) C(r2, c1 - x) / C(n, c1); the p-value sums the numerators not above the observed one.
 */
export function bruteForceFisher(a: number, b: number, c: number, d: number): number {
  const r1 = a + b, r2 = c + d, c1 = a + c, n = r1 + r2;
  const numerator = (x: number) => choose(r1, x) * choose(r2, c1 - x);
  const observed = numerator(a);
  let sum = 0n;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) {
    if (numerator(x) <= observed) sum += numerator(x);
  }
  return Number(sum) / Number(choose(n, c1));
}
