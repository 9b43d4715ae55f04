/**
 * The type of a finished select query whose tables are private to it: what a helper that builds a
 * query over common table expressions hands back.
 *
 * @module
 */

import type { AliasableExpression, Compilable } from "../deps/kysely.ts";

/**
 * A finished Kysely select query known only by its rows `Row`: it can be run (`execute`), compiled
 * (`compile`), aliased as a subquery (`as`) and nested in a `with` clause, but no table of it can
 * be referenced from outside. A helper whose query joins its own common table expressions returns
 * this instead of a `SelectQueryBuilder` whose table set would have to be spelled out (or erased
 * with a cast): every Kysely `SelectQueryBuilder<DB, TB, Row>` is a `RowsQuery<Row>`, so the type
 * holds without a cast. To refine such a query, build it again from its parts.
 *
 * @example A query over a `with` clause, typed by its rows
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "kysely";
 * import { openDatabase } from "./open_database.ts";
 * import type { RowsQuery } from "./rows_query.ts";
 *
 * const db = await openDatabase(":memory:");
 * const one: RowsQuery<{ n: number }> = db
 *   .with("numbers", (qc) => qc.selectNoFrom(sql<number>`1`.as("n")))
 *   .selectFrom("numbers")
 *   .select("numbers.n");
 * assert.deepEqual(await one.execute(), [{ n: 1 }]);
 * assert.match(one.compile().sql, /^with "numbers"/);
 * const nested = await db.with("inner", () => one).selectFrom("inner").selectAll().execute();
 * assert.deepEqual(nested, [{ n: 1 }]);
 * await db.destroy();
 * ```
 */
export interface RowsQuery<Row> extends AliasableExpression<Row>, Compilable<Row> {
  /** Runs the query and resolves to its rows, in the query's order. */
  execute(): Promise<Row[]>;
}
