/**
 * Bars of the pangenome classes: core, soft-core, shell and cloud gene families.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import { fontOf, numberField, renderFigure, sharedOptions, stringField } from "./_figure.ts";
import { countAxis } from "./_ticks.ts";

/** A pangenome class. */
export type PangenomeClass = "core" | "soft-core" | "shell" | "cloud";

/** The pangenome classes, from the most to the least shared. */
export const PANGENOME_CLASSES: readonly PangenomeClass[] = ["core", "soft-core", "shell", "cloud"];

/** One row of {@linkcode pangenomeClassPlot}: how many gene families fall in a class. */
export interface PangenomeClassRow {
  /** The class. */
  class: PangenomeClass;
  /** The number of gene families (a `bigint` from SQLite is accepted). */
  count: number | bigint;
}

/** Options of {@linkcode pangenomeClassPlot}; other Plot options pass through to `Plot.plot`. */
export interface PangenomeClassPlotOptions extends FigureOptions {
  /**
   * Colours per class, replacing the defaults (`PANGENOME_CLASS_COLORS`) for the classes given.
   * @default {}
   */
  colors?: Readonly<Partial<Record<PangenomeClass, string>>>;
  /**
   * Write the count and share above each bar.
   * @default true
   */
  labels?: boolean;
}

/** The default colours of the classes: darker for more widely shared families. */
export const PANGENOME_CLASS_COLORS: Readonly<Record<PangenomeClass, string>> = Object.freeze({
  core: "#08519c",
  "soft-core": "#3182bd",
  shell: "#6baed6",
  cloud: "#bdd7e7",
});

/** The defaults of {@linkcode pangenomeClassPlot}. */
export const DEFAULT_PANGENOME_CLASS_PLOT_OPTIONS: Readonly<
  { title: string; labels: boolean; width: number; height: number }
> = Object.freeze({
  title: "Pangenome composition",
  labels: true,
  width: 520,
  height: 380,
});

interface ClassBar {
  class: PangenomeClass;
  count: number;
  share: number;
}

/**
 * Draws the number of gene families per pangenome class as bars, core to cloud, each labelled
 * with its count and its share of all families.
 *
 * @param data Rows `{class, count}` (an array, or an Arquero table); repeated classes are added up.
 * @param options Colours and labels; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field.
 * @throws {RangeError} When a class is not core, soft-core, shell or cloud, or a count is negative.
 *
 * @example
 * ```ts
 * import { pangenomeClassPlot } from "./pangenome_class_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = pangenomeClassPlot([
 *   { class: "core", count: 1800 },
 *   { class: "shell", count: 900 },
 *   { class: "cloud", count: 2400 },
 * ]);
 * assert.equal(figure.querySelectorAll('g[aria-label="bar"] rect').length, 3);
 * ```
 */
export function pangenomeClassPlot(
  data: RowSource<PangenomeClassRow>,
  options: PangenomeClassPlotOptions = {},
): PlotFigure {
  const D = DEFAULT_PANGENOME_CLASS_PLOT_OPTIONS;
  const { colors = {}, labels = D.labels, ...rest } = options;
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
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
  const bars: ClassBar[] = PANGENOME_CLASSES.filter((c) => (sums.get(c) ?? 0) > 0).map((c) => ({
    class: c,
    count: sums.get(c)!,
    share: total > 0 ? sums.get(c)! / total : 0,
  }));
  const marks: Plot.Markish[] = [
    Plot.barY(bars, {
      x: "class",
      y: "count",
      fill: "class",
      title: (d: ClassBar) =>
        `${d.class}: ${d.count.toLocaleString("en-US")} (${(100 * d.share).toFixed(1)}%)`,
    }),
    Plot.ruleY([0]),
  ];
  if (labels) {
    marks.push(
      Plot.text(bars, {
        x: "class",
        y: "count",
        text: (d: ClassBar) =>
          `${d.count.toLocaleString("en-US")}\n(${(100 * d.share).toFixed(1)}%)`,
        lineAnchor: "bottom",
        dy: -5,
        fontSize: fontSize * 0.95,
      }),
    );
  }
  return renderFigure(
    {
      title: D.title,
      width: D.width,
      height: D.height,
      marginTop: labels ? 3 * fontSize + 8 : 14,
      marginLeft: 60,
      marginBottom: 2.8 * fontSize + 6,
      x: {
        domain: PANGENOME_CLASSES.filter((c) => sums.has(c) && sums.get(c)! > 0),
        label: `Pangenome class (${total.toLocaleString("en-US")} gene families)`,
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
        padding: 0.25,
        tickSize: 0,
      },
      y: {
        label: "Gene families",
        labelArrow: "none",
        grid: true,
        nice: true,
        ...countAxis(Math.max(0, ...bars.map((b) => b.count))),
      },
      color: {
        type: "ordinal",
        domain: PANGENOME_CLASSES,
        range: PANGENOME_CLASSES.map((c) => colors[c] ?? PANGENOME_CLASS_COLORS[c]),
      },
      marks,
    },
    leftovers,
    shared,
  );
}
