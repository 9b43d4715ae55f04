/**
 * The marks of a circular genome map, for {@linkcode circularMapPlot} or a plot of your own.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { CircularLabel, CircularMapLayout, CircularShape } from "./circular_map_layout.ts";

const INK = "#444444";

/**
 * Returns the marks of a circular map laid out by `circularMapLayout`: backbone, ticks and their
 * labels, sequence names, ring guides, features, GC content and skew bars, ring base lines, ring
 * names and the centre text. Coordinates are in ring units (radius 1 the backbone): draw them in an
 * identity projection whose domain is the square ±`CIRCULAR_MAP_EXTENT`, with
 * `color: layout.color`, as `circularMapPlot` does.
 *
 * @param layout The layout.
 * @returns The marks, as one `Plot.marks(...)`.
 *
 * @example The marks in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { CIRCULAR_MAP_EXTENT, circularMapLayout } from "./circular_map_layout.ts";
 * import { circularMapMarks } from "./circular_map_marks.ts";
 *
 * const layout = circularMapLayout(
 *   [{ id: "p1", length: 1000 }],
 *   [{ sequenceId: "p1", start: 1, stop: 400, strand: "+", type: "cds" }],
 * );
 * const e = CIRCULAR_MAP_EXTENT;
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   width: 400,
 *   height: 400,
 *   projection: { type: "identity", domain: { type: "MultiPoint", coordinates: [[-e, -e], [e, e]] } },
 *   color: layout.color,
 *   marks: [circularMapMarks(layout)],
 * });
 * assert.equal(svg.querySelectorAll('g[aria-description="features"] path').length, 1);
 * ```
 */
export function circularMapMarks(layout: CircularMapLayout): Plot.CompoundMark {
  return Plot.marks(
    ...axisMarks(layout),
    ...labelMarks(layout),
    ...ringMarks(layout),
    centreText(layout),
  );
}

/** The sequences' backbone arcs and the ticks on it. */
function axisMarks(layout: CircularMapLayout): Plot.Markish[] {
  return [
    Plot.geo(layout.backbone, {
      fill: INK,
      title: (d: CircularShape) => d.properties.title,
      ariaDescription: "sequences",
    }),
    Plot.geo(
      { type: "MultiLineString", coordinates: layout.ticks.lines },
      { stroke: INK, strokeWidth: 1, ariaDescription: "ticks" },
    ),
  ];
}

/** The tick labels, the sequence names and the gene labels, one text mark per anchor. */
function labelMarks(layout: CircularMapLayout): Plot.Markish[] {
  const { fontSize } = layout.options;
  const anchors = ["start", "middle", "end"] as const;
  return [
    ...anchoredText(layout.ticks.labels, anchors, { fontSize: fontSize * 0.8, fill: INK }),
    ...anchoredText(layout.sequenceLabels, anchors, {
      fontSize: fontSize * 0.9,
      fontWeight: "bold",
      ariaDescription: "sequence names",
    }),
    ...anchoredText(layout.geneLabels, ["start", "end"], {
      rotate: "rotate",
      fontSize: fontSize * 0.75,
      fontStyle: "italic",
      fill: INK,
      ariaDescription: "gene labels",
    }),
  ];
}

/** One text mark per anchor of the labels that have it (Plot sets `textAnchor` per mark). */
function anchoredText(
  labels: readonly CircularLabel[],
  anchors: readonly CircularLabel["anchor"][],
  options: Plot.TextOptions,
): Plot.Markish[] {
  return anchors.map((anchor) =>
    Plot.text(labels.filter((label) => label.anchor === anchor), {
      x: "x",
      y: "y",
      text: "text",
      textAnchor: anchor,
      ...options,
    })
  );
}

/** The rings: guides, features, GC content and skew, base lines and the rings' names. */
function ringMarks(layout: CircularMapLayout): Plot.Markish[] {
  const { fontSize, thinEdges } = layout.options;
  const shapes = (of: CircularShape[], description: string, extra: Plot.GeoOptions = {}) =>
    Plot.geo(of, {
      fill: (d: CircularShape) => d.properties.key,
      title: (d: CircularShape) => d.properties.title,
      ariaDescription: description,
      ...extra,
    });
  return [
    Plot.geo(layout.guides, { fill: "#f4f4f4", ariaDescription: "ring guides" }),
    // Thin white edges part neighbouring genes, where arcs are wide enough to afford them.
    shapes(layout.features, "features", thinEdges ? { stroke: "white", strokeWidth: 0.4 } : {}),
    shapes(layout.gcContent, "gc content"),
    shapes(layout.gcSkew, "gc skew"),
    Plot.geo(
      layout.baselines.map((coordinates) => ({ type: "LineString", coordinates })),
      { stroke: "#888888", strokeWidth: 0.5, ariaDescription: "ring baselines" },
    ),
    Plot.text(layout.ringLabels, {
      x: "x",
      y: "y",
      text: "text",
      textAnchor: "end",
      fontSize: fontSize * 0.8,
      fontWeight: "bold",
      fill: "#222222",
      stroke: "white",
      strokeWidth: 3,
      paintOrder: "stroke",
      ariaDescription: "ring names",
    }),
  ];
}

/** The text in the middle: the sequence's id (or how many sequences), total length, mean GC. */
function centreText(layout: CircularMapLayout): Plot.Markish {
  return Plot.text([layout.center], {
    x: () => 0,
    y: () => 0,
    text: (d: string) => d,
    fontSize: layout.options.fontSize * 1.25,
    fontWeight: "bold",
    lineHeight: 1.3,
  });
}
