import assert from "node:assert/strict";
import fc from "fast-check";
import { gcSkew } from "../../src/plot/gc_skew.ts";
import { bruteForceGc, NUCLEOTIDE_STRINGS } from "./_helpers.ts";

Deno.test("gcSkew() equals a brute-force count in every window", () => {
  fc.assert(
    fc.property(
      NUCLEOTIDE_STRINGS,
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 50 }),
      (nt, window, step) => {
        const expected = bruteForceGc(nt, window, step);
        const actual = gcSkew(nt, window, step);
        assert.equal(actual.length, expected.length);
        actual.forEach((w, i) => {
          assert.deepEqual([w.start, w.stop], [expected[i].start, expected[i].stop]);
          if (Number.isNaN(expected[i].skew)) assert.ok(Number.isNaN(w.value));
          else assert.ok(Math.abs(w.value - expected[i].skew) < 1e-12);
        });
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("gcSkew() is positive where G dominates and NaN without G or C", () => {
  assert.deepEqual(gcSkew("GGGCATAT", 4).map((w) => w.value), [0.5, NaN]);
});
