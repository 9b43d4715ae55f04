import assert from "node:assert/strict";
import { fisherExact, logFactorials } from "../../src/analysis/fisher_exact.ts";
import { bruteForceFisher as bruteForce, choose } from "./_fisher_brute_force.ts";

/** ln of a (huge) positive integer: its top 60 bits, scaled. */
function logBig(value: bigint): number {
  const bits = value.toString(2).length;
  const shift = Math.max(0, bits - 60);
  return Math.log(Number(value >> BigInt(shift))) + shift * Math.LN2;
}

Deno.test("fisherExact() equals the brute-force hypergeometric sum on every table up to n = 14", () => {
  const lf = logFactorials(14);
  let tables = 0;
  for (let n = 0; n <= 14; n++) {
    for (let a = 0; a <= n; a++) {
      for (let b = 0; a + b <= n; b++) {
        for (let c = 0; a + b + c <= n; c++) {
          const d = n - a - b - c;
          const expected = bruteForce(a, b, c, d);
          const got = fisherExact(a, b, c, d, lf).p;
          assert.ok(
            Math.abs(got - expected) <= 1e-12 * expected,
            `[[${a}, ${b}], [${c}, ${d}]]: ${got} != ${expected}`,
          );
          tables++;
        }
      }
    }
  }
  assert.equal(tables, 3060);
});

Deno.test("fisherExact() gives the published values", async (t) => {
  const cases: [string, [number, number, number, number], number][] = [
    // R's ?fisher.test: the lady tasting tea, and Fleiss' convictions of twins (two-sided).
    ["tea tasting", [3, 1, 1, 3], 0.4857142857142857],
    ["convictions of twins", [2, 10, 15, 3], 0.0005367241191434357],
    // SciPy 1.x scipy.stats.fisher_exact on the same tables (computed independently).
    ["scipy, 30 genomes", [10, 5, 3, 12], 0.025327687033676133],
    ["scipy, 24 genomes", [1, 9, 11, 3], 0.0027594561852200836],
    ["scipy, 10,000 genomes", [120, 4880, 80, 4920], 0.005216488091355018],
  ];
  for (const [name, [a, b, c, d], expected] of cases) {
    await t.step(name, () => {
      const { p } = fisherExact(a, b, c, d);
      assert.ok(Math.abs(p - expected) <= 1e-9 * expected, `${p} != ${expected}`);
    });
  }
});

Deno.test("fisherExact() keeps the logarithm where p underflows", () => {
  // Perfect separation of 10,000 genomes: only the two extreme tables, each 1 / C(10000, 5000).
  const { p, logP } = fisherExact(5000, 0, 0, 5000);
  assert.equal(p, 0);
  const expected = Math.LN2 - logBig(choose(10000, 5000));
  assert.ok(Math.abs(logP - expected) < 1e-9 * Math.abs(expected), `${logP} != ${expected}`);
});

Deno.test("fisherExact() is symmetric and never above 1", () => {
  const lf = logFactorials(60);
  for (const [a, b, c, d] of [[7, 3, 2, 9], [0, 0, 5, 5], [20, 20, 10, 10], [1, 0, 0, 0]]) {
    const p = fisherExact(a, b, c, d, lf).p;
    for (const [w, x, y, z] of [[d, c, b, a], [a, c, b, d], [b, a, d, c]]) {
      assert.ok(Math.abs(fisherExact(w, x, y, z, lf).p - p) <= 1e-12 * p);
    }
    assert.ok(p <= 1);
  }
});

Deno.test("fisherExact() rejects what is not a table", () => {
  assert.throws(() => fisherExact(-1, 0, 0, 0), { name: "RangeError", message: /cell a is -1/ });
  assert.throws(() => fisherExact(1.5, 0, 0, 0), /cell a is 1.5/);
  assert.throws(() => fisherExact(5, 5, 5, 5, logFactorials(10)), /stop at 10/);
});
