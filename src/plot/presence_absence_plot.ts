/**
 * A presence/absence heatmap of gene families across genomes. The layout is
 * `presenceAbsenceLayout`, the marks `presenceAbsenceMarks`.
 *
 * @module
 */

import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import type { RowSource } from "./rows_of.ts";
import { fontOf, renderFigure, sharedOptions, splitOptions } from "./_figure.ts";
import {
  DEFAULT_PRESENCE_ABSENCE_LAYOUT_OPTIONS,
  PRESENCE_ABSENCE_LAYOUT_OPTION_NAMES,
  presenceAbsenceLayout,
  type PresenceAbsenceLayoutOptions,
  type PresenceAbsenceMatrix,
  type PresenceAbsenceRow,
} from "./presence_absence_layout.ts";
import { presenceAbsenceMarks } from "./presence_absence_marks.ts";
import { bandTickFormat } from "./species_bands.ts";

export type {
  GenomeOrder,
  PresenceAbsenceMatrix,
  PresenceAbsenceRow,
} from "./presence_absence_layout.ts";

/** Options of {@linkcode presenceAbsencePlot}; other Plot options pass through to `Plot.plot`. */
export interface PresenceAbsencePlotOptions extends FigureOptions, PresenceAbsenceLayoutOptions {}

/** The defaults of {@linkcode presenceAbsencePlot}. */
export const DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS:
  & Readonly<{ title: string }>
  & typeof DEFAULT_PRESENCE_ABSENCE_LAYOUT_OPTIONS = Object.freeze({
    title: "Gene family presence and absence",
    ...DEFAULT_PRESENCE_ABSENCE_LAYOUT_OPTIONS,
  });

/**
 * Draws which genomes have which gene families as a heatmap: one row per genome, one column per
 * family, every cell drawn (present or absent). Families are ordered by how many genomes have
 * them (core families on the left), then by their pattern across the genomes so that families
 * shared by the same genomes sit together; genomes are clustered by gene content by default and,
 * given the cohort's `species`, grouped species by species under a species label. The layout is
 * `presenceAbsenceLayout`, the marks `presenceAbsenceMarks`.
 *
 * @param data Rows `{genome, family, present}` (an array, or an Arquero table; missing pairs are
 * absent) or a matrix `{genomes, families, present}`.
 * @param options Orders, colours, sizes; other Plot options pass through.
 * @returns The figure.
 * @throws {TypeError} When a row lacks a field or `present` is not a boolean.
 * @throws {RangeError} When the matrix is ragged or an option is out of range.
 *
 * @example Two genomes, three families
 * ```ts
 * import { presenceAbsencePlot } from "./presence_absence_plot.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = presenceAbsencePlot({
 *   genomes: ["A", "B"],
 *   families: ["dnaA", "blaZ", "mecA"],
 *   present: [[true, true, false], [true, false, false]],
 * });
 * assert.equal(figure.querySelectorAll('g[aria-label="cell"] rect').length, 6);
 * ```
 */
export function presenceAbsencePlot(
  data: RowSource<PresenceAbsenceRow> | PresenceAbsenceMatrix,
  options: PresenceAbsencePlotOptions = {},
): PlotFigure {
  const { picked, rest } = splitOptions(options, PRESENCE_ABSENCE_LAYOUT_OPTION_NAMES);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const layout = presenceAbsenceLayout(data, picked, fontSize);
  const { rowHeight: _, ...frame } = layout.frame;
  const n = layout.families.length.toLocaleString("en-US");
  return renderFigure(
    {
      title: DEFAULT_PRESENCE_ABSENCE_PLOT_OPTIONS.title,
      ...frame,
      x: {
        domain: layout.families,
        padding: 0,
        label: `Gene families (n = ${n}), ${layout.byName ? "by name" : "most frequent first"}`,
        labelAnchor: "center",
        labelArrow: "none",
        ...(layout.labelled
          ? { tickRotate: -45, tickSize: 0, labelOffset: frame.marginBottom - 4 }
          : { ticks: [], tickSize: 0, labelOffset: 1.6 * fontSize }),
      },
      y: {
        domain: layout.bands.domain,
        padding: 0,
        label: null,
        tickSize: 0,
        tickFormat: bandTickFormat,
      },
      color: {
        type: "ordinal",
        domain: ["present", "absent"],
        range: [layout.colors.present, layout.colors.absent],
        legend: true,
      },
      marks: [presenceAbsenceMarks(layout, fontSize)],
    },
    leftovers,
    shared,
  );
}
