/**
 * The label written just after the end of a genome's horizontal bar (its total, its n), shared by
 * the stacked figures (feature types, COG categories).
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";

/**
 * Text marks just right of where each genome's bar ends (`y` the genome, `text` the label), in
 * the figures' dark grey, 5 px from the bar.
 *
 * @param data Rows with `genome`, `text` and the `x` field.
 * @param x The field holding where the bar ends.
 * @param fontSize The label's size in pixels.
 * @param options More text options (an `ariaDescription`…), laid over these.
 * @returns The marks.
 *
 * @example A total after the bar of G1
 * ```ts
 * import assert from "node:assert/strict";
 * import { barEndText } from "./_bar_end_text.ts";
 * const mark = barEndText([{ genome: "G1", end: 40, text: "40" }], "end", 11);
 * assert.equal(typeof mark.plot, "function");
 * ```
 */
export function barEndText(
  data: Plot.Data,
  x: string,
  fontSize: number,
  options: Plot.TextOptions = {},
): Plot.Text {
  return Plot.text(data, {
    x,
    y: "genome",
    text: "text",
    textAnchor: "start",
    dx: 5,
    fontSize,
    fill: "#444",
    ...options,
  });
}
