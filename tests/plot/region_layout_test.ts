import assert from "node:assert/strict";
import fc from "fast-check";
import {
  DEFAULT_REGION_LAYOUT_OPTIONS,
  regionLayout,
  sequencePosition,
} from "../../src/plot/region_layout.ts";

const cds = (start: number, stop: number, strand = "+") => ({ start, stop, strand, type: "cds" });

Deno.test("regionLayout() defaults: window from 1 to the last coordinate, 30 bp overlap tolerance", () => {
  assert.deepEqual({ ...DEFAULT_REGION_LAYOUT_OPTIONS }, { from: 1, overlapTolerance: 30 });
  const layout = regionLayout([cds(10, 90), cds(120, 400, "-")]);
  assert.deepEqual([layout.from, layout.to, layout.origin], [1, 400, undefined]);
  assert.deepEqual(layout.lanes, { plus: 1, minus: 1, none: 0 });
});

Deno.test("regionLayout() clips features at the window and says which end was cut", () => {
  const layout = regionLayout([cds(10, 90), cds(80, 300), cds(290, 500), cds(600, 700)], {
    from: 50,
    to: 400,
  });
  assert.deepEqual(
    layout.pieces.map((p) => [p.index, p.start, p.stop, p.clippedLeft, p.clippedRight]),
    [[0, 50, 90, true, false], [1, 80, 300, false, false], [2, 290, 400, false, true]],
  );
  // 0 and 1 overlap by 11 bp (tolerated); 1 and 2 by 11 bp too: one lane.
  assert.deepEqual(layout.pieces.map((p) => p.lane), [0, 0, 0]);
});

Deno.test("regionLayout() puts overlapping features of a strand on separate lanes", () => {
  const layout = regionLayout([cds(1, 500), cds(100, 300), cds(200, 900), cds(600, 800, "-")]);
  assert.deepEqual(layout.pieces.map((p) => [p.index, p.lane]), [[0, 0], [1, 1], [2, 2], [3, 0]]);
  assert.deepEqual(layout.lanes, { plus: 3, minus: 1, none: 0 });
});

Deno.test("regionLayout() unrolls a window across the origin and keeps edge features whole", () => {
  // pOSAK1 (1,330 bp): a CDS 413..736 and a CDS across the origin, 971..141 (Bakta's JSON form).
  const features = [
    cds(413, 736),
    { start: 971, stop: 141, strand: "-", type: "cds", edge: true },
    cds(50, 120),
  ];
  const layout = regionLayout(features, { sequenceLength: 1330, from: 900, to: 200 });
  assert.deepEqual([layout.from, layout.to, layout.origin], [900, 1530, 1330.5]);
  assert.deepEqual(
    layout.pieces.map((p) => [p.index, p.start, p.stop, p.clippedLeft, p.clippedRight]),
    [[1, 971, 1471, false, false], [2, 1380, 1450, false, false]],
  );
  assert.equal(sequencePosition(1380, 1330), 50);
  // The whole sequence as the window: the edge feature shows at both ends, cut at each.
  const full = regionLayout(features, { sequenceLength: 1330 });
  assert.deepEqual(
    full.pieces.filter((p) => p.index === 1).map((
      p,
    ) => [p.start, p.stop, p.clippedLeft, p.clippedRight]),
    [[1, 141, true, false], [971, 1330, false, true]],
  );
});

Deno.test("regionLayout() refuses windows and features it cannot place", () => {
  const check = (f: () => unknown, pattern: RegExp, type: ErrorConstructor = RangeError) =>
    assert.throws(f, (e: unknown) => e instanceof type && pattern.test((e as Error).message));
  check(() => regionLayout([cds(1, 10)], { from: 50, to: 20 }), /needs option "sequenceLength"/);
  check(() => regionLayout([{ ...cds(90, 10), edge: true }]), /crosses the origin/);
  check(() => regionLayout([cds(1, 10)], { sequenceLength: 100, to: 101 }), /"to" must be <=/);
  check(() => regionLayout([cds(1, 200)], { sequenceLength: 100 }), /past the sequence end 100/);
  check(() => regionLayout([cds(1, 10)], { from: 0 }), /"from" must be an integer >= 1/);
  check(() => regionLayout([cds(1.5, 10)]), /must be integers >= 1/, TypeError);
});

Deno.test("regionLayout() covers exactly the bases a feature shares with the window (brute force)", () => {
  const arbitrary = fc.integer({ min: 5, max: 200 }).chain((L) =>
    fc.record({
      L: fc.constant(L),
      features: fc.array(
        fc.record({
          start: fc.integer({ min: 1, max: L }),
          stop: fc.integer({ min: 1, max: L }),
          strand: fc.constantFrom("+", "-", "."),
        }),
        { maxLength: 8 },
      ),
      from: fc.integer({ min: 1, max: L }),
      to: fc.integer({ min: 1, max: L }),
    })
  );
  fc.assert(
    fc.property(arbitrary, ({ L, features, from, to }) => {
      const input = features.map((f) => ({ ...f, type: "cds", edge: f.start > f.stop }));
      const layout = regionLayout(input, { sequenceLength: L, from, to });
      const windowBases = new Set<number>();
      for (let u = from; u <= (from > to ? to + L : to); u++) {
        windowBases.add(sequencePosition(u, L));
      }
      input.forEach((f, i) => {
        const featureBases = new Set<number>();
        for (let u = f.start; u <= (f.start > f.stop ? f.stop + L : f.stop); u++) {
          featureBases.add(sequencePosition(u, L));
        }
        const expected = [...featureBases].filter((b) => windowBases.has(b)).sort((a, b) => a - b);
        const covered: number[] = [];
        for (const p of layout.pieces.filter((p) => p.index === i)) {
          assert.ok(p.start >= layout.from && p.stop <= layout.to);
          for (let u = p.start; u <= p.stop; u++) covered.push(sequencePosition(u, L));
        }
        covered.sort((a, b) => a - b);
        assert.deepEqual(covered, expected);
      });
    }),
    { numRuns: 400 },
  );
});
