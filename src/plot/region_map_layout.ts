/**
 * The layout of a linear region map, computed without a DOM: the arrow outlines of the features,
 * their colours and labels, the axis ticks and the vertical extent. {@linkcode regionMapMarks}
 * turns it into Observable Plot marks and {@linkcode regionMapPlot} renders them.
 *
 * @module
 */

import { COG_PALETTES, type CogPalette } from "./cog_categories.ts";
import { type FeatureColorBy, featureColorScale } from "./feature_color_scale.ts";
import { type FeatureLabel, featureLabel, featureTooltip } from "./feature_tooltip.ts";
import {
  type RegionFeature,
  type RegionLayout,
  regionLayout,
  type RegionLayoutOptions,
  type RegionPiece,
  sequencePosition,
} from "./region_layout.ts";
import { oneOf, positive } from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import { niceStep, ticksWithStep } from "./_ticks.ts";
import { isDark } from "./_color.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** Options of {@linkcode regionMapLayout}. */
export interface RegionMapLayoutOptions extends RegionLayoutOptions {
  /**
   * What colours the arrows: COG category (other features by type; see `featureColorScale`),
   * type, strand, or a function giving each feature a class (a trait).
   * @default "cog"
   */
  colorBy?: FeatureColorBy<RegionFeature>;
  /**
   * The COG palette with `colorBy: "cog"`.
   * @default "baktadb"
   */
  palette?: CogPalette;
  /**
   * The label of each arrow: the gene symbol (else the locus tag), locus tag, product, or none. A
   * label is written inside its arrow when it fits, else beside it when there is room.
   * @default "gene"
   */
  label?: FeatureLabel;
  /**
   * The sequence's name, for the title, the axis label and the tooltips.
   * @default undefined
   */
  sequenceId?: string;
  /**
   * The width of the figure, in px.
   * @default 960
   */
  width?: number;
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
  /**
   * The base font size, in px.
   * @default 13
   */
  fontSize?: number;
}

/** The defaults of {@linkcode RegionMapLayoutOptions}. */
export const DEFAULT_REGION_MAP_LAYOUT_OPTIONS: Readonly<{
  colorBy: "cog";
  palette: CogPalette;
  label: FeatureLabel;
  width: number;
  laneHeight: number;
  arrowHead: number;
  fontSize: number;
}> = Object.freeze({
  colorBy: "cog" as const,
  palette: "baktadb" as CogPalette,
  label: "gene" as FeatureLabel,
  width: 960,
  laneHeight: 30,
  arrowHead: 12,
  fontSize: 13,
});

/**
 * The names of the layout options a figure passes on to {@linkcode regionMapLayout} (all but
 * `fontSize` and `width`, which are figure options): the one list `regionMapPlot` splits its
 * options by.
 */
export const REGION_MAP_LAYOUT_OPTION_NAMES: Readonly<
  Record<Exclude<keyof RegionMapLayoutOptions, "fontSize" | "width">, true>
> = Object.freeze({
  colorBy: true,
  palette: true,
  label: true,
  sequenceId: true,
  laneHeight: true,
  arrowHead: true,
  sequenceLength: true,
  from: true,
  to: true,
  overlapTolerance: true,
});

/** A corner of an arrow outline (x in unrolled bases, y in lanes: + strand above 0). */
export interface RegionArrowPoint {
  /** The arrow (one per drawn piece). */
  id: number;
  /** The position, in unrolled bases. */
  x: number;
  /** The lower edge, in lanes. */
  y1: number;
  /** The upper edge, in lanes. */
  y2: number;
  /** The colour class (legend label). */
  key: string;
  /** The feature's tooltip (from `featureTooltip`), shared by its points. */
  tip: string;
}

/** A label of an arrow: inside it (`middle`), or above (`bottom`) or below (`top`) the lanes. */
export interface RegionArrowLabel {
  /** The position, in unrolled bases. */
  x: number;
  /** The position, in lanes. */
  y: number;
  /** The label: gene symbol or locus tag, as the `label` option chose. */
  text: string;
  /** The text colour (white on dark arrows). */
  color: string;
  /** Where the text hangs from its position. */
  anchor: "top" | "bottom" | "middle";
}

/** What {@linkcode regionMapLayout} returns: everything the marks and the frame need. */
export interface RegionMapLayout {
  /** The lanes and pieces of the features. */
  region: RegionLayout;
  /** The arrow outlines, a few points per arrow. */
  arrows: RegionArrowPoint[];
  /** The labels that fit, inside or beside their arrows (the others are left out). */
  labels: RegionArrowLabel[];
  /** The colour classes and colours of the legend. */
  color: { domain: string[]; range: string[] };
  /** The x ticks (unrolled positions) and their labels (positions on the sequence). */
  ticks: { values: number[]; format: (u: number) => string };
  /** The y extent, in lanes. */
  yDomain: [number, number];
  /** The margins and height, in px. */
  frame: {
    width: number;
    height: number;
    top: number;
    right: number;
    bottom: number;
    left: number;
  };
  /** The title used unless the caller gives one: the sequence and window. */
  title: string;
  /** The options after defaults, as the marks need them. */
  options: { label: FeatureLabel; fontSize: number; sequenceId?: string };
}

const BODY = 0.3;
const HEAD = 0.44;

function validate(options: RegionMapLayoutOptions) {
  const filled = withDefaults(options, DEFAULT_REGION_MAP_LAYOUT_OPTIONS);
  const { colorBy, palette, label, width, laneHeight, arrowHead, fontSize } = filled;
  if (typeof colorBy !== "function") oneOf("colorBy", colorBy, ["cog", "type", "strand"]);
  oneOf("palette", palette, COG_PALETTES);
  oneOf("label", label, ["gene", "locusTag", "product", "none"]);
  positive("width", width);
  positive("laneHeight", laneHeight);
  positive("arrowHead", arrowHead);
  positive("fontSize", fontSize);
  return filled;
}

/**
 * Lays out a region map: the features' lanes ({@linkcode regionLayout}), an arrow outline per
 * piece (forward strand above the axis pointing right, reverse below pointing left, no strand
 * on the axis, flat where the window cuts them), the colour scale, the labels (inside an arrow
 * when they fit, else beside the outermost lane when there is room), the ticks (restarting at 1
 * after the origin) and the frame. Pure: no DOM.
 *
 * @param features The features of one sequence (1-based inclusive; `start > stop` across the
 *   origin).
 * @param options The window, colours, labels and sizes.
 * @returns The layout.
 * @throws {RangeError} When the window or an option is invalid.
 *
 * @example Two genes: two arrows of four corners
 * ```ts
 * import assert from "node:assert/strict";
 * import { regionMapLayout } from "./region_map_layout.ts";
 *
 * const layout = regionMapLayout([
 *   { start: 100, stop: 1000, strand: "+", type: "cds", gene: "dnaA", cogCategory: "L" },
 *   { start: 1100, stop: 2200, strand: "-", type: "cds", locusTag: "X_2" },
 * ], { from: 1, to: 2500 });
 * assert.equal(layout.arrows.length, 8);
 * assert.deepEqual(layout.labels.map((l) => l.text), ["dnaA", "X_2"]);
 * assert.deepEqual(layout.color.range, ["#3d8fd1", "#e6e6e6"]);
 * ```
 */
export function regionMapLayout(
  features: readonly RegionFeature[],
  options: RegionMapLayoutOptions = {},
): RegionMapLayout {
  const o = validate(options);
  const region = regionLayout(features, o);
  const left = Math.ceil(estimateTextWidth("− strand", o.fontSize)) + 16;
  const right = 20;
  const bpPerPx = (region.to - region.from + 1) / Math.max(1, o.width - left - right);
  const scale = featureColorScale(region.pieces.map((p) => p.feature), o.colorBy, o.palette);
  const colorOfKey = new Map(scale.domain.map((k, i) => [k, scale.range[i]]));
  const arrows = arrowPoints(region, bpPerPx, o.arrowHead, (f) => scale.keyOf(f), o.sequenceId);
  const placed = placeLabels(region, bpPerPx, {
    ...o,
    left,
    colorOf: (f) => colorOfKey.get(scale.keyOf(f)) ?? "#ffffff",
  });
  const labelRoom = (o.fontSize * 1.3) / o.laneHeight;
  const yMax = Math.max(1, region.lanes.plus) + 0.5 + (placed.above ? labelRoom : 0);
  const yMin = -(Math.max(1, region.lanes.minus) + 0.5 + (placed.below ? labelRoom : 0));
  const top = region.origin !== undefined ? o.fontSize * 1.6 : 8;
  const bottom = 2.8 * o.fontSize + 6;
  return {
    region,
    arrows,
    labels: placed.labels,
    color: { domain: scale.domain, range: scale.range },
    ticks: axisTicks(region, o.width),
    yDomain: [yMin, yMax],
    frame: {
      width: o.width,
      height: top + bottom + (yMax - yMin) * o.laneHeight,
      top,
      right,
      bottom,
      left,
    },
    title: regionTitle(region, o.sequenceId),
    options: { label: o.label, fontSize: o.fontSize, sequenceId: o.sequenceId },
  };
}

const centerOf = (p: RegionPiece) => (p.strand === 0 ? 0 : p.strand * (p.lane + 1));
const pointsRight = (p: RegionPiece) => p.strand === 1 && !p.clippedRight;
const pointsLeft = (p: RegionPiece) => p.strand === -1 && !p.clippedLeft;

/** The outline of each piece: a pentagon with its head, or a rectangle. */
function arrowPoints(
  region: RegionLayout,
  bpPerPx: number,
  arrowHead: number,
  keyOf: (f: RegionFeature) => string,
  sequenceId: string | undefined,
): RegionArrowPoint[] {
  const points: RegionArrowPoint[] = [];
  region.pieces.forEach((piece, id) => {
    const f = piece.feature;
    const key = keyOf(f);
    const tip = featureTooltip({ sequenceId, ...f });
    const c = centerOf(piece);
    const [x1, x2] = [piece.start - 0.5, piece.stop + 0.5];
    const head = Math.min(x2 - x1, arrowHead * bpPerPx);
    const corner = (x: number, half: number) =>
      points.push({ id, x, y1: c - half, y2: c + half, key, tip });
    if (pointsRight(piece)) {
      corner(x1, BODY), corner(x2 - head, BODY), corner(x2 - head, HEAD), corner(x2, 0);
    } else if (pointsLeft(piece)) {
      corner(x1, 0), corner(x1 + head, HEAD), corner(x1 + head, BODY), corner(x2, BODY);
    } else {
      corner(x1, BODY), corner(x2, BODY);
    }
  });
  return points;
}

/** Labels inside the arrows that fit them, else beside the outermost lane where there is room. */
function placeLabels(
  region: RegionLayout,
  bpPerPx: number,
  o: {
    label: FeatureLabel;
    fontSize: number;
    arrowHead: number;
    width: number;
    left: number;
    colorOf: (f: RegionFeature) => string;
  },
): { labels: RegionArrowLabel[]; above: boolean; below: boolean } {
  const labels: RegionArrowLabel[] = [];
  const sideEnds = new Map<number, number>();
  const size = labelFontSize(o.label, o.fontSize);
  for (const piece of region.pieces) {
    const text = featureLabel(piece.feature, o.label);
    if (text === undefined) continue;
    const textWidth = estimateTextWidth(text, size);
    const pxLength = (piece.stop - piece.start + 1) / bpPerPx;
    const headPx = pointsRight(piece) || pointsLeft(piece) ? Math.min(o.arrowHead, pxLength) : 0;
    const bodyStart = piece.start - 0.5 + (piece.strand === -1 ? headPx * bpPerPx : 0);
    if (textWidth + 6 <= pxLength - headPx) {
      const fill = o.colorOf(piece.feature);
      labels.push({
        x: bodyStart + ((pxLength - headPx) * bpPerPx) / 2,
        y: centerOf(piece),
        text,
        color: isDark(fill) ? "white" : "#111111",
        anchor: "middle",
      });
      continue;
    }
    const lanes = piece.strand === 1 ? region.lanes.plus : region.lanes.minus;
    if (piece.strand === 0 || piece.lane !== lanes - 1) continue;
    const mid = (piece.start + piece.stop) / 2;
    const leftPx = (mid - region.from) / bpPerPx - textWidth / 2;
    const sideEnd = sideEnds.get(piece.strand) ?? -Infinity;
    if (leftPx < sideEnd + 4 || leftPx < -o.left + 4 || leftPx + textWidth > o.width - o.left - 2) {
      continue;
    }
    sideEnds.set(piece.strand, leftPx + textWidth);
    labels.push({
      x: mid,
      y: centerOf(piece) + piece.strand * (HEAD + 0.08),
      text,
      color: "#222222",
      anchor: piece.strand === 1 ? "bottom" : "top",
    });
  }
  return { labels, above: sideEnds.has(1), below: sideEnds.has(-1) };
}

/**
 * The font size of arrow labels: products are long, so smaller.
 *
 * @param label What labels the arrows.
 * @param fontSize The base font size, in px.
 * @returns The labels' font size, in px.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { labelFontSize } from "./region_map_layout.ts";
 *
 * assert.ok(labelFontSize("product", 13) < labelFontSize("gene", 13));
 * ```
 */
export function labelFontSize(label: FeatureLabel, fontSize: number): number {
  return label === "product" ? fontSize * 0.8 : fontSize * 0.85;
}

/** Ticks at nice positions on each side of the origin, labelled with sequence positions. */
function axisTicks(region: RegionLayout, width: number): RegionMapLayout["ticks"] {
  const L = region.sequenceLength;
  const step = niceStep(region.from, region.to, Math.max(2, Math.round(width / 110)));
  let values: number[];
  if (region.origin !== undefined && L !== undefined) {
    values = [
      ...ticksWithStep(region.from, L, step).filter((t) => L - t > step / 3),
      ...ticksWithStep(1, region.to - L, step).map((t) => t + L),
    ];
    if (region.from <= L) values.push(L + 1);
    values.sort((a, b) => a - b);
  } else {
    values = ticksWithStep(region.from, region.to, step);
  }
  return { values, format: (u) => sequencePosition(u, L).toLocaleString("en-US") };
}

function regionTitle(region: RegionLayout, sequenceId: string | undefined): string {
  const at = (u: number) => sequencePosition(u, region.sequenceLength).toLocaleString("en-US");
  return `${sequenceId ? `${sequenceId}: ` : "Region "}${at(region.from)}–${at(region.to)} bp${
    region.origin !== undefined ? " (across the origin)" : ""
  }`;
}
