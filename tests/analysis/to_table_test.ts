import assert from "node:assert/strict";
import { sql } from "kysely";
import { rowsToTable, selectionNames, toTable } from "../../src/analysis/to_table.ts";
import { insertAnnotation } from "../query/_fixture.ts";
import { findFeatures } from "../../src/query/find_features.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

engineTest("toTable() keeps column types, nulls and order", async () => {
  const db = await freshDatabase();
  try {
    await insertAnnotation(db, "g", [{ seqId: "c", length: 1000 }], [
      { seqId: "c", start: 5, stop: 95, gene: "dnaA", product: null, hypothetical: true },
      { seqId: "c", start: 100, stop: 190, gene: null, product: "x" },
    ]);
    const table = await toTable(findFeatures(db).select("features.original_json"));
    assert.deepEqual(table.columnNames().slice(0, 4), ["id", "annotationId", "sequenceId", "type"]);
    assert.deepEqual(table.columnNames().slice(-3, -1), ["genome", "sequence"]);
    assert.equal(table.columnNames().at(-1), "original_json");
    assert.deepEqual(table.array("start"), [5, 100]);
    assert.equal(typeof table.get("start", 0), "number");
    assert.deepEqual(table.array("gene"), ["dnaA", null]);
    assert.deepEqual(table.array("product"), [null, "x"]);
    assert.deepEqual(table.array("hypothetical"), [true, false]);
    assert.deepEqual(table.array("ntGc"), [null, null]);
  } finally {
    await db.destroy();
  }
});

engineTest("toTable() of an empty query keeps the selected columns", async (t) => {
  const db = await freshDatabase();
  try {
    await t.step("feature query", async () => {
      const empty = await toTable(findFeatures(db, { genome: "nobody" }));
      assert.equal(empty.numRows(), 0);
      assert.equal(empty.numCols(), 20);
      assert.deepEqual(empty.columnNames().slice(0, 3), ["id", "annotationId", "sequenceId"]);
    });
    await t.step("aliased expressions", async () => {
      const q = db.selectFrom("genomes").select([
        "genomes.name as genome",
        sql<number>`count(*)`.as("n"),
        (eb) => eb.fn.max("id").as("last"),
      ]).groupBy("genomes.name");
      const empty = await toTable(q);
      assert.deepEqual(empty.columnNames(), ["genome", "n", "last"]);
    });
    await t.step("selectAll cannot be read: the columns option", async () => {
      const q = db.selectFrom("genomes").selectAll();
      assert.equal(selectionNames(q.toOperationNode()), undefined);
      assert.deepEqual((await toTable(q)).columnNames(), []);
      assert.deepEqual((await toTable(q, { columns: ["id", "name"] })).columnNames(), [
        "id",
        "name",
      ]);
    });
  } finally {
    await db.destroy();
  }
});

Deno.test("rowsToTable() converts bigints only where safe", () => {
  const big = 2n ** 53n + 1n;
  const table = rowsToTable([{ a: 1n, b: big, c: -5n, d: new Uint8Array([1]), e: undefined }]);
  assert.deepEqual(table.objects(), [{ a: 1, b: big, c: -5, d: new Uint8Array([1]), e: null }]);
  assert.equal(rowsToTable([]).numCols(), 0);
  assert.throws(() => rowsToTable([null as unknown as object]), {
    name: "TypeError",
    message: /row 0 is null/,
  });
});

Deno.test("toTable() rejects what is neither rows nor a query", async () => {
  // deno-lint-ignore no-explicit-any
  await assert.rejects(toTable(42 as any), { name: "TypeError", message: /got number/ });
});
