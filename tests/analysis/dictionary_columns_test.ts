/**
 * The family dictionary read by column equals the table read row by row, whatever the values
 * hold: ids with gaps and out of name order, null beside empty genes, the packing separator
 * inside a name or a product (that column read again as rows); the ids by name equal a
 * code-unit sort of the names.
 */

import assert from "node:assert/strict";
import {
  familyIdsByName,
  parseIntegers,
  readDictionaryColumns,
} from "../../src/analysis/_dictionary_columns.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** Dictionary rows that a packed read could get wrong. */
const ROWS = [
  { id: 3, name: "UniRef90_C", gene: null, product: "hypothetical protein", feature_id: 30 },
  { id: 7, name: "MD5:0f", gene: "", product: null, feature_id: 7 },
  { id: 8, name: "UniRef90_A", gene: "dnaA", product: "", feature_id: 2 ** 31 - 1 },
  { id: 12, name: "UniRef90_B\u001eX", gene: "abc\u001e", product: "a\u001eb", feature_id: 1 },
  { id: 40, name: "UniRef90_a", gene: null, product: null, feature_id: 5 },
];

engineTest("readDictionaryColumns() equals the families read as rows", async () => {
  await using db = await freshDatabase();
  await db.insertInto("families").values(ROWS).execute();
  const columns = await readDictionaryColumns(db, {
    texts: ["name", "gene", "product"],
    first: true,
  });
  const read = ROWS.map((row) => {
    const at = columns.rowOf[row.id];
    return {
      id: row.id,
      name: columns.texts.name![at],
      gene: columns.texts.gene![at],
      product: columns.texts.product![at],
      feature_id: columns.first![at],
    };
  });
  assert.deepEqual(read, ROWS);
  const known = new Set(ROWS.map((row) => row.id));
  for (let id = 0; id < columns.rowOf.length; id++) {
    if (!known.has(id)) assert.equal(columns.rowOf[id], -1, `id ${id}`);
  }
  const names = ROWS.map((row) => row.name).sort();
  const byName = await familyIdsByName(db);
  assert.deepEqual(
    [...byName].map((id) => ROWS.find((row) => row.id === id)!.name),
    names,
  );
});

engineTest("readDictionaryColumns() reads an empty dictionary", async () => {
  await using db = await freshDatabase();
  const columns = await readDictionaryColumns(db, { texts: ["product"], first: true });
  assert.deepEqual(columns.texts.product, []);
  assert.equal(columns.first!.length, 0);
  assert.deepEqual([...await familyIdsByName(db)], []);
});

Deno.test("parseIntegers() refuses more values than it has room for", () => {
  assert.deepEqual([...parseIntegers("1,22,333", new Float64Array(5))], [1, 22, 333]);
  assert.throws(
    () => parseIntegers("1,2,3", new Int32Array(2)),
    { name: "RangeError", message: "Cannot parse the packed integers: more than 2 values" },
  );
});
