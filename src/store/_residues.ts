/**
 * Nucleotide helpers of the ingest: GC content and feature spans.
 *
 * @module
 */

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

/**
 * GC fraction of a feature's span on a sequence, origin-spanning spans included.
 *
 * @param residues The sequence.
 * @param start First base, 1-based.
 * @param stop Last base, 1-based (less than `start` when `edge`).
 * @param edge Whether the span crosses the origin.
 */
export function spanGc(
  residues: string,
  start: number,
  stop: number,
  edge: boolean,
): number | null {
  if (!edge) {
    if (stop > residues.length) return null;
    return gcFraction(residues, start - 1, stop);
  }
  if (start > residues.length || stop > residues.length) return null;
  let gc = 0;
  let total = 0;
  for (const [from, to] of [[start - 1, residues.length], [0, stop]]) {
    const f = gcFraction(residues, from, to);
    if (f !== null) {
      const n = countAcgt(residues, from, to);
      gc += f * n;
      total += n;
    }
  }
  return total === 0 ? null : gc / total;
}

function countAcgt(nt: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = nt.charCodeAt(i) | 0x20;
    if (c === 0x61 || c === 0x63 || c === 0x67 || c === 0x74) n++;
  }
  return n;
}

/** The length in bases of a feature's span on a sequence of `length` bases. */
export function spanLength(start: number, stop: number, edge: boolean, length: number): number {
  return edge ? length - start + 1 + stop : stop - start + 1;
}
