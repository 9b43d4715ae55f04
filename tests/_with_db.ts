/**
 * A fresh, fully migrated `:memory:` database for one test.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { openDatabase } from "../src/db/open_database.ts";
import type { Database } from "../src/db/schema.ts";

/**
 * Opens a fresh, fully migrated `:memory:` database, runs `fn` with it and destroys it, whatever
 * `fn` does.
 *
 * @param fn The test body.
 * @returns When the body has finished and the database is closed.
 */
export async function withDb(fn: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const db = await openDatabase(":memory:");
  try {
    await fn(db);
  } finally {
    await db.destroy();
  }
}
