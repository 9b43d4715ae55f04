/**
 * The layout of a circular genome map, computed without a DOM: the rings as GeoJSON polygons in
 * ring units (the backbone's radius is 1), their colours, the ticks and every label.
 * {@linkcode circularMapMarks} turns it into Observable Plot marks and {@linkcode circularMapPlot}
 * renders them.
 *
 * @module
 */

import { COG_PALETTES, type CogPalette } from "./cog_categories.ts";
import {
  type FeatureColorBy,
  type FeatureColorScale,
  featureColorScale,
} from "./feature_color_scale.ts";
import { featureLabel, featureTooltip } from "./feature_tooltip.ts";
import { gcContent, type GcWindow } from "./gc_content.ts";
import { gcSkew } from "./gc_skew.ts";
import { baseWindows } from "./_base_windows.ts";
import { oneOf, positive } from "./_figure.ts";
import { estimateTextWidth, formatBases } from "./_text.ts";
import { polarPoint } from "./_polar.ts";
import {
  type CircularGeneLabel,
  type GeneLabelCandidate,
  placeGeneLabels,
} from "./_circular_gene_labels.ts";

export { polarPoint } from "./_polar.ts";
import { niceStep, ticksWithStep } from "./_ticks.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** A sequence of a circular map. */
export interface CircularMapSequence {
  /** The sequence id, as the features' `sequenceId`. */
  id: string;
  /** The length in bases. */
  length: number;
  /** The nucleotides; without them there are no GC rings for the sequence. */
  nt?: string | null;
  /** `circular` for a closed replicon; with `gcSkew: "auto"` skew is drawn for those only. */
  topology?: string | null;
}

/** A feature of a circular map (1-based inclusive; `start > stop` across the origin). */
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
  /** The locus tag (tooltip). */
  locusTag?: string | null;
  /** The gene symbol (tooltip). */
  gene?: string | null;
  /** The product (tooltip). */
  product?: string | null;
  /** Cross-references as `DB:accession` (tooltip). */
  xrefs?: readonly string[] | null;
}

/** Options of {@linkcode circularMapLayout}. */
export interface CircularMapLayoutOptions {
  /**
   * What colours the features: COG category (CDSs; other features by type, as
   * `bakta_plot --type cog`), feature type (as Bakta's default plot), strand, or a function giving
   * each feature a class (a trait).
   * @default "cog"
   */
  colorBy?: FeatureColorBy<CircularMapFeature>;
  /**
   * The COG palette with `colorBy: "cog"`.
   * @default "baktadb"
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
   * Draw the GC content ring (and the GC skew ring, see `gcSkew`) for sequences with nucleotides.
   * @default true
   */
  gc?: boolean;
  /**
   * Draw the GC skew ring: `auto` draws it for one sequence or when every sequence is circular
   * (closed replicons), not for a draft whose contigs' skews mean nothing together.
   * @default "auto"
   */
  gcSkew?: boolean | "auto";
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
   * The width and height of the map, in px (for placing labels without overlaps).
   * @default 720
   */
  size?: number;
  /**
   * The base font size, in px.
   * @default 13
   */
  fontSize?: number;
  /**
   * The most genes labelled (gene name, else locus tag), written radially outside the ticks where
   * they do not overlap: named genes first, then the longest; 0 for none.
   * @default 60
   */
  geneLabels?: number;
}

/** The defaults of {@linkcode CircularMapLayoutOptions}. */
export const DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS: Readonly<{
  colorBy: "cog";
  palette: CogPalette;
  gcWindow: number | "auto";
  gc: boolean;
  gcSkew: boolean | "auto";
  maxSequences: number;
  gap: number;
  size: number;
  fontSize: number;
  geneLabels: number;
}> = Object.freeze({
  colorBy: "cog" as const,
  palette: "baktadb" as CogPalette,
  gcWindow: "auto" as number | "auto",
  gc: true,
  gcSkew: "auto" as boolean | "auto",
  maxSequences: 20,
  gap: 2,
  size: 720,
  fontSize: 13,
  geneLabels: 60,
});

/**
 * The names of the layout options a figure passes on to {@linkcode circularMapLayout} (all but
 * `fontSize`, which is a figure option): the one list `circularMapPlot` splits its options by.
 */
export const CIRCULAR_MAP_LAYOUT_OPTION_NAMES: Readonly<
  Record<Exclude<keyof CircularMapLayoutOptions, "fontSize">, true>
> = Object.freeze({
  colorBy: true,
  palette: true,
  gcWindow: true,
  gcStep: true,
  gc: true,
  gcSkew: true,
  maxSequences: true,
  gap: true,
  label: true,
  size: true,
  geneLabels: true,
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

/** The map's half-width in ring units. */
export const CIRCULAR_MAP_EXTENT = 1.3;

/** A closed ring of [x, y] points. */
export type CircularRing = [number, number][];

/** A GeoJSON feature of the map: a polygon (or two, across the origin) with a class and a tooltip. */
export interface CircularShape {
  /** GeoJSON. */
  type: "Feature";
  /** The polygon(s). */
  geometry:
    | { type: "Polygon"; coordinates: CircularRing[] }
    | { type: "MultiPolygon"; coordinates: CircularRing[][] };
  /** The colour class and the tooltip. */
  properties: { key: string; title: string };
}

/** A text of the map at [x, y] in ring units. */
export interface CircularLabel {
  /** Ring units, right of the centre. */
  x: number;
  /** Ring units, below the centre. */
  y: number;
  /** The text. */
  text: string;
  /** How the text is anchored. */
  anchor: "start" | "middle" | "end";
}

/** What {@linkcode circularMapLayout} returns. */
export interface CircularMapLayout {
  /** The sequences drawn (the longest `maxSequences`), with their angles. */
  arcs: SequenceArc[];
  /** The backbone arcs, one per sequence. */
  backbone: CircularShape[];
  /** The light guides behind the two strand rings. */
  guides: CircularShape[];
  /** The features, the common classes (CDS, no COG) first so that rare ones stay on top. */
  features: CircularShape[];
  /** The GC content bars. */
  gcContent: CircularShape[];
  /** The GC skew bars (none when skew is not drawn). */
  gcSkew: CircularShape[];
  /** The base lines of the GC rings drawn. */
  baselines: [number, number][][];
  /** The tick lines and their labels. */
  ticks: { lines: [number, number][][]; labels: CircularLabel[] };
  /** The sequence names that fit without overlapping. */
  sequenceLabels: CircularLabel[];
  /** The gene labels placed (gene name, else locus tag), radially outside the ticks. */
  geneLabels: CircularGeneLabel[];
  /** The names of the rings (`+`, `−`, `GC`, `skew`) at the top. */
  ringLabels: CircularLabel[];
  /** The text in the middle. */
  center: string;
  /** The legend's classes and colours. */
  color: { domain: string[]; range: string[] };
  /** What the map leaves out (sequences beyond `maxSequences`, GC skew on a draft), or none. */
  notes: string[];
  /** The base font size and size used. */
  options: { fontSize: number; size: number; thinEdges: boolean };
}

/** A sequence's place on the circle. */
export interface SequenceArc extends CircularMapSequence {
  /** Degrees clockwise from the top where base 1 begins. */
  angle0: number;
  /** Degrees per base. */
  scale: number;
}

const MIN_ARC_DEGREES = 0.12;
const WHAT = "circular map";

/**
 * A closed annular sector from `a0` to `a1` degrees between two radii, as a polygon ring with a
 * point every degree.
 *
 * @param r0 The inner radius.
 * @param r1 The outer radius.
 * @param a0 The first angle, in degrees clockwise from the top.
 * @param a1 The last angle.
 * @returns The ring, closed (its last point is its first).
 *
 * @example Ten degrees: 11 points on each arc, closed
 * ```ts
 * import assert from "node:assert/strict";
 * import { sector } from "./circular_map_layout.ts";
 *
 * const ring = sector(0.8, 0.9, 0, 10);
 * assert.equal(ring.length, 23);
 * assert.deepEqual(ring[0], ring.at(-1));
 * ```
 */
export function sector(r0: number, r1: number, a0: number, a1: number): CircularRing {
  const n = Math.max(1, Math.ceil(Math.abs(a1 - a0)));
  const outer: [number, number][] = [];
  const inner: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    outer.push(polarPoint(r1, a));
    inner.push(polarPoint(r0, a));
  }
  const ring = [...outer, ...inner.reverse()];
  ring.push(ring[0]);
  return ring;
}

function polygon(rings: CircularRing[], key: string, title: string): CircularShape {
  return {
    type: "Feature",
    geometry: rings.length === 1
      ? { type: "Polygon", coordinates: [rings[0]] }
      : { type: "MultiPolygon", coordinates: rings.map((r) => [r]) },
    properties: { key, title },
  };
}

function validate(options: CircularMapLayoutOptions) {
  const o = withDefaults(options, DEFAULT_CIRCULAR_MAP_LAYOUT_OPTIONS);
  if (!(o.geneLabels >= 0)) {
    throw new RangeError(`Option "geneLabels" must be a number >= 0, got ${o.geneLabels}`);
  }
  if (typeof o.colorBy !== "function") oneOf("colorBy", o.colorBy, ["cog", "type", "strand"]);
  oneOf("palette", o.palette, COG_PALETTES);
  if (o.gcWindow !== "auto") positive("gcWindow", o.gcWindow);
  if (o.gcStep !== undefined) positive("gcStep", o.gcStep);
  if (o.gcSkew !== "auto" && typeof o.gcSkew !== "boolean") {
    throw new RangeError(`Option "gcSkew" must be true, false or "auto", got ${o.gcSkew}`);
  }
  positive("maxSequences", o.maxSequences);
  if (!(o.gap >= 0 && o.gap < 90)) {
    throw new RangeError(`Option "gap" must be in [0, 90), got ${o.gap}`);
  }
  positive("size", o.size);
  positive("fontSize", o.fontSize);
  return o;
}

/**
 * Lays out a circular map like Bakta's plot: from the outside in, the sequences as a backbone with
 * position ticks, the forward-strand features, the reverse-strand features (coloured by COG
 * category, type, strand or a trait), the GC content (deviation from the genome's mean) and the GC
 * skew, computed from the nucleotides in windows. Several sequences share the circle in
 * proportion to their lengths, in the order given, separated by small gaps; origin-spanning
 * features are drawn across their sequence's origin. Sequence names are written where they do not
 * overlap (the longest sequences first); the rings are named at the top. Pure: no DOM.
 *
 * @param sequences The sequences, in the order they are laid out clockwise from the top.
 * @param features The features.
 * @param options Colours, GC windows, sizes.
 * @returns The layout.
 * @throws {TypeError} When a feature names a sequence not in `sequences`.
 * @throws {RangeError} When a feature lies outside its sequence, a sequence's nucleotides do not
 *   match its length, or an option is out of range.
 *
 * @example A plasmid with a gene on each strand
 * ```ts
 * import assert from "node:assert/strict";
 * import { circularMapLayout } from "./circular_map_layout.ts";
 *
 * const layout = circularMapLayout(
 *   [{ id: "p1", length: 1330 }],
 *   [
 *     { sequenceId: "p1", start: 413, stop: 736, strand: "+", type: "cds", cogCategory: "L" },
 *     { sequenceId: "p1", start: 971, stop: 141, strand: "-", type: "cds", edge: true },
 *   ],
 * );
 * assert.equal(layout.features.length, 2);
 * assert.equal(layout.features.filter((f) => f.geometry.type === "MultiPolygon").length, 1);
 * assert.deepEqual(layout.ringLabels.map((l) => l.text), ["+", "−"]);
 * ```
 */
export function circularMapLayout(
  sequences: readonly CircularMapSequence[],
  features: readonly CircularMapFeature[],
  options: CircularMapLayoutOptions = {},
): CircularMapLayout {
  const checked = validate(options);
  const arcs = sequenceArcs(sequences, checked.maxSequences, checked.gap);
  const total = arcs.reduce((sum, s) => sum + s.length, 0);
  const drawn = featuresOnArcs(sequences, features, arcs);
  const scale = featureColorScale(drawn.map((d) => d.feature), checked.colorBy, checked.palette);
  const notes: string[] = [];
  if (arcs.length < sequences.length) {
    notes.push(`The ${arcs.length} longest of ${sequences.length} sequences`);
  }
  const gc = checked.gc ? gcRings(arcs, checked, total) : undefined;
  const gcDrawn = gc !== undefined && gc.content.length > 0;
  const skewDrawn = gc !== undefined && gc.skew.length > 0;
  if (gc?.skewSkipped) {
    notes.push(`GC skew not drawn: ${arcs.length} contigs of a draft, skew is per replicon`);
  }
  const sequenceLabels = placeSequenceLabels(arcs, checked.size, checked.fontSize);
  const tickMarks = ticks(arcs, total, sequenceLabels);
  const { size, fontSize } = checked;
  return {
    arcs,
    backbone: backboneShapes(arcs),
    guides: guideShapes(arcs),
    features: featureShapes(drawn, scale),
    gcContent: gc?.content ?? [],
    gcSkew: gc?.skew ?? [],
    baselines: gc === undefined || !gcDrawn ? [] : baselines(gc.arcs, skewDrawn),
    ticks: tickMarks,
    sequenceLabels,
    geneLabels: checked.geneLabels === 0 ? [] : placeGeneLabels(
      geneLabelCandidates(drawn.map((d) => d.feature), arcs),
      labelSpans([...tickMarks.labels, ...sequenceLabels], size, fontSize),
      { size, extent: CIRCULAR_MAP_EXTENT, fontSize: fontSize * 0.75, max: checked.geneLabels },
    ),
    ringLabels: ringLabels(gcDrawn, skewDrawn),
    center: checked.label ?? centerText(arcs, total, gc?.mean),
    color: colorsWithGc(scale, gcDrawn, skewDrawn),
    notes,
    options: { fontSize, size, thinEdges: total <= 300_000 },
  };
}

/** One dark sector per sequence on the backbone ring, titled with its id and length. */
function backboneShapes(arcs: readonly SequenceArc[]): CircularShape[] {
  return arcs.map((arc) =>
    polygon(
      [sector(...CIRCULAR_MAP_RINGS.backbone, arc.angle0, arc.angle0 + arc.length * arc.scale)],
      arc.id,
      `${arc.id}: ${formatBases(arc.length)}`,
    )
  );
}

/** The pale background of the two strand rings under each sequence. */
function guideShapes(arcs: readonly SequenceArc[]): CircularShape[] {
  return [CIRCULAR_MAP_RINGS.plus, CIRCULAR_MAP_RINGS.minus].flatMap(([r0, r1]) =>
    arcs.map((arc) =>
      polygon([sector(r0, r1, arc.angle0, arc.angle0 + arc.length * arc.scale)], "guide", "")
    )
  );
}

/** The features' shapes, coloured and titled; the large, common classes first so rare ones stay on top. */
function featureShapes(
  drawn: readonly { feature: CircularMapFeature; rings: CircularRing[] }[],
  scale: FeatureColorScale<CircularMapFeature>,
): CircularShape[] {
  const shapes = drawn.map(({ feature, rings }) =>
    polygon(rings, scale.keyOf(feature), featureTooltip(feature))
  );
  const common = new Set(["CDS", "No COG category"]);
  return shapes.sort((a, b) =>
    (common.has(a.properties.key) ? 0 : 1) - (common.has(b.properties.key) ? 0 : 1)
  );
}

/** The features' colour scale, followed by the GC rings' colours when they are drawn. */
function colorsWithGc(
  scale: FeatureColorScale<CircularMapFeature>,
  gcDrawn: boolean,
  skewDrawn: boolean,
): { domain: string[]; range: string[] } {
  const domain = [...scale.domain];
  const range = [...scale.range];
  if (gcDrawn) {
    for (const [key, color] of Object.entries(GC_RING_COLORS)) {
      if (key.startsWith("GC skew") && !skewDrawn) continue;
      domain.push(key);
      range.push(color);
    }
  }
  return { domain, range };
}

/** The longest `maxSequences` sequences, in input order, sharing the circle by length. */
function sequenceArcs(
  sequences: readonly CircularMapSequence[],
  maxSequences: number,
  gap: number,
): SequenceArc[] {
  sequences.forEach((s, i) => {
    if (!Number.isInteger(s.length) || s.length < 1) {
      throw new RangeError(`Cannot plot ${WHAT}: sequence ${i} has length ${s.length}`);
    }
  });
  const kept = new Set(
    [...sequences].sort((a, b) => b.length - a.length).slice(0, Math.floor(maxSequences)),
  );
  const chosen = sequences.filter((s) => kept.has(s));
  const total = chosen.reduce((sum, s) => sum + s.length, 0);
  const gapDegrees = chosen.length > 1 ? gap : 0;
  const scale = (360 - gapDegrees * chosen.length) / total;
  let angle = gapDegrees / 2;
  return chosen.map((s) => {
    const arc = { ...s, angle0: angle, scale };
    angle += s.length * scale + gapDegrees;
    return arc;
  });
}

/** The angular extent of bases `start..stop` on a sequence, widened to a minimum. */
function span(arc: SequenceArc, start: number, stop: number): [number, number] {
  let a0 = arc.angle0 + (start - 1) * arc.scale;
  let a1 = arc.angle0 + stop * arc.scale;
  if (a1 - a0 < MIN_ARC_DEGREES) {
    const mid = (a0 + a1) / 2;
    [a0, a1] = [mid - MIN_ARC_DEGREES / 2, mid + MIN_ARC_DEGREES / 2];
  }
  return [a0, a1];
}

/** Each feature on a drawn sequence as its polygon rings (two across the origin). */
function featuresOnArcs(
  sequences: readonly CircularMapSequence[],
  features: readonly CircularMapFeature[],
  arcs: readonly SequenceArc[],
): { feature: CircularMapFeature; rings: CircularRing[] }[] {
  const known = new Set(sequences.map((s) => s.id));
  const byId = new Map(arcs.map((a) => [a.id, a]));
  const out: { feature: CircularMapFeature; rings: CircularRing[] }[] = [];
  features.forEach((f, i) => {
    if (!known.has(f.sequenceId)) {
      throw new TypeError(
        `Cannot plot ${WHAT}: feature ${i} lies on sequence "${f.sequenceId}", which is not among the sequences`,
      );
    }
    const arc = byId.get(f.sequenceId);
    if (arc === undefined) return; // not among the longest sequences drawn
    if (
      !Number.isInteger(f.start) || !Number.isInteger(f.stop) || f.start < 1 || f.stop < 1 ||
      Math.max(f.start, f.stop) > arc.length
    ) {
      throw new RangeError(
        `Cannot plot ${WHAT}: feature ${i} (${f.start}..${f.stop}) lies outside sequence "${arc.id}" of ${arc.length} bp`,
      );
    }
    const [r0, r1] = f.strand === "+"
      ? CIRCULAR_MAP_RINGS.plus
      : f.strand === "-"
      ? CIRCULAR_MAP_RINGS.minus
      : [CIRCULAR_MAP_RINGS.minus[0], CIRCULAR_MAP_RINGS.plus[1]];
    const parts = f.start > f.stop ? [[f.start, arc.length], [1, f.stop]] : [[f.start, f.stop]];
    out.push({ feature: f, rings: parts.map(([s, e]) => sector(r0, r1, ...span(arc, s, e))) });
  });
  return out;
}

function autoWindow(total: number): number {
  const raw = Math.max(50, total / 720);
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((k) => k * power).find((v) => v >= raw) ?? 10 * power;
  return Math.round(nice);
}

/** The GC content and skew bars of the sequences with nucleotides, and the mean GC. */
function gcRings(
  arcs: readonly SequenceArc[],
  o: { gcWindow: number | "auto"; gcStep?: number; gcSkew: boolean | "auto" },
  total: number,
) {
  const window = o.gcWindow === "auto" ? autoWindow(total) : Math.round(o.gcWindow);
  const step = o.gcStep === undefined ? window : Math.round(o.gcStep);
  const withNt = arcs.filter((s) => typeof s.nt === "string" && s.nt.length > 0);
  const skewWanted = o.gcSkew === "auto"
    ? arcs.length === 1 || arcs.every((a) => a.topology === "circular")
    : o.gcSkew;
  let gcCount = 0;
  let acgt = 0;
  const contents = new Map<SequenceArc, GcWindow[]>();
  const skews = new Map<SequenceArc, GcWindow[]>();
  for (const s of withNt) {
    const nt = s.nt as string;
    if (nt.length !== s.length) {
      throw new RangeError(
        `Cannot plot ${WHAT}: sequence "${s.id}" has ${nt.length} nucleotides but length ${s.length}`,
      );
    }
    const [whole] = baseWindows(nt, nt.length, nt.length);
    gcCount += whole.g + whole.c;
    acgt += whole.acgt;
    contents.set(s, gcContent(nt, window, step));
    if (skewWanted) skews.set(s, gcSkew(nt, window, step));
  }
  const mean = acgt > 0 ? gcCount / acgt : NaN;
  const content = windowBars(
    contents,
    CIRCULAR_MAP_RINGS.gcContent,
    (v) => v - mean,
    ["GC content above average", "GC content below average"],
    (v) => `GC ${(100 * v).toFixed(1)}%`,
  );
  const skew = windowBars(
    skews,
    CIRCULAR_MAP_RINGS.gcSkew,
    (v) => v,
    ["GC skew positive", "GC skew negative"],
    (v) => `GC skew ${v.toFixed(3)}`,
  );
  const skewSkipped = o.gcSkew === "auto" && !skewWanted && withNt.length > 0;
  return { content, skew, mean, skewSkipped, arcs: withNt };
}

/** Bars from a ring's base, scaled so that the largest deviation reaches the full amplitude. */
function windowBars(
  windows: Map<SequenceArc, GcWindow[]>,
  ring: { base: number; amplitude: number },
  deviation: (v: number) => number,
  keys: [string, string],
  describe: (v: number) => string,
): CircularShape[] {
  const finite = [...windows.values()].flat().filter((w) => Number.isFinite(w.value));
  const max = Math.max(1e-9, ...finite.map((w) => Math.abs(deviation(w.value))));
  const bars: CircularShape[] = [];
  for (const [arc, list] of windows) {
    for (const w of list) {
      if (!Number.isFinite(w.value)) continue;
      const v = deviation(w.value) / max;
      if (v === 0) continue;
      const r = ring.base + ring.amplitude * v;
      const [a0, a1] = [arc.angle0 + (w.start - 1) * arc.scale, arc.angle0 + w.stop * arc.scale];
      bars.push(polygon(
        [sector(Math.min(ring.base, r), Math.max(ring.base, r), a0, a1)],
        v > 0 ? keys[0] : keys[1],
        `${arc.id} ${w.start.toLocaleString("en-US")}..${w.stop.toLocaleString("en-US")}: ${
          describe(w.value)
        }`,
      ));
    }
  }
  return bars;
}

/** The base lines of the GC rings under the sequences with nucleotides. */
function baselines(arcs: readonly SequenceArc[], skew: boolean): [number, number][][] {
  const rings = skew
    ? [CIRCULAR_MAP_RINGS.gcContent, CIRCULAR_MAP_RINGS.gcSkew]
    : [CIRCULAR_MAP_RINGS.gcContent];
  return rings.flatMap((ring) =>
    arcs.map((arc) => {
      const a1 = arc.angle0 + arc.length * arc.scale;
      const n = Math.max(2, Math.ceil(a1 - arc.angle0));
      return Array.from(
        { length: n + 1 },
        (_, i) => polarPoint(ring.base, arc.angle0 + ((a1 - arc.angle0) * i) / n),
      );
    })
  );
}

/**
 * The names written for the sequences: without the prefix they all share up to a separator
 * (`6952-4-17_contig_3` → `contig_3` when every id starts with `6952-4-17_`).
 */
function shortNames(ids: readonly string[]): string[] {
  if (ids.length < 2) return [...ids];
  let prefix = ids[0];
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // The longest shared prefix ending in a separator that leaves names, not bare numbers
  // (`contig_1` stays `contig_1`).
  for (let cut = prefix.length; cut > 0; cut--) {
    if (!"_-.|".includes(prefix[cut - 1])) continue;
    const rest = ids.map((id) => id.slice(cut));
    if (rest.every((r) => /[a-z]/i.test(r))) return rest;
  }
  return [...ids];
}

/**
 * Sequence names outside the backbone, the longest sequences first, none overlapping another:
 * written outwards from the circle (left of it on the left side, right of it on the right).
 */
function placeSequenceLabels(
  arcs: readonly SequenceArc[],
  size: number,
  fontSize: number,
): CircularLabel[] {
  if (arcs.length < 2) return [];
  const radius = 1.12;
  const pxPerUnit = size / (2 * CIRCULAR_MAP_EXTENT);
  const names = new Map(arcs.map((a, i) => [a, shortNames(arcs.map((b) => b.id))[i]]));
  const taken: [number, number][] = [];
  const labels: CircularLabel[] = [];
  for (const arc of [...arcs].sort((a, b) => b.length - a.length)) {
    const mid = arc.angle0 + (arc.length * arc.scale) / 2;
    const sin = Math.sin((mid * Math.PI) / 180);
    const anchor = Math.abs(sin) < 0.3 ? "middle" : sin > 0 ? "start" : "end";
    // Names written sideways start just past the tick marks; those above and below further out.
    const [x, y] = polarPoint(anchor === "middle" ? radius : 1.07, mid);
    const text = names.get(arc)!;
    const width = estimateTextWidth(text, fontSize * 0.9);
    // Text written outwards must stay inside the square of the map.
    if (anchor !== "middle" && Math.abs(x) + width / pxPerUnit > CIRCULAR_MAP_EXTENT) continue;
    // The label's angular extent: its width where the text runs along the circle (top and
    // bottom), its height where it runs across it (left and right).
    const across = Math.abs(Math.cos((mid * Math.PI) / 180));
    const px = width * across + fontSize * 1.2;
    const half = ((px / pxPerUnit / radius) * 180) / Math.PI / 2;
    const [a0, a1] = [mid - half, mid + half];
    const overlaps = taken.some(([b0, b1]) =>
      [-360, 0, 360].some((turn) => a0 < b1 + turn && b0 + turn < a1)
    );
    if (overlaps) continue;
    taken.push([a0, a1]);
    labels.push({ x, y, text, anchor });
  }
  return labels;
}

/** The gene label each drawn feature asks for (gene name, else locus tag), at its middle. */
function geneLabelCandidates(
  features: readonly CircularMapFeature[],
  arcs: readonly SequenceArc[],
): GeneLabelCandidate[] {
  const byId = new Map(arcs.map((a) => [a.id, a]));
  return features.flatMap((f) => {
    const text = featureLabel(f, "gene");
    const arc = byId.get(f.sequenceId);
    if (text === undefined || arc === undefined) return [];
    const length = f.start <= f.stop ? f.stop - f.start + 1 : arc.length - f.start + 1 + f.stop;
    const middle = (f.start - 1 + length / 2) % arc.length;
    return [{
      text,
      angle: arc.angle0 + middle * arc.scale,
      named: typeof f.gene === "string" && f.gene.trim() !== "",
      length,
    }];
  });
}

/** The angular intervals, in degrees, that written labels take around the circle. */
function labelSpans(
  labels: readonly CircularLabel[],
  size: number,
  fontSize: number,
): [number, number][] {
  const pxPerUnit = size / (2 * CIRCULAR_MAP_EXTENT);
  return labels.filter((l) => l.text !== "").map((l) => {
    const angle = (Math.atan2(l.x, -l.y) * 180) / Math.PI;
    const across = Math.abs(Math.cos((angle * Math.PI) / 180));
    const px = estimateTextWidth(l.text, fontSize) * across + fontSize;
    const half = ((px / pxPerUnit / Math.hypot(l.x, l.y)) * 90) / Math.PI;
    return [angle - half, angle + half];
  });
}

/** Tick lines every nice step, and their labels where the sequence is long enough. */
function ticks(
  arcs: readonly SequenceArc[],
  total: number,
  sequenceLabels: readonly CircularLabel[],
): CircularMapLayout["ticks"] {
  const step = niceStep(0, total, 24);
  const lines: [number, number][][] = [];
  const labels: CircularLabel[] = [];
  const labelAngles = sequenceLabels.map((l) =>
    ((Math.atan2(l.x, -l.y) * 180) / Math.PI + 360) % 360
  );
  for (const arc of arcs) {
    // No tick at the very end: it would sit on the start of the next sequence (or on 0).
    for (const t of ticksWithStep(0, arc.length - step / 3, step)) {
      const a = arc.angle0 + t * arc.scale;
      lines.push([polarPoint(1, a), polarPoint(1.025, a)]);
      if (arc.length * arc.scale < 12 && t > 0) continue; // too short a sequence for labels
      if (labelAngles.some((l) => Math.abs(l - a) < 5)) continue; // the sequence's name is there
      const [x, y] = polarPoint(1.045, a);
      const sin = Math.sin((a * Math.PI) / 180);
      labels.push({
        x,
        y,
        text: t === 0 ? (arcs.length > 1 ? "" : "0") : formatBases(t).replace(".0 ", " "),
        anchor: Math.abs(sin) < 0.2 ? "middle" : sin > 0 ? "start" : "end",
      });
    }
  }
  return { lines, labels };
}

/** The names of the rings, written at the top just left of the origin. */
function ringLabels(gc: boolean, skew: boolean): CircularLabel[] {
  const at = (r: number, text: string): CircularLabel => ({ x: -0.02, y: -r, text, anchor: "end" });
  const mid = (range: readonly [number, number]) => (range[0] + range[1]) / 2;
  return [
    at(mid(CIRCULAR_MAP_RINGS.plus), "+"),
    at(mid(CIRCULAR_MAP_RINGS.minus), "−"),
    ...(gc ? [at(CIRCULAR_MAP_RINGS.gcContent.base, "GC")] : []),
    ...(skew ? [at(CIRCULAR_MAP_RINGS.gcSkew.base, "GC skew")] : []),
  ];
}

function centerText(arcs: readonly SequenceArc[], total: number, meanGc?: number): string {
  return [
    arcs.length === 1 ? arcs[0].id : `${arcs.length} sequences`,
    formatBases(total),
    meanGc !== undefined && Number.isFinite(meanGc) ? `GC ${(100 * meanGc).toFixed(1)}%` : "",
  ].filter((l) => l !== "").join("\n");
}
