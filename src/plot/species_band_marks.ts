/**
 * The species labels of a cohort figure grouped by species ({@linkcode speciesBands}): each
 * species' name, in italics, in its header band.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { SpeciesBands, SpeciesHeader } from "./species_bands.ts";

/** Options of {@linkcode speciesBandMarks}. */
export interface SpeciesBandMarksOptions {
  /**
   * How far left of the frame the labels start, in px (the figure's left margin less a little,
   * so that a label starts under the genome names).
   * @default 0
   */
  indent?: number;
  /**
   * The labels' font size, in px.
   * @default 13
   */
  fontSize?: number;
}

/**
 * The marks labelling the species of a figure: a text per header band (`Escherichia coli
 * (2 genomes)`, in bold italics, starting `indent` px left of the frame). No marks when the bands
 * have no headers.
 *
 * @param bands The figure's species bands ({@linkcode speciesBands}).
 * @param options Indent and font size.
 * @returns The marks (`Plot.marks(...)`), to add to a plot whose `y` domain is `bands.domain`.
 *
 * @example The labels in a plot of your own
 * ```ts
 * import assert from "node:assert/strict";
 * import * as Plot from "../deps/observablehq_plot.ts";
 * import { plotDocument } from "./dom.ts";
 * import { speciesBands } from "./species_bands.ts";
 * import { speciesBandMarks } from "./species_band_marks.ts";
 * const bands = speciesBands(["a", "b"], [
 *   { species: "Escherichia coli", genomes: ["a"] },
 *   { species: "Klebsiella pneumoniae", genomes: ["b"] },
 * ]);
 * const svg = Plot.plot({
 *   document: plotDocument(),
 *   y: { domain: bands.domain },
 *   marks: [speciesBandMarks(bands, { indent: 60 })],
 * });
 * const labels = Array.from(svg.querySelectorAll('g[aria-label="text"] text'))
 *   .map((t) => (t as { textContent: string }).textContent);
 * assert.deepEqual(labels, ["Escherichia coli (1 genome)", "Klebsiella pneumoniae (1 genome)"]);
 * ```
 */
export function speciesBandMarks(
  bands: SpeciesBands,
  options: SpeciesBandMarksOptions = {},
): Plot.CompoundMark {
  const { indent = 0, fontSize = 13 } = options;
  if (!(indent >= 0)) throw new RangeError(`Option "indent" must be >= 0, got ${indent}`);
  if (!(fontSize > 0)) throw new RangeError(`Option "fontSize" must be > 0, got ${fontSize}`);
  if (bands.headers.length === 0) return Plot.marks();
  return Plot.marks(
    Plot.text(bands.headers, {
      y: (h: SpeciesHeader) => h.key,
      text: (h: SpeciesHeader) => h.label,
      frameAnchor: "left",
      textAnchor: "start",
      dx: -indent,
      fontSize,
      fontStyle: "italic",
      fontWeight: "bold",
      fill: "#333",
      ariaDescription: "species",
    }),
  );
}
