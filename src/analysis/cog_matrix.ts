/**
 * COG functional categories per genome: a long table of counts and fractions, and the genomes ×
 * categories matrix.
 *
 * @module
 */

import { type ColumnTable, table } from "arquero";
import { type Kysely, type SelectQueryBuilder, sql, type SqlBool } from "kysely";
import type { Database } from "../db/schema.ts";
import { type CohortOptions, cohortQuery } from "./_cohort.ts";
import { toTable } from "./to_table.ts";

/** The 26 one-letter COG functional categories, in the NCBI order (`fun-20.tab`). */
export const COG_CATEGORY_LETTERS: readonly string[] = Object.freeze([
  ..."JAKLBDYVTMNZWUOXCGEFHIPQRS",
]);

/** One row of {@linkcode cogCategoryCounts}. */
export interface CogCategoryCountRow {
  /** The genome's name. */
  genome: string;
  /** The one-letter COG category. */
  category: string;
  /** How many CDSs of the genome are in the category. */
  count: number;
  /** `count / assigned`: the share of the genome's categorized CDSs in this category. */
  fraction: number;
  /** How many CDSs of the genome have at least one COG category. */
  assigned: number;
  /** How many CDSs the genome has (pseudogenes included). */
  cdss: number;
}

/**
 * The query behind {@linkcode cogCategoryCounts}. Bakta writes a protein's COG categories as
 * one cross-reference (`COG:K`, or `COG:KT` for a protein in K and T, next to the COG id
 * `COG:COG0745`); the query splits such a string into its letters (a join on positions
 * `1 … 26` and `substr`), so that **a CDS with several categories counts once in each**. A CDS
 * with two category cross-references that share a letter counts once for it. The `cross join`s
 * make SQLite walk the cohort, the `features(annotation_id, type)` index and the cross-reference
 * primary key, all covering: no feature row is read.
 *
 * The SQL emitted (shortened):
 *
 * ```sql
 * with "cohort" as (…latest annotations…),
 * "positions" as (select 1 as "k" union all select 2 … union all select 26),
 * "cdss" as (select "features"."annotation_id", count(*) as "cdss" from "features"
 *   where "features"."type" = ? and "features"."annotation_id" in (select … from "cohort")
 *   group by "features"."annotation_id"),
 * "hits" as materialized (select distinct "features"."annotation_id",
 *     "features"."id" as "feature_id",
 *     substr("feature_xrefs"."accession", "positions"."k", 1) as "category"
 *   from "cohort" cross join "features" cross join "feature_xrefs" cross join "positions"
 *   where "features"."annotation_id" = "cohort"."annotation_id" and "features"."type" = ?
 *     and "feature_xrefs"."feature_id" = "features"."id" and "feature_xrefs"."db" = ?
 *     and "feature_xrefs"."accession" not like ?
 *     and "positions"."k" <= length("feature_xrefs"."accession")),
 * "assigned" as (select "annotation_id", count(distinct "feature_id") as "assigned" from "hits"
 *   group by "annotation_id")
 * select "cohort"."genome", "hits"."category", count(*) as "count",
 *   count(*) * 1.0 / "assigned"."assigned" as "fraction", "assigned"."assigned", "cdss"."cdss"
 * from "hits" inner join "cohort" on … inner join "assigned" on … inner join "cdss" on …
 * where "hits"."category" between 'A' and 'Z'
 * group by "hits"."annotation_id", "hits"."category", …
 * order by "cohort"."genome", "hits"."category"
 * ```
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns The query builder.
 */
export function cogCategoryCountsQuery(
  db: Kysely<Database>,
  options: CohortOptions = {},
): SelectQueryBuilder<Database, never, CogCategoryCountRow> {
  const ref = sql.ref;
  const positions = sql.join(
    Array.from({ length: 26 }, (_, i) => sql`select ${sql.lit(i + 1)} as ${sql.id("k")}`),
    sql` union all `,
  );
  const query = db
    .with("cohort", () => cohortQuery(db, options))
    .with("positions(k)", () => sql<{ k: number }>`(${positions})`)
    .with("cdss", (qc) =>
      qc.selectFrom("features")
        .select(["features.annotation_id", sql<number>`count(*)`.as("cdss")])
        .where("features.type", "=", "cds")
        .where(
          "features.annotation_id",
          "in",
          qc.selectFrom("cohort").select("cohort.annotation_id"),
        )
        .groupBy("features.annotation_id"))
    .with((cte) => cte("hits").materialized(), (qc) =>
      qc.selectFrom("cohort")
        .crossJoin("features")
        .crossJoin("feature_xrefs")
        .crossJoin("positions")
        .select([
          "features.annotation_id",
          "features.id as feature_id",
          sql<string>`substr(${ref("feature_xrefs.accession")}, ${ref("positions.k")}, 1)`.as(
            "category",
          ),
        ])
        .distinct()
        .whereRef("features.annotation_id", "=", "cohort.annotation_id")
        .where("features.type", "=", "cds")
        .whereRef("feature_xrefs.feature_id", "=", "features.id")
        .where("feature_xrefs.db", "=", "COG")
        .where("feature_xrefs.accession", "not like", "COG%")
        .where(sql<SqlBool>`${ref("positions.k")} <= length(${ref("feature_xrefs.accession")})`))
    .with("assigned", (qc) =>
      qc.selectFrom("hits")
        .select([
          "hits.annotation_id",
          sql<number>`count(distinct ${ref("hits.feature_id")})`.as("assigned"),
        ])
        .groupBy("hits.annotation_id"))
    .selectFrom("hits")
    .innerJoin("cohort", "cohort.annotation_id", "hits.annotation_id")
    .innerJoin("assigned", "assigned.annotation_id", "hits.annotation_id")
    .innerJoin("cdss", "cdss.annotation_id", "hits.annotation_id")
    .select([
      "cohort.genome",
      "hits.category",
      sql<number>`count(*)`.as("count"),
      sql<number>`count(*) * 1.0 / ${ref("assigned.assigned")}`.as("fraction"),
      "assigned.assigned",
      "cdss.cdss",
    ])
    .where(sql<SqlBool>`${ref("hits.category")} between 'A' and 'Z'`)
    .groupBy([
      "hits.annotation_id",
      "cohort.genome",
      "hits.category",
      "assigned.assigned",
      "cdss.cdss",
    ])
    .orderBy("cohort.genome")
    .orderBy("hits.category");
  return query as unknown as SelectQueryBuilder<Database, never, CogCategoryCountRow>;
}

/**
 * A long table `genome, category, count, fraction, assigned, cdss`: for each genome (its latest
 * annotation) and each COG functional category its CDSs fall in, how many CDSs, and which share of
 * the genome's categorized CDSs (`assigned`) that is. A CDS with several categories counts in each
 * (see {@linkcode cogCategoryCountsQuery}), so a genome's fractions can add up to more than 1.
 * Categories without CDSs have no row. Computed in SQL; the input of `cogCategoriesPlot`.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A promise of the table, ordered by genome and category.
 *
 * @example A CDS in two categories
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { cogCategoryCounts } from "./cog_matrix.ts";
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
 * const [f1, f2] = await db.insertInto("features").values([
 *   { ...base, type: "cds", start: 1, stop: 90 },
 *   { ...base, type: "cds", start: 100, stop: 190 },
 * ]).returning("id").execute();
 * await db.insertInto("feature_xrefs").values([
 *   { feature_id: f1.id, db: "COG", accession: "COG0745" },
 *   { feature_id: f1.id, db: "COG", accession: "KT" },
 *   { feature_id: f2.id, db: "COG", accession: "K" },
 * ]).execute();
 * const rows = (await cogCategoryCounts(db)).objects();
 * assert.deepEqual(rows, [
 *   { genome: "g1", category: "K", count: 2, fraction: 1, assigned: 2, cdss: 2 },
 *   { genome: "g1", category: "T", count: 1, fraction: 0.5, assigned: 2, cdss: 2 },
 * ]);
 * await db.destroy();
 * ```
 */
export function cogCategoryCounts(
  db: Kysely<Database>,
  options: CohortOptions = {},
): Promise<ColumnTable> {
  return toTable(cogCategoryCountsQuery(db, options));
}

/** Options of {@linkcode cogMatrix}. */
export interface CogMatrixOptions extends CohortOptions {
  /**
   * The cell value: the number of CDSs, or their fraction (see {@linkcode cogCategoryCounts}).
   * @default "count"
   */
  value?: "count" | "fraction";
}

/**
 * The genomes × COG categories matrix: one row per genome of the cohort (genomes without any
 * categorized CDS included, with zeros), a `genome` column and one column per category letter in
 * {@linkcode COG_CATEGORY_LETTERS} order holding counts (or fractions). Built from
 * {@linkcode cogCategoryCounts}; a CDS with several categories counts in each.
 *
 * @param db The database.
 * @param options Which genomes, and counts or fractions.
 * @returns A promise of the matrix, ordered by genome name.
 * @throws {RangeError} When `value` is not `"count"` or `"fraction"`.
 *
 * @example Columns
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { COG_CATEGORY_LETTERS, cogMatrix } from "./cog_matrix.ts";
 * const db = await openDatabase(":memory:");
 * const matrix = await cogMatrix(db, { value: "fraction" });
 * assert.deepEqual(matrix.columnNames(), ["genome", ...COG_CATEGORY_LETTERS]);
 * await db.destroy();
 * ```
 */
export async function cogMatrix(
  db: Kysely<Database>,
  options: CogMatrixOptions = {},
): Promise<ColumnTable> {
  const { value = "count" } = options;
  if (value !== "count" && value !== "fraction") {
    throw new RangeError(`Invalid option "value": expected "count" or "fraction", got "${value}"`);
  }
  const genomes = (await cohortQuery(db, options).orderBy("genomes.name").execute())
    .map((row) => row.genome);
  const rowOf = new Map(genomes.map((genome, i) => [genome, i]));
  const columns = new Map<string, unknown>([["genome", genomes]]);
  const cells = new Map<string, Float64Array>();
  for (const letter of COG_CATEGORY_LETTERS) {
    const cell = new Float64Array(genomes.length);
    cells.set(letter, cell);
    columns.set(letter, cell);
  }
  for (const row of await cogCategoryCountsQuery(db, options).execute()) {
    const i = rowOf.get(row.genome);
    const cell = cells.get(row.category);
    if (i !== undefined && cell !== undefined) cell[i] = Number(row[value]);
  }
  return table(columns, ["genome", ...COG_CATEGORY_LETTERS]);
}
