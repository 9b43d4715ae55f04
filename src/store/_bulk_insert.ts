/**
 * Fast bulk inserts. On PostgreSQL: one `COPY … FROM STDIN` per call (`copyRows`). On SQLite: rows
 * go in as `insert … values (…), (…), …` statements of many rows, within SQLite's limit of 32766
 * bound variables; the SQL text of each statement shape is compiled once by Kysely and reused with
 * new parameters. Pairs of ids (`insertIdPairs`, the cross-reference links) go in on SQLite as one
 * JSON array of numbers per statement, each pair packed in one integer.
 *
 * @module
 */

import { CompiledQuery, type Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { copyRows } from "../db/postgres/copy_rows.ts";
import { usesPostgres } from "../db/postgres/lock_for_writing.ts";

/** SQLite's default limit of bound variables per statement (since 3.32). */
export const MAX_VARIABLES = 32766;

/** The most rows one statement carries, whatever the number of columns. */
export const MAX_ROWS_PER_STATEMENT = 500;

/** Compiled SQL texts by dialect, table, columns and row count. */
const TEMPLATES = new Map<string, string>();

/**
 * The rows one statement carries for a number of columns.
 *
 * @param columns How many columns each row has.
 * @returns The chunk size.
 */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / columns)));
}

/**
 * Inserts rows given as arrays of values (in `columns` order): with COPY on PostgreSQL, in
 * multi-row chunks on SQLite. Either way inside the caller's transaction, if any.
 *
 * @param db The database or transaction.
 * @param table The table.
 * @param columns The columns, in the order of each row's values.
 * @param rows The rows.
 * @returns How many rows were inserted.
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  if (usesPostgres(db)) return await copyRows(db, table, columns, rows);
  const chunk = rowsPerStatement(columns.length);
  for (let at = 0; at < rows.length; at += chunk) {
    const part = rows.slice(at, at + chunk);
    const parameters: unknown[] = new Array(part.length * columns.length);
    let k = 0;
    for (const row of part) {
      for (let c = 0; c < columns.length; c++) parameters[k++] = row[c] ?? null;
    }
    const text = template(db, table, columns, part.length);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
  return rows.length;
}

function template(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  count: number,
): string {
  const dialect = db.getExecutor().adapter.constructor.name;
  const key = `${dialect}\u0000${table}\u0000${columns.join(",")}\u0000${count}`;
  let text = TEMPLATES.get(key);
  if (text === undefined) {
    const blank = Object.fromEntries(columns.map((c) => [c, null]));
    // deno-lint-ignore no-explicit-any
    const values = Array.from({ length: count }, () => blank) as any;
    text = db.insertInto(table).values(values).compile().sql;
    if (TEMPLATES.size > 1000) TEMPLATES.clear();
    TEMPLATES.set(key, text);
  }
  return text;
}

/** Bits of the second id of a packed pair (see {@linkcode insertIdPairs}). */
const PAIR_SHIFT = 26;

/** The most pairs one JSON statement carries. */
export const MAX_JSON_PAIRS = 20000;

/**
 * Inserts rows of two integer ids, such as the cross-reference links `(feature_id, term_id)`, in
 * the order given. On SQLite each pair `(a, b)` travels as the one integer `a · 2^26 + b` in a JSON
 * array, {@linkcode MAX_JSON_PAIRS} a statement:
 * `insert … select value >> 26, value & (2^26 − 1) from json_each(?)`. One bound text instead of
 * two bound numbers a row: binding the values from JavaScript cost more than SQLite's insert
 * itself (217,216 links: 1.0–1.2 s as `values` statements of 500 rows, 0.52–0.77 s packed, 0.39–
 * 0.46 s for `insert … select` from a table, in one run at load 10). Pairs outside
 * `0 ≤ a < 2^27`, `0 ≤ b < 2^26` (the packed integer must stay below 2^53), and every pair on
 * PostgreSQL, go through {@linkcode bulkInsert}.
 *
 * @param db The database or transaction.
 * @param table The table.
 * @param columns The two columns.
 * @param pairs The rows.
 * @returns How many rows were inserted.
 *
 * @example Links of features to terms
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "kysely";
 * import { openDatabase } from "../db/open_database.ts";
 * import { insertIdPairs } from "./_bulk_insert.ts";
 * const db = await openDatabase(":memory:");
 * await sql`create table pairs (a integer, b integer)`.execute(db);
 * const table = "pairs" as Parameters<typeof insertIdPairs>[1]; // a table of the example's own
 * assert.equal(await insertIdPairs(db, table, ["a", "b"], [[1, 2], [3, 67108863]]), 2);
 * const { rows } = await sql<{ a: number; b: number }>`select a, b from pairs`.execute(db);
 * assert.deepEqual(rows, [{ a: 1, b: 2 }, { a: 3, b: 67108863 }]);
 * await db.destroy();
 * ```
 */
export async function insertIdPairs(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly [string, string],
  pairs: readonly (readonly [number, number])[],
): Promise<number> {
  if (usesPostgres(db) || !pairs.every(packable)) {
    return await bulkInsert(db, table, columns, pairs);
  }
  const text = `insert into "${table}" ("${columns[0]}", "${columns[1]}") ` +
    `select value >> ${PAIR_SHIFT}, value & ${2 ** PAIR_SHIFT - 1} from json_each(?)`;
  for (let at = 0; at < pairs.length; at += MAX_JSON_PAIRS) {
    const packed = pairs.slice(at, at + MAX_JSON_PAIRS).map(([a, b]) => a * 2 ** PAIR_SHIFT + b);
    await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(packed)]));
  }
  return pairs.length;
}

/** Whether a pair packs exactly into one integer below 2^53. */
function packable([a, b]: readonly [number, number]): boolean {
  return Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 &&
    a < 2 ** (53 - PAIR_SHIFT) && b < 2 ** PAIR_SHIFT;
}
