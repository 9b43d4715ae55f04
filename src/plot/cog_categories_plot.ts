/**
 * COG functional categories per genome, in the standard COG colours.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import {
  COG_CATEGORIES,
  cogCategory,
  cogColor,
  cogLabel,
  type CogPalette,
} from "./cog_categories.ts";
import {
  fontOf,
  numberField,
  oneOf,
  positive,
  renderFigure,
  sharedOptions,
  stringField,
} from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";

/** One row of {@linkcode cogCategoriesPlot}: how many features of a genome are in a category. */
export interface CogCategoryCountRow {
  /** The genome (run) name. */
  genome: string;
  /** The COG category letter (`J`, `K`…); other values are drawn in grey after the known ones. */
  category: string;
  /** The number of features (a `bigint` from SQLite is accepted). */
  count: number | bigint;
}

/** How {@linkcode cogCategoriesPlot} lays out several genomes. */
export type CogCategoriesLayout = "grouped" | "stacked";

/** Options of {@linkcode cogCategoriesPlot}; other Plot options pass through to `Plot.plot`. */
export interface CogCategoriesPlotOptions extends FigureOptions {
  /**
   * Show each genome's categories as percentages of its category assignments.
   * @default false
   */
  normalize?: boolean;
  /**
   * `grouped`: one bar per category (category names on the axis), one panel per genome side by
   * side; `stacked`: one bar per genome stacked by category, with a legend.
   * @default "grouped"
   */
  layout?: CogCategoriesLayout;
  /**
   * The colours: `ncbi`, the NCBI COG colours (`fun-20.tab`), or `bakta`, those of Bakta's plot.
   * @default "ncbi"
   */
  palette?: CogPalette;
  /**
   * Show all 26 categories, also those no genome has.
   * @default false
   */
  showEmpty?: boolean;
  /**
   * The width of one genome's panel in the grouped layout, in px (the figure's width follows unless
   * `width` is given).
   * @default 180
   */
  panelWidth?: number;
  /**
   * The height of one bar band (a category in the grouped layout, a genome in the stacked one).
   * @default 20
   */
  barHeight?: number;
}

/** The defaults of {@linkcode cogCategoriesPlot}. */
export const DEFAULT_COG_CATEGORIES_PLOT_OPTIONS: Readonly<{
  title: string;
  normalize: boolean;
  layout: CogCategoriesLayout;
  palette: CogPalette;
  showEmpty: boolean;
  panelWidth: number;
  barHeight: number;
}> = Object.freeze({
  title: "COG functional categories",
  normalize: false,
  layout: "grouped" as CogCategoriesLayout,
  palette: "ncbi" as CogPalette,
  showEmpty: false,
  panelWidth: 180,
  barHeight: 20,
});

/** The colour of values that are not a COG category letter. */
const OTHER_COLOR = "#9e9e9e";

interface CogBar {
  genome: string;
  category: string;
  label: string;
  count: number;
  value: number;
}

/**
 * Draws the COG functional categories of one or more genomes with the standard COG colours and
 * names (`J: Translation, ribosomal structure and biogenesis`…), in the NCBI order (by functional
 * group). Grouped: one bar per category and one panel per genome; stacked: one bar per genome.
 *
 * @param data Rows `{genome, category, count}` (an array, or an Arquero table); repeated
 * (genome, category) pairs are added up.
 * @param options Layout, normalization, palette; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field or has a count that is not a number.
 * @throws {RangeError} When a count is negative or an option is out of range.
 *
 * @example One genome
 * ```ts
 * import { cogCategoriesPlot } from "./cog_categories_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = cogCategoriesPlot([
 *   { genome: "C22", category: "J", count: 160 },
 *   { genome: "C22", category: "S", count: 420 },
 * ]);
 * const fills = Array.from(figure.querySelectorAll('g[aria-label="bar"] rect'))
 *   .map((r) => r.getAttribute("fill"));
 * assert.deepEqual(fills, ["#FCCCFC", "#CCCCCC"]);
 * ```
 */
export function cogCategoriesPlot(
  data: RowSource<CogCategoryCountRow>,
  options: CogCategoriesPlotOptions = {},
): PlotFigure {
  const D = DEFAULT_COG_CATEGORIES_PLOT_OPTIONS;
  const {
    normalize = D.normalize,
    layout = D.layout,
    palette = D.palette,
    showEmpty = D.showEmpty,
    panelWidth = D.panelWidth,
    barHeight = D.barHeight,
    ...rest
  } = options;
  oneOf("layout", layout, ["grouped", "stacked"]);
  oneOf("palette", palette, ["ncbi", "bakta"]);
  positive("panelWidth", panelWidth);
  positive("barHeight", barHeight);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const what = "COG categories";

  const sums = new Map<string, Map<string, number>>();
  rowsOf(data, what).forEach((row, i) => {
    const genome = stringField(row, "genome", i, what);
    const raw = stringField(row, "category", i, what).trim();
    const category = cogCategory(raw)?.letter ?? raw;
    const count = numberField(row, "count", i, what);
    if (count < 0) {
      throw new RangeError(`Cannot plot ${what}: row ${i} has a negative count ${count}`);
    }
    const byCategory = sums.get(genome) ?? new Map<string, number>();
    byCategory.set(category, (byCategory.get(category) ?? 0) + count);
    sums.set(genome, byCategory);
  });
  const genomes = [...sums.keys()];
  const present = new Set(
    [...sums.values()].flatMap((m) => [...m].filter(([, n]) => n > 0).map(([c]) => c)),
  );
  const known = COG_CATEGORIES.map((c) => c.letter).filter((l) => showEmpty || present.has(l));
  const unknown = [...present].filter((c) => cogCategory(c) === undefined).sort();
  const categories = [...known, ...unknown];
  const labels = categories.map(cogLabel);
  const colorOf = (c: string) => (cogCategory(c) ? cogColor(c, palette) : OTHER_COLOR);
  const totalOf = new Map(
    genomes.map((g) => [g, [...sums.get(g)!.values()].reduce((a, b) => a + b, 0)]),
  );
  const bars: CogBar[] = [];
  for (const genome of genomes) {
    for (const category of categories) {
      const count = sums.get(genome)!.get(category) ?? 0;
      if (count <= 0 && !(showEmpty && layout === "grouped")) continue;
      const total = totalOf.get(genome)!;
      const value = normalize ? (total > 0 ? (100 * count) / total : 0) : count;
      bars.push({ genome, category, label: cogLabel(category), count, value });
    }
  }
  const xLabel = normalize ? "Share of COG assignments (%)" : "Number of features";
  const tip = (d: CogBar) =>
    `${d.genome}\n${d.label}: ${d.count.toLocaleString("en-US")}${
      normalize ? ` (${d.value.toFixed(1)}%)` : ""
    }`;
  const common = {
    fill: "label",
    stroke: "#555555",
    strokeWidth: 0.5,
    title: tip,
  };
  const color = { type: "ordinal", domain: labels, range: categories.map(colorOf) };
  const marginBottom = 2.8 * fontSize + 6;

  if (layout === "stacked") {
    const genomeWidth = Math.max(0, ...genomes.map((g) => estimateTextWidth(g, fontSize)));
    const legendColumn = Math.max(0, ...labels.map((l) => estimateTextWidth(l, fontSize))) +
      15 + 1.5 * fontSize;
    return renderFigure(
      {
        title: D.title,
        width: Math.max(640, Math.ceil(2 * legendColumn)),
        height: 10 + marginBottom + genomes.length * Math.max(barHeight, 30),
        marginLeft: Math.ceil(genomeWidth) + 14,
        marginRight: 20,
        marginTop: 10,
        marginBottom,
        x: {
          label: xLabel,
          labelAnchor: "center",
          labelArrow: "none",
          labelOffset: 2.6 * fontSize,
          grid: true,
          ...(normalize ? { domain: [0, 100] } : {}),
        },
        y: { label: null, domain: genomes, padding: 0.15 },
        color: { ...color, legend: true, columns: 2 },
        marks: [
          Plot.barX(bars, {
            ...common,
            x: "value",
            y: "genome",
            order: (d: CogBar) => categories.indexOf(d.category),
            insetTop: 1,
            insetBottom: 1,
          }),
          Plot.ruleX([0]),
        ],
      },
      leftovers,
      shared,
    );
  }

  const labelWidth = Math.max(0, ...labels.map((l) => estimateTextWidth(l, fontSize)));
  const marginLeft = Math.ceil(labelWidth) + 14;
  const faceted = genomes.length > 1;
  const marginTop = faceted ? 2 * fontSize + 4 : 10;
  const marks: Plot.Markish[] = [
    Plot.barX(bars, {
      ...common,
      x: "value",
      y: "label",
      ...(faceted ? { fx: "genome" } : {}),
      insetTop: 1,
      insetBottom: 1,
    }),
    Plot.ruleX([0]),
  ];
  if (faceted) marks.push(Plot.frame({ stroke: "#dddddd" }));
  return renderFigure(
    {
      title: D.title,
      width: marginLeft + 20 + Math.max(1, genomes.length) * panelWidth,
      height: marginTop + marginBottom + categories.length * barHeight,
      marginLeft,
      marginRight: 20,
      marginTop,
      marginBottom,
      x: {
        label: xLabel,
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
        grid: true,
        nice: true,
        ticks: 4,
      },
      y: { label: null, domain: labels, padding: 0.12 },
      ...(faceted
        ? { fx: { label: null, domain: genomes, padding: 0.08, axis: "top", tickSize: 0 } }
        : {}),
      color,
      marks,
    },
    leftovers,
    shared,
  );
}
