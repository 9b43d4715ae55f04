/**
 * Private: the histogram behind `proteinLengthPlot` and `gcDistributionPlot`.
 *
 * @module
 */

import * as Plot from "../deps/observablehq_plot.ts";
import type { FigureOptions } from "./figure_options.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { fontOf, oneOf, positive, renderFigure, sharedOptions } from "./_figure.ts";
import { estimateTextWidth } from "./_text.ts";
import { countAxis } from "./_ticks.ts";

/** How several genomes are shown: one panel each, or lines over each other. */
export type HistogramLayout = "facet" | "overlay";

/** The options the histogram figures share. */
export interface HistogramOptions extends FigureOptions {
  /**
   * With several genomes: `facet`, one panel per genome (stacked, sharing the x axis), or
   * `overlay`, one outline per genome on one panel, as shares of each genome's values.
   * @default "facet"
   */
  layout?: HistogramLayout;
  /**
   * Mark each genome's median with a dashed line.
   * @default true
   */
  median?: boolean;
  /**
   * The height of one genome's panel, in px.
   * @default 110
   */
  panelHeight?: number;
}

/** One value to bin. */
export interface HistogramValue {
  genome: string;
  value: number;
}

/** What a histogram figure fixes. */
export interface HistogramSpec {
  title: string;
  xLabel: string;
  /** The bin width, in the units of `value`. */
  binWidth: number;
  /** The x domain; values outside are left out and counted in the caption. */
  domain?: [number, number];
  /** Formats a value for the median label. */
  format: (value: number) => string;
  /** Names the values in the caption, e.g. `proteins`. */
  noun: string;
  /** The colour of the bars with one genome. */
  color: string;
}

/** The genome name used for rows without one. */
export const NO_GENOME = "";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One bin of one genome: values in `[x1, x2)`. */
export interface Bin {
  genome: string;
  x1: number;
  x2: number;
  count: number;
  share: number;
}

/** Bins values per genome into `[k·w, (k+1)·w)`; empty bins are left out. */
export function binValues(values: HistogramValue[], width: number): Bin[] {
  const counts = new Map<string, Map<number, number>>();
  for (const { genome, value } of values) {
    const k = Math.floor(value / width + 1e-9);
    const own = counts.get(genome) ?? new Map<number, number>();
    own.set(k, (own.get(k) ?? 0) + 1);
    counts.set(genome, own);
  }
  const bins: Bin[] = [];
  for (const [genome, own] of counts) {
    const total = [...own.values()].reduce((a, b) => a + b, 0);
    for (const [k, count] of [...own].sort((a, b) => a[0] - b[0])) {
      bins.push({ genome, x1: k * width, x2: (k + 1) * width, count, share: count / total });
    }
  }
  return bins;
}

/** Step outlines of each genome's shares, with zero bins filled in and closed at both ends. */
function outlines(
  bins: Bin[],
  genomes: string[],
  width: number,
): { genome: string; x: number; share: number }[] {
  if (bins.length === 0) return [];
  const k0 = Math.min(...bins.map((b) => Math.round(b.x1 / width)));
  const k1 = Math.max(...bins.map((b) => Math.round(b.x1 / width)));
  const points: { genome: string; x: number; share: number }[] = [];
  for (const genome of genomes) {
    const own = new Map(
      bins.filter((b) => b.genome === genome).map((b) => [Math.round(b.x1 / width), b.share]),
    );
    points.push({ genome, x: k0 * width, share: 0 });
    for (let k = k0; k <= k1; k++) points.push({ genome, x: k * width, share: own.get(k) ?? 0 });
    points.push({ genome, x: (k1 + 1) * width, share: 0 });
  }
  return points;
}

/** What {@linkcode histogramLayout} returns: the bins, medians and arrangement, without a DOM. */
interface HistogramBins {
  /** The genomes, in input order. */
  genomes: string[];
  /** One outline per genome in one panel (several genomes, `overlay`). */
  overlay: boolean;
  /** One panel per genome (several genomes, `facet`). */
  facet: boolean;
  /** The bins of the values within the domain. */
  bins: Bin[];
  /** Each genome's median (of all its values). */
  medians: { genome: string; value: number }[];
  /** How many values fall outside the domain, said in a caption; undefined for none. */
  caption?: string;
}

/** Bins the values within the domain, each genome's median, and says what is left out. */
function histogramLayout(
  values: HistogramValue[],
  spec: HistogramSpec,
  layout: HistogramLayout,
): HistogramBins {
  const genomes = [...new Set(values.map((v) => v.genome))];
  const several = genomes.length > 1;
  const [lo, hi] = spec.domain ?? [-Infinity, Infinity];
  const shown = values.filter((v) => v.value >= lo && v.value < hi);
  const hidden = values.length - shown.length;
  const medians = genomes.map((genome) => {
    const own = values.filter((v) => v.genome === genome).map((v) => v.value);
    return { genome, value: own.length > 0 ? median(own) : NaN };
  }).filter((m) => Number.isFinite(m.value));
  const caption = hidden > 0
    ? `${hidden.toLocaleString("en-US")} ${spec.noun} ${
      lo <= 0 ? `of ${spec.format(hi)} or more` : `outside ${spec.format(lo)}–${spec.format(hi)}`
    } not shown.`
    : undefined;
  return {
    genomes,
    overlay: several && layout === "overlay",
    facet: several && layout === "facet",
    bins: binValues(shown, spec.binWidth),
    medians,
    caption,
  };
}

/** The histogram's marks: bars (or outlines), the zero rule and, when asked, the medians. */
function histogramMarks(
  h: HistogramBins,
  spec: HistogramSpec,
  showMedian: boolean,
  fontSize: number,
): Plot.CompoundMark {
  const panel = h.facet ? { fy: "genome" } : {};
  const data = h.overlay
    ? Plot.line(outlines(h.bins, h.genomes, spec.binWidth), {
      x: "x",
      y: "share",
      z: "genome",
      stroke: "genome",
      strokeWidth: 1.8,
      curve: "step-after",
      ariaDescription: "histogram",
    })
    : Plot.rectY(h.bins, {
      x1: "x1",
      x2: "x2",
      y: "count",
      ...panel,
      fill: spec.color,
      insetLeft: 0.5,
      insetRight: 0.5,
      title: (d: Bin) =>
        `${d.genome ? `${d.genome}\n` : ""}${spec.format(d.x1)}–${spec.format(d.x2)}: ${d.count}`,
      ariaDescription: "histogram",
    });
  if (!showMedian) return Plot.marks(data, Plot.ruleY([0]));
  return Plot.marks(
    data,
    Plot.ruleY([0]),
    Plot.ruleX(h.medians, {
      x: "value",
      ...panel,
      ...(h.overlay ? { stroke: "genome" } : { stroke: "#c0392b" }),
      strokeDasharray: "5,3",
      strokeWidth: 1.5,
      ariaDescription: "median",
    }),
    ...(h.overlay ? [] : [Plot.text(h.medians, {
      x: "value",
      ...panel,
      text: (d: { value: number }) => `median ${spec.format(d.value)}`,
      frameAnchor: "top",
      textAnchor: "start",
      dx: 5,
      dy: 4,
      fill: "#c0392b",
      fontSize: fontSize * 0.9,
    })]),
  );
}

/** Draws the histogram of `values` (already validated), one panel or outline per genome. */
export function histogramPlot(
  values: HistogramValue[],
  spec: HistogramSpec,
  options: HistogramOptions,
  defaults: { layout: HistogramLayout; median: boolean; panelHeight: number },
): PlotFigure {
  const {
    layout = defaults.layout,
    median: showMedian = defaults.median,
    panelHeight = defaults.panelHeight,
    ...rest
  } = options;
  oneOf("layout", layout, ["facet", "overlay"]);
  positive("panelHeight", panelHeight);
  positive("binWidth", spec.binWidth);
  const { shared, leftovers } = sharedOptions(rest);
  const { fontSize } = fontOf(shared);
  const h = histogramLayout(values, spec, layout);
  return renderFigure(
    {
      title: spec.title,
      ...(h.caption !== undefined ? { caption: h.caption } : {}),
      ...histogramFrame(h, panelHeight, fontSize),
      ...histogramScales(h, spec, fontSize),
      marks: [histogramMarks(h, spec, showMedian, fontSize)],
    },
    leftovers,
    shared,
  );
}

/** The figure's size and margins: a panel per genome (names on the right), else one panel. */
function histogramFrame(h: HistogramBins, panelHeight: number, fontSize: number) {
  const genomeWidth = h.facet
    ? Math.max(0, ...h.genomes.map((g) => estimateTextWidth(g, fontSize)))
    : 0;
  const marginBottom = 2.8 * fontSize + 6;
  const marginTop = 1.8 * fontSize;
  const panels = h.facet ? h.genomes.length : 1;
  return {
    width: 720,
    height: marginTop + marginBottom +
      panels * (h.facet ? panelHeight : Math.max(panelHeight, 300)),
    marginTop,
    marginLeft: 60,
    marginRight: h.facet ? Math.ceil(genomeWidth) + 16 : 20,
    marginBottom,
  };
}

/** The scales: values on x, counts (or shares when overlaid) on y, genomes as panels or colours. */
function histogramScales(h: HistogramBins, spec: HistogramSpec, fontSize: number) {
  const { genomes, facet, overlay, bins } = h;
  return {
    x: {
      label: spec.xLabel,
      labelAnchor: "center",
      labelArrow: "none",
      labelOffset: 2.6 * fontSize,
      ...(spec.domain ? { domain: spec.domain } : {}),
    },
    y: {
      label: overlay ? "Share" : "Count",
      labelArrow: "none",
      grid: true,
      nice: true,
      ...(overlay
        ? { percent: true, label: "Share (%)" }
        : countAxis(Math.max(0, ...bins.map((b) => b.count)), facet ? 3 : 5)),
    },
    ...(facet
      ? { fy: { label: null, domain: genomes, padding: 0.12, axis: "right", tickSize: 0 } }
      : {}),
    ...(overlay ? { color: { type: "categorical", domain: genomes, legend: true } } : {}),
  };
}
