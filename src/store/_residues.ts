/**
 * Nucleotide helpers of the ingest: GC content and feature spans.
 *
 * @module
 */

/**
 * GC fraction of bytes (ASCII residues) over the A, C, G and T letters (either case), or null when
 * there are none: a byte histogram, several times faster than walking a string.
 */
export function gcOfBytes(bytes: Uint8Array): number | null {
  const counts = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) counts[bytes[i]]++;
  const gc = counts[0x47] + counts[0x43] + counts[0x67] + counts[0x63];
  const total = gc + counts[0x41] + counts[0x54] + counts[0x61] + counts[0x74];
  return total === 0 ? null : gc / total;
}

/**
 * Cumulative G/C and A/C/G/T counts of a sequence, so that the GC fraction of any span is two
 * look-ups: `gc[i]` and `acgt[i]` count the bases before position `i` (0-based).
 */
export interface GcIndex {
  /** G and C before each position (length + 1 entries). */
  gc: Int32Array;
  /** A, C, G and T before each position (length + 1 entries). */
  acgt: Int32Array;
}

/** Builds the {@linkcode GcIndex} of ASCII residues. */
export function buildGcIndex(bytes: Uint8Array): GcIndex {
  const gc = new Int32Array(bytes.length + 1);
  const acgt = new Int32Array(bytes.length + 1);
  let g = 0;
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] | 0x20;
    if (c === 0x67 || c === 0x63) {
      g++;
      n++;
    } else if (c === 0x61 || c === 0x74) n++;
    gc[i + 1] = g;
    acgt[i + 1] = n;
  }
  return { gc, acgt };
}

/**
 * GC fraction of a feature's span from a {@linkcode GcIndex} (origin-spanning spans included), or
 * null when the span has no A/C/G/T or lies outside the sequence.
 *
 * @param index The sequence's index.
 * @param start First base, 1-based.
 * @param stop Last base, 1-based (less than `start` when `edge`).
 * @param edge Whether the span crosses the origin.
 */
export function indexedSpanGc(
  index: GcIndex,
  start: number,
  stop: number,
  edge: boolean,
): number | null {
  const length = index.gc.length - 1;
  if (start > length || stop > length || start < 1 || stop < 1) return null;
  let g: number;
  let n: number;
  if (!edge) {
    g = index.gc[stop] - index.gc[start - 1];
    n = index.acgt[stop] - index.acgt[start - 1];
  } else {
    g = index.gc[length] - index.gc[start - 1] + index.gc[stop];
    n = index.acgt[length] - index.acgt[start - 1] + index.acgt[stop];
  }
  return n === 0 ? null : g / n;
}

/**
 * GC fraction over the A, C, G and T letters (as Bakta computes it: N and other letters left
 * out), or null when there are none.
 */
export function gcFraction(nt: string, from = 0, to = nt.length): number | null {
  let gc = 0;
  let at = 0;
  for (let i = from; i < to; i++) {
    const c = nt.charCodeAt(i) | 0x20; // lower-case
    if (c === 0x67 || c === 0x63) gc++; // g c
    else if (c === 0x61 || c === 0x74) at++; // a t
  }
  const total = gc + at;
  return total === 0 ? null : gc / total;
}

/** The length in bases of a feature's span on a sequence of `length` bases. */
export function spanLength(start: number, stop: number, edge: boolean, length: number): number {
  return edge ? length - start + 1 + stop : stop - start + 1;
}
