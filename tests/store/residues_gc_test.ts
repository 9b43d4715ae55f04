import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildGcIndex,
  gcFraction,
  gcOfBytes,
  indexedSpanGc,
  indexGc,
  upperCaseBytes,
} from "../../src/store/_residues.ts";

Deno.test("indexedSpanGc() equals counting the span's letters, across block edges and the origin", () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom("A", "C", "G", "T", "N", "a", "c", "g", "t", "n"),
        minLength: 1,
        maxLength: 400,
      }),
      fc.nat(),
      fc.nat(),
      (nt, x, y) => {
        const index = buildGcIndex(new TextEncoder().encode(nt));
        const start = 1 + (x % nt.length);
        const stop = 1 + (y % nt.length);
        const edge = stop < start;
        const brute = edge
          ? gcFraction(nt.slice(start - 1) + nt.slice(0, stop))
          : gcFraction(nt, start - 1, stop);
        assert.equal(indexedSpanGc(index, start, stop, edge), brute);
      },
    ),
    { numRuns: 2000 },
  );
});

Deno.test("indexGc() equals gcOfBytes() of the same bytes, at every length around a block edge", () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom("A", "C", "G", "T", "N", "a", "g", "t", "-"),
        maxLength: 300,
      }),
      (nt) => {
        const bytes = new TextEncoder().encode(nt);
        assert.equal(indexGc(buildGcIndex(bytes)), gcOfBytes(bytes));
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("upperCaseBytes() gives the bytes of toUpperCase(), letters beyond ASCII included", () => {
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom("a", "C", "g", "T", "n", "-", "*", "ß", "é", "ﬀ", "z", "{"),
        maxLength: 50,
      }),
      (nt) => assert.deepEqual(upperCaseBytes(nt), new TextEncoder().encode(nt.toUpperCase())),
    ),
    { numRuns: 1000 },
  );
});
