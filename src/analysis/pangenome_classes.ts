/**
 * Core, soft-core, shell and cloud gene families, with Roary's thresholds.
 *
 * @module
 */

import type { ColumnTable } from "../deps/arquero.ts";
import { type Expression, type Kysely, type RawBuilder, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { cohortQuery } from "./_cohort.ts";
import { type CohortQuery, familyMembersQuery, type GeneFamilyOptions } from "./gene_families.ts";
import { rowsToTable, toTable } from "./to_table.ts";

/** A pangenome class. */
export type PangenomeClass = "core" | "soft-core" | "shell" | "cloud";

/** The classes, from the most to the least shared. */
export const PANGENOME_CLASSES: readonly PangenomeClass[] = ["core", "soft-core", "shell", "cloud"];

/**
 * Roary's class boundaries, as fractions of the genomes that carry a family, and as percentages
 * for exact integer comparison: **core** 99 % ≤ genomes ≤ 100 %, **soft-core** 95 % ≤ genomes
 * < 99 %, **shell** 15 % ≤ genomes < 95 %, **cloud** 0 % ≤ genomes < 15 %.
 *
 * Source: Roary (sanger-pathogens/Roary), `lib/Bio/Roary/AssemblyStatistics.pm`:
 * `core_definition` 0.99, `_soft_core_percentage` 0.99, `_shell_percentage` 0.95,
 * `_cloud_percentage` 0.15, and `_build_gene_category_count`, which puts a gene in cloud when
 * `isolates < 0.15 × N`, else shell when `< 0.95 × N`, else soft core when `< 0.99 × N`, else
 * core; its `summary_statistics.txt` prints them as "Core genes (99% <= strains <= 100%)",
 * "Soft core genes (95% <= strains < 99%)", "Shell genes (15% <= strains < 95%)", "Cloud genes
 * (0% <= strains < 15%)". Here the comparisons are made in integers (`100 × n < 15 × N`), so a
 * family in exactly 15 % of the genomes is shell as the documented boundary says; Roary's floating
 * point `0.15 × N` can put such a family in cloud (0.15 × 100 is 15.000000000000002).
 */
export const PANGENOME_THRESHOLDS: Readonly<{ core: number; softCore: number; shell: number }> =
  Object.freeze({ core: 99, softCore: 95, shell: 15 });

/**
 * The class of a family present in `present` of `total` genomes, by {@linkcode PANGENOME_THRESHOLDS}.
 *
 * @param present In how many genomes the family is present (0 … total).
 * @param total How many genomes there are (at least 1).
 * @returns The class.
 * @throws {RangeError} When the numbers are not integers with 0 ≤ present ≤ total, total ≥ 1.
 *
 * @example Boundaries for 100 genomes
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyPrevalence } from "./pangenome_classes.ts";
 * assert.deepEqual(
 *   [99, 98, 95, 94, 15, 14].map((n) => classifyPrevalence(n, 100)),
 *   ["core", "soft-core", "soft-core", "shell", "shell", "cloud"],
 * );
 * ```
 */
export function classifyPrevalence(present: number, total: number): PangenomeClass {
  if (
    !Number.isSafeInteger(present) || !Number.isSafeInteger(total) || total < 1 || present < 0 ||
    present > total
  ) {
    throw new RangeError(
      `Cannot classify a family present in ${present} of ${total} genomes: expected integers with 0 <= present <= total and total >= 1`,
    );
  }
  const { core, softCore, shell } = PANGENOME_THRESHOLDS;
  if (100 * present < shell * total) return "cloud";
  if (100 * present < softCore * total) return "shell";
  if (100 * present < core * total) return "soft-core";
  return "core";
}

/** Options of {@linkcode pangenomeClasses}. */
export interface PangenomeClassesOptions extends GeneFamilyOptions {
  /**
   * Give each family the gene and product of its first member (one feature row read per family;
   * `false` leaves them null, which is faster on a large cohort).
   * @default true
   */
  describe?: boolean;
}

/** The class of a family present in `genomes` of `total` genomes, in SQL (integer comparisons). */
function classOf(
  genomes: Expression<unknown>,
  total: Expression<unknown>,
): RawBuilder<PangenomeClass> {
  const { core, softCore, shell } = PANGENOME_THRESHOLDS;
  return sql<
    PangenomeClass
  >`case when 100 * ${genomes} < ${shell} * ${total} then 'cloud' when 100 * ${genomes} < ${softCore} * ${total} then 'shell' when 100 * ${genomes} < ${core} * ${total} then 'soft-core' else 'core' end`;
}

/** One row of {@linkcode pangenomeClassesQuery}. */
export interface PangenomeClassRow {
  /** The family (see `familyKey`). */
  family: string;
  /** In how many genomes the family is present. */
  genomes: number;
  /** `genomes` divided by the number of genomes in the cohort. */
  fraction: number;
  /** The class. */
  class: PangenomeClass;
  /** All copies across the cohort. */
  copies: number;
  /** The gene symbol of the family's first member (lowest feature id); null with `describe: false`. */
  gene: string | null;
  /** The product of the family's first member (lowest feature id); null with `describe: false`. */
  product: string | null;
}

/**
 * The query behind {@linkcode pangenomeClasses}: one `group by family` over the cohort's proteins
 * and the class computed in SQL from the number of genomes.
 *
 * The SQL emitted (shortened; `?` bound values are the thresholds):
 *
 * ```sql
 * with "cohort" as (…latest annotations…),
 * "total" as (select count(*) as "n" from "cohort"),
 * "members" as materialized (…familyMembersQuery…),
 * "counts" as (select "annotation_id", "family", count(*) as "copies",
 *     min("feature_id") as "first" from "members" where "family" is not null
 *   group by "annotation_id", "family"),
 * "families" as (select "family", count(*) as "genomes", sum("copies") as "copies",
 *     min("first") as "first" from "counts" group by "family")
 * select "families"."family", "families"."genomes",
 *   "families"."genomes" * 1.0 / "total"."n" as "fraction",
 *   case when 100 * "families"."genomes" < ? * "total"."n" then 'cloud'
 *        when 100 * "families"."genomes" < ? * "total"."n" then 'shell'
 *        when 100 * "families"."genomes" < ? * "total"."n" then 'soft-core'
 *        else 'core' end as "class", "families"."copies", "features"."gene", "features"."product"
 * from "families" cross join "total"
 *   left join "features" on "features"."id" = "families"."first"
 * order by "families"."genomes" desc, "families"."family"
 * ```
 *
 * @param db The database.
 * @param options Which genomes and feature types.
 * @returns The query builder.
 */
export function pangenomeClassesQuery(
  db: Kysely<Database>,
  options: PangenomeClassesOptions = {},
): CohortQuery<PangenomeClassRow> {
  const { describe = true } = options;
  const ref = sql.ref;
  const genomes = ref("families.genomes");
  const n = ref("total.n");
  return db
    .with("cohort", () => cohortQuery(db, options))
    .with("total", (qc) => qc.selectFrom("cohort").select(sql<number>`count(*)`.as("n")))
    .with((cte) => cte("members").materialized(), () => familyMembersQuery(db, options))
    .with("counts", (qc) =>
      qc.selectFrom("members")
        .select([
          "members.annotation_id",
          "members.family",
          sql<number>`count(*)`.as("copies"),
          sql<number>`min(${ref("members.feature_id")})`.as("first"),
        ])
        .where("members.family", "is not", null)
        .groupBy(["members.annotation_id", "members.family"]))
    .with("families", (qc) =>
      qc.selectFrom("counts")
        .select([
          "counts.family",
          sql<number>`count(*)`.as("genomes"),
          sql<number>`sum(${ref("counts.copies")})`.as("copies"),
          sql<number>`min(${ref("counts.first")})`.as("first"),
        ])
        .groupBy("counts.family"))
    .selectFrom("families")
    .crossJoin("total")
    .leftJoin("features", (join) =>
      // Without `describe` the key matches no row (`id = null`): SQLite reads nothing for it.
      describe
        ? join.onRef("features.id", "=", "families.first")
        : join.on("features.id", "=", sql<number>`null`))
    .select([
      "families.family",
      "families.genomes",
      sql<number>`${genomes} * 1.0 / ${n}`.as("fraction"),
      classOf(genomes, n).as("class"),
      "families.copies",
      "features.gene",
      "features.product",
    ])
    .orderBy("families.genomes", "desc")
    .orderBy("families.family") as unknown as CohortQuery<PangenomeClassRow>;
}

/**
 * The gene families of the cohort with their class — core, soft-core, shell or cloud — by the
 * share of genomes that carry them, with Roary's thresholds ({@linkcode PANGENOME_THRESHOLDS}).
 * A table `family, genomes, fraction, class, copies, gene, product`, computed in SQL. Families
 * are keyed as `familyKey` says (UniRef90, then UniRef50, then protein MD5); the cohort is the
 * latest annotation of each genome (of `genomes`).
 *
 * @param db The database.
 * @param options Which genomes and feature types, and whether to describe the families.
 * @returns A promise of the table, most shared families first.
 *
 * @example An empty cohort
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { pangenomeClasses } from "./pangenome_classes.ts";
 * const db = await openDatabase(":memory:");
 * const classes = await pangenomeClasses(db);
 * assert.deepEqual(classes.columnNames(),
 *   ["family", "genomes", "fraction", "class", "copies", "gene", "product"]);
 * await db.destroy();
 * ```
 */
export function pangenomeClasses(
  db: Kysely<Database>,
  options: PangenomeClassesOptions = {},
): Promise<ColumnTable> {
  return toTable(pangenomeClassesQuery(db, options));
}

/**
 * How many families fall in each class, as Roary's `summary_statistics.txt`: a table
 * `class, families` with one row per class (in {@linkcode PANGENOME_CLASSES} order, zeros
 * included) and a last row `total`.
 *
 * @param db The database.
 * @param options Which genomes and feature types.
 * @returns A promise of the table.
 *
 * @example Every class has a row
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { pangenomeSummary } from "./pangenome_classes.ts";
 * const db = await openDatabase(":memory:");
 * const summary = await pangenomeSummary(db);
 * assert.deepEqual(summary.array("class"), ["core", "soft-core", "shell", "cloud", "total"]);
 * assert.deepEqual(summary.array("families"), [0, 0, 0, 0, 0]);
 * await db.destroy();
 * ```
 */
export async function pangenomeSummary(
  db: Kysely<Database>,
  options: GeneFamilyOptions = {},
): Promise<ColumnTable> {
  // The same common table expressions, counted by class in SQL.
  const rows = await pangenomeClassesQuery(db, { ...options, describe: false })
    .clearOrderBy()
    .clearSelect()
    .select([
      classOf(sql.ref("families.genomes"), sql.ref("total.n")).as("class"),
      sql<number>`count(*)`.as("families"),
    ])
    .groupBy(sql.ref("class"))
    .execute() as { class: string; families: number }[];
  const counts = new Map(rows.map((row) => [row.class, Number(row.families)]));
  const summary = PANGENOME_CLASSES.map((name) => ({
    class: name as string,
    families: counts.get(name) ?? 0,
  }));
  summary.push({ class: "total", families: summary.reduce((sum, row) => sum + row.families, 0) });
  return rowsToTable(summary);
}
