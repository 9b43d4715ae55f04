/**
 * The arithmetic of gene–trait association over a presence/absence matrix: one 2×2 table per
 * family, Fisher's exact test, multiple-testing corrections and, with strata, the
 * Cochran–Mantel–Haenszel test. No database here: `traitAssociation` feeds it.
 *
 * @module
 */

import { benjaminiHochberg, bonferroni } from "./adjust_p_values.ts";
import { fisherExact, logFactorials } from "./fisher_exact.ts";
import { mantelHaenszel, type MantelHaenszelResult, type StratumTable } from "./mantel_haenszel.ts";

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

/** The result of {@linkcode associateFamilyColumns}: one entry per tested family, by p. */
export interface FamilyAssociationColumns {
  /** The family, as its index in the input's `families`. */
  family: Int32Array;
  /** See {@linkcode FamilyAssociationRow}. */
  pos_present: Int32Array;
  /** See {@linkcode FamilyAssociationRow}. */
  neg_present: Int32Array;
  /** See {@linkcode FamilyAssociationRow}. */
  pos_absent: Int32Array;
  /** See {@linkcode FamilyAssociationRow}. */
  neg_absent: Int32Array;
  /** See {@linkcode FamilyAssociationRow}. */
  sensitivity: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  specificity: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  odds_ratio: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  p: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  neg_log10_p: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  p_bh: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  p_bonferroni: Float64Array;
  /** See {@linkcode FamilyAssociationRow}. */
  cmh_p: (number | null)[];
  /** See {@linkcode FamilyAssociationRow}. */
  cmh_odds_ratio: (number | null)[];
}

/**
 * The association of every tested family as typed columns, one entry per tested family in output
 * order (by p, then family): `family` holds indices into the input's `families`. This is what
 * {@linkcode associateFamilies} computes, without an object per family: the 2×2 tables are
 * counted over the sparse matrix, Fisher's test is computed once per distinct table (most
 * families of a large cohort share a few tables: singletons differ only by which genome carries
 * them), and so is the Cochran–Mantel–Haenszel test per distinct set of stratum tables; the order
 * is a counting sort over the distinct p-values, stable over the family order.
 *
 * @param input The matrix, the trait and the strata.
 * @returns The columns.
 * @throws {RangeError} As {@linkcode associateFamilies}.
 *
 * @example Columns of a family that follows the trait
 * ```ts
 * import assert from "node:assert/strict";
 * import { associateFamilyColumns } from "./associate_families.ts";
 * const columns = associateFamilyColumns({
 *   families: ["core", "amr", "other"],
 *   sparse: { offsets: [0, 4, 6, 8], genome: [0, 1, 2, 3, 0, 1, 0, 2] },
 *   trait: [1, 1, 0, 0],
 * });
 * assert.deepEqual([...columns.family], [1, 2]); // amr (p = 1/3), then other (p = 1)
 * assert.deepEqual([...columns.pos_present], [2, 1]);
 * assert.equal(columns.cmh_p[0], null);
 * ```
 */
export function associateFamilyColumns(input: FamilyPresenceInput): FamilyAssociationColumns {
  const { families, trait, strata } = input;
  const matrix = checkMatrix(input);
  const [positives, present] = countPresence(families.length, matrix, trait);
  let totalPositives = 0;
  for (let g = 0; g < trait.length; g++) if (trait[g]) totalPositives++;
  const tables = { positives, present, totalPositives, total: trait.length };
  const { columns, tested, order } = testTables(families, tables);
  if (strata !== undefined) {
    const cmh = memoisedMantelHaenszel(matrix, trait, strata);
    order.forEach((i, row) => {
      const result = cmh(tested[i]);
      columns.cmh_p[row] = result.p;
      columns.cmh_odds_ratio[row] = result.oddsRatio;
    });
  }
  return columns;
}

/** What {@linkcode associateFamilyCounts} takes: per family, its carriers with and without the trait. */
export interface FamilyCountsInput {
  /** The families, in the order ties keep (code-unit order of the names). */
  families: readonly string[];
  /** Per family: how many genomes carry it. */
  present: Int32Array;
  /** Per family: how many genomes with the trait carry it. */
  positives: Int32Array;
  /** How many genomes there are. */
  total: number;
  /** How many of them have the trait. */
  totalPositives: number;
}

/**
 * The association of every tested family from its counts alone (no matrix): the columns of
 * {@linkcode associateFamilyColumns} without the stratified test (`cmh_p` and `cmh_odds_ratio`
 * null), for a cohort whose carriers were counted by family in one pass.
 *
 * @param input The families, their carriers with and without the trait, and the genomes.
 * @returns The columns, by p then family.
 * @throws {RangeError} When the counts disagree in length with the families or exceed the genomes.
 *
 * @example The counts of the family that follows the trait
 * ```ts
 * import assert from "node:assert/strict";
 * import { associateFamilyCounts } from "./associate_families.ts";
 * const columns = associateFamilyCounts({
 *   families: ["amr", "core", "other"],
 *   present: Int32Array.of(2, 4, 2),
 *   positives: Int32Array.of(2, 2, 1),
 *   total: 4,
 *   totalPositives: 2,
 * });
 * assert.deepEqual([...columns.family], [0, 2]); // amr (p = 1/3), then other (p = 1)
 * ```
 */
export function associateFamilyCounts(input: FamilyCountsInput): FamilyAssociationColumns {
  const { families, present, positives, total, totalPositives } = input;
  if (present.length !== families.length || positives.length !== families.length) {
    throw new RangeError(
      `Cannot test ${families.length} families: ${present.length} carrier counts and ${positives.length} trait carrier counts`,
    );
  }
  if (!(totalPositives >= 0 && totalPositives <= total)) {
    throw new RangeError(`Cannot test ${total} genomes of which ${totalPositives} have the trait`);
  }
  for (let f = 0; f < families.length; f++) {
    if (!(present[f] <= total && positives[f] <= present[f] && positives[f] <= totalPositives)) {
      throw new RangeError(
        `Cannot test family "${families[f]}": ${positives[f]} of its ${
          present[f]
        } carriers have the trait, of ${total} genomes`,
      );
    }
  }
  return testTables(families, { positives, present, totalPositives, total }).columns;
}

/** Fisher's test of every tested family, its order by p, the columns and their corrections. */
function testTables(families: readonly string[], tables: TableCounts) {
  const tested = testedFamilies(families, tables.present, tables.total);
  const fisher = fisherByTable(tested, tables);
  const order = orderByP(fisher.group, fisher.negLog10P);
  const columns = fillColumns(tested, order, tables, fisher);
  const m = order.length;
  columns.p_bh = benjaminiHochberg(columns.p, Int32Array.from({ length: m }, (_, i) => i));
  columns.p_bonferroni = bonferroni(columns.p);
  return { columns, tested, order };
}

/**
 * Tests every family present in some but not all genomes for association with a binary trait:
 * the 2×2 table, Fisher's exact test (two-sided, in log space), Benjamini–Hochberg and
 * Bonferroni over the families tested, sensitivity, specificity, odds ratio and, with strata, the
 * Cochran–Mantel–Haenszel test. Rows are sorted by p, then family. One object per family: for a
 * large cohort {@linkcode associateFamilyColumns} gives the same as typed columns.
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
  const c = associateFamilyColumns(input);
  return Array.from(c.family, (f, i) => ({
    family: input.families[f],
    pos_present: c.pos_present[i],
    neg_present: c.neg_present[i],
    pos_absent: c.pos_absent[i],
    neg_absent: c.neg_absent[i],
    sensitivity: c.sensitivity[i],
    specificity: c.specificity[i],
    odds_ratio: c.odds_ratio[i],
    p: c.p[i],
    neg_log10_p: c.neg_log10_p[i],
    p_bh: c.p_bh[i],
    p_bonferroni: c.p_bonferroni[i],
    cmh_p: c.cmh_p[i],
    cmh_odds_ratio: c.cmh_odds_ratio[i],
  }));
}

/** The per-family counts the 2×2 tables are made of. */
interface TableCounts {
  /** Per family: trait genomes carrying it. */
  positives: Int32Array;
  /** Per family: genomes carrying it. */
  present: Int32Array;
  /** Trait genomes. */
  totalPositives: number;
  /** Genomes. */
  total: number;
}

/** The families present in some but not all genomes, in family (code-unit) order. */
function testedFamilies(families: readonly string[], present: Int32Array, total: number) {
  const tested: number[] = [];
  for (let f = 0; f < present.length; f++) if (present[f] > 0 && present[f] < total) tested.push(f);
  let sorted = true;
  for (let i = 1; i < tested.length && sorted; i++) {
    sorted = families[tested[i - 1]] <= families[tested[i]];
  }
  if (!sorted) {
    tested.sort((x, y) => (families[x] < families[y] ? -1 : families[x] > families[y] ? 1 : 0));
  }
  return Int32Array.from(tested);
}

/**
 * Fisher's test once per distinct 2×2 table: per tested family the index of its table
 * (`group`), and per table its p, log p and −log10 p.
 */
function fisherByTable(tested: Int32Array, counts: TableCounts) {
  const { positives, present, totalPositives, total } = counts;
  const lf = logFactorials(total);
  const negatives = total - totalPositives;
  const index = new Map<number, number>();
  const group = new Int32Array(tested.length);
  const p: number[] = [];
  const negLog10P: number[] = [];
  for (let i = 0; i < tested.length; i++) {
    const a = positives[tested[i]];
    const c = present[tested[i]] - a;
    const key = a * (negatives + 1) + c;
    let g = index.get(key);
    if (g === undefined) {
      g = p.length;
      index.set(key, g);
      const result = fisherExact(a, totalPositives - a, c, negatives - c, lf);
      p.push(result.p);
      negLog10P.push(result.logP === 0 ? 0 : -result.logP / Math.LN10); // p = 1 gives 0, not -0
    }
    group[i] = g;
  }
  return { group, p: Float64Array.from(p), negLog10P: Float64Array.from(negLog10P) };
}

/**
 * Positions 0 … n − 1 (tested families, in family order) ordered by −log10 p descending, ties in
 * family order: the distinct values are ranked, then a counting sort by rank.
 */
function orderByP(group: Int32Array, negLog10P: Float64Array): Int32Array {
  const groups = Int32Array.from(negLog10P.keys()).sort((x, y) => negLog10P[y] - negLog10P[x]);
  const rank = new Int32Array(groups.length);
  let r = 0;
  groups.forEach((g, i) => {
    if (i > 0 && negLog10P[g] !== negLog10P[groups[i - 1]]) r++;
    rank[g] = r;
  });
  const starts = new Int32Array(r + 2);
  for (const g of group) starts[rank[g] + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Int32Array(group.length);
  for (let i = 0; i < group.length; i++) order[starts[rank[group[i]]]++] = i;
  return order;
}

/** The columns of the tested families in output order (corrections and CMH filled in later). */
function fillColumns(
  tested: Int32Array,
  order: Int32Array,
  counts: TableCounts,
  fisher: { group: Int32Array; p: Float64Array; negLog10P: Float64Array },
): FamilyAssociationColumns {
  const { positives, present, totalPositives, total } = counts;
  const n = order.length;
  const columns: FamilyAssociationColumns = {
    family: new Int32Array(n),
    pos_present: new Int32Array(n),
    neg_present: new Int32Array(n),
    pos_absent: new Int32Array(n),
    neg_absent: new Int32Array(n),
    sensitivity: new Float64Array(n),
    specificity: new Float64Array(n),
    odds_ratio: new Float64Array(n),
    p: new Float64Array(n),
    neg_log10_p: new Float64Array(n),
    p_bh: new Float64Array(n),
    p_bonferroni: new Float64Array(n),
    cmh_p: new Array<number | null>(n).fill(null),
    cmh_odds_ratio: new Array<number | null>(n).fill(null),
  };
  for (let row = 0; row < n; row++) {
    const i = order[row];
    const f = tested[i];
    const a = positives[f];
    const b = totalPositives - a;
    const c = present[f] - a;
    const d = total - totalPositives - c;
    columns.family[row] = f;
    columns.pos_present[row] = a;
    columns.neg_present[row] = c;
    columns.pos_absent[row] = b;
    columns.neg_absent[row] = d;
    columns.sensitivity[row] = a / (a + b);
    columns.specificity[row] = d / (c + d);
    columns.odds_ratio[row] = (a * d) / (b * c);
    columns.p[row] = fisher.p[fisher.group[i]];
    columns.neg_log10_p[row] = fisher.negLog10P[fisher.group[i]];
  }
  return columns;
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

/**
 * The Cochran–Mantel–Haenszel test of a family (by index) across strata, computed once per
 * distinct set of per-stratum tables (keyed by each stratum's trait-yes and trait-no carriers).
 */
function memoisedMantelHaenszel(
  { offsets, genome }: SparsePresence,
  trait: ArrayLike<number>,
  strata: ArrayLike<number>,
): (f: number) => MantelHaenszelResult {
  let k = 0;
  for (let g = 0; g < strata.length; g++) k = Math.max(k, strata[g] + 1);
  const yes = new Int32Array(k);
  const no = new Int32Array(k);
  for (let g = 0; g < trait.length; g++) (trait[g] ? yes : no)[strata[g]]++;
  const a = new Int32Array(k);
  const c = new Int32Array(k);
  const key = tablesKey(yes, no);
  const memo = new Map<number | string, MantelHaenszelResult>();
  return (f) => {
    a.fill(0);
    c.fill(0);
    for (let i = offsets[f]; i < offsets[f + 1]; i++) {
      const g = genome[i];
      (trait[g] ? a : c)[strata[g]]++;
    }
    const at = key(a, c);
    let result = memo.get(at);
    if (result === undefined) {
      const tables: StratumTable[] = Array.from({ length: k }, (_, s) => ({
        a: a[s],
        b: yes[s] - a[s],
        c: c[s],
        d: no[s] - c[s],
      }));
      result = mantelHaenszel(tables);
      memo.set(at, result);
    }
    return result;
  };
}

/**
 * The key of a set of stratum tables (trait-yes carriers `a[s]` ≤ `yes[s]`, trait-no carriers
 * `c[s]` ≤ `no[s]`): one mixed-radix number when every such set fits in a double exactly, else
 * the counts as text.
 */
function tablesKey(
  yes: Int32Array,
  no: Int32Array,
): (a: Int32Array, c: Int32Array) => number | string {
  let keys = 1;
  for (let s = 0; s < yes.length; s++) keys *= (yes[s] + 1) * (no[s] + 1);
  if (keys > Number.MAX_SAFE_INTEGER) return (a, c) => `${a.join()};${c.join()}`;
  return (a, c) => {
    let key = 0;
    for (let s = 0; s < yes.length; s++) {
      key = (key * (yes[s] + 1) + a[s]) * (no[s] + 1) + c[s];
    }
    return key;
  };
}
