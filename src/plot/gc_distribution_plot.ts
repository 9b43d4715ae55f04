/**
 * The distribution of GC content (of genes, contigs or windows), per genome.
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

/** One row of {@linkcode gcDistributionPlot}: the GC content of one gene, contig or window. */
export interface GcDistributionRow {
  /** The genome; rows without one form a single distribution. */
  genome?: string | null;
  /** The GC content as a fraction from 0 to 1 (as the model's `stats.gc`). */
  gc: number;
}

/** Options of {@linkcode gcDistributionPlot}; other Plot options pass through to `Plot.plot`. */
export interface GcDistributionPlotOptions extends HistogramOptions {
  /**
   * The bin width in percentage points.
   * @default 1
   */
  binWidth?: number;
  /**
   * What the values are the GC content of, for the axis label (`genes`, `contigs`, `windows`…).
   * @default "genes"
   */
  of?: string;
}

/** The defaults of {@linkcode gcDistributionPlot}. */
export const DEFAULT_GC_DISTRIBUTION_PLOT_OPTIONS: Readonly<{
  title: string;
  binWidth: number;
  of: string;
  layout: HistogramLayout;
  median: boolean;
  panelHeight: number;
}> = Object.freeze({
  title: "GC content",
  binWidth: 1,
  of: "genes",
  layout: "facet" as const,
  median: true,
  panelHeight: 110,
});

/**
 * Draws the distribution of GC content as a histogram in percent, one panel per genome (or one
 * outline per genome with `layout: "overlay"`), each genome's median marked.
 *
 * @param data Rows `{genome?, gc}` with `gc` a fraction from 0 to 1 (an array, or an Arquero table).
 * @param options Bins, layout; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a value is not a number.
 * @throws {RangeError} When a value is outside 0–1 (percentages are refused, not guessed) or an
 * option is out of range.
 *
 * @example
 * ```ts
 * import { gcDistributionPlot } from "./gc_distribution_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = gcDistributionPlot([{ gc: 0.351 }, { gc: 0.356 }, { gc: 0.42 }]);
 * assert.equal(figure.querySelectorAll('g[aria-description="histogram"] rect').length, 2);
 * ```
 */
export function gcDistributionPlot(
  data: RowSource<GcDistributionRow>,
  options: GcDistributionPlotOptions = {},
): PlotFigure {
  const defaults = DEFAULT_GC_DISTRIBUTION_PLOT_OPTIONS;
  const { binWidth = defaults.binWidth, of = defaults.of, ...rest } = options;
  positive("binWidth", binWidth);
  const what = "GC content";
  const values = rowsOf(data, what).map((row, i) => {
    const gc = numberField(row, "gc", i, what);
    if (gc < 0 || gc > 1) {
      throw new RangeError(
        `Cannot plot ${what}: row ${i} has gc ${gc}, expected a fraction from 0 to 1`,
      );
    }
    const genome = row.genome;
    return { genome: typeof genome === "string" ? genome : NO_GENOME, value: 100 * gc };
  });
  const lo = Math.floor(Math.min(100, ...values.map((v) => v.value)) / binWidth) * binWidth;
  const hi = Math.ceil((Math.max(0, ...values.map((v) => v.value)) + 1e-9) / binWidth) * binWidth;
  return histogramPlot(
    values,
    {
      title: defaults.title,
      xLabel: `GC content of ${of} (%)`,
      binWidth,
      domain: values.length > 0 ? [lo, Math.max(hi, lo + binWidth)] : [0, 100],
      format: (v) => `${v.toFixed(1)}%`,
      noun: of,
      color: "#59a14f",
    },
    rest,
    defaults,
  );
}
