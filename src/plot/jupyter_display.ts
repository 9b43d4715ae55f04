/**
 * Making figures show themselves in a Deno Jupyter notebook.
 *
 * Deno's Jupyter kernel displays a cell's value through its `Symbol.for("Jupyter.display")` method
 * (`Deno.jupyter.$display`), which returns a MIME bundle such as `{ "image/svg+xml": "<svg…" }`.
 *
 * @module
 */

import type { PlotFigure } from "./plot_figure.ts";
import { toSvgString } from "./to_svg_string.ts";

/** The symbol Deno's Jupyter kernel calls to display a value (`Deno.jupyter.$display`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle as the Jupyter kernel takes it. */
export type JupyterMimeBundle = Record<string, string>;

/**
 * Attaches a `Symbol.for("Jupyter.display")` method to a figure, returning its composed SVG
 * (title and legends included) as `image/svg+xml`, and its title as `text/plain`; returns the same
 * figure. Every figure function of baktadb does this.
 *
 * @param figure The figure.
 * @returns The same figure, now displayable.
 *
 * @example
 * ```ts
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { JUPYTER_DISPLAY, withJupyterDisplay } from "./jupyter_display.ts";
 * import type { PlotFigure } from "./plot_figure.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = withJupyterDisplay(
 *   Plot.plot({ document: plotDocument() as never, marks: [Plot.frame()] }) as unknown as PlotFigure,
 * );
 * const bundle = (figure as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]();
 * assert.match(bundle["image/svg+xml"], /^<svg xmlns=/);
 * ```
 */
export function withJupyterDisplay<T extends PlotFigure>(figure: T): T {
  Object.defineProperty(figure, JUPYTER_DISPLAY, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: (): JupyterMimeBundle => ({
      "image/svg+xml": toSvgString(figure),
      "text/plain": figureTitle(figure) ?? "Figure",
    }),
  });
  return figure;
}

function figureTitle(figure: PlotFigure): string | undefined {
  const heading = figure.querySelector?.("h2");
  const text = heading?.textContent?.trim();
  return text ? text : undefined;
}
