/**
 * The colours of baktadb's figures and report, in one place: a COG palette of 26 colours that can
 * be told apart, grouped by COG's four functional classes (information storage and processing in
 * blues and purples, cellular processes and signalling in greens and teals, metabolism in reds,
 * oranges, yellows and browns, poorly characterised in greys); the Okabe–Ito colours for any
 * figure with at most 8 classes (colour-blind safe); Kelly's colours of maximum contrast beyond
 * that; and the colours of strands and of the four COG classes.
 *
 * Neighbouring COG letters (J/K/L, C/G/E, N/Z/W/U/O) differ by at least 19 CIE76 ΔE units, and any
 * two COG colours by at least 18 (tests/plot/palette_test.ts measures it).
 *
 * @module
 */

/** The COG colours by letter (`#rrggbb`), grouped by functional class. */
export const COG_COLORS: Readonly<Record<string, string>> = Object.freeze({
  // Information storage and processing: blues and purples.
  J: "#08306b",
  A: "#9ecae1",
  K: "#8856a7",
  L: "#3d8fd1",
  B: "#d4b9da",
  // Cellular processes and signaling: greens, teals and olives.
  D: "#1b7837",
  Y: "#f7fcb9",
  V: "#66bd63",
  T: "#525200",
  M: "#02818a",
  N: "#80cdc1",
  Z: "#c7eae5",
  W: "#b8e186",
  U: "#7f8c00",
  O: "#00441b",
  X: "#00a087",
  // Metabolism: reds, oranges, yellows and browns.
  C: "#b2182b",
  G: "#f46d43",
  E: "#fdae61",
  F: "#8c510a",
  H: "#fee08b",
  I: "#bf812d",
  P: "#e7298a",
  Q: "#67001f",
  // Poorly characterized: greys.
  R: "#a6a6a6",
  S: "#636363",
});

/** The colour of a CDS without a COG category (a light grey, apart from R and S). */
export const NO_COG_COLOR = "#e6e6e6";

/** The colour of each COG functional class (Okabe–Ito: colour-blind safe), for class-level figures. */
export const COG_CLASS_COLORS: Readonly<Record<string, string>> = Object.freeze({
  "Information storage and processing": "#0072b2",
  "Cellular processes and signaling": "#009e73",
  "Metabolism": "#d55e00",
  "Poorly characterized": "#999999",
});

/**
 * The Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the
 * common colour-vision deficiencies: orange, sky blue, bluish green, yellow, blue, vermilion,
 * reddish purple and black.
 */
export const OKABE_ITO: readonly string[] = Object.freeze([
  "#e69f00",
  "#56b4e9",
  "#009e73",
  "#f0e442",
  "#0072b2",
  "#d55e00",
  "#cc79a7",
  "#000000",
]);

/**
 * Kelly's 22 colours of maximum contrast (K. L. Kelly 1965) without white and black, for
 * figures with more than 8 classes.
 */
export const KELLY_COLORS: readonly string[] = Object.freeze([
  "#f3c300",
  "#875692",
  "#f38400",
  "#a1caf1",
  "#be0032",
  "#c2b280",
  "#848482",
  "#008856",
  "#e68fac",
  "#0067a5",
  "#f99379",
  "#604e97",
  "#f6a600",
  "#b3446c",
  "#dcd300",
  "#882d17",
  "#8db600",
  "#654522",
  "#e25822",
  "#2b3d26",
]);

/** The strand colours (Okabe–Ito blue and vermilion). */
export const STRAND_COLORS: Readonly<{ "+": string; "-": string; ".": string }> = Object.freeze({
  "+": "#0072b2",
  "-": "#d55e00",
  ".": "#999999",
});

/**
 * Returns `n` colours for `n` unordered classes: the Okabe–Ito colours (colour-blind safe) up to
 * 8, Kelly's colours up to 20, and Kelly's colours repeated beyond.
 *
 * @param n The number of classes.
 * @returns `n` `#rrggbb` colours.
 * @throws {RangeError} When `n` is not a non-negative integer.
 *
 * @example Three classes get colour-blind safe colours
 * ```ts
 * import assert from "node:assert/strict";
 * import { categoricalColors, OKABE_ITO } from "./palette.ts";
 *
 * assert.deepEqual(categoricalColors(3), OKABE_ITO.slice(0, 3));
 * assert.equal(categoricalColors(12).length, 12);
 * ```
 */
export function categoricalColors(n: number): string[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Cannot choose colours: expected a count >= 0, got ${n}`);
  }
  if (n <= OKABE_ITO.length) return OKABE_ITO.slice(0, n);
  return Array.from({ length: n }, (_, i) => KELLY_COLORS[i % KELLY_COLORS.length]);
}
