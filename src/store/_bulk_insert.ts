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

/** Compiled SQL texts by dialect, statement shape and row count. */
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
  const blank = Object.fromEntries(columns.map((c) => [c, null]));
  await executeInChunks(
    db,
    `insert\u0000${table}\u0000${columns}`,
    columns.length,
    rows,
    (count) =>
      // deno-lint-ignore no-explicit-any
      db.insertInto(table).values(Array.from({ length: count }, () => blank) as any),
  );
  return rows.length;
}

/** A query Kysely can compile (a builder). */
export interface CompilableQuery {
  /** Its SQL text and parameters. */
  compile(): CompiledQuery;
}

/**
 * Runs one statement shape over rows, {@linkcode rowsPerStatement} rows a statement, each row's
 * `width` values bound in order: the SQL text of each row count is compiled by Kysely once per
 * process (by `build(count)`, from placeholder values) and reused with the rows' values, so that
 * no statement is compiled per call. For multi-row inserts and upserts, and selects whose
 * `in (…)` list holds the values (`width` 1). Either engine.
 *
 * @param db The database or transaction.
 * @param shape A name of the statement shape, unique in the process (with the table and columns).
 * @param width How many values each row binds.
 * @param rows The rows' values.
 * @param build The statement for `count` rows, any placeholder values.
 * @returns The rows the statements returned, in order.
 *
 * @example A select of names by an `in` list, compiled once
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { executeInChunks } from "./_bulk_insert.ts";
 * const db = await openDatabase(":memory:");
 * await db.insertInto("genomes").values([{ name: "a" }, { name: "b" }]).execute();
 * const rows = await executeInChunks(db, "example: genomes by name", 1, [["b"], ["c"]], (count) =>
 *   db.selectFrom("genomes").select("id").where("name", "in", new Array(count).fill("")));
 * assert.deepEqual(rows, [{ id: 2 }]);
 * await db.destroy();
 * ```
 */
export async function executeInChunks<R = Record<string, unknown>>(
  db: Kysely<Database>,
  shape: string,
  width: number,
  rows: readonly (readonly unknown[])[],
  build: (count: number) => CompilableQuery,
): Promise<R[]> {
  const out: R[] = [];
  let at = 0;
  for (const count of statementSizes(rows.length, rowsPerStatement(width))) {
    const parameters: unknown[] = new Array(count * width);
    let k = 0;
    for (let r = at; r < at + count; r++) {
      const row = rows[r];
      for (let c = 0; c < width; c++) parameters[k++] = row[c] ?? null;
    }
    at += count;
    const text = template(db, shape, count, build);
    const { rows: found } = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
    for (const row of found) out.push(row);
  }
  return out;
}

/**
 * The row counts of the statements that carry `total` rows: full statements of `chunk` rows, then
 * the rest as powers of two, largest first (137 = 128 + 8 + 1). A call's last statement thus
 * takes one of a few shapes, compiled and prepared once per process, not one shape per call.
 *
 * @param total The rows.
 * @param chunk The most rows a statement carries.
 * @returns The counts, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { statementSizes } from "./_bulk_insert.ts";
 * assert.deepEqual(statementSizes(1137, 500), [500, 500, 128, 8, 1]);
 * ```
 */
export function statementSizes(total: number, chunk: number): number[] {
  const sizes: number[] = [];
  let rest = total;
  for (; rest >= chunk; rest -= chunk) sizes.push(chunk);
  for (let power = 2 ** Math.floor(Math.log2(Math.max(rest, 1))); rest > 0; power /= 2) {
    if (rest >= power) {
      sizes.push(power);
      rest -= power;
    }
  }
  return sizes;
}

function template(
  db: Kysely<Database>,
  shape: string,
  count: number,
  build: (count: number) => CompilableQuery,
): string {
  const dialect = db.getExecutor().adapter.constructor.name;
  const key = `${dialect}\u0000${shape}\u0000${count}`;
  let text = TEMPLATES.get(key);
  if (text === undefined) {
    text = build(count).compile().sql;
    if (TEMPLATES.size > 1000) TEMPLATES.clear();
    TEMPLATES.set(key, text);
  }
  return text;
}

/** The most pairs one JSON statement carries. */
export const MAX_JSON_PAIRS = 20000;

/** Options of {@linkcode insertIdPairs}. */
export interface InsertIdPairsOptions {
  /**
   * Insert the pairs in ascending order of the first column, then the second, instead of the
   * order given (on SQLite: a b-tree keyed by the pair then grows in key order).
   * @default false
   */
  sort?: boolean;
}

/**
 * Inserts rows of two integer ids, such as the cross-reference links `(term_id, feature_id)`,
 * given as two columns of equal length, in the order given (or sorted: `options.sort`). On SQLite
 * each pair `(a, b)` travels as the one integer `(a − a₀) · 2^k + (b − b₀)` in a JSON array,
 * {@linkcode MAX_JSON_PAIRS} a statement, `a₀` and `b₀` the smallest ids and `k` the bits of the
 * second column's range:
 * `insert … select ?a₀ + (value >> ?k), ?b₀ + (value & ?mask) from json_each(?)`. One bound text
 * instead of two bound numbers a row: binding the values from JavaScript cost more than SQLite's
 * insert itself (217,216 links: 1.0–1.2 s as `values` statements of 500 rows, 0.52–0.77 s packed,
 * 0.39–0.46 s for `insert … select` from a table, in one run at load 10). Packed from the
 * smallest ids, a run's links are numbers of 8 or 9 digits, which JavaScript writes about three
 * times faster than the 15 digits of ids packed whole. Pairs of negative or non-integer ids, or
 * whose packed range reaches 2^53, and every pair on PostgreSQL, go through
 * {@linkcode bulkInsert}.
 *
 * @param db The database or transaction.
 * @param table The table.
 * @param columns The two columns.
 * @param first The first column's values.
 * @param second The second column's values.
 * @param options Whether to sort.
 * @returns How many rows were inserted.
 * @throws {RangeError} When the two columns differ in length.
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
 * assert.equal(await insertIdPairs(db, table, ["a", "b"], [3, 1], [67108863, 2], { sort: true }), 2);
 * const { rows } = await sql<{ a: number; b: number }>`select a, b from pairs`.execute(db);
 * assert.deepEqual(rows, [{ a: 1, b: 2 }, { a: 3, b: 67108863 }]);
 * await db.destroy();
 * ```
 */
export async function insertIdPairs(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly [string, string],
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: InsertIdPairsOptions = {},
): Promise<number> {
  if (first.length !== second.length) {
    throw new RangeError(
      `Cannot insert id pairs: the columns hold ${first.length} and ${second.length} values`,
    );
  }
  const packing = usesPostgres(db) ? undefined : packPairs(first, second);
  if (packing === undefined) {
    const rows = Array.from({ length: first.length }, (_, k) => [first[k], second[k]]);
    if (options.sort) rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return await bulkInsert(db, table, columns, rows);
  }
  const { packed, firstBase, secondBase, bits } = packing;
  if (options.sort) packed.sort();
  const text = `insert into "${table}" ("${columns[0]}", "${columns[1]}") ` +
    `select cast(? as integer) + (value >> ?), cast(? as integer) + (value & ?) from json_each(?)`;
  for (let at = 0; at < packed.length; at += MAX_JSON_PAIRS) {
    const json = `[${packed.subarray(at, at + MAX_JSON_PAIRS).join(",")}]`;
    await db.executeQuery(
      CompiledQuery.raw(text, [firstBase, bits, secondBase, 2 ** bits - 1, json]),
    );
  }
  return packed.length;
}

/** Pairs packed from their smallest ids (see {@linkcode insertIdPairs}). */
interface PackedPairs {
  packed: Float64Array;
  firstBase: number;
  secondBase: number;
  bits: number;
}

/**
 * Each pair packed in one integer, `(a − a₀) · 2^bits + (b − b₀)`, or undefined when an id is not
 * a non-negative safe integer or the packed range reaches 2^53.
 */
function packPairs(first: ArrayLike<number>, second: ArrayLike<number>): PackedPairs | undefined {
  const a = rangeOf(first);
  const b = rangeOf(second);
  if (a === undefined || b === undefined) return undefined;
  const bits = Math.max(1, Math.ceil(Math.log2(b.max - b.min + 1)));
  if ((a.max - a.min + 1) * 2 ** bits > Number.MAX_SAFE_INTEGER) return undefined;
  const packed = new Float64Array(first.length);
  const scale = 2 ** bits;
  for (let k = 0; k < packed.length; k++) {
    packed[k] = (first[k] - a.min) * scale + (second[k] - b.min);
  }
  return { packed, firstBase: a.min, secondBase: b.min, bits };
}

/** The smallest and largest of ids, or undefined when one is not a non-negative safe integer. */
function rangeOf(ids: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (!Number.isSafeInteger(id) || id < 0) return undefined;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  return { min: ids.length === 0 ? 0 : min, max: ids.length === 0 ? 0 : max };
}
