/**
 * The one place where Observable Plot's return value becomes a typed {@linkcode PlotFigure}.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import { type PlotDocument, plotDocument } from "./dom.ts";
import type { PlotFigure } from "./plot_figure.ts";

/** Plot's options, with the document typed as baktadb's structural {@linkcode PlotDocument}. */
export interface RenderPlotOptions extends Omit<Plot.PlotOptions, "document"> {
  /**
   * The DOM document to render into.
   * @default the shared headless document of {@linkcode plotDocument}
   */
  document?: PlotDocument;
}

/**
 * Renders Plot options with `Plot.plot` into a headless document (or `options.document`) and
 * returns the result as a {@linkcode PlotFigure}. Plot declares its result with the browser's DOM
 * types, which Deno's type library does not have; instead of a cast, the result is checked here
 * to be an element (`outerHTML`, `querySelector`) with Plot's `scale` method.
 *
 * @param options Plot's options (`marks`, scales, `title`…).
 * @returns The figure: an `<svg>`, or a `<figure>` when there is a title, legend or caption.
 * @throws {TypeError} When Plot returns something that is not a figure element.
 *
 * @example A dot, rendered without a browser
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { renderPlot } from "./render_plot.ts";
 *
 * const figure = renderPlot({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
 * assert.equal(figure.tagName.toLowerCase(), "svg");
 * assert.equal(figure.scale("x")?.type, "linear");
 * ```
 */
export function renderPlot(options: RenderPlotOptions): PlotFigure {
  const figure: unknown = Plot.plot({ ...options, document: options.document ?? plotDocument() });
  if (!isPlotFigure(figure)) {
    throw new TypeError("Cannot render plot: Plot.plot returned no element with a scale method");
  }
  return figure;
}

function isPlotFigure(value: unknown): value is PlotFigure {
  return typeof value === "object" && value !== null &&
    "outerHTML" in value && typeof value.outerHTML === "string" &&
    "querySelector" in value && typeof value.querySelector === "function" &&
    "scale" in value && typeof value.scale === "function";
}
