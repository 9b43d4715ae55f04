/**
 * GC skew in sliding windows.
 *
 * @module
 */

import { baseWindows } from "./_base_windows.ts";
import type { GcWindow } from "./gc_content.ts";

/**
 * Computes the GC skew (G − C) / (G + C) of windows of `window` bases, one starting every `step`
 * bases from the first base; the windows at the end are cut short at the sequence end.
 * Case-insensitive; a window without G or C has `NaN`.
 *
 * @param nt The nucleotides.
 * @param window The window length in bases (an integer >= 1).
 * @param step The distance between window starts (an integer >= 1).
 * @returns One entry per window, in order.
 * @throws {RangeError} When `window` or `step` is not an integer >= 1.
 *
 * @example Leading and lagging halves
 * ```ts
 * import { gcSkew } from "./gc_skew.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(gcSkew("GGGCACCCGT", 5, 5), [
 *   { start: 1, stop: 5, value: 0.5 },
 *   { start: 6, stop: 10, value: -0.5 },
 * ]);
 * ```
 */
export function gcSkew(nt: string, window: number, step: number = window): GcWindow[] {
  return baseWindows(nt, window, step).map(({ start, stop, g, c }) => ({
    start,
    stop,
    value: g + c === 0 ? NaN : (g - c) / (g + c),
  }));
}
