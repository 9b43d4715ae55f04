/**
 * A script run as a separate process by `concurrent_open_test.ts`: waits until the given epoch
 * millisecond (so that every process opens at the same moment), opens the database, writes one
 * genome and closes it.
 *
 * Usage: `deno run -A tests/db/_open_at.ts PATH EPOCH_MS NAME`
 *
 * @module
 */

import { openDatabase } from "../../src/db/open_database.ts";
import { transaction } from "../../src/db/transaction.ts";

if (import.meta.main) {
  const [path, at, name] = Deno.args;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(at) - Date.now())));
  const db = await openDatabase(path);
  try {
    await transaction(db, (trx) => trx.insertInto("genomes").values({ name }).execute());
  } finally {
    await db.destroy();
  }
}
