/**
 * Serializing a figure as one standalone SVG document, its title, legends and caption included.
 *
 * @module
 */

import type { FigureElement } from "./plot_figure.ts";
import { escapeXml, estimateTextWidth, wrapText } from "./_text.ts";

/** The SVG namespace. */
export const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

/** Options of {@linkcode toSvgString}. */
export interface ToSvgStringOptions {
  /**
   * Start with an XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`).
   * @default false
   */
  xmlDeclaration?: boolean;
  /**
   * A colour painted behind the figure (slides are not always white), or `null` for none.
   * @default "white"
   */
  background?: string | null;
  /**
   * Space around a figure that has a title, legend or caption, in px.
   * @default 10
   */
  padding?: number;
}

/** The defaults of {@linkcode ToSvgStringOptions}. */
export const DEFAULT_TO_SVG_STRING_OPTIONS: Readonly<Required<ToSvgStringOptions>> = Object
  .freeze({
    xmlDeclaration: false,
    background: "white",
    padding: 10,
  });

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

/** Attributes of Plot's `<svg>` that carry style and are kept when it becomes a group. */
const INHERITED_ATTRIBUTES = [
  "font-family",
  "font-size",
  "font-variant",
  "text-anchor",
  "fill",
  "style",
  "class",
  "aria-label",
  "aria-description",
];

/**
 * Serializes a figure as a standalone SVG document with `xmlns="http://www.w3.org/2000/svg"`
 * (linkedom does not write it). A bare `<svg>` figure is written as it is; a `<figure>` (a plot
 * with a title, subtitle, legend or caption) is composed into one SVG: the title and subtitle as
 * text, each swatch legend as rectangles or symbols with labels, the plot, then the caption.
 *
 * @param figure A figure returned by Plot or by a baktadb figure function.
 * @param options Declaration, background and padding.
 * @returns The SVG markup.
 * @throws {TypeError} When `figure` is neither an `<svg>` nor a `<figure>` element.
 *
 * @example A plot with a legend becomes one SVG
 * ```ts
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { renderPlot } from "./render_plot.ts";
 * import { toSvgString } from "./to_svg_string.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = renderPlot({
 *   title: "Two bars",
 *   color: { legend: true },
 *   marks: [Plot.barY([{ x: "a", y: 1 }, { x: "b", y: 2 }], { x: "x", y: "y", fill: "x" })],
 * });
 * const svg = toSvgString(figure);
 * assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * assert.match(svg, />Two bars</);
 * ```
 */
export function toSvgString(figure: FigureElement, options: ToSvgStringOptions = {}): string {
  const xmlDeclaration = options.xmlDeclaration ?? DEFAULT_TO_SVG_STRING_OPTIONS.xmlDeclaration;
  const background = options.background === undefined
    ? DEFAULT_TO_SVG_STRING_OPTIONS.background
    : options.background;
  const padding = options.padding ?? DEFAULT_TO_SVG_STRING_OPTIONS.padding;
  if (!(padding >= 0)) {
    throw new RangeError(`Cannot serialize figure: option "padding" must be >= 0, got ${padding}`);
  }
  const tag = tagOf(figure);
  let body: string;
  if (tag === "svg") body = bareSvg(figure, background);
  else if (tag === "figure") body = composedSvg(figure, background, padding);
  else {
    throw new TypeError(
      `Cannot serialize figure: expected an <svg> or <figure> element, got <${tag}>`,
    );
  }
  return xmlDeclaration ? XML_DECLARATION + body : body;
}

function tagOf(element: FigureElement): string {
  return String(element.tagName ?? "").toLowerCase();
}

function bareSvg(svg: FigureElement, background: string | null): string {
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", SVG_NAMESPACE);
  if (clone.innerHTML.includes("xlink:") && clone.getAttribute("xmlns:xlink") === null) {
    clone.setAttribute("xmlns:xlink", XLINK_NAMESPACE);
  }
  if (background !== null) {
    const rect = clone.ownerDocument.createElementNS(SVG_NAMESPACE, "rect");
    rect.setAttribute("width", "100%");
    rect.setAttribute("height", "100%");
    rect.setAttribute("fill", background);
    clone.insertBefore(rect, clone.firstChild);
  }
  return clone.outerHTML;
}

/** The font of the composed figure, read from its (last) plot `<svg>`. */
interface BaseFont {
  family: string;
  size: number;
}

function baseFontOf(svgs: FigureElement[]): BaseFont {
  const svg = svgs.findLast((s) => s.getAttribute("width") !== null) ?? svgs.at(-1);
  const style = svg?.getAttribute("style") ?? "";
  const family = /font-family\s*:\s*([^;]+)/.exec(style)?.[1].trim() ??
    svg?.getAttribute("font-family") ?? "system-ui, sans-serif";
  const size = Number.parseFloat(
    /font-size\s*:\s*([\d.]+)/.exec(style)?.[1] ?? svg?.getAttribute("font-size") ?? "10",
  );
  return { family, size: Number.isFinite(size) && size > 0 ? size : 10 };
}

function numberAttribute(element: FigureElement, name: string, fallback: number): number {
  const value = Number.parseFloat(element.getAttribute(name) ?? "");
  return Number.isFinite(value) ? value : fallback;
}

function composedSvg(figure: FigureElement, background: string | null, padding: number): string {
  const children = Array.from(figure.children);
  const svgs = children.filter((c) => tagOf(c) === "svg");
  const font = baseFontOf(svgs);
  const width = Math.max(0, ...svgs.map((s) => numberAttribute(s, "width", 0))) || 640;
  const parts: string[] = [];
  let y = padding;

  const textBlock = (text: string, size: number, attributes: string, gapAfter: number) => {
    for (const line of wrapText(text, width, size)) {
      y += size * 1.25;
      parts.push(
        `<text x="${padding}" y="${fmt(y - size * 0.3)}" font-size="${fmt(size)}"${attributes}>${
          escapeXml(line)
        }</text>`,
      );
    }
    y += gapAfter;
  };

  for (const child of children) {
    const tag = tagOf(child);
    if (tag === "h2") {
      textBlock(child.textContent ?? "", font.size * 1.45, ' font-weight="bold"', font.size * 0.6);
    } else if (tag === "h3") {
      textBlock(child.textContent ?? "", font.size * 1.1, ' fill="#555555"', font.size * 0.4);
    } else if (tag === "figcaption") {
      y += font.size * 0.4;
      textBlock(child.textContent ?? "", font.size, ' fill="#555555"', 0);
    } else if (tag === "svg") {
      const height = numberAttribute(child, "height", 0);
      parts.push(svgAsGroup(child, padding, y));
      y += height;
    } else if (tag === "div" && isSwatches(child)) {
      const legend = swatchesAsGroup(child, padding, y, width, font.size);
      parts.push(legend.markup);
      y += legend.height;
    } else if (child.textContent?.trim()) {
      textBlock(child.textContent.trim(), font.size, "", 0);
    }
  }
  y += padding;
  const totalWidth = width + 2 * padding;
  const head = `<svg xmlns="${SVG_NAMESPACE}"${
    parts.some((p) => p.includes("xlink:")) ? ` xmlns:xlink="${XLINK_NAMESPACE}"` : ""
  } width="${fmt(totalWidth)}" height="${fmt(y)}" viewBox="0 0 ${fmt(totalWidth)} ${
    fmt(y)
  }" font-family="${escapeXml(font.family)}" font-size="${fmt(font.size)}" fill="currentColor">`;
  const fill = background === null
    ? ""
    : `<rect width="${fmt(totalWidth)}" height="${fmt(y)}" fill="${escapeXml(background)}"/>`;
  return `${head}${fill}${parts.join("")}</svg>`;
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Plot's `<svg>` as a translated group, its class styles dropped (they only size the element). */
function svgAsGroup(svg: FigureElement, x: number, y: number): string {
  const clone = svg.cloneNode(true);
  for (const style of Array.from(clone.querySelectorAll("style"))) style.remove();
  const attributes = INHERITED_ATTRIBUTES.map((name) => [name, clone.getAttribute(name)] as const)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => ` ${name}="${escapeXml(value!)}"`)
    .join("");
  const viewBox = (clone.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  const width = numberAttribute(clone, "width", NaN);
  const height = numberAttribute(clone, "height", NaN);
  let transform = `translate(${fmt(x)},${fmt(y)})`;
  if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2] > 0 && viewBox[3] > 0) {
    const sx = Number.isFinite(width) ? width / viewBox[2] : 1;
    const sy = Number.isFinite(height) ? height / viewBox[3] : 1;
    if (sx !== 1 || sy !== 1) transform += ` scale(${fmt(sx)},${fmt(sy)})`;
    if (viewBox[0] !== 0 || viewBox[1] !== 0) {
      transform += ` translate(${fmt(-viewBox[0])},${fmt(-viewBox[1])})`;
    }
  }
  return `<g transform="${transform}"${attributes}>${clone.innerHTML}</g>`;
}

function classList(element: FigureElement): string[] {
  return (element.getAttribute("class") ?? "").split(/\s+/).filter((c) => c !== "");
}

function isSwatches(element: FigureElement): boolean {
  return classList(element).some((c) => c.endsWith("-swatches"));
}

interface Swatch {
  svg: FigureElement;
  label: string;
}

function swatchItems(container: FigureElement): Swatch[] {
  const items: Swatch[] = [];
  for (const item of Array.from(container.children)) {
    if (!classList(item).some((c) => c.endsWith("-swatch"))) continue;
    let svg: FigureElement | undefined;
    let label = "";
    for (const node of Array.from(item.childNodes)) {
      if (node.nodeType === 3) label += node.textContent ?? "";
      else if (tagOf(node) === "svg" && svg === undefined) svg = node;
      else label += node.textContent ?? "";
    }
    if (svg !== undefined) items.push({ svg, label: label.trim() });
  }
  return items;
}

/** Lays out a swatch legend as SVG: wrapped rows, or columns when Plot was given `columns`. */
function swatchesAsGroup(
  container: FigureElement,
  x0: number,
  y0: number,
  width: number,
  fontSize: number,
): { markup: string; height: number } {
  const items = swatchItems(container);
  const { left, available, columns } = legendBox(container, x0, width);
  const swatchSize = Math.max(0, ...items.map((i) => numberAttribute(i.svg, "height", 15)));
  const rowHeight = Math.max(swatchSize, fontSize * 1.2) + 6;
  const gap = fontSize * 0.5;
  const { cells, rows } = columns === undefined
    ? wrappedCells(items, left, available, gap, fontSize)
    : columnCells(items, columns, left, available);
  const parts = cells.map(({ item, x, row }) => {
    const w = numberAttribute(item.svg, "width", 15);
    const h = numberAttribute(item.svg, "height", 15);
    const rowTop = y0 + row * rowHeight;
    return swatchShape(item.svg, x, rowTop + (rowHeight - h) / 2, w, h) +
      `<text x="${fmt(x + w + gap)}" y="${fmt(rowTop + rowHeight / 2)}" dy="0.35em">${
        escapeXml(item.label)
      }</text>`;
  });
  return {
    markup: `<g aria-label="legend" text-anchor="start">${parts.join("")}</g>`,
    height: rows * rowHeight + fontSize * 0.5,
  };
}

/** A swatch placed in a legend: its left edge in pixels and its row (0 the first). */
interface SwatchCell {
  item: Swatch;
  x: number;
  row: number;
}

/**
 * Where a legend's swatches start (`x0` plus Plot's `margin-left`), the width they may fill, and
 * the number of columns when Plot was given `columns` (a count, or a column width in pixels).
 */
function legendBox(
  container: FigureElement,
  x0: number,
  width: number,
): { left: number; available: number; columns?: number } {
  const style = container.getAttribute("style") ?? "";
  const marginLeft = Number.parseFloat(/margin-left\s*:\s*([\d.]+)px/.exec(style)?.[1] ?? "0");
  const columnsValue = /(?:^|;)\s*columns\s*:\s*([^;]+)/.exec(style)?.[1].trim();
  const left = x0 + (Number.isFinite(marginLeft) ? marginLeft : 0);
  const available = Math.max(1, width - (left - x0));
  if (columnsValue === undefined) return { left, available };
  const columns = /^\d+$/.test(columnsValue)
    ? Number(columnsValue)
    : Math.max(1, Math.floor(available / (Number.parseFloat(columnsValue) || available)));
  return { left, available, columns };
}

/** Swatches filled column by column, `columns` columns of equal width. */
function columnCells(
  items: readonly Swatch[],
  columns: number,
  left: number,
  available: number,
): { cells: SwatchCell[]; rows: number } {
  if (items.length === 0) return { cells: [], rows: 0 };
  const perColumn = Math.ceil(items.length / columns);
  const columnWidth = available / columns;
  const cells = items.map((item, i) => ({
    item,
    x: left + Math.floor(i / perColumn) * columnWidth,
    row: i % perColumn,
  }));
  return { cells, rows: perColumn };
}

/** Swatches side by side, wrapped to a new row where the next would pass `available`. */
function wrappedCells(
  items: readonly Swatch[],
  left: number,
  available: number,
  gap: number,
  fontSize: number,
): { cells: SwatchCell[]; rows: number } {
  const cells: SwatchCell[] = [];
  let x = left;
  let row = 0;
  for (const item of items) {
    const w = numberAttribute(item.svg, "width", 15) + gap +
      estimateTextWidth(item.label, fontSize) + fontSize;
    if (x > left && x + w > left + available) {
      x = left;
      row += 1;
    }
    cells.push({ item, x, row });
    x += w;
  }
  return { cells, rows: items.length === 0 ? 0 : row + 1 };
}

/** One swatch: Plot draws a filled `<rect>` of 100% size, or a symbol in a viewBox. */
function swatchShape(svg: FigureElement, x: number, y: number, w: number, h: number): string {
  const paint = ["fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width"]
    .map((name) => [name, svg.getAttribute(name)] as const)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => ` ${name}="${escapeXml(value!)}"`)
    .join("");
  const viewBox = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2] > 0) {
    const k = Math.min(w / viewBox[2], h / viewBox[3]);
    return `<g transform="translate(${fmt(x)},${fmt(y)}) scale(${fmt(k)}) translate(${
      fmt(-viewBox[0])
    },${fmt(-viewBox[1])})"${paint}>${svg.innerHTML}</g>`;
  }
  // A thin outline keeps pale swatches (the NCBI COG colours) visible on white.
  return `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${
    fmt(h)
  }"${paint} stroke="#666666" stroke-width="0.5"/>`;
}
