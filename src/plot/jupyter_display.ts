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

/** A value Deno's Jupyter kernel displays through its {@linkcode JUPYTER_DISPLAY} method. */
export interface JupyterDisplayable {
  /** Returns what the kernel shows, by MIME type. */
  [JUPYTER_DISPLAY](): JupyterMimeBundle;
}

/**
 * Whether a value has a {@linkcode JUPYTER_DISPLAY} method (what Deno's Jupyter kernel calls).
 *
 * @param value Any value.
 * @returns `true` when the value displays itself in a notebook.
 *
 * @example A plain object does not display itself
 * ```ts
 * import assert from "node:assert/strict";
 * import { isJupyterDisplayable, JUPYTER_DISPLAY } from "./jupyter_display.ts";
 *
 * assert.equal(isJupyterDisplayable({}), false);
 * assert.equal(isJupyterDisplayable({ [JUPYTER_DISPLAY]: () => ({ "text/plain": "x" }) }), true);
 * ```
 */
export function isJupyterDisplayable(value: unknown): value is JupyterDisplayable {
  return typeof value === "object" && value !== null && JUPYTER_DISPLAY in value &&
    typeof value[JUPYTER_DISPLAY] === "function";
}

/**
 * Attaches a `Symbol.for("Jupyter.display")` method to a figure, returning its composed SVG
 * (title and legends included) as `image/svg+xml`, and its title as `text/plain`; returns the same
 * figure. Every figure function of baktadb does this.
 *
 * @param figure The figure.
 * @returns The same figure, now displayable.
 * @throws {TypeError} When the figure is frozen (it cannot take the method).
 *
 * @example
 * ```ts
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { renderPlot } from "./render_plot.ts";
 * import { JUPYTER_DISPLAY, withJupyterDisplay } from "./jupyter_display.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = withJupyterDisplay(renderPlot({ marks: [Plot.frame()] }));
 * const bundle = figure[JUPYTER_DISPLAY]();
 * assert.match(bundle["image/svg+xml"], /^<svg xmlns=/);
 * ```
 */
export function withJupyterDisplay<T extends PlotFigure>(figure: T): T & JupyterDisplayable {
  Object.defineProperty(figure, JUPYTER_DISPLAY, {
    configurable: true,
    enumerable: false,
    writable: true,
    value: (): JupyterMimeBundle => ({
      "image/svg+xml": toSvgString(figure),
      "text/plain": figureTitle(figure) ?? "Figure",
    }),
  });
  if (!isJupyterDisplayable(figure)) {
    throw new TypeError("Cannot make the figure displayable: its display method did not stick");
  }
  return figure;
}

function figureTitle(figure: PlotFigure): string | undefined {
  const heading = figure.querySelector?.("h2");
  const text = heading?.textContent?.trim();
  return text ? text : undefined;
}
