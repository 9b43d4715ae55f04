/**
 * Schema v11: `features_gene_idx` holds only the features that have a gene symbol
 * (`where gene is not null`). The look-up it serves, `findFeatures({ gene })` (`gene = ?`), implies
 * `gene is not null`, so both engines still use it; the 28 % of features without a symbol (the 12
 * GFF3s of `bench/store_size.ts`: 7,103 of 25,555) no longer take an entry (0.32 → 0.23 MB there).
 *
 * One `drop index` and one `create index` in the migrator's transaction: killed halfway, schema v10
 * is left whole and the migration runs again. Index names and columns are the same on both engines.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";

/** The index. */
const INDEX = "features_gene_idx";

/** To schema v11: the index rebuilt as a partial one. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(INDEX).execute();
  await db.schema.createIndex(INDEX).on("features").column("gene")
    .where(sql.ref("gene"), "is not", null).execute();
}

/** Back to schema v10: the index over every feature. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(INDEX).execute();
  await db.schema.createIndex(INDEX).on("features").column("gene").execute();
}
