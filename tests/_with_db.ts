/**
 * A fresh, fully migrated database for one test, of the running test's engine (`:memory:` SQLite
 * unless the test was registered with `engineTest` and runs on PostgreSQL).
 *
 * @module
 */

import type { Kysely } from "kysely";
import { openTestDatabase } from "./_engines.ts";
import type { Database } from "../src/db/schema.ts";

/**
 * Opens a fresh, fully migrated database of the running test's engine, runs `fn` with it and destroys it, whatever
 * `fn` does.
 *
 * @param fn The test body.
 * @returns When the body has finished and the database is closed.
 */
export async function withDb(fn: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const db = await openTestDatabase();
  try {
    await fn(db);
  } finally {
    await db.destroy();
  }
}
