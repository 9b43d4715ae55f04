/**
 * Translating between INSDC locations and the model's span (start, stop, strand, edge, truncated),
 * including the origin-spanning form `join(start..length,1..stop)`.
 *
 * @module
 */

import type { Truncation } from "../model.ts";
import { ParseError } from "../parse_error.ts";
import type { InsdcLocation, InsdcRange } from "./insdc_location.ts";

/** A feature's extent in the model's terms. */
export interface InsdcSpan {
  /** First base on the forward strand, 1-based inclusive; greater than `stop` when `edge`. */
  start: number;
  /** Last base on the forward strand, 1-based inclusive. */
  stop: number;
  /** `-` for a complemented location, `+` otherwise. */
  strand: "+" | "-";
  /** True when the location wraps around the origin (a later part starts before an earlier one). */
  edge: boolean;
  /** True when the forward-strand start is partial (`<`). */
  startPartial: boolean;
  /** True when the forward-strand stop is partial (`>`). */
  stopPartial: boolean;
  /** The number of parts (ranges) the location has. */
  parts: number;
}

/** Where a location was read, for errors. */
export interface LocationSpanOptions {
  /**
   * The length of the sequence, to check that an origin wrap meets at its end and start, where
   * known. (Whether the span fits the sequence is `checkFeatureBounds`'s job.)
   */
  sequenceLength?: number;
  /**
   * The file, for errors.
   *
   * @default {"input"}
   */
  file?: string;
  /** The line, for errors. */
  line?: number;
}

interface Segment {
  start: number;
  end: number;
  startPartial: boolean;
  endPartial: boolean;
  reverse: boolean;
}

/**
 * Reduces a location to the model's span. Parts are put in forward-strand order (for the reverse
 * strand both `complement(join(a,b))` and `join(complement(b),complement(a))` give `a, b`); a
 * location whose next part begins before the previous one wraps around the origin (`edge`, then
 * `start` is the first part's start and `stop` the last part's end); otherwise the span covers
 * every part.
 *
 * @param location The location.
 * @param options The sequence length and where the location was read.
 * @returns The span.
 * @throws {ParseError} `InvalidLocation` for mixed strands, remote entries, or an origin wrap that
 * does not meet at the sequence end and start.
 *
 * @example Bakta's origin-spanning CDS
 * ```ts
 * import { parseLocation } from "./parse_location.ts";
 * import { locationToSpan } from "./location_span.ts";
 * const span = locationToSpan(parseLocation("complement(join(971..1330,1..141))"), {
 *   sequenceLength: 1330,
 * });
 * if (!span.edge || span.start !== 971 || span.stop !== 141 || span.strand !== "-") {
 *   throw new Error(JSON.stringify(span));
 * }
 * ```
 */
export function locationToSpan(
  location: InsdcLocation,
  options: LocationSpanOptions = {},
): InsdcSpan {
  const { sequenceLength, file = "input", line } = options;
  const fail = (detail: string): never => {
    throw new ParseError("InvalidLocation", detail, { file, line });
  };
  const segments = forwardSegments(location, fail);
  const first = segments[0];
  const last = segments[segments.length - 1];
  const edge = wrapsOrigin(segments, sequenceLength, fail);
  let start = first.start;
  let stop = last.end;
  if (edge) {
    if (stop >= start) fail(`the origin-spanning location ends at ${stop}, not before ${start}`);
  } else if (segments.length > 1) {
    for (const segment of segments) {
      if (segment.start < start) start = segment.start;
      if (segment.end > stop) stop = segment.end;
    }
  }
  return {
    start,
    stop,
    strand: first.reverse ? "-" : "+",
    edge,
    startPartial: first.startPartial,
    stopPartial: last.endPartial,
    parts: segments.length,
  };
}

/** The location's parts, all of one strand (else `fail`), in forward-strand order. */
function forwardSegments(location: InsdcLocation, fail: (detail: string) => never): Segment[] {
  // Fast path: a plain or complemented range.
  let segments: Segment[];
  if (location.kind === "range") {
    segments = [toSegment(location, false, fail)];
  } else if (location.kind === "complement" && location.location.kind === "range") {
    segments = [toSegment(location.location, true, fail)];
  } else {
    segments = [];
    collect(location, false, segments, fail);
  }
  const reverse = segments[0].reverse;
  for (const segment of segments) {
    if (segment.reverse !== reverse) fail("a location mixing both strands is not a Bakta feature");
  }
  // Biological order → forward-strand order.
  return reverse ? segments.reverse() : segments;
}

/**
 * Whether the parts wrap around the origin (a part starting before the one before it), checking
 * that they do so once and, given the sequence length, meet at its end and base 1.
 */
function wrapsOrigin(
  segments: readonly Segment[],
  sequenceLength: number | undefined,
  fail: (detail: string) => never,
): boolean {
  let edge = false;
  for (let i = 1; i < segments.length; i++) {
    if (segments[i].start < segments[i - 1].start) {
      if (edge) fail("a location may wrap around the origin only once");
      edge = true;
      if (
        sequenceLength !== undefined &&
        (segments[i - 1].end !== sequenceLength || segments[i].start !== 1)
      ) {
        fail(
          `the parts ${segments[i - 1].start}..${segments[i - 1].end} and ${segments[i].start}..${
            segments[i].end
          } wrap around the origin but do not meet at ${sequenceLength} and 1`,
        );
      }
    }
  }
  return edge;
}

function toSegment(range: InsdcRange, reverse: boolean, fail: (detail: string) => never): Segment {
  if (range.accession !== undefined) {
    fail(`the part on entry "${range.accession}" is not on this sequence`);
  }
  return {
    start: range.start,
    end: range.end,
    startPartial: range.startPartial,
    endPartial: range.endPartial,
    reverse,
  };
}

/** Appends the location's segments in biological (5'→3') order. */
function collect(
  location: InsdcLocation,
  reverse: boolean,
  out: Segment[],
  fail: (detail: string) => never,
): void {
  switch (location.kind) {
    case "range":
      out.push(toSegment(location, reverse, fail));
      return;
    case "between":
      out.push({
        start: location.start,
        end: location.end,
        startPartial: false,
        endPartial: false,
        reverse,
      });
      return;
    case "complement": {
      const inner: Segment[] = [];
      collect(location.location, !reverse, inner, fail);
      for (let i = inner.length - 1; i >= 0; i--) out.push(inner[i]);
      return;
    }
    case "join":
    case "order":
      for (const part of location.parts) collect(part, reverse, out, fail);
      return;
  }
}

/** The model's view of a feature's extent, as {@linkcode spanToLocation} needs it. */
export interface FeatureExtent {
  /** First base, 1-based inclusive; greater than `stop` when `edge`. */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** The strand; `-` is written `complement(…)`, every other strand as is. */
  strand: string;
  /** True for an origin-spanning feature. */
  edge: boolean;
  /** Truncation, written as partial markers (`<`, `>`) on the truncated end(s). */
  truncated?: Truncation;
}

/**
 * Builds the INSDC location Bakta writes for a feature: `start..stop`, `complement(…)` on the
 * reverse strand, partial markers on truncated ends (5' end is the start on `+`, the stop on `-`),
 * and `join(start..length,1..stop)` for an origin-spanning feature (no partial markers, as
 * Bakta).
 *
 * @param feature The feature's extent.
 * @param sequenceLength The sequence length (needed for an origin-spanning feature).
 * @returns The location.
 * @throws {RangeError} When the feature is origin-spanning and the length is unknown.
 *
 * @example An origin-spanning feature
 * ```ts
 * import { spanToLocation } from "./location_span.ts";
 * import { formatLocation } from "./format_location.ts";
 * const text = formatLocation(
 *   spanToLocation({ start: 971, stop: 141, strand: "-", edge: true }, 1330),
 * );
 * if (text !== "complement(join(971..1330,1..141))") throw new Error(text);
 * ```
 */
export function spanToLocation(feature: FeatureExtent, sequenceLength?: number): InsdcLocation {
  const reverse = feature.strand === "-";
  let location: InsdcLocation;
  if (feature.edge) {
    if (sequenceLength === undefined) {
      throw new RangeError(
        `Cannot write the origin-spanning feature ${feature.start}..${feature.stop}: the sequence length is unknown`,
      );
    }
    location = {
      kind: "join",
      parts: [
        {
          kind: "range",
          start: feature.start,
          end: sequenceLength,
          startPartial: false,
          endPartial: false,
        },
        { kind: "range", start: 1, end: feature.stop, startPartial: false, endPartial: false },
      ],
    };
  } else {
    const truncated = feature.truncated;
    const fivePrime = truncated === "5-prime" || truncated === "both";
    const threePrime = truncated === "3-prime" || truncated === "both";
    location = {
      kind: "range",
      start: feature.start,
      end: feature.stop,
      startPartial: reverse ? threePrime : fivePrime,
      endPartial: reverse ? fivePrime : threePrime,
    };
  }
  return reverse ? { kind: "complement", location } : location;
}

/**
 * The truncation that partial markers express: on `+` a partial start is the 5' end, on `-` the
 * 3' end.
 *
 * @param span The span.
 * @returns The truncation, or undefined when neither end is partial.
 */
export function spanTruncation(span: InsdcSpan): Truncation | undefined {
  if (span.startPartial && span.stopPartial) return "both";
  if (span.startPartial) return span.strand === "-" ? "3-prime" : "5-prime";
  if (span.stopPartial) return span.strand === "-" ? "5-prime" : "3-prime";
  return undefined;
}
