/**
 * `COPY … FROM STDIN` on a real PostgreSQL server: arbitrary rows (any Unicode text with tabs,
 * newlines, backslashes and `\.` lines; bytes; numbers; NULLs) come back from the server exactly
 * as written; U+0000 is refused naming its row and column and leaves the transaction's connection
 * usable; a constraint violation inside COPY is a `ConstraintError` like an insert's.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import { ConstraintError } from "../../src/db/errors.ts";
import {
  COPY_CHARS_PER_CHUNK,
  COPY_ROWS_PER_CHUNK,
  copyRowBatches,
  copyRows,
  copyTextChunks,
} from "../../src/db/postgres/copy_rows.ts";
import { copyTextField, copyTextRows } from "../../src/db/postgres/copy_text.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

const POSTGRES_ONLY = { engines: ["postgres"] as const };
const COLUMNS = ["id", "label", "note", "bytes", "score", "flag"];

type Row = [number, string, string | null, Uint8Array | null, number | null, boolean];

// deno-lint-ignore no-explicit-any
async function createTable(db: Kysely<any>, name: string): Promise<void> {
  await sql`create table ${sql.table(name)} (id integer primary key, label text not null,
    note text, bytes bytea, score double precision, flag boolean not null)`.execute(db);
}

// deno-lint-ignore no-explicit-any
async function readBack(db: Kysely<any>, name: string): Promise<Row[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by id`
    .execute(db);
  return rows.map((r) => COLUMNS.map((c) => r[c]) as Row);
}

/** Text of any code points but U+0000, biased towards the characters COPY escapes. */
const text = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({
    unit: fc.constantFrom("\\", "\t", "\n", "\r", "\\.", ".", "N", "a", "é", "β", "𝔅", " "),
  }),
).map((s) => s.replaceAll("\0", ""));

const row = fc.tuple(
  text,
  fc.option(text),
  fc.option(fc.uint8Array({ maxLength: 64 })),
  fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x === 0 ? 0 : x)),
  fc.boolean(),
);

engineTest("copyRows() writes arbitrary rows that the server gives back unchanged", async () => {
  await using db = await freshDatabase();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 40 }), async (drawn) => {
      const table = `copy_round_trip_${++run}`;
      await createTable(db, table);
      const rows: Row[] = drawn.map((r, i) => [i + 1, ...r]);
      assert.equal(await copyRows(db, table, COLUMNS, rows), rows.length);
      assert.deepEqual(await readBack(db, table), rows);
      await sql`drop table ${sql.table(table)}`.execute(db);
    }),
    { numRuns: 60 },
  );
}, POSTGRES_ONLY);

engineTest("copyRows() streams many chunks in one statement", async () => {
  await using db = await freshDatabase();
  await createTable(db, "copy_many");
  const rows: Row[] = Array.from(
    { length: 9_999 },
    (_, i) => [i + 1, `line ${i}\n\\`, i % 3 === 0 ? null : "x\ty", null, i / 7, i % 2 === 0],
  );
  await copyRows(db, "copy_many", COLUMNS, rows);
  assert.deepEqual(await readBack(db, "copy_many"), rows);
}, POSTGRES_ONLY);

/** Bytes that differ from row to row and along the row (a constant fill would hide a mix-up). */
function patterned(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 17) & 0xff;
  return bytes;
}

Deno.test("copyTextChunks() bounds chunks by characters as well as rows", () => {
  // 5 MiB of bytes is 10 MiB of hex: over the bound alone; small rows fill up to the row limit.
  const big = (id: number): Row => [id, "big", null, patterned(5 * 1024 * 1024, id), null, true];
  const small = (id: number): Row => [id, "s", null, null, id, false];
  const rows: Row[] = [
    big(1),
    small(2),
    big(3),
    ...Array.from({ length: COPY_ROWS_PER_CHUNK + 5 }, (_, i) => small(4 + i)),
  ];
  const chunks = [...copyTextChunks("t", COLUMNS, rows)];
  const lines = chunks.map((chunk) => chunk.split("\n").length - 1);
  assert.deepEqual(lines, [1, 2, COPY_ROWS_PER_CHUNK, 5]);
  // Each chunk ends with the row that took it past the bound, or at the row limit.
  for (const chunk of chunks) {
    assert.ok(chunk.lastIndexOf("\n", chunk.length - 2) + 1 < COPY_CHARS_PER_CHUNK);
  }
  assert.equal(chunks.join(""), copyTextRows("t", COLUMNS, rows));
});

engineTest("copyRows() writes rows of megabytes that the server gives back unchanged", async () => {
  await using db = await freshDatabase();
  await createTable(db, "copy_big");
  const rows: Row[] = [1, 2, 3].map((
    id,
  ) => [id, "f", null, patterned(6 * 1024 * 1024, id), 0, true]);
  await copyRows(db, "copy_big", COLUMNS, rows);
  assert.deepEqual(await readBack(db, "copy_big"), rows);
}, POSTGRES_ONLY);

engineTest("copyRows() refuses U+0000 naming row and column; nothing is written", async () => {
  await using db = await freshDatabase();
  await createTable(db, "copy_nul");
  const rows: Row[] = Array.from({ length: 4_500 }, (_, i) => [i + 1, "ok", null, null, 1, true]);
  rows[4_321][2] = "a\u0000b";
  await assert.rejects(
    db.transaction().execute((trx) => copyRows(trx, "copy_nul", COLUMNS, rows)),
    (error: Error) =>
      error instanceof RangeError &&
      error.message.includes('row 4322 of "copy_nul", column "note"') &&
      error.message.includes("U+0000"),
  );
  assert.deepEqual(await readBack(db, "copy_nul"), []);
  // The connections are usable afterwards (each of the pool's, taken in turn).
  for (let i = 0; i < 6; i++) {
    await db.transaction().execute((trx) =>
      copyRows(trx, "copy_nul", COLUMNS, [[100 + i, "after", null, null, null, false]])
    );
  }
  assert.equal((await readBack(db, "copy_nul")).length, 6);
}, POSTGRES_ONLY);

engineTest(
  "copyRowBatches() streams batches read one at a time; an error numbers rows across them",
  async () => {
    await using db = await freshDatabase();
    await createTable(db, "copy_batches");
    const rows: Row[] = Array.from(
      { length: 5_000 },
      (_, i) => [i + 1, `b${i}`, null, i % 2 ? patterned(100, i) : null, i, i % 3 === 0],
    );
    const asked: number[] = [];
    async function* batches(source: Row[]): AsyncGenerator<Row[]> {
      for (let at = 0; at < source.length; at += 1_250) {
        asked.push(at);
        yield source.slice(at, at + 1_250);
      }
    }
    assert.equal(await copyRowBatches(db, "copy_batches", COLUMNS, batches(rows)), 5_000);
    assert.deepEqual(asked, [0, 1_250, 2_500, 3_750]);
    assert.deepEqual(await readBack(db, "copy_batches"), rows);
    await sql`delete from copy_batches`.execute(db);
    const bad = rows.map((r) => [...r] as Row);
    bad[3_000][1] = "a\u0000b";
    await assert.rejects(
      db.transaction().execute((trx) => copyRowBatches(trx, "copy_batches", COLUMNS, batches(bad))),
      (error: Error) =>
        error instanceof RangeError &&
        error.message.includes('row 3001 of "copy_batches", column "label"'),
    );
    assert.deepEqual(await readBack(db, "copy_batches"), []);
  },
  POSTGRES_ONLY,
);

engineTest("copyRows() reports a duplicate key as a ConstraintError", async () => {
  await using db = await freshDatabase();
  await createTable(db, "copy_dup");
  const one: Row = [1, "a", null, null, null, true];
  await assert.rejects(
    db.transaction().execute((trx) => copyRows(trx, "copy_dup", COLUMNS, [one, one])),
    (error: Error) => error instanceof ConstraintError && error.constraint === "primary-key",
  );
  assert.deepEqual(await readBack(db, "copy_dup"), []);
  await copyRows(db, "copy_dup", COLUMNS, [one]);
  assert.deepEqual(await readBack(db, "copy_dup"), [one]);
}, POSTGRES_ONLY);

Deno.test("copyTextField() refuses objects it cannot write, naming their type", () => {
  assert.throws(() => copyTextField({}), /type Object/);
  assert.throws(() => copyTextField(new Date(0)), /type Date/);
  assert.equal(copyTextField(12n), "12");
  assert.equal(copyTextField(false), "f");
});
