/**
 * The marks of the COG categories figure, for {@linkcode cogCategoriesPlot} or a plot of your own.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import { speciesBandMarks } from "./species_band_marks.ts";
import { barEndText } from "./_bar_end_text.ts";
import type { CogBar, CogCategoriesBars } from "./cog_categories_layout.ts";

const BAR_EDGE = { stroke: "#555555", strokeWidth: 0.5, insetTop: 1, insetBottom: 1 };

/**
 * Returns the marks of a COG categories figure laid out by `cogCategoriesLayout`: in the stacked
 * arrangement a bar per genome (`y` the genome) with its n written after it; in the grouped and
 * deviation arrangements a bar per category (`y` the category label) in a panel per genome (`fx`),
 * framed. Bars are filled by category label: give the plot `color: layout.color`.
 *
 * @param layout The layout.
 * @returns The marks, as one `Plot.marks(...)`.
 *
 * @example The marks in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { cogCategoriesLayout } from "./cog_categories_layout.ts";
 * import { cogCategoriesMarks } from "./cog_categories_marks.ts";
 *
 * const layout = cogCategoriesLayout([
 *   { genome: "G1", category: "J", count: 3 },
 *   { genome: "G1", category: "K", count: 5 },
 * ], { layout: "stacked" });
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   color: layout.color,
 *   marks: [cogCategoriesMarks(layout)],
 * });
 * assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 2);
 * ```
 */
export function cogCategoriesMarks(layout: CogCategoriesBars): Plot.CompoundMark {
  const bars = (options: Plot.BarXOptions) =>
    Plot.barX(layout.bars, {
      x: "value",
      fill: "label",
      title: (d: CogBar) => d.title,
      ...BAR_EDGE,
      ...options,
    });
  if (layout.layout === "stacked") {
    const order = layout.color.domain;
    return Plot.marks(
      bars({ y: "genome", order: (d: CogBar) => order.indexOf(d.label) }),
      Plot.ruleX([0]),
      barEndText(layout.n, "end", layout.fontSize * 0.85, { ariaDescription: "n" }),
      speciesBandMarks(layout.bands, {
        indent: layout.frame.marginLeft - 4,
        fontSize: layout.fontSize,
      }),
    );
  }
  const faceted = layout.genomes.length > 1;
  return Plot.marks(
    bars({ y: "label", ...(faceted ? { fx: "genome" } : {}) }),
    Plot.ruleX([0]),
    ...(faceted ? [Plot.frame({ stroke: "#dddddd" })] : []),
  );
}
