/**
 * A linear map of a region: genes as arrows by strand, coloured by COG category or feature type.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import {
  COG_CATEGORIES,
  cogCategory,
  cogColor,
  cogLabel,
  type CogPalette,
} from "./cog_categories.ts";
import { featureTypeColor, featureTypeLabel, orderFeatureTypes } from "./feature_colors.ts";
import {
  type RegionFeature,
  regionLayout,
  type RegionLayoutOptions,
  type RegionPiece,
  sequencePosition,
} from "./region_layout.ts";
import {
  fontOf,
  numberField,
  oneOf,
  positive,
  renderFigure,
  sharedOptions,
  stringField,
} from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import { niceStep, ticksWithStep } from "./_ticks.ts";
import { isDark } from "./_color.ts";

/** What colours the arrows of {@linkcode regionMapPlot}. */
export type RegionColorBy = "cog" | "type";

/** What labels the arrows of {@linkcode regionMapPlot}. */
export type RegionLabel = "gene" | "locusTag" | "product" | "none";

/** Options of {@linkcode regionMapPlot}; other Plot options pass through to `Plot.plot`. */
export interface RegionMapPlotOptions extends FigureOptions, RegionLayoutOptions {
  /**
   * Colour features by their COG category (`cog`; features without one are white) or by type.
   * @default "type"
   */
  colorBy?: RegionColorBy;
  /**
   * The COG palette when `colorBy` is `cog`: `ncbi` or `bakta`.
   * @default "ncbi"
   */
  palette?: CogPalette;
  /**
   * The label of each arrow: the gene symbol (in italics), locus tag, product, or none. A label is
   * written inside its arrow when it fits, else beside it when there is room.
   * @default "gene"
   */
  label?: RegionLabel;
  /**
   * The sequence's name, for the title and the axis label.
   * @default undefined
   */
  sequenceId?: string;
  /**
   * The height of one lane of arrows, in px.
   * @default 30
   */
  laneHeight?: number;
  /**
   * The length of an arrow head, in px.
   * @default 12
   */
  arrowHead?: number;
}

/** The defaults of {@linkcode regionMapPlot}. */
export const DEFAULT_REGION_MAP_PLOT_OPTIONS: Readonly<{
  colorBy: RegionColorBy;
  palette: CogPalette;
  label: RegionLabel;
  laneHeight: number;
  arrowHead: number;
  width: number;
}> = Object.freeze({
  colorBy: "type" as RegionColorBy,
  palette: "ncbi" as CogPalette,
  label: "gene" as RegionLabel,
  laneHeight: 30,
  arrowHead: 12,
  width: 960,
});

/** The legend entry of features without a COG category. */
const NO_COG = "No COG category";
const NO_COG_COLOR = "#ffffff";

const BODY = 0.3;
const HEAD = 0.44;

interface ArrowPoint {
  id: number;
  x: number;
  y1: number;
  y2: number;
  key: string;
  tip: string;
}

interface ArrowLabel {
  x: number;
  y: number;
  text: string;
  color: string;
  anchor: "top" | "bottom" | "middle";
}

/**
 * Draws a linear map of a region of one sequence: each feature an arrow (forward strand above the
 * axis, reverse below, features without strand on it), coloured by COG category or by type, with
 * gene names. Windows across the origin of a circular sequence (`from > to`, with
 * `sequenceLength`) are drawn on an unrolled axis whose labels restart at 1 after the origin, which
 * is marked; origin-spanning features are drawn whole across it. Features cut by the window end
 * flat.
 *
 * @param data The features of one sequence (an array, or an Arquero table), with 1-based inclusive
 * `start`/`stop` and `start > stop` for origin-spanning features.
 * @param options The window, colours and labels; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a feature lacks coordinates, strand or type.
 * @throws {RangeError} When the window or an option is invalid.
 *
 * @example Three genes
 * ```ts
 * import { regionMapPlot } from "./region_map_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = regionMapPlot([
 *   { start: 100, stop: 1000, strand: "+", type: "cds", gene: "dnaA" },
 *   { start: 1100, stop: 2200, strand: "+", type: "cds", gene: "dnaN" },
 *   { start: 2300, stop: 2400, strand: "-", type: "tRNA" },
 * ], { from: 1, to: 2500 });
 * assert.equal(figure.querySelectorAll('g[aria-description="features"] path').length, 3);
 * ```
 */
export function regionMapPlot(
  data: RowSource<RegionFeature>,
  options: RegionMapPlotOptions = {},
): PlotFigure {
  const D = DEFAULT_REGION_MAP_PLOT_OPTIONS;
  const {
    colorBy = D.colorBy,
    palette = D.palette,
    label = D.label,
    sequenceId,
    laneHeight = D.laneHeight,
    arrowHead = D.arrowHead,
    sequenceLength,
    from,
    to,
    overlapTolerance,
    ...rest
  } = options;
  oneOf("colorBy", colorBy, ["cog", "type"]);
  oneOf("palette", palette, ["ncbi", "bakta"]);
  oneOf("label", label, ["gene", "locusTag", "product", "none"]);
  positive("laneHeight", laneHeight);
  positive("arrowHead", arrowHead);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const what = "region map";

  const features: RegionFeature[] = rowsOf(data, what).map((row, i) => ({
    ...row,
    start: numberField(row, "start", i, what),
    stop: numberField(row, "stop", i, what),
    strand: stringField(row, "strand", i, what),
    type: stringField(row, "type", i, what),
  }));
  const layout = regionLayout(features, { sequenceLength, from, to, overlapTolerance });
  const width = typeof leftovers.width === "number" ? leftovers.width : D.width;
  const marginLeft = Math.ceil(estimateTextWidth("− strand", fontSize)) + 16;
  const marginRight = 20;
  const bpPerPx = (layout.to - layout.from + 1) / Math.max(1, width - marginLeft - marginRight);

  // Colours.
  const keyOf = (f: RegionFeature): string => {
    if (colorBy === "type") return featureTypeLabel(f.type);
    const letter = firstCogLetter(f.cogCategory);
    return letter === undefined ? NO_COG : cogLabel(letter);
  };
  let domain: string[];
  let range: string[];
  if (colorBy === "type") {
    const types = orderFeatureTypes(layout.pieces.map((p) => p.feature.type));
    domain = types.map(featureTypeLabel);
    range = types.map(featureTypeColor);
  } else {
    const letters = new Set(layout.pieces.map((p) => firstCogLetter(p.feature.cogCategory)));
    const known = COG_CATEGORIES.filter((c) => letters.has(c.letter));
    domain = known.map((c) => cogLabel(c.letter));
    range = known.map((c) => cogColor(c.letter, palette));
    if (letters.has(undefined)) {
      domain.push(NO_COG);
      range.push(NO_COG_COLOR);
    }
  }
  const colorOfKey = new Map(domain.map((k, i) => [k, range[i]]));

  // Arrows.
  const centerOf = (p: RegionPiece) => (p.strand === 0 ? 0 : p.strand * (p.lane + 1));
  const points: ArrowPoint[] = [];
  layout.pieces.forEach((piece, id) => {
    const f = piece.feature;
    const key = keyOf(f);
    const c = centerOf(piece);
    const x1 = piece.start - 0.5;
    const x2 = piece.stop + 0.5;
    const head = Math.min(x2 - x1, arrowHead * bpPerPx);
    const tip = tooltip(f, sequenceLength);
    const point = (x: number, half: number) =>
      points.push({ id, x, y1: c - half, y2: c + half, key, tip });
    if (piece.strand === 1 && !piece.clippedRight) {
      point(x1, BODY);
      point(x2 - head, BODY);
      point(x2 - head, HEAD);
      point(x2, 0);
    } else if (piece.strand === -1 && !piece.clippedLeft) {
      point(x1, 0);
      point(x1 + head, HEAD);
      point(x1 + head, BODY);
      point(x2, BODY);
    } else {
      point(x1, BODY);
      point(x2, BODY);
    }
  });

  // Labels: inside the arrow when they fit, else beside the outermost lane when there is room.
  const labels: ArrowLabel[] = [];
  const outsideEnds = new Map<number, number>();
  let outsidePlus = false;
  let outsideMinus = false;
  for (const piece of layout.pieces) {
    const text = labelOf(piece.feature, label);
    if (text === undefined) continue;
    const size = label === "product" ? fontSize * 0.8 : fontSize * 0.85;
    const textWidth = estimateTextWidth(text, size);
    const pxLength = (piece.stop - piece.start + 1) / bpPerPx;
    const headPx = (piece.strand === 1 && !piece.clippedRight) ||
        (piece.strand === -1 && !piece.clippedLeft)
      ? Math.min(arrowHead, pxLength)
      : 0;
    const bodyPx = pxLength - headPx;
    const c = centerOf(piece);
    const bodyStart = piece.strand === -1
      ? piece.start - 0.5 + headPx * bpPerPx
      : piece.start - 0.5;
    const bodyMid = bodyStart + (bodyPx * bpPerPx) / 2;
    if (textWidth + 6 <= bodyPx) {
      const fill = colorOfKey.get(keyOf(piece.feature)) ?? "#ffffff";
      labels.push({
        x: bodyMid,
        y: c,
        text,
        color: isDark(fill) ? "white" : "#111111",
        anchor: "middle",
      });
      continue;
    }
    const outermost = piece.strand === 1
      ? piece.lane === layout.lanes.plus - 1
      : piece.strand === -1
      ? piece.lane === layout.lanes.minus - 1
      : false;
    if (!outermost) continue;
    const mid = (piece.start + piece.stop) / 2;
    const left = (mid - layout.from) / bpPerPx - textWidth / 2;
    const right = left + textWidth;
    const sideEnd = outsideEnds.get(piece.strand) ?? -Infinity;
    if (left < sideEnd + 4 || left < -marginLeft + 4 || right > width) continue;
    outsideEnds.set(piece.strand, right);
    if (piece.strand === 1) outsidePlus = true;
    else outsideMinus = true;
    labels.push({
      x: mid,
      y: c + piece.strand * (HEAD + 0.08),
      text,
      color: "#222222",
      anchor: piece.strand === 1 ? "bottom" : "top",
    });
  }

  // Vertical extent: at least one lane each side, plus room for outside labels.
  const labelRoom = (fontSize * 1.3) / laneHeight;
  const yMax = Math.max(1, layout.lanes.plus) + 0.5 + (outsidePlus ? labelRoom : 0);
  const yMin = -(Math.max(1, layout.lanes.minus) + 0.5 + (outsideMinus ? labelRoom : 0));
  const marginTop = layout.origin !== undefined ? fontSize * 1.6 : 8;
  const marginBottom = 2.8 * fontSize + 6;

  // Axis ticks at nice positions on each side of the origin.
  const step = niceStep(layout.from, layout.to, Math.max(2, Math.round(width / 110)));
  let ticks: number[];
  if (layout.origin !== undefined && sequenceLength !== undefined) {
    ticks = [
      ...ticksWithStep(layout.from, sequenceLength, step).filter((t) =>
        sequenceLength - t > step / 3
      ),
      ...ticksWithStep(1, layout.to - sequenceLength, step).map((t) => t + sequenceLength),
    ];
    if (layout.from <= sequenceLength) ticks.push(sequenceLength + 1);
    ticks.sort((a, b) => a - b);
  } else {
    ticks = ticksWithStep(layout.from, layout.to, step);
  }
  const positionLabel = (u: number) => sequencePosition(u, sequenceLength).toLocaleString("en-US");
  const fmt = (n: number) => n.toLocaleString("en-US");
  const title = `${sequenceId ? `${sequenceId}: ` : "Region "}${
    fmt(sequencePosition(layout.from, sequenceLength))
  }–${fmt(sequencePosition(layout.to, sequenceLength))} bp${
    layout.origin !== undefined ? " (across the origin)" : ""
  }`;

  const marks: Plot.Markish[] = [
    Plot.ruleY([0], { stroke: "#888888", strokeWidth: 1.5 }),
    Plot.area(points, {
      x1: "x",
      y1: "y1",
      y2: "y2",
      z: "id",
      fill: "key",
      stroke: "#333333",
      strokeWidth: 0.8,
      strokeLinejoin: "round",
      title: "tip",
      ariaDescription: "features",
    }),
    Plot.text(labels.filter((l) => l.anchor === "middle"), {
      x: "x",
      y: "y",
      text: "text",
      fill: "color",
      fontSize: label === "product" ? fontSize * 0.8 : fontSize * 0.85,
      fontStyle: label === "gene" ? "italic" : "normal",
      ariaDescription: "labels",
    }),
    ...(["top", "bottom"] as const).map((anchor) =>
      Plot.text(labels.filter((l) => l.anchor === anchor), {
        x: "x",
        y: "y",
        text: "text",
        fill: "color",
        lineAnchor: anchor,
        fontSize: label === "product" ? fontSize * 0.8 : fontSize * 0.85,
        fontStyle: label === "gene" ? "italic" : "normal",
        ariaDescription: "labels",
      })
    ),
  ];
  if (layout.origin !== undefined) {
    marks.push(
      Plot.ruleX([layout.origin], {
        stroke: "#c0392b",
        strokeDasharray: "5,3",
        ariaDescription: "origin",
      }),
      Plot.text([layout.origin], {
        x: (d: number) => d,
        frameAnchor: "top",
        dy: -fontSize * 0.8,
        text: () => "origin",
        fill: "#c0392b",
        fontSize: fontSize * 0.85,
      }),
    );
  }
  return renderFigure(
    {
      title,
      width,
      height: marginTop + marginBottom + (yMax - yMin) * laneHeight,
      marginLeft,
      marginRight,
      marginTop,
      marginBottom,
      x: {
        domain: [layout.from - 0.5, layout.to + 0.5],
        ticks,
        tickFormat: positionLabel,
        label: `Position${sequenceId ? ` on ${sequenceId}` : ""} (bp)`,
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * fontSize,
      },
      y: {
        domain: [yMin, yMax],
        ticks: [1, -1],
        tickFormat: (d: number) => (d > 0 ? "+ strand" : "− strand"),
        tickSize: 0,
        label: null,
      },
      color: { type: "ordinal", domain, range, legend: true },
      marks,
    },
    leftovers,
    shared,
  );
}

function firstCogLetter(value: string | null | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  for (const ch of value) {
    const c = cogCategory(ch);
    if (c !== undefined) return c.letter;
  }
  return undefined;
}

function labelOf(f: RegionFeature, label: RegionLabel): string | undefined {
  const value = label === "gene"
    ? f.gene
    : label === "locusTag"
    ? f.locusTag
    : label === "product"
    ? f.product
    : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function tooltip(f: RegionFeature, sequenceLength?: number): string {
  const parts = [
    [f.locusTag, f.gene].filter((v) => typeof v === "string" && v !== "").join(" "),
    f.product ?? "",
    `${featureTypeLabel(f.type)} ${f.start.toLocaleString("en-US")}..${
      f.stop.toLocaleString("en-US")
    } (${f.strand})${f.start > f.stop && sequenceLength ? ", across the origin" : ""}`,
    f.cogCategory ? `COG ${f.cogCategory}` : "",
  ];
  return parts.filter((p) => p !== "").join("\n");
}
