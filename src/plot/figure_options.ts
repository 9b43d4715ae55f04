/**
 * The options every figure function takes, on top of its own.
 *
 * @module
 */

import type * as Plot from "../deps/observablehq_plot.ts";
import type { PlotDocument } from "./dom.ts";

/**
 * Options shared by every figure. Any other Observable Plot option (`width`, `height`, `margin*`,
 * `x`, `y`, `color`, `marks`, `style`…) is passed through to `Plot.plot`: scale options are merged
 * over the figure's own (a `scheme` or `range` given replaces the figure's colours), extra `marks`
 * are drawn on top.
 */
export interface FigureOptions extends Omit<Plot.PlotOptions, "document" | "title"> {
  /**
   * The DOM document to render into; by default a shared headless linkedom document
   * (`plotDocument()`), so figures render outside a browser.
   * @default plotDocument()
   */
  document?: PlotDocument;
  /**
   * The title above the figure; `null` for none. Each figure has its own default.
   */
  title?: string | null;
  /**
   * The base font size in px (tick labels, legends); titles are drawn larger.
   * @default 13
   */
  fontSize?: number;
  /**
   * The font family.
   * @default 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif'
   */
  fontFamily?: string;
}

/** The defaults of {@linkcode FigureOptions}. */
export const DEFAULT_FIGURE_OPTIONS: Readonly<{ fontSize: number; fontFamily: string }> = Object
  .freeze({
    fontSize: 13,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif',
  });

/** A figure's size and margins, in px, as a layout function computes them for `Plot.plot`. */
export interface FigureFrame {
  /** The width of the whole figure. */
  width: number;
  /** The height of the whole figure. */
  height: number;
  /** The left margin (axis labels). */
  marginLeft: number;
  /** The right margin. */
  marginRight: number;
  /** The top margin. */
  marginTop: number;
  /** The bottom margin (axis and its label). */
  marginBottom: number;
}
