/**
 * The PostgreSQL side of `transaction()`: writers take one transaction-scoped advisory lock, so
 * that baktadb's write transactions run one at a time across every process and machine, as
 * SQLite's `BEGIN IMMEDIATE` makes them run on one file. Readers never wait for it.
 *
 * @module
 */

import { type Kysely, PostgresAdapter, sql } from "../../deps/kysely.ts";

/** The advisory lock key of baktadb's writers (the bytes of "bakt"). */
export const WRITER_LOCK_KEY = 0x62616b74;

/**
 * How long a writer waits for the others (a queue of imports, each a few seconds); longer waits
 * fail with a `BusyError` that `transaction()` retries.
 */
const WRITER_LOCK_WAIT = "120s";

/**
 * On PostgreSQL, waits (up to two minutes) for and takes baktadb's writer lock for the rest of the transaction
 * (`select pg_advisory_xact_lock(…)`, released at commit or rollback); elsewhere does nothing.
 *
 * @param trx The open transaction.
 * @returns When the lock is held.
 *
 * @example On SQLite it is a no-op
 * ```ts
 * import { openDatabase } from "../open_database.ts";
 * import { lockForWriting } from "./lock_for_writing.ts";
 * const db = await openDatabase(":memory:");
 * await db.transaction().execute((trx) => lockForWriting(trx));
 * await db.destroy();
 * ```
 */
// deno-lint-ignore no-explicit-any
export async function lockForWriting(trx: Kysely<any>): Promise<void> {
  if (!usesPostgres(trx)) return;
  await sql`select set_config('lock_timeout', ${WRITER_LOCK_WAIT}, true)`.execute(trx);
  await sql`select pg_advisory_xact_lock(${sql.lit(WRITER_LOCK_KEY)})`.execute(trx);
}

/**
 * True when `db` runs on PostgreSQL.
 *
 * @param db The database.
 * @returns Whether its adapter is Kysely's `PostgresAdapter`.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../open_database.ts";
 * import { usesPostgres } from "./lock_for_writing.ts";
 * const db = await openDatabase(":memory:");
 * if (usesPostgres(db)) throw new Error("SQLite expected");
 * await db.destroy();
 * ```
 */
// deno-lint-ignore no-explicit-any
export function usesPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
