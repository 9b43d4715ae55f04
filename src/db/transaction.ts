/**
 * A transaction that retries when another connection holds the database.
 *
 * @module
 */

import type { Kysely, Transaction } from "kysely";
import { BusyError } from "./errors.ts";
import { lockForWriting } from "./postgres/lock_for_writing.ts";

/** Options of {@linkcode transaction}. */
export interface TransactionOptions {
  /**
   * How many times to try in all when the database is busy or locked.
   * @default 5
   */
  attempts?: number;
  /**
   * The first back-off delay in ms; it doubles on each retry, with full jitter.
   * @default 50
   */
  baseDelayMs?: number;
  /**
   * The largest back-off delay in ms.
   * @default 2000
   */
  maxDelayMs?: number;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (attempt: number, delayMs: number, error: BusyError) => void;
  /** A source of randomness in [0, 1) for the jitter (for tests). @default Math.random */
  random?: () => number;
}

/** The defaults of {@linkcode TransactionOptions}. */
export const DEFAULT_TRANSACTION_OPTIONS = Object.freeze({
  attempts: 5,
  baseDelayMs: 50,
  maxDelayMs: 2000,
});

/**
 * Runs `work` in one transaction and commits it; rolls back on any error. When the database is
 * busy or locked by another connection (`SQLITE_BUSY`/`SQLITE_LOCKED` after SQLite's own busy
 * timeout), the whole transaction is retried with exponential back-off and jitter. On PostgreSQL
 * the transaction first takes baktadb's writer lock (see `lockForWriting`), so that write
 * transactions run one at a time there too. `work` must use
 * the `trx` it is given (not the outer `db`) and may run more than once.
 *
 * @param db The database.
 * @param work The work, given the transaction.
 * @param options Retry options.
 * @returns What `work` returned.
 * @throws {BusyError} When the database stayed busy through every attempt.
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
 */
export async function transaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_TRANSACTION_OPTIONS, ...options };
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(
      `Cannot run a transaction: attempts must be a positive integer, got ${attempts}`,
    );
  }
  const random = options.random ?? Math.random;
  for (let attempt = 1;; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        await lockForWriting(trx);
        return await work(trx);
      });
    } catch (error) {
      if (!(error instanceof BusyError) || attempt >= attempts) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(random() * ceiling);
      options.onRetry?.(attempt, delayMs, error);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
