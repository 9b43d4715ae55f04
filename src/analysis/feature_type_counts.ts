/**
 * How many features of each type every genome has.
 *
 * @module
 */

import type { ColumnTable } from "../deps/arquero.ts";
import { type Kysely, sql } from "../deps/kysely.ts";
import type { RowsQuery } from "../db/rows_query.ts";
import type { Database } from "../db/schema.ts";
import { type CohortOptions, cohortQuery } from "./_cohort.ts";
import { toTable } from "./to_table.ts";

/** One row of {@linkcode featureTypeCounts}. */
export interface FeatureTypeCountsRow {
  /** The genome's name. */
  genome: string;
  /** The feature type in Bakta JSON naming (`cds`, `tRNA`, `ncRNA-region`, …). */
  type: string;
  /** How many features of that type its latest annotation has (at least 1). */
  count: number;
}

/**
 * The query behind {@linkcode featureTypeCounts}: one `group by` over the
 * `features(annotation_id, type)` index.
 *
 * The SQL emitted:
 *
 * ```sql
 * with "cohort" as (select "annotations"."id" as "annotation_id", …, "genomes"."name" as "genome"
 *   from "annotations" … latest …)
 * select "cohort"."genome", "features"."type", count(*) as "count"
 * from "cohort" inner join "features" on "features"."annotation_id" = "cohort"."annotation_id"
 * group by "cohort"."annotation_id", "cohort"."genome", "features"."type"
 * order by "cohort"."genome", "features"."type"
 * ```
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns The query builder.
 */
export function featureTypeCountsQuery(
  db: Kysely<Database>,
  options: CohortOptions = {},
): RowsQuery<FeatureTypeCountsRow> {
  return db.with("cohort", () => cohortQuery(db, options))
    .selectFrom("cohort")
    .innerJoin("features", "features.annotation_id", "cohort.annotation_id")
    .select(["cohort.genome", "features.type", sql<number>`count(*)`.as("count")])
    .groupBy(["cohort.annotation_id", "cohort.genome", "features.type"])
    .orderBy("cohort.genome")
    .orderBy("features.type");
}

/**
 * A long table `genome, type, count` of the feature types of every genome's latest annotation
 * (types a genome lacks have no row), computed in SQL; the input of `featureTypesPlot`.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A promise of the table, ordered by genome and type.
 *
 * @example Counting per type
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { featureTypeCounts } from "./feature_type_counts.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values({
 *   genome_id: g.id, version: 1, seq_id: "c1", length: 1000,
 * }).returning("id").executeTakeFirstOrThrow();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const base = { annotation_id: a.id, sequence_id: s.id, original_json: "{}", strand: "+" };
 * await db.insertInto("features").values([
 *   { ...base, type: "cds", start: 1, stop: 90 },
 *   { ...base, type: "cds", start: 100, stop: 190 },
 *   { ...base, type: "tRNA", start: 200, stop: 270 },
 * ]).execute();
 * const counts = await featureTypeCounts(db);
 * assert.deepEqual(counts.objects(), [
 *   { genome: "g1", type: "cds", count: 2 },
 *   { genome: "g1", type: "tRNA", count: 1 },
 * ]);
 * await db.destroy();
 * ```
 */
export function featureTypeCounts(
  db: Kysely<Database>,
  options: CohortOptions = {},
): Promise<ColumnTable> {
  return toTable(featureTypeCountsQuery(db, options));
}
