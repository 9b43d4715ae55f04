import assert from "node:assert/strict";
import { benjaminiHochberg, bonferroni } from "../../src/analysis/adjust_p_values.ts";

/** Brute force, straight from the definition: min over j >= rank(i) of p(j) m / j. */
function bhBruteForce(p: number[]): number[] {
  const sorted = [...p].sort((x, y) => x - y);
  const m = p.length;
  return p.map((value) => {
    const rank = sorted.indexOf(value) + 1;
    let best = Infinity;
    for (let j = rank; j <= m; j++) best = Math.min(best, (sorted[j - 1] * m) / j);
    return Math.min(1, best);
  });
}

Deno.test("benjaminiHochberg() matches the definition, ties included", () => {
  let seed = 11;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let round = 0; round < 50; round++) {
    const p = Array.from(
      { length: 1 + Math.floor(next() * 30) },
      () => next() < 0.3 ? 0.05 : next() ** 3,
    );
    const got = Array.from(benjaminiHochberg(p));
    bhBruteForce(p).forEach((v, i) => assert.ok(Math.abs(got[i] - v) < 1e-15, `${got[i]} ${v}`));
  }
});

Deno.test("benjaminiHochberg() and bonferroni() give R's p.adjust values", () => {
  // R: p.adjust(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205), "BH")
  const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];
  const bh = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714285714286, 0.205];
  Array.from(benjaminiHochberg(p)).forEach((v, i) => assert.ok(Math.abs(v - bh[i]) < 1e-12));
  assert.deepEqual(Array.from(bonferroni([0.001, 0.2])), [0.002, 0.4]);
  assert.deepEqual(Array.from(benjaminiHochberg([])), []);
});
