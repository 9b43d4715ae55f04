/**
 * SQLite's full-text (FTS5) index of features, filled once per run: the insert trigger skips rows
 * while `features_index_state.deferred` is 1 (migration 0004), and the writer fills the index with
 * one `insert … select` over the run's id range, inside the same transaction. (The region index,
 * an R*Tree until schema v13, is now the features' own b-trees: nothing to fill.) Elsewhere
 * (PostgreSQL) there is nothing to do.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { isSqlite } from "../query/_sqlite_indexes.ts";

/**
 * Runs `insert` (which adds the features with ids `firstId … lastId`) with the per-row index
 * trigger off, then indexes those features in one statement.
 *
 * @param trx The write transaction.
 * @param firstId The first new feature id.
 * @param lastId The last new feature id.
 * @param insert The inserts.
 */
export async function withIndexFill(
  trx: Kysely<Database>,
  firstId: number,
  lastId: number,
  insert: () => Promise<void>,
): Promise<void> {
  if (!isSqlite(trx)) return await insert();
  await sql`update features_index_state set deferred = 1`.execute(trx);
  await insert();
  await sql`update features_index_state set deferred = 0`.execute(trx);
  await sql`insert into features_fts (rowid, locus_tag, gene, product)
    select id, locus_tag, gene, product from features where id between ${firstId} and ${lastId}
    order by id`.execute(trx);
}
