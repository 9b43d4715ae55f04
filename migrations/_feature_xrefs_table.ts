/**
 * The links table of schemas v5 to v11, `feature_xrefs (feature_id, term_id)`: clustered on its
 * key (`WITHOUT ROWID` on SQLite), each link gone with its feature. Made by 0005, rebuilt by 0008
 * (under a temporary name, beside the new terms table) and by 0012's `down`.
 *
 * @module
 */

import type { Kysely } from "../src/deps/kysely.ts";
import { withoutRowid } from "./_dialect.ts";

/**
 * Creates the links table.
 *
 * @param db The database (in the migration's transaction).
 * @param name The table's name.
 * @param terms The terms table its `term_id` refers to.
 * @param ifNotExists Whether an existing table is left as it is (a resumed migration).
 */
export async function createFeatureXrefsTable(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  name: string,
  terms = "xref_terms",
  ifNotExists = false,
): Promise<void> {
  let table = db.schema.createTable(name);
  if (ifNotExists) table = table.ifNotExists();
  await table
    .addColumn(
      "feature_id",
      "integer",
      (c) => c.notNull().references("features.id").onDelete("cascade"),
    )
    .addColumn("term_id", "integer", (c) => c.notNull().references(`${terms}.id`))
    .addPrimaryKeyConstraint("feature_xrefs_term_pk", ["feature_id", "term_id"])
    .modifyEnd(withoutRowid(db))
    .execute();
}
