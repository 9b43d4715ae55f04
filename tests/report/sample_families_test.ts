import assert from "node:assert/strict";
import fc from "fast-check";
import { sampleFamilies } from "../../src/report/_sample_families.ts";

Deno.test("sampleFamilies() keeps every family when there are few enough", () => {
  const families = ["c", "a", "b"];
  const present = [[1, 1, 0], [1, 0, 0]];
  // Most shared first, then by pattern, then by name.
  assert.deepEqual(sampleFamilies(families, present, 3), [0, 1, 2]);
  assert.deepEqual(sampleFamilies(families, present, 10).sort(), [0, 1, 2]);
});

Deno.test("sampleFamilies() keeps each prevalence class in proportion (brute force)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 120 }),
      fc.integer(),
      (genomes, n, max, seed) => {
        let state = seed >>> 0;
        const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
        const families = Array.from({ length: n }, (_, i) => `F${i}`);
        const present = Array.from(
          { length: genomes },
          () => Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)),
        );
        const kept = sampleFamilies(families, present, max);
        assert.equal(kept.length, Math.min(n, max));
        assert.equal(new Set(kept).size, kept.length, "no family twice");
        const prevalence = (i: number) => present.reduce((sum, row) => sum + row[i], 0);
        for (let k = 0; k <= genomes; k++) {
          const all = families.filter((_, i) => prevalence(i) === k).length;
          const sampled = kept.filter((i) => prevalence(i) === k).length;
          const expected = (all * kept.length) / n;
          assert.ok(
            Math.abs(sampled - expected) <= 1 + 1e-9,
            `prevalence ${k}: ${sampled} kept of ${all}, expected about ${expected}`,
          );
        }
      },
    ),
    { numRuns: 200 },
  );
});
