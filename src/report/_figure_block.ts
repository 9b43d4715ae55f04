/**
 * A figure of the report as inline SVG (or a note when it cannot be drawn).
 *
 * @module
 */

import type { PlotFigure } from "../plot/plot_figure.ts";
import { toSvgString } from "../plot/to_svg_string.ts";
import { markup, rawHtml, type SafeHtml } from "./_html.ts";

/** Markup that can never appear in a correctly escaped SVG figure. */
const FORBIDDEN_MARKUP = /<\s*(script|iframe|object|embed|foreignobject)\b/i;

/** A figure as inline SVG, or a note when it cannot be drawn. */
export function figureBlock(
  name: string,
  draw: () => PlotFigure,
  caption?: string,
  wide = false,
): SafeHtml {
  let svg: string;
  try {
    svg = toSvgString(draw());
  } catch (error) {
    return markup`
      <figure class="plot figure-error" aria-label="${name}">
        <p class="note">${name}: the figure could not be drawn: ${
      error instanceof Error ? error.message : String(error)
    }</p>
      </figure>
    `;
  }
  if (FORBIDDEN_MARKUP.test(svg)) {
    // The DOM escapes text; this guards the page should a figure ever embed active content.
    throw new Error(`Cannot render report: figure "${name}" holds active content`);
  }
  return markup`<figure class="plot${wide ? " wide" : ""}" aria-label="${name}">${rawHtml(svg)}${
    caption ? markup`<figcaption>${caption}</figcaption>` : ""
  }</figure>`;
}

/**
 * A note in place of a figure there is nothing to draw for.
 *
 * @param name The figure's name.
 * @param text Why there is no figure.
 * @returns The markup.
 */
export function noteBlock(name: string, text: string): SafeHtml {
  return markup`
    <figure class="plot empty" aria-label="${name}">
      <h3>${name}</h3>
      <p class="note">${text}</p>
    </figure>
  `;
}
