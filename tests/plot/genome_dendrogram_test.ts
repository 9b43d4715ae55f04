import assert from "node:assert/strict";
import fc from "fast-check";
import {
  averageLinkage,
  dendrogramSegments,
  jaccardDistance,
} from "../../src/plot/genome_dendrogram.ts";

/** Brute force: the Jaccard distance from the definition, over arrays. */
function bruteJaccard(a: string[], b: string[]): number {
  const union = [...new Set([...a, ...b])];
  if (union.length === 0) return 0;
  const shared = union.filter((x) => a.includes(x) && b.includes(x));
  return 1 - shared.length / union.length;
}

const SETS = fc.array(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g")), {
  minLength: 2,
  maxLength: 7,
});

Deno.test("jaccardDistance() equals the definition (brute force)", () => {
  fc.assert(
    fc.property(SETS, (sets) => {
      for (const a of sets) {
        for (const b of sets) {
          const d = jaccardDistance(new Set(a), new Set(b));
          assert.ok(Math.abs(d - bruteJaccard(a, b)) < 1e-12);
        }
      }
    }),
    { seed: 20261206, numRuns: 200 },
  );
});

Deno.test("averageLinkage() joins at each step the closest clusters on average (brute force)", () => {
  fc.assert(
    fc.property(SETS, (sets) => {
      const names = sets.map((_, i) => `g${i}`);
      const d = sets.map((a) => sets.map((b) => bruteJaccard(a, b)));
      const tree = averageLinkage(names, d);
      assert.equal(tree.merges.length, sets.length - 1);
      assert.deepEqual([...tree.order].sort((x, y) => x - y), names.map((_, i) => i));
      // Replay the merges: each must be a pair of current clusters at the least average distance.
      const members = new Map<number, number[]>(names.map((_, i) => [i, [i]]));
      const mean = (x: number[], y: number[]) =>
        x.flatMap((i) => y.map((j) => d[i][j])).reduce((s, v) => s + v, 0) / (x.length * y.length);
      tree.merges.forEach((m, k) => {
        const current = [...members.values()];
        let least = Infinity;
        for (const [i, x] of current.entries()) {
          for (const y of current.slice(i + 1)) least = Math.min(least, mean(x, y));
        }
        const [left, right] = [members.get(m.left)!, members.get(m.right)!];
        assert.ok(left && right, `merge ${k} joins current clusters`);
        assert.ok(Math.abs(m.height - mean(left, right)) < 1e-9, `merge ${k} height`);
        assert.ok(m.height <= least + 1e-9, `merge ${k} is a closest pair`);
        members.delete(m.left);
        members.delete(m.right);
        members.set(names.length + k, [...left, ...right]);
      });
      // Average linkage never merges lower than before (its heights are monotone).
      for (let k = 1; k < tree.merges.length; k++) {
        assert.ok(tree.merges[k].height >= tree.merges[k - 1].height - 1e-9);
      }
      // Each cluster's members are neighbours in the drawing order.
      for (const cluster of members.values()) {
        const positions = cluster.map((leaf) => tree.order.indexOf(leaf)).sort((x, y) => x - y);
        assert.equal(positions.at(-1)! - positions[0], positions.length - 1);
      }
    }),
    { seed: 20261207, numRuns: 200 },
  );
});

Deno.test("averageLinkage() on a hand-worked case and dendrogramSegments() draw it", () => {
  // a,b at 0.1; c at 0.5 from a and 0.7 from b (mean 0.6); d at 0.9 from all.
  const d = [
    [0, 0.1, 0.5, 0.9],
    [0.1, 0, 0.7, 0.9],
    [0.5, 0.7, 0, 0.9],
    [0.9, 0.9, 0.9, 0],
  ];
  const tree = averageLinkage(["a", "b", "c", "d"], d);
  assert.deepEqual(tree.merges.map((m) => [m.left, m.right, Number(m.height.toFixed(6))]), [
    [0, 1, 0.1],
    [4, 2, 0.6],
    [5, 3, 0.9],
  ]);
  assert.deepEqual(tree.order, [0, 1, 2, 3]);
  const segments = dendrogramSegments(tree);
  assert.equal(segments.length, 9);
  // The root's bar joins the {a,b,c} stem (at y 1.25) and d (at y 3), at height 0.9.
  assert.deepEqual(segments.at(-1), { x1: 0.9, y1: 1.25, x2: 0.9, y2: 3 });
  assert.throws(() => averageLinkage(["a", "b"], [[0]]), {
    name: "RangeError",
    message: /expected a 2 × 2 distance matrix/,
  });
});
