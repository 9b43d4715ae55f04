/**
 * The distribution of protein lengths, per genome.
 *
 * @module
 */

import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import {
  type HistogramLayout,
  type HistogramOptions,
  histogramPlot,
  NO_GENOME,
} from "./_histogram.ts";
import { numberField, positive } from "./_figure.ts";

/** One row of {@linkcode proteinLengthPlot}: one protein. */
export interface ProteinLengthRow {
  /** The genome the protein belongs to; rows without one form a single distribution. */
  genome?: string | null;
  /** The protein length in amino acids. */
  length: number | bigint;
}

/** Options of {@linkcode proteinLengthPlot}; other Plot options pass through to `Plot.plot`. */
export interface ProteinLengthPlotOptions extends HistogramOptions {
  /**
   * The bin width in amino acids.
   * @default 20
   */
  binWidth?: number;
  /**
   * The longest length shown; longer proteins are counted in the caption. `auto` takes the 99.5th
   * percentile rounded up to 100 aa, so a few giant proteins do not squeeze the plot.
   * @default "auto"
   */
  maxLength?: number | "auto";
}

/** The defaults of {@linkcode proteinLengthPlot}. */
export const DEFAULT_PROTEIN_LENGTH_PLOT_OPTIONS: Readonly<{
  title: string;
  binWidth: number;
  maxLength: number | "auto";
  layout: HistogramLayout;
  median: boolean;
  panelHeight: number;
}> = Object.freeze({
  title: "Protein lengths",
  binWidth: 20,
  maxLength: "auto" as number | "auto",
  layout: "facet" as const,
  median: true,
  panelHeight: 110,
});

/**
 * Draws the distribution of protein lengths as a histogram, one panel per genome (or one outline
 * per genome with `layout: "overlay"`), each genome's median marked.
 *
 * @param data Rows `{genome?, length}` (an array, or an Arquero table).
 * @param options Bins, range, layout; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a length is not a number.
 * @throws {RangeError} When a length is negative or an option is out of range.
 *
 * @example
 * ```ts
 * import { proteinLengthPlot } from "./protein_length_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = proteinLengthPlot([{ length: 105 }, { length: 110 }, { length: 350 }]);
 * assert.equal(figure.querySelectorAll('g[aria-description="histogram"] rect').length, 2);
 * ```
 */
export function proteinLengthPlot(
  data: RowSource<ProteinLengthRow>,
  options: ProteinLengthPlotOptions = {},
): PlotFigure {
  const defaults = DEFAULT_PROTEIN_LENGTH_PLOT_OPTIONS;
  const { binWidth = defaults.binWidth, maxLength = defaults.maxLength, ...rest } = options;
  positive("binWidth", binWidth);
  if (maxLength !== "auto") positive("maxLength", maxLength);
  const what = "protein lengths";
  const values = rowsOf(data, what).map((row, i) => {
    const value = numberField(row, "length", i, what);
    if (value < 0) throw new RangeError(`Cannot plot ${what}: row ${i} has length ${value}`);
    const genome = row.genome;
    return { genome: typeof genome === "string" ? genome : NO_GENOME, value };
  });
  let upper: number;
  if (maxLength === "auto") {
    const sorted = values.map((v) => v.value).sort((a, b) => a - b);
    const p = sorted.length > 0
      ? sorted[Math.min(sorted.length - 1, Math.floor(0.995 * sorted.length))]
      : 100;
    upper = Math.max(100, Math.ceil((p + 1) / 100) * 100);
  } else {
    upper = maxLength;
  }
  return histogramPlot(
    values,
    {
      title: defaults.title,
      xLabel: "Protein length (aa)",
      binWidth,
      domain: [0, upper],
      format: (v) => `${Math.round(v).toLocaleString("en-US")} aa`,
      noun: "proteins",
      color: "#4e79a7",
    },
    rest,
    defaults,
  );
}
