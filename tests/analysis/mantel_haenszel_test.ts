import assert from "node:assert/strict";
import { chiSquareSurvival } from "../../src/analysis/chi_square_survival.ts";
import { mantelHaenszel } from "../../src/analysis/mantel_haenszel.ts";

Deno.test("chiSquareSurvival() gives the tabulated tail probabilities", async (t) => {
  // Critical values from the standard chi-square table (and R's qchisq).
  const cases: [number, number, number][] = [
    [3.841458820694124, 1, 0.05],
    [6.634896601021213, 1, 0.01],
    [10.827566170662733, 1, 0.001],
    [5.991464547107979, 2, 0.05],
    [18.307038053275146, 10, 0.05],
    [0.454936423119572, 1, 0.5],
  ];
  for (const [x, df, p] of cases) {
    await t.step(`x = ${x}, df = ${df}`, () => {
      assert.ok(Math.abs(chiSquareSurvival(x, df) - p) < 1e-10 * p + 1e-14);
    });
  }
  // df = 2 has the closed form exp(-x/2).
  for (const x of [0.1, 1, 7, 50, 700]) {
    const exact = Math.exp(-x / 2);
    assert.ok(Math.abs(chiSquareSurvival(x, 2) - exact) <= 1e-12 * exact);
  }
  assert.equal(chiSquareSurvival(0, 1), 1);
  assert.throws(() => chiSquareSurvival(-1, 1), {
    name: "RangeError",
    message: /chi-square tail at -1/,
  });
});

const UCB = [[512, 89, 313, 19], [353, 17, 207, 8], [120, 202, 205, 391], [138, 131, 279, 244], [
  53,
  94,
  138,
  299,
], [22, 24, 351, 317]].map(([a, c, b, d]) => ({ a, b, c, d }));

Deno.test("mantelHaenszel() reproduces R's mantelhaen.test(UCBAdmissions)", () => {
  const result = mantelHaenszel(UCB);
  // R 4.x: Mantel-Haenszel X-squared = 1.4269, df = 1, p-value = 0.2323; common OR 0.9046968.
  assert.equal(result.statistic!.toFixed(4), "1.4269");
  assert.equal(result.p!.toFixed(4), "0.2323");
  assert.equal(result.oddsRatio!.toFixed(7), "0.9046968");
});

Deno.test("mantelHaenszel() has nothing to test when each stratum is constant", () => {
  // Phenotype follows lineage exactly: within each lineage the trait does not vary.
  const result = mantelHaenszel([{ a: 3, b: 1, c: 0, d: 0 }, { a: 0, b: 0, c: 1, d: 4 }]);
  assert.equal(result.p, null);
  assert.equal(result.statistic, null);
  // One stratum alone is the continuity-corrected chi-square on (n - 1) / n of Pearson's.
  const one = mantelHaenszel([{ a: 10, b: 5, c: 3, d: 12 }]);
  const n = 30, r1 = 15, c1 = 13;
  const e = (r1 * c1) / n;
  const v = (r1 * 15 * c1 * 17) / (n * n * (n - 1));
  assert.ok(Math.abs(one.statistic! - (Math.abs(10 - e) - 0.5) ** 2 / v) < 1e-12);
});
