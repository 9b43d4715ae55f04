/**
 * Per-genome statistics: the numbers of Bakta's `.txt` summary, for every genome at once.
 *
 * @module
 */

import { type Kysely, type SelectQueryBuilder, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { latestAnnotationQuery, type LatestAnnotationsOptions } from "./annotation_of.ts";

/**
 * One genome's statistics. Counts follow Bakta's `.txt` (see `BaktaSummaryCounts`): `cdss`
 * counts every CDS (pseudogenes and hypotheticals included, sORFs excluded); `pseudogenes` and
 * `hypotheticals` count CDSs only. Fractions are 0–1 (Bakta's `.txt` prints percentages).
 */
export interface GenomeStatisticsRow {
  /** The genome's name. */
  genome: string;
  /** The annotation the numbers are from (the genome's latest). */
  annotation_id: number;
  /** Bakta's version. */
  bakta_version: string | null;
  /** The database version. */
  db_version: string | null;
  /** `Length`: total bases (the run's statistics, else the sum of the sequences' lengths). */
  length: number | null;
  /** `Count`: the number of sequences (the run's statistics, else the sequences counted). */
  count: number | null;
  /** `GC` as a fraction (the run's statistics, else the length-weighted GC of the sequences). */
  gc: number | null;
  /** `N50` (the run's statistics, else computed from the sequences' lengths). */
  n50: number | null;
  /** `N90` (the run's statistics, else computed from the sequences' lengths). */
  n90: number | null;
  /** `N ratio` as a fraction; only from the run's statistics. */
  n_ratio: number | null;
  /** `coding density` as a fraction; only from the run's statistics. */
  coding_density: number | null;
  /** `tRNAs`. */
  trnas: number;
  /** `tmRNAs`. */
  tmrnas: number;
  /** `rRNAs`. */
  rrnas: number;
  /** `ncRNAs`. */
  ncrnas: number;
  /** `ncRNA regions`. */
  ncrna_regions: number;
  /** `CRISPR arrays`. */
  crispr_arrays: number;
  /** `CDSs`. */
  cdss: number;
  /** `pseudogenes` (pseudo CDSs). */
  pseudogenes: number;
  /** `hypotheticals` (hypothetical CDSs). */
  hypotheticals: number;
  /** `sORFs`. */
  sorfs: number;
  /** `gaps`. */
  gaps: number;
  /** `oriCs`. */
  orics: number;
  /** `oriVs`. */
  orivs: number;
  /** `oriTs`. */
  orits: number;
  /** Every feature of the annotation. */
  features: number;
}

/** Options of {@linkcode genomeStatistics}. */
export type GenomeStatisticsOptions = LatestAnnotationsOptions;

/** The feature-type counts of {@linkcode GenomeStatisticsRow}, by column. */
export const TYPE_COUNT_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  trnas: "tRNA",
  tmrnas: "tmRNA",
  rrnas: "rRNA",
  ncrnas: "ncRNA",
  ncrna_regions: "ncRNA-region",
  crispr_arrays: "crispr",
  cdss: "cds",
  sorfs: "sorf",
  gaps: "gap",
  orics: "oriC",
  orivs: "oriV",
  orits: "oriT",
});

/**
 * The per-genome statistics of the latest annotation of every genome (or of `genomes`), one row
 * per genome ordered by name, computed in SQL with `group by`s over the cohort's features and
 * sequences (window sums for N50/N90). The type, pseudogene and hypothetical counts come from one
 * pass over the `features(annotation_id, type, pseudo, hypothetical, family)` index (an
 * index-only scan on both engines; a second pass for the CDS flags made PostgreSQL read the
 * cohort's features twice).
 *
 * The sequence statistics are the run's own (`annotations.size`, `gc`, `n50`…, as Bakta computed
 * them) where the import had them; otherwise they are computed from the assembly version's
 * sequences: N50/N90 are the length of the longest sequence at which the sorted lengths reach
 * 50 %/90 % of the total, as Bakta computes them; N ratio and coding density stay null.
 *
 * The SQL emitted (shortened):
 *
 * ```sql
 * with "cohort" as (select "annotations"."id" as "annotation_id", … from "annotations" … latest …),
 * "lengths" as (
 *   select "cohort"."annotation_id", "sequences"."length", "sequences"."gc",
 *     sum("sequences"."length") over (partition by "cohort"."annotation_id"
 *       order by "sequences"."length" desc, "sequences"."id") as "cumulative",
 *     sum("sequences"."length") over (partition by "cohort"."annotation_id") as "total"
 *   from "cohort" inner join "sequences" on "sequences"."genome_id" = "cohort"."genome_id"
 *     and "sequences"."version" = "cohort"."sequence_version"),
 * "assembly" as (
 *   select "annotation_id", count(*) as "count", sum("length") as "length",
 *     max(case when "cumulative" * 2 >= "total" then "length" end) as "n50",
 *     max(case when "cumulative" * 10 >= "total" * 9 then "length" end) as "n90",
 *     sum("gc" * "length") / sum(case when "gc" is not null then "length" end) as "gc"
 *   from "lengths" group by "annotation_id"),
 * "by_type" as (
 *   select "annotation_id", "type", count(*) as "n", sum("pseudo") as "pseudo",
 *     sum("hypothetical") as "hypothetical" from "features"
 *   where "annotation_id" in (select "annotation_id" from "cohort")
 *   group by "annotation_id", "type"),
 * "counts" as (
 *   select "annotation_id", sum(case when "type" = ? then "n" else 0 end) as "trnas", …,
 *     sum("n") as "features",
 *     sum(case when "type" = 'cds' then "pseudo" else 0 end) as "pseudogenes", …
 *   from "by_type" group by "annotation_id")
 * select "cohort"."genome", "cohort"."annotation_id", …,
 *   coalesce("cohort"."size", "assembly"."length") as "length", …,
 *   coalesce("counts"."trnas", 0) as "trnas", …
 * from "cohort" left join "assembly" on … left join "counts" on …
 * order by "cohort"."genome"
 * ```
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A query builder of {@linkcode GenomeStatisticsRow}s.
 * @throws {TypeError} When `genomes` is not an array of names.
 *
 * @example Counting like Bakta's `.txt`
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeStatistics } from "./genome_statistics.ts";
 *
 * const db = await openDatabase(":memory:");
 * const g = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * const s = await db.insertInto("sequences").values([
 *   { genome_id: g.id, version: 1, seq_id: "c1", length: 600 },
 *   { genome_id: g.id, version: 1, seq_id: "c2", length: 400 },
 * ]).returning("id").execute();
 * const a = await db.insertInto("annotations").values({
 *   genome_id: g.id, sequence_version: 1, source: "files", fingerprint: "x",
 * }).returning("id").executeTakeFirstOrThrow();
 * const base = { annotation_id: a.id, sequence_id: s[0].id, original_json: "{}", strand: "+" };
 * await db.insertInto("features").values([
 *   { ...base, type: "cds", start: 1, stop: 90, pseudo: 1, hypothetical: 1 },
 *   { ...base, type: "cds", start: 100, stop: 190, pseudo: 0, hypothetical: 0 },
 *   { ...base, type: "sorf", start: 200, stop: 230, pseudo: 0, hypothetical: 0 },
 * ]).execute();
 * const [row] = await genomeStatistics(db).execute();
 * assert.deepEqual(
 *   [row.cdss, row.pseudogenes, row.hypotheticals, row.sorfs, row.length, row.count, row.n50],
 *   [2, 1, 1, 1, 1000, 2, 600],
 * );
 * await db.destroy();
 * ```
 */
export function genomeStatistics(
  db: Kysely<Database>,
  options: GenomeStatisticsOptions = {},
): SelectQueryBuilder<Database, never, GenomeStatisticsRow> {
  const cohort = latestAnnotationQuery(db, options).select([
    "annotations.id as annotation_id",
    "annotations.genome_id",
    "annotations.sequence_version",
    "genomes.name as genome",
    "annotations.bakta_version",
    "annotations.db_version",
    "annotations.size",
    "annotations.sequence_count",
    "annotations.gc",
    "annotations.n50",
    "annotations.n90",
    "annotations.n_ratio",
    "annotations.coding_ratio",
  ]);
  const ref = sql.ref;
  const typeCounts = Object.entries(TYPE_COUNT_COLUMNS).map(([column, type]) =>
    sql<number>`sum(case when ${ref("by_type.type")} = ${type} then ${ref("by_type.n")} else 0 end)`
      .as(column)
  );

  const query = db
    .with("cohort", () => cohort)
    .with("lengths", (qc) =>
      qc.selectFrom("cohort")
        .innerJoin("sequences", (join) =>
          join.onRef("sequences.genome_id", "=", "cohort.genome_id")
            .onRef("sequences.version", "=", "cohort.sequence_version"))
        .select([
          "cohort.annotation_id",
          "sequences.length",
          "sequences.gc",
          sql<number>`sum(${ref("sequences.length")}) over (partition by ${
            ref("cohort.annotation_id")
          } order by ${ref("sequences.length")} desc, ${ref("sequences.id")})`.as("cumulative"),
          sql<number>`sum(${ref("sequences.length")}) over (partition by ${
            ref("cohort.annotation_id")
          })`.as("total"),
        ]))
    .with("assembly", (qc) =>
      qc.selectFrom("lengths")
        .select([
          "lengths.annotation_id",
          sql<number>`count(*)`.as("count"),
          sql<number>`sum(${ref("lengths.length")})`.as("length"),
          sql<number>`max(case when ${ref("cumulative")} * 2 >= ${ref("total")} then ${
            ref("lengths.length")
          } end)`.as("n50"),
          sql<number>`max(case when ${ref("cumulative")} * 10 >= ${ref("total")} * 9 then ${
            ref("lengths.length")
          } end)`.as("n90"),
          sql<number | null>`sum(${ref("lengths.gc")} * ${
            ref("lengths.length")
          }) * 1.0 / sum(case when ${ref("lengths.gc")} is not null then ${
            ref("lengths.length")
          } end)`.as("gc"),
        ])
        .groupBy("lengths.annotation_id"))
    .with("by_type", (qc) =>
      // One pass over the cohort's features: counts and the CDS flags per type.
      qc.selectFrom("features")
        .select([
          "features.annotation_id",
          "features.type",
          sql<number>`count(*)`.as("n"),
          sql<number>`sum(${ref("features.pseudo")})`.as("pseudo"),
          sql<number>`sum(${ref("features.hypothetical")})`.as("hypothetical"),
        ])
        .where(
          "features.annotation_id",
          "in",
          qc.selectFrom("cohort").select("cohort.annotation_id"),
        )
        .groupBy(["features.annotation_id", "features.type"]))
    .with("counts", (qc) =>
      qc.selectFrom("by_type")
        .select([
          "by_type.annotation_id",
          ...typeCounts,
          sql<number>`sum(${ref("by_type.n")})`.as("features"),
          sql<number>`sum(case when ${ref("by_type.type")} = 'cds' then ${
            ref("by_type.pseudo")
          } else 0 end)`.as("pseudogenes"),
          sql<number>`sum(case when ${ref("by_type.type")} = 'cds' then ${
            ref("by_type.hypothetical")
          } else 0 end)`.as("hypotheticals"),
        ])
        .groupBy("by_type.annotation_id"))
    .selectFrom("cohort")
    .leftJoin("assembly", "assembly.annotation_id", "cohort.annotation_id")
    .leftJoin("counts", "counts.annotation_id", "cohort.annotation_id")
    .select([
      "cohort.genome",
      "cohort.annotation_id",
      "cohort.bakta_version",
      "cohort.db_version",
      sql<number | null>`coalesce(${ref("cohort.size")}, ${ref("assembly.length")})`.as("length"),
      sql<number | null>`coalesce(${ref("cohort.sequence_count")}, ${ref("assembly.count")})`.as(
        "count",
      ),
      sql<number | null>`coalesce(${ref("cohort.gc")}, ${ref("assembly.gc")})`.as("gc"),
      sql<number | null>`coalesce(${ref("cohort.n50")}, ${ref("assembly.n50")})`.as("n50"),
      sql<number | null>`coalesce(${ref("cohort.n90")}, ${ref("assembly.n90")})`.as("n90"),
      "cohort.n_ratio",
      "cohort.coding_ratio as coding_density",
      ...[...Object.keys(TYPE_COUNT_COLUMNS), "features", "pseudogenes", "hypotheticals"].map(
        (column) => sql<number>`coalesce(${ref(`counts.${column}`)}, 0)`.as(column),
      ),
    ])
    .orderBy("cohort.genome");
  return query as unknown as SelectQueryBuilder<Database, never, GenomeStatisticsRow>;
}
