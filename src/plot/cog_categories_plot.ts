/**
 * COG functional categories per genome: counts, shares (with each genome's n and its share of CDSs
 * without a COG category) or each genome's deviation from the cohort. The layout is
 * `cogCategoriesLayout`, the marks `cogCategoriesMarks`.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import type { RowSource } from "./rows_of.ts";
import {
  COG_CATEGORIES_LAYOUT_OPTION_NAMES,
  cogCategoriesLayout,
  type CogCategoriesLayoutOptions,
  type CogCategoryCountRow,
  DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS,
} from "./cog_categories_layout.ts";
import { cogCategoriesMarks } from "./cog_categories_marks.ts";
import { fontOf, renderFigure, sharedOptions, splitOptions } from "./_figure.ts";
import { bandTickFormat } from "./species_bands.ts";

export {
  type CogCategoriesLayout,
  type CogCategoriesLayoutOptions,
  type CogCategoryCountRow,
} from "./cog_categories_layout.ts";

/** Options of {@linkcode cogCategoriesPlot}; other Plot options pass through to `Plot.plot`. */
export interface CogCategoriesPlotOptions extends FigureOptions, CogCategoriesLayoutOptions {}

/** The defaults of {@linkcode cogCategoriesPlot}. */
export const DEFAULT_COG_CATEGORIES_PLOT_OPTIONS:
  & Readonly<{ title: string }>
  & typeof DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS = Object.freeze({
    title: "COG functional categories",
    ...DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS,
  });

/**
 * Draws the COG functional categories of one or more genomes in the COG palette, with the
 * categories' names (`J: Translation, ribosomal structure and biogenesis`…) in the NCBI order (by
 * functional class). Grouped: a bar per category, a panel per genome; stacked: a bar per genome,
 * labelled with its n (`n = 1,834 of 2,302 CDSs`) and, normalized, ending in the share of its CDSs
 * without a category, so that a genome annotated without COGs does not look like the others;
 * deviation: each category's share minus the cohort mean, in percentage points.
 *
 * @param data Rows `{genome, category, count}` and optionally `assigned`/`cdss` per genome (an
 * array, or an Arquero table such as `cogCategoryCounts`); repeated (genome, category) pairs are
 * added up.
 * @param options Layout, normalization, palette; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field or has a count that is not a number.
 * @throws {RangeError} When a count is negative or an option is out of range.
 *
 * @example One genome
 * ```ts
 * import { cogCategoriesPlot } from "./cog_categories_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = cogCategoriesPlot([
 *   { genome: "C22", category: "J", count: 160 },
 *   { genome: "C22", category: "S", count: 420 },
 * ]);
 * const fills = Array.from(figure.querySelectorAll('g[aria-label="bar"] rect'))
 *   .map((r) => r.getAttribute("fill"));
 * assert.deepEqual(fills, ["#08306b", "#636363"]);
 * ```
 */
export function cogCategoriesPlot(
  data: RowSource<CogCategoryCountRow>,
  options: CogCategoriesPlotOptions = {},
): PlotFigure {
  const { picked, rest } = splitOptions(options, COG_CATEGORIES_LAYOUT_OPTION_NAMES);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const layout = cogCategoriesLayout(data, { ...picked, fontSize });
  const stacked = layout.layout === "stacked";
  const n = new Map(layout.n.map((g) => [g.genome, g.text]));
  const species = layout.bands.speciesOf;
  const panelHead = (g: string) =>
    species.size > 0 ? `${g}\n${species.get(g)}\n${n.get(g)}` : `${g}\n${n.get(g)}`;
  const axis = {
    labelAnchor: "center",
    labelArrow: "none",
    labelOffset: 2.6 * fontSize,
    grid: true,
  };
  return renderFigure(
    {
      title: DEFAULT_COG_CATEGORIES_PLOT_OPTIONS.title,
      ...layout.frame,
      x: { ...axis, ...layout.x },
      y: stacked
        ? { label: null, domain: layout.bands.domain, padding: 0.15, tickFormat: bandTickFormat }
        : { label: null, domain: layout.categories, padding: 0.12 },
      ...(!stacked && layout.genomes.length > 1
        ? {
          fx: {
            label: null,
            domain: layout.genomes,
            padding: 0.14,
            axis: "top",
            tickSize: 0,
            tickFormat: panelHead,
          },
        }
        : {}),
      color: { type: "ordinal", ...layout.color, ...(stacked ? { legend: true, columns: 2 } : {}) },
      marks: [cogCategoriesMarks(layout)],
    },
    leftovers,
    shared,
  );
}
