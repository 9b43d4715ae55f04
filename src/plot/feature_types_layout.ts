/**
 * The layout of the feature-types figure, computed without a DOM: each genome's stacked bar
 * segments, its total, the genomes grouped by species and the frame. {@linkcode featureTypesMarks}
 * turns it into marks and `featureTypesPlot` renders them.
 *
 * @module
 */

import { rowsOf, type RowSource } from "./rows_of.ts";
import type { FigureFrame } from "./figure_options.ts";
import { featureTypeColor, featureTypeLabel, orderFeatureTypes } from "./feature_colors.ts";
import { numberField, positive, stringField } from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import { type SpeciesBands, speciesBands, type SpeciesGroupInput } from "./species_bands.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** One row of `featureTypesPlot`: how many features of a type a genome has. */
export interface FeatureTypeCountRow {
  /** The genome (run) name, as shown on the axis. */
  genome: string;
  /** The feature type, in Bakta JSON naming (`cds`, `tRNA`, `ncRNA-region`…). */
  type: string;
  /** The number of features (a `bigint` from SQLite is accepted). */
  count: number | bigint;
}

/** Options of {@linkcode featureTypesLayout} (and of `featureTypesPlot`). */
export interface FeatureTypesLayoutOptions {
  /**
   * Show each genome's features as percentages of its total instead of counts.
   * @default false
   */
  normalize?: boolean;
  /**
   * Write each genome's total at the end of its bar.
   * @default true
   */
  totals?: boolean;
  /**
   * The height of one genome's bar band, in px (the figure's height follows from it unless
   * `height` is given).
   * @default 34
   */
  barHeight?: number;
  /**
   * Colours per feature type, replacing the defaults (`FEATURE_TYPE_COLORS`) for the types given.
   * @default {}
   */
  colors?: Readonly<Record<string, string>>;
  /**
   * The cohort's species (`cohortSpecies`): genomes grouped species by species, each species
   * labelled above its genomes; without it the genomes keep their input order.
   * @default undefined
   */
  species?: readonly SpeciesGroupInput[];
}

/** The defaults of {@linkcode FeatureTypesLayoutOptions}. */
export const DEFAULT_FEATURE_TYPES_LAYOUT_OPTIONS: Readonly<{
  normalize: boolean;
  totals: boolean;
  barHeight: number;
  colors: Readonly<Record<string, string>>;
}> = Object.freeze({
  normalize: false,
  totals: true,
  barHeight: 34,
  colors: Object.freeze({}) as Readonly<Record<string, string>>,
});

/** The names of {@linkcode FeatureTypesLayoutOptions}: the one list `featureTypesPlot` splits by. */
export const FEATURE_TYPES_LAYOUT_OPTION_NAMES: Readonly<
  Record<keyof FeatureTypesLayoutOptions, true>
> = Object.freeze({ normalize: true, totals: true, barHeight: true, colors: true, species: true });

/** One segment of a genome's bar. */
export interface FeatureTypeBar {
  /** The genome. */
  genome: string;
  /** The feature type (Bakta JSON naming). */
  type: string;
  /** The type's label (the colour key). */
  label: string;
  /** Features of the type. */
  count: number;
  /** What the segment shows: the count, or its share of the genome's features in per cent. */
  value: number;
  /** The tooltip. */
  title: string;
}

/** What {@linkcode featureTypesLayout} returns. */
export interface FeatureTypesBars {
  /** The segments, genome by genome in drawing order, types in Bakta's order. */
  bars: FeatureTypeBar[];
  /** The genomes (grouped by species when species are given) and the y domain with headers. */
  bands: SpeciesBands;
  /** Each genome's total label and where it is written (x), when totals are shown. */
  totals: { genome: string; x: number; text: string }[];
  /** Whether values are shares (per cent). */
  normalize: boolean;
  /** The colour scale: type labels and colours, in drawing order. */
  color: { domain: string[]; range: string[] };
  /** The largest total (for the count axis). */
  maxTotal: number;
  /** The figure's height and margins, in px. */
  frame: Omit<FigureFrame, "width">;
}

/**
 * Lays out the feature-types figure: sums the rows per genome and type, stacks each genome's
 * types (count or share), groups the genomes by species when asked and sizes the frame.
 *
 * @param data Rows `{genome, type, count}`; rows repeating a (genome, type) pair are added up.
 * @param options Normalization, totals, bar height, colours, species.
 * @param fontSize The base font size, in px.
 * @returns The layout.
 * @throws {TypeError} When a row lacks a genome or type or has a count that is not a number.
 * @throws {RangeError} When a count is negative or an option is out of range.
 *
 * @example Two species: genomes grouped, a header band before each
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureTypesLayout } from "./feature_types_layout.ts";
 * const layout = featureTypesLayout([
 *   { genome: "k1", type: "cds", count: 10 },
 *   { genome: "e1", type: "cds", count: 8 },
 *   { genome: "e1", type: "tRNA", count: 2 },
 * ], {
 *   normalize: true,
 *   species: [{ species: "Escherichia coli", genomes: ["e1"] }, { species: "Klebsiella pneumoniae", genomes: ["k1"] }],
 * });
 * assert.deepEqual(layout.bands.genomes, ["e1", "k1"]);
 * assert.deepEqual(layout.bars.map((b) => [b.genome, b.type, b.value]), [
 *   ["e1", "tRNA", 20], ["e1", "cds", 80], ["k1", "cds", 100],
 * ]);
 * assert.deepEqual(layout.totals.map((t) => t.text), ["n = 10", "n = 10"]);
 * ```
 */
export function featureTypesLayout(
  data: RowSource<FeatureTypeCountRow>,
  options: FeatureTypesLayoutOptions = {},
  fontSize = 13,
): FeatureTypesBars {
  const { normalize, totals, barHeight, colors } = withDefaults(
    options,
    DEFAULT_FEATURE_TYPES_LAYOUT_OPTIONS,
  );
  positive("barHeight", barHeight);
  const sums = sumTypeCounts(data);
  const bands = speciesBands([...sums.keys()], options.species);
  const types = orderFeatureTypes(
    [...sums.values()].flatMap((m) => [...m].filter(([, n]) => n > 0).map(([t]) => t)),
  );
  const totalOf = new Map(
    [...sums].map(([g, m]) => [g, [...m.values()].reduce((a, b) => a + b, 0)]),
  );
  const bars = bands.genomes.flatMap((genome) =>
    types.filter((type) => (sums.get(genome)!.get(type) ?? 0) > 0)
      .map((type) =>
        typeBar(genome, type, sums.get(genome)!.get(type)!, totalOf.get(genome)!, normalize)
      )
  );
  const totalText = (g: string) =>
    `${normalize ? "n = " : ""}${totalOf.get(g)!.toLocaleString("en-US")}`;
  const totalRows = totals
    ? bands.genomes.map((g) => ({
      genome: g,
      x: normalize ? 100 : totalOf.get(g)!,
      text: totalText(g),
    }))
    : [];
  return {
    bars,
    bands,
    totals: totalRows,
    normalize,
    color: {
      domain: types.map(featureTypeLabel),
      range: types.map((t) => colors[t] ?? featureTypeColor(t)),
    },
    maxTotal: Math.max(0, ...totalOf.values()),
    frame: frameOf(bands, totalRows, barHeight, fontSize),
  };
}

/** The rows summed per genome and type, genomes in input order. */
function sumTypeCounts(data: RowSource<FeatureTypeCountRow>): Map<string, Map<string, number>> {
  const what = "feature types";
  const sums = new Map<string, Map<string, number>>();
  rowsOf(data, what).forEach((row, i) => {
    const genome = stringField(row, "genome", i, what);
    const type = stringField(row, "type", i, what);
    const count = numberField(row, "count", i, what);
    if (count < 0) {
      throw new RangeError(`Cannot plot ${what}: row ${i} has a negative count ${count}`);
    }
    const byType = sums.get(genome) ?? new Map<string, number>();
    byType.set(type, (byType.get(type) ?? 0) + count);
    sums.set(genome, byType);
  });
  return sums;
}

function typeBar(
  genome: string,
  type: string,
  count: number,
  total: number,
  normalize: boolean,
): FeatureTypeBar {
  const label = featureTypeLabel(type);
  const value = normalize ? (100 * count) / total : count;
  const share = normalize ? ` (${value.toFixed(1)}%)` : "";
  return {
    genome,
    type,
    label,
    count,
    value,
    title: `${genome}\n${label}: ${count.toLocaleString("en-US")}${share}`,
  };
}

/** The height (a band per genome and per species label) and margins (names, totals). */
function frameOf(
  bands: SpeciesBands,
  totals: readonly { text: string }[],
  barHeight: number,
  fontSize: number,
): FeatureTypesBars["frame"] {
  // A species label runs on into its empty header band: only genome names set the margin.
  const names = bands.genomes.map((g) => estimateTextWidth(g, fontSize));
  const totalWidth = Math.max(0, ...totals.map((t) => estimateTextWidth(t.text, fontSize * 0.9)));
  const marginTop = 10;
  const marginBottom = 2.8 * fontSize + 6;
  return {
    height: marginTop + marginBottom + bands.domain.length * barHeight,
    marginLeft: Math.ceil(Math.max(0, ...names)) + 14,
    marginRight: Math.ceil(totalWidth) + 16,
    marginTop,
    marginBottom,
  };
}
