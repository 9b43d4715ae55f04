/**
 * Core, soft-core, shell and cloud gene families, with Roary's thresholds.
 *
 * @module
 */

import { type ColumnTable, table } from "../deps/arquero.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { show } from "../query/_validate.ts";
import { byCarriers } from "./_family_presence.ts";
import { familyPrevalence, familyTotals, type GeneFamilyOptions } from "./gene_families.ts";
import { rowsToTable } from "./to_table.ts";
import { pick, pickNumbers } from "./_pick.ts";

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

/** One row of {@linkcode pangenomeClasses}. */
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

/** The columns of {@linkcode pangenomeClasses}, in order. */
const CLASS_COLUMNS = ["family", "genomes", "fraction", "class", "copies", "gene", "product"];

/**
 * The gene families of the cohort with their class — core, soft-core, shell or cloud — by the
 * share of genomes that carry them, with Roary's thresholds ({@linkcode PANGENOME_THRESHOLDS}).
 * A table `family, genomes, fraction, class, copies, gene, product` ({@linkcode PangenomeClassRow}),
 * from `familyTotals` (classes by {@linkcode classifyPrevalence}): on schema v10 the family sets
 * counted by family id, the families named — and with `describe` given their gene and product — in
 * one scan of the family dictionary; else from the presence matrix and each family's first member. Families are
 * keyed as `familyKey` says (UniRef90, then UniRef50, then protein MD5); the cohort is the latest
 * annotation of each genome (of `genomes`).
 *
 * @param db The database.
 * @param options Which genomes and feature types, and whether to describe the families.
 * @returns A promise of the table, most shared families first.
 * @throws {RangeError} When `describe` is not a boolean, or a family option is not allowed.
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
export async function pangenomeClasses(
  db: Kysely<Database>,
  options: PangenomeClassesOptions = {},
): Promise<ColumnTable> {
  const { describe = true } = options;
  if (typeof describe !== "boolean") {
    throw new RangeError(
      `Invalid option "describe": expected true or false, got ${show(describe)}`,
    );
  }
  const totals = await familyTotals(db, { ...options, describe });
  const order = byCarriers(totals.carriers, totals.genomes);
  const total = totals.genomes;
  const genomes = pickNumbers(totals.carriers, order);
  const classOf: PangenomeClass[] = [];
  for (let n = 0; n <= total && total > 0; n++) classOf.push(classifyPrevalence(n, total));
  const fraction = new Float64Array(order.length);
  for (let row = 0; row < order.length; row++) fraction[row] = genomes[row] / total;
  const { descriptions } = totals;
  return table({
    family: pick(totals.families, order),
    genomes,
    fraction,
    class: pick(classOf, genomes),
    copies: pickNumbers(totals.copies, order),
    gene: descriptions === undefined
      ? new Array(order.length).fill(null)
      : pick(descriptions.gene, order),
    product: descriptions === undefined
      ? new Array(order.length).fill(null)
      : pick(descriptions.product, order),
  }, CLASS_COLUMNS);
}

/**
 * How many families fall in each class, as Roary's `summary_statistics.txt`: a table
 * `class, families` with one row per class (in {@linkcode PANGENOME_CLASSES} order, zeros
 * included) and a last row `total`. Counted over `familyPrevalence` (no family is named: on schema v10 only the family sets are read).
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
  const { genomes, prevalence } = await familyPrevalence(db, options);
  const counts = new Map<string, number>();
  for (const present of prevalence) {
    const name = classifyPrevalence(present, genomes);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const summary = PANGENOME_CLASSES.map((name) => ({
    class: name as string,
    families: counts.get(name) ?? 0,
  }));
  summary.push({ class: "total", families: summary.reduce((sum, row) => sum + row.families, 0) });
  return rowsToTable(summary);
}
