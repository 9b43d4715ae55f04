/**
 * COG functional categories per genome: a long table of counts and fractions, and the genomes ×
 * categories matrix.
 *
 * @module
 */

import { type ColumnTable, table } from "../deps/arquero.ts";
import { type Kysely, type SelectQueryBuilder, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { type CohortOptions, cohortQuery } from "./_cohort.ts";
import { joinedText } from "../query/_sqlite_indexes.ts";
import { featureTermsFrom } from "../db/xref_terms.ts";
import { rowsToTable } from "./to_table.ts";

/** The 26 one-letter COG functional categories, in the NCBI order (`fun-20.tab`). */
export const COG_CATEGORY_LETTERS: readonly string[] = Object.freeze([
  ..."JAKLBDYVTMNZWUOXCGEFHIPQRS",
]);

/** One row of {@linkcode cogCategoryCounts}. */
export interface CogCategoryCountsRow {
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

/** One row of {@linkcode cogCategorySetsQuery}. */
export interface CogCategorySetRow {
  /** The genome's name. */
  genome: string;
  /**
   * The COG category accessions of a CDS, concatenated (`K`, `KT`; in no particular order when a
   * CDS has several), or null for the CDSs without any.
   */
  categories: string | null;
  /** How many of the genome's CDSs have exactly these category accessions. */
  cdss: number;
}

/** The common table expressions of {@linkcode cogCategorySetsQuery}, by name. */
export interface CogCategorySetsTables {
  /** The cohort's latest annotations. */
  cohort: { annotation_id: number; genome_id: number; genome: string };
  /** The category sets of each cohort annotation. */
  sets: { annotation_id: number; categories: string | null; cdss: number };
}

/**
 * The SQL part of the COG tables: for each genome (its latest annotation), how many CDSs carry
 * each combination of COG category accessions. Bakta writes a protein's categories as one
 * cross-reference (`COG:K`, or `COG:KT` for a protein in K and T) next to its COG id
 * (`COG:COG0745`); the category accessions are the `COG` cross-references that do not start with
 * `COG`. An annotation the store summarised (schema v10: it has family sets) is read from its
 * stored sets (`annotation_cog_sets`, a few dozen rows); any other (features written outside the
 * store) is counted from its features: one `group by` over the `features(annotation_id, type)`
 * index (covering) and a probe of the cross-reference primary key per CDS.
 *
 * The SQL emitted (on SQLite; elsewhere `string_agg` replaces `group_concat`):
 *
 * ```sql
 * with "cohort" as (…latest annotations…),
 * "sets" as (
 *   select "annotation_id", "categories", "cdss" from "annotation_cog_sets"
 *   where "annotation_id" in (select "annotation_id" from "cohort" where exists
 *     (select 1 from "annotation_families" where "annotation_id" = "cohort"."annotation_id"
 *       and "type" = 'cds'))
 *   union all
 *   select "features"."annotation_id",
 *     (select group_concat("t"."accession", '')
 *       from json_each(term_ids_json("features"."xref_ids")) as "x", "xref_terms" as "t"
 *       where "t"."id" = "x"."value" and "t"."db" = 'COG'
 *         and "t"."accession" not like 'COG%') as "categories",
 *     count(*) as "cdss"
 *   from "features"
 *   where "features"."annotation_id" in (select "annotation_id" from "cohort" where not exists
 *       (…the same…))
 *     and "features"."type" = ?
 *   group by "features"."annotation_id", "categories")
 * select "cohort"."genome", "sets"."categories", "sets"."cdss"
 * from "sets" inner join "cohort" on "cohort"."annotation_id" = "sets"."annotation_id"
 * order by "cohort"."genome", "sets"."categories"
 * ```
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns The query builder.
 */
export function cogCategorySetsQuery(
  db: Kysely<Database>,
  options: CohortOptions = {},
): SelectQueryBuilder<Database & CogCategorySetsTables, "sets" | "cohort", CogCategorySetRow> {
  const ref = sql.ref;
  const concat = joinedText(db, ref("t.accession"), "");
  const categories = sql<string | null>`(select ${concat} from ${featureTermsFrom(db)} and ${
    ref("t.db")
  } = 'COG' and ${ref("t.accession")} not like 'COG%')`;
  const summarised = sql<boolean>`exists (select 1 from ${sql.table("annotation_families")} as ${
    sql.id("s")
  } where ${ref("s.annotation_id")} = ${ref("cohort.annotation_id")} and ${ref("s.type")} = 'cds')`;
  return db
    .with("cohort", () => cohortQuery(db, options))
    .with("sets", (qc) =>
      qc.selectFrom("annotation_cog_sets")
        .select([
          "annotation_cog_sets.annotation_id",
          "annotation_cog_sets.categories",
          "annotation_cog_sets.cdss",
        ])
        .where(
          "annotation_cog_sets.annotation_id",
          "in",
          qc.selectFrom("cohort").select("cohort.annotation_id").where(summarised),
        )
        .unionAll(
          qc.selectFrom("features")
            .select([
              "features.annotation_id",
              categories.as("categories"),
              sql<number>`count(*)`.as("cdss"),
            ])
            .where(
              "features.annotation_id",
              "in",
              qc.selectFrom("cohort").select("cohort.annotation_id")
                .where(sql<boolean>`not ${summarised}`),
            )
            .where("features.type", "=", "cds")
            .groupBy(["features.annotation_id", sql.ref("categories")]),
        ))
    .selectFrom("sets")
    .innerJoin("cohort", "cohort.annotation_id", "sets.annotation_id")
    .select(["cohort.genome", "sets.categories", "sets.cdss"])
    .orderBy("cohort.genome")
    .orderBy("sets.categories");
}

/** Per genome: CDSs, categorized CDSs and CDSs per category letter, from the category sets. */
async function countCategories(
  db: Kysely<Database>,
  options: CohortOptions,
): Promise<Map<string, { cdss: number; assigned: number; letters: Map<string, number> }>> {
  const byGenome = new Map<
    string,
    { cdss: number; assigned: number; letters: Map<string, number> }
  >();
  for (const row of await cogCategorySetsQuery(db, options).execute()) {
    let genome = byGenome.get(row.genome);
    if (genome === undefined) {
      genome = { cdss: 0, assigned: 0, letters: new Map() };
      byGenome.set(row.genome, genome);
    }
    const n = Number(row.cdss);
    genome.cdss += n;
    const letters = new Set([...(row.categories ?? "")].filter((c) => c >= "A" && c <= "Z"));
    if (letters.size > 0) genome.assigned += n;
    for (const letter of letters) genome.letters.set(letter, (genome.letters.get(letter) ?? 0) + n);
  }
  return byGenome;
}

/**
 * A long table `genome, category, count, fraction, assigned, cdss`: for each genome (its latest
 * annotation) and each COG functional category its CDSs fall in, how many CDSs (`count`), and
 * which share of the genome's categorized CDSs (`assigned`) that is; `cdss` is all its CDSs
 * (pseudogenes included). **A CDS with several categories counts once in each** (`COG:KT` counts
 * in K and in T; a CDS with two category accessions sharing a letter counts once for it), so a
 * genome's fractions can add up to more than 1. Categories without CDSs have no row. The counting
 * is an SQL `group by` ({@linkcode cogCategorySetsQuery}); splitting the category strings into
 * letters is done here, over its small result. The input of `cogCategoriesPlot`.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A promise of the table, ordered by genome and category letter.
 *
 * @example A CDS in two categories
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { insertFeatureXrefs } from "../db/xref_terms.ts";
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
 * await insertFeatureXrefs(db, [
 *   [f1.id, "COG", "COG0745"],
 *   [f1.id, "COG", "KT"],
 *   [f2.id, "COG", "K"],
 * ]);
 * const rows = (await cogCategoryCounts(db)).objects();
 * assert.deepEqual(rows, [
 *   { genome: "g1", category: "K", count: 2, fraction: 1, assigned: 2, cdss: 2 },
 *   { genome: "g1", category: "T", count: 1, fraction: 0.5, assigned: 2, cdss: 2 },
 * ]);
 * await db.destroy();
 * ```
 */
export async function cogCategoryCounts(
  db: Kysely<Database>,
  options: CohortOptions = {},
): Promise<ColumnTable> {
  const rows: CogCategoryCountsRow[] = [];
  for (const [genome, counts] of await countCategories(db, options)) {
    for (const category of [...counts.letters.keys()].sort()) {
      const count = counts.letters.get(category)!;
      rows.push({
        genome,
        category,
        count,
        fraction: count / counts.assigned,
        assigned: counts.assigned,
        cdss: counts.cdss,
      });
    }
  }
  return rowsToTable(rows, {
    columns: ["genome", "category", "count", "fraction", "assigned", "cdss"],
  });
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
 * {@linkcode COG_CATEGORY_LETTERS} order holding counts (or fractions), as `Float64Array`s. Built
 * like {@linkcode cogCategoryCounts}; a CDS with several categories counts in each.
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
  for (const [genome, counts] of await countCategories(db, options)) {
    const i = rowOf.get(genome);
    if (i === undefined) continue;
    for (const [letter, count] of counts.letters) {
      const cell = cells.get(letter);
      if (cell !== undefined) cell[i] = value === "count" ? count : count / counts.assigned;
    }
  }
  return table(columns, ["genome", ...COG_CATEGORY_LETTERS]);
}
