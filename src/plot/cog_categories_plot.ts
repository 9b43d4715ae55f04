/**
 * COG functional categories per genome: counts, shares (with each genome's n and its share of CDSs
 * without a COG category) or each genome's deviation from the cohort.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { rowsOf, type RowSource } from "./rows_of.ts";
import {
  COG_CATEGORIES,
  COG_PALETTES,
  cogCategory,
  cogColor,
  cogLabel,
  type CogPalette,
} from "./cog_categories.ts";
import {
  fontOf,
  numberField,
  oneOf,
  positive,
  renderFigure,
  sharedOptions,
  stringField,
} from "./_figure.ts";
import { NO_COG_COLOR } from "./palette.ts";
import { countAxis } from "./_ticks.ts";
import { estimateTextWidth } from "./_text.ts";

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

/** Options of {@linkcode cogCategoriesPlot}; other Plot options pass through to `Plot.plot`. */
export interface CogCategoriesPlotOptions extends FigureOptions {
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
}

/** The defaults of {@linkcode cogCategoriesPlot}. */
export const DEFAULT_COG_CATEGORIES_PLOT_OPTIONS: Readonly<{
  title: string;
  normalize: boolean;
  layout: CogCategoriesLayout;
  palette: CogPalette;
  showEmpty: boolean;
  panelWidth: number;
  barHeight: number;
}> = Object.freeze({
  title: "COG functional categories",
  normalize: false,
  layout: "grouped" as CogCategoriesLayout,
  palette: "baktadb" as CogPalette,
  showEmpty: false,
  panelWidth: 180,
  barHeight: 20,
});

/** The colour of values that are not a COG category letter. */
const OTHER_COLOR = "#9e9e9e";
/** The category of a genome's CDSs without a COG category, in stacked shares. */
const NO_COG = "No COG category";

interface CogBar {
  genome: string;
  category: string;
  label: string;
  count: number;
  value: number;
}

/** A genome's category counts and, where known, its CDSs with a category and all its CDSs. */
interface GenomeCounts {
  counts: Map<string, number>;
  assigned?: number;
  cdss?: number;
}

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
  const D = DEFAULT_COG_CATEGORIES_PLOT_OPTIONS;
  const {
    normalize = D.normalize,
    layout = D.layout,
    palette = D.palette,
    showEmpty = D.showEmpty,
    panelWidth = D.panelWidth,
    barHeight = D.barHeight,
    ...rest
  } = options;
  oneOf("layout", layout, ["grouped", "stacked", "deviation"]);
  oneOf("palette", palette, COG_PALETTES);
  positive("panelWidth", panelWidth);
  positive("barHeight", barHeight);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const sums = sumRows(data);
  const categories = categoriesOf(sums, showEmpty);
  const color = {
    type: "ordinal",
    domain: [...categories.map(cogLabel), NO_COG],
    range: [
      ...categories.map((c) => (cogCategory(c) ? cogColor(c, palette) : OTHER_COLOR)),
      NO_COG_COLOR,
    ],
  };
  const frame = { fontSize, panelWidth, barHeight, color, leftovers, shared };
  if (layout === "stacked") {
    return stackedFigure(sums, stackedBars(sums, categories, normalize), normalize, frame);
  }
  if (layout === "deviation") {
    return panelFigure(sums, deviationBars(sums, categories), categories, "deviation", frame);
  }
  const bars = groupedBars(sums, categories, normalize, showEmpty);
  return panelFigure(sums, bars, categories, normalize ? "share" : "count", frame);
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
): CogBar[] {
  const bars: CogBar[] = [];
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
): CogBar[] {
  const bars: CogBar[] = [];
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
      bars.push({ genome, category: NO_COG, label: NO_COG, count, value: 100 * (1 - covered) });
    }
  }
  return bars;
}

/** Each genome's share of each category minus the cohort's mean share, in percentage points. */
function deviationBars(sums: Map<string, GenomeCounts>, categories: readonly string[]): CogBar[] {
  const share = (g: GenomeCounts, c: string) => {
    const total = totalOf(g);
    return total > 0 ? (100 * (g.counts.get(c) ?? 0)) / total : 0;
  };
  const genomes = [...sums.values()];
  const bars: CogBar[] = [];
  for (const category of categories) {
    const mean = genomes.reduce((sum, g) => sum + share(g, category), 0) / genomes.length;
    for (const [genome, g] of sums) {
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

interface Frame {
  fontSize: number;
  panelWidth: number;
  barHeight: number;
  color: { type: string; domain: string[]; range: string[] };
  leftovers: Record<string, unknown>;
  shared: FigureOptions;
}

function tip(d: CogBar, unit: "count" | "share" | "deviation"): string {
  const n = d.count.toLocaleString("en-US");
  const detail = unit === "share"
    ? ` (${d.value.toFixed(1)}%)`
    : unit === "deviation"
    ? ` (${d.value >= 0 ? "+" : ""}${d.value.toFixed(1)} points from the cohort mean)`
    : "";
  return `${d.genome}\n${d.label}: ${n}${detail}`;
}

function stackedFigure(
  sums: Map<string, GenomeCounts>,
  bars: CogBar[],
  normalize: boolean,
  f: Frame,
): PlotFigure {
  const genomes = [...sums.keys()];
  const genomeWidth = Math.max(0, ...genomes.map((g) => estimateTextWidth(g, f.fontSize)));
  const nWidth = Math.max(
    0,
    ...genomes.map((g) => estimateTextWidth(nLabel(sums.get(g)!), f.fontSize * 0.85)),
  );
  const legendColumn = Math.max(0, ...f.color.domain.map((l) => estimateTextWidth(l, f.fontSize))) +
    15 + 1.5 * f.fontSize;
  const marginBottom = 2.8 * f.fontSize + 6;
  const drawn = new Set(bars.map((b) => b.label));
  const kept = f.color.domain.map((l, i) => [l, f.color.range[i]]).filter(([l]) => drawn.has(l));
  const order = kept.map(([l]) => l);
  const ends = new Map(
    genomes.map((g) => [g, bars.filter((b) => b.genome === g).reduce((s, b) => s + b.value, 0)]),
  );
  return renderFigure(
    {
      title: DEFAULT_COG_CATEGORIES_PLOT_OPTIONS.title,
      width: Math.max(640, Math.ceil(2 * legendColumn)),
      height: 10 + marginBottom + genomes.length * Math.max(f.barHeight, 30),
      marginLeft: Math.ceil(genomeWidth) + 14,
      marginRight: Math.ceil(nWidth) + 16,
      marginTop: 10,
      marginBottom,
      x: {
        label: normalize
          ? [...sums.values()].every((g) => g.cdss !== undefined)
            ? "Share of CDSs (%)"
            : "Share of COG assignments (%)"
          : "Number of features",
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * f.fontSize,
        grid: true,
        ...(normalize ? { domain: [0, 100] } : countAxis(Math.max(0, ...ends.values()))),
      },
      y: { label: null, domain: genomes, padding: 0.15 },
      color: { ...f.color, domain: order, range: kept.map(([, c]) => c), legend: true, columns: 2 },
      marks: [
        Plot.barX(bars, {
          x: "value",
          y: "genome",
          fill: "label",
          stroke: "#555555",
          strokeWidth: 0.5,
          title: (d: CogBar) => tip(d, normalize ? "share" : "count"),
          order: (d: CogBar) => order.indexOf(d.label),
          insetTop: 1,
          insetBottom: 1,
        }),
        Plot.ruleX([0]),
        Plot.text(genomes, {
          x: (g: string) => ends.get(g)!,
          y: (g: string) => g,
          text: (g: string) => nLabel(sums.get(g)!),
          textAnchor: "start",
          dx: 5,
          fontSize: f.fontSize * 0.85,
          fill: "#444",
          ariaDescription: "n",
        }),
      ],
    },
    f.leftovers,
    f.shared,
  );
}

function panelFigure(
  sums: Map<string, GenomeCounts>,
  bars: CogBar[],
  categories: readonly string[],
  unit: "count" | "share" | "deviation",
  f: Frame,
): PlotFigure {
  const genomes = [...sums.keys()];
  const labels = categories.map(cogLabel);
  const labelWidth = Math.max(0, ...labels.map((l) => estimateTextWidth(l, f.fontSize)));
  const marginLeft = Math.ceil(labelWidth) + 14;
  const faceted = genomes.length > 1;
  const marginTop = faceted ? 3.2 * f.fontSize + 4 : 10;
  const marginBottom = 2.8 * f.fontSize + 6;
  const marks: Plot.Markish[] = [
    Plot.barX(bars, {
      x: "value",
      y: "label",
      fill: "label",
      stroke: "#555555",
      strokeWidth: 0.5,
      title: (d: CogBar) => tip(d, unit),
      ...(faceted ? { fx: "genome" } : {}),
      insetTop: 1,
      insetBottom: 1,
    }),
    Plot.ruleX([0]),
  ];
  if (faceted) marks.push(Plot.frame({ stroke: "#dddddd" }));
  const xLabel = unit === "share"
    ? "Share of COG assignments (%)"
    : unit === "deviation"
    ? "Difference from the cohort mean (percentage points)"
    : "Number of features";
  return renderFigure(
    {
      title: DEFAULT_COG_CATEGORIES_PLOT_OPTIONS.title,
      width: marginLeft + 20 + Math.max(1, genomes.length) * f.panelWidth,
      height: marginTop + marginBottom + categories.length * f.barHeight,
      marginLeft,
      marginRight: 20,
      marginTop,
      marginBottom,
      x: {
        label: xLabel,
        labelAnchor: "center",
        labelArrow: "none",
        labelOffset: 2.6 * f.fontSize,
        grid: true,
        nice: true,
        ...(unit === "count"
          ? countAxis(Math.max(0, ...bars.map((b) => b.value)), 4)
          : { ticks: 4 }),
      },
      y: { label: null, domain: labels, padding: 0.12 },
      ...(faceted
        ? {
          fx: {
            label: null,
            domain: genomes,
            padding: 0.08,
            axis: "top",
            tickSize: 0,
            tickFormat: (g: string) => `${g}\n${nLabel(sums.get(g)!)}`,
          },
        }
        : {}),
      color: f.color,
      marks,
    },
    f.leftovers,
    f.shared,
  );
}
