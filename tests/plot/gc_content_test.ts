import assert from "node:assert/strict";
import fc from "fast-check";
import { gcContent } from "../../src/plot/gc_content.ts";
import { gcSkew } from "../../src/plot/gc_skew.ts";
import { bruteForceGc, NUCLEOTIDE_STRINGS } from "./_helpers.ts";

Deno.test("gcContent() equals a brute-force count in every window", () => {
  fc.assert(
    fc.property(
      NUCLEOTIDE_STRINGS,
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 50 }),
      (nt, window, step) => {
        const expected = bruteForceGc(nt, window, step);
        const actual = gcContent(nt, window, step);
        assert.equal(actual.length, expected.length);
        actual.forEach((w, i) => {
          assert.equal(w.start, expected[i].start);
          assert.equal(w.stop, expected[i].stop);
          if (Number.isNaN(expected[i].gc)) assert.ok(Number.isNaN(w.value));
          else assert.ok(Math.abs(w.value - expected[i].gc) < 1e-12);
        });
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("gcContent() defaults the step to the window and cuts the last window", () => {
  assert.deepEqual(gcContent("GGGGCAT", 3), [
    { start: 1, stop: 3, value: 1 },
    { start: 4, stop: 6, value: 2 / 3 },
    { start: 7, stop: 7, value: 0 },
  ]);
  assert.deepEqual(gcContent("", 10), []);
});

Deno.test("gcContent() and gcSkew() ignore characters that only look like bases", () => {
  // U+0147 and U+0143 share their low byte with G and C.
  assert.ok(Number.isNaN(gcContent("\u0147\u0143", 2)[0].value));
  assert.ok(Number.isNaN(gcSkew("\u0147\u0143", 2)[0].value));
});

Deno.test("gcContent() and gcSkew() reject windows and steps that are not positive integers", () => {
  for (const [window, step] of [[0, 1], [1, 0], [2.5, 1], [1, -3], [NaN, 1]]) {
    // The first of window and step that is not a positive integer is named, with its value.
    const [name, value] = Number.isInteger(window) && window >= 1
      ? ["step", step]
      : ["window", window];
    const message = new RegExp(`Argument "${name}" must be an integer >= 1, got ${value}$`);
    assert.throws(() => gcContent("ACGT", window, step), { name: "RangeError", message });
    assert.throws(() => gcSkew("ACGT", window, step), { name: "RangeError", message });
  }
  assert.throws(() => gcContent(undefined as unknown as string, 1), {
    name: "TypeError",
    message: /Argument "nt" must be a string of nucleotides, got undefined/,
  });
});
