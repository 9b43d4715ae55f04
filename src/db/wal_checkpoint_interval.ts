/**
 * A longer write-ahead log between automatic checkpoints while a batch writes (SQLite only).
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import { usesPostgres } from "./postgres/lock_for_writing.ts";

/**
 * Pages of write-ahead log between two automatic checkpoints during a batch import: 10,000 pages
 * (40 MB) instead of SQLite's 1,000. Each commit of an import touches pages all over the file (the
 * b-trees in term, key and name order); a checkpoint copies every page the log holds, so fewer
 * checkpoints copy each often-touched page fewer times (the 12 GFF3s of
 * `bench/import_vs_gffutils.ts`, quiet machine: 0–8 % less wall time in three A/B runs).
 */
export const BATCH_CHECKPOINT_PAGES = 10_000;

/**
 * Runs `work` with SQLite's `wal_autocheckpoint` at `pages`, then restores the connection's
 * setting (also when `work` fails). On PostgreSQL, inside a transaction, or for an in-memory
 * database (no log), `work` runs as it is.
 *
 * @param db The database.
 * @param pages Pages of log between automatic checkpoints while `work` runs.
 * @param work What to run.
 * @returns What `work` returns.
 * @throws {RangeError} When `pages` is not a positive integer.
 *
 * @example The setting is back once the work is done
 * ```ts
 * import assert from "node:assert/strict";
 * import { sql } from "../deps/kysely.ts";
 * import { openDatabase } from "./open_database.ts";
 * import { withCheckpointInterval } from "./wal_checkpoint_interval.ts";
 * const dir = await Deno.makeTempDir();
 * const db = await openDatabase(`${dir}/a.sqlite`);
 * const read = async () =>
 *   (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]
 *     .wal_autocheckpoint;
 * const during = await withCheckpointInterval(db, 5000, read);
 * assert.deepEqual([during, await read()], [5000, 1000]);
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function withCheckpointInterval<T>(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  pages: number,
  work: () => Promise<T>,
): Promise<T> {
  if (!Number.isInteger(pages) || pages < 1) {
    throw new RangeError(`Invalid checkpoint interval: expected a positive integer, got ${pages}`);
  }
  if (db.isTransaction || usesPostgres(db) || !(await logsAhead(db))) return await work();
  const before = await autocheckpoint(db);
  await sql.raw(`pragma wal_autocheckpoint = ${pages}`).execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma wal_autocheckpoint = ${before}`).execute(db);
  }
}

async function logsAhead(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
): Promise<boolean> {
  const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
  return rows[0]?.journal_mode === "wal";
}

async function autocheckpoint(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
  return Number(rows[0].wal_autocheckpoint);
}
