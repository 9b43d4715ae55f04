/**
 * Genome traits: free key/value facts about a genome (a phenotype, a lineage, a sampling date), as
 * found in a sample sheet, so that cohort comparisons can be linked to them.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";

/** Creates `genome_traits`. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("genome_traits")
    .addColumn(
      "genome_id",
      "integer",
      (c) => c.notNull().references("genomes.id").onDelete("cascade"),
    )
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text")
    .addPrimaryKeyConstraint("genome_traits_pk", ["genome_id", "key"])
    .addCheckConstraint("genome_traits_key_not_empty", sql`length(key) > 0`)
    .execute();
  await db.schema.createIndex("genome_traits_key_value_idx").on("genome_traits")
    .columns(["key", "value"]).execute();
}

/** Drops `genome_traits`. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("genome_traits").ifExists().execute();
}
