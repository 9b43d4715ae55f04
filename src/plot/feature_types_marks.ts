/**
 * The marks of the feature-types figure: stacked bars per genome, its total and the species labels.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { FeatureTypeBar, FeatureTypesBars } from "./feature_types_layout.ts";
import { speciesBandMarks } from "./species_band_marks.ts";
import { barEndText } from "./_bar_end_text.ts";

/**
 * The marks of a feature-types layout ({@linkcode FeatureTypesBars}): a stacked bar per genome
 * (one segment per type, filled by the type's label), a rule at zero, each genome's total and, when
 * the genomes are grouped by species, the species labels.
 *
 * @param layout The layout (`featureTypesLayout`).
 * @param fontSize The base font size, in px.
 * @returns The marks, for a plot whose y domain is `layout.bands.domain` and colour scale
 * `layout.color`.
 *
 * @example The marks in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { featureTypesLayout } from "./feature_types_layout.ts";
 * import { featureTypesMarks } from "./feature_types_marks.ts";
 * const layout = featureTypesLayout([{ genome: "G1", type: "cds", count: 3 }]);
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   y: { domain: layout.bands.domain },
 *   color: layout.color,
 *   marks: [featureTypesMarks(layout)],
 * });
 * assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 1);
 * ```
 */
export function featureTypesMarks(layout: FeatureTypesBars, fontSize = 13): Plot.CompoundMark {
  const order = new Map(layout.color.domain.map((label, i) => [label, i]));
  return Plot.marks(
    Plot.barX(layout.bars, {
      x: "value",
      y: "genome",
      fill: "label",
      order: (d: FeatureTypeBar) => order.get(d.label),
      title: "title",
      stroke: "white",
      strokeWidth: 0.5,
      insetTop: 2,
      insetBottom: 2,
    }),
    Plot.ruleX([0]),
    barEndText(layout.totals, "x", fontSize * 0.9),
    speciesBandMarks(layout.bands, { indent: layout.frame.marginLeft - 4, fontSize }),
  );
}
