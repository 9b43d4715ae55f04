/**
 * The marks of the pangenome-classes figure: a bar per class and its count and share above it.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { PangenomeClassBars } from "./pangenome_class_layout.ts";

/**
 * The marks of a pangenome-classes layout: a bar per class filled by the class (with a tooltip),
 * a rule at zero and, with `labels`, each bar's count and share above it.
 *
 * @param layout The layout (`pangenomeClassLayout`).
 * @param options Whether to write the labels, and their font size in px.
 * @returns The marks.
 *
 * @example The bars in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { pangenomeClassLayout } from "./pangenome_class_layout.ts";
 * import { pangenomeClassMarks } from "./pangenome_class_marks.ts";
 * const layout = pangenomeClassLayout([{ class: "core", count: 3 }, { class: "cloud", count: 1 }]);
 * const svg = Plot.plot({ document: plotDocument(), marks: [pangenomeClassMarks(layout)] });
 * assert.equal(svg.querySelectorAll('g[aria-label="bar"] rect').length, 2);
 * ```
 */
export function pangenomeClassMarks(
  layout: PangenomeClassBars,
  options: { labels?: boolean; fontSize?: number } = {},
): Plot.CompoundMark {
  const { labels = true, fontSize = 13 } = options;
  return Plot.marks(
    Plot.barY(layout.bars, { x: "class", y: "count", fill: "class", title: "title" }),
    Plot.ruleY([0]),
    ...(labels
      ? [Plot.text(layout.bars, {
        x: "class",
        y: "count",
        text: "label",
        lineAnchor: "bottom",
        dy: -5,
        fontSize: fontSize * 0.95,
      })]
      : []),
  );
}
