import assert from "node:assert/strict";
import { insertIdPairs, MAX_JSON_PAIRS } from "../../src/store/_bulk_insert.ts";
import { sql } from "../../src/deps/kysely.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

type Table = Parameters<typeof insertIdPairs>[1];

/** The stored pairs, in insertion order. */
async function storedPairs(db: Awaited<ReturnType<typeof freshDatabase>>) {
  const { rows } = await sql<{ a: number | bigint; b: number | bigint }>`select a, b
    from id_pairs order by n`.execute(db);
  return rows.map((row) => [Number(row.a), Number(row.b)]);
}

engineTest(
  "insertIdPairs() stores every pair exactly, in the order given or sorted",
  async (_t, engine) => {
    await using db = await freshDatabase();
    const id = engine === "postgres" ? "bigserial primary key" : "integer primary key";
    await sql`create table id_pairs (n ${sql.raw(id)}, a bigint not null, b bigint not null)`
      .execute(db);
    // Past one statement, large ids packed from their smallest, the ends of both ranges.
    const pairs: [number, number][] = Array.from(
      { length: MAX_JSON_PAIRS + 7 },
      (_, i) => [2 ** 40 + (i * 7919) % 2 ** 20, (i * 104729) % 2 ** 26],
    );
    pairs.push([2 ** 40 + 2 ** 20 - 1, 2 ** 26 - 1], [2 ** 40, 0]);
    assert.equal(await insertPairs(db, pairs), pairs.length);
    const rows = await storedPairs(db);
    // The first row that differs, if any (a diff of 20,000 rows would take the memory).
    const wrong = rows.findIndex((row, i) => row[0] !== pairs[i][0] || row[1] !== pairs[i][1]);
    assert.deepStrictEqual([rows.length, wrong, rows[wrong]], [pairs.length, -1, undefined]);
    if (engine === "sqlite") {
      const { rows: types } = await sql<
        { t: string; n: number }
      >`select typeof(a) || typeof(b) as t,
      count(*) as n from id_pairs group by 1`.execute(db);
      assert.deepStrictEqual(types, [{ t: "integerinteger", n: pairs.length }]);
    }
    // Sorted by the first column, then the second (the same table, emptied).
    await sql`delete from id_pairs`.execute(db);
    const few = pairs.slice(0, 500).map(([a, b]) => [a % 97, b] as [number, number]);
    await insertPairs(db, few, true);
    const brute = [...few].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    assert.deepStrictEqual(await storedPairs(db), brute);
  },
);

Deno.test("insertIdPairs() binds pairs too large to pack (the values path)", async () => {
  await using db = await freshDatabase();
  await sql`create table id_pairs (n integer primary key, a integer, b integer)`.execute(db);
  const pairs: [number, number][] = [[1, 2], [2 ** 27, 5], [3, 2 ** 26], [2 ** 40, 2 ** 40]];
  await insertPairs(db, pairs);
  const rows = await storedPairs(db);
  assert.deepStrictEqual(rows, pairs);
});

Deno.test("insertIdPairs() refuses columns of different lengths", async () => {
  await using db = await freshDatabase();
  await assert.rejects(
    () => insertIdPairs(db, "id_pairs" as Table, ["a", "b"], [1, 2], [3]),
    RangeError,
    "the columns hold 2 and 1 values",
  );
});

/** Inserts pairs through the two-column form. */
function insertPairs(
  db: Awaited<ReturnType<typeof freshDatabase>>,
  pairs: readonly (readonly [number, number])[],
  sort = false,
): Promise<number> {
  const first = pairs.map((p) => p[0]);
  const second = pairs.map((p) => p[1]);
  return insertIdPairs(db, "id_pairs" as Table, ["a", "b"], first, second, { sort });
}
