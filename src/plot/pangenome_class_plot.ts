/**
 * Bars of the pangenome classes: core, soft-core, shell and cloud gene families. The layout is
 * `pangenomeClassLayout`, the marks `pangenomeClassMarks`.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import type { RowSource } from "./rows_of.ts";
import { fontOf, renderFigure, sharedOptions } from "./_figure.ts";
import { countAxis } from "./_ticks.ts";
import {
  PANGENOME_CLASSES,
  type PangenomeClass,
  type PangenomeClassCountRow,
  pangenomeClassLayout,
} from "./pangenome_class_layout.ts";
import { pangenomeClassMarks } from "./pangenome_class_marks.ts";

export {
  PANGENOME_CLASSES,
  type PangenomeClass,
  type PangenomeClassCountRow,
} from "./pangenome_class_layout.ts";

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
  data: RowSource<PangenomeClassCountRow>,
  options: PangenomeClassPlotOptions = {},
): PlotFigure {
  const defaults = DEFAULT_PANGENOME_CLASS_PLOT_OPTIONS;
  const { colors = {}, labels = defaults.labels, ...rest } = options;
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const { bars, total } = pangenomeClassLayout(data);
  return renderFigure(
    {
      title: defaults.title,
      width: defaults.width,
      height: defaults.height,
      marginTop: labels ? 3 * fontSize + 8 : 14,
      marginLeft: 60,
      marginBottom: 2.8 * fontSize + 6,
      x: {
        domain: bars.map((b) => b.class),
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
      marks: [pangenomeClassMarks({ bars, total }, { labels, fontSize })],
    },
    leftovers,
    shared,
  );
}
