/**
 * Stacked bars of the feature types of each genome. The layout is `featureTypesLayout`, the
 * marks `featureTypesMarks`.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import type { RowSource } from "./rows_of.ts";
import { fontOf, renderFigure, sharedOptions, splitOptions } from "./_figure.ts";
import { countAxis } from "./_ticks.ts";
import {
  DEFAULT_FEATURE_TYPES_LAYOUT_OPTIONS,
  FEATURE_TYPES_LAYOUT_OPTION_NAMES,
  type FeatureTypeCountRow,
  featureTypesLayout,
  type FeatureTypesLayoutOptions,
} from "./feature_types_layout.ts";
import { featureTypesMarks } from "./feature_types_marks.ts";
import { bandTickFormat } from "./species_bands.ts";

export type { FeatureTypeCountRow } from "./feature_types_layout.ts";

/** Options of {@linkcode featureTypesPlot}; other Plot options pass through to `Plot.plot`. */
export interface FeatureTypesPlotOptions extends FigureOptions, FeatureTypesLayoutOptions {}

/** The defaults of {@linkcode featureTypesPlot}. */
export const DEFAULT_FEATURE_TYPES_PLOT_OPTIONS:
  & Readonly<{ title: string }>
  & typeof DEFAULT_FEATURE_TYPES_LAYOUT_OPTIONS = Object.freeze({
    title: "Feature types per genome",
    ...DEFAULT_FEATURE_TYPES_LAYOUT_OPTIONS,
  });

/**
 * Draws the feature types of each genome as horizontal stacked bars, one bar per genome, one
 * segment per type with a count above zero, coloured as Bakta colours feature types, with a legend.
 * Given the cohort's `species`, the genomes are grouped species by species under a species label.
 * The layout is `featureTypesLayout`, the marks `featureTypesMarks`.
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
  const { picked, rest } = splitOptions(options, FEATURE_TYPES_LAYOUT_OPTION_NAMES);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const layout = featureTypesLayout(data, picked, fontSize);
  return renderFigure(
    {
      title: DEFAULT_FEATURE_TYPES_PLOT_OPTIONS.title,
      ...layout.frame,
      x: {
        label: layout.normalize ? "Share of features (%)" : "Number of features",
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
        grid: true,
        nice: true,
        ...(layout.normalize ? { domain: [0, 100] } : countAxis(layout.maxTotal)),
      },
      y: { label: null, domain: layout.bands.domain, padding: 0.15, tickFormat: bandTickFormat },
      color: { type: "ordinal", ...layout.color, legend: true },
      marks: [featureTypesMarks(layout, fontSize)],
    },
    leftovers,
    shared,
  );
}
