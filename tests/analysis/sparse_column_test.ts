import assert from "node:assert/strict";
import { table } from "arquero";
import { SparseColumn } from "../../src/analysis/sparse_column.ts";
import { SeededRandom } from "../../src/testing/factory/mod.ts";

Deno.test("SparseColumn equals the dense array it stands for, by at(), iteration and toArray()", () => {
  const random = new SeededRandom(3);
  for (let trial = 0; trial < 50; trial++) {
    const length = Math.floor(random.next() * 40);
    const dense = Int32Array.from({ length }, () => random.chance(0.3) ? 1 + (trial % 4) : 0);
    const rows = Int32Array.from(dense.keys()).filter((row) => dense[row] !== 0);
    const column = new SparseColumn(length, rows, rows.map((row) => dense[row]));
    assert.deepEqual([...column], [...dense]);
    assert.deepEqual(column.toArray(), dense);
    for (let row = -length; row < length; row++) assert.equal(column.at(row), dense.at(row));
    assert.equal(column.at(length), undefined);
  }
});

Deno.test("SparseColumn works as an Arquero column", () => {
  const t = table({ family: ["A", "B", "C"], g1: new SparseColumn(3, Int32Array.of(0, 2)) });
  assert.deepEqual(t.objects(), [
    { family: "A", g1: 1 },
    { family: "B", g1: 0 },
    { family: "C", g1: 1 },
  ]);
  assert.deepEqual(t.filter((d: { g1: number }) => d.g1 === 1).array("family"), ["A", "C"]);
  assert.deepEqual(Array.from(t.orderby("g1").array("family") as string[]), ["B", "A", "C"]);
});

Deno.test("SparseColumn refuses rows out of order or out of range", () => {
  assert.throws(() => new SparseColumn(3, Int32Array.of(2, 1)), {
    name: "RangeError",
    message: /row 1 \(at 1\) is out of order or not below 3/,
  });
  assert.throws(() => new SparseColumn(3, Int32Array.of(3)), {
    name: "RangeError",
    message: /row 3 \(at 0\) is out of order or not below 3/,
  });
  assert.throws(() => new SparseColumn(3, Int32Array.of(1), Int32Array.of()), {
    name: "RangeError",
    message: /1 rows but 0 values/,
  });
});
