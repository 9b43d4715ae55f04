/**
 * A feature's cross-reference term ids on its row (schema v12, `features.xref_ids`): the value
 * each engine stores (SQLite: packed bytes, `migrations/_packed_term_ids.ts`; PostgreSQL: an
 * `integer[]`), the ids read back from it, and the SQL that lists them as rows.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { type Kysely, type RawBuilder, sql } from "../deps/kysely.ts";
import {
  packTermIds,
  TERM_IDS_FUNCTION,
  termIdsJson,
  unpackTermIds,
} from "../../migrations/_packed_term_ids.ts";
import { usesPostgres } from "./postgres/lock_for_writing.ts";

/**
 * The `features.xref_ids` value of a feature with these term ids: packed bytes on SQLite, an
 * ascending array on PostgreSQL; null when there are none.
 *
 * @param db The database (for its engine).
 * @param ids The term ids (any order, duplicates allowed).
 * @returns The column value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { featureTermIdsValue, readFeatureTermIds } from "./feature_term_ids.ts";
 * const db = await openDatabase(":memory:");
 * const value = featureTermIdsValue(db, [40, 3, 40]);
 * assert.ok(value instanceof Uint8Array);
 * assert.deepEqual(readFeatureTermIds(value), [3, 40]);
 * assert.equal(featureTermIdsValue(db, []), null);
 * await db.destroy();
 * ```
 */
export function featureTermIdsValue(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  ids: Iterable<number>,
): Uint8Array | number[] | null {
  if (!usesPostgres(db)) return packTermIds(ids);
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted;
}

/**
 * The term ids of a `features.xref_ids` value as read from either engine, ascending.
 *
 * @param value The column value (bytes, an array, or null).
 * @returns The ids (none for null).
 * @throws {TypeError} When the value is of another kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFeatureTermIds } from "./feature_term_ids.ts";
 * assert.deepEqual(readFeatureTermIds(Uint8Array.from([3, 37])), [3, 40]);
 * assert.deepEqual(readFeatureTermIds([3, 40]), [3, 40]);
 * assert.deepEqual(readFeatureTermIds(null), []);
 * ```
 */
export function readFeatureTermIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (value instanceof Uint8Array) return unpackTermIds(value);
  if (Array.isArray(value)) return value.map(Number);
  throw new TypeError(`features.xref_ids holds a ${typeof value}, not term ids`);
}

/**
 * A table expression, for a `from` clause, of the term ids of the feature row in scope: one row
 * per id, column `value`, in ascending order. SQLite:
 * `json_each(term_ids_json("features"."xref_ids")) as "x"`; PostgreSQL:
 * `unnest("features"."xref_ids") as "x" ("value")`.
 *
 * @param db The database (for its engine).
 * @param column The outer query's `xref_ids` column, e.g. `features.xref_ids` or `f.xref_ids`.
 * @param alias The name of the expression.
 * @returns The SQL fragment.
 *
 * @example How many cross-references each feature has
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "kysely";
 * import { openDatabase } from "./open_database.ts";
 * import { featureTermIdsFrom } from "./feature_term_ids.ts";
 * const db = await openDatabase(":memory:");
 * const query = sql`select (select count(*) from ${
 *   featureTermIdsFrom(db, "features.xref_ids", "x")
 * }) from features`.compile(db);
 * assert.match(query.sql, /json_each\(term_ids_json\("features"\."xref_ids"\)\) as "x"/);
 * await db.destroy();
 * ```
 */
export function featureTermIdsFrom(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  column: string,
  alias: string,
): RawBuilder<unknown> {
  return usesPostgres(db)
    ? sql`unnest(${sql.ref(column)}) as ${sql.id(alias)} (${sql.id("value")})`
    : sql`json_each(${sql.raw(TERM_IDS_FUNCTION)}(${sql.ref(column)})) as ${sql.id(alias)}`;
}

/**
 * A condition, for a `where`, that a term is one of a feature's: SQLite
 * `"t"."id" in (select value from json_each(term_ids_json("f"."xref_ids")))`, PostgreSQL
 * `"t"."id" = any("f"."xref_ids")`. Both engines find the terms by their primary key, the
 * feature's ids driving.
 *
 * @param db The database (for its engine).
 * @param column The feature's `xref_ids` column, e.g. `f.xref_ids`.
 * @param termId The term's id column, e.g. `t.id`.
 * @returns The SQL condition.
 *
 * @example Each feature's cross-references as rows
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { featureHasTerm } from "./feature_term_ids.ts";
 * const db = await openDatabase(":memory:");
 * const rows = await db.selectFrom(["features as f", "xref_terms as t"])
 *   .where(featureHasTerm(db, "f.xref_ids", "t.id"))
 *   .select(["f.id", "t.db", "t.accession"]).execute();
 * assert.deepEqual(rows, []);
 * await db.destroy();
 * ```
 */
export function featureHasTerm(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  column: string,
  termId: string,
): RawBuilder<boolean> {
  return usesPostgres(db)
    ? sql<boolean>`${sql.ref(termId)} = any(${sql.ref(column)})`
    : sql<boolean>`${sql.ref(termId)} in (select ${sql.id("value")} from ${
      sql.raw(`json_each(${TERM_IDS_FUNCTION}(`)
    }${sql.ref(column)})))`;
}

/**
 * Registers the SQL function that reads packed term ids (`term_ids_json(bytes)`, a JSON array
 * text) on a SQLite connection; `openDatabase` does it for every connection it opens.
 *
 * @param native The connection.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DatabaseSync } from "node:sqlite";
 * import { registerFeatureTermIds } from "./feature_term_ids.ts";
 * const db = new DatabaseSync(":memory:");
 * registerFeatureTermIds(db);
 * assert.equal(db.prepare("select term_ids_json(x'0325') as ids").get()?.ids, "[3,40]");
 * db.close();
 * ```
 */
export function registerFeatureTermIds(native: DatabaseSync): void {
  native.function(TERM_IDS_FUNCTION, { deterministic: true }, termIdsJson);
}
