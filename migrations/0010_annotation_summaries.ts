/**
 * Schema v10: per-annotation summaries that the cohort tables read instead of every feature
 * (`_annotation_summaries.ts` defines and writes them; docs/schema.md gives the layout):
 *
 * - `families(id, name unique, gene, product, feature_id)`: the family dictionary;
 * - `annotation_families(annotation_id, type, families)`: each annotation's family set per type
 *   (`cds`, `sorf`), packed as three little-endian Int32 arrays (ids ascending, intact copies,
 *   pseudogene copies), `without rowid` on SQLite;
 * - `annotation_cog_sets(annotation_id, categories, cdss)`: each annotation's COG category sets.
 *
 * Every stored annotation is summarised in batches of {@linkcode BATCH} annotations (in id order,
 * so that the dictionary's representatives come out as the lowest member). The migrator runs the
 * migration inside one write transaction: killed halfway, schema v9 is left whole and the
 * migration runs again from the start.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { blobType, idType, withoutRowid } from "./_dialect.ts";
import { writeSummaries } from "./_annotation_summaries.ts";

/** Annotations summarised per batch. */
const BATCH = 50;

/** To schema v10: the three tables, filled for every stored annotation. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("families")
    .addColumn("id", idType(db), (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("gene", "text")
    .addColumn("product", "text")
    .addColumn("feature_id", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createTable("annotation_families")
    .addColumn(
      "annotation_id",
      "integer",
      (c) => c.notNull().references("annotations.id").onDelete("cascade"),
    )
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('cds', 'sorf')`))
    .addColumn("families", blobType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("annotation_families_pk", ["annotation_id", "type"])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createTable("annotation_cog_sets")
    .addColumn(
      "annotation_id",
      "integer",
      (c) => c.notNull().references("annotations.id").onDelete("cascade"),
    )
    .addColumn("categories", "text")
    .addColumn("cdss", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("annotation_cog_sets_annotation_idx").on("annotation_cog_sets")
    .column("annotation_id").execute();
  await backfill(db);
}

/** Back to schema v9: the three tables dropped. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("annotation_cog_sets").execute();
  await db.schema.dropTable("annotation_families").execute();
  await db.schema.dropTable("families").execute();
}

/** Summarises every stored annotation, a batch at a time in id order. */
// deno-lint-ignore no-explicit-any
async function backfill(db: Kysely<any>): Promise<void> {
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom("annotations").select("id").where("id", ">", after)
      .orderBy("id").limit(BATCH).execute();
    if (batch.length === 0) return;
    const ids = batch.map((row: { id: number }) => Number(row.id));
    await writeSummaries(db, ids);
    after = ids[ids.length - 1];
  }
}
