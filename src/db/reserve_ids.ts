/**
 * Ids for rows a writer numbers itself (the store's bulk inserts), on either engine.
 *
 * @module
 */

import { type Kysely, PostgresAdapter, sql } from "../deps/kysely.ts";
import type { Database } from "./schema.ts";

/**
 * Reserves `count` consecutive ids of `table` for rows about to be inserted with explicit ids,
 * and returns the first. SQLite: the largest id + 1 (the write transaction holds the database).
 * PostgreSQL: the table's serial sequence is moved past the largest id and the reserved range
 * (`setval`, run on the coordinator on Citus too), so rows inserted later with the default id
 * never collide; call it inside the write transaction.
 *
 * @param trx The write transaction.
 * @param table A table with a serial `id`.
 * @param count How many ids (at least 1).
 * @returns The first reserved id.
 * @throws {RangeError} When `count` is not a positive integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { reserveIds } from "./reserve_ids.ts";
 * const db = await openDatabase(":memory:");
 * await db.insertInto("genomes").values({ name: "a" }).execute();
 * assert.equal(await reserveIds(db, "genomes", 10), 2);
 * await db.destroy();
 * ```
 */
export async function reserveIds(
  trx: Kysely<Database>,
  table: "features" | "sequences" | "genomes" | "annotations" | "xref_terms",
  count: number,
): Promise<number> {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Cannot reserve ids: count must be a positive integer, got ${count}`);
  }
  const top = sql`coalesce((select max(${sql.ref("id")}) from ${sql.table(table)}), 0)`;
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) {
    const { rows } = await sql<{ m: number }>`select ${top} as m`.execute(trx);
    return Number(rows[0].m) + 1;
  }
  const sequence = sql`pg_get_serial_sequence(${table}, 'id')`;
  const { rows } = await sql<{ last: number }>`select setval(${sequence}, greatest(${top},
    coalesce(pg_sequence_last_value(${sequence}::regclass), 0)) + ${count}) as last`.execute(trx);
  return Number(rows[0].last) - count + 1;
}
