/**
 * Per-genome statistics: the numbers of Bakta's `.txt` summary, for every genome at once.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { RowsQuery } from "../db/rows_query.ts";
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

/** A column of {@linkcode GenomeStatisticsRow} that counts one feature type. */
export type TypeCountColumn =
  | "trnas"
  | "tmrnas"
  | "rrnas"
  | "ncrnas"
  | "ncrna_regions"
  | "crispr_arrays"
  | "cdss"
  | "sorfs"
  | "gaps"
  | "orics"
  | "orivs"
  | "orits";

/** The feature type (`features.type`) each type-count column of {@linkcode GenomeStatisticsRow} counts. */
export const TYPE_COUNT_COLUMNS: Readonly<Record<TypeCountColumn, string>> = Object.freeze({
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

/** Every count column of {@linkcode GenomeStatisticsRow}: the type counts, then the totals. */
const COUNT_COLUMNS = [
  ...Object.keys(TYPE_COUNT_COLUMNS) as TypeCountColumn[],
  "features",
  "pseudogenes",
  "hypotheticals",
] as const;

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
 *     max(case when "cumulative" * 2 >= "total" * 1 then "length" end) as "n50",
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
): RowsQuery<GenomeStatisticsRow> {
  const ref = sql.ref;
  return db
    .with("cohort", () => statisticsCohort(db, options))
    .with("lengths", (qc) =>
      qc.selectFrom("cohort")
        .innerJoin("sequences", (join) =>
          join.onRef("sequences.genome_id", "=", "cohort.genome_id")
            .onRef("sequences.version", "=", "cohort.sequence_version"))
        .select(["cohort.annotation_id", "sequences.length", "sequences.gc", ...runningTotals()]))
    .with("assembly", (qc) =>
      qc.selectFrom("lengths")
        .select(["lengths.annotation_id", ...assemblyStatistics()])
        .groupBy("lengths.annotation_id"))
    .with("by_type", (qc) =>
      // One pass over the cohort's features: counts and the CDS flags per type.
      qc.selectFrom("features")
        .select(["features.annotation_id", "features.type", ...flagSums()])
        .where(
          "features.annotation_id",
          "in",
          qc.selectFrom("cohort").select("cohort.annotation_id"),
        )
        .groupBy(["features.annotation_id", "features.type"]))
    .with("counts", (qc) =>
      qc.selectFrom("by_type")
        .select(["by_type.annotation_id", ...countSums()])
        .groupBy("by_type.annotation_id"))
    .selectFrom("cohort")
    .leftJoin("assembly", "assembly.annotation_id", "cohort.annotation_id")
    .leftJoin("counts", "counts.annotation_id", "cohort.annotation_id")
    .select([
      "cohort.genome",
      "cohort.annotation_id",
      "cohort.bakta_version",
      "cohort.db_version",
      ...runStatisticsOrComputed(),
      "cohort.n_ratio",
      "cohort.coding_ratio as coding_density",
      ...COUNT_COLUMNS.map((column) =>
        sql<number>`coalesce(${ref(`counts.${column}`)}, 0)`.as(column)
      ),
    ])
    .orderBy("cohort.genome");
}

/** The latest annotations of the chosen genomes with the run's own statistics (`with "cohort"`). */
function statisticsCohort(db: Kysely<Database>, options: GenomeStatisticsOptions) {
  return latestAnnotationQuery(db, options).select([
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
}

/**
 * Per sequence of `lengths`: the running total of lengths, longest first (`cumulative`), and the
 * annotation's total length (`total`), in bases.
 */
function runningTotals() {
  const ref = sql.ref;
  const perAnnotation = sql`partition by ${ref("cohort.annotation_id")}`;
  return [
    sql<number>`sum(${ref("sequences.length")}) over (${perAnnotation} order by ${
      ref("sequences.length")
    } desc, ${ref("sequences.id")})`.as("cumulative"),
    sql<number>`sum(${ref("sequences.length")}) over (${perAnnotation})`.as("total"),
  ];
}

/**
 * Per annotation, over `lengths`: sequence count, total length, N50 and N90 (the length at which
 * the running total reaches half, nine tenths of the total) and the length-weighted GC fraction
 * (null when no sequence has its GC).
 */
function assemblyStatistics() {
  const ref = sql.ref;
  const length = ref("lengths.length");
  const reaches = (numerator: number, denominator: number) =>
    sql<number>`max(case when ${ref("cumulative")} * ${sql.lit(denominator)} >= ${ref("total")} * ${
      sql.lit(numerator)
    } then ${length} end)`;
  return [
    sql<number>`count(*)`.as("count"),
    sql<number>`sum(${length})`.as("length"),
    reaches(1, 2).as("n50"),
    reaches(9, 10).as("n90"),
    sql<number | null>`sum(${ref("lengths.gc")} * ${length}) * 1.0 / sum(case when ${
      ref("lengths.gc")
    } is not null then ${length} end)`.as("gc"),
  ];
}

/** Per annotation and type: the features (`n`), and how many are pseudo and hypothetical. */
function flagSums() {
  const ref = sql.ref;
  return [
    sql<number>`count(*)`.as("n"),
    sql<number>`sum(${ref("features.pseudo")})`.as("pseudo"),
    sql<number>`sum(${ref("features.hypothetical")})`.as("hypothetical"),
  ];
}

/** Per annotation, over `by_type`: one count per type column, every feature, the CDS flags. */
function countSums() {
  const ref = sql.ref;
  const ofCdss = (flag: "pseudo" | "hypothetical") =>
    sql<number>`sum(case when ${ref("by_type.type")} = 'cds' then ${
      ref(`by_type.${flag}`)
    } else 0 end)`;
  const typeCounts = (Object.keys(TYPE_COUNT_COLUMNS) as TypeCountColumn[]).map((column) =>
    sql<number>`sum(case when ${ref("by_type.type")} = ${TYPE_COUNT_COLUMNS[column]} then ${
      ref("by_type.n")
    } else 0 end)`.as(column)
  );
  return [
    ...typeCounts,
    sql<number>`sum(${ref("by_type.n")})`.as("features"),
    ofCdss("pseudo").as("pseudogenes"),
    ofCdss("hypothetical").as("hypotheticals"),
  ];
}

/** The sequence statistics: the run's own where the import had them, else those computed. */
function runStatisticsOrComputed() {
  const ref = sql.ref;
  const either = (run: string, computed: string) =>
    sql<number | null>`coalesce(${ref(`cohort.${run}`)}, ${ref(`assembly.${computed}`)})`;
  return [
    either("size", "length").as("length"),
    either("sequence_count", "count").as("count"),
    either("gc", "gc").as("gc"),
    either("n50", "n50").as("n50"),
    either("n90", "n90").as("n90"),
  ];
}
