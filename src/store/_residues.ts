/**
 * Nucleotide helpers of the ingest: GC content and feature spans.
 *
 * @module
 */

import { utf8 } from "./_codec.ts";

/**
 * The residues as upper-case bytes: the same bytes as `utf8(nt.toUpperCase())`, from one encode and
 * one pass over the bytes instead of an upper-case copy of the text (a text with a byte beyond
 * ASCII takes that longer way, whose case rules reach past a–z).
 *
 * @example
 * ```ts
 * import { upperCaseBytes } from "./_residues.ts";
 * if (new TextDecoder().decode(upperCaseBytes("acgTN")) !== "ACGTN") throw new Error("case");
 * ```
 */
export function upperCaseBytes(nt: string): Uint8Array {
  const bytes = utf8(nt);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80) return utf8(nt.toUpperCase());
    if (b >= 0x61 && b <= 0x7a) bytes[i] = b - 0x20;
  }
  return bytes;
}

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

/** Bases per block of a {@linkcode GcIndex}. */
const GC_BLOCK = 64;

/** 1 for the bytes g, c, G, C; 0 else. */
const IS_GC = byteTable("gcGC");
/** 1 for the bytes a, c, g, t in either case; 0 else. */
const IS_ACGT = byteTable("acgtACGT");

function byteTable(letters: string): Uint8Array {
  const table = new Uint8Array(256);
  for (const letter of letters) table[letter.charCodeAt(0)] = 1;
  return table;
}

/**
 * Cumulative G/C and A/C/G/T counts of a sequence at every {@linkcode GC_BLOCK}-th position, so
 * that the GC fraction of any span is two block look-ups and at most two partial blocks counted:
 * `gc[k]` and `acgt[k]` count the bases before position `k × 64` (0-based).
 */
export interface GcIndex {
  /** The residues (ASCII). */
  bytes: Uint8Array;
  /** G and C before each block. */
  gc: Int32Array;
  /** A, C, G and T before each block. */
  acgt: Int32Array;
}

/** Builds the {@linkcode GcIndex} of ASCII residues: one table-driven pass, a count per block. */
export function buildGcIndex(bytes: Uint8Array): GcIndex {
  const blocks = Math.floor(bytes.length / GC_BLOCK) + 1;
  const gc = new Int32Array(blocks);
  const acgt = new Int32Array(blocks);
  let g = 0;
  let n = 0;
  for (let k = 1; k < blocks; k++) {
    const end = k * GC_BLOCK;
    for (let i = end - GC_BLOCK; i < end; i++) {
      const b = bytes[i];
      g += IS_GC[b];
      n += IS_ACGT[b];
    }
    gc[k] = g;
    acgt[k] = n;
  }
  return { bytes, gc, acgt };
}

/**
 * GC fraction of the whole sequence from its {@linkcode GcIndex} (the last partial block counted):
 * the same value as {@linkcode gcOfBytes} of its bytes, without another pass over them.
 *
 * @example
 * ```ts
 * import { buildGcIndex, gcOfBytes, indexGc } from "./_residues.ts";
 * const bytes = new TextEncoder().encode("GGCATTNA".repeat(20) + "GC");
 * if (indexGc(buildGcIndex(bytes)) !== gcOfBytes(bytes)) throw new Error("gc");
 * ```
 */
export function indexGc(index: GcIndex): number | null {
  const whole: [number, number] = [0, 0];
  countsBefore(index, index.bytes.length, whole);
  return whole[1] === 0 ? null : whole[0] / whole[1];
}

/** G/C and A/C/G/T counts before `position` (0-based), written into `out`. */
function countsBefore(index: GcIndex, position: number, out: [number, number]): void {
  const k = Math.floor(position / GC_BLOCK);
  let g = index.gc[k];
  let n = index.acgt[k];
  const bytes = index.bytes;
  for (let i = k * GC_BLOCK; i < position; i++) {
    g += IS_GC[bytes[i]];
    n += IS_ACGT[bytes[i]];
  }
  out[0] = g;
  out[1] = n;
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
  const length = index.bytes.length;
  if (start > length || stop > length || start < 1 || stop < 1) return null;
  const before: [number, number] = [0, 0];
  const through: [number, number] = [0, 0];
  countsBefore(index, start - 1, before);
  countsBefore(index, stop, through);
  let g = through[0] - before[0];
  let n = through[1] - before[1];
  if (edge) {
    const whole: [number, number] = [0, 0];
    countsBefore(index, length, whole);
    g += whole[0];
    n += whole[1];
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
