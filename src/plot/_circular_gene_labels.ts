/**
 * Gene labels around a circular map: each written radially outwards just outside the ticks, the
 * gene name else the locus tag, placed greedily so that none overlaps another, a tick label or a
 * sequence name.
 *
 * @module
 */

import { polarPoint } from "./_polar.ts";
import { estimateTextWidth } from "./_text.ts";

/** A label candidate: the text and the angle of its feature's middle (degrees from the top). */
export interface GeneLabelCandidate {
  /** The text (gene name, else locus tag). */
  text: string;
  /** Degrees clockwise from the top. */
  angle: number;
  /** True when the text is a gene name (named genes are labelled first). */
  named: boolean;
  /** The feature's length in bases (longer features first among equals). */
  length: number;
}

/** A placed gene label at [x, y] in ring units, rotated to run along the radius. */
export interface CircularGeneLabel {
  /** Ring units, right of the centre. */
  x: number;
  /** Ring units, below the centre. */
  y: number;
  /** The text. */
  text: string;
  /** `start` on the right half (text runs outwards), `end` on the left (it ends outwards). */
  anchor: "start" | "end";
  /** The rotation in degrees, clockwise, so that the text runs along the radius and reads upright. */
  rotate: number;
}

/** The radius the gene labels start from, just outside the tick marks. */
export const GENE_LABEL_RADIUS = 1.035;

/** Whether an angular interval overlaps one of `taken` (modulo 360). */
function overlapsAny(a0: number, a1: number, taken: readonly [number, number][]): boolean {
  return taken.some(([b0, b1]) => [-360, 0, 360].some((t) => a0 < b1 + t && b0 + t < a1));
}

/**
 * Places up to `max` gene labels without overlaps: named genes first, then longer features; each
 * takes the angle of one line of text; a label whose text would leave the map's square is skipped.
 *
 * @param candidates The labels wanted.
 * @param blocked Angular intervals already written on (tick labels, sequence names), in degrees.
 * @param o The map's size in px, its half-width in ring units, the font size and the most labels.
 * @returns The labels placed, in angle order.
 */
export function placeGeneLabels(
  candidates: readonly GeneLabelCandidate[],
  blocked: readonly [number, number][],
  o: { size: number; extent: number; fontSize: number; max: number },
): CircularGeneLabel[] {
  const pxPerUnit = o.size / (2 * o.extent);
  const half = ((o.fontSize * 1.2) / pxPerUnit / GENE_LABEL_RADIUS) * 90 / Math.PI;
  const taken: [number, number][] = [...blocked];
  const placed: CircularGeneLabel[] = [];
  const order = [...candidates].sort((a, b) =>
    Number(b.named) - Number(a.named) || b.length - a.length || a.angle - b.angle
  );
  for (const c of order) {
    if (placed.length >= o.max) break;
    const [a0, a1] = [c.angle - half, c.angle + half];
    if (overlapsAny(a0, a1, taken)) continue;
    const reach = GENE_LABEL_RADIUS + estimateTextWidth(c.text, o.fontSize) / pxPerUnit;
    const [ex, ey] = polarPoint(reach, c.angle);
    if (Math.max(Math.abs(ex), Math.abs(ey)) > o.extent * 0.99) continue;
    taken.push([a0, a1]);
    const [x, y] = polarPoint(GENE_LABEL_RADIUS, c.angle);
    const right = ((c.angle % 360) + 360) % 360 < 180;
    placed.push({
      x,
      y,
      text: c.text,
      anchor: right ? "start" : "end",
      rotate: right ? c.angle - 90 : c.angle - 270,
    });
  }
  return placed.sort((a, b) => Math.atan2(a.x, -a.y) - Math.atan2(b.x, -b.y));
}
