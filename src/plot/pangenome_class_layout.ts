/**
 * The layout of the pangenome-classes figure, computed without a DOM: a bar per class with its
 * count and share. `pangenomeClassMarks` draws it and `pangenomeClassPlot` renders it.
 *
 * @module
 */

import { rowsOf, type RowSource } from "./rows_of.ts";
import { numberField, stringField } from "./_figure.ts";

/** A pangenome class. */
export type PangenomeClass = "core" | "soft-core" | "shell" | "cloud";

/** The pangenome classes, from the most to the least shared. */
export const PANGENOME_CLASSES: readonly PangenomeClass[] = ["core", "soft-core", "shell", "cloud"];

/** One row of `pangenomeClassPlot`: how many gene families fall in a class. */
export interface PangenomeClassCountRow {
  /** The class. */
  class: PangenomeClass;
  /** The number of gene families (a `bigint` from SQLite is accepted). */
  count: number | bigint;
}

/** One bar of the pangenome-classes figure. */
export interface PangenomeClassBar {
  /** The class. */
  class: PangenomeClass;
  /** Gene families in it. */
  count: number;
  /** Its share of all gene families (0–1). */
  share: number;
  /** The label above the bar: `1,800\n(35.3%)`. */
  label: string;
  /** The tooltip. */
  title: string;
}

/** What {@linkcode pangenomeClassLayout} returns. */
export interface PangenomeClassBars {
  /** The bars of the classes with families, core to cloud. */
  bars: PangenomeClassBar[];
  /** All gene families. */
  total: number;
}

/**
 * Lays out the pangenome classes: adds the rows up per class and computes each class's share.
 *
 * @param data Rows `{class, count}`; repeated classes are added up.
 * @returns The bars (classes without families left out) and the total.
 * @throws {TypeError} When a row lacks a field.
 * @throws {RangeError} When a class is not core, soft-core, shell or cloud, or a count is negative.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pangenomeClassLayout } from "./pangenome_class_layout.ts";
 * const { bars, total } = pangenomeClassLayout([
 *   { class: "cloud", count: 1 }, { class: "core", count: 3 },
 * ]);
 * assert.equal(total, 4);
 * assert.deepEqual(bars.map((b) => [b.class, b.share]), [["core", 0.75], ["cloud", 0.25]]);
 * ```
 */
export function pangenomeClassLayout(data: RowSource<PangenomeClassCountRow>): PangenomeClassBars {
  const what = "pangenome classes";
  const sums = new Map<PangenomeClass, number>();
  rowsOf(data, what).forEach((row, i) => {
    const name = stringField(row, "class", i, what) as PangenomeClass;
    if (!PANGENOME_CLASSES.includes(name)) {
      throw new RangeError(
        `Cannot plot ${what}: row ${i} has class "${name}", expected core, soft-core, shell or cloud`,
      );
    }
    const count = numberField(row, "count", i, what);
    if (count < 0) {
      throw new RangeError(`Cannot plot ${what}: row ${i} has a negative count ${count}`);
    }
    sums.set(name, (sums.get(name) ?? 0) + count);
  });
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const bars = PANGENOME_CLASSES.filter((c) => (sums.get(c) ?? 0) > 0).map((c) => {
    const count = sums.get(c)!;
    const share = total > 0 ? count / total : 0;
    const n = count.toLocaleString("en-US");
    const percent = (100 * share).toFixed(1);
    return {
      class: c,
      count,
      share,
      label: `${n}\n(${percent}%)`,
      title: `${c}: ${n} (${percent}%)`,
    };
  });
  return { bars, total };
}
