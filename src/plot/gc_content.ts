/**
 * GC content in sliding windows.
 *
 * @module
 */

import { baseWindows } from "./_base_windows.ts";

/** The value of one window; `start`/`stop` are 1-based inclusive positions on the sequence. */
export interface GcWindow {
  /** First base of the window (1-based). */
  start: number;
  /** Last base of the window (1-based, inclusive). */
  stop: number;
  /** The window's value; `NaN` when it cannot be computed (no base to count). */
  value: number;
}

/**
 * Computes the GC content of windows of `window` bases, one starting every `step` bases from the
 * first base; the windows at the end are cut short at the sequence end. The value is
 * (G + C) / (A + C + G + T), case-insensitive; ambiguous bases (N…) are left out of both, and a
 * window without A, C, G or T has `NaN`.
 *
 * @param nt The nucleotides.
 * @param window The window length in bases (an integer >= 1).
 * @param step The distance between window starts (an integer >= 1).
 * @returns One entry per window, in order.
 * @throws {RangeError} When `window` or `step` is not an integer >= 1.
 *
 * @example Two windows
 * ```ts
 * import { gcContent } from "./gc_content.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(gcContent("GGCCAATTNN", 5, 5), [
 *   { start: 1, stop: 5, value: 0.8 },
 *   { start: 6, stop: 10, value: 0 },
 * ]);
 * ```
 */
export function gcContent(nt: string, window: number, step: number = window): GcWindow[] {
  return baseWindows(nt, window, step).map(({ start, stop, g, c, acgt }) => ({
    start,
    stop,
    value: acgt === 0 ? NaN : (g + c) / acgt,
  }));
}
