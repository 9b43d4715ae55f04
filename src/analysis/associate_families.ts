/**
 * The arithmetic of gene–trait association over a presence/absence matrix: one 2×2 table per
 * family, Fisher's exact test, multiple-testing corrections and, with strata, the
 * Cochran–Mantel–Haenszel test. No database here: `traitAssociation` feeds it.
 *
 * @module
 */

import { benjaminiHochberg, bonferroni } from "./adjust_p_values.ts";
import { fisherExact, logFactorials } from "./fisher_exact.ts";
import { mantelHaenszel, type StratumTable } from "./mantel_haenszel.ts";

/** The input of {@linkcode associateFamilies}. */
export interface FamilyPresenceInput {
  /** The families (rows of the matrix). */
  families: readonly string[];
  /**
   * One column per genome: `columns[g][f]` is nonzero when genome g carries family f. Give this
   * or `sparse`.
   */
  columns?: readonly ArrayLike<number>[];
  /**
   * The same matrix by family (as `familyPresence` holds it): family f is carried by the genomes
   * `genome[offsets[f]] … genome[offsets[f + 1] − 1]`, each once. Give this or `columns`.
   */
  sparse?: SparsePresence;
  /** Per genome: 1 trait yes, 0 trait no (every genome here has a value). */
  trait: ArrayLike<number>;
  /** Per genome: its stratum (0 … k − 1), for the Cochran–Mantel–Haenszel test; absent for none. */
  strata?: ArrayLike<number>;
}

/** A presence matrix by family (see {@linkcode FamilyPresenceInput.sparse}). */
export interface SparsePresence {
  /** Where each family's genomes start in `genome`; one more entry than families. */
  offsets: ArrayLike<number>;
  /** Genome indices, family after family. */
  genome: ArrayLike<number>;
}

/** One tested family. */
export interface FamilyAssociationRow {
  /** The family. */
  family: string;
  /** Genomes with the trait that carry the family (Scoary's `Number_pos_present_in`). */
  pos_present: number;
  /** Genomes without the trait that carry it. */
  neg_present: number;
  /** Genomes with the trait that lack it. */
  pos_absent: number;
  /** Genomes without the trait that lack it. */
  neg_absent: number;
  /** pos_present / (pos_present + pos_absent): the share of trait genomes carrying it (0–1). */
  sensitivity: number;
  /** neg_absent / (neg_present + neg_absent): the share of other genomes lacking it (0–1). */
  specificity: number;
  /** (pos_present · neg_absent) / (pos_absent · neg_present); Infinity or 0 at a zero cell, NaN at two. */
  odds_ratio: number;
  /** Fisher's exact test, two-sided (the naive p-value). */
  p: number;
  /** −log10 p, finite where p underflows (for volcano plots). */
  neg_log10_p: number;
  /** Benjamini–Hochberg adjusted p over the tested families. */
  p_bh: number;
  /** Bonferroni corrected p over the tested families. */
  p_bonferroni: number;
  /** The Cochran–Mantel–Haenszel p across strata; null without strata or when no stratum varies. */
  cmh_p: number | null;
  /** The Mantel–Haenszel common odds ratio; null without strata or when undefined. */
  cmh_odds_ratio: number | null;
}

/**
 * Tests every family present in some but not all genomes for association with a binary trait:
 * the 2×2 table, Fisher's exact test (two-sided, in log space), Benjamini–Hochberg and
 * Bonferroni over the families tested, sensitivity, specificity, odds ratio and, with strata, the
 * Cochran–Mantel–Haenszel test. Rows are sorted by p, then family.
 *
 * @param input The matrix, the trait and the strata.
 * @returns One row per tested family.
 * @throws {RangeError} When the matrix (`columns` or `sparse`, exactly one), trait and strata
 *   disagree in size.
 *
 * @example A family that follows the trait
 * ```ts
 * import assert from "node:assert/strict";
 * import { associateFamilies } from "./associate_families.ts";
 * const rows = associateFamilies({
 *   families: ["core", "amr", "other"],
 *   columns: [[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0]],
 *   trait: [1, 1, 0, 0],
 * });
 * assert.deepEqual(rows.map((r) => [r.family, r.pos_present, r.neg_present]), [["amr", 2, 0], ["other", 1, 1]]);
 * assert.ok(Math.abs(rows[0].p - 2 / 6) < 1e-12); // tables with x = 0 and x = 2, 1/6 each
 * ```
 *
 * @example The same matrix by family
 * ```ts
 * import assert from "node:assert/strict";
 * import { associateFamilies } from "./associate_families.ts";
 * const rows = associateFamilies({
 *   families: ["core", "amr", "other"],
 *   // core in genomes 0–3, amr in 0 and 1, other in 0 and 2
 *   sparse: { offsets: [0, 4, 6, 8], genome: [0, 1, 2, 3, 0, 1, 0, 2] },
 *   trait: [1, 1, 0, 0],
 * });
 * assert.deepEqual(rows.map((r) => [r.family, r.pos_present, r.neg_present]), [["amr", 2, 0], ["other", 1, 1]]);
 * ```
 */
export function associateFamilies(input: FamilyPresenceInput): FamilyAssociationRow[] {
  const { families, trait, strata } = input;
  const matrix = checkMatrix(input);
  const [positives, present] = countPresence(families.length, matrix, trait);
  const total = trait.length;
  const totalPositives = Array.from(trait).filter((t) => t).length;
  const lf = logFactorials(total);
  const byStratum = strata === undefined ? undefined : stratumCounter(matrix, trait, strata);
  const rows: FamilyAssociationRow[] = [];
  for (let f = 0; f < families.length; f++) {
    if (present[f] === 0 || present[f] === total) continue;
    const a = positives[f];
    const b = totalPositives - a;
    const c = present[f] - a;
    const d = total - totalPositives - c;
    const { p, logP } = fisherExact(a, b, c, d, lf);
    const cmh = byStratum === undefined ? undefined : mantelHaenszel(byStratum(f));
    rows.push({
      family: families[f],
      pos_present: a,
      neg_present: c,
      pos_absent: b,
      neg_absent: d,
      sensitivity: a / (a + b),
      specificity: d / (c + d),
      odds_ratio: (a * d) / (b * c),
      p,
      neg_log10_p: logP === 0 ? 0 : -logP / Math.LN10, // p = 1 gives 0, not -0
      p_bh: 0,
      p_bonferroni: 0,
      cmh_p: cmh?.p ?? null,
      cmh_odds_ratio: cmh?.oddsRatio ?? null,
    });
  }
  adjust(rows);
  return rows.sort((x, y) =>
    y.neg_log10_p - x.neg_log10_p || (x.family < y.family ? -1 : x.family > y.family ? 1 : 0)
  );
}

/** Checks the input's sizes and gives the matrix by family (dense columns are converted). */
function checkMatrix(input: FamilyPresenceInput): SparsePresence {
  const { families, columns, sparse, trait, strata } = input;
  if ((columns === undefined) === (sparse === undefined)) {
    throw new RangeError(`Cannot test: give the matrix as "columns" or as "sparse", not both`);
  }
  const genomes = columns?.length ?? trait.length;
  if (trait.length !== genomes || (strata !== undefined && strata.length !== genomes)) {
    throw new RangeError(
      `Cannot test ${genomes} genomes: the trait has ${trait.length} values` +
        (strata === undefined ? "" : ` and the strata ${strata.length}`),
    );
  }
  if (sparse !== undefined) {
    if (sparse.offsets.length !== families.length + 1) {
      throw new RangeError(
        `Cannot test: the sparse matrix has ${sparse.offsets.length} offsets for ${families.length} families`,
      );
    }
    return sparse;
  }
  columns!.forEach((column, g) => {
    if (column.length !== families.length) {
      throw new RangeError(
        `Cannot test: genome column ${g} has ${column.length} cells for ${families.length} families`,
      );
    }
  });
  return toSparse(families.length, columns!);
}

/** Dense columns (one per genome) as a matrix by family. */
function toSparse(families: number, columns: readonly ArrayLike<number>[]): SparsePresence {
  const offsets = new Int32Array(families + 1);
  for (const column of columns) {
    for (let f = 0; f < families; f++) if (column[f]) offsets[f + 1]++;
  }
  for (let f = 0; f < families; f++) offsets[f + 1] += offsets[f];
  const genome = new Int32Array(offsets[families]);
  const next = offsets.slice(0, families);
  columns.forEach((column, g) => {
    for (let f = 0; f < families; f++) if (column[f]) genome[next[f]++] = g;
  });
  return { offsets, genome };
}

/** Per family: how many trait genomes carry it, and how many genomes in all. */
function countPresence(
  families: number,
  { offsets, genome }: SparsePresence,
  trait: ArrayLike<number>,
): [Int32Array, Int32Array] {
  const positives = new Int32Array(families);
  const present = new Int32Array(families);
  for (let f = 0; f < families; f++) {
    present[f] = offsets[f + 1] - offsets[f];
    for (let i = offsets[f]; i < offsets[f + 1]; i++) if (trait[genome[i]]) positives[f]++;
  }
  return [positives, present];
}

/** A function giving a family's 2×2 table in each stratum. */
function stratumCounter(
  { offsets, genome }: SparsePresence,
  trait: ArrayLike<number>,
  strata: ArrayLike<number>,
): (f: number) => StratumTable[] {
  const k = Math.max(-1, ...Array.from(strata)) + 1;
  const yes = new Int32Array(k);
  const no = new Int32Array(k);
  for (let g = 0; g < trait.length; g++) (trait[g] ? yes : no)[strata[g]]++;
  return (f) => {
    const tables = Array.from({ length: k }, (_, s) => ({ a: 0, b: yes[s], c: 0, d: no[s] }));
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      const g = genome[i];
      const table = tables[strata[g]];
      if (trait[g]) {
        table.a++;
        table.b--;
      } else {
        table.c++;
        table.d--;
      }
    }
    return tables;
  };
}

/** Fills in the corrected p-values over the tested families. */
function adjust(rows: FamilyAssociationRow[]): void {
  const p = rows.map((row) => row.p);
  const bh = benjaminiHochberg(p);
  const bonf = bonferroni(p);
  rows.forEach((row, i) => {
    row.p_bh = bh[i];
    row.p_bonferroni = bonf[i];
  });
}
