/**
 * Writing a figure to a file: SVG, PNG or a small HTML page.
 *
 * @module
 */

import type { FigureElement } from "./plot_figure.ts";
import { toSvgString } from "./to_svg_string.ts";
import { toPng, type ToPngOptions } from "./to_png.ts";
import { escapeXml } from "./_text.ts";
import { writeTextFileAtomic } from "../fs/write_text_file_atomic.ts";
import { fileURLToPath } from "node:url";

/** The file formats {@linkcode savePlot} writes. */
export type SavePlotFormat = "svg" | "png" | "html";

/** Options of {@linkcode savePlot}. */
export interface SavePlotOptions extends ToPngOptions {
  /**
   * The format; by default taken from the file extension (`.svg`, `.png`, `.html`/`.htm`).
   * @default undefined
   */
  format?: SavePlotFormat;
  /**
   * Start an SVG file with an XML declaration.
   * @default true
   */
  xmlDeclaration?: boolean;
  /**
   * The page title of an HTML file; by default the figure's title.
   * @default undefined
   */
  title?: string;
}

/** The defaults of {@linkcode SavePlotOptions} (the PNG ones are those of `toPng`). */
export const DEFAULT_SAVE_PLOT_OPTIONS: Readonly<{ xmlDeclaration: boolean }> = Object.freeze({
  xmlDeclaration: true,
});

const EXTENSIONS: Readonly<Record<string, SavePlotFormat>> = {
  svg: "svg",
  png: "png",
  html: "html",
  htm: "html",
};

/**
 * Writes a figure to a file. `.svg` writes a standalone SVG (with `xmlns`, title and legend
 * included); `.png` renders it with resvg (`scale` 2 by default); `.html` writes a page holding the
 * SVG. The file is written atomically (a temporary file in the same folder, renamed over the
 * target): a crash or a full disk leaves the older file, or none, never half a figure.
 *
 * @param figure A figure returned by a figure function (or by `Plot.plot`).
 * @param path Where to write; the extension chooses the format unless `format` is given.
 * @param options Format, scale and SVG options.
 * @returns A promise resolved once the file is written.
 * @throws {RangeError} When the format cannot be told from the extension.
 *
 * @example Saving a figure as SVG and PNG
 * ```ts ignore
 * import { featureTypesPlot, savePlot } from "./mod.ts";
 * const figure = featureTypesPlot([{ genome: "a", type: "cds", count: 2400 }]);
 * await savePlot(figure, "feature_types.svg");
 * await savePlot(figure, "feature_types.png", { scale: 3 });
 * ```
 */
export async function savePlot(
  figure: FigureElement,
  path: string | URL,
  options: SavePlotOptions = {},
): Promise<void> {
  const format = options.format ?? formatOf(path);
  const file = path instanceof URL ? fileURLToPath(path) : path;
  await writeTextFileAtomic(file, await contentOf(figure, format, options));
}

/** The file's content in a format: SVG or HTML text, or PNG bytes. */
async function contentOf(
  figure: FigureElement,
  format: SavePlotFormat,
  options: SavePlotOptions,
): Promise<string | Uint8Array> {
  if (format === "svg") {
    const xmlDeclaration = options.xmlDeclaration ?? DEFAULT_SAVE_PLOT_OPTIONS.xmlDeclaration;
    return `${toSvgString(figure, { ...options, xmlDeclaration })}\n`;
  }
  if (format === "png") return await toPng(figure, options);
  if (format === "html") {
    const svg = toSvgString(figure, { ...options, xmlDeclaration: false });
    const title = options.title ?? figure.querySelector?.("h2")?.textContent?.trim() ?? "Figure";
    return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${
      escapeXml(title || "Figure")
    }</title>\n</head>\n<body style="margin:0;background:white">\n${svg}\n</body>\n</html>\n`;
  }
  throw new RangeError(
    `Cannot save plot: option "format" must be svg, png or html, got "${String(format)}"`,
  );
}

function formatOf(path: string | URL): SavePlotFormat {
  const name = path instanceof URL ? path.pathname : path;
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const format = EXTENSIONS[extension];
  if (format === undefined) {
    throw new RangeError(
      `Cannot save plot to "${name}": the extension must be .svg, .png or .html (or give option "format")`,
    );
  }
  return format;
}
