/**
 * Rendering a figure to PNG with resvg (no browser needed).
 *
 * @module
 */

import type { FigureElement } from "./plot_figure.ts";
import { toSvgString, type ToSvgStringOptions } from "./to_svg_string.ts";

/** Options of {@linkcode toPng}. */
export interface ToPngOptions extends ToSvgStringOptions {
  /**
   * The zoom factor: 2 renders a 640 px wide figure as a 1280 px wide PNG (sharp on slides).
   * @default 2
   */
  scale?: number;
  /**
   * The font families searched for text, tried in the order the SVG names them; `sans-serif`
   * (Plot's fallback) maps to this family.
   * @default "DejaVu Sans"
   */
  sansSerifFamily?: string;
  /**
   * Font files to load in addition to the system fonts.
   * @default []
   */
  fontFiles?: string[];
  /** Aborts the rendering. */
  signal?: AbortSignal;
}

/** The defaults of {@linkcode ToPngOptions}. */
export const DEFAULT_TO_PNG_OPTIONS: Readonly<
  { scale: number; sansSerifFamily: string; fontFiles: readonly string[] }
> = Object.freeze({
  scale: 2,
  sansSerifFamily: "DejaVu Sans",
  fontFiles: [] as readonly string[],
});

/**
 * Renders a figure (its composed SVG, legends included) to PNG bytes with `@resvg/resvg-js`,
 * using the system fonts. resvg is a native module: it is loaded on the first call only, so
 * importing the figures needs no FFI permission, rendering PNGs does (`--allow-ffi`).
 *
 * @param figure The figure.
 * @param options Scale, fonts, background.
 * @returns The PNG file's bytes.
 * @throws {RangeError} When `scale` is not a positive number.
 *
 * @example A PNG twice the figure's size
 * ```ts ignore
 * import { toPng } from "./to_png.ts";
 * const png = await toPng(figure, { scale: 2 });
 * await Deno.writeFile("figure.png", png);
 * ```
 */
export async function toPng(
  figure: FigureElement,
  options: ToPngOptions = {},
): Promise<Uint8Array> {
  const scale = options.scale ?? DEFAULT_TO_PNG_OPTIONS.scale;
  if (!(typeof scale === "number" && scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(
      `Cannot render PNG: option "scale" must be a positive number, got ${scale}`,
    );
  }
  const svg = toSvgString(figure, options);
  const { renderAsync } = await import("../deps/resvg_resvg_js.ts");
  const sansSerifFamily = options.sansSerifFamily ?? DEFAULT_TO_PNG_OPTIONS.sansSerifFamily;
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: {
      loadSystemFonts: true,
      fontFiles: [...(options.fontFiles ?? DEFAULT_TO_PNG_OPTIONS.fontFiles)],
      defaultFontFamily: sansSerifFamily,
      sansSerifFamily,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  }, options.signal ?? null);
  return new Uint8Array(image.asPng());
}
