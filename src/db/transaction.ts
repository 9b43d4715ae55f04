/**
 * A write transaction that waits for other processes writing the same database file.
 *
 * @module
 */

import { type Kysely, sql, type Transaction } from "../deps/kysely.ts";
import { backoffDelay } from "../async/backoff.ts";
import { baktadbLogger } from "../log/logger.ts";
import { BusyError } from "./errors.ts";
import { lockForWriting, usesPostgres } from "./postgres/lock_for_writing.ts";

/** Options of {@linkcode transaction} and {@linkcode withWriteLock}. */
export interface TransactionOptions {
  /**
   * How long to keep trying, in ms, while other connections hold the write lock; then a
   * {@linkcode BusyError} naming the database file is thrown. Each try also waits SQLite's own busy
   * timeout (`OpenDatabaseOptions.busyTimeoutMs`).
   * @default 120000
   */
  maxWaitMs?: number;
  /**
   * The first back-off delay in ms between two tries; it doubles on each retry, with full jitter.
   * @default 50
   */
  baseDelayMs?: number;
  /**
   * The largest back-off delay in ms.
   * @default 2000
   */
  maxDelayMs?: number;
  /**
   * Check foreign keys while the transaction runs (SQLite's `pragma foreign_keys`, set on the
   * transaction's connection for each try and restored after it). A bulk writer whose rows refer
   * only to rows it read or wrote in the same transaction may turn the checks off: each reference
   * costs a look-up in its parent table otherwise (the import's cross-reference links: two per
   * link). `on delete` cascades are off too, so such a transaction must not delete parent rows.
   * PostgreSQL always checks.
   * @default true
   */
  foreignKeyChecks?: boolean;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (attempt: number, delayMs: number, error: BusyError) => void;
  /**
   * A source of randomness in [0, 1) for the jitter (for tests).
   * @default Math.random
   */
  random?: () => number;
}

/** The defaults of {@linkcode TransactionOptions}. */
export const DEFAULT_TRANSACTION_OPTIONS = Object.freeze({
  maxWaitMs: 120_000,
  baseDelayMs: 50,
  maxDelayMs: 2000,
});

/**
 * Runs `work` in one write transaction and commits it; rolls back on any error. The transaction
 * begins `immediate` (the connection's adapter turns Kysely's `begin` into `begin immediate`), so
 * it holds SQLite's write lock from its first statement: another process writing the same file
 * makes it wait (SQLite's busy timeout), and when that runs out the whole transaction is retried
 * with exponential back-off and full jitter until `maxWaitMs` has passed. `work` must use the
 * `trx` it is given (not the outer `db`) and may run more than once. Given a transaction already
 * (`db.isTransaction`), `work` runs in it: writers compose without nesting.
 *
 * @param db The database.
 * @param work The work, given the transaction.
 * @param options How long to wait, and the back-off.
 * @returns What `work` returned.
 * @throws {BusyError} When the database stayed locked for `maxWaitMs` (the message names the
 *   file).
 * @throws {RangeError} For an option out of range.
 * @throws {TypeError} When `foreignKeyChecks` is not a boolean.
 *
 * @example Two writes, all or nothing
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { transaction } from "./transaction.ts";
 * const db = await openDatabase(":memory:");
 * await transaction(db, async (trx) => {
 *   await trx.insertInto("genomes").values({ name: "a" }).execute();
 *   await trx.insertInto("genomes").values({ name: "b" }).execute();
 * });
 * const rows = await db.selectFrom("genomes").select("name").execute();
 * if (rows.length !== 2) throw new Error("unexpected");
 * await db.destroy();
 * ```
 *
 * @example A bulk write without foreign-key look-ups; the checks are back on afterwards
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "kysely";
 * import { openDatabase } from "./open_database.ts";
 * import { transaction } from "./transaction.ts";
 * const db = await openDatabase(":memory:");
 * const during = await transaction(db, async (trx) => {
 *   await trx.insertInto("genomes").values({ name: "a" }).execute();
 *   return (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(trx)).rows[0];
 * }, { foreignKeyChecks: false });
 * assert.equal(during.foreign_keys, 0);
 * const after = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
 * assert.equal(after.rows[0].foreign_keys, 1);
 * await db.destroy();
 * ```
 */
export async function transaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (db.isTransaction) return await work(db as Transaction<DB>);
  const run = (on: Kysely<DB>) =>
    on.transaction().execute(async (trx) => {
      await lockForWriting(trx);
      return await work(trx);
    });
  const attempt = options.foreignKeyChecks === false && !usesPostgres(db)
    ? () => db.connection().execute((conn) => withoutForeignKeyChecks(conn, () => run(conn)))
    : () => run(db);
  return await retryWhileBusy(db, attempt, options);
}

/** Runs `work` on a SQLite connection with `pragma foreign_keys` off, then restores it. */
async function withoutForeignKeyChecks<DB, T>(
  conn: Kysely<DB>,
  work: () => Promise<T>,
): Promise<T> {
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(conn);
  if (rows[0]?.foreign_keys !== 1) return await work();
  await sql`pragma foreign_keys = off`.execute(conn);
  try {
    return await work();
  } finally {
    await sql`pragma foreign_keys = on`.execute(conn);
  }
}

/**
 * Runs `work` on one connection holding SQLite's write lock (`begin immediate` … `commit`, or
 * `rollback` on any error), waiting and retrying like {@linkcode transaction}. Unlike a Kysely
 * transaction, `work` gets a plain `Kysely` bound to the connection, for code that refuses to run
 * inside a transaction but must not run beside another writer: Kysely's `Migrator`, on a fresh file
 * opened by several processes at once.
 *
 * @param db The database.
 * @param work The work, given the connection.
 * @param options How long to wait, and the back-off.
 * @returns What `work` returned.
 * @throws {BusyError} When the database stayed locked for `maxWaitMs`.
 *
 * @example Checking, then writing, with no other writer in between
 * ```ts
 * import { openDatabase } from "./open_database.ts";
 * import { withWriteLock } from "./transaction.ts";
 * const db = await openDatabase(":memory:");
 * await withWriteLock(db, async (conn) => {
 *   const found = await conn.selectFrom("genomes").select("id").where("name", "=", "a")
 *     .executeTakeFirst();
 *   if (found === undefined) await conn.insertInto("genomes").values({ name: "a" }).execute();
 * });
 * if ((await db.selectFrom("genomes").selectAll().execute()).length !== 1) throw new Error();
 * await db.destroy();
 * ```
 */
export async function withWriteLock<DB, T>(
  db: Kysely<DB>,
  work: (conn: Kysely<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  // PostgreSQL: Kysely's migrator, the one user, takes its own advisory lock and transaction.
  if (usesPostgres(db)) return await db.connection().execute((conn) => work(conn));
  const locked = () =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      let result: T;
      try {
        result = await work(conn);
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
      await sql`commit`.execute(conn);
      return result;
    });
  return await retryWhileBusy(db, locked, options);
}

const log = baktadbLogger("db");

/**
 * Runs `attempt` until it does not fail with a `BusyError`, sleeping a jittered, doubling delay
 * between tries, for at most `maxWaitMs` in all.
 */
async function retryWhileBusy<DB, T>(
  db: Kysely<DB>,
  attempt: () => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  const { maxWaitMs, baseDelayMs, maxDelayMs } = checkTransactionOptions(options);
  const random = options.random ?? Math.random;
  const began = Date.now();
  for (let tries = 1;; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      const waited = Date.now() - began;
      const delayMs = backoffDelay(tries - 1, { baseDelayMs, maxDelayMs }, random);
      if (waited + delayMs > maxWaitMs) {
        const busy = await giveUp(db, error, tries, waited);
        log.error("{message}", { message: busy.message, tries, waitedMs: waited });
        throw busy;
      }
      log.warn(
        "the database is busy (another writer holds its lock): try {tries} failed " +
          "({cause}); waiting {delayMs} ms",
        { tries, delayMs, waitedMs: waited, cause: error.message },
      );
      options.onRetry?.(tries, delayMs, error);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function checkTransactionOptions(options: TransactionOptions) {
  const checked = { ...DEFAULT_TRANSACTION_OPTIONS, ...options };
  const { foreignKeyChecks } = options;
  if (foreignKeyChecks !== undefined && typeof foreignKeyChecks !== "boolean") {
    throw new TypeError(
      `Cannot run a transaction: foreignKeyChecks must be a boolean, got ${foreignKeyChecks}`,
    );
  }
  for (const name of ["maxWaitMs", "baseDelayMs", "maxDelayMs"] as const) {
    const value = checked[name];
    if (typeof value !== "number" || !(value >= 0) || value === Infinity) {
      throw new RangeError(
        `Cannot run a transaction: ${name} must be a finite number >= 0, got ${value}`,
      );
    }
  }
  return checked;
}

async function giveUp<DB>(
  db: Kysely<DB>,
  error: BusyError,
  tries: number,
  waitedMs: number,
): Promise<BusyError> {
  const file = await databaseFile(db);
  return new BusyError(
    `Cannot write to database "${file}": another process held its write lock for ` +
      `${(waitedMs / 1000).toFixed(1)} s (${tries} ${tries === 1 ? "try" : "tries"}); ` +
      `raise maxWaitMs or find the process that keeps it: ${error.message}`,
    { code: error.code, sql: error.sql, cause: error },
  );
}

/** The file of the main database, or `:memory:`; on PostgreSQL the database's name. */
async function databaseFile<DB>(db: Kysely<DB>): Promise<string> {
  try {
    if (usesPostgres(db)) {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
      return rows[0].name;
    }
    const { rows } = await sql<{ file: string }>`
      select file from pragma_database_list where name = 'main'`.execute(db);
    return rows[0]?.file || ":memory:";
  } catch {
    return "(unknown file)";
  }
}
