/**
 * The types of an INSDC feature location (`complement(join(971..1330,1..141))`, `<1..894`, …), as
 * {@linkcode parseLocation} returns them and {@linkcode formatLocation} writes them.
 *
 * @module
 */

/** A range `a..b`, a single base `a`, optionally partial (`<a..>b`) and on another entry (`X:a..b`). */
export interface InsdcRange {
  /** Discriminant. */
  kind: "range";
  /** First base, 1-based inclusive. */
  start: number;
  /** Last base, 1-based inclusive (equal to `start` for a single base). */
  end: number;
  /** True when the start is partial (`<a`, or the rare `>a`). */
  startPartial: boolean;
  /** True when the end is partial (`>b`, or the rare `<b`). */
  endPartial: boolean;
  /** True when written as a single base (`a`, not `a..a`). */
  single?: boolean;
  /** The entry the range lies on (`J00194.1:100..202`), where given. */
  accession?: string;
}

/** A site between two adjacent bases, `a^b`. */
export interface InsdcBetween {
  /** Discriminant. */
  kind: "between";
  /** The base before the site, 1-based. */
  start: number;
  /** The base after the site, 1-based. */
  end: number;
}

/** The reverse complement of a location, `complement(…)`. */
export interface InsdcComplement {
  /** Discriminant. */
  kind: "complement";
  /** The complemented location. */
  location: InsdcLocation;
}

/** Several locations joined (`join(…)`) or in an unspecified order (`order(…)`). */
export interface InsdcJoin {
  /** Discriminant: `join` or `order`. */
  kind: "join" | "order";
  /** The parts, in written order. */
  parts: InsdcLocation[];
}

/** An INSDC feature location. */
export type InsdcLocation = InsdcRange | InsdcBetween | InsdcComplement | InsdcJoin;
