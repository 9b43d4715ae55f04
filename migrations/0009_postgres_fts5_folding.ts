/**
 * Schema v9 on PostgreSQL: the full-text index folds non-ASCII text as SQLite's FTS5 does.
 * `baktadb_fts_tokens` (migration 0001) folded ASCII letters only, so "ölbakterie" did not find
 * "Ölbakterie" on PostgreSQL where FTS5 finds it; now it also folds every non-ASCII character by
 * FTS5's own table (`migrations/_fts5_folding.ts`: lower case without diacritics, FTS5's
 * separators, removed diacritics), whatever the server's locale, and the GIN index is rebuilt.
 * Nothing changes on SQLite.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { isSqlite } from "./_dialect.ts";
import { createFtsTokens } from "./_postgres_0001.ts";

/** Folds like FTS5 and rebuilds the index (PostgreSQL). */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await createFtsTokens(db, true);
  await sql`reindex index features_fts_idx`.execute(db);
}

/** Folds ASCII letters only again and rebuilds the index (PostgreSQL). */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) return;
  await createFtsTokens(db, false);
  await sql`reindex index features_fts_idx`.execute(db);
}
