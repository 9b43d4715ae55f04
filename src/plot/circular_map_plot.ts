/**
 * A circular genome map in the manner of Bakta's own plot: feature rings per strand, GC content and
 * GC skew rings, the sequences laid out around the circle.
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
import { gcContent } from "./gc_content.ts";
import { gcSkew } from "./gc_skew.ts";
import type { GcWindow } from "./gc_content.ts";
import { baseWindows } from "./_base_windows.ts";
import {
  fontOf,
  numberField,
  oneOf,
  positive,
  renderFigure,
  sharedOptions,
  stringField,
} from "./_figure.ts";
import { formatBases } from "./_text.ts";
import { niceStep, ticksWithStep } from "./_ticks.ts";

/** A sequence of {@linkcode CircularMapData}. */
export interface CircularMapSequence {
  /** The sequence id, as the features' `sequenceId`. */
  id: string;
  /** The length in bases. */
  length: number;
  /** The nucleotides; without them there are no GC rings for the sequence. */
  nt?: string | null;
}

/** A feature of {@linkcode CircularMapData} (1-based inclusive; `start > stop` across the origin). */
export interface CircularMapFeature {
  /** The id of the sequence the feature lies on. */
  sequenceId: string;
  /** First base on the forward strand. */
  start: number;
  /** Last base on the forward strand; smaller than `start` for an origin-spanning feature. */
  stop: number;
  /** `+` (outer ring), `-` (inner ring), or no strand (both rings). */
  strand: string;
  /** The feature type (Bakta JSON naming). */
  type: string;
  /** The COG category letter(s); the first one colours the feature with `colorBy: "cog"`. */
  cogCategory?: string | null;
  /** True when the feature crosses the origin. */
  edge?: boolean | null;
}

/** The data of {@linkcode circularMapPlot}: the sequences and their features. */
export interface CircularMapData {
  /** The sequences, in the order they are laid out clockwise from the top. */
  sequences: RowSource<CircularMapSequence>;
  /** The features. */
  features: RowSource<CircularMapFeature>;
}

/** Options of {@linkcode circularMapPlot}; other Plot options pass through to `Plot.plot`. */
export interface CircularMapPlotOptions extends FigureOptions {
  /**
   * Colour features by type (as Bakta's default plot) or by COG category (`bakta_plot --type cog`).
   * @default "type"
   */
  colorBy?: "type" | "cog";
  /**
   * The COG palette with `colorBy: "cog"`; Bakta's by default, since the pale NCBI colours fade on
   * thin arcs without outlines.
   * @default "bakta"
   */
  palette?: CogPalette;
  /**
   * The GC window in bases, or `auto` (about 720 windows around the circle, at least 50 bases).
   * @default "auto"
   */
  gcWindow?: number | "auto";
  /**
   * The distance between GC windows in bases; by default the window (no overlap).
   * @default undefined
   */
  gcStep?: number;
  /**
   * Draw the GC content and GC skew rings (for sequences with nucleotides).
   * @default true
   */
  gc?: boolean;
  /**
   * Draw only this many sequences, the longest ones (as Bakta draws the 20 longest).
   * @default 20
   */
  maxSequences?: number;
  /**
   * The gap between sequences, in degrees (only with more than one sequence).
   * @default 2
   */
  gap?: number;
  /**
   * The text in the middle; lines split at `\n`. By default the sequence (or the number of
   * sequences), the total length and the GC content.
   * @default undefined
   */
  label?: string;
  /**
   * The width and height of the map, in px.
   * @default 720
   */
  size?: number;
}

/** The defaults of {@linkcode circularMapPlot}. */
export const DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS: Readonly<{
  title: string;
  colorBy: "type" | "cog";
  palette: CogPalette;
  gcWindow: number | "auto";
  gc: boolean;
  maxSequences: number;
  gap: number;
  size: number;
}> = Object.freeze({
  title: "Genome map",
  colorBy: "type" as "type" | "cog",
  palette: "bakta" as CogPalette,
  gcWindow: "auto" as number | "auto",
  gc: true,
  maxSequences: 20,
  gap: 2,
  size: 720,
});

/** The GC ring colours of Bakta's plot (`COLORS` in `bakta/plot.py`). */
export const GC_RING_COLORS: Readonly<{
  "GC content above average": string;
  "GC content below average": string;
  "GC skew positive": string;
  "GC skew negative": string;
}> = Object.freeze({
  "GC content above average": "#33a02c",
  "GC content below average": "#e31a1c",
  "GC skew positive": "#fdbf6f",
  "GC skew negative": "#1f78b4",
});

/** The radii of the rings, the circle's radius being 1. */
export const CIRCULAR_MAP_RINGS: Readonly<{
  backbone: readonly [number, number];
  plus: readonly [number, number];
  minus: readonly [number, number];
  gcContent: { base: number; amplitude: number };
  gcSkew: { base: number; amplitude: number };
}> = Object.freeze({
  backbone: [0.985, 1] as const,
  plus: [0.865, 0.97] as const,
  minus: [0.75, 0.855] as const,
  gcContent: { base: 0.62, amplitude: 0.1 },
  gcSkew: { base: 0.4, amplitude: 0.1 },
});

const NO_COG = "No COG category";
const NO_COG_COLOR = "#b0b0b0";
const MIN_ARC_DEGREES = 0.12;
const EXTENT = 1.25;

type Ring = [number, number][];
type Geometry =
  | { type: "Polygon"; coordinates: Ring[] }
  | { type: "MultiPolygon"; coordinates: Ring[][] }
  | { type: "MultiLineString"; coordinates: [number, number][][] };

interface Shape {
  type: "Feature";
  geometry: Geometry;
  properties: { key: string; title: string };
}

interface SequenceArc {
  id: string;
  length: number;
  nt?: string | null;
  /** Degrees clockwise from the top where base 1 begins. */
  angle0: number;
  /** Degrees per base. */
  scale: number;
}

function point(radius: number, degrees: number): [number, number] {
  const t = (degrees * Math.PI) / 180;
  return [radius * Math.sin(t), -radius * Math.cos(t)];
}

/** A closed annular sector from `a0` to `a1` degrees between two radii. */
function sector(r0: number, r1: number, a0: number, a1: number): Ring {
  const n = Math.max(1, Math.ceil(Math.abs(a1 - a0)));
  const outer: [number, number][] = [];
  const inner: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    outer.push(point(r1, a));
    inner.push(point(r0, a));
  }
  const ring = [...outer, ...inner.reverse()];
  ring.push(ring[0]);
  return ring;
}

/** The angular extent of bases `start..stop` (1-based inclusive) on a sequence, widened to a minimum. */
function span(arc: SequenceArc, start: number, stop: number): [number, number] {
  let a0 = arc.angle0 + (start - 1) * arc.scale;
  let a1 = arc.angle0 + stop * arc.scale;
  if (a1 - a0 < MIN_ARC_DEGREES) {
    const mid = (a0 + a1) / 2;
    a0 = mid - MIN_ARC_DEGREES / 2;
    a1 = mid + MIN_ARC_DEGREES / 2;
  }
  return [a0, a1];
}

function firstCogLetter(value: string | null | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  for (const ch of value) {
    const c = cogCategory(ch);
    if (c !== undefined) return c.letter;
  }
  return undefined;
}

function autoWindow(total: number): number {
  const raw = Math.max(50, total / 720);
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((k) => k * power).find((v) => v >= raw) ?? 10 * power;
  return Math.round(nice);
}

/**
 * Draws a circular map of a genome like Bakta's plot: from the outside in, the sequences as a
 * backbone with position ticks, the forward-strand features, the reverse-strand features (both
 * coloured by type or COG category), the GC content (deviation from the genome's mean: green
 * above, red below) and the GC skew (orange positive, blue negative), computed from the
 * nucleotides in windows. Several sequences share the circle in proportion to their lengths, in
 * the order given, separated by small gaps; origin-spanning features are drawn across their
 * sequence's origin. The rings are polygons drawn with `Plot.geo` in an identity projection.
 *
 * @param data The sequences (with `nt` for GC rings) and the features.
 * @param options Colours, GC windows, sizes; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a feature names a sequence not in `sequences`, or a field is missing.
 * @throws {RangeError} When a feature lies outside its sequence or an option is out of range.
 *
 * @example A plasmid with two genes
 * ```ts
 * import { circularMapPlot } from "./circular_map_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = circularMapPlot({
 *   sequences: [{ id: "p1", length: 1330, nt: "GC".repeat(300) + "AT".repeat(365) }],
 *   features: [
 *     { sequenceId: "p1", start: 413, stop: 736, strand: "+", type: "cds" },
 *     { sequenceId: "p1", start: 971, stop: 141, strand: "-", type: "cds", edge: true },
 *   ],
 * });
 * assert.equal(figure.querySelectorAll('g[aria-description="features"] path').length, 2);
 * ```
 */
export function circularMapPlot(
  data: CircularMapData,
  options: CircularMapPlotOptions = {},
): PlotFigure {
  const D = DEFAULT_CIRCULAR_MAP_PLOT_OPTIONS;
  const {
    colorBy = D.colorBy,
    palette = D.palette,
    gcWindow = D.gcWindow,
    gcStep,
    gc = D.gc,
    maxSequences = D.maxSequences,
    gap = D.gap,
    label,
    size = D.size,
    ...rest
  } = options;
  oneOf("colorBy", colorBy, ["type", "cog"]);
  oneOf("palette", palette, ["ncbi", "bakta"]);
  if (gcWindow !== "auto") positive("gcWindow", gcWindow);
  if (gcStep !== undefined) positive("gcStep", gcStep);
  positive("maxSequences", maxSequences);
  if (!(gap >= 0 && gap < 90)) throw new RangeError(`Option "gap" must be in [0, 90), got ${gap}`);
  positive("size", size);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  if (data === null || typeof data !== "object") {
    throw new TypeError("Cannot plot circular map: expected { sequences, features }");
  }
  const what = "circular map";

  const allSequences = rowsOf(data.sequences, "sequences").map((s, i) => ({
    id: stringField(s, "id", i, `${what} sequences`),
    length: numberField(s, "length", i, `${what} sequences`),
    nt: s.nt,
  }));
  allSequences.forEach((s, i) => {
    if (!Number.isInteger(s.length) || s.length < 1) {
      throw new RangeError(`Cannot plot ${what}: sequence ${i} has length ${s.length}`);
    }
  });
  const kept = new Set(
    [...allSequences].sort((a, b) => b.length - a.length).slice(0, Math.floor(maxSequences)),
  );
  const sequences = allSequences.filter((s) => kept.has(s));
  const total = sequences.reduce((sum, s) => sum + s.length, 0);
  const gapDegrees = sequences.length > 1 ? gap : 0;
  const available = 360 - gapDegrees * sequences.length;
  const arcs = new Map<string, SequenceArc>();
  let angle = gapDegrees / 2;
  for (const s of sequences) {
    const scale = available / total;
    arcs.set(s.id, { ...s, angle0: angle, scale });
    angle += s.length * scale + gapDegrees;
  }
  const knownIds = new Set(allSequences.map((s) => s.id));

  // Features.
  const features = rowsOf(data.features, "features").map((f, i) => ({
    ...f,
    sequenceId: stringField(f, "sequenceId", i, `${what} features`),
    start: numberField(f, "start", i, `${what} features`),
    stop: numberField(f, "stop", i, `${what} features`),
    strand: stringField(f, "strand", i, `${what} features`),
    type: stringField(f, "type", i, `${what} features`),
  }));
  const keyOf = (f: CircularMapFeature): string => {
    if (colorBy === "type") return featureTypeLabel(f.type);
    const letter = firstCogLetter(f.cogCategory);
    return letter === undefined ? NO_COG : cogLabel(letter);
  };
  const featureShapes: Shape[] = [];
  const drawn: CircularMapFeature[] = [];
  features.forEach((f, i) => {
    if (!knownIds.has(f.sequenceId)) {
      throw new TypeError(
        `Cannot plot ${what}: feature ${i} lies on sequence "${f.sequenceId}", which is not among the sequences`,
      );
    }
    const arc = arcs.get(f.sequenceId);
    if (arc === undefined) return; // not among the longest sequences drawn
    if (
      !Number.isInteger(f.start) || !Number.isInteger(f.stop) || f.start < 1 || f.stop < 1 ||
      Math.max(f.start, f.stop) > arc.length
    ) {
      throw new RangeError(
        `Cannot plot ${what}: feature ${i} (${f.start}..${f.stop}) lies outside sequence "${arc.id}" of ${arc.length} bp`,
      );
    }
    const [r0, r1] = f.strand === "+"
      ? CIRCULAR_MAP_RINGS.plus
      : f.strand === "-"
      ? CIRCULAR_MAP_RINGS.minus
      : [CIRCULAR_MAP_RINGS.minus[0], CIRCULAR_MAP_RINGS.plus[1]];
    const parts = f.start > f.stop ? [[f.start, arc.length], [1, f.stop]] : [[f.start, f.stop]];
    const polygons = parts.map(([s, e]) => {
      const [a0, a1] = span(arc, s, e);
      return [sector(r0, r1, a0, a1)];
    });
    featureShapes.push({
      type: "Feature",
      geometry: polygons.length === 1
        ? { type: "Polygon", coordinates: polygons[0] }
        : { type: "MultiPolygon", coordinates: polygons },
      properties: {
        key: keyOf(f),
        title: `${f.sequenceId} ${f.start.toLocaleString("en-US")}..${
          f.stop.toLocaleString("en-US")
        } (${f.strand}) ${featureTypeLabel(f.type)}`,
      },
    });
    drawn.push(f);
  });
  // Paint the large, common features first so rare ones stay on top.
  const order = (key: string) => (key === "CDS" || key === NO_COG ? 0 : 1);
  featureShapes.sort((a, b) => order(a.properties.key) - order(b.properties.key));

  let domain: string[];
  let range: string[];
  if (colorBy === "type") {
    const types = orderFeatureTypes(drawn.map((f) => f.type));
    domain = types.map(featureTypeLabel);
    range = types.map(featureTypeColor);
  } else {
    const letters = new Set(drawn.map((f) => firstCogLetter(f.cogCategory)));
    const known = COG_CATEGORIES.filter((c) => letters.has(c.letter));
    domain = known.map((c) => cogLabel(c.letter));
    range = known.map((c) => cogColor(c.letter, palette));
    if (letters.has(undefined)) {
      domain.push(NO_COG);
      range.push(NO_COG_COLOR);
    }
  }

  // GC content and skew.
  const window = gcWindow === "auto" ? autoWindow(total) : Math.round(gcWindow);
  const step = gcStep === undefined ? window : Math.round(gcStep);
  const withNt = sequences.filter((s) => typeof s.nt === "string" && s.nt.length > 0);
  const gcShapes: Shape[] = [];
  const skewShapes: Shape[] = [];
  let meanGc = NaN;
  if (gc && withNt.length > 0) {
    let gcCount = 0;
    let acgt = 0;
    const contents = new Map<string, GcWindow[]>();
    const skews = new Map<string, GcWindow[]>();
    for (const s of withNt) {
      const nt = s.nt as string;
      if (nt.length !== s.length) {
        throw new RangeError(
          `Cannot plot ${what}: sequence "${s.id}" has ${nt.length} nucleotides but length ${s.length}`,
        );
      }
      const [whole] = baseWindows(nt, nt.length, nt.length);
      gcCount += whole.g + whole.c;
      acgt += whole.acgt;
      contents.set(s.id, gcContent(nt, window, step));
      skews.set(s.id, gcSkew(nt, window, step));
    }
    meanGc = acgt > 0 ? gcCount / acgt : NaN;
    const maxDeviation = Math.max(
      1e-9,
      ...[...contents.values()].flat().filter((w) => Number.isFinite(w.value)).map((w) =>
        Math.abs(w.value - meanGc)
      ),
    );
    const maxSkew = Math.max(
      1e-9,
      ...[...skews.values()].flat().filter((w) => Number.isFinite(w.value)).map((w) =>
        Math.abs(w.value)
      ),
    );
    const ringShapes = (
      windows: Map<string, GcWindow[]>,
      ring: { base: number; amplitude: number },
      valueOf: (v: number) => number,
      keys: [string, string],
      into: Shape[],
      describe: (v: number) => string,
    ) => {
      for (const [id, list] of windows) {
        const arc = arcs.get(id)!;
        for (const w of list) {
          if (!Number.isFinite(w.value)) continue;
          const v = valueOf(w.value);
          if (v === 0) continue;
          const [a0, a1] = [
            arc.angle0 + (w.start - 1) * arc.scale,
            arc.angle0 + w.stop * arc.scale,
          ];
          const r = ring.base + ring.amplitude * v;
          into.push({
            type: "Feature",
            geometry: {
              type: "Polygon",
              coordinates: [sector(Math.min(ring.base, r), Math.max(ring.base, r), a0, a1)],
            },
            properties: {
              key: v > 0 ? keys[0] : keys[1],
              title: `${id} ${w.start.toLocaleString("en-US")}..${
                w.stop.toLocaleString("en-US")
              }: ${describe(w.value)}`,
            },
          });
        }
      }
    };
    ringShapes(
      contents,
      CIRCULAR_MAP_RINGS.gcContent,
      (v) => (v - meanGc) / maxDeviation,
      ["GC content above average", "GC content below average"],
      gcShapes,
      (v) => `GC ${(100 * v).toFixed(1)}%`,
    );
    ringShapes(
      skews,
      CIRCULAR_MAP_RINGS.gcSkew,
      (v) => v / maxSkew,
      ["GC skew positive", "GC skew negative"],
      skewShapes,
      (v) => `GC skew ${v.toFixed(3)}`,
    );
    for (const key of Object.keys(GC_RING_COLORS) as (keyof typeof GC_RING_COLORS)[]) {
      domain.push(key);
      range.push(GC_RING_COLORS[key]);
    }
  }

  // Backbone, ticks and labels.
  const backbone: Shape[] = sequences.map((s) => {
    const arc = arcs.get(s.id)!;
    const [a0, a1] = [arc.angle0, arc.angle0 + s.length * arc.scale];
    return {
      type: "Feature",
      geometry: {
        type: "Polygon",
        coordinates: [
          sector(CIRCULAR_MAP_RINGS.backbone[0], CIRCULAR_MAP_RINGS.backbone[1], a0, a1),
        ],
      },
      properties: { key: s.id, title: `${s.id}: ${formatBases(s.length)}` },
    };
  });
  const tickStep = niceStep(0, total, 24);
  const tickLines: [number, number][][] = [];
  const tickLabels: { x: number; y: number; text: string; anchor: "start" | "middle" | "end" }[] =
    [];
  const labelAngles = sequences.length > 1
    ? sequences.map((s) => arcs.get(s.id)!).filter((arc) => arc.length * arc.scale >= 6).map((
      arc,
    ) => arc.angle0 + (arc.length * arc.scale) / 2)
    : [];
  for (const s of sequences) {
    const arc = arcs.get(s.id)!;
    // No tick at the very end: it would sit on the start of the next sequence (or on 0).
    for (const t of ticksWithStep(0, s.length - tickStep / 3, tickStep)) {
      const a = arc.angle0 + t * arc.scale;
      tickLines.push([point(1, a), point(1.025, a)]);
      if (s.length * arc.scale < 12 && t > 0) continue; // too short a sequence for labels
      if (labelAngles.some((l) => Math.abs(l - a) < 5)) continue; // the sequence's name is there
      const [x, y] = point(1.045, a);
      const sin = Math.sin((a * Math.PI) / 180);
      tickLabels.push({
        x,
        y,
        text: t === 0 ? (sequences.length > 1 ? "" : "0") : formatBases(t).replace(".0 ", " "),
        anchor: Math.abs(sin) < 0.2 ? "middle" : sin > 0 ? "start" : "end",
      });
    }
  }
  const sequenceLabels = sequences.length > 1
    ? sequences.flatMap((s) => {
      const arc = arcs.get(s.id)!;
      const degrees = s.length * arc.scale;
      if (degrees < 6) return [];
      const [x, y] = point(1.15, arc.angle0 + degrees / 2);
      return [{ x, y, text: s.id }];
    })
    : [];
  const allNt = withNt.length > 0;
  const centerLines = label ??
    [
      sequences.length === 1 ? sequences[0].id : `${sequences.length} sequences`,
      formatBases(total),
      allNt && Number.isFinite(meanGc) ? `GC ${(100 * meanGc).toFixed(1)}%` : "",
    ].filter((l) => l !== "").join("\n");
  const clipped = allSequences.length - sequences.length;

  const geo = (shapes: Shape[], description: string, extra: Record<string, unknown> = {}) =>
    Plot.geo(shapes, {
      fill: (d: Shape) => d.properties.key,
      title: (d: Shape) => d.properties.title,
      ariaDescription: description,
      ...extra,
    });
  const marks: Plot.Markish[] = [
    Plot.geo(backbone, {
      fill: "#444444",
      title: (d: Shape) => d.properties.title,
      ariaDescription: "sequences",
    }),
    Plot.geo(
      { type: "MultiLineString", coordinates: tickLines },
      { stroke: "#444444", strokeWidth: 1, ariaDescription: "ticks" },
    ),
    ...(["start", "middle", "end"] as const).map((anchor) =>
      Plot.text(tickLabels.filter((t) => t.anchor === anchor), {
        x: "x",
        y: "y",
        text: "text",
        textAnchor: anchor,
        fontSize: fontSize * 0.8,
        fill: "#444444",
      })
    ),
    Plot.text(sequenceLabels, {
      x: "x",
      y: "y",
      text: "text",
      fontSize: fontSize * 0.9,
      fontWeight: "bold",
    }),
    // Light guides behind the feature rings.
    Plot.geo(
      [CIRCULAR_MAP_RINGS.plus, CIRCULAR_MAP_RINGS.minus].flatMap(([r0, r1]) =>
        sequences.map((s) => {
          const arc = arcs.get(s.id)!;
          return {
            type: "Polygon",
            coordinates: [sector(r0, r1, arc.angle0, arc.angle0 + s.length * arc.scale)],
          };
        })
      ),
      { fill: "#f4f4f4", ariaDescription: "ring guides" },
    ),
    // Thin white edges part neighbouring genes, where arcs are wide enough to afford them.
    geo(featureShapes, "features", total <= 300_000 ? { stroke: "white", strokeWidth: 0.4 } : {}),
    geo(gcShapes, "gc content"),
    geo(skewShapes, "gc skew"),
    Plot.text([centerLines], {
      x: () => 0,
      y: () => 0,
      text: (d: string) => d,
      fontSize: fontSize * 1.25,
      fontWeight: "bold",
      lineHeight: 1.3,
    }),
  ];
  if (gcShapes.length > 0) {
    for (const ring of [CIRCULAR_MAP_RINGS.gcContent, CIRCULAR_MAP_RINGS.gcSkew]) {
      marks.push(
        Plot.geo(
          sequences.filter((s) => withNt.includes(s)).map((s) => {
            const arc = arcs.get(s.id)!;
            const coordinates: [number, number][] = [];
            const a1 = arc.angle0 + s.length * arc.scale;
            const n = Math.max(2, Math.ceil(a1 - arc.angle0));
            for (let i = 0; i <= n; i++) {
              coordinates.push(point(ring.base, arc.angle0 + ((a1 - arc.angle0) * i) / n));
            }
            return { type: "LineString", coordinates };
          }),
          { stroke: "#888888", strokeWidth: 0.5, ariaDescription: "ring baselines" },
        ),
      );
    }
  }
  return renderFigure(
    {
      title: D.title,
      ...(clipped > 0
        ? { subtitle: `The ${sequences.length} longest of ${allSequences.length} sequences` }
        : {}),
      width: size,
      height: size,
      margin: 0,
      projection: {
        type: "identity",
        domain: {
          type: "MultiPoint",
          coordinates: [[-EXTENT, -EXTENT], [EXTENT, EXTENT]],
        },
      },
      color: { type: "ordinal", domain, range, legend: true },
      marks,
    },
    leftovers,
    shared,
  );
}
