/**
 * Stacked bars of the feature types of each genome.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import { featureTypeColor, featureTypeLabel, orderFeatureTypes } from "./feature_colors.ts";
import {
  fontOf,
  numberField,
  positive,
  renderFigure,
  sharedOptions,
  stringField,
} from "./_figure.ts";
import { countAxis } from "./_ticks.ts";
import { estimateTextWidth } from "./_text.ts";

/** One row of {@linkcode featureTypesPlot}: how many features of a type a genome has. */
export interface FeatureTypeCountRow {
  /** The genome (run) name, as shown on the axis. */
  genome: string;
  /** The feature type, in Bakta JSON naming (`cds`, `tRNA`, `ncRNA-region`…). */
  type: string;
  /** The number of features (a `bigint` from SQLite is accepted). */
  count: number | bigint;
}

/** Options of {@linkcode featureTypesPlot}; other Plot options pass through to `Plot.plot`. */
export interface FeatureTypesPlotOptions extends FigureOptions {
  /**
   * Show each genome's features as percentages of its total instead of counts.
   * @default false
   */
  normalize?: boolean;
  /**
   * Write each genome's total at the end of its bar.
   * @default true
   */
  totals?: boolean;
  /**
   * The height of one genome's bar band, in px (the figure's height follows from it unless
   * `height` is given).
   * @default 34
   */
  barHeight?: number;
  /**
   * Colours per feature type, replacing the defaults (`FEATURE_TYPE_COLORS`) for the types given.
   * @default {}
   */
  colors?: Readonly<Record<string, string>>;
}

/** The defaults of {@linkcode featureTypesPlot}. */
export const DEFAULT_FEATURE_TYPES_PLOT_OPTIONS: Readonly<{
  title: string;
  normalize: boolean;
  totals: boolean;
  barHeight: number;
  colors: Readonly<Record<string, string>>;
}> = Object.freeze({
  title: "Feature types per genome",
  normalize: false,
  totals: true,
  barHeight: 34,
  colors: Object.freeze({}) as Readonly<Record<string, string>>,
});

interface Bar {
  genome: string;
  type: string;
  label: string;
  count: number;
  value: number;
}

/**
 * Draws the feature types of each genome as horizontal stacked bars, one bar per genome, one
 * segment per type with a count above zero, coloured as Bakta colours feature types, with a legend.
 *
 * @param data Rows `{genome, type, count}` (an array, or an Arquero table); rows repeating a
 * (genome, type) pair are added up.
 * @param options Normalization, totals, sizes; other Plot options pass through.
 * @returns The figure (an `<svg>` or a `<figure>` with its legend).
 * @throws {TypeError} When a row lacks a genome or type or has a count that is not a number.
 * @throws {RangeError} When a count is negative or an option is out of range.
 *
 * @example Two genomes
 * ```ts
 * import { featureTypesPlot } from "./feature_types_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = featureTypesPlot([
 *   { genome: "C22", type: "cds", count: 2561 },
 *   { genome: "C22", type: "tRNA", count: 59 },
 *   { genome: "C320", type: "cds", count: 2570 },
 * ]);
 * assert.equal(figure.querySelectorAll('g[aria-label="bar"] rect').length, 3);
 * ```
 */
export function featureTypesPlot(
  data: RowSource<FeatureTypeCountRow>,
  options: FeatureTypesPlotOptions = {},
): PlotFigure {
  const D = DEFAULT_FEATURE_TYPES_PLOT_OPTIONS;
  const {
    normalize = D.normalize,
    totals = D.totals,
    barHeight = D.barHeight,
    colors = D.colors,
    ...rest
  } = options;
  positive("barHeight", barHeight);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const what = "feature types";

  const sums = new Map<string, Map<string, number>>();
  rowsOf(data, what).forEach((row, i) => {
    const genome = stringField(row, "genome", i, what);
    const type = stringField(row, "type", i, what);
    const count = numberField(row, "count", i, what);
    if (count < 0) {
      throw new RangeError(`Cannot plot ${what}: row ${i} has a negative count ${count}`);
    }
    const byType = sums.get(genome) ?? new Map<string, number>();
    byType.set(type, (byType.get(type) ?? 0) + count);
    sums.set(genome, byType);
  });
  const genomes = [...sums.keys()];
  const types = orderFeatureTypes(
    [...sums.values()].flatMap((m) => [...m].filter(([, n]) => n > 0).map(([t]) => t)),
  );
  const totalOf = new Map(
    genomes.map((g) => [g, [...sums.get(g)!.values()].reduce((a, b) => a + b, 0)]),
  );
  const bars: Bar[] = [];
  for (const genome of genomes) {
    for (const type of types) {
      const count = sums.get(genome)!.get(type) ?? 0;
      if (count <= 0) continue;
      const value = normalize ? (100 * count) / totalOf.get(genome)! : count;
      bars.push({ genome, type, label: featureTypeLabel(type), count, value });
    }
  }
  const color = (t: string) => colors[t] ?? featureTypeColor(t);
  const totalLabel = (g: string) =>
    normalize ? `n = ${totalOf.get(g)!.toLocaleString("en-US")}` : totalOf.get(g)!.toLocaleString(
      "en-US",
    );
  const labelWidth = Math.max(0, ...genomes.map((g) => estimateTextWidth(g, fontSize)));
  const totalWidth = totals
    ? Math.max(0, ...genomes.map((g) => estimateTextWidth(totalLabel(g), fontSize * 0.9)))
    : 0;
  const marginTop = 10;
  const marginBottom = 2.8 * fontSize + 6;

  const marks: Plot.Markish[] = [
    Plot.barX(bars, {
      x: "value",
      y: "genome",
      fill: "label",
      order: (d: Bar) => types.indexOf(d.type),
      title: (d: Bar) =>
        `${d.genome}\n${d.label}: ${d.count.toLocaleString("en-US")}${
          normalize ? ` (${d.value.toFixed(1)}%)` : ""
        }`,
      stroke: "white",
      strokeWidth: 0.5,
      insetTop: 2,
      insetBottom: 2,
    }),
    Plot.ruleX([0]),
  ];
  if (totals) {
    marks.push(
      Plot.text(genomes, {
        x: (g: string) => (normalize ? 100 : totalOf.get(g)!),
        y: (g: string) => g,
        text: totalLabel,
        textAnchor: "start",
        dx: 5,
        fontSize: fontSize * 0.9,
        fill: "#444",
      }),
    );
  }
  return renderFigure(
    {
      title: D.title,
      height: marginTop + marginBottom + genomes.length * barHeight,
      marginLeft: Math.ceil(labelWidth) + 14,
      marginRight: Math.ceil(totalWidth) + 16,
      marginTop,
      marginBottom,
      x: {
        label: normalize ? "Share of features (%)" : "Number of features",
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
        grid: true,
        nice: true,
        ...(normalize ? { domain: [0, 100] } : countAxis(Math.max(0, ...totalOf.values()))),
      },
      y: { label: null, domain: genomes, padding: 0.15 },
      color: {
        type: "ordinal",
        domain: types.map(featureTypeLabel),
        range: types.map(color),
        legend: true,
      },
      marks,
    },
    leftovers,
    shared,
  );
}
