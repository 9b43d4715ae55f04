/**
 * A linear map of a region: genes as arrows by strand, coloured by COG category (or type, strand,
 * a trait), labelled by gene name or locus tag, with a tooltip per gene.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import type { RegionFeature } from "./region_layout.ts";
import {
  DEFAULT_REGION_MAP_LAYOUT_OPTIONS,
  REGION_MAP_LAYOUT_OPTION_NAMES,
  regionMapLayout,
  type RegionMapLayoutOptions,
} from "./region_map_layout.ts";
import { regionMapMarks } from "./region_map_marks.ts";
import type { FeatureColorBy } from "./feature_color_scale.ts";
import type { FeatureLabel } from "./feature_tooltip.ts";
import { fontOf, renderFigure, sharedOptions, splitOptions, typedRows } from "./_figure.ts";

/** Options of {@linkcode regionMapPlot}; other Plot options pass through to `Plot.plot`. */
export interface RegionMapPlotOptions
  extends Omit<FigureOptions, "label">, Omit<RegionMapLayoutOptions, "fontSize" | "width"> {}

/** What colours the arrows of {@linkcode regionMapPlot}. */
export type RegionColorBy = FeatureColorBy<RegionFeature>;

/** What labels the arrows of {@linkcode regionMapPlot}. */
export type RegionLabel = FeatureLabel;

/** The defaults of {@linkcode regionMapPlot} (those of the layout). */
export const DEFAULT_REGION_MAP_PLOT_OPTIONS: typeof DEFAULT_REGION_MAP_LAYOUT_OPTIONS =
  DEFAULT_REGION_MAP_LAYOUT_OPTIONS;

/**
 * Draws a linear map of a region of one sequence: each feature an arrow (forward strand above the
 * axis, reverse below, features without strand on it), coloured by COG category (other features
 * by type) or as `colorBy` says, labelled by gene name (else locus tag), with a tooltip giving
 * locus tag, gene, product, coordinates, COG category and cross-references. Windows across the
 * origin of a circular sequence (`from > to`, with `sequenceLength`) are drawn on an unrolled axis
 * whose labels restart at 1 after the origin, which is marked; origin-spanning features are drawn
 * whole across it. Features cut by the window end flat. The layout is `regionMapLayout`, the
 * marks `regionMapMarks`.
 *
 * @param data The features of one sequence (an array, or an Arquero table), with 1-based inclusive
 * `start`/`stop` and `start > stop` for origin-spanning features.
 * @param options The window, colours and labels; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a feature lacks coordinates, strand or type.
 * @throws {RangeError} When the window or an option is invalid.
 *
 * @example Three genes
 * ```ts
 * import { regionMapPlot } from "./region_map_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = regionMapPlot([
 *   { start: 100, stop: 1000, strand: "+", type: "cds", gene: "dnaA" },
 *   { start: 1100, stop: 2200, strand: "+", type: "cds", gene: "dnaN" },
 *   { start: 2300, stop: 2400, strand: "-", type: "tRNA" },
 * ], { from: 1, to: 2500 });
 * assert.equal(figure.querySelectorAll('g[aria-description="features"] path').length, 3);
 * ```
 */
export function regionMapPlot(
  data: RowSource<RegionFeature>,
  options: RegionMapPlotOptions = {},
): PlotFigure {
  const { picked, rest } = splitOptions(options, REGION_MAP_LAYOUT_OPTION_NAMES);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const what = "region map";
  const features = typedRows(
    rowsOf(data, what),
    { start: "number", stop: "number", strand: "string", type: "string" },
    what,
  );
  const width = typeof leftovers.width === "number"
    ? leftovers.width
    : DEFAULT_REGION_MAP_LAYOUT_OPTIONS.width;
  const layout = regionMapLayout(features, { ...picked, width, fontSize });
  const { sequenceId } = picked;
  const { frame, region } = layout;
  return renderFigure(
    {
      title: layout.title,
      width,
      height: frame.height,
      marginLeft: frame.left,
      marginRight: frame.right,
      marginTop: frame.top,
      marginBottom: frame.bottom,
      x: {
        domain: [region.from - 0.5, region.to + 0.5],
        ticks: layout.ticks.values,
        tickFormat: layout.ticks.format,
        label: `Position${sequenceId ? ` on ${sequenceId}` : ""} (bp)`,
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
      },
      y: {
        domain: layout.yDomain,
        ticks: [1, -1],
        tickFormat: (d: number) => (d > 0 ? "+ strand" : "− strand"),
        tickSize: 0,
        label: null,
      },
      color: { type: "ordinal", ...layout.color, legend: true },
      marks: [regionMapMarks(layout)],
    },
    leftovers,
    shared,
  );
}
