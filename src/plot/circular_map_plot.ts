/**
 * A circular genome map in the manner of Bakta's own plot: feature rings per strand coloured by
 * COG category, GC content and GC skew rings, the sequences laid out around the circle.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import {
  CIRCULAR_MAP_EXTENT,
  CIRCULAR_MAP_LAYOUT_OPTION_NAMES,
  type CircularMapFeature,
  circularMapLayout,
  type CircularMapLayoutOptions,
  type CircularMapSequence,
  DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS,
} from "./circular_map_layout.ts";
import { circularMapMarks } from "./circular_map_marks.ts";
import { fontOf, renderFigure, sharedOptions, splitOptions, typedRows } from "./_figure.ts";

export {
  CIRCULAR_MAP_RINGS,
  type CircularMapFeature,
  type CircularMapSequence,
  GC_RING_COLORS,
} from "./circular_map_layout.ts";

/** The data of {@linkcode circularMapPlot}: the sequences and their features. */
export interface CircularMapData {
  /** The sequences, in the order they are laid out clockwise from the top. */
  sequences: RowSource<CircularMapSequence>;
  /** The features. */
  features: RowSource<CircularMapFeature>;
}

/** Options of {@linkcode circularMapPlot}; other Plot options pass through to `Plot.plot`. */
export interface CircularMapPlotOptions
  extends Omit<FigureOptions, "label">, Omit<CircularMapLayoutOptions, "fontSize"> {}

/** The defaults of {@linkcode circularMapPlot}. */
export const DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS:
  & Readonly<{ title: string }>
  & typeof DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS = Object.freeze({
    title: "Genome map",
    ...DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS,
  });

/**
 * Draws a circular map of a genome like Bakta's plot: from the outside in, the sequences as a
 * backbone with position ticks, the forward-strand features, the reverse-strand features (coloured
 * by COG category, other features by type; or by type, strand or a trait), the GC content
 * (deviation from the genome's mean: green above, red below) and the GC skew (orange positive,
 * blue negative; skipped on a draft of several linear contigs), computed from the nucleotides in
 * windows. Every feature's tooltip gives locus tag, gene, product, coordinates, COG category and
 * cross-references; the rings are named at the top and sequence names never overlap. The layout is
 * `circularMapLayout`, the marks `circularMapMarks`.
 *
 * @param data The sequences (with `nt` for GC rings) and the features.
 * @param options Colours, GC windows, sizes; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a feature names a sequence not in `sequences`, or a field is missing.
 * @throws {RangeError} When a feature lies outside its sequence or an option is out of range.
 *
 * @example A plasmid with two genes
 * ```ts
 * import { circularMapPlot } from "./circular_map_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = circularMapPlot({
 *   sequences: [{ id: "p1", length: 1330, nt: "GC".repeat(300) + "AT".repeat(365) }],
 *   features: [
 *     { sequenceId: "p1", start: 413, stop: 736, strand: "+", type: "cds" },
 *     { sequenceId: "p1", start: 971, stop: 141, strand: "-", type: "cds", edge: true },
 *   ],
 * });
 * assert.equal(figure.querySelectorAll('g[aria-description="features"] path').length, 2);
 * ```
 */
export function circularMapPlot(
  data: CircularMapData,
  options: CircularMapPlotOptions = {},
): PlotFigure {
  if (data === null || typeof data !== "object") {
    throw new TypeError("Cannot plot circular map: expected { sequences, features }");
  }
  const { picked, rest } = splitOptions(options, CIRCULAR_MAP_LAYOUT_OPTION_NAMES);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const size = picked.size ?? DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS.size;
  const what = "circular map";
  const sequences = typedRows(
    rowsOf(data.sequences, "sequences"),
    { id: "string", length: "number" },
    `${what} sequences`,
  );
  const features = typedRows(
    rowsOf(data.features, "features"),
    { sequenceId: "string", start: "number", stop: "number", strand: "string", type: "string" },
    `${what} features`,
  );
  const layout = circularMapLayout(sequences, features, { ...picked, size, fontSize });
  const e = CIRCULAR_MAP_EXTENT;
  return renderFigure(
    {
      title: DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS.title,
      ...(layout.notes.length > 0 ? { subtitle: layout.notes.join("; ") } : {}),
      width: size,
      height: size,
      margin: 0,
      projection: {
        type: "identity",
        domain: { type: "MultiPoint", coordinates: [[-e, -e], [e, e]] },
      },
      color: { type: "ordinal", ...layout.color, legend: true },
      marks: [circularMapMarks(layout)],
    },
    leftovers,
    shared,
  );
}
