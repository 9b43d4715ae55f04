/**
 * A presence/absence heatmap of the gene families most associated with a trait, the genomes
 * ordered by the trait (those with it on top), so the pattern that makes a family associated shows.
 *
 * @module
 */

import type { PlotFigure } from "./plot_figure.ts";
import { presenceAbsencePlot, type PresenceAbsencePlotOptions } from "./presence_absence_plot.ts";

/** The input of {@linkcode associationHeatmapPlot}. */
export interface AssociationHeatmapData {
  /** The genomes tested. */
  genomes: readonly string[];
  /** Per genome: whether it has the trait. */
  trait: readonly (boolean | number)[];
  /** The families to show (e.g. the strongest associations), in the presence/absence plot's column order. */
  families: readonly string[];
  /** Per genome, per family: present or not. */
  present: readonly (readonly (boolean | number)[])[];
}

/** Options of {@linkcode associationHeatmapPlot}: those of the presence/absence plot but the order. */
export type AssociationHeatmapPlotOptions = Omit<PresenceAbsencePlotOptions, "genomeOrder"> & {
  /**
   * How the trait is shown after each genome's name: `[yes, no]`.
   * @default ["+", "-"]
   */
  traitMarks?: readonly [string, string];
};

/** The defaults of {@linkcode associationHeatmapPlot}. */
export const DEFAULT_ASSOCIATION_HEATMAP_PLOT_OPTIONS: Readonly<
  { title: string; traitMarks: readonly [string, string] }
> = Object.freeze({ title: "Associated gene families by trait", traitMarks: ["+", "-"] as const });

/**
 * Draws the families' presence and absence per genome with the genomes ordered by the trait —
 * those with it first, each group by name — and each genome labelled `name (+)` or `name (-)`.
 *
 * @param data The genomes, their trait, the families and the presence matrix.
 * @param options The presence/absence plot's options (the genome order is the trait's).
 * @returns The figure.
 * @throws {RangeError} When `trait` or `present` does not have one entry per genome.
 *
 * @example Resistant genomes on top
 * ```ts
 * import assert from "node:assert/strict";
 * import { associationHeatmapPlot } from "./association_heatmap_plot.ts";
 * const figure = associationHeatmapPlot({
 *   genomes: ["G1", "G2", "G3"], trait: [0, 1, 1], families: ["pbp2x", "mef"],
 *   present: [[0, 0], [1, 1], [1, 0]],
 * });
 * assert.ok(figure.textContent!.includes("G2 (+)"));
 * ```
 */
export function associationHeatmapPlot(
  data: AssociationHeatmapData,
  options: AssociationHeatmapPlotOptions = {},
): PlotFigure {
  const defaults = DEFAULT_ASSOCIATION_HEATMAP_PLOT_OPTIONS;
  const { traitMarks = defaults.traitMarks, ...rest } = options;
  const { genomes, trait, present } = data;
  if (trait.length !== genomes.length || present.length !== genomes.length) {
    throw new RangeError(
      `Cannot plot the association heatmap: ${genomes.length} genomes, ${trait.length} trait values and ${present.length} presence rows`,
    );
  }
  const label = genomes.map((g, i) => `${g} (${trait[i] ? traitMarks[0] : traitMarks[1]})`);
  const order = genomes.map((_, i) => i).sort((i, j) =>
    Number(Boolean(trait[j])) - Number(Boolean(trait[i])) ||
    (genomes[i] < genomes[j] ? -1 : genomes[i] > genomes[j] ? 1 : 0)
  );
  return presenceAbsencePlot(
    { genomes: label, families: data.families, present },
    { title: defaults.title, ...rest, genomeOrder: order.map((i) => label[i]) },
  );
}
