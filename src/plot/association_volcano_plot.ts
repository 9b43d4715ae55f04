/**
 * A volcano plot of gene–trait association: each gene family's odds ratio (log2) against its
 * −log10 p-value, the families passing a corrected threshold coloured and the strongest labelled.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import { fontOf, numberField, renderFigure, sharedOptions, stringField } from "./_figure.ts";

/** One row of {@linkcode associationVolcanoPlot}: a row of `traitAssociation`'s table. */
export interface AssociationVolcanoRow {
  /** The family. */
  family: string;
  /** Its gene symbol, used as its label where there is one. */
  gene?: string | null;
  /** Trait genomes carrying it. */
  pos_present: number;
  /** Other genomes carrying it. */
  neg_present: number;
  /** Trait genomes lacking it. */
  pos_absent: number;
  /** Other genomes lacking it. */
  neg_absent: number;
  /** −log10 of the naive p-value. */
  neg_log10_p: number;
  /** The corrected p-value the colour is read from (`p_bh` by default). */
  [corrected: string]: unknown;
}

/** Options of {@linkcode associationVolcanoPlot}; other Plot options pass through. */
export interface AssociationVolcanoPlotOptions extends FigureOptions {
  /**
   * The field holding the corrected p-value that decides the colour.
   * @default "p_bh"
   */
  corrected?: string;
  /**
   * Families whose corrected p is below this are "associated" (coloured).
   * @default 0.05
   */
  alpha?: number;
  /**
   * Label this many families with the smallest p (their gene, else their family key).
   * @default 10
   */
  labels?: number;
}

/** The defaults of {@linkcode associationVolcanoPlot}. */
export const DEFAULT_ASSOCIATION_VOLCANO_PLOT_OPTIONS: Readonly<{
  title: string;
  corrected: string;
  alpha: number;
  labels: number;
  width: number;
  height: number;
  associatedColor: string;
  otherColor: string;
}> = Object.freeze({
  title: "Gene families and the trait",
  corrected: "p_bh",
  alpha: 0.05,
  labels: 10,
  width: 640,
  height: 420,
  associatedColor: "#c0392b",
  otherColor: "#9aa5b1",
});

interface Point {
  label: string;
  x: number;
  y: number;
  associated: boolean;
}

/**
 * The log2 odds ratio with Haldane's correction (½ added to every cell), finite even where a
 * cell is zero (a family only trait genomes carry).
 */
function log2OddsRatio(a: number, b: number, c: number, d: number): number {
  return Math.log2(((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5)));
}

/** The points of the plot, validated. */
function volcanoPoints(
  data: RowSource<AssociationVolcanoRow>,
  corrected: string,
  alpha: number,
): Point[] {
  const what = "association";
  return rowsOf(data, what).map((row, i) => {
    const [a, c, b, d] = ["pos_present", "neg_present", "pos_absent", "neg_absent"]
      .map((field) => numberField(row, field, i, what));
    const p = numberField(row, corrected, i, what);
    const gene = (row as { gene?: unknown }).gene;
    return {
      label: typeof gene === "string" && gene !== "" ? gene : stringField(row, "family", i, what),
      x: log2OddsRatio(a, b, c, d),
      y: numberField(row, "neg_log10_p", i, what),
      associated: p < alpha,
    };
  });
}

/**
 * Draws one dot per gene family: x the log2 odds ratio (Haldane-corrected, so families carried
 * only by trait genomes are drawn, far right), y −log10 of Fisher's p; families whose corrected
 * p (`p_bh`) is below `alpha` in red, the others grey, and the `labels` strongest labelled.
 *
 * @param data Rows of `traitAssociation(…).table` (an Arquero table or an array).
 * @param options The corrected field, alpha and how many labels; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field.
 * @throws {RangeError} When `alpha` is not in (0, 1] or `labels` is negative.
 *
 * @example One dot per family
 * ```ts
 * import assert from "node:assert/strict";
 * import { associationVolcanoPlot } from "./association_volcano_plot.ts";
 * const figure = associationVolcanoPlot([
 *   { family: "F1", gene: "pbp2x", pos_present: 9, neg_present: 0, pos_absent: 1, neg_absent: 10, neg_log10_p: 4.2, p_bh: 0.001 },
 *   { family: "F2", pos_present: 5, neg_present: 5, pos_absent: 5, neg_absent: 5, neg_log10_p: 0, p_bh: 1 },
 * ]);
 * assert.equal(figure.querySelectorAll('g[aria-label="dot"] circle').length, 2);
 * ```
 */
export function associationVolcanoPlot(
  data: RowSource<AssociationVolcanoRow>,
  options: AssociationVolcanoPlotOptions = {},
): PlotFigure {
  const defaults = DEFAULT_ASSOCIATION_VOLCANO_PLOT_OPTIONS;
  const {
    corrected = defaults.corrected,
    alpha = defaults.alpha,
    labels = defaults.labels,
    ...rest
  } = options;
  if (!(alpha > 0 && alpha <= 1)) {
    throw new RangeError(`Option "alpha" must be in (0, 1], got ${alpha}`);
  }
  if (!Number.isInteger(labels) || labels < 0) {
    throw new RangeError(`Option "labels" must be an integer >= 0, got ${labels}`);
  }
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const points = volcanoPoints(data, corrected, alpha);
  return renderFigure(
    {
      title: defaults.title,
      width: defaults.width,
      height: defaults.height,
      marginLeft: 56,
      marginBottom: 2.8 * fontSize + 6,
      x: {
        label: "log2 odds ratio (Haldane-corrected)",
        labelArrow: "none",
        labelAnchor: "center",
      },
      y: { label: "-log10 p (Fisher)", labelArrow: "none", grid: true, nice: true },
      color: {
        type: "ordinal",
        domain: [true, false],
        range: [defaults.associatedColor, defaults.otherColor],
        legend: true,
        tickFormat: (d: boolean) => (d ? `${corrected} < ${alpha}` : "not associated"),
      },
      marks: [volcanoMarks(points, labels, fontSize)],
    },
    leftovers,
    shared,
  );
}

/** The zero line, a dot per family, and the names of the `labels` strongest. */
function volcanoMarks(points: Point[], labels: number, fontSize: number): Plot.CompoundMark {
  const strongest = [...points].sort((p, q) => q.y - p.y).slice(0, labels);
  return Plot.marks(
    Plot.ruleX([0], { stroke: "#ccc" }),
    Plot.dot(points, {
      x: "x",
      y: "y",
      fill: "associated",
      r: 3,
      fillOpacity: 0.8,
      title: (d: Point) => `${d.label}: log2 OR ${d.x.toFixed(2)}, -log10 p ${d.y.toFixed(2)}`,
    }),
    Plot.text(strongest, { x: "x", y: "y", text: "label", dy: -8, fontSize: fontSize * 0.85 }),
  );
}
