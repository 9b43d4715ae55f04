/**
 * The marks of a linear region map, for {@linkcode regionMapPlot} or a plot of your own.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { labelFontSize, type RegionMapLayout } from "./region_map_layout.ts";

/**
 * Returns the marks of a region map laid out by `regionMapLayout`: the axis line, the arrows
 * (filled by their colour class: give your plot `color: layout.color` for the map's colours), the
 * labels and, across the origin, a dashed origin rule. The x channel is in unrolled bases and y in
 * lanes, so put them in a plot with `x: { domain: [from - 0.5, to + 0.5] }` and
 * `y: { domain: layout.yDomain }`, as `regionMapPlot` does.
 *
 * @param layout The layout.
 * @returns The marks, as one `Plot.marks(...)`.
 *
 * @example The marks in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "@observablehq/plot";
 * import { plotDocument } from "./dom.ts";
 * import { regionMapLayout } from "./region_map_layout.ts";
 * import { regionMapMarks } from "./region_map_marks.ts";
 *
 * const layout = regionMapLayout([{ start: 10, stop: 900, strand: "+", type: "cds", gene: "dnaA" }]);
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   color: layout.color,
 *   y: { domain: layout.yDomain },
 *   marks: [regionMapMarks(layout)],
 * });
 * assert.equal(svg.querySelectorAll('g[aria-description="features"] path').length, 1);
 * ```
 */
export function regionMapMarks(layout: RegionMapLayout): Plot.CompoundMark {
  const { label, fontSize } = layout.options;
  const text = {
    x: "x",
    y: "y",
    text: "text",
    fill: "color",
    fontSize: labelFontSize(label, fontSize),
    fontStyle: label === "gene" ? "italic" : "normal",
    ariaDescription: "labels",
  };
  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: "#888888", strokeWidth: 1.5 }),
    Plot.area(layout.arrows, {
      x1: "x",
      y1: "y1",
      y2: "y2",
      z: "id",
      fill: "key",
      stroke: "#333333",
      strokeWidth: 0.8,
      strokeLinejoin: "round",
      title: "tip",
      ariaDescription: "features",
    }),
    Plot.text(layout.labels.filter((l) => l.anchor === "middle"), text),
    ...(["top", "bottom"] as const).map((anchor) =>
      Plot.text(layout.labels.filter((l) => l.anchor === anchor), { ...text, lineAnchor: anchor })
    ),
  ];
  const origin = layout.region.origin;
  if (origin !== undefined) {
    marks.push(
      Plot.ruleX([origin], {
        stroke: "#c0392b",
        strokeDasharray: "5,3",
        ariaDescription: "origin",
      }),
      Plot.text([origin], {
        x: (d: number) => d,
        frameAnchor: "top",
        dy: -fontSize * 0.8,
        text: () => "origin",
        fill: "#c0392b",
        fontSize: fontSize * 0.85,
      }),
    );
  }
  return Plot.marks(...marks);
}
