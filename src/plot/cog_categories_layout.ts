/**
 * The layout of the COG categories figure, computed without a DOM: the bars (counts, shares or
 * deviations per genome and category), their colours, each genome's n, the axes and the frame.
 * {@linkcode cogCategoriesMarks} turns it into Observable Plot marks and
 * {@linkcode cogCategoriesPlot} renders them.
 *
 * @module
 */

import { rowsOf, type RowSource } from "./rows_of.ts";
import type { FigureFrame } from "./figure_options.ts";
import {
  COG_CATEGORIES,
  COG_PALETTES,
  cogCategory,
  cogColor,
  cogLabel,
  type CogPalette,
} from "./cog_categories.ts";
import { numberField, oneOf, positive, stringField } from "./_figure.ts";
import { NO_COG_COLOR } from "./palette.ts";
import { NO_COG_LABEL } from "./feature_color_scale.ts";
import { countAxis } from "./_ticks.ts";
import { estimateTextWidth } from "./_text.ts";
import { type SpeciesBands, speciesBands, type SpeciesGroupInput } from "./species_bands.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** One row of {@linkcode cogCategoriesPlot}: how many features of a genome are in a category. */
export interface CogCategoryCountRow {
  /** The genome (run) name. */
  genome: string;
  /** The COG category letter (`J`, `K`…); other values are drawn in grey after the known ones. */
  category: string;
  /** The number of features (a `bigint` from SQLite is accepted). */
  count: number | bigint;
  /**
   * The genome's CDSs with a COG category (as `cogCategoryCounts` gives it): with `cdss`, the n
   * written beside each genome and the share of CDSs without a category.
   */
  assigned?: number | bigint | null;
  /** The genome's CDSs (as `cogCategoryCounts` gives it). */
  cdss?: number | bigint | null;
}

/**
 * How {@linkcode cogCategoriesPlot} lays out the genomes: `grouped` (a panel per genome, a bar per
 * category), `stacked` (a bar per genome) or `deviation` (a panel per genome, each category's share
 * minus the cohort's mean share, in percentage points: what sets a genome apart in a cohort of one
 * species, whose shares are otherwise all alike).
 */
export type CogCategoriesLayout = "grouped" | "stacked" | "deviation";

/** Options of {@linkcode cogCategoriesLayout} (and of `cogCategoriesPlot`). */
export interface CogCategoriesLayoutOptions {
  /**
   * Show each genome's categories as percentages: of its CDSs when the rows carry `assigned` and
   * `cdss` (with a "No COG category" share), else of its category assignments.
   * @default false
   */
  normalize?: boolean;
  /**
   * `grouped`, `stacked` or `deviation` (see {@linkcode CogCategoriesLayout}).
   * @default "grouped"
   */
  layout?: CogCategoriesLayout;
  /**
   * The COG palette: `baktadb` (distinguishable colours grouped by functional class), `ncbi` (the
   * NCBI COG colours, `fun-20.tab`) or `bakta` (those of Bakta's plot).
   * @default "baktadb"
   */
  palette?: CogPalette;
  /**
   * Show all 26 categories, also those no genome has.
   * @default false
   */
  showEmpty?: boolean;
  /**
   * The width of one genome's panel in the grouped and deviation layouts, in px (the figure's width
   * follows unless `width` is given).
   * @default 180
   */
  panelWidth?: number;
  /**
   * The height of one bar band (a category in the grouped layout, a genome in the stacked one).
   * @default 20
   */
  barHeight?: number;
  /**
   * The cohort's species (`cohortSpecies`): genomes grouped species by species (stacked: under a
   * species label; panels: in species order, the species under each genome's name) and, in the
   * deviation layout, each genome compared with the mean of its own species.
   * @default undefined
   */
  species?: readonly SpeciesGroupInput[];
}

/** The defaults of {@linkcode CogCategoriesLayoutOptions}. */
export const DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS: Readonly<{
  normalize: boolean;
  layout: CogCategoriesLayout;
  palette: CogPalette;
  showEmpty: boolean;
  panelWidth: number;
  barHeight: number;
}> = Object.freeze({
  normalize: false,
  layout: "grouped" as CogCategoriesLayout,
  palette: "baktadb" as CogPalette,
  showEmpty: false,
  panelWidth: 180,
  barHeight: 20,
});

/** The names of {@linkcode CogCategoriesLayoutOptions}: the one list `cogCategoriesPlot` splits by. */
export const COG_CATEGORIES_LAYOUT_OPTION_NAMES: Readonly<
  Record<keyof CogCategoriesLayoutOptions, true>
> = Object.freeze({
  normalize: true,
  layout: true,
  palette: true,
  showEmpty: true,
  panelWidth: true,
  barHeight: true,
  species: true,
});

/** The colour of values that are not a COG category letter. */
const OTHER_COLOR = "#9e9e9e";

/** One bar of the COG categories figure. */
export interface CogBar {
  /** The genome's name (the y value of stacked bars, the facet otherwise). */
  genome: string;
  /** The category letter (or `No COG category`). */
  category: string;
  /** The category's label, `J: Translation, …` (the colour key). */
  label: string;
  /** Features in the category. */
  count: number;
  /** What the bar shows: the count, a share in per cent, or a deviation in percentage points. */
  value: number;
  /** The tooltip: the genome, then the category label, count and share or deviation. */
  title: string;
}

/** What {@linkcode cogCategoriesLayout} returns: the bars, colours, axes and frame of the figure. */
export interface CogCategoriesBars {
  /** The arrangement drawn: `stacked`, `grouped` or `deviation` (the option, checked). */
  layout: CogCategoriesLayout;
  /** The genomes, in input order, or species by species when species are given. */
  genomes: string[];
  /** The genomes grouped by species: the y domain of the stacked layout, with a header per species. */
  bands: SpeciesBands;
  /** The category labels drawn, in NCBI order (the y domain of the grouped and deviation layouts). */
  categories: string[];
  /** One bar per genome and category with features (and empty ones when `showEmpty`). */
  bars: CogBar[];
  /** Each genome's n (`n = 1,834 of 2,302 CDSs`) and where its stacked bar ends. */
  n: { genome: string; text: string; end: number }[];
  /** The colour scale: category labels and their colours, in drawing order. */
  color: { domain: string[]; range: string[] };
  /** The x axis: its label and, on count axes, integer ticks within the domain. */
  x: {
    label: string;
    domain?: [number, number];
    ticks?: number[] | number;
    tickFormat?: (d: number) => string;
    nice?: boolean;
  };
  /** The figure's size and margins, in px. */
  frame: FigureFrame;
  /** The base font size, in px. */
  fontSize: number;
}

/**
 * Lays out the COG categories figure (see `cogCategoriesPlot`): sums the rows per genome and
 * category, computes the bars of the chosen arrangement, the colours in the chosen palette, each
 * genome's n and the frame.
 *
 * @param data Rows `{genome, category, count}`, optionally with `assigned`/`cdss` per genome.
 * @param options Arrangement, normalization, palette, sizes.
 * @returns The layout.
 * @throws {TypeError} When a row lacks a field or has a count that is not a number.
 * @throws {RangeError} When a count is negative or an option is out of range.
 *
 * @example Shares of the CDSs, with the part without a COG category
 * ```ts
 * import assert from "node:assert/strict";
 * import { cogCategoriesLayout } from "./cog_categories_layout.ts";
 *
 * const layout = cogCategoriesLayout([
 *   { genome: "G1", category: "J", count: 30, assigned: 40, cdss: 50 },
 *   { genome: "G1", category: "S", count: 10, assigned: 40, cdss: 50 },
 * ], { layout: "stacked", normalize: true });
 * assert.deepEqual(
 *   layout.bars.map((b) => [b.category, Math.round(b.value)]),
 *   [["J", 60], ["S", 20], ["No COG category", 20]],
 * );
 * assert.equal(layout.n[0].text, "n = 40 of 50 CDSs");
 * ```
 */
export function cogCategoriesLayout(
  data: RowSource<CogCategoryCountRow>,
  options: CogCategoriesLayoutOptions & { fontSize?: number } = {},
): CogCategoriesBars {
  const { normalize, layout, palette, showEmpty, panelWidth, barHeight, fontSize } = withDefaults(
    options,
    { ...DEFAULT_COG_CATEGORIES_LAYOUT_OPTIONS, fontSize: 13 },
  );
  oneOf("layout", layout, ["grouped", "stacked", "deviation"]);
  oneOf("palette", palette, COG_PALETTES);
  positive("panelWidth", panelWidth);
  positive("barHeight", barHeight);
  positive("fontSize", fontSize);
  const bands = speciesBands([...sumRows(data).keys()], options.species);
  const unordered = sumRows(data);
  const sums = new Map(bands.genomes.map((g) => [g, unordered.get(g)!]));
  const categories = categoriesOf(sums, showEmpty);
  const unit = layout === "deviation" ? "deviation" : normalize ? "share" : "count";
  const meanOf = bands.headers.length > 0 ? "its species' mean" : "the cohort mean";
  const bars =
    (layout === "stacked"
      ? stackedBars(sums, categories, normalize)
      : layout === "deviation"
      ? deviationBars(sums, categories, bands.speciesOf)
      : groupedBars(sums, categories, normalize, showEmpty))
      .map((b) => ({ ...b, title: tip(b, unit, meanOf) }));
  const color = colorsOf(categories, palette, bars, layout === "stacked");
  const genomes = [...sums.keys()];
  const n = genomes.map((genome) => ({
    genome,
    text: nLabel(sums.get(genome)!),
    end: bars.filter((b) => b.genome === genome).reduce((s, b) => s + b.value, 0),
  }));
  const sizes = { fontSize, panelWidth, barHeight };
  const labels = categories.map(cogLabel);
  return {
    layout,
    genomes,
    bands,
    categories: labels,
    bars,
    n,
    color,
    x: xAxis(layout, unit, bars, n, [...sums.values()].every((g) => g.cdss !== undefined), meanOf),
    frame: layout === "stacked"
      ? stackedFrame(bands, n, color.domain, sizes)
      : panelFrame(genomes.length, labels, { ...sizes, species: bands.headers.length > 0 }),
    fontSize,
  };
}

/** The colour scale: every category drawn, in order ("No COG category" last in stacked bars). */
function colorsOf(
  categories: readonly string[],
  palette: CogPalette,
  bars: readonly CogBar[],
  onlyDrawn: boolean,
): { domain: string[]; range: string[] } {
  const all = [
    ...categories.map((c) => [cogLabel(c), cogCategory(c) ? cogColor(c, palette) : OTHER_COLOR]),
    [NO_COG_LABEL, NO_COG_COLOR],
  ];
  const drawn = new Set(bars.map((b) => b.label));
  const kept = onlyDrawn ? all.filter(([l]) => drawn.has(l)) : all;
  return { domain: kept.map(([l]) => l), range: kept.map(([, c]) => c) };
}

/** The x axis: counts tick at integers within their domain; shares run to 100 %. */
function xAxis(
  layout: CogCategoriesLayout,
  unit: "count" | "share" | "deviation",
  bars: readonly CogBar[],
  n: readonly { end: number }[],
  cdssKnown: boolean,
  meanOf: string,
): CogCategoriesBars["x"] {
  if (layout === "stacked") {
    return unit === "share"
      ? {
        label: cdssKnown ? "Share of CDSs (%)" : "Share of COG assignments (%)",
        domain: [0, 100],
      }
      : { label: "Number of features", ...countAxis(Math.max(0, ...n.map((g) => g.end))) };
  }
  if (unit === "count") {
    return {
      label: "Number of features",
      ...countAxis(Math.max(0, ...bars.map((b) => b.value)), 4),
    };
  }
  return {
    label: unit === "share"
      ? "Share of COG assignments (%)"
      : `Difference from ${meanOf.replace("its", "the")} (percentage points)`,
    ticks: 4,
    nice: true,
  };
}

/** The frame of the stacked layout: genome names on the left, each genome's n on the right. */
function stackedFrame(
  bands: SpeciesBands,
  n: readonly { text: string }[],
  legend: readonly string[],
  s: { fontSize: number; barHeight: number },
): CogCategoriesBars["frame"] {
  const genomeWidth = Math.max(0, ...bands.genomes.map((g) => estimateTextWidth(g, s.fontSize)));
  const nWidth = Math.max(0, ...n.map((g) => estimateTextWidth(g.text, s.fontSize * 0.85)));
  const legendColumn = Math.max(0, ...legend.map((l) => estimateTextWidth(l, s.fontSize))) + 15 +
    1.5 * s.fontSize;
  const marginBottom = 2.8 * s.fontSize + 6;
  return {
    width: Math.max(640, Math.ceil(2 * legendColumn)),
    height: 10 + marginBottom + bands.domain.length * Math.max(s.barHeight, 30),
    marginLeft: Math.ceil(genomeWidth) + 14,
    marginRight: Math.ceil(nWidth) + 16,
    marginTop: 10,
    marginBottom,
  };
}

/** The frame of the grouped and deviation layouts: a panel per genome, categories on the left. */
function panelFrame(
  genomes: number,
  labels: readonly string[],
  s: { fontSize: number; panelWidth: number; barHeight: number; species: boolean },
): CogCategoriesBars["frame"] {
  const labelWidth = Math.max(0, ...labels.map((l) => estimateTextWidth(l, s.fontSize)));
  const marginLeft = Math.ceil(labelWidth) + 14;
  // A panel's head: the genome's name, its n and, grouped by species, its species.
  const marginTop = genomes > 1 ? (s.species ? 4.4 : 3.2) * s.fontSize + 4 : 10;
  const marginBottom = 2.8 * s.fontSize + 6;
  return {
    width: marginLeft + 20 + Math.max(1, genomes) * s.panelWidth,
    height: marginTop + marginBottom + labels.length * s.barHeight,
    marginLeft,
    marginRight: 20,
    marginTop,
    marginBottom,
  };
}

const WHAT = "COG categories";

/** Adds the rows up per genome and category; keeps each genome's `assigned` and `cdss`. */
function sumRows(data: RowSource<CogCategoryCountRow>): Map<string, GenomeCounts> {
  const sums = new Map<string, GenomeCounts>();
  rowsOf(data, WHAT).forEach((row, i) => {
    const genome = stringField(row, "genome", i, WHAT);
    const raw = stringField(row, "category", i, WHAT).trim();
    const category = cogCategory(raw)?.letter ?? raw;
    const count = numberField(row, "count", i, WHAT);
    if (count < 0) {
      throw new RangeError(`Cannot plot ${WHAT}: row ${i} has a negative count ${count}`);
    }
    const entry = sums.get(genome) ?? { counts: new Map<string, number>() };
    entry.counts.set(category, (entry.counts.get(category) ?? 0) + count);
    if (row.assigned != null && row.cdss != null) {
      entry.assigned = numberField(row, "assigned", i, WHAT);
      entry.cdss = numberField(row, "cdss", i, WHAT);
    }
    sums.set(genome, entry);
  });
  return sums;
}

/** The categories drawn: known letters in NCBI order, then other values alphabetically. */
function categoriesOf(sums: Map<string, GenomeCounts>, showEmpty: boolean): string[] {
  const present = new Set(
    [...sums.values()].flatMap((g) => [...g.counts].filter(([, n]) => n > 0).map(([c]) => c)),
  );
  const known = COG_CATEGORIES.map((c) => c.letter).filter((l) => showEmpty || present.has(l));
  const unknown = [...present].filter((c) => cogCategory(c) === undefined).sort();
  return [...known, ...unknown];
}

function totalOf(g: GenomeCounts): number {
  return [...g.counts.values()].reduce((a, b) => a + b, 0);
}

function groupedBars(
  sums: Map<string, GenomeCounts>,
  categories: readonly string[],
  normalize: boolean,
  showEmpty: boolean,
): Omit<CogBar, "title">[] {
  const bars: Omit<CogBar, "title">[] = [];
  for (const [genome, g] of sums) {
    const total = totalOf(g);
    for (const category of categories) {
      const count = g.counts.get(category) ?? 0;
      if (count <= 0 && !showEmpty) continue;
      const value = normalize ? (total > 0 ? (100 * count) / total : 0) : count;
      bars.push({ genome, category, label: cogLabel(category), count, value });
    }
  }
  return bars;
}

/**
 * A bar per genome: counts, or shares that add up to 100 % of the genome's CDSs (the categories
 * sharing the part with a category, "No COG category" the rest) when `assigned` and `cdss` are
 * known, else of its category assignments.
 */
function stackedBars(
  sums: Map<string, GenomeCounts>,
  categories: readonly string[],
  normalize: boolean,
): Omit<CogBar, "title">[] {
  const bars: Omit<CogBar, "title">[] = [];
  for (const [genome, g] of sums) {
    const total = totalOf(g);
    const covered = normalize && g.cdss ? (g.assigned ?? 0) / g.cdss : 1;
    for (const category of categories) {
      const count = g.counts.get(category) ?? 0;
      if (count <= 0) continue;
      const value = normalize ? (total > 0 ? (100 * covered * count) / total : 0) : count;
      bars.push({ genome, category, label: cogLabel(category), count, value });
    }
    if (normalize && g.cdss && g.cdss > (g.assigned ?? 0)) {
      const count = g.cdss - (g.assigned ?? 0);
      bars.push({
        genome,
        category: NO_COG_LABEL,
        label: NO_COG_LABEL,
        count,
        value: 100 * (1 - covered),
      });
    }
  }
  return bars;
}

/**
 * Each genome's share of each category minus the mean share of its species (of the cohort when
 * no species are given), in percentage points.
 */
function deviationBars(
  sums: Map<string, GenomeCounts>,
  categories: readonly string[],
  speciesOf: ReadonlyMap<string, string>,
): Omit<CogBar, "title">[] {
  const share = (g: GenomeCounts, c: string) => {
    const total = totalOf(g);
    return total > 0 ? (100 * (g.counts.get(c) ?? 0)) / total : 0;
  };
  const groupOf = (genome: string) => speciesOf.get(genome) ?? "";
  const bars: Omit<CogBar, "title">[] = [];
  for (const category of categories) {
    const means = new Map<string, { sum: number; n: number }>();
    for (const [genome, g] of sums) {
      const m = means.get(groupOf(genome)) ?? { sum: 0, n: 0 };
      means.set(groupOf(genome), { sum: m.sum + share(g, category), n: m.n + 1 });
    }
    for (const [genome, g] of sums) {
      const { sum, n } = means.get(groupOf(genome))!;
      const mean = sum / n;
      const count = g.counts.get(category) ?? 0;
      bars.push({
        genome,
        category,
        label: cogLabel(category),
        count,
        value: share(g, category) - mean,
      });
    }
  }
  return bars;
}

/** `n = 1,834 of 2,302 CDSs` (or `n = 2,410 assignments` when the CDSs are not known). */
function nLabel(g: GenomeCounts): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  return g.cdss !== undefined
    ? `n = ${fmt(g.assigned ?? 0)} of ${fmt(g.cdss)} CDSs`
    : `n = ${fmt(totalOf(g))} assignments`;
}

/** A genome's category counts and, where known, its CDSs with a category and all its CDSs. */
interface GenomeCounts {
  counts: Map<string, number>;
  assigned?: number;
  cdss?: number;
}

function tip(
  d: Omit<CogBar, "title">,
  unit: "count" | "share" | "deviation",
  meanOf: string,
): string {
  const n = d.count.toLocaleString("en-US");
  const detail = unit === "share"
    ? ` (${d.value.toFixed(1)}%)`
    : unit === "deviation"
    ? ` (${d.value >= 0 ? "+" : ""}${d.value.toFixed(1)} points from ${meanOf})`
    : "";
  return `${d.genome}\n${d.label}: ${n}${detail}`;
}
