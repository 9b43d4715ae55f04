/**
 * The geometry of a linear region map: which features fall in a window of a (possibly circular)
 * sequence, where, clipped how, and on which lane. Pure; `regionMapLayout` builds the map on it.
 *
 * @module
 */

/** A feature as a region map needs it (1-based inclusive coordinates, as the model has them). */
export interface RegionFeature {
  /** First base on the forward strand; greater than `stop` for an origin-spanning feature. */
  start: number;
  /** Last base on the forward strand. */
  stop: number;
  /** `+`, `-`, or `.`/`?` for features without a strand. */
  strand: string;
  /** The feature type (Bakta JSON naming). */
  type: string;
  /** The gene symbol (`dnaA`), a label candidate. */
  gene?: string | null;
  /** The product description, shown in the tooltip. */
  product?: string | null;
  /** Bakta's locus tag, a label candidate when there is no gene symbol. */
  locusTag?: string | null;
  /** The COG category letter(s); the first letter colours the feature. */
  cogCategory?: string | null;
  /** True when the feature crosses the origin (then `start > stop`). */
  edge?: boolean | null;
  /** Cross-references as `DB:accession`, listed in the tooltip. */
  xrefs?: readonly string[] | null;
}

/** Options of {@linkcode regionLayout}. */
export interface RegionLayoutOptions {
  /**
   * The sequence length; needed for windows that cross the origin (`from > to`) and for
   * origin-spanning features, which are then drawn across the origin. Without it the sequence is
   * taken as linear.
   * @default undefined
   */
  sequenceLength?: number;
  /**
   * The first base of the window (1-based).
   * @default 1
   */
  from?: number;
  /**
   * The last base of the window (1-based, inclusive); smaller than `from` for a window across the
   * origin of a circular sequence.
   * @default sequenceLength, or the largest coordinate of the features
   */
  to?: number;
  /**
   * Features of one strand that overlap by at most this many bases share a lane (adjacent genes
   * often overlap by a few bases).
   * @default 30
   */
  overlapTolerance?: number;
}

/** The defaults of {@linkcode RegionLayoutOptions}. */
export const DEFAULT_REGION_LAYOUT_OPTIONS: Readonly<{ from: number; overlapTolerance: number }> =
  Object.freeze({
    from: 1,
    overlapTolerance: 30,
  });

/** One drawn piece of a feature: its extent on the unrolled axis and its lane. */
export interface RegionPiece<T extends RegionFeature = RegionFeature> {
  /** The input feature this piece draws (a feature across the window's edge gives one piece). */
  feature: T;
  /** The index of the feature in the input. */
  index: number;
  /** The first base drawn, on the unrolled axis (positions past the origin continue at L+1). */
  start: number;
  /** The last base drawn, on the unrolled axis. */
  stop: number;
  /** True when the feature begins before the window (its left end is cut). */
  clippedLeft: boolean;
  /** True when the feature ends after the window (its right end is cut). */
  clippedRight: boolean;
  /** `+1` forward, `-1` reverse, `0` no strand. */
  strand: 1 | -1 | 0;
  /** The lane on its strand side: 0 next to the axis, 1 further out… */
  lane: number;
}

/** The layout of a region map. */
export interface RegionLayout<T extends RegionFeature = RegionFeature> {
  /** The first base of the window, unrolled. */
  from: number;
  /** The last base of the window, unrolled (`to + sequenceLength` when the window crosses the origin). */
  to: number;
  /** The sequence length, where known. */
  sequenceLength?: number;
  /** The unrolled position of the origin (the boundary between base L and base 1), if in the window. */
  origin?: number;
  /** The pieces, ordered by start. */
  pieces: RegionPiece<T>[];
  /** The number of lanes on the forward (`plus`) and reverse (`minus`) side, and for no strand. */
  lanes: { plus: number; minus: number; none: number };
}

function integer(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Option "${name}" must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/**
 * Returns the base position (1-based, on the sequence) of an unrolled position.
 *
 * @param position A position on the unrolled axis.
 * @param sequenceLength The sequence length, or `undefined` for a linear sequence.
 * @returns The position on the sequence.
 *
 * @example After the origin
 * ```ts
 * import { sequencePosition } from "./region_layout.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sequencePosition(1335, 1330), 5);
 * ```
 */
export function sequencePosition(position: number, sequenceLength?: number): number {
  if (sequenceLength === undefined) return position;
  return ((((position - 1) % sequenceLength) + sequenceLength) % sequenceLength) + 1;
}

/**
 * Lays out the features of one sequence in a window: each feature overlapping the window becomes a
 * piece on an unrolled axis (a window from 1,200 to 100 on a 1,330 bp circular sequence runs from
 * 1,200 to 1,430), clipped to the window; origin-spanning features (`start > stop`) are continuous
 * across the origin. Overlapping features of one strand get separate lanes.
 *
 * @param features The features of one sequence.
 * @param options The window and the sequence length.
 * @returns The layout.
 * @throws {RangeError} When the window is invalid, or crosses the origin (or a feature does)
 * without `sequenceLength`.
 *
 * @example A window across the origin
 * ```ts
 * import { regionLayout } from "./region_layout.ts";
 * import assert from "node:assert/strict";
 *
 * const layout = regionLayout(
 *   [{ start: 971, stop: 141, strand: "-", type: "cds", edge: true }],
 *   { sequenceLength: 1330, from: 900, to: 200 },
 * );
 * assert.deepEqual([layout.from, layout.to, layout.origin], [900, 1530, 1330.5]);
 * assert.deepEqual([layout.pieces[0].start, layout.pieces[0].stop], [971, 1471]);
 * ```
 */
export function regionLayout<T extends RegionFeature>(
  features: readonly T[],
  options: RegionLayoutOptions = {},
): RegionLayout<T> {
  const sequenceLength = options.sequenceLength;
  if (sequenceLength !== undefined) integer("sequenceLength", sequenceLength, 1);
  const tolerance = options.overlapTolerance ?? DEFAULT_REGION_LAYOUT_OPTIONS.overlapTolerance;
  if (!(tolerance >= 0)) {
    throw new RangeError(`Option "overlapTolerance" must be >= 0, got ${tolerance}`);
  }
  checkFeatures(features, sequenceLength);
  const { from, end } = unrolledWindow(features, options, sequenceLength);
  const origin = sequenceLength !== undefined && from <= sequenceLength && end > sequenceLength
    ? sequenceLength + 0.5
    : undefined;
  const pieces = piecesInWindow(features, from, end, sequenceLength);
  const lanes = assignLanes(pieces, tolerance);
  return { from, to: end, sequenceLength, origin, pieces, lanes };
}

/** Throws unless every feature has integer coordinates >= 1 that fit the sequence. */
function checkFeatures(features: readonly RegionFeature[], sequenceLength: number | undefined) {
  features.forEach((f, i) => {
    if (!Number.isInteger(f.start) || !Number.isInteger(f.stop) || f.start < 1 || f.stop < 1) {
      throw new TypeError(
        `Cannot lay out feature ${i}: start ${f.start} and stop ${f.stop} must be integers >= 1`,
      );
    }
    if (f.start > f.stop && sequenceLength === undefined) {
      throw new RangeError(
        `Cannot lay out feature ${i} (${f.start}..${f.stop}): it crosses the origin, give option "sequenceLength"`,
      );
    }
    if (sequenceLength !== undefined && Math.max(f.start, f.stop) > sequenceLength) {
      throw new RangeError(
        `Cannot lay out feature ${i}: ${
          Math.max(f.start, f.stop)
        } is past the sequence end ${sequenceLength}`,
      );
    }
  });
}

/**
 * The window's first and last base on the unrolled axis (a window across the origin ends one
 * sequence length further on), from the options, checked.
 */
function unrolledWindow(
  features: readonly RegionFeature[],
  options: RegionLayoutOptions,
  sequenceLength: number | undefined,
): { from: number; end: number } {
  const from = integer("from", options.from ?? DEFAULT_REGION_LAYOUT_OPTIONS.from, 1);
  const to = integer(
    "to",
    options.to ?? sequenceLength ??
      Math.max(1, ...features.map((f) => Math.max(f.start, f.stop))),
    1,
  );
  if (sequenceLength !== undefined && (from > sequenceLength || to > sequenceLength)) {
    throw new RangeError(
      `Option "${
        from > sequenceLength ? "from" : "to"
      }" must be <= sequenceLength ${sequenceLength}, got ${from > sequenceLength ? from : to}`,
    );
  }
  if (from > to && sequenceLength === undefined) {
    throw new RangeError(
      `Option "from" (${from}) is greater than "to" (${to}): a window across the origin needs option "sequenceLength"`,
    );
  }
  return { from, end: from > to ? to + sequenceLength! : to };
}

/** The parts of the features inside `from..end` of the unrolled axis, sorted by start, lane 0. */
function piecesInWindow<T extends RegionFeature>(
  features: readonly T[],
  from: number,
  end: number,
  sequenceLength: number | undefined,
): RegionPiece<T>[] {
  const pieces: RegionPiece<T>[] = [];
  features.forEach((feature, index) => {
    // The feature on the unrolled axis, and (on a circular sequence) its copies one turn before
    // and after: the window, at most one turn long, meets each copy in at most one piece.
    const start = feature.start;
    const stop = feature.start > feature.stop ? feature.stop + sequenceLength! : feature.stop;
    const spans = sequenceLength === undefined
      ? [[start, stop]]
      : [-sequenceLength, 0, sequenceLength].map((shift) => [start + shift, stop + shift]);
    const strand = feature.strand === "+" ? 1 : feature.strand === "-" ? -1 : 0;
    for (const [spanStart, spanStop] of spans) {
      if (spanStop < from || spanStart > end) continue;
      pieces.push({
        feature,
        index,
        start: Math.max(spanStart, from),
        stop: Math.min(spanStop, end),
        clippedLeft: spanStart < from,
        clippedRight: spanStop > end,
        strand,
        lane: 0,
      });
    }
  });
  return pieces.sort((a, b) => a.start - b.start || b.stop - a.stop || a.index - b.index);
}

/**
 * Sets each piece's lane, strand by strand: the first lane whose last piece ends before it starts
 * (overlaps up to `tolerance` bases, at most a fifth of the piece, are allowed); returns the
 * number of lanes per strand.
 */
function assignLanes(
  pieces: RegionPiece<RegionFeature>[],
  tolerance: number,
): RegionLayout<RegionFeature>["lanes"] {
  const lanes = { plus: 0, minus: 0, none: 0 };
  for (const side of [1, -1, 0] as const) {
    const laneEnds: number[] = [];
    for (const piece of pieces) {
      if (piece.strand !== side) continue;
      const slack = Math.min(tolerance, 0.2 * (piece.stop - piece.start + 1));
      let lane = laneEnds.findIndex((laneEnd) => piece.start > laneEnd - slack);
      if (lane < 0) lane = laneEnds.length;
      laneEnds[lane] = Math.max(laneEnds[lane] ?? -Infinity, piece.stop);
      piece.lane = lane;
    }
    if (side === 1) lanes.plus = laneEnds.length;
    else if (side === -1) lanes.minus = laneEnds.length;
    else lanes.none = laneEnds.length;
  }
  return lanes;
}
